//! `timbok-cli` as a user or a script runs it: real process, real database file, the shared
//! fixtures of `tests/fixtures/`.

mod test_keyring;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(path)
}

fn cli(db: &Path, args: &[&str]) -> Output {
    test_keyring::command()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("timbok-cli runs")
}

fn month_json(db: &Path, month: &str) -> Value {
    let out = cli(db, &["month", month, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

fn file_bytes(db: &Path) -> Vec<u8> {
    // Fold the WAL into the main file so the bytes compare what is stored.
    let conn_check = cli(db, &["month", "2000-01", "--json"]);
    assert!(conn_check.status.success());
    std::fs::read(db).unwrap()
}

#[test]
fn import_json_then_month_totals_across_dst_and_month_end() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let out = cli(
        &db,
        &[
            "import",
            fixture("households/tolvansson.json").to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let october = month_json(&db, "2026-10");
    assert_eq!(october["month"], "2026-10");
    // Anna: 22–24 (2 h) + 00–07 over the autumn change (8 h) + 8 h = 18 h aktiv.
    // Åke: 6 h väntetid, and 22–24 on 31 Oct (2 h beredskap); 00–06 belongs to November.
    assert_eq!(october["totals_minutes"]["aktiv"], 18 * 60);
    assert_eq!(october["totals_minutes"]["vantetid"], 6 * 60);
    assert_eq!(october["totals_minutes"]["beredskap"], 2 * 60);
    let anna = october["assistants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["personnummer"] == "198112189876")
        .unwrap();
    assert_eq!(
        anna["rows"][0],
        serde_json::json!({"day": 24, "from": "22:00", "to": "24:00", "kind": "aktiv", "minutes": 120})
    );
    assert_eq!(anna["rows"][1]["from"], "00:00");
    assert_eq!(anna["rows"][1]["to"], "07:00");
    assert_eq!(anna["rows"][1]["minutes"], 8 * 60);

    let november = month_json(&db, "2026-11");
    assert_eq!(november["totals_minutes"]["beredskap"], 6 * 60);

    // The spring change: 00:00–04:00 on 29 March 2026 is 3 hours actually worked.
    let march = month_json(&db, "2026-03");
    assert_eq!(march["totals_minutes"]["aktiv"], 3 * 60);
}

#[test]
fn csv_import_adds_shifts_and_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    assert!(cli(
        &db,
        &[
            "import",
            fixture("households/tolvansson.json").to_str().unwrap()
        ]
    )
    .status
    .success());
    let out = cli(
        &db,
        &["import", fixture("import/good.csv").to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let october = month_json(&db, "2026-10");
    assert_eq!(october["totals_minutes"]["aktiv"], 26 * 60);

    let before = file_bytes(&db);
    let out = cli(
        &db,
        &["import", fixture("import/bad.csv").to_str().unwrap()],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    for line in ["rad 3:", "rad 4:", "rad 5:"] {
        assert!(stderr.contains(line), "{line} missing in {stderr}");
    }
    assert!(!stderr.contains("rad 2:"), "{stderr}");
    assert_eq!(
        file_bytes(&db),
        before,
        "a refused import must not change the database"
    );
}

#[test]
fn month_findings_name_assistant_and_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    assert!(cli(
        &db,
        &[
            "import",
            fixture("households/tolvansson.json").to_str().unwrap()
        ]
    )
    .status
    .success());
    // Åke works 20:00–23:00 on 26 October while Anna is not there; then overlap Anna with herself
    // through a second file that only overlaps in the database, which import refuses:
    let overlap = dir.path().join("overlap.csv");
    std::fs::write(
        &overlap,
        "198112189876;2026-10-26T15:00;2026-10-26T18:00;aktiv\n",
    )
    .unwrap();
    let out = cli(&db, &["import", overlap.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("rad 1:"));
    // Two assistants at the same time is a warning on the month.
    let double = dir.path().join("double.csv");
    std::fs::write(
        &double,
        "198112189876;2026-10-26T17:00;2026-10-26T18:00;aktiv\n",
    )
    .unwrap();
    assert!(cli(&db, &["import", double.to_str().unwrap()])
        .status
        .success());
    let october = month_json(&db, "2026-10");
    let finding = october["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "double_assistance")
        .unwrap_or_else(|| panic!("no double_assistance in {october}"));
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["day"], 26);
    assert!(finding["assistant"].as_str().unwrap().len() == 12);
}

#[test]
fn usage_errors_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let out = cli(&db, &["month", "oktober", "--json"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ÅÅÅÅ-MM"));
    let out = cli(&db, &["import", "hours.xlsx"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains(".csv eller .json"));
}
