//! The page that plays the BankID app, and a JSON API for tests to do the same.
//!
//! Served on its own plain-HTTP listener (`RunningSimulator::bankid_app_url`, so a person can
//! open it in any browser) and also under `/bankid-app/TOKEN` on the BankID HTTPS listener.
//!
//! # Who may use it
//!
//! Everything is below `/bankid-app/TOKEN`, where `TOKEN` is random per start (a UUID v4, in
//! the URL the simulator prints and gives the app); any other path is `404`. Every request must
//! carry `Host: 127.0.0.1:PORT` or `localhost:PORT` (PORT of the listener it came in on), else
//! `421`: a web page on another name that resolves to 127.0.0.1 (DNS rebinding) gets nothing,
//! and without the token no page can list the demo's orders or act on them. Paths below are
//! relative to `/bankid-app/TOKEN`.
//!
//! # Page
//!
//! `GET /`: every order, newest first, with what the person would read
//! (`userVisibleData`), the required personnummer, the status, and buttons: open it (as if the
//! QR code was scanned), sign as the requested person, sign as another test person, refuse
//! (`userCancel`), let it expire (`expiredTransaction`), fail to start (`startFailed`); and a
//! field where a scanned QR string (`bankid.<token>.<seconds>.<code>`) is checked.
//!
//! # JSON API
//!
//! - `GET /api/orders` → `[OrderSnapshot]` (camelCase; `status` is
//!   `{"status":"pending","hintCode"}`, `{"status":"failed","hintCode"}`,
//!   `{"status":"complete","completionData"}` or `{"status":"cancelled"}`)
//! - `POST /api/orders/{orderRef}/start`
//! - `POST /api/orders/{orderRef}/complete`, body optional
//!   `{"personalNumber": "…"}` (default: the requested person)
//! - `POST /api/orders/{orderRef}/refuse` (`userCancel`)
//! - `POST /api/orders/{orderRef}/expire` (`expiredTransaction`)
//! - `POST /api/orders/{orderRef}/fail`, body `{"hintCode": "startFailed"}` etc.
//! - `POST /api/scan` `{"qrData": "bankid.…"}` → `{"orderRef"}` or `400 {"error"}`
//! - `POST /api/autostart` `{"autoStartToken": "…"}` → `{"orderRef"}`
//!
//! Answers: `200 {"orderRef","status"}`; `404 {"error"}` for an unknown order; `409 {"error"}`
//! for an order that is already finished.

use std::sync::Arc;

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::bankid::{BankIdFailure, OrderStatus};
use crate::error::SimError;
use crate::xml::escape;
use crate::Shared;

/// `/bankid-app/TOKEN`: where the routes are nested.
pub(crate) fn base_path(shared: &Shared) -> String {
    format!("/bankid-app/{}", shared.bankid_app_token)
}

/// The routes, to be nested under [`base_path`], answering only to `Host` `127.0.0.1:port` or
/// `localhost:port`.
pub(crate) fn routes(port: u16) -> Router<Arc<Shared>> {
    let hosts: Arc<[String; 2]> =
        Arc::new([format!("127.0.0.1:{port}"), format!("localhost:{port}")]);
    Router::new()
        .route("/", get(page))
        .route("/orders/{order_ref}/{action}", post(form_action))
        .route("/scan", post(form_scan))
        .route("/api/orders", get(api_orders))
        .route("/api/orders/{order_ref}/{action}", post(api_action))
        .route("/api/scan", post(api_scan))
        .route("/api/autostart", post(api_autostart))
        .layer(axum::middleware::from_fn(
            move |request: Request, next: Next| {
                let hosts = hosts.clone();
                async move {
                    let mut values = request.headers().get_all(header::HOST).iter();
                    let ok = match (values.next(), values.next()) {
                        (Some(host), None) => hosts.iter().any(|h| h.as_bytes() == host.as_bytes()),
                        _ => false,
                    };
                    if ok {
                        next.run(request).await
                    } else {
                        tracing::info!("bankid app page: wrong Host refused");
                        (
                            StatusCode::MISDIRECTED_REQUEST,
                            Json(json!({ "error": "wrong Host" })),
                        )
                            .into_response()
                    }
                }
            },
        ))
}

