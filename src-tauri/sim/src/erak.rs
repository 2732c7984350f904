//! E-RÄK: the invoice (räkning) API and FK's signing page, as Timbok assumes them
//! (erak.md, "Timbok's assumed wire contract"). Plain HTTP on loopback.
//!
//! # Endpoints
//!
//! - `POST /public/v1/create`: JSON body below; the supplier key in the header named by
//!   `SimConfig::erak_key_header` (default `X-Erak-Key`). Wrong or missing key: `401`.
//!   Body not JSON (or `Content-Type` not `application/json`): `400`/`415`. Validation errors:
//!   `400 {"errors":[{"field":"invoice.answers.hospitalStay.dates","message":"…"}]}` (every
//!   error found, each naming the JSON path of the field). Accepted: `200 {"fingerprint":"…"}`.
//! - `GET /public/v1/status/{fingerprint}` (same key header): `200 {"fingerprint","status"}`,
//!   `404` for a fingerprint never issued, `401` without the key.
//! - `GET /sign?fingerprint=…`: FK's page showing the invoice, with "Skriv under" and "Avbryt".
//! - `POST /sign/{fingerprint}/complete`, form field `action=sign|cancel`: what the buttons
//!   do. Sign: CREATED → SIGNED → RECEIVED; cancel: → CANCELLED. The answer is a page whose
//!   own script first POSTs `{"fingerprint","status"}` with `Content-Type: application/json`
//!   to `signalUrl` (cross-origin, so the browser sends a CORS preflight), then sends the
//!   browser to `returnUrl` with `fingerprint` and `status` appended to its query (its own
//!   parameters, such as `state`, are kept). For clients without a browser the same answer
//!   carries the headers `X-Erak-Redirect` (the full return URL), `X-Erak-Signal-Url` and
//!   `X-Erak-Signal-Body`; with `Accept: application/json` the answer is JSON instead:
//!   `{"fingerprint","status","redirect","signalUrl","signal":{"fingerprint","status"}}`.
//!   A second press on a finished invoice: `409`.
//! - Simulator options on that form (not FK's; its real page is not public, so these play the
//!   shapes it might use, for Timbok's tests): `signal=json|form|text|query` ([`SignalShape`]:
//!   the JSON POST above, a form POST, a `text/plain` POST of the JSON, or a `GET` with the
//!   fields in the signal URL's query; the last three are "simple" requests a browser sends
//!   without a preflight), `append=RAW` (its own parameters appended to both links, with `?`
//!   or `&`), `fragment=F` (`#F` on both links) and `lowercase=1` (the status in lower case).
//!   The answer then also carries `X-Erak-Signal-Method`, `X-Erak-Signal-Content-Type` (absent
//!   for `query`) and `X-Erak-Signal-Payload` (the bytes the script sends).
//!
//! Statuses: `CREATED`, `SIGNED`, `RECEIVED`, `CANCELLED`, `EXPIRED` (not signed within
//! `SimConfig::erak_invoice_ttl`).
//!
//! # The create body (all names camelCase)
//!
//! ```text
//! supplier.name                 string, required        the supplier's name
//! supplier.id                   string, required        the supplier's identifier
//! returnUrl                     http(s) URL, required
//! signalUrl                     http(s) URL, optional   (absent or null: no signal)
//! invoice.scenario              "A".."F", required      (domain.md, "Invoice scenarios")
//! invoice.year                  integer, required
//! invoice.month                 integer 1–12, required; the month must have ended
//!                               (Europe/Stockholm)
//! invoice.person.personnummer   12 digits YYYYMMDDNNNN, no separator; valid date, not in
//!                               the future, Luhn over the last 10 (a samordningsnummer,
//!                               day + 60, is accepted)
//! invoice.person.firstName      string, required
//! invoice.person.lastName       string, required
//! invoice.totals.activeMinutes  integer >= 0, required (aktiv tid, real minutes)
//! invoice.totals.waitingMinutes integer >= 0, required (väntetid)
//! invoice.totals.standbyMinutes integer >= 0, required (beredskapstid)
//! invoice.answers.lssActivity   {"answer": bool, "kinds": [..]}, required; kinds required
//!                               and non-empty when answer is true, each one of
//!                               "barnomsorg", "skola", "dagligVerksamhet"
//! invoice.answers.hospitalStay  {"answer": bool, "dates": [{"from","to"}]}, required; dates
//!                               required and non-empty when answer is true; from/to are
//!                               local "YYYY-MM-DDTHH:MM", from < to, overlapping the month
//! invoice.answers.outsideEea    {"answer": bool}, required
//!   scenarios A, B, C only:
//! invoice.answers.previousPayment {"answer": bool, "remainingOre": integer >= 0}, required;
//!                               answer = "used last month's payment to buy assistance?";
//!                               remainingOre required when answer is false
//!   scenarios D, E, F only:
//! invoice.answers.lastMonthOfPeriod bool, required
//!   scenarios D, E, F, only when lastMonthOfPeriod is true (then all required):
//! invoice.answers.costs         {"wagesOre","overheadsOre","trainingOre","workEnvironmentOre"}
//!                               integers >= 0 (lön och lönebikostnader,
//!                               assistansomkostnader, utbildning, arbetsmiljö och personal)
//! invoice.answers.period        {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}, from <= to,
//!                               to inside the invoice month
//! invoice.answers.moneyLeft     {"answer": bool, "amountOre": integer > 0}; amountOre
//!                               required when answer is true
//! invoice.answers.repayment     "deductFromNextPayment" | "payBack" (exactly one of the two)
//! invoice.signer.role           A, D: "self"; B, E: "vardnadshavare"; C, F: "godMan" or
//!                               "forvaltare"
//! invoice.signer.personnummer   B, C, E, F: required, valid, not the person's;
//!                               A, D: optional, and if given the person's
//! invoice.signer.nameInPrint    B, C, E, F: required (namnförtydligande); A, D: optional
//! invoice.phone                 string, required: at least 6 digits; digits, spaces, + - ( )
//! ```
//!
//! An answer that belongs to another scenario (or to the last month of the period when
//! `lastMonthOfPeriod` is false) is an error: the wizard must ask only its scenario's
//! questions. Other unknown fields are ignored. Amounts are integer öre.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use bytes::Bytes;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::error::{Result, SimError};
use crate::identity::{check_personal_id, IdProblem};
use crate::xml::escape;
use crate::{Shared, SimConfig};

