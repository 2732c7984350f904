//! The wire module: golden create bodies, the replies, and E-RÄK's error paths mapped back to
//! the wizard's fields (also from 400 bodies recorded from the simulator).

use std::path::PathBuf;

use serde_json::{json, Value};

use super::wire::*;
use super::ErakError;
use crate::household::Scenario;
use crate::invoice::testing::*;
use crate::invoice::Invoice;

/// A golden file's bytes, read at compile time.
macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/erak/",
            $name
        ))
    };
}
pub(super) use fixture;

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/erak")
        .join(name)
}

/// Fails on any byte difference; with `UPDATE_GOLDEN=1` rewrites the file instead.
pub(super) fn golden(name: &str, expected: &[u8], actual: &[u8]) {
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::write(fixture_path(name), actual).expect("golden file written");
        return;
    }
    assert!(
        expected == actual,
        "{name} differs (UPDATE_GOLDEN=1 rewrites it)\nexpected: {}\nactual:   {}",
        String::from_utf8_lossy(expected),
        String::from_utf8_lossy(actual)
    );
}

pub(super) const SUPPLIER_NAME: &str = "Timbok";
pub(super) const SUPPLIER_ID: &str = "timbok-demo";
pub(super) const RETURN_URL: &str = "http://127.0.0.1:45678/return?state=abc123";
pub(super) const SIGNAL_URL: &str = "http://127.0.0.1:45678/signal?state=abc123";

pub(super) fn body_of(invoice: &Invoice) -> Vec<u8> {
    create_body(
        invoice,
        SUPPLIER_NAME,
        SUPPLIER_ID,
        RETURN_URL,
        Some(SIGNAL_URL),
    )
}

pub(super) fn json_of(invoice: &Invoice) -> Value {
    serde_json::from_slice(&body_of(invoice)).unwrap()
}

#[test]
fn golden_body_scenario_a() {
    let invoice = accepted(Scenario::A, &minimal_answers(Scenario::A));
    golden(
        "create-a.json",
        fixture!("create-a.json"),
        &body_of(&invoice),
    );
}

#[test]
fn golden_body_scenario_e_last_month_with_hospital_stays() {
    let invoice = accepted(Scenario::E, &full_answers(Scenario::E));
    golden(
        "create-e-last-month.json",
        fixture!("create-e-last-month.json"),
        &body_of(&invoice),
    );
}

#[test]
fn the_body_in_detail() {
    // A: Nej answers carry no follow-ups; no period fields; the person signs.
    let a = json_of(&accepted(Scenario::A, &minimal_answers(Scenario::A)));
    assert_eq!(
        a["supplier"],
        json!({"name": "Timbok", "id": "timbok-demo"})
    );
    assert_eq!(a["returnUrl"], RETURN_URL);
    assert_eq!(a["signalUrl"], SIGNAL_URL);
    let inv = &a["invoice"];
    assert_eq!(inv["scenario"], "A");
    assert_eq!(
        (inv["year"].as_i64(), inv["month"].as_i64()),
        (Some(2025), Some(3))
    );
    assert_eq!(
        inv["person"],
        json!({"personnummer": "201605129988", "firstName": "Elsa", "lastName": "Demosson"})
    );
    assert_eq!(
        inv["totals"],
        json!({"activeMinutes": 9000, "waitingMinutes": 120, "standbyMinutes": 600})
    );
    assert_eq!(
        inv["answers"],
        json!({
            "lssActivity": {"answer": false},
            "hospitalStay": {"answer": false},
            "outsideEea": {"answer": false},
            "previousPayment": {"answer": true},
        })
    );
    assert_eq!(inv["signer"], json!({"role": "self"}));
    assert_eq!(inv["phone"], "070-174 06 10");

    // C: the payment not used carries the amount in öre; a god man signs.
    let c = json_of(&accepted(Scenario::C, &full_answers(Scenario::C)));
    assert_eq!(
        c["invoice"]["answers"]["previousPayment"],
        json!({"answer": false, "remainingOre": 123450})
    );
    assert_eq!(
        c["invoice"]["signer"],
        json!({"role": "godMan", "personnummer": "198403079984", "nameInPrint": "Maria Demosson"})
    );

    // F, not the last month: only lastMonthOfPeriod false.
    let f = json_of(&accepted(Scenario::F, &minimal_answers(Scenario::F)));
    let answers = f["invoice"]["answers"].as_object().unwrap();
    let mut keys: Vec<&str> = answers.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "hospitalStay",
            "lastMonthOfPeriod",
            "lssActivity",
            "outsideEea"
        ]
    );
    assert_eq!(answers["lastMonthOfPeriod"], false);
    assert_eq!(f["invoice"]["signer"]["role"], "forvaltare");

    // E, last month: everything, stays as checked (24:00 as the next day's 00:00).
    let e = json_of(&accepted(Scenario::E, &full_answers(Scenario::E)));
    let answers = &e["invoice"]["answers"];
    assert_eq!(
        answers["lssActivity"],
        json!({"answer": true, "kinds": ["skola", "dagligVerksamhet"]})
    );
    assert_eq!(
        answers["hospitalStay"]["dates"][1],
        json!({"from": "2025-03-29T22:00", "to": "2025-03-31T00:00"})
    );
    assert_eq!(
        answers["costs"],
        json!({"wagesOre": 25000000, "overheadsOre": 300000, "trainingOre": 50050, "workEnvironmentOre": 10000})
    );
    assert_eq!(
        answers["period"],
        json!({"from": "2024-10-01", "to": "2025-03-31"})
    );
    assert_eq!(
        answers["moneyLeft"],
        json!({"answer": true, "amountOre": 99900})
    );
    assert_eq!(answers["repayment"], "deductFromNextPayment");
    assert_eq!(e["invoice"]["signer"]["role"], "vardnadshavare");

    // Without a signal URL the key is left out.
    let invoice = accepted(Scenario::A, &minimal_answers(Scenario::A));
    let body: Value =
        serde_json::from_slice(&create_body(&invoice, "T", "t", RETURN_URL, None)).unwrap();
    assert!(body.get("signalUrl").is_none());
}