/// The BankID app's own listener on `port`.
pub(crate) fn router(shared: Arc<Shared>, port: u16) -> Router {
    Router::new()
        .nest(&base_path(&shared), routes(port))
        .fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                Json(json!({ "error": "no such page" })),
            )
        })
        .with_state(shared)
}

fn error_response(e: SimError) -> Response {
    let status = match e {
        SimError::NoSuchOrder(_) => StatusCode::NOT_FOUND,
        SimError::OrderState { .. } => StatusCode::CONFLICT,
        _ => StatusCode::BAD_REQUEST,
    };
    (status, Json(json!({ "error": e.to_string() }))).into_response()
}

fn act(shared: &Shared, order_ref: &str, action: &str, body: &Value) -> Result<(), SimError> {
    let bankid = &shared.bankid;
    match action {
        "start" => bankid.start(shared, order_ref),
        "complete" => {
            let as_person = body
                .get("personalNumber")
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty());
            bankid.complete(shared, order_ref, as_person.map(str::trim))
        }
        "refuse" => bankid.fail(shared, order_ref, BankIdFailure::UserCancel),
        "expire" => bankid.fail(shared, order_ref, BankIdFailure::ExpiredTransaction),
        "fail" => {
            let hint = body
                .get("hintCode")
                .and_then(Value::as_str)
                .and_then(BankIdFailure::parse)
                .ok_or_else(|| {
                    SimError::Invalid(
                        "hintCode: userCancel, expiredTransaction, startFailed or certificateErr"
                            .into(),
                    )
                })?;
            bankid.fail(shared, order_ref, hint)
        }
        _ => Err(SimError::Invalid(format!("unknown action '{action}'"))),
    }
}

fn status_of(shared: &Shared, order_ref: &str) -> Option<OrderStatus> {
    shared
        .bankid
        .snapshots(shared)
        .into_iter()
        .find(|o| o.order_ref == order_ref)
        .map(|o| o.status)
}

async fn api_orders(State(shared): State<Arc<Shared>>) -> Response {
    Json(shared.bankid.snapshots(&shared)).into_response()
}