/// The status of an invoice in E-RÄK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErakStatus {
    Created,
    Signed,
    Received,
    Cancelled,
    Expired,
}

impl ErakStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ErakStatus::Created => "CREATED",
            ErakStatus::Signed => "SIGNED",
            ErakStatus::Received => "RECEIVED",
            ErakStatus::Cancelled => "CANCELLED",
            ErakStatus::Expired => "EXPIRED",
        }
    }
}

/// An accepted invoice as E-RÄK holds it.
#[derive(Debug, Clone)]
pub struct InvoiceSnapshot {
    pub fingerprint: String,
    pub status: ErakStatus,
    /// Every status it has had, with when.
    pub history: Vec<(ErakStatus, SystemTime)>,
    /// The create request's body as received.
    pub body: Value,
    pub return_url: String,
    pub signal_url: Option<String>,
    pub received_at: SystemTime,
}

struct Invoice {
    snapshot: InvoiceSnapshot,
    created: Instant,
    page: Vec<(String, String)>,
}

/// E-RÄK's invoices, by fingerprint.
#[derive(Default)]
pub(crate) struct ErakState {
    invoices: Mutex<(Vec<String>, HashMap<String, Invoice>)>,
}

impl ErakState {
    fn lock(&self) -> std::sync::MutexGuard<'_, (Vec<String>, HashMap<String, Invoice>)> {
        self.invoices.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn expire_if_due(invoice: &mut Invoice, config: &SimConfig) {
        if invoice.snapshot.status == ErakStatus::Created
            && invoice.created.elapsed() >= config.erak_invoice_ttl
        {
            set_status(invoice, ErakStatus::Expired);
        }
    }

    pub fn snapshots(&self, config: &SimConfig) -> Vec<InvoiceSnapshot> {
        let mut guard = self.lock();
        let (order, map) = &mut *guard;
        let mut out = Vec::with_capacity(order.len());
        for fp in order.iter() {
            if let Some(invoice) = map.get_mut(fp) {
                Self::expire_if_due(invoice, config);
                out.push(invoice.snapshot.clone());
            }
        }
        out
    }

    pub fn status(&self, fingerprint: &str, config: &SimConfig) -> Option<ErakStatus> {
        let mut guard = self.lock();
        let invoice = guard.1.get_mut(fingerprint)?;
        Self::expire_if_due(invoice, config);
        Some(invoice.snapshot.status)
    }

