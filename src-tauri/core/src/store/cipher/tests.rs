//! Encryption at rest: new files, migration of plain ones (and a crash at each of its steps),
//! missing and wrong keys. Fixtures use only Skatteverket's test personnummer.

use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::*;
use crate::credentials::MemoryKeyring;
use crate::store::tests::household;
use crate::store::Store;

/// What must never be readable in a file: the household's personnummer, name and phone.
const SECRETS: [&str; 4] = ["121212", "Tolvansson", "Tolvan", "123 45 67"];

fn keys() -> (Arc<MemoryKeyring>, DatabaseKeys) {
    let keyring = Arc::new(MemoryKeyring::default());
    let keys = DatabaseKeys::new(keyring.clone());
    (keyring, keys)
}

fn hash(path: &Path) -> Vec<u8> {
    Sha256::digest(fs::read(path).unwrap()).to_vec()
}

/// Every file in `dir` (recursively) whose bytes contain one of [`SECRETS`].
fn readable_secrets(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(readable_secrets(&path));
            continue;
        }
        let bytes = fs::read(&path).unwrap();
        for secret in SECRETS {
            if bytes.windows(secret.len()).any(|w| w == secret.as_bytes()) {
                found.push(format!("{} holds {secret}", path.display()));
            }
        }
    }
    found
}

/// A plain (unencrypted) Timbok database as an older build wrote it, with the household.
fn plain_database(path: &Path) {
    let conn = Connection::open(path).unwrap();
    let mut store = Store::init(conn, path).unwrap();
    store.save_household(&household()).unwrap();
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_new_database_is_encrypted_under_a_key_named_by_its_salt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite3");
    let (keyring, keys) = keys();
    {
        let mut store = Store::open_with(&path, &keys).unwrap();
        store.save_household(&household()).unwrap();
    }
    let salt = salt_of(&path).expect("an encrypted file");
    let sizes = keyring.sizes();
    assert_eq!(sizes.len(), 1, "{sizes:?}");
    assert_eq!(sizes.get(&entry_name(&salt)), Some(&64));
    assert_eq!(fs::metadata(&path).unwrap().len() % PAGE_SIZE, 0);
    assert_eq!(readable_secrets(dir.path()), Vec::<String>::new());
    assert_eq!(file_names(dir.path()), ["timbok.sqlite3"]);

    // Debian's sqlite3 cannot read it.
    let output = std::process::Command::new("sqlite3")
        .arg(&path)
        .arg(".tables")
        .output()
        .expect("sqlite3 is installed");
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("file is not a database"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // Moved and copied, under other names, it still finds its key.
    let moved = dir.path().join("elsewhere").join("copy.db");
    fs::create_dir_all(moved.parent().unwrap()).unwrap();
    fs::copy(&path, &moved).unwrap();
    let store = Store::open_with(&moved, &keys).unwrap();
    assert_eq!(store.household().unwrap(), Some(household()));
    drop(store);
    // And through a fresh cache (another process): from the keyring.
    let again = DatabaseKeys::new(keyring.clone());
    let store = Store::open_with(&path, &again).unwrap();
    assert_eq!(store.household().unwrap(), Some(household()));
}

#[test]
fn a_missing_key_is_refused_and_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite3");
    let (_keyring, keys) = keys();
    Store::open_with(&path, &keys)
        .unwrap()
        .save_household(&household())
        .unwrap();
    let before = hash(&path);
    // Another computer: a keyring without the entry.
    let (_other, elsewhere) = self::keys();
    let error = Store::open_with(&path, &elsewhere).unwrap_err();
    assert!(matches!(error, Error::DatabaseKeyMissing), "{error:?}");
    assert!(error.to_string().contains("nyckelring"));
    assert_eq!(hash(&path), before);
    assert_eq!(file_names(dir.path()), ["timbok.sqlite3"]);
}

#[test]
fn a_wrong_key_is_refused_and_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite3");
    let (keyring, keys) = keys();
    Store::open_with(&path, &keys)
        .unwrap()
        .save_household(&household())
        .unwrap();
    let salt = salt_of(&path).unwrap();
    let before = hash(&path);
    for wrong in [&"ab".repeat(32), "not hex"] {
        keyring
            .write(&entry_name(&salt), &SecretBytes::new(wrong))
            .unwrap();
        let error = Store::open_with(&path, &DatabaseKeys::new(keyring.clone())).unwrap_err();
        assert!(matches!(error, Error::DatabaseKeyWrong), "{error:?}");
        assert_eq!(hash(&path), before);
        assert_eq!(file_names(dir.path()), ["timbok.sqlite3"]);
    }
}

