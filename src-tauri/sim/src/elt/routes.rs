//! ELT's HTTP endpoint: the SOAP service at the configured path.

use std::sync::Arc;
use std::time::SystemTime;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::{Extension, Router};
use bytes::Bytes;

use super::soap::{fault, xml_response, Refusal, SERVICE_NS, SOAP_NS};
use super::validation::receive;
use super::AcceptedReport;
use crate::server::Arrival;
use crate::Shared;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let path = shared.config.elt_path.clone();
    Router::new()
        .route(
            &path,
            axum::routing::post(soap)
                .fallback(|| async { (StatusCode::METHOD_NOT_ALLOWED, "Använd POST.") }),
        )
        .fallback(|| async { (StatusCode::NOT_FOUND, "Ingen tjänst här.") })
        .with_state(shared)
}

async fn soap(
    State(shared): State<Arc<Shared>>,
    Extension(arrival): Extension<Arrival>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match receive(&shared, &headers, &body) {
        Ok((report_id, document)) => {
            let tx_id = uuid::Uuid::new_v4().to_string();
            shared.elt.lock().reports.push(AcceptedReport {
                tx_id: tx_id.clone(),
                report_id,
                document,
                seq: arrival.seq,
                received_at: SystemTime::now(),
            });
            tracing::info!(%tx_id, "elt: time report accepted");
            xml_response(
                StatusCode::OK,
                format!(
                    "<soapenv:Envelope xmlns:soapenv=\"{SOAP_NS}\"><soapenv:Body>\
                     <SkickaTidredovisningResponse xmlns=\"{SERVICE_NS}\"><tx-id>{tx_id}</tx-id>\
                     </SkickaTidredovisningResponse></soapenv:Body></soapenv:Envelope>"
                ),
            )
        }
        Err(Refusal(kind, message)) => {
            tracing::info!(kind = kind.as_str(), "elt: time report refused");
            fault(kind, &message)
        }
    }
}