#[test]
fn paths_and_the_signing_page() {
    assert_eq!(CREATE_PATH, "/public/v1/create");
    assert_eq!(status_path("0a1b2c"), "/public/v1/status/0a1b2c");
    assert_eq!(status_path("a b/c?d"), "/public/v1/status/a%20b%2Fc%3Fd");
    assert_eq!(
        sign_page_url("http://127.0.0.1:4000", "0a1b2c"),
        "http://127.0.0.1:4000/sign?fingerprint=0a1b2c"
    );
    assert_eq!(
        sign_page_url("https://fk.example/erak/", "a&b c"),
        "https://fk.example/erak/sign?fingerprint=a%26b+c"
    );
}

#[test]
fn wire_paths_map_back_to_the_wizard_fields() {
    let table: &[(&str, Option<&str>)] = &[
        ("invoice.year", Some("month")),
        ("invoice.month", Some("month")),
        ("invoice.person", Some("person")),
        ("invoice.person.personnummer", Some("person")),
        ("invoice.person.firstName", Some("person")),
        ("invoice.personal", None),
        ("invoice.totals.activeMinutes", Some("totals")),
        ("invoice.answers.lssActivity", Some("lssActivity")),
        ("invoice.answers.lssActivity.answer", Some("lssActivity")),
        (
            "invoice.answers.lssActivity.kinds",
            Some("lssActivity.kinds"),
        ),
        (
            "invoice.answers.lssActivity.kinds[2]",
            Some("lssActivity.kinds"),
        ),
        ("invoice.answers.lssActivity.kindsX", None),
        ("invoice.answers.hospitalStay", Some("hospitalStay")),
        ("invoice.answers.hospitalStay.answer", Some("hospitalStay")),
        (
            "invoice.answers.hospitalStay.dates",
            Some("hospitalStay.stays"),
        ),
        (
            "invoice.answers.hospitalStay.dates[0]",
            Some("hospitalStay.stays[0]"),
        ),
        (
            "invoice.answers.hospitalStay.dates[0].from",
            Some("hospitalStay.stays[0].from"),
        ),
        (
            "invoice.answers.hospitalStay.dates[12].to",
            Some("hospitalStay.stays[12].to"),
        ),
        (
            "invoice.answers.hospitalStay.dates[3].other",
            Some("hospitalStay.stays[3]"),
        ),
        ("invoice.answers.hospitalStay.dates[x].from", None),
        ("invoice.answers.hospitalStay.dates[]", None),
        ("invoice.answers.outsideEea", Some("outsideEea")),
        ("invoice.answers.outsideEea.answer", Some("outsideEea")),
        ("invoice.answers.previousPayment", Some("previousPayment")),
        (
            "invoice.answers.previousPayment.answer",
            Some("previousPayment"),
        ),
        (
            "invoice.answers.previousPayment.remainingOre",
            Some("previousPayment.remaining"),
        ),
        (
            "invoice.answers.lastMonthOfPeriod",
            Some("lastMonthOfPeriod"),
        ),
        ("invoice.answers.costs", Some("costs")),
        ("invoice.answers.costs.wagesOre", Some("costs.wages")),
        (
            "invoice.answers.costs.overheadsOre",
            Some("costs.overheads"),
        ),
        ("invoice.answers.costs.trainingOre", Some("costs.training")),
        (
            "invoice.answers.costs.workEnvironmentOre",
            Some("costs.workEnvironment"),
        ),
        ("invoice.answers.period", Some("period")),
        ("invoice.answers.period.from", Some("period.from")),
        ("invoice.answers.period.to", Some("period.to")),
        ("invoice.answers.moneyLeft", Some("moneyLeft")),
        ("invoice.answers.moneyLeft.answer", Some("moneyLeft")),
        (
            "invoice.answers.moneyLeft.amountOre",
            Some("moneyLeft.amount"),
        ),
        ("invoice.answers.repayment", Some("repayment")),
        ("invoice.signer", Some("signer")),
        ("invoice.signer.role", Some("signer.role")),
        ("invoice.signer.personnummer", Some("signer.personnummer")),
        ("invoice.signer.nameInPrint", Some("signer.nameInPrint")),
        ("invoice.phone", Some("phone")),
        ("invoice.scenario", None),
        ("invoice.answers", None),
        ("invoice", None),
        ("supplier.name", None),
        ("returnUrl", None),
        ("signalUrl", None),
        ("X-Erak-Key", None),
        ("", None),
        ("invoice.answers.somethingNew", None),
    ];
    for (path, want) in table {
        assert_eq!(field_for_wire_path(path).as_deref(), *want, "{path}");
    }
}

