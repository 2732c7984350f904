//! E-RÄK: create, validation per scenario, key, status, the signing page, redirect and signal.

use crate::common::*;
use serde_json::{json, Value};
use timbok_sim::{ErakStatus, Service};

/// A complete, valid create body for a scenario (D–F: the last month of the period).
pub(crate) fn body(scenario: &str) -> Value {
    let (year, month) = last_month();
    let mut answers = json!({
        "lssActivity": { "answer": true, "kinds": ["skola", "dagligVerksamhet"] },
        "hospitalStay": { "answer": true, "dates": [
            { "from": format!("{year}-{month:02}-03T08:00"), "to": format!("{year}-{month:02}-05T14:30") }
        ] },
        "outsideEea": { "answer": false },
    });
    let a = answers.as_object_mut().unwrap();
    if matches!(scenario, "A" | "B" | "C") {
        a.insert(
            "previousPayment".into(),
            json!({ "answer": false, "remainingOre": 123450 }),
        );
    } else {
        a.insert("lastMonthOfPeriod".into(), json!(true));
        a.insert(
            "costs".into(),
            json!({ "wagesOre": 25000000, "overheadsOre": 300000, "trainingOre": 50000, "workEnvironmentOre": 10000 }),
        );
        a.insert("period".into(), json!({ "from": format!("{}-{month:02}-01", year - 1), "to": format!("{year}-{month:02}-15") }));
        a.insert(
            "moneyLeft".into(),
            json!({ "answer": true, "amountOre": 99900 }),
        );
        a.insert("repayment".into(), json!("deductFromNextPayment"));
    }
    let signer = match scenario {
        "A" | "D" => json!({ "role": "self" }),
        "B" | "E" => {
            json!({ "role": "vardnadshavare", "personnummer": employer(), "nameInPrint": "Vera Vårdnadshavare" })
        }
        _ => {
            json!({ "role": "godMan", "personnummer": employer(), "nameInPrint": "Gustav God Man" })
        }
    };
    json!({
        "supplier": { "name": "Timbok", "id": "timbok-test" },
        "returnUrl": "http://127.0.0.1:45678/return?state=abc123",
        "signalUrl": "http://127.0.0.1:45678/signal?state=abc123",
        "invoice": {
            "scenario": scenario,
            "year": year,
            "month": month,
            "person": { "personnummer": person(), "firstName": "Alva", "lastName": "Ek" },
            "totals": { "activeMinutes": 9000, "waitingMinutes": 120, "standbyMinutes": 600 },
            "answers": answers,
            "signer": signer,
            "phone": "070-123 45 67",
        }
    })
}

async fn create(sim: &TestSim, body: &Value) -> Resp {
    let url = format!("{}/public/v1/create", sim.erak_url());
    send(
        "POST",
        &url,
        &[
            ("content-type", "application/json"),
            (sim.erak_key_header(), sim.erak_key()),
        ],
        body.to_string(),
        None,
    )
    .await
    .expect("E-RÄK answers")
}

fn fields(resp: &Resp) -> Vec<String> {
    resp.json()["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors in {}", resp.text()))
        .iter()
        .map(|e| {
            assert!(!e["message"].as_str().unwrap().is_empty());
            e["field"].as_str().unwrap().to_string()
        })
        .collect()
}

fn remove(body: &mut Value, path: &str) {
    let mut parts: Vec<&str> = path.split('.').collect();
    let last = parts.pop().unwrap();
    let mut v = body;
    for p in parts {
        v = v.get_mut(p).unwrap();
    }
    v.as_object_mut()
        .unwrap()
        .remove(last)
        .unwrap_or_else(|| panic!("{path} was not there"));
}

fn set(body: &mut Value, path: &str, value: Value) {
    let mut parts: Vec<&str> = path.split('.').collect();
    let last = parts.pop().unwrap();
    let mut v = body;
    for p in parts {
        v = v.get_mut(p).unwrap();
    }
    v.as_object_mut().unwrap().insert(last.to_string(), value);
}

#[tokio::test]
async fn every_scenario_is_accepted_when_complete() {
    let sim = start().await;
    for scenario in ["A", "B", "C", "D", "E", "F"] {
        let resp = create(&sim, &body(scenario)).await;
        assert_eq!(resp.status, 200, "scenario {scenario}: {}", resp.text());
        let fp = resp.json()["fingerprint"].as_str().unwrap().to_string();
        assert!(fp.len() >= 16);
        assert_eq!(sim.erak_status(&fp), Some(ErakStatus::Created));
    }
    // D–F in a month that is not the last of the period need only lastMonthOfPeriod.
    let mut d = body("D");
    for key in ["costs", "period", "moneyLeft", "repayment"] {
        remove(&mut d, &format!("invoice.answers.{key}"));
    }
    set(&mut d, "invoice.answers.lastMonthOfPeriod", json!(false));
    let resp = create(&sim, &d).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    assert_eq!(sim.invoices().len(), 7);
    let received = sim.record();
    let creates = received.requests(Service::Erak, "POST", "/public/v1/create");
    assert_eq!(creates.len(), 7);
    assert_eq!(creates[0].body_json().unwrap()["invoice"]["scenario"], "A");
}

