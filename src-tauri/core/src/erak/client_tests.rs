//! The client with a fake transport: the exact requests (headers, key, bytes), the replies it
//! maps, and that neither the key nor personal data shows in `Debug`.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;

use super::wire_tests::{body_of, RETURN_URL, SIGNAL_URL, SUPPLIER_ID, SUPPLIER_NAME};
use super::*;
use crate::connection::Trust;
use crate::credentials::SecretBytes;
use crate::household::Scenario;
use crate::invoice::testing::*;

const KEY: &str = "sim-0123456789abcdef";

/// Records every request and answers with the queued replies, in order.
#[derive(Default)]
struct FakeTransport {
    replies: Mutex<VecDeque<Result<RawReply, TransportError>>>,
    requests: Mutex<Vec<HttpRequest>>,
}

impl FakeTransport {
    fn answering(replies: Vec<Result<RawReply, TransportError>>) -> Arc<FakeTransport> {
        Arc::new(FakeTransport {
            replies: Mutex::new(replies.into()),
            requests: Mutex::default(),
        })
    }

    fn requests(&self) -> Vec<HttpRequest> {
        self.requests.lock().unwrap().clone()
    }
}

#[async_trait]
impl ErakTransport for FakeTransport {
    async fn send(&self, request: HttpRequest) -> Result<RawReply, TransportError> {
        self.requests.lock().unwrap().push(request);
        self.replies
            .lock()
            .unwrap()
            .pop_front()
            .expect("a reply is queued")
    }
}

fn reply(status: u16, body: &str) -> Result<RawReply, TransportError> {
    Ok(RawReply {
        status,
        body: body.as_bytes().to_vec(),
    })
}

fn client(fake: &Arc<FakeTransport>) -> ErakClient {
    ErakClient::new(fake.clone(), "X-Erak-Key", SecretBytes::new(KEY)).unwrap()
}

fn supplier() -> Supplier {
    Supplier {
        name: SUPPLIER_NAME.into(),
        id: SUPPLIER_ID.into(),
    }
}

fn plain(text: &str) -> HeaderText {
    HeaderText::Plain(text.into())
}

