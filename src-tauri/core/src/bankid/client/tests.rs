//! The client against a fake transport (exact requests, recorded answers) and against
//! `timbok-sim` over real HTTPS.

use super::*;
use crate::bankid::testing::{golden, recorded, FakeTransport, Sim};
use crate::bankid::{check_signer, qr_content};
use crate::credentials::SecretBytes;
use timbok_sim::{BankIdFailure, OrderStatus};

const ASSISTANT: &str = "199006219894";
const OTHER: &str = "197811029946";

fn pnr(digits: &str) -> PersonalId {
    PersonalId::from_twelve(digits).unwrap()
}

fn order_for(digits: &str) -> SignOrder {
    SignOrder {
        end_user_ip: "127.0.0.1".parse().unwrap(),
        visible_text: "# Tidredovisning mars 2025\n\nJag intygar att uppgifterna stämmer.".into(),
        non_visible_text:
            "elt:tidredovisning;1,9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                .into(),
        personal_number: pnr(digits),
    }
}

fn golden_order() -> SignOrder {
    SignOrder {
        end_user_ip: "192.0.2.10".parse().unwrap(),
        visible_text:
            "# Tidredovisning mars 2025\n\nAssistent: Åsa Öberg\n*Aktiv tid:* 120 h 30 min".into(),
        non_visible_text:
            "elt:tidredovisning;1,9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                .into(),
        personal_number: pnr(ASSISTANT),
    }
}

fn client_with(fake: &Arc<FakeTransport>) -> BankIdClient {
    BankIdClient::new(fake.clone())
}

// ---------------------------------------------------------------------------------------------
// Fake transport

#[tokio::test]
async fn sign_sends_the_golden_body_and_reads_the_recorded_answer() {
    let fake = FakeTransport::new();
    fake.reply("sign", 200, recorded!("sign-answer.json"));
    let started = client_with(&fake).sign(&golden_order()).await.unwrap();
    let calls = fake.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].path, "sign");
    golden!("sign-request.json", &calls[0].body);
    assert_eq!(
        started.order_ref.as_str(),
        "94a9af16-02d5-4890-a3dd-315fe8d3083b"
    );
    assert_eq!(
        started.auto_start_token,
        "080b3fa6-a50e-4b4d-91f5-c878df973ac1"
    );
    assert_eq!(
        started.qr_start_token,
        "8ae323c1-cafb-4b87-a3f5-e803b40ff82d"
    );
    assert_eq!(
        qr_content(&started.qr_start_token, &started.qr_start_secret, 3),
        format!(
            "bankid.8ae323c1-cafb-4b87-a3f5-e803b40ff82d.3.{}",
            timbok_sim::qr_auth_code("7d352599-fd52-4bbc-b9bd-ab2e8ee1dd84", 3)
        )
    );
    assert!(!format!("{started:?}").contains("7d352599"));
}

#[tokio::test]
async fn collect_and_cancel_send_the_golden_bodies() {
    let fake = FakeTransport::new();
    let order_ref = OrderRef::new("131daac9-16c6-4618-beb0-365768f37288");
    fake.reply(
        "collect",
        200,
        &crate::bankid::testing::pending(order_ref.as_str(), "outstandingTransaction"),
    );
    fake.reply("cancel", 200, recorded!("cancel-answer.json"));
    let client = client_with(&fake);
    client.collect(&order_ref).await.unwrap();
    client.cancel(&order_ref).await.unwrap();
    let calls = fake.calls();
    assert_eq!(
        calls.iter().map(|c| c.path.as_str()).collect::<Vec<_>>(),
        ["collect", "cancel"]
    );
    golden!("collect-request.json", &calls[0].body);
    golden!("cancel-request.json", &calls[1].body);
}

