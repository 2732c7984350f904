//! The BankID RP API v6.0 over HTTP: `sign`, `collect`, `cancel` (see the module doc of
//! [`super`]), and the BankID app's page nested under its token.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use bytes::Bytes;
use serde_json::{json, Value};

use super::{BankIdFailure, Order, OrderStatus, Stage};
use crate::identity::check_personal_id;
use crate::json_request::{json_request, NotJson};
use crate::Shared;

pub(crate) fn router(shared: Arc<Shared>, port: u16) -> Router {
    Router::new()
        .route("/rp/v6.0/sign", post(sign).fallback(method_not_allowed))
        .route(
            "/rp/v6.0/collect",
            post(collect).fallback(method_not_allowed),
        )
        .route("/rp/v6.0/cancel", post(cancel).fallback(method_not_allowed))
        .nest(
            &crate::bankid_app::base_path(&shared),
            crate::bankid_app::routes(port),
        )
        .fallback(not_found)
        .with_state(shared)
}

fn rp_error(status: StatusCode, code: &str, details: &str) -> Response {
    (
        status,
        Json(json!({ "errorCode": code, "details": details })),
    )
        .into_response()
}

async fn not_found() -> Response {
    rp_error(StatusCode::NOT_FOUND, "notFound", "No such endpoint.")
}

async fn method_not_allowed() -> Response {
    rp_error(
        StatusCode::METHOD_NOT_ALLOWED,
        "methodNotAllowed",
        "Use POST.",
    )
}

#[allow(clippy::result_large_err)] // an axum answer, returned as is
fn json_body(
    headers: &HeaderMap,
    body: &Bytes,
) -> std::result::Result<serde_json::Map<String, Value>, Response> {
    match json_request(headers, body) {
        Ok(Value::Object(map)) => Ok(map),
        Err(NotJson::ContentType) => Err(rp_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupportedMediaType",
            "Content-Type must be application/json.",
        )),
        _ => Err(rp_error(
            StatusCode::BAD_REQUEST,
            "invalidParameters",
            "The body is not a JSON object.",
        )),
    }
}

fn invalid(details: &str) -> Response {
    rp_error(StatusCode::BAD_REQUEST, "invalidParameters", details)
}

async fn sign(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let map = match json_body(&headers, &body) {
        Ok(map) => map,
        Err(response) => return response,
    };
    let text = |key: &str| map.get(key).and_then(Value::as_str);
    let Some(ip) = text("endUserIp") else {
        return invalid("Missing endUserIp.");
    };
    if ip.parse::<std::net::IpAddr>().is_err() {
        return invalid("Invalid endUserIp.");
    }
    let Some(visible) = text("userVisibleData") else {
        return invalid("Missing userVisibleData.");
    };
    match B64.decode(visible) {
        Ok(bytes)
            if !bytes.is_empty()
                && bytes.len() <= 40_000
                && std::str::from_utf8(&bytes).is_ok() => {}
        _ => return invalid("Invalid userVisibleData: base64 of 1–40000 bytes of UTF-8."),
    }
    let format = text("userVisibleDataFormat").map(str::to_string);
    if format.as_deref().is_some_and(|f| f != "simpleMarkdownV1") {
        return invalid("Invalid userVisibleDataFormat.");
    }
    let non_visible = text("userNonVisibleData").map(str::to_string);
    if let Some(n) = &non_visible {
        match B64.decode(n) {
            Ok(bytes) if !bytes.is_empty() && bytes.len() <= 200_000 => {}
            _ => return invalid("Invalid userNonVisibleData: base64 of 1–200000 bytes."),
        }
    }
    let required = match map.get("requirement") {
        None | Some(Value::Null) => None,
        Some(Value::Object(req)) => match req.get("personalNumber") {
            None | Some(Value::Null) => None,
            Some(Value::String(pnr)) if check_personal_id(pnr, shared.config.today()).is_ok() => {
                Some(pnr.clone())
            }
            Some(_) => return invalid("Invalid requirement.personalNumber."),
        },
        Some(_) => return invalid("Invalid requirement."),
    };

    let mut orders = shared.bankid.lock();
    if let Some(pnr) = &required {
        let mut clash = false;
        for order in orders.iter_mut() {
            shared.bankid.advance(&shared, order);
            if order.required.as_ref() == Some(pnr)
                && matches!(order.stage, Stage::Outstanding | Stage::Started(_))
            {
                order.stage = Stage::Failed(BankIdFailure::UserCancel);
                clash = true;
            }
        }
        if clash {
            tracing::info!("bankid: sign refused, an order for the same person was in progress");
            return rp_error(
                StatusCode::BAD_REQUEST,
                "alreadyInProgress",
                "An order for this user is already in progress.",
            );
        }
    }
    let order = Order {
        order_ref: uuid::Uuid::new_v4().to_string(),
        auto_start_token: uuid::Uuid::new_v4().to_string(),
        qr_start_token: uuid::Uuid::new_v4().to_string(),
        qr_start_secret: uuid::Uuid::new_v4().to_string(),
        created: Instant::now(),
        end_user_ip: ip.to_string(),
        visible_b64: visible.to_string(),
        visible_format: format,
        non_visible_b64: non_visible,
        required,
        stage: Stage::Outstanding,
    };
    let answer = json!({
        "orderRef": order.order_ref,
        "autoStartToken": order.auto_start_token,
        "qrStartToken": order.qr_start_token,
        "qrStartSecret": order.qr_start_secret,
    });
    tracing::info!(order_ref = %order.order_ref, "bankid: sign order created");
    orders.push(order);
    Json(answer).into_response()
}

#[allow(clippy::result_large_err)] // an axum answer, returned as is
fn order_ref_of(map: &serde_json::Map<String, Value>) -> std::result::Result<String, Response> {
    map.get("orderRef")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| invalid("Missing orderRef."))
}

async fn collect(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let map = match json_body(&headers, &body) {
        Ok(map) => map,
        Err(response) => return response,
    };
    let order_ref = match order_ref_of(&map) {
        Ok(r) => r,
        Err(response) => return response,
    };
    let mut orders = shared.bankid.lock();
    let Some(order) = orders.iter_mut().find(|o| o.order_ref == order_ref) else {
        return invalid("No such order.");
    };
    shared.bankid.advance(&shared, order);
    match shared.bankid.status_of(order) {
        OrderStatus::Pending { hint_code } => {
            Json(json!({ "orderRef": order_ref, "status": "pending", "hintCode": hint_code }))
                .into_response()
        }
        OrderStatus::Failed { hint_code } => {
            Json(json!({ "orderRef": order_ref, "status": "failed", "hintCode": hint_code }))
                .into_response()
        }
        OrderStatus::Complete { completion_data } => Json(json!({
            "orderRef": order_ref, "status": "complete", "completionData": completion_data
        }))
        .into_response(),
        OrderStatus::Cancelled => invalid("No such order."),
    }
}

async fn cancel(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let map = match json_body(&headers, &body) {
        Ok(map) => map,
        Err(response) => return response,
    };
    let order_ref = match order_ref_of(&map) {
        Ok(r) => r,
        Err(response) => return response,
    };
    let mut orders = shared.bankid.lock();
    match orders.iter_mut().find(|o| o.order_ref == order_ref) {
        Some(order) if !matches!(order.stage, Stage::Cancelled) => {
            order.stage = Stage::Cancelled;
            tracing::info!(%order_ref, "bankid: order cancelled by the relying party");
            Json(json!({})).into_response()
        }
        _ => invalid("No such order."),
    }
}
