//! `timbok-cli`'s time-report commands as a script runs them: `elt-xml`, `demo-send`, and
//! `send-queued` killed with SIGKILL in the middle of a batch and started again.

mod test_keyring;

use test_keyring::cli;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use chrono::{Datelike, Local};
use sha2::{Digest, Sha256};
use timbok_core::hours::YearMonth;
use timbok_core::services::{Services, SimulatorAccess};
use timbok_core::{demo, testdata, Clock, Timbok};
use timbok_sim::{Fault, Service, SimConfig, Simulator};

/// The demo household; its shifts are last month's.
fn seeded(db: &Path) -> YearMonth {
    let today = Local::now().date_naive();
    let mut store = test_keyring::open_store(db).unwrap();
    demo::seed(&mut store, today).unwrap();
    let first = today.with_day(1).unwrap();
    YearMonth::of(first.pred_opt().unwrap())
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn elt_xml_prints_the_exact_document_and_the_line_bankid_signs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let month = seeded(&db).to_string();
    let bytes = cli(
        &db,
        &["elt-xml", "--assistant", demo::ASSISTANTS[0], &month],
    );
    assert!(bytes.status.success(), "{}", text(&bytes));
    assert!(bytes.stdout.starts_with(b"<Tidredovisning xmlns=\""));
    let hash = cli(
        &db,
        &[
            "elt-xml",
            "--assistant",
            demo::ASSISTANTS[0],
            &month,
            "--hash",
        ],
    );
    assert!(hash.status.success(), "{}", text(&hash));
    let line = String::from_utf8(hash.stdout).unwrap();
    let (id, sha) = line.trim_end().split_once(',').unwrap();
    assert_eq!(sha, hex::encode(Sha256::digest(&bytes.stdout)));
    let document = String::from_utf8(bytes.stdout).unwrap();
    assert!(document.contains(&format!("<id>{id}</id>")), "{document}");

    let unknown = cli(&db, &["elt-xml", "--assistant", demo::PERSON, &month]);
    assert!(!unknown.status.success());
    assert!(
        text(&unknown).contains("ingen assistent"),
        "{}",
        text(&unknown)
    );
}

#[test]
fn demo_send_signs_and_sends_every_bankid_report_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let month = seeded(&db).to_string();
    let out = cli(&db, &["demo-send", &month]);
    let printed = text(&out);
    assert!(out.status.success(), "{printed}");
    assert_eq!(
        printed.matches("skickad, transaktionsnummer ").count(),
        2,
        "{printed}"
    );
    assert!(printed.contains("papper"), "{printed}");

    // Again: nothing is sent twice, the same tx-ids are shown.
    let again = cli(&db, &["demo-send", &month]);
    assert!(again.status.success(), "{}", text(&again));
    let ids = |s: &str| -> Vec<String> {
        s.lines()
            .filter_map(|l| l.split("transaktionsnummer ").nth(1).map(str::to_string))
            .collect()
    };
    assert_eq!(ids(&printed), ids(&text(&again)));
}

#[test]
fn demo_send_without_a_household_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let out = cli(&db, &["demo-send", "2025-10"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("hushållet"), "{}", text(&out));
}

