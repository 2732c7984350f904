//! BankID RP API v6.0 and the page that plays the BankID app.

use std::time::Duration;

use crate::common::*;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde_json::{json, Value};
use timbok_sim::{qr_auth_code, BankIdFailure};

#[test]
fn the_published_qr_test_vector() {
    assert_eq!(
        qr_auth_code("d28db9a7-4cde-429e-a983-359be676944c", 0),
        "dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8"
    );
    assert_eq!(
        timbok_sim::bankid::qr_data("67df3917-fa0d-44e5-b327-edcc928297f8", "d28db9a7-4cde-429e-a983-359be676944c", 0),
        "bankid.67df3917-fa0d-44e5-b327-edcc928297f8.0.dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8"
    );
}

async fn order(sim: &TestSim, pnr: &str) -> Value {
    let resp = post_json(
        &format!("{}/sign", sim.bankid_url()),
        &json!({
            "endUserIp": "192.0.2.10",
            "userVisibleData": B64.encode("Tidsredovisning **oktober**: aktiv tid 151 h"),
            "userVisibleDataFormat": "simpleMarkdownV1",
            "userNonVisibleData": B64.encode("id-1,abc;id-2,def"),
            "requirement": { "personalNumber": pnr },
        }),
        Some(plain_tls(sim)),
    )
    .await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    let v = resp.json();
    for key in [
        "orderRef",
        "autoStartToken",
        "qrStartToken",
        "qrStartSecret",
    ] {
        assert!(
            uuid::Uuid::parse_str(v[key].as_str().unwrap()).is_ok(),
            "{key}"
        );
    }
    v
}

async fn collect(sim: &TestSim, order_ref: &str) -> Resp {
    post_json(
        &format!("{}/collect", sim.bankid_url()),
        &json!({ "orderRef": order_ref }),
        Some(plain_tls(sim)),
    )
    .await
}