    pub fn expire(&self, fingerprint: &str) -> Result<()> {
        let mut guard = self.lock();
        let invoice = guard
            .1
            .get_mut(fingerprint)
            .ok_or(SimError::NoSuchInvoice)?;
        if invoice.snapshot.status == ErakStatus::Created {
            set_status(invoice, ErakStatus::Expired);
        }
        Ok(())
    }
}

fn set_status(invoice: &mut Invoice, status: ErakStatus) {
    invoice.snapshot.status = status;
    invoice.snapshot.history.push((status, SystemTime::now()));
}

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/public/v1/create", post(create))
        .route("/public/v1/status/{fingerprint}", get(status))
        .route("/sign", get(sign_page))
        .route("/sign/{fingerprint}/complete", post(complete))
        .fallback(not_found)
        .with_state(shared)
}

/// One validation error, as E-RÄK answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct FieldError {
    field: String,
    message: String,
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
    Html(
        "<!doctype html><html lang=\"sv\"><meta charset=\"utf-8\"><title>E-RÄK (simulator)</title>\
          <h1>E-RÄK (simulator)</h1><p>Den här tjänsten tar emot räkningar från Timbok i demoläge. \
          Inget skickas till Försäkringskassan.</p></html>",
    )
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
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !is_json {
        return one_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "",
            "Content-Type ska vara application/json.",
        );
    }
    let value: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return one_error(StatusCode::BAD_REQUEST, "", &format!("Ogiltig JSON: {e}")),
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
struct SignQuery {
    fingerprint: Option<String>,
}

const PAGE_STYLE: &str = "body{font-family:Arial,Helvetica,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1e23}\
h1{font-size:1.6rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem}dt{font-weight:bold}\
button{font-size:1rem;padding:.6rem 1.2rem;margin-right:1rem;border-radius:4px;border:2px solid #1b1e23;background:#fff}\
button.primary{background:#1b1e23;color:#fff}.demo{background:#fff4d6;padding:.5rem 1rem;border-left:4px solid #c78f00}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>{PAGE_STYLE}</style></head>\
         <body><p class=\"demo\">Simulerad e-tjänst – inget skickas till Försäkringskassan.</p>{body}</body></html>",
        title = escape(title)
    )
}

async fn sign_page(State(shared): State<Arc<Shared>>, Query(query): Query<SignQuery>) -> Response {
    let Some(fingerprint) = query.fingerprint.filter(|f| !f.is_empty()) else {
        return (
            StatusCode::BAD_REQUEST,
            Html(page(
                "Räkning saknas",
                "<h1>Räkningen hittades inte</h1><p>Länken saknar verifieringskod.</p>",
            )),
        )
            .into_response();
    };
    let mut guard = shared.erak.lock();
    let Some(invoice) = guard.1.get_mut(&fingerprint) else {
        return (
            StatusCode::NOT_FOUND,
            Html(page(
                "Räkning saknas",
                "<h1>Räkningen hittades inte</h1><p>Verifieringskoden är okänd.</p>",
            )),
        )
            .into_response();
    };
    ErakState::expire_if_due(invoice, &shared.config);
    let mut body = String::from("<h1>Räkning för assistansersättning</h1><dl>");
    for (label, value) in &invoice.page {
        body.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>",
            escape(label),
            escape(value)
        ));
    }
    body.push_str("</dl>");
    if invoice.snapshot.status == ErakStatus::Created {
        body.push_str(&format!(
            "<form method=\"post\" action=\"/sign/{fp}/complete\">\
             <p>Genom att skriva under intygar du att uppgifterna är riktiga.</p>\
             <button class=\"primary\" type=\"submit\" name=\"action\" value=\"sign\">Skriv under</button>\
             <button type=\"submit\" name=\"action\" value=\"cancel\">Avbryt</button></form>",
            fp = escape(&fingerprint)
        ));
    } else {
        body.push_str(&format!(
            "<p>Räkningen har status {}. Den kan inte skrivas under här längre.</p>",
            invoice.snapshot.status.as_str()
        ));
    }
    Html(page("Skriv under räkningen", &body)).into_response()
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