#[tokio::test(flavor = "multi_thread")]
async fn send_queued_killed_mid_batch_loses_nothing_and_sends_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let month = seeded(&db);
    let mut config = SimConfig::new(dir.path().join("sim"));
    config.bankid_auto_complete = true;
    config.bankid_auto_complete_after = Duration::from_millis(200);
    let sim = Simulator::start(config).await.unwrap();
    let (target, secrets) = SimulatorAccess::connect_info(&sim.info_json()).unwrap();
    let services = Services::connect(&target, &secrets).unwrap();
    assert_eq!(testdata::sign_and_queue(&db, month, &services).await, 2);

    // The first upload is stored by "FK" and then never answered: the sender waits on it.
    sim.set_fault(Service::Elt, Fault::TimeoutAfterStore)
        .unwrap();
    let send = |db: &Path| {
        let mut command = test_keyring::command();
        command
            .arg("--db")
            .arg(db)
            .args(["send-queued", "--elt-url", sim.elt_url(), "--ca"])
            .arg(sim.ca_pem_path())
            .arg("--p12")
            .arg(sim.client_p12_path())
            .env("TIMBOK_ELT_P12_PASSPHRASE", sim.client_p12_passphrase())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    };
    let mut child = send(&db).spawn().unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while sim.elt_reports().is_empty() {
        assert!(std::time::Instant::now() < deadline, "nothing reached ELT");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let out = send(&db).output().unwrap();
    let printed = text(&out);
    // The interrupted one is uncertain (FK has it, but Timbok cannot know): exit 1, said why.
    assert!(!out.status.success(), "{printed}");
    assert!(printed.contains("osäkra"), "{printed}");

    let received = sim.elt_reports();
    let mut ids: Vec<_> = received.iter().map(|r| r.report_id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), received.len(), "a report reached ELT twice");
    assert_eq!(received.len(), 2, "a report was lost");

    let timbok = Timbok::with_store(
        test_keyring::open_store(&db).unwrap(),
        Clock::System,
        timbok_core::settings::Environment::Demo,
    );
    let statuses: Vec<_> = timbok
        .time_reports(month)
        .unwrap()
        .reports
        .iter()
        .map(|r| r.status.as_str())
        .collect();
    let mut sorted = statuses.clone();
    sorted.sort();
    assert_eq!(sorted, vec!["open", "sent", "uncertain"], "{statuses:?}");
    assert!(sim.elt_rate_violations().is_empty());
    sim.shutdown().await;
}

/// FK's blankett 3059 (`../shared/fk`), or `None` (printed) when FK's files are not there.
#[path = "../../../tests/support/fk_files.rs"]
mod fk_files;

#[test]
fn paper_report_fills_in_fks_blankett_and_refuses_another_file() {
    let Some(form) = fk_files::blankett_3059() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let month = seeded(&db);
    let paper = demo::ASSISTANTS[2];
    let out = dir.path().join("3059.pdf");
    let run = |form: &Path| {
        cli(
            &db,
            &[
                "paper-report",
                "--assistant",
                paper,
                &month.to_string(),
                "--form",
                form.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        )
    };
    // Not FK's form: refused, nothing written, the report still open.
    // FK's räkning 3057: a real FK blankett, but not this one.
    let foreign = fk_files::fk_file("forms/FK3057_016_F_002.pdf").unwrap();
    let refused = run(&foreign);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(
        text(&refused).contains("inte den blankett 3059"),
        "{}",
        text(&refused)
    );
    assert!(!out.exists());

    let done = run(&form);
    assert!(done.status.success(), "{}", text(&done));
    assert!(text(&done).contains("3059.pdf"), "{}", text(&done));
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // The text layer holds the assistant's samordningsnummer and the month.
    if let Ok(text_layer) = Command::new("pdftotext").arg(&out).arg("-").output() {
        let layer = String::from_utf8_lossy(&text_layer.stdout);
        assert!(layer.contains(paper), "{layer}");
        assert!(layer.contains(&month.to_string()), "{layer}");
    }
    // The report is filled in on paper, not handed in until the user says so.
    let status = || {
        let timbok = test_keyring::open_timbok(&db).unwrap();
        let reports = timbok.time_reports(month).unwrap();
        reports
            .reports
            .iter()
            .find(|r| r.assistant.personnummer.as_str() == paper)
            .unwrap()
            .status
            .as_str()
    };
    assert_eq!(status(), "paper_opened");
    let sent = cli(
        &db,
        &["paper-sent", "--assistant", paper, &month.to_string()],
    );
    assert_eq!(sent.status.code(), Some(0), "{}", text(&sent));
    assert_eq!(status(), "paper");
    let undone = cli(
        &db,
        &[
            "paper-sent",
            "--assistant",
            paper,
            &month.to_string(),
            "--undo",
        ],
    );
    assert_eq!(undone.status.code(), Some(0), "{}", text(&undone));
    assert_eq!(status(), "paper_opened");

    // An assistant who is not in the database.
    let unknown = cli(
        &db,
        &[
            "paper-report",
            "--assistant",
            "19121212-1212",
            &month.to_string(),
            "--form",
            form.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        text(&unknown).contains("ingen assistent"),
        "{}",
        text(&unknown)
    );
}