async fn api_action(
    State(shared): State<Arc<Shared>>,
    Path((order_ref, action)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    match act(&shared, &order_ref, &action, &body) {
        Ok(()) => Json(json!({ "orderRef": order_ref, "status": status_of(&shared, &order_ref) }))
            .into_response(),
        Err(e) => error_response(e),
    }
}

async fn api_scan(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let Some(qr) = body.get("qrData").and_then(Value::as_str) else {
        return error_response(SimError::Invalid("missing qrData".into()));
    };
    match shared.bankid.scan(&shared, qr) {
        Ok(order_ref) => Json(json!({ "orderRef": order_ref })).into_response(),
        Err(e) => error_response(e),
    }
}

async fn api_autostart(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let Some(token) = body.get("autoStartToken").and_then(Value::as_str) else {
        return error_response(SimError::Invalid("missing autoStartToken".into()));
    };
    match shared.bankid.autostart(&shared, token) {
        Ok(order_ref) => Json(json!({ "orderRef": order_ref })).into_response(),
        Err(e) => error_response(e),
    }
}

#[derive(Deserialize)]
struct ActionForm {
    #[serde(rename = "personalNumber")]
    personal_number: Option<String>,
    #[serde(rename = "hintCode")]
    hint_code: Option<String>,
}

#[derive(Deserialize)]
struct ScanForm {
    qr: String,
}

#[derive(Deserialize)]
struct PageQuery {
    msg: Option<String>,
}

fn back(shared: &Shared, message: &str) -> Response {
    let encoded: String = url::form_urlencoded::byte_serialize(message.as_bytes()).collect();
    Redirect::to(&format!("{}?msg={encoded}", base_path(shared))).into_response()
}

async fn form_action(
    State(shared): State<Arc<Shared>>,
    Path((order_ref, action)): Path<(String, String)>,
    Form(form): Form<ActionForm>,
) -> Response {
    let body = json!({ "personalNumber": form.personal_number, "hintCode": form.hint_code });
    match act(&shared, &order_ref, &action, &body) {
        Ok(()) => back(&shared, "Klart."),
        Err(e) => back(&shared, &format!("Gick inte: {e}")),
    }
}

async fn form_scan(State(shared): State<Arc<Shared>>, Form(form): Form<ScanForm>) -> Response {
    match shared.bankid.scan(&shared, &form.qr) {
        Ok(_) => back(&shared, "QR-koden stämmer. Ordern är öppnad i appen."),
        Err(e) => back(&shared, &format!("QR-koden godtogs inte: {e}")),
    }
}

const STYLE: &str = "body{font-family:Arial,Helvetica,sans-serif;max-width:46rem;margin:1.5rem auto;padding:0 1rem;color:#193e4f}\
.order{border:1px solid #9bb;border-radius:8px;padding:.8rem 1rem;margin:1rem 0}pre{white-space:pre-wrap;background:#f4f7f8;padding:.5rem}\
button{margin:.2rem .4rem .2rem 0;padding:.4rem .8rem}.msg{background:#e8f4ea;padding:.5rem 1rem}.demo{background:#fff4d6;padding:.5rem 1rem}";

async fn page(State(shared): State<Arc<Shared>>, Query(query): Query<PageQuery>) -> Html<String> {
    let mut orders = shared.bankid.snapshots(&shared);
    orders.reverse();
    let base = base_path(&shared);
    let mut body = String::from(
        "<h1>BankID-appen (simulerad)</h1><p class=\"demo\">Det här är en simulering för demo och test. \
         Ingen riktig legitimering görs.</p>",
    );
    if let Some(msg) = query.msg {
        body.push_str(&format!("<p class=\"msg\">{}</p>", escape(&msg)));
    }
    body.push_str(&format!(
        "<form method=\"post\" action=\"{base}/scan\"><label>Skannad QR-kod: \
         <input name=\"qr\" size=\"60\" placeholder=\"bankid.…\"></label> <button>Kontrollera</button></form>",
    ));
    if orders.is_empty() {
        body.push_str("<p>Inga beställningar än.</p>");
    }
    for order in orders {
        let r = escape(&order.order_ref);
        let (state, open) = match &order.status {
            OrderStatus::Pending { hint_code } => (format!("Väntar ({hint_code})"), true),
            OrderStatus::Failed { hint_code } => (format!("Misslyckad ({hint_code})"), false),
            OrderStatus::Complete { .. } => ("Underskriven".to_string(), false),
            OrderStatus::Cancelled => ("Avbruten av tjänsten".to_string(), false),
        };
        body.push_str(&format!(
            "<div class=\"order\"><p><strong>{state}</strong> · order {r} · {secs} s</p><pre>{text}</pre>",
            state = escape(&state),
            secs = order.seconds_since_start,
            text = escape(&order.user_visible_text),
        ));
        if let Some(pnr) = &order.required_personal_number {
            body.push_str(&format!("<p>Begärd undertecknare: {}</p>", escape(pnr)));
        }
        if open {
            body.push_str(&format!(
                "<form method=\"post\" action=\"{base}/orders/{r}/start\"><button>Öppna i appen</button></form>\
                 <form method=\"post\" action=\"{base}/orders/{r}/complete\"><button>Skriv under</button></form>\
                 <form method=\"post\" action=\"{base}/orders/{r}/complete\"><label>Skriv under som personnummer \
                 <input name=\"personalNumber\" size=\"14\" placeholder=\"ÅÅÅÅMMDDNNNN\"></label> <button>Skriv under som annan</button></form>\
                 <form method=\"post\" action=\"{base}/orders/{r}/refuse\"><button>Avbryt (userCancel)</button></form>\
                 <form method=\"post\" action=\"{base}/orders/{r}/expire\"><button>Låt gå ut (expiredTransaction)</button></form>\
                 <form method=\"post\" action=\"{base}/orders/{r}/fail\"><input type=\"hidden\" name=\"hintCode\" value=\"startFailed\">\
                 <button>Appen startade inte (startFailed)</button></form>"
            ));
        }
        body.push_str("</div>");
    }
    Html(format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>BankID (simulerad)</title><style>{STYLE}</style></head>\
         <body>{body}<script>setInterval(function () {{ if (!document.activeElement || document.activeElement.tagName !== \"INPUT\") \
         {{ window.location.replace(\"{base}\"); }} }}, 3000);</script></body></html>"
    ))
}
