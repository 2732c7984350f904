//! The client against `timbok-sim` (started in the test, E-RÄK over http on loopback): every
//! scenario's invoice is accepted, every required answer left out is refused on the same
//! field by the validator and by E-RÄK, the key, faults, and the status after signing.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use timbok_sim::{Fault, RunningSimulator, Service, SimConfig, Simulator};

use super::wire_tests::{
    fixture, golden, json_of, RETURN_URL, SIGNAL_URL, SUPPLIER_ID, SUPPLIER_NAME,
};
use super::*;
use crate::connection::Trust;
use crate::credentials::SecretBytes;
use crate::demo::PERSON;
use crate::hours::YearMonth;
use crate::household::Scenario;
use crate::invoice::testing::*;
use crate::invoice::{validate, Answers};

struct Sim {
    sim: RunningSimulator,
    transport: Arc<HttpsTransport>,
    client: ErakClient,
    _dir: tempfile::TempDir,
}

/// A simulator whose "today" is the tests' (so March 2025 has ended), and a client for it.
async fn start() -> Sim {
    let dir = tempfile::tempdir().unwrap();
    let mut config = SimConfig::new(dir.path().join("sim"));
    config.today = Some(today());
    config.hang = Duration::from_secs(5);
    let sim = Simulator::start(config).await.unwrap();
    let transport = Arc::new(transport_to(&sim));
    let client = ErakClient::new(
        transport.clone(),
        sim.erak_key_header(),
        SecretBytes::new(sim.erak_key()),
    )
    .unwrap();
    Sim {
        sim,
        transport,
        client,
        _dir: dir,
    }
}

fn transport_to(sim: &RunningSimulator) -> HttpsTransport {
    HttpsTransport::new(sim.erak_url(), &Trust::only_pem(sim.ca_pem()).unwrap()).unwrap()
}

fn supplier() -> Supplier {
    Supplier {
        name: SUPPLIER_NAME.into(),
        id: SUPPLIER_ID.into(),
    }
}

/// Removes (`None`) or replaces the value at a dotted path with `[i]` array items.
fn edit(body: &mut Value, path: &str, value: Option<Value>) {
    fn index(part: &str) -> Option<(&str, usize)> {
        let (key, rest) = part.split_once('[')?;
        Some((key, rest.trim_end_matches(']').parse().unwrap()))
    }
    let mut parts: Vec<&str> = path.split('.').collect();
    let last = parts.pop().unwrap();
    let mut v = body;
    for part in parts {
        v = match index(part) {
            Some((key, i)) => &mut v[key][i],
            None => v
                .get_mut(part)
                .unwrap_or_else(|| panic!("{path}: no {part}")),
        };
    }
    match (index(last), value) {
        (Some((key, i)), Some(value)) => v[key][i] = value,
        (Some((key, i)), None) => {
            v[key].as_array_mut().unwrap().remove(i);
        }
        (None, Some(value)) => {
            v.as_object_mut().unwrap().insert(last.into(), value);
        }
        (None, None) => {
            v.as_object_mut()
                .unwrap()
                .remove(last)
                .unwrap_or_else(|| panic!("{path} was not there"));
        }
    }
}

