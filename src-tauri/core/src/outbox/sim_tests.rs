//! The outbox against the real simulator: mutual TLS, the simulator's BankID signatures, and
//! every fault the simulator can inject on ELT. Each report ends sent, rejected or uncertain;
//! none is lost, none reaches ELT twice, and ELT never sees two requests less than a second
//! apart.

use std::path::Path;
use std::time::Duration;

use chrono::{Datelike, Local};
use timbok_sim::{Fault, Service, SimConfig, Simulator};

use super::{Backoff, Sender};
use crate::hours::YearMonth;
use crate::reports::ReportStatus;
use crate::services::{Services, SimulatorAccess};
use crate::store::Store;
use crate::{demo, testdata, Clock, Timbok};

async fn start(dir: &Path) -> (timbok_sim::RunningSimulator, Services) {
    let mut config = SimConfig::new(dir.join("sim"));
    config.bankid_auto_complete = true;
    config.bankid_auto_complete_after = Duration::from_millis(100);
    let sim = Simulator::start(config).await.unwrap();
    let (target, secrets) = SimulatorAccess::connect_info(&sim.info_json()).unwrap();
    let services = Services::connect(&target, &secrets).unwrap();
    (sim, services)
}

fn last_month(db: &Path) -> YearMonth {
    let today = Local::now().date_naive();
    let mut store = Store::open(db).unwrap();
    demo::seed(&mut store, today).unwrap();
    YearMonth::of(today.with_day(1).unwrap().pred_opt().unwrap())
}

fn statuses(db: &Path, month: YearMonth) -> Vec<ReportStatus> {
    let timbok = Timbok::with_store(
        Store::open(db).unwrap(),
        Clock::System,
        crate::settings::Environment::Demo,
    );
    timbok
        .time_reports(month)
        .unwrap()
        .reports
        .iter()
        .filter(|r| r.stored.is_some())
        .map(|r| r.status)
        .collect()
}

/// Runs one fault on the first of the month's two reports; returns the two statuses after the
/// sender is done (retries allowed for what FK never got).
async fn with_fault(fault: Fault) -> (Vec<ReportStatus>, timbok_sim::RunningSimulator) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let month = last_month(&db);
    let (sim, services) = start(dir.path()).await;
    assert_eq!(testdata::sign_and_queue(&db, month, &services).await, 2);
    let fault_name = fault.to_string();
    sim.set_fault(Service::Elt, fault).unwrap();
    let fault = fault_name;
    let sender = Sender::new(&db, services.elt().unwrap(), Clock::System).with_backoff(Backoff {
        first: Duration::from_millis(1500),
        max: Duration::from_secs(3),
    });
    sender
        .run_until_done(Duration::from_secs(30))
        .await
        .unwrap();
    let found = statuses(&db, month);
    // Never twice, never too fast.
    let reports = sim.elt_reports();
    let mut ids: Vec<_> = reports.iter().map(|r| r.report_id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(
        ids.len(),
        reports.len(),
        "{fault}: a report reached ELT twice"
    );
    assert!(sim.elt_rate_violations().is_empty(), "{fault}: too fast");
    for gap in sim.elt_spacings() {
        assert!(
            gap >= Duration::from_secs(1),
            "{fault}: requests {gap:?} apart"
        );
    }
    if let Some(least) = sim.elt_spacings().into_iter().min() {
        // The figure docs/performance.md quotes (run with --nocapture).
        eprintln!(
            "outbox: {fault}: least spacing at ELT {} ms",
            least.as_millis()
        );
    }
    drop(dir);
    (found, sim)
}

