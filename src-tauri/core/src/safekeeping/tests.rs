use super::*;
use crate::backup::BackupProblem;
use crate::credentials::MemoryKeyring;
use crate::hours::{ShiftId, YearMonth};

const PASSPHRASE: &str = "korrekt häst batteri häftklammer";

fn at(day: u32, hour: u32) -> Clock {
    Clock::Fixed(
        NaiveDate::from_ymd_opt(2026, 12, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap(),
    )
}

/// A data folder whose FK test database holds the demo household (FK test: daily backups are
/// made, unlike in demo).
fn installation() -> (tempfile::TempDir, Installation) {
    let dir = tempfile::tempdir().unwrap();
    let installation = Installation::new(dir.path().join("data"));
    let mut timbok = installation.open(Environment::FkTest, at(1, 8)).unwrap();
    crate::demo::seed(
        timbok.store_mut(),
        NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(),
    )
    .unwrap();
    (dir, installation)
}

fn shifts(installation: &Installation) -> usize {
    let timbok = installation.open(Environment::FkTest, at(1, 8)).unwrap();
    timbok
        .month_sheet(YearMonth::new(2026, 10).unwrap())
        .unwrap()
        .assistants
        .iter()
        .map(|a| a.shifts.len())
        .sum()
}

fn problem(error: Error) -> BackupProblem {
    match error {
        Error::Backup(problem) => problem,
        other => panic!("not a backup problem: {other:?}"),
    }
}

#[test]
fn back_up_change_something_preview_and_restore_undoes_the_change() {
    let (dir, installation) = installation();
    let keyring = MemoryKeyring::default();
    let folder = dir.path().join("Documents").join("Timbok");
    let safekeeping = Safekeeping::new(&installation, Environment::FkTest, &keyring, at(2, 9));

    let saved = safekeeping
        .back_up_to(&folder, PASSPHRASE, PASSPHRASE)
        .unwrap();
    assert_eq!(
        saved.path,
        folder.join("timbok-säkerhetskopia-fk-test-2026-12-02-090000.age")
    );
    assert!(saved.path.exists());
    assert_eq!(saved.manifest.person_name.as_deref(), Some("Elsa Demosson"));
    assert_eq!(saved.manifest.assistants, 3);
    let before = shifts(&installation);
    assert!(before > 10);

    // Delete a shift of October.
    {
        let mut timbok = installation.open(Environment::FkTest, at(2, 9)).unwrap();
        let sheet = timbok
            .month_sheet(YearMonth::new(2026, 10).unwrap())
            .unwrap();
        let id: ShiftId = sheet.assistants[0].shifts[0].id;
        timbok.delete_shift(id).unwrap();
    }
    assert_eq!(shifts(&installation), before - 1);

    let bytes = std::fs::read(&saved.path).unwrap();
    let preview = safekeeping.preview(&bytes, PASSPHRASE).unwrap();
    assert_eq!(preview, saved.manifest);
    assert_eq!(
        problem(safekeeping.preview(&bytes, "fel lösenord här").unwrap_err()),
        BackupProblem::WrongPassphrase
    );
    assert_eq!(
        shifts(&installation),
        before - 1,
        "a preview changes nothing"
    );

    let restored = safekeeping.restore(&bytes, PASSPHRASE).unwrap();
    assert_eq!(restored.manifest, saved.manifest);
    assert_eq!(shifts(&installation), before);

    // The database that was replaced is an automatic backup, listed and restorable.
    let previous = restored.previous.unwrap();
    let listed = safekeeping.automatic().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, AutomaticKind::BeforeRestore);
    assert_eq!(
        listed[0].date,
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    );
    assert_eq!(
        Some(listed[0].name.as_str()),
        previous.file_name().and_then(|n| n.to_str())
    );
    let manifest = safekeeping.preview_automatic(&listed[0].name).unwrap();
    assert_eq!(manifest.shifts, saved.manifest.shifts - 1);
    let undone = safekeeping.restore_automatic(&listed[0].name).unwrap();
    assert_eq!(undone.manifest.shifts, saved.manifest.shifts - 1);
    assert_eq!(shifts(&installation), before - 1);
}