#[test]
fn a_damaged_encrypted_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite3");
    let (_keyring, keys) = keys();
    Store::open_with(&path, &keys)
        .unwrap()
        .save_household(&household())
        .unwrap();
    // Page 3 scrambled (its HMAC no longer matches).
    let mut bytes = fs::read(&path).unwrap();
    assert!(bytes.len() >= 4 * 4096);
    for b in &mut bytes[2 * 4096 + 100..2 * 4096 + 200] {
        *b ^= 0x5a;
    }
    fs::write(&path, &bytes).unwrap();
    let before = hash(&path);
    let error = Store::open_with(&path, &keys).unwrap_err();
    assert!(matches!(error, Error::DatabaseCorrupt { .. }), "{error:?}");
    assert_eq!(hash(&path), before);
}

#[test]
fn a_plain_database_with_a_wal_is_migrated_and_nothing_plain_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite3");
    // A plain database whose latest writes are still in its WAL (the older app was killed).
    let conn = Connection::open(&path).unwrap();
    let mut store = Store::init(conn, &path).unwrap();
    store.save_household(&household()).unwrap();
    assert!(fs::metadata(side_file(&path, "-wal")).unwrap().len() > 0);
    let crashed = dir.path().join("crashed");
    fs::create_dir(&crashed).unwrap();
    for suffix in ["", "-wal", "-shm"] {
        fs::copy(
            side_file(&path, suffix),
            side_file(&crashed.join("timbok.sqlite3"), suffix),
        )
        .unwrap();
    }
    drop(store);
    let path = crashed.join("timbok.sqlite3");
    assert!(
        !readable_secrets(&crashed).is_empty(),
        "the fixture is plain"
    );

    let (keyring, keys) = keys();
    let store = Store::open_with(&path, &keys).unwrap();
    assert_eq!(store.household().unwrap(), Some(household()));
    assert_eq!(
        store.schema_version().unwrap(),
        crate::store::SCHEMA_VERSION
    );
    drop(store);
    let salt = salt_of(&path).expect("encrypted now");
    assert_eq!(
        keyring.sizes().keys().collect::<Vec<_>>(),
        [&entry_name(&salt)]
    );
    assert_eq!(readable_secrets(&crashed), Vec::<String>::new());
    assert_eq!(file_names(&crashed), ["timbok.sqlite3"]);
}

#[test]
fn a_foreign_or_newer_plain_file_is_not_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let (keyring, keys) = keys();
    let foreign = dir.path().join("photos.sqlite3");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY); PRAGMA user_version = 1;")
        .unwrap();
    let newer = dir.path().join("newer.sqlite3");
    plain_database(&newer);
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", crate::store::SCHEMA_VERSION + 1)
        .unwrap();
    for (path, corrupt) in [(&foreign, true), (&newer, false)] {
        let before = hash(path);
        let error = Store::open_with(path, &keys).unwrap_err();
        if corrupt {
            assert!(matches!(error, Error::DatabaseCorrupt { .. }), "{error:?}");
        } else {
            assert!(matches!(error, Error::DatabaseTooNew { .. }), "{error:?}");
        }
        assert_eq!(hash(path), before);
    }
    assert!(
        keyring.sizes().is_empty(),
        "no key written for a refused file"
    );
    assert_eq!(file_names(dir.path()), ["newer.sqlite3", "photos.sqlite3"]);
}

