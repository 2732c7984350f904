//! Encryption at rest, end to end: after a realistic run in a data folder (the demo household
//! with its shifts, reports signed and sent, one handed in on paper, an invoice received, a
//! passphrase backup and an automatic one, a printed blankett after the print folder's
//! clean-up) no personnummer, name or phone number of the household is in any file of the data
//! folder (raw bytes, also `-wal`/`-shm`), and SQLite cannot read the database.

mod test_keyring;

use test_keyring::cli;

use std::path::Path;
use std::process::Output;

use chrono::{Datelike, Local};
use timbok_core::backup::AutoBackups;
use timbok_core::credentials::OsKeyring;
use timbok_core::hours::YearMonth;
use timbok_core::settings::Environment;
use timbok_core::{demo, private_files};

#[path = "../../../tests/support/fk_files.rs"]
mod fk_files;

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What must not be readable: every personnummer (12 and 10 digits, with and without the
/// dash), name and phone number of the household, read back from the database itself. Names
/// shorter than four bytes are left out (three bytes turn up by chance in megabytes of
/// ciphertext).
fn personal_data(db: &Path) -> Vec<String> {
    let store = test_keyring::open_store(db).unwrap();
    let household = store.household().unwrap().expect("the demo household");
    let mut people = vec![household.person.clone()];
    people.extend(household.signer.clone());
    let mut found = Vec::new();
    for person in people {
        found.push(person.personnummer.as_str().to_owned());
        found.push(person.first_name.clone());
        found.push(person.last_name.clone());
        found.extend(person.phone.clone());
    }
    for assistant in store.assistants().unwrap() {
        found.push(assistant.personnummer.as_str().to_owned());
        found.push(assistant.first_name.clone());
        found.push(assistant.last_name.clone());
        found.extend(assistant.phone.clone());
    }
    let mut all = Vec::new();
    for text in found {
        if text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit()) {
            all.push(text[2..].to_owned());
            all.push(format!("{}-{}", &text[..8], &text[8..]));
            all.push(format!("{}-{}", &text[2..8], &text[8..]));
        }
        if text.contains(' ') {
            all.push(text.replace(' ', ""));
        }
        all.push(text);
    }
    all.retain(|t| t.len() >= 4);
    all.sort();
    all.dedup();
    all
}

/// Every file under `dir` whose bytes hold one of `secrets`, with what it holds.
fn readable(dir: &Path, secrets: &[String]) -> Vec<String> {
    let mut hits = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            hits.extend(readable(&path, secrets));
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for secret in secrets {
            if bytes.windows(secret.len()).any(|w| w == secret.as_bytes()) {
                hits.push(format!("{} holds {secret:?}", path.display()));
            }
        }
    }
    hits
}

fn all_files(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(all_files(&path));
        } else {
            files.push(path.display().to_string());
        }
    }
    files.sort();
    files
}

#[test]
fn nothing_personal_is_readable_in_the_data_folder_after_a_realistic_run() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let db = data.join("timbok.sqlite3");
    let today = Local::now().date_naive();
    let month = YearMonth::of(today.with_day(1).unwrap().pred_opt().unwrap()).to_string();
    demo::seed(&mut test_keyring::open_store(&db).unwrap(), today).unwrap();
    let secrets = personal_data(&db);
    assert!(secrets.len() > 20, "{secrets:?}");

    // Reports signed and sent (two), the invoice received.
    ok(&cli(&db, &["demo-send", &month]));
    ok(&cli(&db, &["demo-invoice", &month, "--scenario", "E"]));
    // A backup with a passphrase, in the data folder, and the day's automatic one.
    let passphrase = home.path().join("passphrase.txt");
    std::fs::write(&passphrase, "korrekt häst batteri häftklammer\n").unwrap();
    let backups = data.join("backups");
    ok(&cli(
        &db,
        &[
            "backup",
            "--out",
            backups.join("manual.age").to_str().unwrap(),
            "--passphrase-file",
            passphrase.to_str().unwrap(),
        ],
    ));
    let keyring = OsKeyring::with_service(test_keyring::SERVICE);
    let auto = AutoBackups::new(&data, Environment::Production, &keyring);
    let daily = auto.daily(&db, Local::now().naive_local()).unwrap();
    let written = daily.or_else(|| auto.list().unwrap().pop()).unwrap();
    assert!(written.starts_with(&data));
    // The paper report of the assistant without BankID, printed from the print folder, then
    // the print folder emptied as the app does at exit.
    if let Some(form) = fk_files::blankett_3059() {
        let printed = private_files::print_folder(&data).join("3059.pdf");
        private_files::create_dir_all(printed.parent().unwrap()).unwrap();
        ok(&cli(
            &db,
            &[
                "paper-report",
                "--assistant",
                demo::ASSISTANTS[2],
                &month,
                "--form",
                form.to_str().unwrap(),
                "--out",
                printed.to_str().unwrap(),
            ],
        ));
        // Plain for the viewer (its text compressed, but anyone can read it).
        assert!(std::fs::read(&printed).unwrap().starts_with(b"%PDF-"));
        assert_eq!(private_files::empty_print_folder(&data, None).unwrap(), 1);
    }
    // A connection still open: its -wal and -shm are on disk too.
    let open = test_keyring::open_store(&db).unwrap();
    assert_eq!(open.assistants().unwrap().len(), 3);

    // The check finds what is there: the household exported as JSON outside the data folder.
    let plain = home.path().join("plain");
    std::fs::create_dir(&plain).unwrap();
    ok(&cli(
        &db,
        &[
            "export",
            "--out",
            plain.join("household.json").to_str().unwrap(),
        ],
    ));
    assert!(readable(&plain, &secrets).len() >= 3);

    let files = all_files(&data);
    assert!(files.len() >= 3, "{files:?}");
    assert_eq!(readable(&data, &secrets), Vec::<String>::new(), "{files:?}");

    // Debian's sqlite3 cannot read the database.
    let sqlite3 = std::process::Command::new("sqlite3")
        .arg(&db)
        .arg(".tables")
        .output()
        .expect("sqlite3 is installed");
    assert!(!sqlite3.status.success());
    assert!(
        String::from_utf8_lossy(&sqlite3.stderr).contains("file is not a database"),
        "{}",
        String::from_utf8_lossy(&sqlite3.stderr)
    );
    drop(open);
}