#[test]
fn a_short_or_mistyped_passphrase_writes_nothing() {
    let (dir, installation) = installation();
    let keyring = MemoryKeyring::default();
    let folder = dir.path().join("out");
    let safekeeping = Safekeeping::new(&installation, Environment::FkTest, &keyring, at(2, 9));
    let short = safekeeping.back_up_to(&folder, "kort", "kort").unwrap_err();
    assert_eq!(short.field(), Some("passphrase"));
    assert_eq!(problem(short).code(), "backup_passphrase_too_short");
    let differ = safekeeping
        .back_up_to(&folder, PASSPHRASE, "korrekt häst batteri")
        .unwrap_err();
    assert_eq!(differ.field(), Some("passphraseAgain"));
    assert!(!folder.exists());
}

#[test]
fn daily_once_a_day_none_in_demo_and_only_listed_names_are_opened() {
    let (_dir, installation) = installation();
    let keyring = MemoryKeyring::default();
    let first = Safekeeping::new(&installation, Environment::FkTest, &keyring, at(3, 8));
    assert!(first.daily().unwrap().is_some());
    assert!(first.daily().unwrap().is_none(), "once a day");
    let next_day = Safekeeping::new(&installation, Environment::FkTest, &keyring, at(4, 8));
    assert!(next_day.daily().unwrap().is_some());
    let listed = next_day.automatic().unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|b| (b.date.to_string(), b.kind))
            .collect::<Vec<_>>(),
        [
            ("2026-12-04".to_string(), AutomaticKind::Daily),
            ("2026-12-03".to_string(), AutomaticKind::Daily)
        ],
        "newest first"
    );

    // Demo: sample data, no daily backup.
    drop(installation.open(Environment::Demo, at(4, 8)).unwrap());
    let demo = Safekeeping::new(&installation, Environment::Demo, &keyring, at(4, 8));
    assert!(demo.daily().unwrap().is_none());
    assert!(
        demo.automatic().unwrap().is_empty(),
        "FK test's are not demo's"
    );

    for name in [
        "../environment",
        "fk_test-2026-12-05-daily.age",
        listed[0].name.as_str(),
    ] {
        let error = demo.preview_automatic(name).unwrap_err();
        assert_eq!(error.field(), Some("name"), "{name}");
    }
    assert!(next_day.preview_automatic(&listed[0].name).is_ok());
}

#[test]
fn an_automatic_backup_without_its_key_is_key_missing() {
    let (_dir, installation) = installation();
    let keyring = MemoryKeyring::default();
    let safekeeping = Safekeeping::new(&installation, Environment::FkTest, &keyring, at(3, 8));
    safekeeping.daily().unwrap();
    let name = safekeeping.automatic().unwrap()[0].name.clone();
    let other_computer = MemoryKeyring::default();
    let elsewhere = Safekeeping::new(
        &installation,
        Environment::FkTest,
        &other_computer,
        at(3, 8),
    );
    assert_eq!(
        problem(elsewhere.restore_automatic(&name).unwrap_err()),
        BackupProblem::KeyMissing
    );
}

#[test]
fn export_writes_import_json_into_the_folder() {
    let (dir, installation) = installation();
    let timbok = installation.open(Environment::FkTest, at(2, 9)).unwrap();
    let folder = dir.path().join("Documents");
    let path = timbok.export_household_to(&folder).unwrap();
    assert_eq!(
        path,
        folder.join("timbok-export-fk-test-2026-12-02-090000.json")
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(json["person"]["first_name"], "Elsa");
    assert_eq!(json["assistants"].as_array().unwrap().len(), 3);
}