/// `url` with the raw query `extra` appended (`?` or `&`, as a careful page does) and then
/// `#fragment`.
fn appended(url: &str, extra: Option<&str>, fragment: Option<&str>) -> String {
    let mut out = url.to_string();
    if let Some(extra) = extra.filter(|e| !e.is_empty()) {
        out.push(if out.contains('?') { '&' } else { '?' });
        out.push_str(extra);
    }
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// A string as a JavaScript literal that is safe inside a `<script>` element.
fn js_string(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_else(|_| "\"\"".into())
        .replace("</", "<\\/")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
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
    let (heading, text) = match status {
        ErakStatus::Received => (
            "Räkningen är underskriven",
            "Försäkringskassan har tagit emot räkningen. Du skickas nu tillbaka.",
        ),
        _ => (
            "Räkningen skrevs inte under",
            "Du avbröt. Du skickas nu tillbaka.",
        ),
    };
    let script = format!(
        "<script>\n(function () {{\n  var signalUrl = {signal_url};\n  var returnUrl = {return_url};\n  \
         var signal = {signal};\n  function back() {{ window.location.replace(returnUrl); }}\n  \
         if (!signalUrl) {{ back(); return; }}\n  \
         var init = {{ method: {method}, mode: \"cors\" }};\n  var type = {content_type};\n  \
         if (type) {{ init.headers = {{ \"Content-Type\": type }}; init.body = {payload}; }}\n  \
         fetch(signalUrl, init)\n    .catch(function () {{}})\n    .then(back, back);\n}})();\n</script>",
        signal_url = signal_url.as_deref().map_or_else(|| "null".to_string(), js_string),
        return_url = js_string(&redirect),
        signal = signal.to_string().replace("</", "<\\/"),
        method = js_string(signal_method),
        content_type = signal_type.map_or_else(|| "null".to_string(), js_string),
        payload = js_string(&signal_payload),
    );
    let body = format!(
        "<h1>{heading}</h1><p>{text}</p><p><a id=\"tillbaka\" href=\"{href}\">Tillbaka till tjänsten</a></p>{script}",
        href = escape(&redirect)
    );
    let mut response = Html(page(heading, &body)).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        ("x-erak-redirect", Some(redirect.clone())),
        ("x-erak-signal-url", signal_url.clone()),
        ("x-erak-signal-body", Some(signal.to_string())),
        ("x-erak-signal-method", Some(signal_method.to_string())),
        (
            "x-erak-signal-content-type",
            signal_type.map(str::to_string),
        ),
        ("x-erak-signal-payload", Some(signal_payload.clone())),
    ] {
        if let Some(value) = value.and_then(|v| HeaderValue::from_str(&v).ok()) {
            headers.insert(name, value);
        }
    }
    response
}

// ---------------------------------------------------------------------------------------------
// Validation

struct Valid {
    return_url: String,
    signal_url: Option<String>,
    page: Vec<(String, String)>,
}

struct Check {
    errors: Vec<FieldError>,
    today: NaiveDate,
}

const MISSING: &str = "Uppgiften saknas.";

impl Check {
    fn err(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_string(),
            message: message.into(),
        });
    }

    fn present<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
        map.get(key).filter(|v| !v.is_null())
    }

    fn object<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        key: &str,
        field: &str,
    ) -> Option<&'v Map<String, Value>> {
        match Self::present(map, key) {
            None => {
                self.err(field, MISSING);
                None
            }
            Some(Value::Object(o)) => Some(o),
            Some(_) => {
                self.err(field, "Uppgiften ska vara ett objekt.");
                None
            }
        }
    }

    fn string<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        key: &str,
        field: &str,
    ) -> Option<&'v str> {
        match Self::present(map, key) {
            None => {
                self.err(field, MISSING);
                None
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.err(field, MISSING);
                None
            }
            Some(Value::String(s)) => Some(s.as_str()),
            Some(_) => {
                self.err(field, "Uppgiften ska vara en text.");
                None
            }
        }
    }

    fn boolean(&mut self, map: &Map<String, Value>, key: &str, field: &str) -> Option<bool> {
        match Self::present(map, key) {
            None => {
                self.err(field, "Svara Ja eller Nej.");
                None
            }
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => {
                self.err(field, "Svaret ska vara true eller false.");
                None
            }
        }
    }

    fn integer(
        &mut self,
        map: &Map<String, Value>,
        key: &str,
        field: &str,
        min: i64,
    ) -> Option<i64> {
        match Self::present(map, key) {
            None => {
                self.err(field, MISSING);
                None
            }
            Some(v) => match v.as_i64() {
                Some(n) if n >= min => Some(n),
                Some(_) => {
                    self.err(field, format!("Värdet ska vara minst {min}."));
                    None
                }
                None => {
                    self.err(field, "Värdet ska vara ett heltal.");
                    None
                }
            },
        }
    }

    fn personal_id<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        key: &str,
        field: &str,
    ) -> Option<&'v str> {
        let s = self.string(map, key, field)?;
        match check_personal_id(s, self.today) {
            Ok(_) => Some(s),
            Err(problem) => {
                self.err(field, id_message(problem));
                None
            }
        }
    }

    fn absent(&mut self, map: &Map<String, Value>, key: &str, field: &str, why: &str) {
        if Self::present(map, key).is_some() {
            self.err(field, why);
        }
    }
}

