//! Injected faults, one per request (or handshake), in the order queued.

use std::time::{Duration, Instant};

use crate::common::*;
use serde_json::json;
use timbok_sim::{Fault, Service};

async fn erak_status(sim: &TestSim) -> Result<Resp, String> {
    send(
        "GET",
        &format!("{}/public/v1/status/unknown", sim.erak_url()),
        &[(sim.erak_key_header(), sim.erak_key())],
        "",
        None,
    )
    .await
}

#[tokio::test]
async fn slow_answers_come_late_but_whole() {
    let sim = start().await;
    sim.set_fault(Service::Erak, Fault::Slow(Duration::from_millis(400)))
        .unwrap();
    let t = Instant::now();
    let resp = erak_status(&sim).await.unwrap();
    assert!(t.elapsed() >= Duration::from_millis(400));
    assert_eq!(resp.status, 404);
    let t = Instant::now();
    erak_status(&sim).await.unwrap();
    assert!(t.elapsed() < Duration::from_millis(400), "one-shot");
    let record = sim.record();
    assert_eq!(
        record.entries[0].fault,
        Some(Fault::Slow(Duration::from_millis(400)))
    );
    assert_eq!(record.entries[0].status, Some(404));
}

#[tokio::test]
async fn server_errors_are_answered_and_recorded() {
    let sim = start().await;
    sim.set_fault(Service::BankId, Fault::ServerError(503))
        .unwrap();
    sim.set_fault(Service::BankId, Fault::ServerError(500))
        .unwrap();
    assert_eq!(sim.pending_faults(Service::BankId), 2);
    let url = format!("{}/collect", sim.bankid_url());
    assert_eq!(
        post_json(&url, &json!({ "orderRef": "x" }), Some(plain_tls(&sim)))
            .await
            .status,
        503
    );
    assert_eq!(
        post_json(&url, &json!({ "orderRef": "x" }), Some(plain_tls(&sim)))
            .await
            .status,
        500
    );
    assert_eq!(
        post_json(&url, &json!({ "orderRef": "x" }), Some(plain_tls(&sim)))
            .await
            .status,
        400
    );
    let faults: Vec<_> = sim
        .record()
        .of(Service::BankId)
        .map(|r| r.fault.clone())
        .collect();
    assert_eq!(
        faults,
        vec![
            Some(Fault::ServerError(503)),
            Some(Fault::ServerError(500)),
            None
        ]
    );
    assert!(sim
        .set_fault(Service::BankId, Fault::ServerError(404))
        .is_err());
}

#[tokio::test]
async fn a_dropped_connection_gives_no_answer_and_stores_nothing() {
    let sim = start().await;
    sim.set_fault(Service::Erak, Fault::DropConnection).unwrap();
    let result = send(
        "POST",
        &format!("{}/public/v1/create", sim.erak_url()),
        &[
            ("content-type", "application/json"),
            (sim.erak_key_header(), sim.erak_key()),
        ],
        "{}",
        None,
    )
    .await;
    assert!(result.is_err(), "{result:?}");
    let record = sim.record();
    assert_eq!(
        record.entries.len(),
        1,
        "the request itself arrived and is recorded"
    );
    assert_eq!(record.entries[0].fault, Some(Fault::DropConnection));
    assert_eq!(record.entries[0].status, None);
    assert!(
        erak_status(&sim).await.is_ok(),
        "the next request is served"
    );
}

#[tokio::test]
async fn timeout_after_store_keeps_the_report_but_sends_no_answer() {
    let sim = start().await;
    let report = Report::new();
    let document = report.xml().into_bytes();
    let (a, e) = sign_both(&sim, &report, &document).await;
    sim.set_fault(Service::Elt, Fault::TimeoutAfterStore)
        .unwrap();
    let answered = with_timeout(2.0, post_elt(&sim, &envelope(&document, &a, &e, today()))).await;
    assert!(answered.is_none(), "the client must time out");
    let reports = sim.elt_reports();
    assert_eq!(reports.len(), 1, "FK received and stored it");
    let record = sim.record();
    let elt: Vec<_> = record.of(Service::Elt).collect();
    assert_eq!(elt[0].fault, Some(Fault::TimeoutAfterStore));
    assert_eq!(elt[0].status, None);
}

#[tokio::test]
async fn timeout_after_store_on_erak_creates_the_invoice() {
    let sim = start_with(|c| c.hang = Duration::from_millis(300)).await;
    sim.set_fault(Service::Erak, Fault::TimeoutAfterStore)
        .unwrap();
    let started = Instant::now();
    let result = send(
        "POST",
        &format!("{}/public/v1/create", sim.erak_url()),
        &[
            ("content-type", "application/json"),
            (sim.erak_key_header(), sim.erak_key()),
        ],
        crate::erak::body("A").to_string(),
        None,
    )
    .await;
    assert!(
        result.is_err(),
        "closed without an answer after the hang: {result:?}"
    );
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(
        sim.record().entries[0].fault,
        Some(Fault::TimeoutAfterStore)
    );
    let invoices = sim.invoices();
    assert_eq!(
        invoices.len(),
        1,
        "E-RÄK created the invoice; the client never heard the fingerprint"
    );
}