#[tokio::test]
async fn each_missing_required_answer_is_a_field_error() {
    let sim = start().await;
    let common = [
        "invoice.answers.lssActivity",
        "invoice.answers.hospitalStay",
        "invoice.answers.outsideEea",
        "invoice.phone",
        "invoice.person.personnummer",
        "invoice.person.firstName",
        "invoice.person.lastName",
        "invoice.totals.activeMinutes",
        "invoice.totals.waitingMinutes",
        "invoice.totals.standbyMinutes",
        "invoice.year",
        "invoice.month",
        "invoice.signer.role",
        "returnUrl",
        "supplier.id",
    ];
    for scenario in ["A", "B", "C", "D", "E", "F"] {
        let mut required: Vec<&str> = common.to_vec();
        if matches!(scenario, "A" | "B" | "C") {
            required.push("invoice.answers.previousPayment");
        } else {
            required.extend([
                "invoice.answers.lastMonthOfPeriod",
                "invoice.answers.costs",
                "invoice.answers.period",
                "invoice.answers.moneyLeft",
                "invoice.answers.repayment",
                "invoice.answers.costs.trainingOre",
            ]);
        }
        if !matches!(scenario, "A" | "D") {
            required.extend(["invoice.signer.personnummer", "invoice.signer.nameInPrint"]);
        }
        for field in required {
            let mut b = body(scenario);
            remove(&mut b, field);
            let resp = create(&sim, &b).await;
            assert_eq!(
                resp.status,
                400,
                "scenario {scenario} without {field}: {}",
                resp.text()
            );
            assert_eq!(
                fields(&resp),
                vec![field.to_string()],
                "scenario {scenario} without {field}"
            );
        }
    }
    assert!(sim.invoices().is_empty());
}

#[tokio::test]
async fn a_yes_needs_its_follow_up() {
    let sim = start().await;
    let cases: Vec<(&str, &str, Value, &str)> = vec![
        (
            "A",
            "invoice.answers.lssActivity",
            json!({ "answer": true }),
            "invoice.answers.lssActivity.kinds",
        ),
        (
            "A",
            "invoice.answers.lssActivity",
            json!({ "answer": true, "kinds": ["fritids"] }),
            "invoice.answers.lssActivity.kinds[0]",
        ),
        (
            "B",
            "invoice.answers.hospitalStay",
            json!({ "answer": true, "dates": [] }),
            "invoice.answers.hospitalStay.dates",
        ),
        (
            "C",
            "invoice.answers.outsideEea",
            json!({}),
            "invoice.answers.outsideEea.answer",
        ),
        (
            "A",
            "invoice.answers.previousPayment",
            json!({ "answer": false }),
            "invoice.answers.previousPayment.remainingOre",
        ),
        (
            "E",
            "invoice.answers.moneyLeft",
            json!({ "answer": true }),
            "invoice.answers.moneyLeft.amountOre",
        ),
        (
            "F",
            "invoice.answers.repayment",
            json!("both"),
            "invoice.answers.repayment",
        ),
        (
            "D",
            "invoice.answers.previousPayment",
            json!({ "answer": true }),
            "invoice.answers.previousPayment",
        ),
        (
            "A",
            "invoice.answers.costs",
            json!({}),
            "invoice.answers.costs",
        ),
        (
            "D",
            "invoice.signer.role",
            json!("vardnadshavare"),
            "invoice.signer.role",
        ),
        (
            "B",
            "invoice.signer.personnummer",
            json!(person()),
            "invoice.signer.personnummer",
        ),
        ("A", "invoice.phone", json!("12"), "invoice.phone"),
        ("A", "returnUrl", json!("/relative"), "returnUrl"),
    ];
    for (scenario, path, value, field) in cases {
        let mut b = body(scenario);
        set(&mut b, path, value);
        let resp = create(&sim, &b).await;
        assert_eq!(resp.status, 400, "{path}: {}", resp.text());
        assert_eq!(fields(&resp), vec![field.to_string()], "{path}");
    }
}