#[tokio::test(flavor = "multi_thread")]
async fn every_elt_fault_ends_sent_rejected_or_uncertain() {
    use ReportStatus::{Sent, Uncertain};
    let cases = [
        (Fault::Slow(Duration::from_millis(1500)), [Sent, Sent]),
        (Fault::ServerError(503), [Sent, Sent]),
        (Fault::ServerError(500), [Uncertain, Sent]),
        (Fault::DropConnection, [Uncertain, Sent]),
        (Fault::TimeoutAfterStore, [Uncertain, Sent]),
        (Fault::ExpiredCertificate, [Sent, Sent]),
    ];
    // Each case has its own simulator and database: run them side by side.
    let runs: Vec<_> = cases
        .into_iter()
        .map(|(fault, expected)| {
            let name = fault.to_string();
            (name, expected, tokio::spawn(with_fault(fault)))
        })
        .collect();
    for (name, expected, run) in runs {
        let (found, sim) = run.await.unwrap();
        let mut sorted = found.clone();
        sorted.sort_by_key(|s| s.as_str());
        let mut want = expected.to_vec();
        want.sort_by_key(|s| s.as_str());
        assert_eq!(sorted, want, "{name}");
        // Sent ones are at FK exactly once; uncertain ones may or may not be.
        let at_fk = sim.elt_reports().len();
        let sent = found.iter().filter(|s| **s == Sent).count();
        assert!(at_fk >= sent && at_fk <= 2, "{name}: {at_fk} at FK");
        sim.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_signer_is_rejected_with_fks_message_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let month = last_month(&db);
    let (sim, services) = start(dir.path()).await;
    testdata::sign_and_queue(&db, month, &services).await;
    // Swap the two assistants' signatures: each report now carries the other's.
    {
        let store = Store::open(&db).unwrap();
        let reports = store.month_reports(month).unwrap();
        assert_eq!(reports.len(), 2);
        drop(store);
        let conn = crate::store::connect(&db).unwrap();
        let a = reports[0].assistant_signature.clone().unwrap();
        let b = reports[1].assistant_signature.clone().unwrap();
        for (row, sig) in [(reports[0].row_id, &b), (reports[1].row_id, &a)] {
            conn.execute(
                "UPDATE time_reports SET assistant_signature = ?2, assistant_ocsp = ?3 WHERE id = ?1",
                rusqlite::params![row, sig.signature, sig.ocsp_response],
            )
            .unwrap();
        }
    }
    let sender = Sender::new(&db, services.elt().unwrap(), Clock::System);
    sender
        .run_until_done(Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(statuses(&db, month), vec![ReportStatus::Rejected; 2]);
    let store = Store::open(&db).unwrap();
    for report in store.month_reports(month).unwrap() {
        assert!(report
            .problem
            .unwrap()
            .to_string()
            .contains("Försäkringskassan"));
    }
    assert!(sim.elt_reports().is_empty());
    sim.shutdown().await;
}

/// Signing leaves every BankID call in the call journal, redacted: no personnummer, name or
/// token of the household, the orders' refs kept.
#[tokio::test(flavor = "multi_thread")]
async fn signing_leaves_its_bankid_calls_in_the_journal_without_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let month = last_month(&db);
    let (sim, services) = start(dir.path()).await;
    assert_eq!(testdata::sign_and_queue(&db, month, &services).await, 2);
    let store = Store::open(&db).unwrap();
    let calls: Vec<_> = store
        .journal(None, 1000)
        .unwrap()
        .into_iter()
        .filter(|c| c.service == "bankid")
        .collect();
    // Three signers (two assistants, the employer): a sign and at least one collect each.
    let signs = calls
        .iter()
        .filter(|c| c.endpoint == "POST /rp/v6.0/sign")
        .count();
    let collects = calls
        .iter()
        .filter(|c| c.endpoint == "POST /rp/v6.0/collect")
        .count();
    assert_eq!(signs, 3, "{calls:#?}");
    assert!(collects >= 3, "{calls:#?}");
    assert!(calls.iter().all(|c| c.status == Some(200)), "{calls:#?}");
    assert!(calls.iter().any(|c| c.body.contains("\"orderRef\"")));
    assert!(
        calls.iter().any(|c| c.body.contains("completionData")),
        "a completed collect is kept: {calls:#?}"
    );
    let household = store.household().unwrap().unwrap();
    let mut personal: Vec<String> = Vec::new();
    for person in std::iter::once(&household.person).chain(household.signer.as_ref()) {
        personal.push(person.personnummer.as_str().to_string());
        personal.push(person.personnummer.as_str()[2..].to_string());
        personal.push(person.first_name.clone());
        personal.push(person.last_name.clone());
    }
    for assistant in store.assistants().unwrap() {
        personal.push(assistant.personnummer.as_str().to_string());
        personal.push(assistant.personnummer.as_str()[2..].to_string());
        personal.push(assistant.first_name.clone());
        personal.push(assistant.last_name.clone());
    }
    for call in &calls {
        for secret in &personal {
            assert!(
                !call.body.contains(secret.as_str()),
                "{secret:?} in {}",
                call.body
            );
        }
        for token in [
            "autoStartToken\":\"",
            "qrStartSecret\":\"",
            "qrStartToken\":\"",
        ] {
            if let Some((_, rest)) = call.body.split_once(token) {
                assert!(rest.starts_with("[redacted]"), "{}", call.body);
            }
        }
    }
    sim.shutdown().await;
}
