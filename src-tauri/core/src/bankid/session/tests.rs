//! Sessions with a fake transport and paused time (cadence, life, texts, QR), and against
//! `timbok-sim` in real time.

use super::*;
use crate::bankid::testing::{failed, pending, recorded, FakeTransport, Sim};
use crate::bankid::TransportError;
use crate::message::{Key, Message};
use timbok_sim::OrderStatus;

const ASSISTANT: &str = "199006219894";
const OTHER: &str = "197811029946";
/// The recorded sign answer's values.
const ORDER_REF: &str = "94a9af16-02d5-4890-a3dd-315fe8d3083b";
const QR_TOKEN: &str = "8ae323c1-cafb-4b87-a3f5-e803b40ff82d";
const QR_SECRET: &str = "7d352599-fd52-4bbc-b9bd-ab2e8ee1dd84";
const AUTO_START: &str = "080b3fa6-a50e-4b4d-91f5-c878df973ac1";

fn order_for(digits: &str) -> SignOrder {
    SignOrder {
        end_user_ip: "127.0.0.1".parse().unwrap(),
        visible_text: "# Tidredovisning mars 2025\n\nJag intygar att uppgifterna stämmer.".into(),
        non_visible_text: "elt:tidredovisning;1,00".into(),
        personal_number: PersonalId::from_twelve(digits).unwrap(),
    }
}

/// A fake that answers sign with the recorded answer and collect with `collects` (the last
/// repeated).
fn fake_with(collects: &[Vec<u8>]) -> Arc<FakeTransport> {
    let fake = FakeTransport::new();
    fake.reply("sign", 200, recorded!("sign-answer.json"));
    for body in collects {
        fake.reply("collect", 200, body);
    }
    fake.reply("cancel", 200, b"{}");
    fake
}

fn complete() -> Vec<u8> {
    // The recorded completion, for the recorded sign answer's order.
    let mut value: serde_json::Value =
        serde_json::from_slice(recorded!("collect-complete.json")).unwrap();
    value["orderRef"] = ORDER_REF.into();
    value.to_string().into_bytes()
}

fn secs(d: Duration) -> u64 {
    d.as_secs()
}

async fn wait(seconds: u64) {
    tokio::time::sleep(Duration::from_secs(seconds)).await;
}

#[tokio::test(start_paused = true)]
async fn collects_every_two_seconds_until_complete() {
    let outstanding = pending(ORDER_REF, "outstandingTransaction");
    let user_sign = pending(ORDER_REF, "userSign");
    let fake = fake_with(&[
        outstanding.clone(),
        outstanding,
        user_sign.clone(),
        user_sign,
        complete(),
    ]);
    let signings = Signings::new(fake.clone());
    let id = signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap();
    wait(30).await;

    let calls = fake.calls();
    let t0 = calls[0].at;
    assert_eq!(calls[0].path, "sign");
    let collects = fake.calls_to("collect");
    assert_eq!(
        collects
            .iter()
            .map(|c| secs(c.at.duration_since(t0)))
            .collect::<Vec<_>>(),
        [2, 4, 6, 8, 10],
        "one collect every 2 s, none after complete"
    );
    for call in &collects {
        assert_eq!(
            call.body,
            br#"{"orderRef":"94a9af16-02d5-4890-a3dd-315fe8d3083b"}"#
        );
    }
    assert_eq!(calls.len(), 6, "no cancel after complete");

    let view = signings.status(id).unwrap();
    let SessionState::Complete(completion) = &view.state else {
        panic!("{:?}", view.state);
    };
    assert_eq!(completion.personal_number, ASSISTANT);
    assert_eq!(view.qr_svg, None);
    assert_eq!(view.autostart_url, None);

    let taken = signings.take_completion(id).unwrap();
    assert_eq!(&taken, completion);
    assert_eq!(signings.status(id), None);
    assert_eq!(signings.take_completion(id), None);
}

