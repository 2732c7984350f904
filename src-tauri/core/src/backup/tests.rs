use super::*;
use crate::credentials::MemoryKeyring;
use crate::hours::month::YearMonth;
use crate::installation::Installation;
use crate::timbok::Clock;

const ENV: Environment = Environment::Demo;
const PASSPHRASE: &str = "korrekt häst batteri häftklammer";

fn at(day: u32, hour: u32) -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 12, day)
        .unwrap()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
}

/// A data folder with the demo household and an invoice that was received (with its
/// fingerprint), so there is more than shifts to lose.
fn household() -> (tempfile::TempDir, Installation, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let installation = Installation::new(dir.path().join("data"));
    drop(installation.open(ENV, Clock::System).unwrap());
    let path = installation.database_path(ENV);
    let conn = crate::store::connect(&path).unwrap();
    conn.execute(
        "INSERT INTO invoices (month, answers, status, fingerprint, submitted_at, received_at)
         VALUES ('2026-10', '{\"belopp\": 123456}', 'received', 'ab12', '2026-11-02T10:00', '2026-11-02T10:05')",
        [],
    )
    .unwrap();
    (dir, installation, path)
}

/// Every row of every table, as text: the read models are built from these.
fn dump(path: &Path) -> Vec<String> {
    rows_of(&crate::store::connect(path).unwrap())
}

fn rows_of(conn: &Connection) -> Vec<String> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut rows = Vec::new();
    for table in tables {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))
            .unwrap_or_else(|_| conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap());
        let columns = statement.column_count();
        let mut query = statement.query([]).unwrap();
        while let Some(row) = query.next().unwrap() {
            let values: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            rows.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    rows
}

fn sheets(installation: &Installation) -> Vec<String> {
    let timbok = installation.open(ENV, Clock::System).unwrap();
    let household = format!("{:?}", timbok.household().unwrap());
    let mut out = vec![household, format!("{:?}", timbok.assistants().unwrap())];
    for month in 1..=12 {
        let month = YearMonth::new(2026, month).unwrap();
        out.push(format!("{:?}", timbok.month_sheet(month).unwrap()));
    }
    out
}

#[test]
fn backup_then_lose_the_data_folder_then_restore_gives_the_same_household() {
    let (dir, installation, path) = household();
    let before_rows = dump(&path);
    let before_sheets = sheets(&installation);
    let (bytes, manifest) = create(&path, ENV, at(2, 9), Lock::Passphrase(PASSPHRASE)).unwrap();
    assert_eq!(manifest.environment, "demo");
    assert_eq!(manifest.person_name.as_deref(), Some("Elsa Demosson"));
    assert_eq!(manifest.invoices, 1);
    assert!(manifest.shifts > 0);
    // The file is age's, and nothing of the household shows in it.
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    assert!(!bytes.windows(6).any(|w| w == b"Demoss"));
    // No snapshot left next to the database.
    let left: Vec<_> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".backup-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    let file = dir.path().join("elsa.timbok-backup");
    save(&file, &bytes).unwrap();
    fs::remove_dir_all(installation.data_dir()).unwrap();

    let keyring = MemoryKeyring::default();
    let auto = AutoBackups::new(installation.data_dir(), ENV, &keyring);
    let preview = preview(&fs::read(&file).unwrap(), Lock::Passphrase(PASSPHRASE)).unwrap();
    assert_eq!(preview, manifest);
    let restored = restore(
        &fs::read(&file).unwrap(),
        Lock::Passphrase(PASSPHRASE),
        &path,
        ENV,
        &auto,
        at(3, 9),
    )
    .unwrap();
    assert_eq!(restored.manifest, manifest);
    assert_eq!(restored.previous, None, "nothing was there to back up");
    assert_eq!(dump(&path), before_rows);
    assert_eq!(sheets(&installation), before_sheets);
}