fn id_message(problem: IdProblem) -> String {
    format!("Personnumret är inte giltigt. {}", problem.message())
}

fn check_url(check: &mut Check, s: &str, field: &str) -> Option<String> {
    match url::Url::parse(s) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {
            Some(s.to_string())
        }
        _ => {
            check.err(
                field,
                "Adressen ska vara en fullständig http- eller https-adress.",
            );
            None
        }
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "Ja"
    } else {
        "Nej"
    }
}

fn kronor(ore: i64) -> String {
    let kr = ore / 100;
    let digits = kr.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{grouped},{:02} kr", ore % 100)
}

fn hours(minutes: i64) -> String {
    format!("{} tim {} min", minutes / 60, minutes % 60)
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

fn month_bounds(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((first, next))
}

fn validate(body: &Value, today: NaiveDate) -> std::result::Result<Valid, Vec<FieldError>> {
    let mut c = Check {
        errors: Vec::new(),
        today,
    };
    let Some(root) = body.as_object() else {
        c.err("", "Förfrågan ska vara ett JSON-objekt.");
        return Err(c.errors);
    };
    let mut page = Vec::new();

    if let Some(supplier) = c.object(root, "supplier", "supplier") {
        c.string(supplier, "name", "supplier.name");
        c.string(supplier, "id", "supplier.id");
    }
    let return_url = c
        .string(root, "returnUrl", "returnUrl")
        .and_then(|s| check_url(&mut c, s, "returnUrl"));
    let signal_url = match Check::present(root, "signalUrl") {
        None => None,
        Some(Value::String(s)) => check_url(&mut c, s, "signalUrl"),
        Some(_) => {
            c.err("signalUrl", "Adressen ska vara en text.");
            None
        }
    };

    if let Some(invoice) = c.object(root, "invoice", "invoice") {
        validate_invoice(&mut c, invoice, &mut page);
    }
    match (c.errors.is_empty(), return_url) {
        (true, Some(return_url)) => Ok(Valid {
            return_url,
            signal_url,
            page,
        }),
        _ => Err(c.errors),
    }
}

fn validate_invoice(c: &mut Check, inv: &Map<String, Value>, page: &mut Vec<(String, String)>) {
    let scenario = match c.string(inv, "scenario", "invoice.scenario") {
        Some(s) if matches!(s, "A" | "B" | "C" | "D" | "E" | "F") => {
            Some(s.chars().next().unwrap_or('A'))
        }
        Some(_) => {
            c.err(
                "invoice.scenario",
                "Scenariot ska vara A, B, C, D, E eller F.",
            );
            None
        }
        None => None,
    };

    // Year and month: a month that has ended.
    let year = c.integer(inv, "year", "invoice.year", 2000);
    let month = c.integer(inv, "month", "invoice.month", 1);
    let mut bounds = None;
    if let (Some(year), Some(month)) = (year, month) {
        match (month <= 12, i32::try_from(year).ok()) {
            (true, Some(y)) => {
                let (first, next) = month_bounds(y, month as u32).unwrap_or((c.today, c.today));
                if c.today < next {
                    c.err(
                        "invoice.month",
                        "Månaden har inte tagit slut än. En räkning lämnas efter månadens slut.",
                    );
                } else {
                    bounds = Some((first, next));
                    page.push((
                        "Månad".into(),
                        format!("{} {}", MONTHS[month as usize - 1], y),
                    ));
                }
            }
            _ => c.err("invoice.month", "Månaden ska vara 1–12."),
        }
    }

    // The person.
    let mut person_id = None;
    if let Some(person) = c.object(inv, "person", "invoice.person") {
        person_id = c.personal_id(person, "personnummer", "invoice.person.personnummer");
        let first = c.string(person, "firstName", "invoice.person.firstName");
        let last = c.string(person, "lastName", "invoice.person.lastName");
        if let (Some(first), Some(last)) = (first, last) {
            page.push(("Den som har assistans".into(), format!("{first} {last}")));
        }
        if let Some(id) = person_id {
            page.push(("Personnummer".into(), format!("{}-{}", &id[..8], &id[8..])));
        }
    }

    // Totals.
    if let Some(totals) = c.object(inv, "totals", "invoice.totals") {
        for (key, label) in [
            ("activeMinutes", "Aktiv tid"),
            ("waitingMinutes", "Väntetid"),
            ("standbyMinutes", "Beredskapstid"),
        ] {
            if let Some(m) = c.integer(totals, key, &format!("invoice.totals.{key}"), 0) {
                page.push((label.into(), hours(m)));
            }
        }
    }

    // Answers.
    if let Some(answers) = c.object(inv, "answers", "invoice.answers") {
        validate_answers(c, answers, scenario, bounds, page);
    }

    // Signer.
    if let Some(signer) = c.object(inv, "signer", "invoice.signer") {
        validate_signer(c, signer, scenario, person_id, page);
    }

    // Phone.
    if let Some(phone) = c.string(inv, "phone", "invoice.phone") {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let allowed = phone
            .chars()
            .all(|ch| ch.is_ascii_digit() || " +-()".contains(ch));
        if !allowed || digits < 6 {
            c.err("invoice.phone", "Telefonnumret ska ha minst sex siffror.");
        } else {
            page.push(("Telefonnummer".into(), phone.to_string()));
        }
    }
}

fn validate_answers(
    c: &mut Check,
    answers: &Map<String, Value>,
    scenario: Option<char>,
    bounds: Option<(NaiveDate, NaiveDate)>,
    page: &mut Vec<(String, String)>,
) {
    const F: &str = "invoice.answers";

    // LSS activity.
    if let Some(lss) = c.object(answers, "lssActivity", &format!("{F}.lssActivity")) {
        if let Some(answer) = c.boolean(lss, "answer", &format!("{F}.lssActivity.answer")) {
            let field = format!("{F}.lssActivity.kinds");
            let kinds = Check::present(lss, "kinds");
            if answer {
                match kinds.and_then(Value::as_array) {
                    Some(list) if !list.is_empty() => {
                        let mut names = Vec::new();
                        for (i, k) in list.iter().enumerate() {
                            match k.as_str() {
                                Some("barnomsorg") => names.push("barnomsorg"),
                                Some("skola") => names.push("skola"),
                                Some("dagligVerksamhet") => names.push("daglig verksamhet"),
                                _ => c.err(
                                    &format!("{field}[{i}]"),
                                    "Typ av verksamhet ska vara barnomsorg, skola eller dagligVerksamhet.",
                                ),
                            }
                        }
                        page.push((
                            "Assistans i barnomsorg, skola eller daglig verksamhet".into(),
                            format!("Ja: {}", names.join(", ")),
                        ));
                    }
                    _ => c.err(&field, "Fyll i typ av verksamhet."),
                }
            } else {
                if kinds
                    .and_then(Value::as_array)
                    .is_some_and(|l| !l.is_empty())
                {
                    c.err(&field, "Typ av verksamhet fylls bara i om svaret är Ja.");
                }
                page.push((
                    "Assistans i barnomsorg, skola eller daglig verksamhet".into(),
                    "Nej".into(),
                ));
            }
        }
    }

    // Hospital stay.
    if let Some(stay) = c.object(answers, "hospitalStay", &format!("{F}.hospitalStay")) {
        if let Some(answer) = c.boolean(stay, "answer", &format!("{F}.hospitalStay.answer")) {
            let field = format!("{F}.hospitalStay.dates");
            let dates = Check::present(stay, "dates");
            if answer {
                match dates.and_then(Value::as_array) {
                    Some(list) if !list.is_empty() => {
                        let mut shown = Vec::new();
                        for (i, d) in list.iter().enumerate() {
                            if let Some(text) =
                                hospital_period(c, d, &format!("{field}[{i}]"), bounds)
                            {
                                shown.push(text);
                            }
                        }
                        page.push((
                            "Vårdad på sjukhus".into(),
                            format!("Ja: {}", shown.join("; ")),
                        ));
                    }
                    _ => c.err(&field, "Fyll i datum och klockslag för sjukhusvistelsen."),
                }
            } else {
                if dates
                    .and_then(Value::as_array)
                    .is_some_and(|l| !l.is_empty())
                {
                    c.err(&field, "Datum fylls bara i om svaret är Ja.");
                }
                page.push(("Vårdad på sjukhus".into(), "Nej".into()));
            }
        }
    }

    // Outside the EEA.
    if let Some(eea) = c.object(answers, "outsideEea", &format!("{F}.outsideEea")) {
        if let Some(answer) = c.boolean(eea, "answer", &format!("{F}.outsideEea.answer")) {
            page.push((
                "Vistats utanför EES och anlitat assistent där".into(),
                yes_no(answer).into(),
            ));
        }
    }

    let Some(scenario) = scenario else { return };
    let buys = matches!(scenario, 'A' | 'B' | 'C');
    let foreign = format!("Uppgiften hör inte till scenario {scenario}.");
    if buys {
        for key in [
            "lastMonthOfPeriod",
            "costs",
            "period",
            "moneyLeft",
            "repayment",
        ] {
            c.absent(answers, key, &format!("{F}.{key}"), &foreign);
        }
        if let Some(prev) = c.object(answers, "previousPayment", &format!("{F}.previousPayment")) {
            if let Some(answer) = c.boolean(prev, "answer", &format!("{F}.previousPayment.answer"))
            {
                let field = format!("{F}.previousPayment.remainingOre");
                if answer {
                    c.absent(
                        prev,
                        "remainingOre",
                        &field,
                        "Kvarvarande belopp fylls bara i om svaret är Nej.",
                    );
                    page.push((
                        "Använt förra månadens utbetalning till assistans".into(),
                        "Ja".into(),
                    ));
                } else if let Some(ore) = c.integer(prev, "remainingOre", &field, 0) {
                    page.push((
                        "Använt förra månadens utbetalning till assistans".into(),
                        format!("Nej, kvar: {}", kronor(ore)),
                    ));
                }
            }
        }
        return;
    }

    c.absent(
        answers,
        "previousPayment",
        &format!("{F}.previousPayment"),
        &foreign,
    );
    let Some(last) = c.boolean(
        answers,
        "lastMonthOfPeriod",
        &format!("{F}.lastMonthOfPeriod"),
    ) else {
        return;
    };
    page.push((
        "Sista månaden i beviljandeperioden".into(),
        yes_no(last).into(),
    ));
    if !last {
        for key in ["costs", "period", "moneyLeft", "repayment"] {
            c.absent(
                answers,
                key,
                &format!("{F}.{key}"),
                "Uppgiften lämnas bara sista månaden i beviljandeperioden.",
            );
        }
        return;
    }
    if let Some(costs) = c.object(answers, "costs", &format!("{F}.costs")) {
        for (key, label) in [
            ("wagesOre", "Lön och lönebikostnader"),
            ("overheadsOre", "Assistansomkostnader"),
            ("trainingOre", "Utbildning"),
            ("workEnvironmentOre", "Arbetsmiljö och personal"),
        ] {
            if let Some(ore) = c.integer(costs, key, &format!("{F}.costs.{key}"), 0) {
                page.push((label.into(), kronor(ore)));
            }
        }
    }
    if let Some(period) = c.object(answers, "period", &format!("{F}.period")) {
        let from = date(c, period, "from", &format!("{F}.period.from"));
        let to = date(c, period, "to", &format!("{F}.period.to"));
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                c.err(
                    &format!("{F}.period.to"),
                    "Periodens slut ska vara efter dess början.",
                );
            } else if let Some((first, next)) = bounds {
                if to < first || to >= next {
                    c.err(
                        &format!("{F}.period.to"),
                        "Perioden ska sluta i räkningens månad.",
                    );
                }
            }
            page.push(("Perioden".into(), format!("{from} – {to}")));
        }
    }
    if let Some(left) = c.object(answers, "moneyLeft", &format!("{F}.moneyLeft")) {
        if let Some(answer) = c.boolean(left, "answer", &format!("{F}.moneyLeft.answer")) {
            let field = format!("{F}.moneyLeft.amountOre");
            if answer {
                if let Some(ore) = c.integer(left, "amountOre", &field, 1) {
                    page.push(("Pengar kvar".into(), format!("Ja: {}", kronor(ore))));
                }
            } else {
                c.absent(
                    left,
                    "amountOre",
                    &field,
                    "Beloppet fylls bara i om svaret är Ja.",
                );
                page.push(("Pengar kvar".into(), "Nej".into()));
            }
        }
    }
    match Check::present(answers, "repayment") {
        None => c.err(
            &format!("{F}.repayment"),
            "Välj ett av de två sätten att betala tillbaka.",
        ),
        Some(Value::String(s)) if s == "deductFromNextPayment" => page.push((
            "Återbetalning".into(),
            "Dras av från kommande utbetalning".into(),
        )),
        Some(Value::String(s)) if s == "payBack" => page.push((
            "Återbetalning".into(),
            "Betalas tillbaka till Försäkringskassan".into(),
        )),
        Some(_) => c.err(
            &format!("{F}.repayment"),
            "Sättet att betala tillbaka ska vara deductFromNextPayment eller payBack.",
        ),
    }
}