#[tokio::test]
async fn collect_reads_recorded_pending_failed_and_complete_answers() {
    let cases: [(&str, &[u8]); 3] = [
        (
            "94a9af16-02d5-4890-a3dd-315fe8d3083b",
            recorded!("collect-pending.json"),
        ),
        (
            "09a7e43f-89c0-46ff-9e91-293e970519d3",
            recorded!("collect-pending-user-sign.json"),
        ),
        (
            "51f02c5f-0ed0-4204-a821-23b7935c1e66",
            recorded!("collect-failed.json"),
        ),
    ];
    let mut seen = Vec::new();
    for (order_ref, answer) in cases {
        let fake = FakeTransport::new();
        fake.reply("collect", 200, answer);
        seen.push(
            client_with(&fake)
                .collect(&OrderRef::new(order_ref))
                .await
                .unwrap(),
        );
    }
    assert_eq!(
        seen,
        [
            Collected::Pending {
                hint: Some("outstandingTransaction".into())
            },
            Collected::Pending {
                hint: Some("userSign".into())
            },
            Collected::Failed {
                hint: "startFailed".into()
            },
        ]
    );

    let fake = FakeTransport::new();
    let raw = recorded!("collect-complete.json");
    fake.reply("collect", 200, raw);
    let collected = client_with(&fake)
        .collect(&OrderRef::new("09a7e43f-89c0-46ff-9e91-293e970519d3"))
        .await
        .unwrap();
    let Collected::Complete(completion) = collected else {
        panic!("not complete: {collected:?}");
    };
    let value: serde_json::Value = serde_json::from_slice(raw).unwrap();
    let data = &value["completionData"];
    assert_eq!(completion.personal_number, ASSISTANT);
    assert_eq!(completion.name, "Test Testsson");
    assert_eq!(completion.given_name, "Test");
    assert_eq!(completion.surname, "Testsson");
    // Exactly as received.
    assert_eq!(completion.signature, data["signature"].as_str().unwrap());
    assert_eq!(
        completion.ocsp_response,
        data["ocspResponse"].as_str().unwrap()
    );
    assert_eq!(completion.bank_id_issue_date.as_deref(), Some("2025-10-19"));
    assert_eq!(completion.device_ip_address.as_deref(), Some("127.0.0.1"));
    assert_eq!(
        completion.device_uhi.as_deref(),
        Some("mnqAt+9KQrZRbBr7S/sDiDRk5nJ9")
    );
    assert_eq!(completion.step_up_mrtd, Some(false));
    assert!(check_signer(&completion, &pnr(ASSISTANT)).is_ok());

    let debug = format!("{completion:?}");
    assert!(!debug.contains(ASSISTANT), "{debug}");
    assert!(!debug.contains("Testsson"), "{debug}");
    assert!(!debug.contains("PFNpZ25h"), "{debug}");
}

#[tokio::test]
async fn already_in_progress_keeps_the_raw_body_and_says_what_to_do() {
    let fake = FakeTransport::new();
    let raw = recorded!("error-already-in-progress.json");
    fake.reply("sign", 400, raw);
    let error = client_with(&fake)
        .sign(&order_for(ASSISTANT))
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "Det pågår redan en signering för den här personen. Avbryt den i BankID-appen och försök igen."
    );
    assert_eq!(error.error_code(), Some("alreadyInProgress"));
    assert_eq!(error.raw_body(), Some(raw));
    assert!(!error.is_transient());
    let BankIdError::Rp {
        status, details, ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(*status, 400);
    assert_eq!(details, "An order for this user is already in progress.");
}