#[test]
fn create_replies() {
    assert_eq!(
        create_reply(200, br#"{"fingerprint":"0f1e2d"}"#).unwrap(),
        CreateReply::Created {
            fingerprint: "0f1e2d".into()
        }
    );
    let invalid = create_reply(
        400,
        r#"{"errors":[{"field":"invoice.phone","message":"Telefonnumret ska ha minst sex siffror."},{"field":"","message":"Ogiltig JSON"}]}"#.as_bytes(),
    )
    .unwrap();
    let CreateReply::Invalid(errors) = invalid else {
        panic!("{invalid:?}")
    };
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].invoice_field().as_deref(), Some("phone"));
    assert_eq!(errors[0].message, "Telefonnumret ska ha minst sex siffror.");
    assert_eq!(errors[1].invoice_field(), None);

    let raw = r#"{"errors":[{"field":"X-Erak-Key","message":"Nyckeln saknas eller är fel."}]}"#;
    assert_eq!(
        create_reply(401, raw.as_bytes()).unwrap(),
        CreateReply::Unauthorized { raw: raw.into() }
    );
    assert_eq!(
        create_reply(503, b"busy").unwrap(),
        CreateReply::Unavailable {
            status: 503,
            raw: "busy".into()
        }
    );
    assert!(matches!(
        create_reply(404, b"").unwrap(),
        CreateReply::Unavailable { status: 404, .. }
    ));
    // Not the expected shape: unreadable, with the raw body.
    for (status, body) in [
        (200, &b"<html>ok</html>"[..]),
        (200, br#"{"fingerprint":""}"#),
        (200, br#"{"id":"x"}"#),
        (400, b"Bad Request"),
        (400, br#"{"errors":[]}"#),
    ] {
        match create_reply(status, body) {
            Err(ErakError::UnreadableReply { status: s, raw }) => {
                assert_eq!(s, status);
                assert_eq!(raw.as_bytes(), body);
            }
            other => panic!("{status} {other:?}"),
        }
    }
}

#[test]
fn status_replies() {
    for status in [
        ErakStatus::Created,
        ErakStatus::Signed,
        ErakStatus::Received,
        ErakStatus::Cancelled,
        ErakStatus::Expired,
    ] {
        let body = format!(r#"{{"fingerprint":"ab12","status":"{}"}}"#, status.as_str());
        assert_eq!(
            status_reply("ab12", 200, body.as_bytes()).unwrap(),
            StatusReply {
                fingerprint: "ab12".into(),
                status
            }
        );
        assert_eq!(
            serde_json::to_value(status).unwrap(),
            json!(status.as_str())
        );
    }
    assert!(ErakStatus::Received.is_final() && !ErakStatus::Created.is_final());
    assert!(matches!(
        status_reply("ab12", 200, br#"{"fingerprint":"ab12","status":"LOST"}"#),
        Err(ErakError::UnreadableReply { status: 200, .. })
    ));
    assert!(matches!(
        status_reply(
            "ab12",
            200,
            br#"{"fingerprint":"other","status":"RECEIVED"}"#
        ),
        Err(ErakError::UnreadableReply { status: 200, .. })
    ));
    assert!(matches!(
        status_reply("ab12", 404, b"{}"),
        Err(ErakError::UnknownFingerprint { .. })
    ));
    assert!(matches!(
        status_reply("ab12", 401, b"{}"),
        Err(ErakError::Unauthorized { .. })
    ));
    assert_eq!(
        status_reply("ab12", 502, b"gateway"),
        Err(ErakError::Unavailable {
            status: 502,
            raw: "gateway".into()
        })
    );
}

fn mapped(body: &[u8]) -> Vec<(String, Option<String>)> {
    match create_reply(400, body).unwrap() {
        CreateReply::Invalid(errors) => errors
            .into_iter()
            .map(|e| {
                assert!(!e.message.is_empty());
                let field = e.invoice_field();
                (e.field, field)
            })
            .collect(),
        other => panic!("{other:?}"),
    }
}

fn pairs(list: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
    list.iter()
        .map(|(w, f)| (w.to_string(), f.map(str::to_string)))
        .collect()
}

/// 400 bodies recorded from the simulator (`sim_tests` checks it still answers these bytes).
#[test]
fn recorded_400_scenario_a_maps_to_fields() {
    assert_eq!(
        mapped(fixture!("reply-400-a.json")),
        pairs(&[
            ("supplier.id", None),
            ("invoice.answers.lssActivity.answer", Some("lssActivity")),
            (
                "invoice.answers.hospitalStay.dates[1].to",
                Some("hospitalStay.stays[1].to")
            ),
            (
                "invoice.answers.lastMonthOfPeriod",
                Some("lastMonthOfPeriod")
            ),
            (
                "invoice.answers.previousPayment.remainingOre",
                Some("previousPayment.remaining")
            ),
            ("invoice.phone", Some("phone")),
        ])
    );
}

#[test]
fn recorded_400_scenario_e_maps_to_fields() {
    assert_eq!(
        mapped(fixture!("reply-400-e-last-month.json")),
        pairs(&[
            (
                "invoice.answers.hospitalStay.dates[0]",
                Some("hospitalStay.stays[0]")
            ),
            ("invoice.answers.costs.trainingOre", Some("costs.training")),
            ("invoice.answers.period.to", Some("period.to")),
            (
                "invoice.answers.moneyLeft.amountOre",
                Some("moneyLeft.amount")
            ),
            ("invoice.answers.repayment", Some("repayment")),
            ("invoice.signer.personnummer", Some("signer.personnummer")),
        ])
    );
}

/// docs/fk-contract.md against this module: every `pub const` has a table row naming it as
/// `wire::NAME` with its value, every `wire::NAME` the page names exists, and the create
/// body's link fields are the ones the constants name.
#[test]
fn the_contract_doc_lists_every_assumption() {
    let doc = include_str!("../../../../docs/fk-contract.md");
    let source = include_str!("wire.rs");
    let consts: Vec<&str> = source
        .lines()
        .filter_map(|l| l.strip_prefix("pub const "))
        .filter_map(|rest| rest.split(':').next())
        .filter(|name| *name != "ASSUMED")
        .collect();
    assert!(consts.len() >= 20, "{consts:?}");
    let listed: Vec<&str> = ASSUMED.iter().map(|(name, _)| *name).collect();
    assert_eq!(consts, listed, "ASSUMED lists every pub const, in order");

    let rows: Vec<&str> = doc.lines().filter(|l| l.starts_with('|')).collect();
    for (name, value) in ASSUMED {
        let named = format!("`wire::{name}`");
        let valued = format!("`{value}`");
        assert!(
            rows.iter()
                .any(|r| r.contains(&named) && r.contains(&valued)),
            "docs/fk-contract.md has no row with {named} = {valued}"
        );
    }
    for mention in doc.split("`wire::").skip(1) {
        let name: String = mention
            .chars()
            .take_while(|c| c.is_ascii_uppercase() || *c == '_')
            .collect();
        if name.is_empty() {
            continue; // a function (`wire::create_body`)
        }
        assert!(
            listed.contains(&name.as_str()),
            "docs/fk-contract.md names wire::{name}, which does not exist"
        );
    }

    let body = json_of(&accepted(Scenario::A, &minimal_answers(Scenario::A)));
    assert_eq!(body[RETURN_URL_FIELD], RETURN_URL);
    assert_eq!(body[SIGNAL_URL_FIELD], SIGNAL_URL);
}

#[test]
fn a_reply_over_the_size_cap_is_never_parsed_and_keeps_its_first_part() {
    let mut body = br#"{"fingerprint":"fp-1","status":"RECEIVED"}"#.to_vec();
    body.resize(crate::remote::MAX_REPLY_BYTES + 1, b' ');
    for status in [200, 400, 401, 503] {
        let Err(error) = create_reply(status, &body) else {
            panic!("{status}: refused");
        };
        assert_eq!(error.code(), "erak_reply_too_large");
        assert!(matches!(error, ErakError::ReplyTooLarge { status: s, .. } if s == status));
        assert_eq!(error.raw().unwrap().len(), crate::remote::KEPT_BYTES);
        assert!(error.is_retryable());
    }
    assert!(matches!(
        status_reply("fp-1", 200, &body),
        Err(ErakError::ReplyTooLarge { status: 200, .. })
    ));
    body.truncate(crate::remote::MAX_REPLY_BYTES);
    assert_eq!(
        status_reply("fp-1", 200, &body).unwrap().fingerprint,
        "fp-1"
    );
}

#[test]
fn fingerprints_and_field_errors_have_a_length_and_a_shape() {
    for bad in [
        String::new(),
        "a b".into(),
        "x".repeat(201),
        "fp\n1".into(),
        "../../admin".replace('/', "%2F"),
        "<img>".into(),
    ] {
        let body = json!({ "fingerprint": bad }).to_string();
        assert!(
            matches!(
                create_reply(200, body.as_bytes()),
                Err(ErakError::UnreadableReply { .. })
            ),
            "{bad:?}"
        );
    }
    let errors = |n: usize, field: &str, message: &str| {
        json!({ "errors": vec![json!({"field": field, "message": message}); n] }).to_string()
    };
    assert!(matches!(
        create_reply(400, errors(201, "invoice.phone", "x").as_bytes()),
        Err(ErakError::UnreadableReply { .. })
    ));
    assert!(matches!(
        create_reply(400, errors(1, &"a".repeat(201), "x").as_bytes()),
        Err(ErakError::UnreadableReply { .. })
    ));
    let Ok(CreateReply::Invalid(list)) = create_reply(
        400,
        errors(
            200,
            "invoice.phone",
            &format!("fel\u{1b}[2J{}", "é".repeat(2000)),
        )
        .as_bytes(),
    ) else {
        panic!("invalid");
    };
    assert_eq!(list.len(), 200);
    assert_eq!(list[0].message.chars().count(), 1000);
    assert!(
        list[0].message.starts_with("fel [2Jé"),
        "{:?}",
        &list[0].message[..10]
    );
}

proptest::proptest! {
    #![proptest_config(crate::fuzz::config())]

    /// No create or status reply panics the readers or the journal; what they accept is in
    /// shape.
    #[test]
    fn fuzz_erak_replies_never_panic(
        status in proptest::sample::select(vec![200u16, 400, 401, 404, 422, 500]),
        body in crate::fuzz::input(crate::fuzz::fixtures("erak", ".json"))
    ) {
        match create_reply(status, &body) {
            Ok(CreateReply::Created { fingerprint }) => {
                proptest::prop_assert!(crate::remote::token(&fingerprint, 200));
                let _ = sign_page_url("https://fk.example", &fingerprint);
                let _ = status_path(&fingerprint);
            }
            Ok(CreateReply::Invalid(errors)) => {
                proptest::prop_assert!(!errors.is_empty() && errors.len() <= 200);
                for error in &errors {
                    let _ = error.invoice_field();
                    proptest::prop_assert!(error.message.chars().count() <= 1000);
                }
            }
            Ok(_) => {}
            Err(error) => proptest::prop_assert!(!error.to_string().is_empty()),
        }
        let _ = status_reply("fp-1", status, &body);
        let _ = crate::journal::redact(&body);
    }
}