async fn send_json(client: &ErakClient, body: &Value) -> CreateReply {
    client
        .send_create_body(serde_json::to_vec(body).unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn every_scenario_is_accepted_by_the_simulator() {
    let s = start().await;
    for scenario in SCENARIOS {
        for answers in [minimal_answers(scenario), full_answers(scenario)] {
            let invoice = accepted(scenario, &answers);
            let reply = s
                .client
                .create(&invoice, &supplier(), RETURN_URL, Some(SIGNAL_URL))
                .await
                .unwrap();
            let CreateReply::Created { fingerprint } = reply else {
                panic!("{scenario:?}: {reply:?}")
            };
            let stored = s.sim.invoices().pop().unwrap();
            assert_eq!(stored.fingerprint, fingerprint);
            assert_eq!(stored.body, json_of(&invoice), "{scenario:?}");
        }
    }
    // What arrived: the path, the JSON type and the key in its header.
    let record = s.sim.record();
    let creates = record.requests(Service::Erak, "POST", "/public/v1/create");
    assert_eq!(creates.len(), 12);
    for r in creates {
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.header(s.sim.erak_key_header()), Some(s.sim.erak_key()));
    }
}

type Edit = fn(&mut Answers);

struct Case {
    scenario: Scenario,
    wire_path: &'static str,
    /// `None`: the value is removed.
    wire_value: Option<Value>,
    field: &'static str,
    answers: Edit,
}

fn case(
    scenario: Scenario,
    wire_path: &'static str,
    wire_value: Option<Value>,
    field: &'static str,
    answers: Edit,
) -> Case {
    Case {
        scenario,
        wire_path,
        wire_value,
        field,
        answers,
    }
}

fn cases() -> Vec<Case> {
    use Scenario::*;
    let mut list = vec![
        case(A, "invoice.answers.lssActivity", None, "lssActivity", |a| {
            a.lss_activity = None
        }),
        case(
            D,
            "invoice.answers.lssActivity.answer",
            None,
            "lssActivity",
            |a| a.lss_activity = None,
        ),
        case(
            A,
            "invoice.answers.lssActivity.kinds",
            None,
            "lssActivity.kinds",
            |a| a.lss_kinds.clear(),
        ),
        case(
            B,
            "invoice.answers.hospitalStay",
            None,
            "hospitalStay",
            |a| a.hospital_stay = None,
        ),
        case(
            E,
            "invoice.answers.hospitalStay.dates",
            None,
            "hospitalStay.stays",
            |a| a.hospital_stays.clear(),
        ),
        case(
            C,
            "invoice.answers.hospitalStay.dates[1].to",
            None,
            "hospitalStay.stays[1].to",
            |a| a.hospital_stays[1].to.clear(),
        ),
        case(
            F,
            "invoice.answers.hospitalStay.dates[0].from",
            None,
            "hospitalStay.stays[0].from",
            |a| a.hospital_stays[0].from.clear(),
        ),
        case(
            D,
            "invoice.answers.hospitalStay.dates[0]",
            Some(json!({"from": "2025-02-01T08:00", "to": "2025-02-02T08:00"})),
            "hospitalStay.stays[0]",
            |a| {
                a.hospital_stays[0].from = "2025-02-01T08:00".into();
                a.hospital_stays[0].to = "2025-02-02T08:00".into();
            },
        ),
        case(C, "invoice.answers.outsideEea", None, "outsideEea", |a| {
            a.outside_eea = None
        }),
        case(
            A,
            "invoice.answers.previousPayment",
            None,
            "previousPayment",
            |a| a.previous_payment_used = None,
        ),
        case(
            B,
            "invoice.answers.previousPayment.remainingOre",
            None,
            "previousPayment.remaining",
            |a| a.previous_payment_remaining.clear(),
        ),
        case(
            D,
            "invoice.answers.lastMonthOfPeriod",
            None,
            "lastMonthOfPeriod",
            |a| a.last_month_of_period = None,
        ),
        case(
            E,
            "invoice.answers.costs.wagesOre",
            None,
            "costs.wages",
            |a| a.costs.wages.clear(),
        ),
        case(
            F,
            "invoice.answers.costs.overheadsOre",
            None,
            "costs.overheads",
            |a| a.costs.overheads.clear(),
        ),
        case(
            D,
            "invoice.answers.costs.trainingOre",
            None,
            "costs.training",
            |a| a.costs.training.clear(),
        ),
        case(
            E,
            "invoice.answers.costs.workEnvironmentOre",
            None,
            "costs.workEnvironment",
            |a| a.costs.work_environment.clear(),
        ),
        case(F, "invoice.answers.period.from", None, "period.from", |a| {
            a.period_from.clear()
        }),
        case(D, "invoice.answers.period.to", None, "period.to", |a| {
            a.period_to.clear()
        }),
        case(
            E,
            "invoice.answers.period.to",
            Some(json!("2025-04-01")),
            "period.to",
            |a| a.period_to = "2025-04-01".into(),
        ),
        case(D, "invoice.answers.moneyLeft", None, "moneyLeft", |a| {
            a.money_left = None
        }),
        case(
            F,
            "invoice.answers.moneyLeft.amountOre",
            None,
            "moneyLeft.amount",
            |a| a.money_left_amount.clear(),
        ),
        case(E, "invoice.answers.repayment", None, "repayment", |a| {
            a.repayment = None
        }),
        case(
            E,
            "invoice.signer.personnummer",
            Some(json!(PERSON)),
            "signer.personnummer",
            |a| a.signer_personnummer = PERSON.into(),
        ),
        case(A, "invoice.phone", Some(json!("12")), "phone", |a| {
            a.phone = "12".into()
        }),
    ];
    for s in SCENARIOS {
        list.push(case(s, "invoice.phone", None, "phone", |a| a.phone.clear()));
        if !matches!(s, A | D) {
            list.push(case(
                s,
                "invoice.signer.personnummer",
                None,
                "signer.personnummer",
                |a| a.signer_personnummer.clear(),
            ));
            list.push(case(
                s,
                "invoice.signer.nameInPrint",
                None,
                "signer.nameInPrint",
                |a| a.signer_name_in_print.clear(),
            ));
        }
        if matches!(s, C | F) {
            list.push(case(s, "invoice.signer.role", None, "signer.role", |a| {
                a.signer_role = None
            }));
        }
    }
    list
}

/// The proof that the core and E-RÄK agree: each required answer left out (or wrong) is
/// refused by `validate` and, sent by hand, by the simulator, on the same field.
#[tokio::test]
async fn the_validator_and_the_simulator_refuse_the_same_field() {
    let s = start().await;
    for c in cases() {
        let label = format!("{:?} {}", c.scenario, c.wire_path);
        // The validator.
        let mut answers = full_answers(c.scenario);
        (c.answers)(&mut answers);
        let problems = check(c.scenario, &answers).expect_err(&label);
        assert_eq!(
            problems
                .iter()
                .map(|p| p.field.as_str())
                .collect::<Vec<_>>(),
            [c.field],
            "{label}"
        );
        // The simulator, with the request built by hand.
        let mut body = json_of(&accepted(c.scenario, &full_answers(c.scenario)));
        edit(&mut body, c.wire_path, c.wire_value.clone());
        match send_json(&s.client, &body).await {
            CreateReply::Invalid(errors) => {
                let fields: Vec<Option<String>> =
                    errors.iter().map(WireFieldError::invoice_field).collect();
                assert_eq!(fields, [Some(c.field.to_string())], "{label}: {errors:?}");
            }
            other => panic!("{label}: {other:?}"),
        }
    }

    // A month that has not ended: "month" on both sides.
    let h = household(Scenario::A);
    let april = YearMonth::new(2025, 4).unwrap();
    let answers = minimal_answers(Scenario::A);
    let problems = validate(Scenario::A, &answers, &h, april, totals(), today()).unwrap_err();
    assert_eq!(problems[0].field, "month");
    let mut body = json_of(&accepted(Scenario::A, &answers));
    edit(&mut body, "invoice.month", Some(json!(4)));
    let CreateReply::Invalid(errors) = send_json(&s.client, &body).await else {
        panic!("accepted")
    };
    assert_eq!(errors[0].invoice_field().as_deref(), Some("month"));

    assert!(s.sim.invoices().is_empty(), "nothing was accepted");
}

/// Two 400 answers recorded in `tests/fixtures/erak/` (parsed in `wire_tests`): the simulator
/// still answers exactly these bytes.
#[tokio::test]
async fn recorded_400_replies_are_still_what_the_simulator_answers() {
    let s = start().await;
    let raw = |body: Value| {
        let request = s.client.create_request(serde_json::to_vec(&body).unwrap());
        let transport = s.transport.clone();
        async move { transport.send(request).await.unwrap() }
    };

    let mut a = json_of(&accepted(Scenario::A, &full_answers(Scenario::A)));
    edit(&mut a, "supplier.id", Some(json!("")));
    edit(&mut a, "invoice.answers.lssActivity.answer", None);
    edit(
        &mut a,
        "invoice.answers.hospitalStay.dates[1].to",
        Some(json!("2025-03-29T21:00")),
    );
    edit(
        &mut a,
        "invoice.answers.lastMonthOfPeriod",
        Some(json!(true)),
    );
    edit(&mut a, "invoice.answers.previousPayment.remainingOre", None);
    edit(&mut a, "invoice.phone", Some(json!("12")));
    let reply = raw(a).await;
    assert_eq!(reply.status, 400);
    golden(
        "reply-400-a.json",
        fixture!("reply-400-a.json"),
        &reply.body,
    );

    let mut e = json_of(&accepted(Scenario::E, &full_answers(Scenario::E)));
    edit(
        &mut e,
        "invoice.answers.hospitalStay.dates[0]",
        Some(json!({"from": "2025-04-02T08:00", "to": "2025-04-03T08:00"})),
    );
    edit(&mut e, "invoice.answers.costs.trainingOre", None);
    edit(
        &mut e,
        "invoice.answers.period.to",
        Some(json!("2025-02-28")),
    );
    edit(&mut e, "invoice.answers.moneyLeft.amountOre", None);
    edit(&mut e, "invoice.answers.repayment", Some(json!("payLater")));
    edit(&mut e, "invoice.signer.personnummer", Some(json!(PERSON)));
    let reply = raw(e).await;
    assert_eq!(reply.status, 400);
    golden(
        "reply-400-e-last-month.json",
        fixture!("reply-400-e-last-month.json"),
        &reply.body,
    );
}

#[tokio::test]
async fn a_wrong_key_is_unauthorized() {
    let s = start().await;
    let wrong = ErakClient::new(
        s.transport.clone(),
        s.sim.erak_key_header(),
        SecretBytes::new("sim-not-the-key"),
    )
    .unwrap();
    let invoice = accepted(Scenario::D, &minimal_answers(Scenario::D));
    let reply = wrong
        .create(&invoice, &supplier(), RETURN_URL, Some(SIGNAL_URL))
        .await
        .unwrap();
    assert!(
        matches!(&reply, CreateReply::Unauthorized { raw } if raw.contains(s.sim.erak_key_header())),
        "{reply:?}"
    );
    let e = wrong.status("0123").await.unwrap_err();
    assert!(matches!(e, ErakError::Unauthorized { .. }), "{e:?}");
    assert!(s.sim.invoices().is_empty());
}

#[tokio::test]
async fn faults_leave_the_invoice_ready_to_send_again() {
    let s = start().await;
    let invoice = accepted(Scenario::B, &full_answers(Scenario::B));
    let before = invoice.clone();
    let send = |client: &ErakClient| {
        let client = client.clone();
        let invoice = invoice.clone();
        async move {
            client
                .create(&invoice, &supplier(), RETURN_URL, Some(SIGNAL_URL))
                .await
        }
    };

    // 5xx: answered, not handled.
    s.sim
        .set_fault(Service::Erak, Fault::ServerError(503))
        .unwrap();
    match send(&s.client).await.unwrap() {
        CreateReply::Unavailable { status, .. } => assert_eq!(status, 503),
        other => panic!("{other:?}"),
    }
    assert!(s.sim.invoices().is_empty());

    // The connection dropped: no answer.
    s.sim
        .set_fault(Service::Erak, Fault::DropConnection)
        .unwrap();
    let e = send(&s.client).await.unwrap_err();
    assert!(matches!(e, ErakError::Network(_)), "{e:?}");
    assert!(e
        .to_string()
        .contains("Räkningen är sparad och kan skickas igen"));

    // Too slow: the client's time-out.
    let impatient = ErakClient::new(
        Arc::new(transport_to(&s.sim).with_timeout(Duration::from_millis(300))),
        s.sim.erak_key_header(),
        SecretBytes::new(s.sim.erak_key()),
    )
    .unwrap();
    s.sim
        .set_fault(Service::Erak, Fault::Slow(Duration::from_secs(2)))
        .unwrap();
    let e = send(&impatient).await.unwrap_err();
    assert_eq!(e, ErakError::Timeout);
    assert!(e.is_retryable());
    assert!(e
        .to_string()
        .contains("Räkningen är sparad och kan skickas igen"));

    // Handled, but the answer never came: a time-out too. E-RÄK has the invoice; sending again
    // makes a second one (only a signed one counts).
    s.sim
        .set_fault(Service::Erak, Fault::TimeoutAfterStore)
        .unwrap();
    let e = send(&impatient).await.unwrap_err();
    assert_eq!(e, ErakError::Timeout);

    // Sent again, the same invoice goes through.
    s.sim.clear_faults();
    assert_eq!(invoice, before);
    let CreateReply::Created { fingerprint } = send(&s.client).await.unwrap() else {
        panic!("not created")
    };
    let stored = s.sim.invoices();
    assert!(stored.iter().any(|i| i.fingerprint == fingerprint));
    assert!(stored.iter().all(|i| i.body == json_of(&invoice)));
}

#[tokio::test]
async fn status_follows_the_signing_on_fks_page() {
    let s = start().await;
    let invoice = accepted(Scenario::F, &full_answers(Scenario::F));
    let CreateReply::Created { fingerprint } = s
        .client
        .create(&invoice, &supplier(), RETURN_URL, Some(SIGNAL_URL))
        .await
        .unwrap()
    else {
        panic!("not created")
    };
    assert_eq!(
        s.client.status(&fingerprint).await.unwrap(),
        StatusReply {
            fingerprint: fingerprint.clone(),
            status: ErakStatus::Created
        }
    );

    // The user's page exists at the link.
    let roots = crate::connection::root_store(&Trust::only_pem(s.sim.ca_pem()).unwrap()).unwrap();
    let http = crate::connection::client(&roots, None, s.sim.erak_url()).unwrap();
    let page = http
        .get(sign_page_url(s.sim.erak_url(), &fingerprint))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Skriv under"));

    // The user presses "Skriv under" (as a client without a browser).
    let done = http
        .post(format!("{}/sign/{fingerprint}/complete", s.sim.erak_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body("action=sign")
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    let done: Value = done.json().await.unwrap();
    assert_eq!(done["status"], "RECEIVED");

    let reply = s.client.status(&fingerprint).await.unwrap();
    assert_eq!(reply.status, ErakStatus::Received);
    assert!(reply.status.is_final());

    let e = s
        .client
        .status("ffffffffffffffffffffffffffffffff")
        .await
        .unwrap_err();
    assert!(matches!(e, ErakError::UnknownFingerprint { .. }), "{e:?}");

    // E-RÄK stored the body as sent.
    assert_eq!(s.sim.invoices()[0].body, json_of(&invoice));
}