#[tokio::test]
async fn sign_collect_progress_and_completion_data() {
    let sim = start().await;
    let o = order(&sim, &assistant()).await;
    let r = o["orderRef"].as_str().unwrap();
    assert_eq!(
        collect(&sim, r).await.json(),
        json!({ "orderRef": r, "status": "pending", "hintCode": "outstandingTransaction" })
    );
    sim.bankid_start(r).unwrap();
    assert_eq!(collect(&sim, r).await.json()["hintCode"], "started");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(collect(&sim, r).await.json()["hintCode"], "userSign");
    sim.bankid_complete(r, None).unwrap();
    let v = collect(&sim, r).await.json();
    assert_eq!(v["status"], "complete");
    let c = &v["completionData"];
    assert_eq!(c["user"]["personalNumber"], assistant());
    assert_eq!(c["user"]["name"], "Tolvan Tolvansson");
    assert_eq!(c["user"]["givenName"], "Tolvan");
    assert_eq!(c["user"]["surname"], "Tolvansson");
    assert_eq!(c["device"]["ipAddress"], "192.0.2.10");
    assert!(c["device"]["uhi"].as_str().is_some_and(|u| !u.is_empty()));
    assert!(
        chrono::NaiveDate::parse_from_str(c["bankIdIssueDate"].as_str().unwrap(), "%Y-%m-%d")
            .is_ok()
    );
    assert!(!B64
        .decode(c["ocspResponse"].as_str().unwrap())
        .unwrap()
        .is_empty());
    let signature =
        String::from_utf8(B64.decode(c["signature"].as_str().unwrap()).unwrap()).unwrap();
    assert!(
        signature.starts_with("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">"),
        "{signature}"
    );
    assert!(signature.contains("<bankIdSignedData xmlns=\"http://www.bankid.com/signature/v1.0.0/types\" Id=\"bidSignedData\">"));
    let visible = B64.encode("Tidsredovisning **oktober**: aktiv tid 151 h");
    assert!(signature.contains(&format!(
        "<usrVisibleData charset=\"UTF-8\" visible=\"wysiwys\">{visible}</usrVisibleData>"
    )));
    assert!(signature.contains(&format!(
        "<usrNonVisibleData>{}</usrNonVisibleData>",
        B64.encode("id-1,abc;id-2,def")
    )));
    assert!(signature.contains("<X509Certificate>"));
    // Collecting again gives the same answer.
    assert_eq!(collect(&sim, r).await.json(), v);
}

#[tokio::test]
async fn refuse_expire_start_failed_and_rp_cancel() {
    let sim = start().await;
    for (failure, hint) in [
        (BankIdFailure::UserCancel, "userCancel"),
        (BankIdFailure::ExpiredTransaction, "expiredTransaction"),
        (BankIdFailure::StartFailed, "startFailed"),
        (
            BankIdFailure::TransactionRiskBlocked,
            "transactionRiskBlocked",
        ),
    ] {
        let o = order(&sim, &employer()).await;
        let r = o["orderRef"].as_str().unwrap();
        sim.bankid_fail(r, failure).unwrap();
        assert_eq!(
            collect(&sim, r).await.json(),
            json!({ "orderRef": r, "status": "failed", "hintCode": hint })
        );
        assert!(
            sim.bankid_complete(r, None).is_err(),
            "a finished order cannot be signed"
        );
    }
    let o = order(&sim, &employer()).await;
    let r = o["orderRef"].as_str().unwrap();
    let cancel = post_json(
        &format!("{}/cancel", sim.bankid_url()),
        &json!({ "orderRef": r }),
        Some(plain_tls(&sim)),
    )
    .await;
    assert_eq!(cancel.status, 200);
    assert_eq!(cancel.json(), json!({}));
    let after = collect(&sim, r).await;
    assert_eq!(after.status, 400);
    assert_eq!(after.json()["errorCode"], "invalidParameters");
}

#[tokio::test]
async fn orders_expire_by_the_clock() {
    let sim = start_with(|c| c.bankid_order_ttl = Duration::from_millis(200)).await;
    let o = order(&sim, &employer()).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let v = collect(&sim, o["orderRef"].as_str().unwrap()).await.json();
    assert_eq!(v["hintCode"], "expiredTransaction");
}

#[tokio::test]
async fn auto_complete_walks_the_hint_codes() {
    let sim = start_with(|c| {
        c.bankid_auto_complete = true;
        c.bankid_auto_complete_after = Duration::from_millis(1800);
    })
    .await;
    let o = order(&sim, &employer()).await;
    let r = o["orderRef"].as_str().unwrap();
    let mut seen = Vec::new();
    for _ in 0..100 {
        let v = collect(&sim, r).await.json();
        let label = v["hintCode"]
            .as_str()
            .unwrap_or(v["status"].as_str().unwrap())
            .to_string();
        if seen.last() != Some(&label) {
            seen.push(label.clone());
        }
        if v["status"] == "complete" {
            assert_eq!(v["completionData"]["user"]["personalNumber"], employer());
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        seen.first().map(String::as_str),
        Some("outstandingTransaction")
    );
    assert!(seen.contains(&"started".to_string()), "{seen:?}");
    assert_eq!(
        seen.last().map(String::as_str),
        Some("complete"),
        "{seen:?}"
    );
}

#[tokio::test]
async fn a_second_order_for_the_same_person_is_already_in_progress() {
    let sim = start().await;
    let first = order(&sim, &employer()).await;
    let resp = post_json(
        &format!("{}/sign", sim.bankid_url()),
        &json!({ "endUserIp": "127.0.0.1", "userVisibleData": B64.encode("x"), "requirement": { "personalNumber": employer() } }),
        Some(plain_tls(&sim)),
    )
    .await;
    assert_eq!(resp.status, 400);
    assert_eq!(resp.json()["errorCode"], "alreadyInProgress");
    let v = collect(&sim, first["orderRef"].as_str().unwrap())
        .await
        .json();
    assert_eq!(v["hintCode"], "userCancel");
}

#[tokio::test]
async fn bad_requests_are_refused_like_bankid_does() {
    let sim = start().await;
    let url = format!("{}/sign", sim.bankid_url());
    for body in [
        json!({ "endUserIp": "127.0.0.1" }),
        json!({ "userVisibleData": B64.encode("x") }),
        json!({ "endUserIp": "nej", "userVisibleData": B64.encode("x") }),
        json!({ "endUserIp": "127.0.0.1", "userVisibleData": "inte base64!" }),
        json!({ "endUserIp": "127.0.0.1", "userVisibleData": B64.encode("x"), "requirement": { "personalNumber": "191212121213" } }),
        json!({ "endUserIp": "127.0.0.1", "userVisibleData": B64.encode("x"), "userVisibleDataFormat": "html" }),
    ] {
        let resp = post_json(&url, &body, Some(plain_tls(&sim))).await;
        assert_eq!(resp.status, 400, "{body}");
        assert_eq!(resp.json()["errorCode"], "invalidParameters", "{body}");
    }
    let resp = send(
        "POST",
        &url,
        &[("content-type", "text/plain")],
        "{}",
        Some(plain_tls(&sim)),
    )
    .await
    .unwrap();
    assert_eq!(resp.status, 415);
    let resp = collect(&sim, "00000000-0000-0000-0000-000000000000").await;
    assert_eq!(resp.status, 400);
    let resp = send("GET", &url, &[], "", Some(plain_tls(&sim)))
        .await
        .unwrap();
    assert_eq!(resp.status, 405);
}

#[tokio::test]
async fn a_scanned_qr_code_is_verified_with_the_hmac_rule() {
    let sim = start().await;
    let o = order(&sim, &employer()).await;
    let token = o["qrStartToken"].as_str().unwrap();
    let secret = o["qrStartSecret"].as_str().unwrap();
    let scan = |qr: String| {
        let url = format!("{}/api/scan", sim.bankid_app_url());
        async move { post_json(&url, &json!({ "qrData": qr }), None).await }
    };
    let wrong = scan(format!(
        "bankid.{token}.0.{}",
        qr_auth_code("fel-hemlighet", 0)
    ))
    .await;
    assert_eq!(wrong.status, 400, "{}", wrong.text());
    let ahead = scan(timbok_sim::bankid::qr_data(token, secret, 30)).await;
    assert_eq!(ahead.status, 400);
    assert_eq!(
        collect(&sim, o["orderRef"].as_str().unwrap()).await.json()["hintCode"],
        "outstandingTransaction"
    );
    let ok = scan(timbok_sim::bankid::qr_data(token, secret, 0)).await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(ok.json()["orderRef"], o["orderRef"]);
    assert_eq!(
        collect(&sim, o["orderRef"].as_str().unwrap()).await.json()["hintCode"],
        "started"
    );
}

#[tokio::test]
async fn the_app_page_and_its_json_api() {
    let sim = start().await;
    let o = order(&sim, &employer()).await;
    let r = o["orderRef"].as_str().unwrap();
    let page = send("GET", sim.bankid_app_url(), &[], "", None)
        .await
        .unwrap();
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(
        html.contains(r) && html.contains("Skriv under") && html.contains("userCancel"),
        "{html}"
    );
    assert!(html.contains("Tidsredovisning **oktober**"), "{html}");

    let list = send(
        "GET",
        &format!("{}/api/orders", sim.bankid_app_url()),
        &[],
        "",
        None,
    )
    .await
    .unwrap();
    assert_eq!(list.json()[0]["orderRef"], r);
    assert_eq!(
        list.json()[0]["status"]["hintCode"],
        "outstandingTransaction"
    );

    // The page's own form: sign as another test person (a deliberate wrong signer).
    let form = send(
        "POST",
        &format!("{}/orders/{r}/complete", sim.bankid_app_url()),
        &[("content-type", "application/x-www-form-urlencoded")],
        format!("personalNumber={}", assistant()),
        None,
    )
    .await
    .unwrap();
    assert_eq!(form.status, 303);
    let v = collect(&sim, r).await.json();
    assert_eq!(v["completionData"]["user"]["personalNumber"], assistant());

    // JSON API: refuse; then an action on a finished order is a conflict; unknown is 404.
    let o2 = order(&sim, &person()).await;
    let r2 = o2["orderRef"].as_str().unwrap();
    let refused = post_json(
        &format!("{}/api/orders/{r2}/refuse", sim.bankid_app_url()),
        &json!({}),
        None,
    )
    .await;
    assert_eq!(refused.status, 200);
    assert_eq!(
        refused.json()["status"],
        json!({ "status": "failed", "hintCode": "userCancel" })
    );
    let again = post_json(
        &format!("{}/api/orders/{r2}/complete", sim.bankid_app_url()),
        &json!({}),
        None,
    )
    .await;
    assert_eq!(again.status, 409);
    let unknown = post_json(
        &format!("{}/api/orders/nope/complete", sim.bankid_app_url()),
        &json!({}),
        None,
    )
    .await;
    assert_eq!(unknown.status, 404);

    // Autostart token.
    let o3 = order(&sim, &samordning_free_person()).await;
    let started = post_json(
        &format!("{}/api/autostart", sim.bankid_app_url()),
        &json!({ "autoStartToken": o3["autoStartToken"] }),
        None,
    )
    .await;
    assert_eq!(started.status, 200);
    assert_eq!(
        collect(&sim, o3["orderRef"].as_str().unwrap()).await.json()["hintCode"],
        "started"
    );
    let done = post_json(
        &format!(
            "{}/api/orders/{}/complete",
            sim.bankid_app_url(),
            o3["orderRef"].as_str().unwrap()
        ),
        &json!({}),
        None,
    )
    .await;
    assert_eq!(done.json()["status"]["status"], "complete");
}

fn samordning_free_person() -> String {
    pnr("19751224", "409")
}

#[tokio::test]
async fn the_app_page_is_also_on_the_bankid_listener() {
    let sim = start().await;
    let token = sim.bankid_app_url().rsplit('/').next().unwrap().to_string();
    let url = sim
        .bankid_url()
        .replace("/rp/v6.0", &format!("/bankid-app/{token}/api/orders"));
    let resp = send("GET", &url, &[], "", Some(plain_tls(&sim)))
        .await
        .unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.json(), json!([]));
    // Without the token: nothing.
    let url = sim
        .bankid_url()
        .replace("/rp/v6.0", "/bankid-app/api/orders");
    let resp = send("GET", &url, &[], "", Some(plain_tls(&sim)))
        .await
        .unwrap();
    assert_eq!(resp.status, 404);
}

/// DNS rebinding: a page on another name that resolves to 127.0.0.1 sends its own `Host`; a
/// page that does not know the per-start token cannot find the orders.
#[tokio::test]
async fn the_app_page_needs_its_token_and_a_loopback_host() {
    let sim = start().await;
    let page = sim.bankid_app_url().to_string();
    let (base, token) = page.rsplit_once('/').unwrap();
    assert_eq!(token.len(), 32, "{page}");
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()), "{page}");
    let orders = format!("{page}/api/orders");
    assert_eq!(
        send("GET", &orders, &[], "", None).await.unwrap().status,
        200
    );
    let port = page.split(':').nth(2).unwrap().split('/').next().unwrap();
    let localhost = format!("localhost:{port}");
    let ok = send("GET", &orders, &[("host", localhost.as_str())], "", None)
        .await
        .unwrap();
    assert_eq!(ok.status, 200);
    for host in [
        "evil.example",
        "evil.example:80",
        "127.0.0.1",
        "127.0.0.1:1",
        "",
    ] {
        let resp = send("GET", &orders, &[("host", host)], "", None)
            .await
            .unwrap();
        assert_eq!(resp.status, 421, "{host}");
        let resp = send("GET", &page, &[("host", host)], "", None)
            .await
            .unwrap();
        assert_eq!(resp.status, 421, "{host}");
    }
    let action = format!("{page}/api/orders/x/complete");
    let resp = send("POST", &action, &[("host", "evil.example")], "", None)
        .await
        .unwrap();
    assert_eq!(resp.status, 421);
    for wrong in [
        format!("{base}/api/orders"),
        format!("{base}/"),
        format!("{base}/00000000000000000000000000000000/api/orders"),
        format!("{base}/{}/api/orders", token.to_uppercase()),
        base.replace("/bankid-app", "/"),
    ] {
        let resp = send("GET", &wrong, &[], "", None).await.unwrap();
        assert_eq!(resp.status, 404, "{wrong}");
    }
    // The page's own links carry the token.
    let html = send("GET", &page, &[], "", None).await.unwrap();
    assert!(html
        .text()
        .contains(&format!("action=\"/bankid-app/{token}/scan\"")));
}

/// A simulator on a fixed clock (an app recording on one) signs at that time: the OCSP
/// response's `producedAt` is `now`, not the system's time.
#[tokio::test]
async fn the_signature_is_produced_at_the_configured_now() {
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 10)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
        .and_utc();
    let sim = start_with(|config| config.now = Some(now)).await;
    let o = order(&sim, &assistant()).await;
    let r = o["orderRef"].as_str().unwrap();
    sim.bankid_start(r).unwrap();
    sim.bankid_complete(r, None).unwrap();
    let v = collect(&sim, r).await.json();
    assert_eq!(v["status"], "complete", "{v}");
    let ocsp = String::from_utf8_lossy(
        &B64.decode(v["completionData"]["ocspResponse"].as_str().unwrap())
            .unwrap(),
    )
    .into_owned();
    assert!(
        ocsp.contains("\nproducedAt=2026-11-10T09:00:00Z\n"),
        "{ocsp}"
    );
}