#[tokio::test(start_paused = true)]
async fn a_slow_collect_does_not_make_the_next_one_sooner() {
    // A transport that takes 3 s to answer each collect.
    struct Slow(Arc<FakeTransport>);
    #[async_trait::async_trait]
    impl BankIdTransport for Slow {
        async fn post(
            &self,
            path: &str,
            body: Vec<u8>,
        ) -> Result<crate::bankid::RawReply, TransportError> {
            if path == "collect" {
                tokio::time::sleep(Duration::from_secs(3)).await;
            }
            self.0.post(path, body).await
        }
    }
    let fake = fake_with(&[pending(ORDER_REF, "userSign")]);
    let signings = Signings::new(Arc::new(Slow(fake.clone())));
    signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap();
    wait(20).await;
    let collects = fake.calls_to("collect");
    assert!(collects.len() >= 4, "{}", collects.len());
    for pair in collects.windows(2) {
        assert!(pair[1].at.duration_since(pair[0].at) >= COLLECT_INTERVAL);
    }
}

#[tokio::test(start_paused = true)]
async fn pending_texts_follow_the_hint_code_and_the_device() {
    let fake = fake_with(&[
        pending(ORDER_REF, "outstandingTransaction"),
        pending(ORDER_REF, "started"),
        pending(ORDER_REF, "userSign"),
    ]);
    let signings = Signings::new(fake);
    let id = signings
        .start(order_for(ASSISTANT), Device::ThisDevice)
        .await
        .unwrap();
    let text = |signings: &Signings| match signings.status(id).unwrap().state {
        SessionState::Pending { hint_text } => hint_text,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        text(&signings),
        pending_text(Some("outstandingTransaction"), Device::ThisDevice)
    );
    wait(3).await;
    assert_eq!(
        text(&signings),
        pending_text(Some("outstandingTransaction"), Device::ThisDevice)
    );
    wait(2).await;
    assert_eq!(
        text(&signings),
        pending_text(Some("started"), Device::ThisDevice)
    );
    wait(2).await;
    assert_eq!(text(&signings), Message::new(Key::BankidUserSign));
    let view = signings.status(id).unwrap();
    assert_eq!(
        view.autostart_url.as_deref(),
        Some(format!("bankid:///?autostarttoken={AUTO_START}&redirect=null").as_str())
    );
    assert_eq!(view.qr_svg, None);
}

#[tokio::test(start_paused = true)]
async fn the_qr_code_changes_every_second_from_the_order_start() {
    let fake = fake_with(&[pending(ORDER_REF, "outstandingTransaction")]);
    let signings = Signings::new(fake);
    let id = signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap();
    let secret = QrSecret::new(QR_SECRET);
    let mut previous = None;
    for second in 0..5u64 {
        let view = signings.status(id).unwrap();
        assert_eq!(view.autostart_url, None);
        let svg = view.qr_svg.expect("a QR code while pending");
        assert_eq!(
            svg,
            qr_svg(&qr_content(QR_TOKEN, &secret, second)).unwrap(),
            "{second}"
        );
        assert_ne!(Some(&svg), previous.as_ref());
        previous = Some(svg);
        tokio::time::sleep(Duration::from_millis(1000)).await;
    }
    // Within one second it stays the same.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let a = signings.status(id).unwrap().qr_svg;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(signings.status(id).unwrap().qr_svg, a);
}

#[tokio::test(start_paused = true)]
async fn an_order_still_pending_after_three_minutes_fails_as_expired() {
    let fake = fake_with(&[pending(ORDER_REF, "outstandingTransaction")]);
    let signings = Signings::new(fake.clone());
    let id = signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap();
    wait(179).await;
    assert!(matches!(
        signings.status(id).unwrap().state,
        SessionState::Pending { .. }
    ));
    wait(60).await;
    assert_eq!(
        signings.status(id).unwrap(),
        SessionView {
            state: SessionState::Failed {
                text: failed_text("expiredTransaction", Device::OtherDevice)
            },
            qr_svg: None,
            autostart_url: None,
        }
    );
    let t0 = fake.calls()[0].at;
    let collects = fake.calls_to("collect");
    assert_eq!(collects.len(), 90, "t = 2, 4, …, 180");
    assert_eq!(secs(collects.last().unwrap().at.duration_since(t0)), 180);
    let cancels = fake.calls_to("cancel");
    assert_eq!(cancels.len(), 1);
    assert_eq!(secs(cancels[0].at.duration_since(t0)), 180);
    assert_eq!(cancels[0].json()["orderRef"], ORDER_REF);
}

