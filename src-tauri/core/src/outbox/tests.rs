use std::collections::VecDeque;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use chrono::NaiveDateTime;

use super::{Backoff, Sender, INTERRUPTED, SPACING};
use crate::bankid::Completion;
use crate::demo;
use crate::elt::client::{EltTransport, RawReply, TransportError};
use crate::hours::{AssistantId, YearMonth};
use crate::reports::signing::Signer;
use crate::reports::ReportStatus;
use crate::store::{OutboxState, Store};
use crate::{Clock, Timbok};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/elt/");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}{name}")).unwrap()
}

fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str("2025-11-10T09:00", "%Y-%m-%dT%H:%M").unwrap()
}

fn october() -> YearMonth {
    YearMonth::new(2025, 10).unwrap()
}

fn completion(pnr: &str) -> Completion {
    Completion {
        personal_number: pnr.into(),
        name: String::new(),
        given_name: String::new(),
        surname: String::new(),
        signature: "c2ln".into(),
        ocsp_response: "b2NzcA==".into(),
        bank_id_issue_date: None,
        device_ip_address: None,
        device_uhi: None,
        step_up_mrtd: None,
        risk: None,
    }
}

/// The demo household with Johan's and Sara's October reports locked, signed and queued.
fn queued_month(path: &Path) -> Vec<AssistantId> {
    let mut store = Store::open(path).unwrap();
    demo::seed(&mut store, now().date()).unwrap();
    let mut timbok = Timbok::with_store(
        store,
        Clock::Fixed(now()),
        crate::settings::Environment::Demo,
    );
    let mut ids = Vec::new();
    for pnr in &demo::ASSISTANTS[..2] {
        let id = timbok
            .assistants()
            .unwrap()
            .into_iter()
            .find(|a| a.personnummer.as_str() == *pnr)
            .unwrap()
            .id;
        timbok.lock_report(october(), id).unwrap();
        let request = timbok
            .signing_request(october(), Signer::Assistant(id))
            .unwrap();
        timbok.record_signature(&request, &completion(pnr)).unwrap();
        ids.push(id);
    }
    let employer = timbok.signing_request(october(), Signer::Employer).unwrap();
    timbok
        .record_signature(&employer, &completion(demo::GUARDIAN))
        .unwrap();
    assert_eq!(timbok.queue_reports(october()).unwrap(), 2);
    ids
}

/// Answers from a script, and when each request started and ended.
#[derive(Default)]
struct Scripted {
    replies: Mutex<VecDeque<Result<RawReply, TransportError>>>,
    calls: Mutex<Vec<(Instant, Instant, Vec<u8>)>>,
    delay: Duration,
}

impl Scripted {
    fn new(replies: Vec<Result<RawReply, TransportError>>) -> Arc<Scripted> {
        Arc::new(Scripted {
            replies: Mutex::new(replies.into()),
            ..Scripted::default()
        })
    }

    fn calls(&self) -> Vec<(Instant, Instant, Vec<u8>)> {
        self.calls.lock().unwrap().clone()
    }
}

#[async_trait]
impl EltTransport for Scripted {
    async fn post(&self, envelope: Vec<u8>) -> Result<RawReply, TransportError> {
        let start = Instant::now();
        tokio::time::sleep(self.delay).await;
        let reply = self
            .replies
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| Ok(ok("tx-default")));
        self.calls
            .lock()
            .unwrap()
            .push((start, Instant::now(), envelope));
        reply
    }
}

fn ok(tx_id: &str) -> RawReply {
    let body = String::from_utf8(fixture("reply_accepted.xml")).unwrap();
    let original = body
        .split("<tx-id>")
        .nth(1)
        .and_then(|rest| rest.split("</tx-id>").next())
        .unwrap()
        .to_string();
    RawReply {
        status: 200,
        body: body.replace(&original, tx_id).into_bytes(),
    }
}

fn states(path: &Path) -> Vec<(OutboxState, Option<String>, Option<String>)> {
    let store = Store::open(path).unwrap();
    let mut all = store.month_reports(october()).unwrap();
    all.sort_by_key(|r| r.row_id);
    all.into_iter()
        .map(|r| (r.state, r.tx_id, r.problem.map(|m| m.to_string())))
        .collect()
}

fn sender(path: &Path, transport: Arc<Scripted>) -> Sender {
    Sender::new(path, transport, Clock::Fixed(now())).with_backoff(Backoff {
        first: Duration::from_secs(3600),
        max: Duration::from_secs(3600),
    })
}