fn date(c: &mut Check, map: &Map<String, Value>, key: &str, field: &str) -> Option<NaiveDate> {
    let s = c.string(map, key, field)?;
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) if s.len() == 10 => Some(d),
        _ => {
            c.err(field, "Datumet ska skrivas ÅÅÅÅ-MM-DD.");
            None
        }
    }
}

fn hospital_period(
    c: &mut Check,
    v: &Value,
    field: &str,
    bounds: Option<(NaiveDate, NaiveDate)>,
) -> Option<String> {
    let Some(map) = v.as_object() else {
        c.err(field, "Perioden ska vara ett objekt med from och to.");
        return None;
    };
    let parse = |c: &mut Check, key: &str| -> Option<NaiveDateTime> {
        let f = format!("{field}.{key}");
        let s = c.string(map, key, &f)?;
        match NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M") {
            Ok(t) if s.len() == 16 => Some(t),
            _ => {
                c.err(&f, "Datum och klockslag ska skrivas ÅÅÅÅ-MM-DDTHH:MM.");
                None
            }
        }
    };
    let from = parse(c, "from");
    let to = parse(c, "to");
    let (from, to) = (from?, to?);
    if from >= to {
        c.err(&format!("{field}.to"), "Slutet ska vara efter början.");
        return None;
    }
    if let Some((first, next)) = bounds {
        let (first, next) = (first.and_hms_opt(0, 0, 0)?, next.and_hms_opt(0, 0, 0)?);
        if to <= first || from >= next {
            c.err(field, "Sjukhusvistelsen ska ligga i räkningens månad.");
            return None;
        }
    }
    Some(format!(
        "{} – {}",
        from.format("%Y-%m-%d %H:%M"),
        to.format("%Y-%m-%d %H:%M")
    ))
}