#[tokio::test]
async fn create_sends_exactly_this_request() {
    let fake = FakeTransport::answering(vec![reply(200, r#"{"fingerprint":"9f8e7d"}"#)]);
    let invoice = accepted(Scenario::E, &full_answers(Scenario::E));
    let before = invoice.clone();
    let answer = client(&fake)
        .create(&invoice, &supplier(), RETURN_URL, Some(SIGNAL_URL))
        .await
        .unwrap();
    assert_eq!(
        answer,
        CreateReply::Created {
            fingerprint: "9f8e7d".into()
        }
    );
    assert_eq!(invoice, before);
    assert_eq!(
        fake.requests(),
        [HttpRequest {
            method: Method::Post,
            path: "/public/v1/create".into(),
            headers: vec![
                ("content-type".into(), plain("application/json")),
                ("accept".into(), plain("application/json")),
                (
                    "X-Erak-Key".into(),
                    HeaderText::Secret(SecretBytes::new(KEY))
                ),
            ],
            body: body_of(&invoice),
        }]
    );
    // The same bytes as the golden file.
    assert_eq!(
        fake.requests()[0].body,
        super::wire_tests::fixture!("create-e-last-month.json")
    );
}

#[tokio::test]
async fn status_sends_exactly_this_request() {
    let fake = FakeTransport::answering(vec![reply(
        200,
        r#"{"fingerprint":"9f8e7d","status":"SIGNED"}"#,
    )]);
    let answer = client(&fake).status("9f8e7d").await.unwrap();
    assert_eq!(
        answer,
        StatusReply {
            fingerprint: "9f8e7d".into(),
            status: ErakStatus::Signed
        }
    );
    let requests = fake.requests();
    assert_eq!(
        requests,
        [HttpRequest {
            method: Method::Get,
            path: "/public/v1/status/9f8e7d".into(),
            headers: vec![
                ("accept".into(), plain("application/json")),
                (
                    "X-Erak-Key".into(),
                    HeaderText::Secret(SecretBytes::new(KEY))
                ),
            ],
            body: Vec::new(),
        }]
    );
    assert_eq!(
        requests[0].header("x-erak-key"),
        Some(&HeaderText::Secret(SecretBytes::new(KEY)))
    );
}

#[tokio::test]
async fn replies_and_failures_of_create() {
    let invoice = accepted(Scenario::A, &minimal_answers(Scenario::A));
    let fake = FakeTransport::answering(vec![
        reply(
            400,
            r#"{"errors":[{"field":"invoice.answers.hospitalStay.dates[0].from","message":"Datum och klockslag ska skrivas ÅÅÅÅ-MM-DDTHH:MM."}]}"#,
        ),
        reply(
            401,
            r#"{"errors":[{"field":"X-Erak-Key","message":"Nyckeln saknas eller är fel."}]}"#,
        ),
        reply(503, "Service Unavailable"),
        reply(200, "<html>"),
        Err(TransportError::Timeout),
        Err(TransportError::Unreachable),
        Err(TransportError::ConnectTimeout),
    ]);
    let client = client(&fake);
    let supplier = supplier();
    let send = || client.create(&invoice, &supplier, RETURN_URL, None);

    let CreateReply::Invalid(errors) = send().await.unwrap() else {
        panic!("not invalid")
    };
    assert_eq!(
        errors[0].invoice_field().as_deref(),
        Some("hospitalStay.stays[0].from")
    );
    assert!(
        matches!(send().await.unwrap(), CreateReply::Unauthorized { raw } if raw.contains("Nyckeln"))
    );
    assert_eq!(
        send().await.unwrap(),
        CreateReply::Unavailable {
            status: 503,
            raw: "Service Unavailable".into()
        }
    );
    let unreadable = send().await.unwrap_err();
    assert_eq!(unreadable.raw(), Some("<html>"));
    assert!(unreadable.is_retryable());

    let timeout = send().await.unwrap_err();
    assert_eq!(timeout, ErakError::Timeout);
    let network = send().await.unwrap_err();
    assert_eq!(network, ErakError::Network(TransportError::Unreachable));
    // A time-out while connecting is a time-out too.
    let connect_timeout = send().await.unwrap_err();
    assert_eq!(connect_timeout, ErakError::Timeout);
    for e in [unreadable, timeout, network, connect_timeout] {
        assert!(
            e.to_string()
                .contains("Räkningen är sparad och kan skickas igen"),
            "{e}"
        );
    }
    assert_eq!(fake.requests().len(), 7);
}

#[tokio::test]
async fn a_fingerprint_is_encoded_in_the_path() {
    let fake = FakeTransport::answering(vec![reply(404, r#"{"errors":[]}"#)]);
    let e = client(&fake).status("a/b c").await.unwrap_err();
    assert!(matches!(e, ErakError::UnknownFingerprint { .. }));
    assert_eq!(fake.requests()[0].path, "/public/v1/status/a%2Fb%20c");
}

#[test]
fn the_key_and_personal_data_never_show_in_debug() {
    let fake = FakeTransport::answering(vec![]);
    let client = client(&fake);
    let invoice = accepted(Scenario::E, &full_answers(Scenario::E));
    let request = client.create_request(body_of(&invoice));
    let texts = [
        format!("{client:?}"),
        format!("{request:?}"),
        format!("{:?}", HeaderText::Secret(SecretBytes::new(KEY))),
        format!("{:?}", client.status_request("fp")),
    ];
    for text in &texts {
        assert!(!text.contains(KEY), "{text}");
        assert!(!text.contains("0123456789abcdef"), "{text}");
        for personal in ["201605129988", "198403079984", "Elsa", "Maria", "070-174"] {
            assert!(!text.contains(personal), "{personal} in {text}");
        }
        assert!(text.contains("redacted"), "{text}");
    }
    assert!(texts[1].contains("/public/v1/create"));
    assert!(texts[1].contains("bytes>"));
    assert_eq!(
        format!("{:?}", plain("application/json")),
        "\"application/json\""
    );
}

#[test]
fn settings_that_cannot_be_used_are_refused() {
    let fake: Arc<dyn ErakTransport> = FakeTransport::answering(vec![]);
    for header in ["", "X Erak Key", "X-Erak-Key:"] {
        assert!(
            matches!(
                ErakClient::new(fake.clone(), header, SecretBytes::new(KEY)),
                Err(ErakError::Settings(_))
            ),
            "{header:?}"
        );
    }
    for key in ["", "två ord", "a\nb"] {
        assert!(
            matches!(
                ErakClient::new(fake.clone(), "X-Erak-Key", SecretBytes::new(key)),
                Err(ErakError::Settings(_))
            ),
            "{key:?}"
        );
    }
}

#[test]
fn https_only_except_on_loopback() {
    // A CA certificate to trust (any will do; nothing is connected).
    let ca = rcgen::generate_simple_self_signed(vec!["ca.test".into()]).unwrap();
    let trust = Trust::only_pem(&ca.cert.pem()).unwrap();
    for ok in [
        "https://erak.forsakringskassan.example",
        "https://erak.example:8443/base/",
        "http://127.0.0.1:4000",
        "http://localhost:4000",
        "http://[::1]:4000",
    ] {
        let transport = HttpsTransport::new(ok, &trust).unwrap_or_else(|e| panic!("{ok}: {e}"));
        assert!(!transport.base_url().ends_with('/'));
    }
    for bad in [
        "http://erak.example",
        "http://192.168.1.10:4000",
        "ftp://erak.example",
        "erak.example",
        "https://erak.example/?x=1",
        "",
    ] {
        let e = HttpsTransport::new(bad, &trust).unwrap_err();
        assert!(matches!(e, ErakError::Settings(_)), "{bad}");
        assert!(e.to_string().contains("Inställningar"), "{bad}: {e}");
    }
}
