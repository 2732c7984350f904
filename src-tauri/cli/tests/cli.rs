//! `timbok-cli` as a user or a script runs it: real process, real database file, the shared
//! fixtures of `tests/fixtures/`.

mod test_keyring;

use test_keyring::{cli, fixture};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use serde_json::Value;

/// `timbok-cli` with `input` on its stdin.
fn cli_with_input(db: &Path, args: &[&str], input: &str) -> Output {
    let mut child = test_keyring::command()
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("timbok-cli runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout_lines(out: &Output) -> Vec<String> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
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
    assert!(finding["other_assistant"].as_str().unwrap().len() == 12);
    assert_ne!(finding["assistant"], finding["other_assistant"]);
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

fn imported_tolvansson(dir: &Path) -> PathBuf {
    let db = dir.join("t.sqlite3");
    let out = cli(
        &db,
        &[
            "import",
            fixture("households/tolvansson.json").to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{out:?}");
    db
}

#[test]
fn add_shifts_acknowledges_each_save_and_a_second_run_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported_tolvansson(dir.path());
    let input = "2026-10-27 08:00 16:00\n2026-10-27 22:00 07:00 beredskap\n\n2026-10-30 16:00 24:00 vantetid\n";
    let out = cli_with_input(&db, &["add-shifts", "--assistant", "8112189876"], input);
    assert!(out.status.success(), "{out:?}");
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 4, "{lines:?}");
    let expected = [
        ("rad 1: ", "(2026-10-27T08:00–2026-10-27T16:00 aktiv)"),
        ("rad 2: ", "(2026-10-27T22:00–2026-10-28T07:00 beredskap)"),
        ("rad 4: ", "(2026-10-30T16:00–2026-10-31T00:00 vantetid)"),
    ];
    for (line, (start, end)) in lines.iter().zip(expected) {
        assert!(line.starts_with(start), "{line}");
        assert!(line.contains("sparat som pass "), "{line}");
        assert!(line.ends_with(end), "{line}");
    }
    assert_eq!(lines[3], "Klart: 3 pass sparade, 0 fanns redan.");
    let october = month_json(&db, "2026-10");
    // Imported: 18 h aktiv, 6 h väntetid, 2 h beredskap (see the import test above).
    assert_eq!(october["totals_minutes"]["aktiv"], (18 + 8) * 60);
    assert_eq!(october["totals_minutes"]["vantetid"], (6 + 8) * 60);
    assert_eq!(october["totals_minutes"]["beredskap"], (2 + 9) * 60);

    // The same input again (a batch run again after an interruption): nothing is doubled.
    let again = cli_with_input(&db, &["add-shifts", "--assistant", "198112189876"], input);
    assert!(again.status.success(), "{again:?}");
    let lines = stdout_lines(&again);
    assert!(
        lines[0].starts_with("rad 1: fanns redan som pass "),
        "{lines:?}"
    );
    assert_eq!(lines[3], "Klart: 0 pass sparade, 3 fanns redan.");
    assert_eq!(
        month_json(&db, "2026-10")["totals_minutes"],
        october["totals_minutes"]
    );

    // One unreadable line: every problem named by line, nothing saved.
    let bad = cli_with_input(
        &db,
        &["add-shifts", "--assistant", "198112189876"],
        "2026-10-28 08:00 16:00\n2026-10-28 25:00 16:00\n2026-10-29 08:00 16:00 natt\n",
    );
    assert_eq!(bad.status.code(), Some(1), "{bad:?}");
    assert!(bad.stdout.is_empty());
    let stderr = String::from_utf8(bad.stderr).unwrap();
    assert!(stderr.contains("rad 2: Starttiden"), "{stderr}");
    assert!(stderr.contains("rad 3: Typen"), "{stderr}");
    assert!(!stderr.contains("rad 1:"), "{stderr}");
    assert!(stderr.contains("Inget pass är sparat"), "{stderr}");
    assert_eq!(
        month_json(&db, "2026-10")["totals_minutes"],
        october["totals_minutes"]
    );

    let unknown = cli_with_input(&db, &["add-shifts", "--assistant", "191212121212"], input);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("ingen assistent"));
}

#[test]
fn lock_freezes_each_bankid_report_once_and_tells_so_when_run_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported_tolvansson(dir.path());
    let out = cli(&db, &["lock", "2026-10"]);
    assert!(out.status.success(), "{out:?}");
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 2, "{lines:?}");
    // Anna signs with BankID; Åke has a samordningsnummer and hands in on paper.
    let anna = lines
        .iter()
        .find(|l| l.starts_with("198112189876 2026-10: låst, id "))
        .unwrap_or_else(|| panic!("{lines:?}"));
    assert!(lines
        .iter()
        .any(|l| l == "197010632391 2026-10: samordningsnummer, lämnas på papper (paper-report)"));
    let (id, sha) = anna
        .trim_start_matches("198112189876 2026-10: låst, id ")
        .split_once(", sha256 ")
        .unwrap();
    // What was printed is what is frozen: the line BankID signs.
    let hash = cli(
        &db,
        &[
            "elt-xml",
            "--assistant",
            "198112189876",
            "2026-10",
            "--hash",
        ],
    );
    assert_eq!(
        String::from_utf8(hash.stdout).unwrap().trim_end(),
        format!("{id},{sha}")
    );

    let again = cli(&db, &["lock", "--assistant", "198112189876", "2026-10"]);
    assert!(again.status.success(), "{again:?}");
    assert_eq!(
        stdout_lines(&again),
        [format!(
            "198112189876 2026-10: redan låst (locked), id {id}, sha256 {sha}"
        )]
    );

    let paper = cli(&db, &["lock", "--assistant", "19701063-2391", "2026-10"]);
    assert_eq!(paper.status.code(), Some(1), "{paper:?}");
    assert!(String::from_utf8_lossy(&paper.stderr).contains("samordningsnummer"));

    let not_over = cli(&db, &["lock", "2099-01"]);
    assert_eq!(not_over.status.code(), Some(1), "{not_over:?}");
    assert!(String::from_utf8_lossy(&not_over.stderr).contains("Månaden är inte slut"));
}