/// The steps of a migration, each interrupted by a simulated crash: the database opens on the
/// next try with everything in it, leftovers and their keyring entries are removed, and no plain
/// copy of the household remains.
#[test]
fn a_crash_at_any_step_of_the_migration_leaves_a_database_that_opens() {
    #[derive(Debug, Clone, Copy)]
    enum Crash {
        /// The empty temporary file exists, the key entry is not written yet.
        BeforeKeyEntry,
        /// The key entry is written, nothing exported yet.
        AfterKeyEntry,
        /// Half of the encrypted copy is written.
        DuringExport,
        /// The copy is complete and verified, not renamed.
        BeforeRename,
        /// Renamed; the plain file's side files are still there.
        BeforeSideFilesRemoved,
    }
    for crash in [
        Crash::BeforeKeyEntry,
        Crash::AfterKeyEntry,
        Crash::DuringExport,
        Crash::BeforeRename,
        Crash::BeforeSideFilesRemoved,
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("timbok.sqlite3");
        plain_database(&path);
        let (keyring, keys) = keys();
        let key = DatabaseKey::generate().unwrap();
        let pending = side_file(&path, &format!("{PENDING_INFIX}{}", hex::encode(key.salt)));
        match crash {
            Crash::BeforeKeyEntry => fs::write(&pending, b"").unwrap(),
            Crash::AfterKeyEntry => {
                fs::write(&pending, b"").unwrap();
                keys.store(&key).unwrap();
            }
            Crash::DuringExport | Crash::BeforeRename => {
                let plain = Connection::open(&path).unwrap();
                let header = Header::of(&plain, "main").unwrap();
                let file =
                    PendingFile::export(&plain, "main", &path, &keys, key.clone(), header).unwrap();
                // The process died: nobody is writing it any more.
                std::mem::forget(file);
                writing().retain(|p| *p != pending);
                if let Crash::DuringExport = crash {
                    let bytes = fs::read(&pending).unwrap();
                    fs::write(&pending, &bytes[..bytes.len() / 2]).unwrap();
                }
            }
            Crash::BeforeSideFilesRemoved => {
                // The plain file's -wal (empty after the checkpoint) and -shm of an open
                // connection, put back after the migration.
                let plain = Connection::open(&path).unwrap();
                let _: String = plain
                    .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                    .unwrap();
                let _: i64 = plain
                    .query_row("SELECT count(*) FROM household", [], |r| r.get(0))
                    .unwrap();
                let shm = fs::read(side_file(&path, "-shm")).unwrap();
                drop(plain);
                drop(Store::open_with(&path, &keys).unwrap());
                fs::write(side_file(&path, "-wal"), b"").unwrap();
                fs::write(side_file(&path, "-shm"), shm).unwrap();
            }
        }
        if !matches!(crash, Crash::BeforeKeyEntry | Crash::BeforeSideFilesRemoved) {
            assert!(keyring.sizes().contains_key(&entry_name(&key.salt)));
        }
        // The next start, in another process (nothing cached).
        let next = DatabaseKeys::new(keyring.clone());
        let store = Store::open_with(&path, &next).unwrap_or_else(|e| panic!("{crash:?}: {e:?}"));
        assert_eq!(store.household().unwrap(), Some(household()), "{crash:?}");
        drop(store);
        let salt = salt_of(&path).unwrap_or_else(|| panic!("{crash:?}: not encrypted"));
        assert_eq!(
            keyring.sizes().keys().cloned().collect::<Vec<_>>(),
            [entry_name(&salt)],
            "{crash:?}: only the database's own entry is left"
        );
        assert_eq!(file_names(dir.path()), ["timbok.sqlite3"], "{crash:?}");
        assert_eq!(
            readable_secrets(dir.path()),
            Vec::<String>::new(),
            "{crash:?}"
        );
    }
}

#[test]
fn a_crash_while_creating_a_new_database_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite3");
    let (keyring, keys) = keys();
    let key = DatabaseKey::generate().unwrap();
    let source = Connection::open_in_memory().unwrap();
    let header = Header {
        user_version: 0,
        application_id: i64::from(crate::store::APPLICATION_ID),
    };
    let file = PendingFile::export(&source, "main", &path, &keys, key, header).unwrap();
    let pending = file.path().to_path_buf();
    std::mem::forget(file); // the process died
    writing().retain(|p| *p != pending);
    assert!(!path.exists());
    let store = Store::open_with(&path, &DatabaseKeys::new(keyring.clone())).unwrap();
    drop(store);
    let salt = salt_of(&path).unwrap();
    assert_eq!(
        keyring.sizes().keys().cloned().collect::<Vec<_>>(),
        [entry_name(&salt)]
    );
    assert_eq!(file_names(dir.path()), ["timbok.sqlite3"]);
}

/// A computer without a usable keyring (no Secret Service): every call fails as `OsKeyring`'s do.
struct NoKeyring;

impl Keyring for NoKeyring {
    fn read(&self, _: &str) -> Result<Option<SecretBytes>> {
        Err(Error::Keyring(
            crate::message::Key::KeyringNotAnswering.into(),
        ))
    }
    fn write(&self, _: &str, _: &SecretBytes) -> Result<()> {
        Err(Error::Keyring(
            crate::message::Key::KeyringNotAnswering.into(),
        ))
    }
    fn remove(&self, _: &str) -> Result<()> {
        Err(Error::Keyring(
            crate::message::Key::KeyringNotAnswering.into(),
        ))
    }
}

#[test]
fn without_a_keyring_nothing_is_created_and_nothing_touched() {
    let dir = tempfile::tempdir().unwrap();
    let none = DatabaseKeys::new(Arc::new(NoKeyring));
    // A new database: refused with the keyring's message, no file left behind.
    let new = dir.path().join("new.sqlite3");
    let error = Store::open_with(&new, &none).unwrap_err();
    assert!(matches!(error, Error::Keyring(_)), "{error:?}");
    assert_eq!(file_names(dir.path()), Vec::<String>::new());
    // An encrypted one and a plain one: untouched.
    let (_keyring, keys) = keys();
    let encrypted = dir.path().join("encrypted.sqlite3");
    Store::open_with(&encrypted, &keys).unwrap();
    let plain = dir.path().join("plain.sqlite3");
    plain_database(&plain);
    for path in [&encrypted, &plain] {
        let before = hash(path);
        let error = Store::open_with(path, &none).unwrap_err();
        assert!(matches!(error, Error::Keyring(_)), "{error:?}");
        assert_eq!(hash(path), before);
    }
    assert_eq!(
        file_names(dir.path()),
        ["encrypted.sqlite3", "plain.sqlite3"]
    );
}