#[tokio::test]
async fn bad_personnummer_and_months_are_refused() {
    let sim = start().await;
    let bad_ids = [
        "191212121213",
        "19121212-1212",
        "191313121212",
        "209912121212",
        "abc",
    ];
    for id in bad_ids {
        let mut b = body("A");
        set(&mut b, "invoice.person.personnummer", json!(id));
        let resp = create(&sim, &b).await;
        assert_eq!(fields(&resp), vec!["invoice.person.personnummer"], "{id}");
    }
    let today = today();
    let (y, m): (i64, i64) = (
        today.format("%Y").to_string().parse().unwrap(),
        today.format("%m").to_string().parse().unwrap(),
    );
    for (year, month) in [(y, m), (y + 1, 1), (y, 13)] {
        let mut b = body("A");
        set(&mut b, "invoice.year", json!(year));
        set(&mut b, "invoice.month", json!(month));
        let resp = create(&sim, &b).await;
        assert_eq!(resp.status, 400);
        assert!(
            fields(&resp).contains(&"invoice.month".to_string()),
            "{year}-{month}: {}",
            resp.text()
        );
    }
}

#[tokio::test]
async fn the_key_is_required() {
    let sim = start().await;
    let url = format!("{}/public/v1/create", sim.erak_url());
    for headers in [
        vec![("content-type", "application/json")],
        vec![
            ("content-type", "application/json"),
            (sim.erak_key_header(), "fel-nyckel"),
        ],
        vec![
            ("content-type", "application/json"),
            ("x-other-key", sim.erak_key()),
        ],
    ] {
        let resp = send("POST", &url, &headers, body("A").to_string(), None)
            .await
            .unwrap();
        assert_eq!(resp.status, 401, "{}", resp.text());
        assert_eq!(fields(&resp), vec![sim.erak_key_header().to_string()]);
        assert!(!resp.text().contains(sim.erak_key()));
    }
    let status = send(
        "GET",
        &format!("{}/public/v1/status/x", sim.erak_url()),
        &[],
        "",
        None,
    )
    .await
    .unwrap();
    assert_eq!(status.status, 401);
    assert!(sim.invoices().is_empty());
}

#[tokio::test]
async fn a_key_header_of_another_name_can_be_configured() {
    let sim = start_with(|c| {
        c.erak_key_header = "X-Fk-Token".into();
        c.erak_key = "hemlig".into();
    })
    .await;
    let url = format!("{}/public/v1/create", sim.erak_url());
    let resp = send(
        "POST",
        &url,
        &[
            ("content-type", "application/json"),
            ("x-fk-token", "hemlig"),
        ],
        body("A").to_string(),
        None,
    )
    .await
    .unwrap();
    assert_eq!(resp.status, 200, "{}", resp.text());
}