#[test]
fn a_wrong_passphrase_or_a_damaged_file_changes_nothing() {
    let (_dir, installation, path) = household();
    let (bytes, _) = create(&path, ENV, at(2, 9), Lock::Passphrase(PASSPHRASE)).unwrap();
    // Something changes after the backup: a restore that fails must not undo it.
    crate::store::connect(&path)
        .unwrap()
        .execute("DELETE FROM invoices", [])
        .unwrap();
    let now_rows = dump(&path);
    let keyring = MemoryKeyring::default();
    let auto = AutoBackups::new(installation.data_dir(), ENV, &keyring);

    let error = restore(
        &bytes,
        Lock::Passphrase("fel lösenord här"),
        &path,
        ENV,
        &auto,
        at(3, 9),
    )
    .unwrap_err();
    assert!(
        matches!(error, Error::Backup(BackupProblem::WrongPassphrase)),
        "{error:?}"
    );
    assert_eq!(error.field(), Some("passphrase"));
    assert!(error.to_string().contains("Ingenting har ändrats"));

    let mut damaged = bytes.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x40;
    let error = restore(
        &damaged,
        Lock::Passphrase(PASSPHRASE),
        &path,
        ENV,
        &auto,
        at(3, 9),
    )
    .unwrap_err();
    assert!(
        matches!(error, Error::Backup(BackupProblem::Damaged)),
        "{error:?}"
    );
    let error = preview(b"not a backup at all", Lock::Passphrase(PASSPHRASE)).unwrap_err();
    assert!(
        matches!(error, Error::Backup(BackupProblem::Damaged)),
        "{error:?}"
    );
    let error = preview(&bytes[..bytes.len() - 10], Lock::Passphrase(PASSPHRASE)).unwrap_err();
    assert!(
        matches!(error, Error::Backup(BackupProblem::Damaged)),
        "{error:?}"
    );

    // Another environment's backup is refused too.
    let error = restore(
        &bytes,
        Lock::Passphrase(PASSPHRASE),
        &path,
        Environment::FkTest,
        &auto,
        at(3, 9),
    )
    .unwrap_err();
    assert_eq!(
        BackupProblem::OtherEnvironment {
            found: String::new(),
            expected: String::new()
        }
        .code(),
        "backup_other_environment"
    );
    assert!(matches!(
        error,
        Error::Backup(BackupProblem::OtherEnvironment { .. })
    ));

    assert_eq!(dump(&path), now_rows);
    assert!(
        auto.list().unwrap().is_empty(),
        "no backup made for a refused restore"
    );
}

#[test]
fn restore_backs_up_what_it_replaces_first() {
    let (_dir, installation, path) = household();
    let (bytes, _) = create(&path, ENV, at(2, 9), Lock::Passphrase(PASSPHRASE)).unwrap();
    crate::store::connect(&path)
        .unwrap()
        .execute("DELETE FROM invoices", [])
        .unwrap();
    let replaced = dump(&path);
    let keyring = MemoryKeyring::default();
    let auto = AutoBackups::new(installation.data_dir(), ENV, &keyring);
    let restored = restore(
        &bytes,
        Lock::Passphrase(PASSPHRASE),
        &path,
        ENV,
        &auto,
        at(3, 9),
    )
    .unwrap();
    let previous = restored
        .previous
        .expect("the replaced database was backed up");
    assert!(previous.to_string_lossy().contains("before-restore"));
    assert_eq!(restored.manifest.invoices, 1);
    // The automatic backup holds the database as it was before the restore.
    let opened = auto.open(&fs::read(&previous).unwrap()).unwrap();
    assert_eq!(opened.manifest.invoices, 0);
    let back = auto
        .restore(&fs::read(&previous).unwrap(), &path, at(3, 10))
        .unwrap();
    assert_eq!(back.manifest.invoices, 0);
    assert_eq!(dump(&path), replaced);
    // The automatic backup's key is a small keyring entry, and a passphrase does not open it.
    assert!(keyring.sizes().values().all(|s| *s < 2048));
    assert!(matches!(
        preview(&fs::read(&previous).unwrap(), Lock::Passphrase(PASSPHRASE)).unwrap_err(),
        Error::Backup(BackupProblem::KeyMissing)
    ));
}

#[test]
fn rolling_backups_are_daily_and_keep_fourteen() {
    let (_dir, installation, path) = household();
    let keyring = MemoryKeyring::default();
    let auto = AutoBackups::new(installation.data_dir(), ENV, &keyring);
    assert!(auto.daily(&path, at(1, 8)).unwrap().is_some());
    assert!(
        auto.daily(&path, at(1, 18)).unwrap().is_none(),
        "once a day"
    );
    for day in 2..=20 {
        auto.daily(&path, at(day, 8)).unwrap().unwrap();
    }
    let kept = auto.list().unwrap();
    assert_eq!(kept.len(), AUTO_KEEP);
    let first = kept[0].file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(first, "demo-2026-12-07-daily.age");
    // Each opens with the key from the keyring; without the key none does.
    assert!(
        auto.open(&fs::read(&kept[13]).unwrap())
            .unwrap()
            .manifest
            .shifts
            > 0
    );
    let other = MemoryKeyring::default();
    let stranger = AutoBackups::new(installation.data_dir(), ENV, &other);
    assert!(matches!(
        stranger.open(&fs::read(&kept[13]).unwrap()).unwrap_err(),
        Error::Backup(BackupProblem::KeyMissing)
    ));
}

