use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use chrono::Datelike;
use timbok_sim::{Fault, Service};
use uuid::Uuid;

use super::*;
use crate::elt::document::{build, signed_text, DocumentInput};
use crate::elt::soap::{envelope, Signature, CONTENT_TYPE, SOAP_ACTION};
use crate::elt::testing::*;
use crate::hours::{report_rows, TimeKind, YearMonth};

/// Records every envelope and answers with the queued replies, in order.
#[derive(Default)]
struct FakeTransport {
    sent: Mutex<Vec<Vec<u8>>>,
    replies: Mutex<VecDeque<Result<RawReply, TransportError>>>,
}

impl FakeTransport {
    fn answering(reply: Result<RawReply, TransportError>) -> FakeTransport {
        let fake = FakeTransport::default();
        fake.replies.lock().unwrap().push_back(reply);
        fake
    }
}

#[async_trait]
impl EltTransport for FakeTransport {
    async fn post(&self, envelope: Vec<u8>) -> Result<RawReply, TransportError> {
        self.sent.lock().unwrap().push(envelope);
        self.replies
            .lock()
            .unwrap()
            .pop_front()
            .expect("a reply is queued")
    }
}

fn recorded(status: u16, file: &str) -> Result<RawReply, TransportError> {
    Ok(RawReply {
        status,
        body: std::fs::read(golden_path(file)).unwrap(),
    })
}

fn raw_text(file: &str) -> String {
    std::fs::read_to_string(golden_path(file)).unwrap()
}

async fn outcome(reply: Result<RawReply, TransportError>) -> Outcome {
    send(&FakeTransport::answering(reply), b"<x></x>".to_vec()).await
}

#[tokio::test]
async fn send_posts_exactly_the_envelope_once() {
    let fake = FakeTransport::answering(recorded(200, "reply_accepted.xml"));
    let signature = |tag: &str| Signature {
        signature: format!("c2ln{tag}"),
        ocsp_response: format!("b2Nz{tag}"),
        date: day(2025, 10, 3),
    };
    let bytes = envelope(
        b"<Tidredovisning></Tidredovisning>",
        &signature("a"),
        &signature("b"),
    );
    let result = send(&fake, bytes.clone()).await;
    assert_eq!(
        result,
        Outcome::Sent {
            tx_id: "14e81789-715d-497b-b63c-eada732800eb".into()
        }
    );
    assert_eq!(*fake.sent.lock().unwrap(), vec![bytes]);
}