#[tokio::test(start_paused = true)]
async fn a_signature_in_the_last_second_is_not_lost() {
    let mut collects = vec![pending(ORDER_REF, "userSign"); 89];
    collects.push(complete());
    let fake = fake_with(&collects);
    let signings = Signings::new(fake.clone());
    let id = signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap();
    wait(200).await;
    assert!(matches!(
        signings.status(id).unwrap().state,
        SessionState::Complete(_)
    ));
    assert!(fake.calls_to("cancel").is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_failed_order_ends_with_its_text() {
    let fake = fake_with(&[
        pending(ORDER_REF, "outstandingTransaction"),
        failed(ORDER_REF, "userCancel"),
    ]);
    let signings = Signings::new(fake.clone());
    let id = signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap();
    wait(20).await;
    assert_eq!(
        signings.status(id).unwrap().state,
        SessionState::Failed {
            text: failed_text("userCancel", Device::OtherDevice)
        }
    );
    assert_eq!(fake.calls_to("collect").len(), 2);
    assert_eq!(signings.take_completion(id), None);
    assert!(signings.status(id).is_some(), "kept until removed");
    signings.remove(id).await;
    assert_eq!(signings.status(id), None);
    assert!(fake.calls_to("cancel").is_empty());
}

#[tokio::test(start_paused = true)]
async fn network_trouble_is_retried_and_a_refusal_ends_the_session() {
    let fake = FakeTransport::new();
    fake.reply("sign", 200, recorded!("sign-answer.json"));
    fake.fail("collect", TransportError::Timeout);
    fake.reply(
        "collect",
        503,
        br#"{"errorCode":"maintenance","details":""}"#,
    );
    fake.reply("collect", 200, &pending(ORDER_REF, "userSign"));
    fake.reply("collect", 400, recorded!("error-invalid-parameters.json"));
    let signings = Signings::new(fake.clone());
    let id = signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap();
    wait(5).await;
    assert!(matches!(
        signings.status(id).unwrap().state,
        SessionState::Pending { .. }
    ));
    wait(20).await;
    let SessionState::Failed { text } = signings.status(id).unwrap().state else {
        panic!("not failed");
    };
    assert_eq!(text.key, Key::BankidInvalidParameters, "{text}");
    assert!(text.to_string().contains("Börja om"), "{text}");
    assert_eq!(fake.calls_to("collect").len(), 4);
}

#[tokio::test(start_paused = true)]
async fn cancel_stops_collecting_and_tells_bankid() {
    let fake = fake_with(&[pending(ORDER_REF, "userSign")]);
    let signings = Signings::new(fake.clone());
    let id = signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap();
    wait(5).await;
    signings.cancel(id).await.unwrap();
    let view = signings.status(id).unwrap();
    assert_eq!(view.state, SessionState::Cancelled);
    assert_eq!(view.qr_svg, None);
    wait(30).await;
    assert_eq!(fake.calls_to("collect").len(), 2);
    let cancels = fake.calls_to("cancel");
    assert_eq!(cancels.len(), 1);
    assert_eq!(
        cancels[0].body,
        br#"{"orderRef":"94a9af16-02d5-4890-a3dd-315fe8d3083b"}"#
    );
    // Cancelling again, or a finished session, sends nothing.
    signings.cancel(id).await.unwrap();
    assert_eq!(fake.calls_to("cancel").len(), 1);
}

#[tokio::test(start_paused = true)]
async fn removing_a_pending_session_cancels_the_order() {
    let fake = fake_with(&[pending(ORDER_REF, "userSign")]);
    let signings = Signings::new(fake.clone());
    let id = signings
        .start(order_for(ASSISTANT), Device::ThisDevice)
        .await
        .unwrap();
    wait(3).await;
    signings.remove(id).await;
    assert_eq!(signings.status(id), None);
    assert_eq!(fake.calls_to("cancel").len(), 1);
    wait(10).await;
    assert_eq!(fake.calls_to("collect").len(), 1);
}

#[tokio::test(start_paused = true)]
async fn unknown_sessions_and_a_refused_sign() {
    let fake = FakeTransport::new();
    fake.reply("sign", 400, recorded!("error-already-in-progress.json"));
    let signings = Signings::new(fake.clone());
    let error = signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap_err();
    assert_eq!(error.error_code(), Some("alreadyInProgress"));
    assert_eq!(format!("{signings:?}"), "Signings(0 sessions)");

    let id: SessionId = "5a9d3c5e-8d0f-4a55-9a64-0c2a2b1b1f5e".parse().unwrap();
    assert_eq!(id.to_string(), "5a9d3c5e-8d0f-4a55-9a64-0c2a2b1b1f5e");
    assert_eq!(signings.status(id), None);
    assert!(matches!(
        signings.cancel(id).await,
        Err(BankIdError::UnknownSession)
    ));
    assert!("not an id".parse::<SessionId>().is_err());
}

#[tokio::test(start_paused = true)]
async fn finished_sessions_are_dropped_after_a_while() {
    let fake = fake_with(&[failed(ORDER_REF, "expiredTransaction")]);
    let signings = Signings::new(fake.clone());
    let old = signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap();
    wait(3).await;
    assert!(matches!(
        signings.status(old).unwrap().state,
        SessionState::Failed { .. }
    ));
    wait(KEEP_FINISHED.as_secs() - 10).await;
    let recent = signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap();
    assert!(
        signings.status(old).is_some(),
        "finished less than 15 min ago"
    );
    wait(20).await;
    signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap();
    assert_eq!(signings.status(old), None);
    assert!(signings.status(recent).is_some());
}

#[tokio::test(start_paused = true)]
async fn the_registry_never_shows_the_qr_secret() {
    let fake = fake_with(&[pending(ORDER_REF, "outstandingTransaction")]);
    let signings = Signings::new(fake);
    let id = signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap();
    let view = signings.status(id).unwrap();
    assert!(!format!("{view:?}").contains(QR_SECRET));
    assert!(!format!("{signings:?}").contains(QR_SECRET));
}

#[test]
fn check_signer_compares_the_personnummer() {
    let data: serde_json::Value =
        serde_json::from_slice(recorded!("collect-complete.json")).unwrap();
    let wire: crate::bankid::wire::CompletionData =
        serde_json::from_value(data["completionData"].clone()).unwrap();
    let completion = Completion::from(wire);
    let assistant = PersonalId::from_twelve(ASSISTANT).unwrap();
    let other = PersonalId::from_twelve(OTHER).unwrap();
    assert_eq!(check_signer(&completion, &assistant), Ok(()));
    assert_eq!(check_signer(&completion, &other), Err(SignerMismatch));
    let text = SignerMismatch.to_string();
    assert!(text.starts_with("Underskriften har kastats"), "{text}");
    assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
}

// ---------------------------------------------------------------------------------------------
// The simulator, in real time

async fn until_finished(signings: &Signings, id: SessionId) -> SessionView {
    for _ in 0..100 {
        let view = signings.status(id).unwrap();
        if !matches!(view.state, SessionState::Pending { .. }) {
            return view;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("still pending after 10 s");
}

#[tokio::test]
async fn a_whole_signing_against_the_simulator() {
    let sim = Sim::start().await;
    let signings = Signings::new(sim.transport());
    let id = signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap();
    let view = signings.status(id).unwrap();
    assert!(view.qr_svg.unwrap().starts_with("<svg"));
    let order = sim.last_order();
    assert_eq!(order.required_personal_number.as_deref(), Some(ASSISTANT));
    sim.sim.bankid_complete(&order.order_ref, None).unwrap();

    let view = until_finished(&signings, id).await;
    let SessionState::Complete(completion) = view.state else {
        panic!("{:?}", view.state);
    };
    let OrderStatus::Complete { completion_data } = sim.last_order().status else {
        panic!("the simulator does not say complete");
    };
    assert_eq!(
        completion.signature,
        completion_data["signature"].as_str().unwrap()
    );
    assert_eq!(
        completion.ocsp_response,
        completion_data["ocspResponse"].as_str().unwrap()
    );
    check_signer(&completion, &PersonalId::from_twelve(ASSISTANT).unwrap()).unwrap();
    assert_eq!(signings.take_completion(id), Some(completion));
}

#[tokio::test]
async fn another_person_signs_in_the_simulator() {
    let sim = Sim::start().await;
    let signings = Signings::new(sim.transport());
    let id = signings
        .start(order_for(ASSISTANT), Device::ThisDevice)
        .await
        .unwrap();
    let order = sim.last_order();
    assert!(signings
        .status(id)
        .unwrap()
        .autostart_url
        .unwrap()
        .contains(&order.auto_start_token));
    sim.sim
        .bankid_complete(&order.order_ref, Some(OTHER))
        .unwrap();
    let SessionState::Complete(completion) = until_finished(&signings, id).await.state else {
        panic!("not complete");
    };
    assert!(check_signer(&completion, &PersonalId::from_twelve(ASSISTANT).unwrap()).is_err());
}

#[tokio::test]
async fn fail_and_cancel_in_the_simulator() {
    let sim = Sim::start().await;
    let signings = Signings::new(sim.transport());
    let id = signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap();
    sim.sim
        .bankid_fail(
            &sim.last_order().order_ref,
            timbok_sim::BankIdFailure::CertificateErr,
        )
        .unwrap();
    assert_eq!(
        until_finished(&signings, id).await.state,
        SessionState::Failed {
            text: failed_text("certificateErr", Device::OtherDevice)
        }
    );

    let id = signings
        .start(order_for(OTHER), Device::OtherDevice)
        .await
        .unwrap();
    signings.cancel(id).await.unwrap();
    assert_eq!(sim.last_order().status, OrderStatus::Cancelled);
    assert_eq!(signings.status(id).unwrap().state, SessionState::Cancelled);
}

#[tokio::test]
async fn bankid_error_answers_are_waited_out_against_the_simulator() {
    use timbok_sim::{Fault, RpErrorCode, Service};
    let sim = Sim::start().await;
    let signings = Signings::new(sim.transport());
    // sign: asked to slow down, then maintenance; the order still starts.
    sim.sim
        .set_fault(
            Service::BankId,
            Fault::RpError(RpErrorCode::TooManyRequests),
        )
        .unwrap();
    sim.sim
        .set_fault(Service::BankId, Fault::RpError(RpErrorCode::Maintenance))
        .unwrap();
    let mut order = order_for(ASSISTANT);
    order.end_user_ip = signings.end_user_ip().await;
    let id = signings.start(order, Device::OtherDevice).await.unwrap();
    assert_eq!(sim.last_order().end_user_ip, "127.0.0.1");
    // collect: an internal error and a request time-out; the session goes on.
    sim.sim
        .set_fault(Service::BankId, Fault::RpError(RpErrorCode::InternalError))
        .unwrap();
    sim.sim
        .set_fault(Service::BankId, Fault::RpError(RpErrorCode::RequestTimeout))
        .unwrap();
    sim.sim
        .bankid_complete(&sim.last_order().order_ref, None)
        .unwrap();
    let view = until_finished(&signings, id).await;
    assert!(
        matches!(view.state, SessionState::Complete(_)),
        "{:?}",
        view.state
    );
    let statuses: Vec<Option<u16>> = sim
        .sim
        .record()
        .of(Service::BankId)
        .filter(|r| r.path.ends_with("/sign") || r.path.ends_with("/collect"))
        .map(|r| r.status)
        .collect();
    assert_eq!(
        statuses,
        vec![
            Some(429),
            Some(503),
            Some(200),
            Some(500),
            Some(408),
            Some(200)
        ]
    );
}

#[tokio::test]
async fn a_sign_that_keeps_failing_shows_rfa5() {
    use timbok_sim::{Fault, RpErrorCode, Service};
    let sim = Sim::start().await;
    let signings = Signings::new(sim.transport());
    for _ in 0..3 {
        sim.sim
            .set_fault(Service::BankId, Fault::RpError(RpErrorCode::InternalError))
            .unwrap();
    }
    let error = signings
        .start(order_for(ASSISTANT), Device::OtherDevice)
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("Internt tekniskt fel. Försök igen."),
        "{error}"
    );
    assert!(sim.sim.bankid_orders().is_empty());
}

#[tokio::test]
async fn a_risk_blocked_order_has_its_own_text() {
    let sim = Sim::start().await;
    let signings = Signings::new(sim.transport());
    let id = signings
        .start(order_for(ASSISTANT), Device::ThisDevice)
        .await
        .unwrap();
    sim.sim
        .bankid_fail(
            &sim.last_order().order_ref,
            timbok_sim::BankIdFailure::TransactionRiskBlocked,
        )
        .unwrap();
    let SessionState::Failed { text } = until_finished(&signings, id).await.state else {
        panic!("not failed");
    };
    assert_eq!(text.key, Key::BankidRiskBlocked);
    assert!(text.to_string().contains("säkerhetsskäl"), "{text}");
    assert_ne!(text, failed_text("somethingNew", Device::ThisDevice));
}
