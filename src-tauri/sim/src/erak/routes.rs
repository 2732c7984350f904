//! E-RÄK's HTTP endpoints (see the module doc of [`super`]): the supplier's API and the
//! signing page's buttons.

use std::sync::Arc;
use std::time::{Instant, SystemTime};

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use bytes::Bytes;
use serde::Deserialize;
use serde_json::json;

use super::page::{self, appended};
use super::validation::{validate, FieldError};
use super::{set_status, ErakState, ErakStatus, Invoice, InvoiceSnapshot};
use crate::json_request::{json_request, NotJson};
use crate::Shared;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/public/v1/create", post(create))
        .route("/public/v1/status/{fingerprint}", get(status))
        .route("/sign", get(page::sign_page))
        .route("/sign/{fingerprint}/complete", post(complete))
        .fallback(not_found)
        .with_state(shared)
}

fn errors(status: StatusCode, list: Vec<FieldError>) -> Response {
    (status, Json(json!({ "errors": list }))).into_response()
}

fn one_error(status: StatusCode, field: &str, message: &str) -> Response {
    errors(
        status,
        vec![FieldError {
            field: field.to_string(),
            message: message.to_string(),
        }],
    )
}

async fn not_found() -> Response {
    one_error(StatusCode::NOT_FOUND, "", "Sidan finns inte.")
}

async fn index() -> Html<&'static str> {
    Html(page::INDEX)
}

fn key_ok(shared: &Shared, headers: &HeaderMap) -> bool {
    headers
        .get(shared.config.erak_key_header.as_str())
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == shared.config.erak_key)
}

fn unauthorized(shared: &Shared) -> Response {
    one_error(
        StatusCode::UNAUTHORIZED,
        &shared.config.erak_key_header,
        "Nyckeln saknas eller är fel.",
    )
}

async fn create(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    if !key_ok(&shared, &headers) {
        tracing::info!("erak: create refused, wrong or missing key");
        return unauthorized(&shared);
    }
    let value = match json_request(&headers, &body) {
        Ok(value) => value,
        Err(NotJson::ContentType) => {
            return one_error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "",
                "Content-Type ska vara application/json.",
            )
        }
        Err(NotJson::Body(e)) => {
            return one_error(StatusCode::BAD_REQUEST, "", &format!("Ogiltig JSON: {e}"))
        }
    };
    let valid = match validate(&value, shared.config.today()) {
        Ok(valid) => valid,
        Err(list) => {
            tracing::info!(
                errors = list.len(),
                "erak: create refused, validation errors"
            );
            return errors(StatusCode::BAD_REQUEST, list);
        }
    };
    let fingerprint = uuid::Uuid::new_v4().simple().to_string();
    let now = SystemTime::now();
    let invoice = Invoice {
        snapshot: InvoiceSnapshot {
            fingerprint: fingerprint.clone(),
            status: ErakStatus::Created,
            history: vec![(ErakStatus::Created, now)],
            body: value,
            return_url: valid.return_url,
            signal_url: valid.signal_url,
            received_at: now,
        },
        created: Instant::now(),
        page: valid.page,
    };
    {
        let mut guard = shared.erak.lock();
        guard.0.push(fingerprint.clone());
        guard.1.insert(fingerprint.clone(), invoice);
    }
    tracing::info!(%fingerprint, "erak: invoice created");
    (StatusCode::OK, Json(json!({ "fingerprint": fingerprint }))).into_response()
}

async fn status(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(fingerprint): Path<String>,
) -> Response {
    if !key_ok(&shared, &headers) {
        return unauthorized(&shared);
    }
    match shared.erak.status(&fingerprint, &shared.config) {
        Some(status) => {
            Json(json!({ "fingerprint": fingerprint, "status": status })).into_response()
        }
        None => one_error(
            StatusCode::NOT_FOUND,
            "fingerprint",
            "Det finns ingen räkning med den verifieringskoden.",
        ),
    }
}

#[derive(Deserialize)]
struct CompleteForm {
    action: String,
    /// Simulator options, not FK's (FK's real page is not public; these play the shapes it
    /// might use): how the page signals, what it appends to both links, a fragment on them,
    /// and the status in lower case.
    #[serde(default)]
    signal: SignalShape,
    #[serde(default)]
    append: Option<String>,
    #[serde(default)]
    fragment: Option<String>,
    #[serde(default)]
    lowercase: Option<String>,
}