#[tokio::test]
async fn recorded_replies_map_to_outcomes() {
    assert_eq!(
        outcome(recorded(200, "reply_accepted_prefixed.xml")).await,
        Outcome::Sent {
            tx_id: "0b6f3c1e-2d4a-4f5b-9c8d-7e6f5a4b3c2d".into()
        }
    );
    match outcome(recorded(500, "reply_fault_xml_validation.xml")).await {
        Outcome::Rejected { kind, message, raw } => {
            assert_eq!(kind, FaultKind::XmlValidation);
            assert!(
                message.starts_with("rapportRad 1/fromTid: ska vara"),
                "{message}"
            );
            assert_eq!(raw, raw_text("reply_fault_xml_validation.xml"));
        }
        other => panic!("{other:?}"),
    }
    match outcome(recorded(500, "reply_fault_signature_validation.xml")).await {
        Outcome::Rejected { kind, raw, .. } => {
            assert_eq!(kind, FaultKind::SignatureValidation);
            assert_eq!(raw, raw_text("reply_fault_signature_validation.xml"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        outcome(recorded(500, "reply_fault_rate_limit.xml")).await,
        Outcome::RateLimited {
            raw: raw_text("reply_fault_rate_limit.xml")
        }
    );
    assert!(matches!(
        outcome(recorded(500, "reply_fault_other.xml")).await,
        Outcome::Rejected { kind: FaultKind::Other(k), .. } if k == "TeknisktFel"
    ));
    // Unreadable replies: FK may have stored the report unless the status says it did not.
    for (status, file) in [
        (502, "reply_garbage.html"),
        (500, "reply_garbage.html"),
        (504, "reply_garbage.html"),
        (200, "reply_garbage.html"),
        (500, "reply_accepted.xml"),
    ] {
        assert!(
            matches!(
                outcome(recorded(status, file)).await,
                Outcome::Uncertain { .. }
            ),
            "{status} {file}"
        );
    }
    assert!(matches!(
        outcome(recorded(503, "reply_garbage.html")).await,
        Outcome::NotSent { .. }
    ));
    assert_eq!(
        outcome(recorded(429, "reply_garbage.html")).await,
        Outcome::RateLimited {
            raw: raw_text("reply_garbage.html")
        }
    );
    // Each kind of failure: not sent when the request cannot have reached FK, uncertain when it
    // may have.
    for (error, sent, words) in [
        (TransportError::Unbuildable, false, "kunde inte förberedas"),
        (TransportError::Unreachable, false, "gick inte att ansluta"),
        (
            TransportError::ConnectTimeout,
            false,
            "gick inte att ansluta",
        ),
        (TransportError::Handshake, false, "gick inte att ansluta"),
        (
            TransportError::ServerCertificate,
            false,
            "certifikat som inte godtas",
        ),
        (TransportError::Refused, false, "klientcertifikatet"),
        (TransportError::Timeout, true, "svarade inte i tid"),
        (TransportError::Broken, true, "bröts efter"),
    ] {
        let got = outcome(Err(error)).await;
        let text = outcome_text_sv(&got);
        match got {
            Outcome::NotSent { .. } if !sent => assert!(text.contains(words), "{text}"),
            Outcome::Uncertain { .. } if sent => assert!(text.contains(words), "{text}"),
            other => panic!("{error:?}: {other:?}"),
        }
    }
}

#[test]
fn outcome_texts_say_what_happened_and_what_to_do() {
    let sent = outcome_text_sv(&Outcome::Sent {
        tx_id: "14e81789-715d-497b-b63c-eada732800eb".into(),
    });
    assert!(sent.contains("14e81789-715d-497b-b63c-eada732800eb") && sent.contains("tagit emot"));

    let rejected = outcome_text_sv(&Outcome::Rejected {
        kind: FaultKind::XmlValidation,
        message: "rapportRad 3/tomTid: ska vara senare än fromTid.".into(),
        raw: "<…>".into(),
    });
    assert!(
        rejected.contains("”rapportRad 3/tomTid: ska vara senare än fromTid.”"),
        "{rejected}"
    );
    assert!(
        rejected.contains("Rätta det som behövs och skriv under igen"),
        "{rejected}"
    );
    assert!(rejected.contains("finns kvar"));
    let signature = outcome_text_sv(&Outcome::Rejected {
        kind: FaultKind::SignatureValidation,
        message: String::new(),
        raw: String::new(),
    });
    assert!(
        signature.contains("underskrifterna") && !signature.contains("”"),
        "{signature}"
    );

    let uncertain = outcome_text_sv(&Outcome::Uncertain {
        reason: Reason::Timeout,
    });
    assert!(uncertain.starts_with("Osäkert"), "{uncertain}");
    assert!(uncertain.contains("kan ha tagit emot den"));
    assert!(uncertain.contains("innan du skickar igen"));

    let not_sent = outcome_text_sv(&Outcome::NotSent {
        reason: Reason::Unreachable,
    });
    assert!(
        not_sent.contains("Inget har nått Försäkringskassan") && not_sent.contains("skicka igen")
    );

    let limited = outcome_text_sv(&Outcome::RateLimited { raw: String::new() });
    assert!(
        limited.contains("för många anrop") && limited.contains("Inget har tagits emot"),
        "{limited}"
    );
}

/// Last month (Europe/Stockholm), which has ended, and a few of Johan's shifts in it.
fn last_month_case() -> (YearMonth, Vec<crate::hours::ReportRow>) {
    let month = YearMonth::of(today()).prev();
    let (y, m) = (month.year(), month.month());
    let johan = johan();
    let shifts = vec![
        shift(
            1,
            &johan,
            at(y, m, 2, 8, 0),
            at(y, m, 2, 16, 30),
            TimeKind::Aktiv,
        ),
        shift(
            2,
            &johan,
            at(y, m, 2, 22, 0),
            at(y, m, 3, 7, 0),
            TimeKind::Beredskap,
        ),
        shift(
            3,
            &johan,
            at(y, m, 10, 13, 15),
            at(y, m, 10, 18, 0),
            TimeKind::Vantetid,
        ),
    ];
    (month, report_rows(&shifts, month))
}

struct Signed {
    document: crate::elt::Document,
    assistant: Signature,
    employer: Signature,
}

/// A document built by `document::build` for last month, signed through the simulator's
/// BankID; the assistant's order is completed by `assistant_signer` (default: Johan).
async fn signed_report(sim: &TestSim, assistant_signer: Option<&str>) -> Signed {
    let (month, rows) = last_month_case();
    let household = employer_household();
    let document = build(&DocumentInput {
        id: Uuid::new_v4(),
        month,
        household: &household,
        assistant: &johan(),
        rows: &rows,
        signing_date: today(),
    })
    .unwrap();
    let text = signed_text(&[&document]);
    let assistant = sim.bankid_sign(ASSISTANT, assistant_signer, &text).await;
    let employer = sim.bankid_sign(GUARDIAN, None, &text).await;
    assert_eq!(assistant.date.day(), today().day());
    Signed {
        document,
        assistant,
        employer,
    }
}

#[tokio::test]
async fn a_signed_report_is_accepted_by_the_simulator_over_mutual_tls() {
    let sim = start_sim(|_| {}).await;
    let signed = signed_report(&sim, None).await;
    let bytes = envelope(signed.document.bytes(), &signed.assistant, &signed.employer);
    let outcome = send(&sim.transport(), bytes.clone()).await;
    let Outcome::Sent { tx_id } = &outcome else {
        panic!("{outcome:?}")
    };
    assert!(Uuid::parse_str(tx_id).is_ok(), "{tx_id}");

    let reports = sim.sim.elt_reports();
    assert_eq!(reports.len(), 1);
    assert_eq!(&reports[0].tx_id, tx_id);
    assert_eq!(reports[0].report_id, signed.document.id().to_string());
    assert_eq!(&reports[0].document[..], signed.document.bytes());

    let record = sim.sim.record();
    let requests = record.requests(Service::Elt, "POST", "/elt");
    assert_eq!(requests.len(), 1);
    let request = requests[0];
    assert!(request.client_certificate);
    assert_eq!(request.header("content-type"), Some(CONTENT_TYPE));
    assert_eq!(request.header("soapaction"), Some(SOAP_ACTION));
    assert_eq!(&request.body[..], &bytes[..], "the exact envelope");
    assert!(outcome_text_sv(&outcome).contains(tx_id.as_str()));
}

#[tokio::test]
async fn a_signature_by_the_wrong_assistant_is_rejected() {
    let sim = start_sim(|_| {}).await;
    let signed = signed_report(&sim, Some(OTHER_ASSISTANT)).await;
    let outcome = send(
        &sim.transport(),
        envelope(signed.document.bytes(), &signed.assistant, &signed.employer),
    )
    .await;
    match &outcome {
        Outcome::Rejected {
            kind: FaultKind::SignatureValidation,
            message,
            raw,
        } => {
            assert!(message.contains("inte gjord av assistenten"), "{message}");
            assert!(raw.contains("SignatureValidationError"));
        }
        other => panic!("{other:?}"),
    }
    assert!(outcome_text_sv(&outcome).contains("skriv under igen"));
    assert!(sim.sim.elt_reports().is_empty());
}

#[tokio::test]
async fn simulator_faults_map_to_outcomes() {
    let sim = start_sim(|c| c.hang = Duration::from_secs(4)).await;
    let signed = signed_report(&sim, None).await;
    let bytes = envelope(signed.document.bytes(), &signed.assistant, &signed.employer);
    let transport = sim.transport().with_timeout(Duration::from_secs(2));

    let mut expect = Vec::new();
    for (fault, check) in [
        (Some(Fault::ServerError(500)), "uncertain"),
        (Some(Fault::ServerError(503)), "not_sent"),
        (Some(Fault::ServerError(502)), "uncertain"),
        (Some(Fault::DropConnection), "uncertain"),
        (Some(Fault::TimeoutAfterStore), "uncertain"),
        (Some(Fault::Slow(Duration::from_millis(500))), "sent"),
        (Some(Fault::ExpiredCertificate), "not_sent"),
        (None, "sent"),
    ] {
        pace().await;
        if let Some(fault) = &fault {
            sim.sim.set_fault(Service::Elt, fault.clone()).unwrap();
        }
        let outcome = if fault == Some(Fault::ExpiredCertificate) {
            // A new connection, so that there is a handshake to fail.
            send(&sim.transport(), bytes.clone()).await
        } else {
            send(&transport, bytes.clone()).await
        };
        assert_eq!(outcome.as_str(), check, "{fault:?}: {outcome:?}");
        expect.push((fault, outcome));
    }
    assert!(sim.sim.elt_rate_violations().is_empty());
    // The time-out happened after the report was stored: FK has it, and the outcome said
    // "uncertain", never "not sent".
    let stored = sim.sim.elt_reports();
    assert_eq!(stored.len(), 3, "time-out after store, slow, plain");
    let (_, timed_out) = &expect[4];
    assert!(matches!(
        timed_out,
        Outcome::Uncertain {
            reason: Reason::Timeout
        }
    ));
    let (_, expired) = &expect[6];
    assert!(
        matches!(
            expired,
            Outcome::NotSent {
                reason: Reason::ServerCertificate
            }
        ),
        "{expired:?}"
    );
    assert_eq!(sim.sim.expired_certificates_served(Service::Elt), 1);

    // Two requests within a second: FK's rate limit.
    pace().await;
    let first = send(&transport, bytes.clone()).await;
    let second = send(&transport, bytes.clone()).await;
    assert_eq!(first.as_str(), "sent", "{first:?}");
    assert!(
        matches!(second, Outcome::RateLimited { ref raw } if raw.contains("RateLimitExceeded")),
        "{second:?}"
    );
}

#[tokio::test]
async fn nothing_listening_is_not_sent() {
    let sim = start_sim(|_| {}).await;
    let url = sim.sim.elt_url().to_string();
    let (trust, identity) = (sim.trust(), sim.identity());
    sim.sim.shutdown().await;
    let transport = HttpsTransport::new(&url, &trust, &identity).unwrap();
    let outcome = send(&transport, b"<x></x>".to_vec()).await;
    assert!(matches!(outcome, Outcome::NotSent { .. }), "{outcome:?}");
    assert!(HttpsTransport::new("http://127.0.0.1:1/elt", &trust, &identity).is_err());
    assert!(HttpsTransport::new("inte en adress", &trust, &identity).is_err());
}

/// A client certificate the server refuses (issued by another CA): the TLS layer refuses the
/// session, the request never reaches the service.
#[tokio::test]
async fn a_refused_client_certificate_is_not_sent() {
    let sim = start_sim(|_| {}).await;
    let other = start_sim(|_| {}).await;
    let transport =
        HttpsTransport::new(sim.sim.elt_url(), &sim.trust(), &other.identity()).unwrap();
    let outcome = send(&transport, b"<x></x>".to_vec()).await;
    assert!(
        matches!(
            &outcome,
            Outcome::NotSent {
                reason: Reason::Refused
            }
        ),
        "{outcome:?}"
    );
    assert_eq!(sim.sim.record().of(Service::Elt).count(), 0);
}

#[tokio::test]
async fn a_reply_over_the_size_cap_is_never_parsed() {
    let mut body = std::fs::read(golden_path("reply_accepted.xml")).unwrap();
    body.resize(crate::remote::MAX_REPLY_BYTES + 1, b' ');
    let body = body;
    let reply = |status| {
        Ok(RawReply {
            status,
            body: body.clone(),
        })
    };
    let fits = body[..crate::remote::MAX_REPLY_BYTES].to_vec();
    // A tx-id in the first part does not make it sent: whether FK has it is unknown.
    assert!(matches!(
        outcome(reply(200)).await,
        Outcome::Uncertain {
            reason: Reason::TooLarge(200)
        }
    ));
    assert!(matches!(
        outcome(reply(500)).await,
        Outcome::Uncertain { .. }
    ));
    assert!(matches!(outcome(reply(503)).await, Outcome::NotSent { .. }));
    let Outcome::RateLimited { raw } = outcome(reply(429)).await else {
        panic!("rate limited");
    };
    assert_eq!(raw.len(), crate::remote::KEPT_BYTES);
    // At the cap it is read.
    let at_cap = Ok(RawReply {
        status: 200,
        body: fits,
    });
    assert!(matches!(outcome(at_cap).await, Outcome::Sent { .. }));
}

proptest::proptest! {
    #![proptest_config(crate::fuzz::config())]

    /// Every reply ends in an outcome with a Swedish text; none panics.
    #[test]
    fn fuzz_elt_outcome_never_panics(
        status in proptest::sample::select(vec![200u16, 201, 302, 400, 429, 500, 502, 503]),
        body in crate::fuzz::input(crate::fuzz::fixtures("elt", ".xml"))
    ) {
        let outcome = outcome_of(RawReply { status, body });
        proptest::prop_assert!(!outcome_text_sv(&outcome).is_empty());
    }
}

#[test]
fn every_outcome_is_a_catalogue_message_worded_in_english_too() {
    use crate::message::Locale;
    let reasons = [
        Reason::Unbuildable,
        Reason::ServerCertificate,
        Reason::Refused,
        Reason::Unreachable,
        Reason::Timeout,
        Reason::Broken,
        Reason::Unavailable,
        Reason::TooLarge(502),
        Reason::NoTxId,
        Reason::Unreadable(500),
    ];
    let mut outcomes = vec![
        Outcome::Sent {
            tx_id: "14e81789".into(),
        },
        Outcome::RateLimited { raw: String::new() },
    ];
    for kind in [FaultKind::XmlValidation, FaultKind::SignatureValidation] {
        for message in ["", "rapportRad 3: fel"] {
            outcomes.push(Outcome::Rejected {
                kind: kind.clone(),
                message: message.into(),
                raw: String::new(),
            });
        }
    }
    for reason in reasons {
        outcomes.push(Outcome::NotSent { reason });
        outcomes.push(Outcome::Uncertain { reason });
    }
    for outcome in &outcomes {
        let message = outcome_message(outcome);
        assert_ne!(message.key, crate::message::Key::Verbatim, "{outcome:?}");
        let en = message.try_render(Locale::En).unwrap();
        let ours = en
            .replace("Försäkringskassan", "")
            .replace("rapportRad 3: fel", "");
        assert!(!ours.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']), "{en}");
        assert_eq!(
            message.try_render(Locale::Sv).unwrap(),
            outcome_text_sv(outcome)
        );
    }
    // FK's own explanation stays FK's words in either language.
    let rejected = outcome_message(&Outcome::Rejected {
        kind: FaultKind::XmlValidation,
        message: "rapportRad 3: fel".into(),
        raw: String::new(),
    });
    assert!(rejected
        .try_render(Locale::En)
        .unwrap()
        .contains("“rapportRad 3: fel”"));
    let too_large = outcome_message(&Outcome::Uncertain {
        reason: Reason::TooLarge(502),
    });
    assert!(too_large
        .try_render(Locale::En)
        .unwrap()
        .contains("HTTP status 502"));
}