#[tokio::test]
async fn an_expired_certificate_is_presented_once() {
    let sim = start().await;
    assert!(
        sim.set_fault(Service::Erak, Fault::ExpiredCertificate)
            .is_err(),
        "plain HTTP has no certificate"
    );
    sim.set_fault(Service::BankId, Fault::ExpiredCertificate)
        .unwrap();
    let url = format!("{}/collect", sim.bankid_url());
    let refused = send(
        "POST",
        &url,
        &[("content-type", "application/json")],
        "{}",
        Some(plain_tls(&sim)),
    )
    .await;
    let error = refused.expect_err("the client refuses an expired certificate");
    assert!(error.to_lowercase().contains("expired"), "{error}");
    assert_eq!(sim.expired_certificates_served(Service::BankId), 1);
    let ok = send(
        "POST",
        &url,
        &[("content-type", "application/json")],
        "{}",
        Some(plain_tls(&sim)),
    )
    .await;
    assert_eq!(ok.unwrap().status, 400);

    sim.set_fault(Service::Elt, Fault::ExpiredCertificate)
        .unwrap();
    let refused = send("GET", sim.elt_url(), &[], "", Some(sim.elt_tls.clone())).await;
    assert!(refused.unwrap_err().to_lowercase().contains("expired"));
}

#[tokio::test]
async fn the_record_keeps_method_path_headers_and_body() {
    let sim = start().await;
    let _ = send(
        "POST",
        &format!("{}/public/v1/create?x=1", sim.erak_url()),
        &[("content-type", "application/json"), ("x-trace", "abc")],
        "{\"a\":1}",
        None,
    )
    .await
    .unwrap();
    let record = sim.record();
    let r = &record.entries[0];
    assert_eq!(r.service, Service::Erak);
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/public/v1/create?x=1");
    assert_eq!(r.path_only(), "/public/v1/create");
    assert_eq!(r.header("X-Trace"), Some("abc"));
    assert_eq!(r.body_json(), Some(json!({ "a": 1 })));
    assert_eq!(r.status, Some(401));
    assert!(!r.client_certificate);
    assert!(r.received_at <= std::time::SystemTime::now());
}

#[tokio::test]
async fn shutdown_stops_the_listeners() {
    let sim = start().await;
    let url = sim.erak_url().to_string();
    let TestSim { sim, dir: _dir, .. } = sim;
    sim.shutdown().await;
    let result = send("GET", &format!("{url}/"), &[], "", None).await;
    assert!(result.is_err());
}

#[tokio::test]
async fn a_non_loopback_address_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = timbok_sim::SimConfig::new(dir.path());
    config.listen_ip = "0.0.0.0".parse().unwrap();
    assert!(matches!(
        timbok_sim::Simulator::start(config).await,
        Err(timbok_sim::SimError::NotLoopback(_))
    ));
}

#[tokio::test]
async fn bankid_error_answers_are_injected_with_their_status() {
    use timbok_sim::RpErrorCode;
    let sim = start().await;
    let codes = [
        RpErrorCode::TooManyRequests,
        RpErrorCode::InternalError,
        RpErrorCode::RequestTimeout,
        RpErrorCode::Maintenance,
    ];
    for code in codes {
        sim.set_fault(Service::BankId, Fault::RpError(code))
            .unwrap();
    }
    assert!(sim
        .set_fault(Service::Elt, Fault::RpError(RpErrorCode::Maintenance))
        .is_err());
    let url = format!("{}/collect", sim.bankid_url());
    for (code, (status, error_code)) in codes.iter().zip([
        (429, "tooManyRequests"),
        (500, "internalError"),
        (408, "requestTimeout"),
        (503, "maintenance"),
    ]) {
        let resp = post_json(&url, &json!({ "orderRef": "x" }), Some(plain_tls(&sim))).await;
        assert_eq!(resp.status, status, "{code:?}");
        assert_eq!(resp.json()["errorCode"], error_code);
        assert_eq!(
            resp.header("content-type").as_deref(),
            Some("application/json")
        );
    }
    // One-shot: the next request is handled (an unknown order).
    let resp = post_json(&url, &json!({ "orderRef": "x" }), Some(plain_tls(&sim))).await;
    assert_eq!(resp.status, 400);
    let statuses: Vec<_> = sim.record().of(Service::BankId).map(|r| r.status).collect();
    assert_eq!(
        statuses,
        vec![Some(429), Some(500), Some(408), Some(503), Some(400)]
    );
}