#[test]
fn a_new_passphrase_is_long_enough_and_typed_twice_alike() {
    assert!(matches!(
        check_new_passphrase("kort", "kort").unwrap_err(),
        Error::Backup(BackupProblem::PassphraseTooShort {
            min: MIN_PASSPHRASE_CHARS
        })
    ));
    let error = check_new_passphrase(PASSPHRASE, "korrekt häst").unwrap_err();
    assert_eq!(error.field(), Some("passphraseAgain"));
    check_new_passphrase(PASSPHRASE, PASSPHRASE).unwrap();
}

/// A backup written before encryption at rest (a `VACUUM INTO` image of a WAL database) restores
/// on a new computer (an empty keyring) into an encrypted file under that computer's new key.
#[test]
fn an_older_backup_restores_on_a_new_computer_under_a_new_key() {
    let (dir, _installation, path) = household();
    let (bytes, manifest) = create(&path, ENV, at(2, 9), Lock::Passphrase(PASSPHRASE)).unwrap();
    let mut content = open(&bytes, Lock::Passphrase(PASSPHRASE))
        .unwrap()
        .database()
        .to_vec();
    assert_eq!(
        &content[..16],
        b"SQLite format 3\0",
        "the content is plain inside"
    );
    content[18] = 2; // WAL, as the older build's snapshot said
    content[19] = 2;
    let mut plaintext = format!("{MAGIC}\n").into_bytes();
    serde_json::to_writer(&mut plaintext, &manifest).unwrap();
    plaintext.push(b'\n');
    plaintext.extend_from_slice(&content);
    let older = age::encrypt(
        &age::scrypt::Recipient::new(SecretString::from(PASSPHRASE.to_owned())),
        &plaintext,
    )
    .unwrap();

    let keyring = std::sync::Arc::new(MemoryKeyring::default());
    let new_computer = crate::store::DatabaseKeys::new(keyring.clone());
    let target = dir.path().join("new-computer").join("timbok.sqlite3");
    let restored = restore_keyed(
        &older,
        Lock::Passphrase(PASSPHRASE),
        &target,
        Some(ENV),
        |_| unreachable!("nothing to back up on a new computer"),
        &new_computer,
    )
    .unwrap();
    assert_eq!(restored.manifest, manifest);
    // Its own key: a new salt, the entry in the new computer's keyring only.
    let salt = fs::read(&target).unwrap()[..16].to_vec();
    assert_ne!(salt, fs::read(&path).unwrap()[..16].to_vec());
    assert_eq!(
        keyring.sizes().keys().cloned().collect::<Vec<_>>(),
        [format!("database/{}", hex::encode(&salt))]
    );
    assert!(matches!(
        Store::open(&target).unwrap_err(),
        Error::DatabaseKeyMissing
    ));
    // The same content, read from the restored file.
    let restored = crate::store::connect_with(&target, &new_computer).unwrap();
    assert_eq!(rows_of(&restored), dump(&path));
}

/// This computer's keyring lost the database's key (a reset keyring, the file kept): the file
/// cannot be read or backed up, so a restore sets it aside unchanged (in case the key comes
/// back) and puts the backup's content in its place under a new key.
#[test]
fn a_restore_over_a_database_whose_key_is_lost_sets_the_file_aside() {
    let (_dir, _installation, path) = household();
    let (bytes, manifest) = create(&path, ENV, at(2, 9), Lock::Passphrase(PASSPHRASE)).unwrap();
    let old = fs::read(&path).unwrap();
    let lost = crate::store::DatabaseKeys::new(std::sync::Arc::new(MemoryKeyring::default()));
    assert!(matches!(
        Store::open_with(&path, &lost).unwrap_err(),
        Error::DatabaseKeyMissing
    ));

    let restored = restore_keyed(
        &bytes,
        Lock::Passphrase(PASSPHRASE),
        &path,
        Some(ENV),
        // What the automatic backup meets: a database it cannot open.
        |database| Store::open_with(database, &lost).map(|_| database.to_path_buf()),
        &lost,
    )
    .unwrap();

    assert_eq!(restored.manifest, manifest);
    let aside = crate::store::cipher::side_file(&path, ".unreadable");
    assert_eq!(restored.previous.as_deref(), Some(aside.as_path()));
    assert_eq!(fs::read(&aside).unwrap(), old, "set aside byte for byte");
    // The backup's content is in place, readable with this computer's new key.
    let now_there = crate::store::connect_with(&path, &lost).unwrap();
    assert_eq!(rows_of(&now_there), dump(&aside));
}
