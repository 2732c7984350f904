//! `timbok-cli backup` and `restore` end to end: real processes, real files.

mod test_keyring;

use test_keyring::{cli, fixture};

use std::path::Path;
use std::process::Output;

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn month(db: &Path) -> String {
    ok(&cli(db, &["month", "2026-10", "--json"]))
}

#[test]
fn backup_then_restore_into_a_new_database_and_over_an_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("timbok.sqlite3");
    let tolvan = fixture("households/tolvansson.json");
    ok(&cli(&db, &["import", tolvan.to_str().unwrap()]));
    let before = month(&db);
    assert!(before.contains("2026-10"), "{before}");

    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "ett långt och bra lösenord\n").unwrap();
    let out = dir.path().join("kopia.age");
    let args = [
        "backup",
        "--out",
        out.to_str().unwrap(),
        "--passphrase-file",
        pass.to_str().unwrap(),
    ];
    let printed = ok(&cli(&db, &args));
    assert!(printed.contains("Säkerhetskopian är sparad"), "{printed}");
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    assert!(!bytes.windows(7).any(|w| w == b"Tolvans"));

    // A short passphrase is refused and writes nothing.
    let short = dir.path().join("short.txt");
    std::fs::write(&short, "kort").unwrap();
    let other = dir.path().join("annan.age");
    let refused = cli(
        &db,
        &[
            "backup",
            "--out",
            other.to_str().unwrap(),
            "--passphrase-file",
            short.to_str().unwrap(),
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("minst 10 tecken"));
    assert!(!other.exists());

    // Into a new database.
    let fresh = dir.path().join("ny").join("timbok.sqlite3");
    let restore = [
        "restore",
        out.to_str().unwrap(),
        "--passphrase-file",
        pass.to_str().unwrap(),
    ];
    let printed = ok(&cli(&fresh, &restore));
    assert!(printed.contains("Återställt"), "{printed}");
    assert_eq!(month(&fresh), before);

    // A wrong passphrase changes nothing.
    let wrong = dir.path().join("wrong.txt");
    std::fs::write(&wrong, "fel lösenord helt och hållet").unwrap();
    let failed = cli(
        &fresh,
        &[
            "restore",
            out.to_str().unwrap(),
            "--passphrase-file",
            wrong.to_str().unwrap(),
        ],
    );
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("Lösenordet stämmer inte"));

    // Over an existing database: it is backed up first, next to it.
    let empty = dir.path().join("tom").join("timbok.sqlite3");
    ok(&cli(&empty, &["month", "2026-10", "--json"]));
    let printed = ok(&cli(&empty, &restore));
    assert!(printed.contains("säkerhetskopierad i"), "{printed}");
    assert_eq!(month(&empty), before);
    let kept: Vec<_> = std::fs::read_dir(empty.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("before-restore") && n.ends_with(".age"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
}

#[test]
fn export_then_import_into_an_empty_database_then_export_again_is_equal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("timbok.sqlite3");
    let tolvan = fixture("households/tolvansson.json");
    ok(&cli(&db, &["import", tolvan.to_str().unwrap()]));
    let first = dir.path().join("first.json");
    ok(&cli(&db, &["export", "--out", first.to_str().unwrap()]));
    let copy = dir.path().join("copy.sqlite3");
    ok(&cli(&copy, &["import", first.to_str().unwrap()]));
    let second = dir.path().join("second.json");
    ok(&cli(&copy, &["export", "--out", second.to_str().unwrap()]));
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(text.contains("\"shifts\""), "{text}");
    assert_eq!(std::fs::read_to_string(&second).unwrap(), text);
}