#[tokio::test]
async fn each_report_is_sent_once_with_its_tx_id_and_a_second_between_requests() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite3");
    queued_month(&path);
    let transport = Scripted::new(vec![Ok(ok("tx-1")), Ok(ok("tx-2"))]);
    let (progress, next) = sender(&path, transport.clone()).run_once().await.unwrap();
    assert_eq!(progress.sent, 2);
    assert_eq!(next, None);
    let calls = transport.calls();
    assert_eq!(calls.len(), 2);
    let gap = calls[1].0.duration_since(calls[0].1);
    assert!(
        gap >= Duration::from_secs(1),
        "only {gap:?} between requests"
    );
    assert_eq!(
        states(&path)
            .into_iter()
            .map(|(s, tx, _)| (s, tx))
            .collect::<Vec<_>>(),
        vec![
            (OutboxState::Sent, Some("tx-1".into())),
            (OutboxState::Sent, Some("tx-2".into()))
        ]
    );
    // The envelope carries the stored document, byte for byte.
    let store = Store::open(&path).unwrap();
    let first = store.month_reports(october()).unwrap().remove(0);
    let body = String::from_utf8(calls[0].2.clone()).unwrap();
    use base64::Engine;
    assert!(body.contains(&base64::engine::general_purpose::STANDARD.encode(&first.document)));

    // Nothing more is sent on the next pass.
    let (again, _) = sender(&path, transport.clone()).run_once().await.unwrap();
    assert_eq!(again.sent, 0);
    assert_eq!(transport.calls().len(), 2);
}

#[tokio::test]
async fn faults_end_rejected_retried_or_uncertain_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite3");
    queued_month(&path);
    let transport = Scripted::new(vec![
        Ok(RawReply {
            status: 500,
            body: fixture("reply_fault_xml_validation.xml"),
        }),
        Err(TransportError::Timeout),
    ]);
    let (progress, _) = sender(&path, transport.clone()).run_once().await.unwrap();
    assert_eq!((progress.rejected, progress.uncertain), (1, 1));
    let found = states(&path);
    assert_eq!(found[0].0, OutboxState::Rejected);
    assert!(
        found[0].2.as_deref().unwrap().contains("rätta")
            || found[0].2.as_deref().unwrap().contains("Rätta"),
        "{:?}",
        found[0].2
    );
    assert_eq!(found[1].0, OutboxState::Uncertain);

    // An uncertain report is not sent again by itself.
    let (progress, _) = sender(&path, transport.clone()).run_once().await.unwrap();
    assert_eq!(progress, super::Progress::default());
    assert_eq!(transport.calls().len(), 2);
}

#[tokio::test]
async fn a_report_fk_never_got_waits_for_its_retry_and_keeps_the_pace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite3");
    queued_month(&path);
    let transport = Scripted::new(vec![
        Err(TransportError::Unreachable),
        Ok(RawReply {
            status: 500,
            body: fixture("reply_fault_rate_limit.xml"),
        }),
    ]);
    let (progress, next) = sender(&path, transport.clone()).run_once().await.unwrap();
    assert_eq!(progress.retried, 2);
    assert_eq!(next.as_deref(), Some("2025-11-10T10:00:00"));
    assert!(states(&path)
        .iter()
        .all(|(s, _, p)| *s == OutboxState::Queued && p.is_some()));
}

#[tokio::test]
async fn after_a_crash_a_report_left_sending_becomes_uncertain_and_the_rest_are_sent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite3");
    queued_month(&path);
    // A sender that claimed the first report and died before the answer.
    {
        let mut store = Store::open(&path).unwrap();
        let claim = store
            .claim_next_send(0, "2025-11-10T09:00:00", 1_000)
            .unwrap();
        assert!(matches!(claim, crate::store::Claim::Send(_)));
    }
    let transport = Scripted::new(vec![Ok(ok("tx-2"))]);
    let sender = sender(&path, transport.clone());
    assert_eq!(sender.recover().unwrap(), 1);
    let (progress, _) = sender.run_once().await.unwrap();
    assert_eq!(progress.sent, 1);
    let found = states(&path);
    assert_eq!(found[0].0, OutboxState::Uncertain);
    assert_eq!(
        found[0].2,
        Some(crate::message::Message::new(INTERRUPTED).to_string())
    );
    assert_eq!(found[1], (OutboxState::Sent, Some("tx-2".into()), None));
    assert_eq!(transport.calls().len(), 1);
}

#[tokio::test]
async fn two_senders_on_one_database_never_send_twice_or_too_fast() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite3");
    queued_month(&path);
    let transport = Arc::new(Scripted {
        delay: Duration::from_millis(150),
        ..Scripted::default()
    });
    let a = sender(&path, transport.clone());
    let b = sender(&path, transport.clone());
    let (ra, rb) = tokio::join!(a.run_once(), b.run_once());
    assert_eq!(ra.unwrap().0.sent + rb.unwrap().0.sent, 2);
    let mut calls = transport.calls();
    calls.sort_by_key(|c| c.0);
    assert_eq!(calls.len(), 2);
    assert!(calls[1].0.duration_since(calls[0].1) >= Duration::from_secs(1));
    assert!(SPACING >= Duration::from_secs(1));
    let timbok = Timbok::with_store(
        Store::open(&path).unwrap(),
        Clock::Fixed(now()),
        crate::settings::Environment::Demo,
    );
    let month = timbok.time_reports(october()).unwrap();
    assert_eq!(
        month
            .reports
            .iter()
            .filter(|r| r.status == ReportStatus::Sent)
            .count(),
        2
    );
}