/// How the signing page's script sends the signal (a simulator option, `signal=` in the
/// button's form; see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignalShape {
    /// `POST` `application/json` `{"fingerprint","status"}` (preflighted): the default.
    #[default]
    Json,
    /// `POST` `application/x-www-form-urlencoded` `fingerprint=…&status=…` (no preflight).
    Form,
    /// `POST` `text/plain;charset=UTF-8` with the JSON (as `navigator.sendBeacon` sends a
    /// string; no preflight).
    Text,
    /// `GET` with `fingerprint` and `status` in the signal URL's query (no preflight).
    Query,
}

impl SignalShape {
    pub fn as_str(self) -> &'static str {
        match self {
            SignalShape::Json => "json",
            SignalShape::Form => "form",
            SignalShape::Text => "text",
            SignalShape::Query => "query",
        }
    }
}

async fn complete(
    State(shared): State<Arc<Shared>>,
    Path(fingerprint): Path<String>,
    headers: HeaderMap,
    Form(form): Form<CompleteForm>,
) -> Response {
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    let (status, return_url, signal_url) = {
        let mut guard = shared.erak.lock();
        let Some(invoice) = guard.1.get_mut(&fingerprint) else {
            return one_error(
                StatusCode::NOT_FOUND,
                "fingerprint",
                "Det finns ingen räkning med den verifieringskoden.",
            );
        };
        ErakState::expire_if_due(invoice, &shared.config);
        if invoice.snapshot.status != ErakStatus::Created {
            return one_error(
                StatusCode::CONFLICT,
                "fingerprint",
                &format!(
                    "Räkningen har redan status {}.",
                    invoice.snapshot.status.as_str()
                ),
            );
        }
        match form.action.as_str() {
            "sign" => {
                set_status(invoice, ErakStatus::Signed);
                set_status(invoice, ErakStatus::Received);
            }
            "cancel" => set_status(invoice, ErakStatus::Cancelled),
            _ => {
                return one_error(
                    StatusCode::BAD_REQUEST,
                    "action",
                    "action ska vara sign eller cancel.",
                )
            }
        }
        (
            invoice.snapshot.status,
            invoice.snapshot.return_url.clone(),
            invoice.snapshot.signal_url.clone(),
        )
    };
    tracing::info!(%fingerprint, status = status.as_str(), "erak: invoice finished on the signing page");
    let status_text = if form.lowercase.as_deref() == Some("1") {
        status.as_str().to_ascii_lowercase()
    } else {
        status.as_str().to_string()
    };
    let redirect = match url::Url::parse(&return_url) {
        Ok(mut url) => {
            url.query_pairs_mut()
                .append_pair("fingerprint", &fingerprint)
                .append_pair("status", &status_text);
            url.to_string()
        }
        Err(_) => return_url,
    };
    let redirect = appended(&redirect, form.append.as_deref(), form.fragment.as_deref());
    let signal = json!({ "fingerprint": fingerprint, "status": status_text });
    let pairs: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("fingerprint", &fingerprint)
        .append_pair("status", &status_text)
        .finish();
    let shape = form.signal;
    let signal_url = signal_url.map(|u| {
        let with_query = if shape == SignalShape::Query {
            appended(&u, Some(&pairs), None)
        } else {
            u
        };
        appended(
            &with_query,
            form.append.as_deref(),
            form.fragment.as_deref(),
        )
    });
    let (signal_method, signal_type, signal_payload) = match shape {
        SignalShape::Json => ("POST", Some("application/json"), signal.to_string()),
        SignalShape::Form => (
            "POST",
            Some("application/x-www-form-urlencoded"),
            pairs.clone(),
        ),
        SignalShape::Text => ("POST", Some("text/plain;charset=UTF-8"), signal.to_string()),
        SignalShape::Query => ("GET", None, String::new()),
    };
    if wants_json {
        return Json(json!({
            "fingerprint": fingerprint,
            "status": status,
            "redirect": redirect,
            "signalUrl": signal_url,
            "signal": signal,
            "signalMethod": signal_method,
            "signalContentType": signal_type,
            "signalPayload": signal_payload,
        }))
        .into_response();
    }
    page::completed(
        status,
        &redirect,
        signal_url.as_deref(),
        &signal,
        signal_method,
        signal_type,
        &signal_payload,
    )
}