fn validate_signer(
    c: &mut Check,
    signer: &Map<String, Value>,
    scenario: Option<char>,
    person_id: Option<&str>,
    page: &mut Vec<(String, String)>,
) {
    let Some(role) = c.string(signer, "role", "invoice.signer.role") else {
        return;
    };
    let Some(scenario) = scenario else { return };
    let expected: &[&str] = match scenario {
        'A' | 'D' => &["self"],
        'B' | 'E' => &["vardnadshavare"],
        _ => &["godMan", "forvaltare"],
    };
    if !expected.contains(&role) {
        c.err(
            "invoice.signer.role",
            format!(
                "I scenario {scenario} skriver {} under.",
                expected.join(" eller ")
            ),
        );
        return;
    }
    if role == "self" {
        if let Some(Value::String(id)) = Check::present(signer, "personnummer") {
            if person_id.is_some_and(|p| p != id) {
                c.err(
                    "invoice.signer.personnummer",
                    "Den som skriver under i det här scenariot är den som har assistans.",
                );
            }
        }
        page.push(("Skrivs under av".into(), "den som har assistans".into()));
        return;
    }
    let id = c.personal_id(signer, "personnummer", "invoice.signer.personnummer");
    let name = c.string(signer, "nameInPrint", "invoice.signer.nameInPrint");
    if let (Some(id), Some(person)) = (id, person_id) {
        if id == person {
            c.err(
                "invoice.signer.personnummer",
                "Ställföreträdarens eller vårdnadshavarens personnummer ska inte vara samma som personens.",
            );
        }
    }
    let title = match role {
        "vardnadshavare" => "vårdnadshavare",
        "godMan" => "god man",
        _ => "förvaltare",
    };
    if let Some(name) = name {
        page.push(("Skrivs under av".into(), format!("{title}: {name}")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_hours_read_well() {
        assert_eq!(kronor(123456), "1 234,56 kr");
        assert_eq!(kronor(5), "0,05 kr");
        assert_eq!(hours(125), "2 tim 5 min");
    }

    #[test]
    fn script_strings_cannot_close_the_script() {
        assert_eq!(js_string("a</script>"), "\"a<\\/script>\"");
    }
}