#[tokio::test(start_paused = true)]
async fn error_answers_map_to_swedish_texts() {
    let cases = [
        (400, "invalidParameters", "Börja om", false),
        (401, "unauthorized", "RP-certifikat", false),
        (404, "notFound", "/rp/v6.0", false),
        (
            408,
            "requestTimeout",
            "Internt tekniskt fel. Försök igen.",
            true,
        ),
        (503, "maintenance", "underhåll", true),
        (
            500,
            "internalError",
            "Internt tekniskt fel. Försök igen.",
            true,
        ),
        (
            429,
            "tooManyRequests",
            "Internt tekniskt fel. Försök igen.",
            true,
        ),
        (415, "unsupportedMediaType", "förstod inte", false),
        (400, "somethingNew", "BankID svarade med ett fel", false),
    ];
    for (status, code, text, transient) in cases {
        let fake = FakeTransport::new();
        let body = format!(r#"{{"errorCode":"{code}","details":"x"}}"#);
        fake.reply("collect", status, body.as_bytes());
        let error = client_with(&fake)
            .collect(&OrderRef::new("a"))
            .await
            .unwrap_err();
        assert!(error.to_string().contains(text), "{code}: {error}");
        assert_eq!(error.is_transient(), transient, "{code}");
        assert_eq!(error.raw_body(), Some(body.as_bytes()));
    }
}

/// The gaps between the calls to `path`, in whole seconds (paused time).
fn gaps(fake: &FakeTransport, path: &str) -> Vec<u64> {
    fake.calls_to(path)
        .windows(2)
        .map(|w| w[1].at.duration_since(w[0].at).as_secs())
        .collect()
}

#[tokio::test(start_paused = true)]
async fn too_many_requests_waits_and_goes_on() {
    let fake = FakeTransport::new();
    fake.reply(
        "sign",
        429,
        br#"{"errorCode":"tooManyRequests","details":"Slow down"}"#,
    );
    // A 429 without BankID's JSON (a proxy in between) is the same request to slow down.
    fake.reply("sign", 429, b"Too Many Requests");
    fake.reply("sign", 200, recorded!("sign-answer.json"));
    let started = client_with(&fake)
        .sign(&order_for(ASSISTANT))
        .await
        .unwrap();
    assert_eq!(
        started.order_ref.as_str(),
        "94a9af16-02d5-4890-a3dd-315fe8d3083b"
    );
    assert_eq!(gaps(&fake, "sign"), vec![2, 4]);
    let bodies: Vec<Vec<u8>> = fake.calls_to("sign").into_iter().map(|c| c.body).collect();
    assert!(
        bodies.windows(2).all(|w| w[0] == w[1]),
        "the same order each time"
    );
}

#[tokio::test(start_paused = true)]
async fn internal_error_request_timeout_and_maintenance_are_sent_again() {
    for (status, code, expected_gaps) in [
        (500, "internalError", vec![1, 2]),
        (408, "requestTimeout", vec![1, 2]),
        (503, "maintenance", vec![3, 6]),
    ] {
        let fake = FakeTransport::new();
        let error = format!(r#"{{"errorCode":"{code}","details":""}}"#);
        fake.reply("collect", status, error.as_bytes());
        fake.reply("collect", status, error.as_bytes());
        fake.reply(
            "collect",
            200,
            br#"{"orderRef":"a","status":"pending","hintCode":"userSign"}"#,
        );
        let collected = client_with(&fake)
            .collect(&OrderRef::new("a"))
            .await
            .unwrap();
        assert!(matches!(collected, Collected::Pending { .. }), "{code}");
        assert_eq!(gaps(&fake, "collect"), expected_gaps, "{code}");
    }
}

#[tokio::test(start_paused = true)]
async fn when_the_retries_are_used_up_the_user_sees_rfa5() {
    for (status, code, calls) in [
        (500, "internalError", 3),
        (408, "requestTimeout", 3),
        (503, "maintenance", 4),
        (429, "tooManyRequests", 6),
    ] {
        let fake = FakeTransport::new();
        let body = format!(r#"{{"errorCode":"{code}","details":""}}"#);
        fake.reply("sign", status, body.as_bytes());
        let error = client_with(&fake)
            .sign(&order_for(ASSISTANT))
            .await
            .unwrap_err();
        assert_eq!(error.error_code(), Some(code));
        assert!(
            error
                .to_string()
                .starts_with("Internt tekniskt fel. Försök igen."),
            "{code}: {error}"
        );
        assert_eq!(fake.calls_to("sign").len(), calls, "{code}");
    }
    // Not every error is sent again.
    let fake = FakeTransport::new();
    fake.reply("sign", 400, recorded!("error-already-in-progress.json"));
    assert!(client_with(&fake)
        .sign(&order_for(ASSISTANT))
        .await
        .is_err());
    assert_eq!(fake.calls_to("sign").len(), 1);
}

#[test]
fn the_local_address_towards_bankid_comes_from_the_route() {
    let loopback = local_address_towards("127.0.0.1:443".parse().unwrap()).unwrap();
    assert_eq!(loopback, IpAddr::from([127, 0, 0, 1]));
    // Towards an address outside this machine the route's source address is not loopback
    // (when the machine has a route at all; no packet is sent).
    match local_address_towards("192.0.2.1:443".parse().unwrap()) {
        Ok(ip) => assert!(!ip.is_loopback() && !ip.is_unspecified(), "{ip}"),
        Err(error) => eprintln!("SKIPPED: no route off this machine ({error})"),
    }
}

#[tokio::test]
async fn an_answer_that_is_not_the_api_is_unexpected_and_kept() {
    let cases: [(u16, &[u8], bool); 5] = [
        (502, b"<html>Bad gateway</html>", true),
        (200, b"not json", false),
        (
            200,
            br#"{"orderRef":"other","status":"pending","hintCode":"userSign"}"#,
            false,
        ),
        (200, br#"{"orderRef":"a","status":"complete"}"#, false),
        (200, br#"{"orderRef":"a","status":"strange"}"#, false),
    ];
    for (status, body, transient) in cases {
        let fake = FakeTransport::new();
        fake.reply("collect", status, body);
        let error = client_with(&fake)
            .collect(&OrderRef::new("a"))
            .await
            .unwrap_err();
        assert!(
            matches!(error, BankIdError::UnexpectedAnswer { status: s, .. } if s == status),
            "{error:?}"
        );
        assert_eq!(error.raw_body(), Some(body));
        assert_eq!(error.is_transient(), transient);
        assert!(error.to_string().contains("förstår"), "{error}");
        assert!(format!("{error:?}").contains("bytes"));
    }
}

#[tokio::test]
async fn answers_with_a_field_of_the_wrong_length_or_shape_are_refused_by_name() {
    let sign = |token: &str, secret: &str| {
        format!(
            r#"{{"orderRef":"a-1","autoStartToken":"t","qrStartToken":"{token}","qrStartSecret":"{secret}"}}"#
        )
    };
    let long = "a".repeat(100_000);
    for (body, field) in [
        (sign(&long, "s"), "qrStartToken"),
        (sign("q", &long), "qrStartSecret"),
        (sign("q q", "s"), "qrStartToken"),
        (sign("q", "s\\u0000"), "qrStartSecret"),
        (
            r#"{"orderRef":"","autoStartToken":"t","qrStartToken":"q","qrStartSecret":"s"}"#.into(),
            "orderRef",
        ),
        (
            r#"{"orderRef":"a-1","autoStartToken":"<script>","qrStartToken":"q","qrStartSecret":"s"}"#
                .into(),
            "autoStartToken",
        ),
    ] {
        let fake = FakeTransport::new();
        fake.reply("sign", 200, body.as_bytes());
        let error = client_with(&fake).sign(&golden_order()).await.unwrap_err();
        assert!(
            matches!(error, BankIdError::MalformedAnswer { status: 200, field: f, .. } if f == field),
            "{error:?}"
        );
        assert_eq!(error.code(), "bankid_malformed_answer");
        assert_eq!(error.raw_body(), Some(body.as_bytes()));
        assert!(!format!("{error:?}").contains(&long[..100]));
    }

    let complete = |pnr: &str, name: &str, signature: &str| {
        format!(
            r#"{{"orderRef":"a","status":"complete","completionData":{{"user":{{"personalNumber":"{pnr}","name":"{name}"}},"signature":"{signature}","ocspResponse":"T0NTUA=="}}}}"#
        )
    };
    for (body, field) in [
        (
            r#"{"orderRef":"a","status":"pending","hintCode":"user Sign"}"#.to_string(),
            "hintCode",
        ),
        (
            complete("1990062198", "A", "QUJD"),
            "completionData.user.personalNumber",
        ),
        (
            complete("19900621989x", "A", "QUJD"),
            "completionData.user.personalNumber",
        ),
        (
            complete("199006219894", &"Å".repeat(201), "QUJD"),
            "completionData.user.name",
        ),
        (
            complete("199006219894", "A\\u001b[2J", "QUJD"),
            "completionData.user.name",
        ),
        (
            complete("199006219894", "A", "<xml>"),
            "completionData.signature",
        ),
        (
            complete("199006219894", "A", ""),
            "completionData.signature",
        ),
    ] {
        let fake = FakeTransport::new();
        fake.reply("collect", 200, body.as_bytes());
        let error = client_with(&fake)
            .collect(&OrderRef::new("a"))
            .await
            .unwrap_err();
        assert!(
            matches!(error, BankIdError::MalformedAnswer { field: f, .. } if f == field),
            "{field}: {error:?}"
        );
    }
}

#[tokio::test]
async fn an_answer_over_the_size_cap_is_not_read_and_keeps_its_first_part() {
    let mut body = br#"{"orderRef":"a","status":"pending","hintCode":"userSign"}"#.to_vec();
    body.resize(crate::remote::MAX_REPLY_BYTES + 1, b' ');
    for status in [200, 400, 503] {
        let fake = FakeTransport::new();
        fake.reply("collect", status, &body);
        let error = client_with(&fake)
            .collect(&OrderRef::new("a"))
            .await
            .unwrap_err();
        assert!(
            matches!(error, BankIdError::TooLarge { status: s, .. } if s == status),
            "{error:?}"
        );
        assert_eq!(error.code(), "bankid_reply_too_large");
        assert_eq!(error.raw_body(), Some(&body[..crate::remote::KEPT_BYTES]));
        assert_eq!(error.is_transient(), status == 503);
    }
    // At the cap it is read.
    body.truncate(crate::remote::MAX_REPLY_BYTES);
    let fake = FakeTransport::new();
    fake.reply("collect", 200, &body);
    let collected = client_with(&fake)
        .collect(&OrderRef::new("a"))
        .await
        .unwrap();
    assert_eq!(
        collected,
        Collected::Pending {
            hint: Some("userSign".into())
        }
    );
}

#[test]
fn each_kind_of_transport_failure_has_its_message_and_retry_rule() {
    use crate::message::Key;
    use TransportError as T;
    for (kind, key, transient) in [
        (T::Timeout, Key::BankidTimeout, true),
        (T::ConnectTimeout, Key::BankidTimeout, true),
        (T::Unreachable, Key::BankidUnreachable, true),
        (T::ServerCertificate, Key::BankidServerCertificate, false),
        (T::Refused, Key::ConnectionBankidRefused, false),
        (T::Unbuildable, Key::BankidConnectionFailed, false),
        (T::Handshake, Key::BankidConnectionFailed, true),
        (T::Broken, Key::BankidConnectionFailed, true),
    ] {
        let error = BankIdError::Transport(kind);
        assert_eq!(error.message().key, key, "{kind:?}");
        assert_eq!(error.is_transient(), transient, "{kind:?}");
        assert_eq!(error.to_string(), error.message().to_string());
    }
}

#[tokio::test]
async fn transport_errors_pass_through() {
    let fake = FakeTransport::new();
    fake.fail("collect", TransportError::Timeout);
    let error = client_with(&fake)
        .collect(&OrderRef::new("a"))
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        BankIdError::Transport(TransportError::Timeout)
    ));
    assert!(error.is_transient());
    assert!(error.to_string().contains("10 sekunder"), "{error}");
}

#[tokio::test]
async fn an_empty_or_too_long_text_is_refused_before_sending() {
    let fake = FakeTransport::new();
    let client = client_with(&fake);
    let mut order = order_for(ASSISTANT);
    order.visible_text = "  \n".into();
    assert!(matches!(
        client.sign(&order).await,
        Err(BankIdError::Input(_))
    ));
    order.visible_text = "x".repeat(30_001); // 40 004 characters of base64
    assert!(matches!(
        client.sign(&order).await,
        Err(BankIdError::Input(_))
    ));
    order.visible_text = "x".repeat(30_000);
    order.non_visible_text = "y".repeat(150_001);
    assert!(matches!(
        client.sign(&order).await,
        Err(BankIdError::Input(_))
    ));
    assert!(fake.calls().is_empty());
}

#[test]
fn sign_order_debug_hides_the_texts_and_the_personnummer() {
    let debug = format!("{:?}", order_for(ASSISTANT));
    assert!(!debug.contains(ASSISTANT), "{debug}");
    assert!(!debug.contains("intygar"), "{debug}");
}

// ---------------------------------------------------------------------------------------------
// The simulator, over HTTPS with its CA

#[tokio::test]
async fn signs_against_the_simulator() {
    let sim = Sim::start().await;
    let client = BankIdClient::new(sim.transport());
    let order = order_for(ASSISTANT);
    let started = client.sign(&order).await.unwrap();

    let snapshot = sim.last_order();
    assert_eq!(snapshot.order_ref, started.order_ref.as_str());
    assert_eq!(
        snapshot.required_personal_number.as_deref(),
        Some(ASSISTANT)
    );
    assert_eq!(snapshot.user_visible_text, order.visible_text);
    assert_eq!(
        snapshot.user_visible_data_format.as_deref(),
        Some("simpleMarkdownV1")
    );
    assert_eq!(
        snapshot.user_non_visible_text.as_deref(),
        Some(order.non_visible_text.as_str())
    );
    assert_eq!(snapshot.end_user_ip, "127.0.0.1");
    // The transport learns the address from the route to BankID (here: loopback).
    assert_eq!(
        sim.transport().local_address().await,
        Some(IpAddr::from([127, 0, 0, 1]))
    );
    assert_eq!(client.end_user_ip().await, IpAddr::from([127, 0, 0, 1]));
    assert_eq!(snapshot.auto_start_token, started.auto_start_token);

    assert_eq!(
        client.collect(&started.order_ref).await.unwrap(),
        Collected::Pending {
            hint: Some("outstandingTransaction".into())
        }
    );

    // The QR code as Timbok draws it is accepted by the app page and opens the order.
    let content = qr_content(&started.qr_start_token, &started.qr_start_secret, 0);
    let (status, answer) = sim.scan(&content).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["orderRef"], started.order_ref.as_str());
    assert_eq!(
        client.collect(&started.order_ref).await.unwrap(),
        Collected::Pending {
            hint: Some("started".into())
        }
    );

    sim.sim
        .bankid_complete(started.order_ref.as_str(), None)
        .unwrap();
    let Collected::Complete(completion) = client.collect(&started.order_ref).await.unwrap() else {
        panic!("not complete");
    };
    let OrderStatus::Complete { completion_data } = sim.last_order().status else {
        panic!("the simulator does not say complete");
    };
    assert_eq!(completion.personal_number, ASSISTANT);
    assert_eq!(
        completion.signature,
        completion_data["signature"].as_str().unwrap()
    );
    assert_eq!(
        completion.ocsp_response,
        completion_data["ocspResponse"].as_str().unwrap()
    );
    assert!(!completion.signature.is_empty() && !completion.ocsp_response.is_empty());
    assert!(completion.bank_id_issue_date.is_some());
    check_signer(&completion, &pnr(ASSISTANT)).unwrap();
}

#[tokio::test]
async fn a_wrong_qr_code_is_refused_by_the_simulator() {
    let sim = Sim::start().await;
    let client = BankIdClient::new(sim.transport());
    let started = client.sign(&order_for(ASSISTANT)).await.unwrap();
    let wrong = QrSecret::new("not-the-secret");
    let (status, _) = sim
        .scan(&qr_content(&started.qr_start_token, &wrong, 0))
        .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn another_signer_fails_the_signer_check() {
    let sim = Sim::start().await;
    let client = BankIdClient::new(sim.transport());
    let started = client.sign(&order_for(ASSISTANT)).await.unwrap();
    sim.sim
        .bankid_complete(started.order_ref.as_str(), Some(OTHER))
        .unwrap();
    let Collected::Complete(completion) = client.collect(&started.order_ref).await.unwrap() else {
        panic!("not complete");
    };
    assert_eq!(completion.personal_number, OTHER);
    let mismatch = check_signer(&completion, &pnr(ASSISTANT)).unwrap_err();
    let text = mismatch.to_string();
    assert!(text.contains("kastats"), "{text}");
    assert!(text.contains("annan person"), "{text}");
    assert!(!text.contains(ASSISTANT) && !text.contains(OTHER), "{text}");
}

#[tokio::test]
async fn failures_cancel_and_already_in_progress_against_the_simulator() {
    let sim = Sim::start().await;
    let client = BankIdClient::new(sim.transport());

    let first = client.sign(&order_for(OTHER)).await.unwrap();
    sim.sim
        .bankid_fail(first.order_ref.as_str(), BankIdFailure::StartFailed)
        .unwrap();
    assert_eq!(
        client.collect(&first.order_ref).await.unwrap(),
        Collected::Failed {
            hint: "startFailed".into()
        }
    );

    let second = client.sign(&order_for(ASSISTANT)).await.unwrap();
    let error = client.sign(&order_for(ASSISTANT)).await.unwrap_err();
    assert_eq!(error.error_code(), Some("alreadyInProgress"));
    assert!(error
        .to_string()
        .starts_with("Det pågår redan en signering"));
    // BankID (and the simulator) fail the pending order when a second one is asked for.
    assert_eq!(
        client.collect(&second.order_ref).await.unwrap(),
        Collected::Failed {
            hint: "userCancel".into()
        }
    );

    let third = client.sign(&order_for(ASSISTANT)).await.unwrap();
    client.cancel(&third.order_ref).await.unwrap();
    assert_eq!(sim.last_order().status, OrderStatus::Cancelled);
    let error = client.collect(&third.order_ref).await.unwrap_err();
    assert_eq!(error.error_code(), Some("invalidParameters"));
}

#[tokio::test]
async fn an_untrusted_server_is_refused() {
    let sim = Sim::start().await;
    let other = Sim::start().await; // another CA
    let transport = HttpsTransport::new(sim.sim.bankid_url(), &other.trust(), None).unwrap();
    let error = BankIdClient::new(Arc::new(transport))
        .collect(&OrderRef::new("a"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            BankIdError::Transport(TransportError::ServerCertificate)
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_rp_certificate_is_shown_when_the_simulator_requires_one() {
    let sim = Sim::start_with(|c| c.bankid_require_client_cert = true).await;
    let p12 = std::fs::read(sim.sim.client_p12_path()).unwrap();
    let identity =
        ClientIdentity::open(&p12, &SecretBytes::new(sim.sim.client_p12_passphrase())).unwrap();
    let with = HttpsTransport::new(
        &format!("{}/", sim.sim.bankid_url()),
        &sim.trust(),
        Some(&identity),
    )
    .unwrap();
    let started = BankIdClient::new(Arc::new(with))
        .sign(&order_for(ASSISTANT))
        .await
        .unwrap();
    assert_eq!(sim.last_order().order_ref, started.order_ref.as_str());

    let error = BankIdClient::new(sim.transport())
        .collect(&started.order_ref)
        .await
        .unwrap_err();
    assert!(
        matches!(error, BankIdError::Transport(TransportError::Refused)),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_unreachable_server_says_so() {
    let sim = Sim::start().await;
    let url = sim.sim.bankid_url().to_string();
    let trust = sim.trust();
    sim.sim.shutdown().await;
    let error = BankIdClient::new(Arc::new(HttpsTransport::new(&url, &trust, None).unwrap()))
        .collect(&OrderRef::new("a"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, BankIdError::Transport(TransportError::Unreachable)),
        "{error:?}"
    );
}

/// No answer to `sign` or `collect` panics the client, the QR code or the journal; a started
/// order always has a QR code.
#[test]
fn fuzz_bankid_answers_never_panic() {
    use proptest::strategy::Strategy;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    let strategy = (
        proptest::sample::select(vec![200u16, 400, 429, 500, 503]),
        crate::fuzz::input(crate::fuzz::fixtures("bankid", ".json")),
    )
        .boxed();
    let mut runner = proptest::test_runner::TestRunner::new(crate::fuzz::config());
    runner
        .run(&strategy, |(status, body)| {
            runtime.block_on(async {
                let fake = FakeTransport::new();
                fake.reply("sign", status, &body);
                fake.reply("collect", status, &body);
                let client = client_with(&fake);
                if let Ok(started) = client.sign(&golden_order()).await {
                    let secret = started.qr_start_secret;
                    for seconds in [0, 179] {
                        let content = qr_content(&started.qr_start_token, &secret, seconds);
                        assert!(crate::bankid::qr_svg(&content).is_some(), "{content}");
                    }
                    let _ = crate::bankid::autostart_url(&started.auto_start_token);
                }
                // The orderRef the answer names, so that a complete answer gets through.
                let order_ref = serde_json::from_slice::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|v| v["orderRef"].as_str().map(String::from))
                    .unwrap_or_else(|| "a".into());
                match client.collect(&OrderRef::new(order_ref)).await {
                    Ok(Collected::Complete(completion)) => {
                        assert_eq!(completion.personal_number.len(), 12);
                    }
                    Ok(_) => {}
                    Err(error) => {
                        assert!(!error.to_string().is_empty() && !error.code().is_empty())
                    }
                }
            });
            let _ = crate::journal::redact(&body);
            Ok(())
        })
        .unwrap();
}