async fn status(sim: &TestSim, fp: &str) -> Resp {
    send(
        "GET",
        &format!("{}/public/v1/status/{fp}", sim.erak_url()),
        &[(sim.erak_key_header(), sim.erak_key())],
        "",
        None,
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn status_of_an_unknown_fingerprint_is_404() {
    let sim = start().await;
    let resp = status(&sim, "0123456789abcdef").await;
    assert_eq!(resp.status, 404);
    let page = send(
        "GET",
        &format!("{}/sign?fingerprint=0123456789abcdef", sim.erak_url()),
        &[],
        "",
        None,
    )
    .await
    .unwrap();
    assert_eq!(page.status, 404);
    assert!(page.text().contains("hittades inte"));
}

#[tokio::test]
async fn signing_redirects_with_fingerprint_status_and_state_and_signals_by_json_post() {
    let sim = start().await;
    let fp = create(&sim, &body("B")).await.json()["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        status(&sim, &fp).await.json(),
        json!({ "fingerprint": fp, "status": "CREATED" })
    );

    let page = send(
        "GET",
        &format!("{}/sign?fingerprint={fp}", sim.erak_url()),
        &[],
        "",
        None,
    )
    .await
    .unwrap();
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(
        html.contains("Skriv under") && html.contains("Avbryt"),
        "{html}"
    );
    assert!(
        html.contains("Alva Ek") && html.contains("Vera Vårdnadshavare"),
        "{html}"
    );
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no external resources: {html}"
    );

    let done = send(
        "POST",
        &format!("{}/sign/{fp}/complete", sim.erak_url()),
        &[("content-type", "application/x-www-form-urlencoded")],
        "action=sign",
        None,
    )
    .await
    .unwrap();
    assert_eq!(done.status, 200, "{}", done.text());
    let redirect = done.header("x-erak-redirect").unwrap();
    let url = url::Url::parse(&redirect).unwrap();
    let query: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into(), v.into()))
        .collect();
    assert_eq!(
        query,
        vec![
            ("state".into(), "abc123".into()),
            ("fingerprint".into(), fp.clone()),
            ("status".into(), "RECEIVED".into()),
        ]
    );
    assert_eq!(url.path(), "/return");
    assert_eq!(
        done.header("x-erak-signal-url").as_deref(),
        Some("http://127.0.0.1:45678/signal?state=abc123")
    );
    assert_eq!(
        serde_json::from_str::<Value>(&done.header("x-erak-signal-body").unwrap()).unwrap(),
        json!({ "fingerprint": fp, "status": "RECEIVED" })
    );
    // The page's own script POSTs the signal as JSON (so the browser preflights it), then
    // goes to the return URL.
    let html = done.text();
    assert!(html.contains("fetch(signalUrl"), "{html}");
    assert!(html.contains("method: \"POST\""), "{html}");
    assert!(html.contains("mode: \"cors\""), "{html}");
    assert!(html.contains("var type = \"application/json\""), "{html}");
    assert!(html.contains("{ \"Content-Type\": type }"), "{html}");
    // The body is the signal as JSON text, written into the page as a string literal.
    assert!(
        html.contains(&format!(
            "init.body = \"{{\\\"fingerprint\\\":\\\"{fp}\\\",\\\"status\\\":\\\"RECEIVED\\\"}}\""
        )),
        "{html}"
    );
    assert!(
        html.contains("window.location.replace(returnUrl)"),
        "{html}"
    );
    assert!(
        html.contains("\"http://127.0.0.1:45678/signal?state=abc123\""),
        "{html}"
    );
    let fetch_at = html.find("fetch(").unwrap();
    let then_back = html.find(".then(back").unwrap();
    assert!(fetch_at < then_back, "signal first, then the redirect");

    assert_eq!(status(&sim, &fp).await.json()["status"], "RECEIVED");
    let history: Vec<ErakStatus> = sim.invoices()[0].history.iter().map(|(s, _)| *s).collect();
    assert_eq!(
        history,
        vec![
            ErakStatus::Created,
            ErakStatus::Signed,
            ErakStatus::Received
        ]
    );

    // A second press changes nothing.
    let again = send(
        "POST",
        &format!("{}/sign/{fp}/complete", sim.erak_url()),
        &[("content-type", "application/x-www-form-urlencoded")],
        "action=cancel",
        None,
    )
    .await
    .unwrap();
    assert_eq!(again.status, 409);
    assert_eq!(status(&sim, &fp).await.json()["status"], "RECEIVED");
}

#[tokio::test]
async fn cancelling_redirects_with_cancelled_and_json_clients_get_json() {
    let sim = start().await;
    let fp = create(&sim, &body("D")).await.json()["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let done = send(
        "POST",
        &format!("{}/sign/{fp}/complete", sim.erak_url()),
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("accept", "application/json"),
        ],
        "action=cancel",
        None,
    )
    .await
    .unwrap();
    assert_eq!(done.status, 200);
    let v = done.json();
    assert_eq!(v["status"], "CANCELLED");
    assert_eq!(
        v["signal"],
        json!({ "fingerprint": fp, "status": "CANCELLED" })
    );
    assert_eq!(v["signalUrl"], "http://127.0.0.1:45678/signal?state=abc123");
    assert!(v["redirect"]
        .as_str()
        .unwrap()
        .ends_with(&format!("state=abc123&fingerprint={fp}&status=CANCELLED")));
    assert_eq!(status(&sim, &fp).await.json()["status"], "CANCELLED");
}

#[tokio::test]
async fn an_unsigned_invoice_expires() {
    let sim = start().await;
    let fp = create(&sim, &body("A")).await.json()["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    sim.expire_invoice(&fp).unwrap();
    assert_eq!(status(&sim, &fp).await.json()["status"], "EXPIRED");
    let page = send(
        "GET",
        &format!("{}/sign?fingerprint={fp}", sim.erak_url()),
        &[],
        "",
        None,
    )
    .await
    .unwrap();
    assert!(!page.text().contains("value=\"sign\""));

    let quick = start_with(|c| c.erak_invoice_ttl = std::time::Duration::from_millis(50)).await;
    let fp = create(&quick, &body("A")).await.json()["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(quick.erak_status(&fp), Some(ErakStatus::Expired));
}

#[tokio::test]
async fn without_a_signal_url_the_page_goes_straight_back() {
    let sim = start().await;
    let mut b = body("A");
    remove(&mut b, "signalUrl");
    let fp = create(&sim, &b).await.json()["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let done = send(
        "POST",
        &format!("{}/sign/{fp}/complete", sim.erak_url()),
        &[("content-type", "application/x-www-form-urlencoded")],
        "action=sign",
        None,
    )
    .await
    .unwrap();
    assert!(done.text().contains("var signalUrl = null;"));
    assert!(done.header("x-erak-signal-url").is_none());
}
