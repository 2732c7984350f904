//! `timbok-cli demo-invoice` as a script runs it: a real process, a real database file seeded
//! with the demo household, and the simulator the command starts itself.

mod test_keyring;

use test_keyring::cli;

use std::path::Path;

use timbok_core::hours::YearMonth;
use timbok_core::invoice::InvoiceStatus;
use timbok_core::{Clock, Timbok};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A database with the demo household and last month's shifts (today: Stockholm's date).
fn demo_db(dir: &Path) -> (std::path::PathBuf, YearMonth) {
    let db = dir.join("demo.sqlite3");
    let today = Clock::System.today();
    timbok_core::demo::seed(&mut test_keyring::open_store(&db).unwrap(), today).unwrap();
    (db, YearMonth::of(today).prev())
}

fn status(db: &Path, month: YearMonth) -> Option<InvoiceStatus> {
    test_keyring::open_store(db)
        .unwrap()
        .invoice(month)
        .unwrap()
        .map(|i| i.status)
}

#[test]
fn scenario_e_on_the_demo_household_is_received() {
    let dir = tempfile::tempdir().unwrap();
    let (db, month) = demo_db(dir.path());
    let out = cli(
        &db,
        &["demo-invoice", &month.to_string(), "--scenario", "E"],
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));

    let lines: Vec<&str> = stdout.lines().collect();
    let last = lines.last().unwrap();
    assert!(
        last.starts_with("Försäkringskassan har tagit emot räkningen (fingerprint ")
            && last.ends_with(')'),
        "{stdout}"
    );
    // The household's draft had the signer and phone; the four yes/no questions were filled.
    let filled: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with("Fyllde i: "))
        .collect();
    assert_eq!(filled.len(), 4, "{stdout}");
    assert!(filled.iter().all(|l| l.ends_with(" Nej")), "{stdout}");

    // Stored: received, with the fingerprint printed and the filled answers.
    let state = Timbok::with_store(
        test_keyring::open_store(&db).unwrap(),
        Clock::System,
        timbok_core::settings::Environment::Demo,
    )
    .invoice_state(month)
    .unwrap();
    assert_eq!(state.status, InvoiceStatus::Received);
    let fingerprint = state.fingerprint.unwrap();
    assert!(last.contains(&fingerprint));
    assert_eq!(state.answers.lss_activity, Some(false));
    assert_eq!(state.answers.last_month_of_period, Some(false));

    // Received: a second run is refused and changes nothing.
    let again = cli(&db, &["demo-invoice", &month.to_string()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("redan tagit emot"),
        "{}",
        text(&again.stderr)
    );
}

#[test]
fn another_scenario_than_the_households_is_built_anyway() {
    let dir = tempfile::tempdir().unwrap();
    let (db, month) = demo_db(dir.path());
    let out = cli(
        &db,
        &["demo-invoice", &month.to_string(), "--scenario", "c"],
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("Hushållet har scenario E"), "{stdout}");
    assert!(
        stdout.contains("Fyllde i: Ställföreträdare: god man"),
        "{stdout}"
    );
    assert!(stdout.contains("Fyllde i: Har du använt föregående månads utbetalning"));
    assert!(stdout
        .lines()
        .last()
        .unwrap()
        .starts_with("Försäkringskassan har tagit emot räkningen (fingerprint "));
}

#[test]
fn problems_are_printed_per_field_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (db, month) = demo_db(dir.path());
    // This month has not ended.
    let this_month = month.next();
    let out = cli(&db, &["demo-invoice", &this_month.to_string()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("month: Månaden är inte slut än")),
        "{stderr}"
    );
    assert!(stderr.contains("Räkningen skickades inte"), "{stderr}");
    assert_eq!(
        status(&db, this_month),
        None,
        "the filled answers were not stored"
    );
}

#[test]
fn without_a_household_it_says_so_in_swedish() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.sqlite3");
    let out = cli(&db, &["demo-invoice", "2025-03", "--scenario", "E"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("Hushållet är inte ifyllt"), "{stderr}");
    assert!(text(&out.stdout).is_empty());

    let (db, month) = demo_db(dir.path());
    let out = cli(
        &db,
        &["demo-invoice", &month.to_string(), "--scenario", "G"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("från A till F"));
    let out = cli(&db, &["demo-invoice", "mars"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("ÅÅÅÅ-MM"));
}

#[test]
fn every_scenario_reaches_fk() {
    for scenario in ["A", "B", "C", "D", "E", "F"] {
        let dir = tempfile::tempdir().unwrap();
        let (db, month) = demo_db(dir.path());
        let out = cli(
            &db,
            &["demo-invoice", &month.to_string(), "--scenario", scenario],
        );
        let stdout = text(&out.stdout);
        assert!(
            out.status.success(),
            "{scenario}: {stdout}\n{}",
            text(&out.stderr)
        );
        assert!(
            stdout
                .lines()
                .last()
                .unwrap()
                .starts_with("Försäkringskassan har tagit emot räkningen (fingerprint "),
            "{scenario}: {stdout}"
        );
        assert_eq!(
            status(&db, month),
            Some(InvoiceStatus::Received),
            "{scenario}"
        );
    }
}
