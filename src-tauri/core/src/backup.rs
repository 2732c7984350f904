//! Backups of one environment's database: "Säkerhetskopiera" and "Återställ" (docs/backup.md).
//!
//! A backup is ONE [age](https://age-encryption.org) file. Inside: a manifest (one line of
//! JSON: format version, when, which app version and environment, the household's person and how
//! many shifts, time reports and invoices) and then a consistent snapshot of the database
//! (`VACUUM INTO` a temporary file next to the database, removed after). The user's backups are
//! protected by a passphrase the user chooses (age's scrypt recipient); the rolling automatic
//! backups in `<data folder>/backups/auto/` (daily, the last 14, and one before every restore) by
//! a random X25519 key kept in the keyring, so that they are useless without this computer's
//! keyring: on a new computer the passphrase backup is the way back.
//!
//! The snapshot is the database's content, not its file: when the database is encrypted at rest
//! (issue 13, item 1) the backup stays the same, and restoring writes the content under the new
//! database's own key.
//!
//! Restoring reads and checks the whole backup first (a wrong passphrase or a damaged file
//! changes nothing), makes an automatic backup of the database it replaces, and swaps the new
//! database in atomically: written next to it, opened and checked, flushed to disk, renamed.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};
use chrono::NaiveDateTime;
use chrono::Timelike;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::credentials::sealed::{entry_name, write_atomically};
use crate::credentials::{Keyring, SecretBytes};
use crate::error::{Error, Result};
use crate::settings::Environment;
use crate::store::Store;

pub mod problem;
pub use problem::BackupProblem;

/// The format version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
/// The shortest passphrase accepted for a backup, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 10;
/// How many automatic backups are kept per environment.
pub const AUTO_KEEP: usize = 14;
/// The first line of the plaintext, before the manifest.
const MAGIC: &str = "timbok-backup";
/// The scrypt work factor a backup may ask for when it is opened (2^22: some seconds, 4 GiB
/// at most); age's own calibration picks about one second's work when one is written.
const MAX_WORK_FACTOR: u8 = 22;
const KEY_ENTRY: &str = "backup_key";

/// What a backup holds, read before anything is replaced (the restore preview).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub format_version: u32,
    /// Europe/Stockholm wall-clock time, `YYYY-MM-DDTHH:MM:SS`.
    pub created_at: NaiveDateTime,
    pub app_version: String,
    /// `demo`, `fk_test` or `production`.
    pub environment: String,
    /// The household's person ("förnamn efternamn"), if the household was saved. Only inside
    /// the encrypted file.
    pub person_name: Option<String>,
    pub assistants: u64,
    /// Shifts not deleted.
    pub shifts: u64,
    /// Time reports (current ones, not the history of corrections).
    pub time_reports: u64,
    pub invoices: u64,
}

/// How a backup is locked.
pub enum Lock<'a> {
    /// The user's passphrase (scrypt).
    Passphrase(&'a str),
    /// The automatic backups' key.
    Key(&'a age::x25519::Identity),
}

/// Checks a passphrase the user chose (typed twice).
pub fn check_new_passphrase(passphrase: &str, again: &str) -> Result<()> {
    if passphrase.trim().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(BackupProblem::PassphraseTooShort {
            min: MIN_PASSPHRASE_CHARS,
        }
        .into());
    }
    if passphrase != again {
        return Err(BackupProblem::PassphrasesDiffer.into());
    }
    Ok(())
}

/// A backup of the database at `database`, as the bytes of one age file, and its manifest.
pub fn create(
    database: &Path,
    environment: Environment,
    now: NaiveDateTime,
    lock: Lock<'_>,
) -> Result<(Vec<u8>, Manifest)> {
    if !database.exists() {
        return Err(BackupProblem::NothingToBackUp.into());
    }
    let snapshot = Snapshot::of(database)?;
    let manifest = read_manifest(&snapshot.conn, environment, now)?;
    let content = snapshot.bytes()?;
    let mut plaintext = Vec::with_capacity(content.len() + 512);
    plaintext.extend_from_slice(MAGIC.as_bytes());
    plaintext.push(b'\n');
    serde_json::to_writer(&mut plaintext, &manifest).expect("a manifest serialises");
    plaintext.push(b'\n');
    plaintext.extend_from_slice(&content);
    let encrypted = match lock {
        Lock::Passphrase(passphrase) => age::encrypt(
            &age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned())),
            &plaintext,
        ),
        Lock::Key(identity) => age::encrypt(&identity.to_public(), &plaintext),
    }
    .map_err(|_| Error::Io(std::io::Error::other("age encryption failed")))?;
    tracing::info!(
        bytes = encrypted.len(),
        environment = environment.as_str(),
        "backup written"
    );
    Ok((encrypted, manifest))
}

/// A backup opened: its manifest and the database content.
pub struct Opened {
    pub manifest: Manifest,
    database: Vec<u8>,
}

impl std::fmt::Debug for Opened {
    /// Sizes only: the content holds personnummer and names.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened")
            .field("database_bytes", &self.database.len())
            .finish_non_exhaustive()
    }
}

/// Opens a backup; a wrong passphrase or key and a damaged file are told apart where age can.
pub fn open(bytes: &[u8], lock: Lock<'_>) -> Result<Opened> {
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|_| BackupProblem::Damaged)?;
    let wrong = || match lock {
        Lock::Passphrase(_) => BackupProblem::WrongPassphrase,
        Lock::Key(_) => BackupProblem::KeyMissing,
    };
    let mut reader = match &lock {
        Lock::Passphrase(passphrase) => {
            if !decryptor.is_scrypt() {
                // Made with a key (an automatic backup), not with a passphrase.
                return Err(BackupProblem::KeyMissing.into());
            }
            let mut identity =
                age::scrypt::Identity::new(SecretString::from((*passphrase).to_owned()));
            identity.set_max_work_factor(MAX_WORK_FACTOR);
            decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity))
        }
        Lock::Key(identity) => decryptor.decrypt(std::iter::once(*identity as &dyn age::Identity)),
    }
    .map_err(|e| match e {
        age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => wrong(),
        age::DecryptError::UnknownFormat => BackupProblem::TooNew { found: 0 },
        _ => BackupProblem::Damaged,
    })?;
    let mut plaintext = Vec::new();
    reader
        .read_to_end(&mut plaintext)
        .map_err(|_| BackupProblem::Damaged)?;
    let mut parts = plaintext.splitn(3, |b| *b == b'\n');
    let (Some(magic), Some(manifest), Some(database)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(BackupProblem::Damaged.into());
    };
    if magic != MAGIC.as_bytes() {
        return Err(BackupProblem::Damaged.into());
    }
    let version: serde_json::Value =
        serde_json::from_slice(manifest).map_err(|_| BackupProblem::Damaged)?;
    let found = version["formatVersion"].as_u64().unwrap_or(0) as u32;
    if found > FORMAT_VERSION {
        return Err(BackupProblem::TooNew { found }.into());
    }
    let manifest: Manifest = serde_json::from_value(version).map_err(|_| BackupProblem::Damaged)?;
    Ok(Opened {
        manifest,
        database: database.to_vec(),
    })
}

/// What a backup holds, without replacing anything.
pub fn preview(bytes: &[u8], lock: Lock<'_>) -> Result<Manifest> {
    Ok(open(bytes, lock)?.manifest)
}

/// Replaces the database at `database` with the backup's, after an automatic backup of the one
/// there (if there is one). The caller must have closed its connection to `database`.
pub fn restore(
    bytes: &[u8],
    lock: Lock<'_>,
    database: &Path,
    environment: Environment,
    auto: &AutoBackups<'_>,
    now: NaiveDateTime,
) -> Result<Restored> {
    restore_with(bytes, lock, database, Some(environment), |old| {
        auto.before_restore(old, now)
    })
}

/// [`restore`] with the backup of the replaced database made by `backup_first` (the CLI keeps
/// it as a passphrase backup next to the database), and the environment checked only when one
/// is `expected`.
pub fn restore_with(
    bytes: &[u8],
    lock: Lock<'_>,
    database: &Path,
    expected: Option<Environment>,
    backup_first: impl FnOnce(&Path) -> Result<PathBuf>,
) -> Result<Restored> {
    let keys = crate::store::DatabaseKeys::process();
    restore_keyed(bytes, lock, database, expected, backup_first, keys)
}

/// [`restore_with`] with the new database's key kept in `keys`.
pub(crate) fn restore_keyed(
    bytes: &[u8],
    lock: Lock<'_>,
    database: &Path,
    expected: Option<Environment>,
    backup_first: impl FnOnce(&Path) -> Result<PathBuf>,
    keys: &crate::store::DatabaseKeys,
) -> Result<Restored> {
    let opened = open(bytes, lock)?;
    if let Some(environment) = expected.filter(|e| opened.manifest.environment != e.as_str()) {
        return Err(BackupProblem::OtherEnvironment {
            found: opened.manifest.environment.clone(),
            expected: environment.as_str().to_owned(),
        }
        .into());
    }
    let dir = database
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::store::create_private_dir_all(dir)?;
    // The new database, next to the old one, under a new key of its own: the content is
    // deserialised in memory and exported encrypted (no plaintext on disk), then opened and
    // checked (and brought up to this build's schema) before it replaces anything.
    let too_new = || -> Error {
        BackupProblem::TooNew {
            found: opened.manifest.format_version,
        }
        .into()
    };
    let incoming = crate::store::cipher::write_restored(opened.database(), database, keys)
        .map_err(|e| match e {
            Error::Keyring(_) | Error::Io(_) => e,
            Error::DatabaseTooNew { .. } => too_new(),
            _ => BackupProblem::Damaged.into(),
        })?;
    match Store::open_with(incoming.path(), keys) {
        Ok(store) => drop(store),
        Err(Error::DatabaseTooNew { .. }) => return Err(too_new()),
        Err(_) => return Err(BackupProblem::Damaged.into()),
    }
    let before = if database.exists() {
        Some(match backup_first(database) {
            Ok(backup) => backup,
            // This computer's keyring lost the file's key (or holds another one): the file
            // cannot be read, so it cannot be backed up. It is set aside as it is, still
            // encrypted, in case its key comes back; the restore goes on.
            Err(Error::DatabaseKeyMissing | Error::DatabaseKeyWrong) => set_aside(database)?,
            Err(e) => return Err(e),
        })
    } else {
        None
    };
    incoming.put_in_place()?;
    tracing::info!(environment = %opened.manifest.environment, "backup restored");
    Ok(Restored {
        manifest: opened.manifest,
        previous: before,
    })
}

/// Renames a database this computer cannot open, and its side files, to
/// `<name>.unreadable[-N]` next to it (the first name free) and returns the new path.
fn set_aside(database: &Path) -> Result<PathBuf> {
    let named = |n: u32| {
        let suffix = if n == 1 {
            ".unreadable".to_owned()
        } else {
            format!(".unreadable-{n}")
        };
        crate::store::cipher::side_file(database, &suffix)
    };
    let Some(aside) = (1..1000).map(named).find(|p| !p.exists()) else {
        return Err(Error::Io(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "too many unreadable databases set aside",
        )));
    };
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = crate::store::cipher::side_file(database, suffix);
        if side.exists() {
            fs::rename(&side, crate::store::cipher::side_file(&aside, suffix))?;
        }
    }
    fs::rename(database, &aside)?;
    tracing::warn!("an unreadable database was set aside before a restore");
    Ok(aside)
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub manifest: Manifest,
    /// The automatic backup of the database that was replaced, or, when this computer's
    /// keyring no longer opens that database, where the unreadable file was set aside.
    pub previous: Option<PathBuf>,
}

/// The rolling automatic backups of one environment, in `<data folder>/backups/auto/`.
pub struct AutoBackups<'a> {
    dir: PathBuf,
    environment: Environment,
    keyring: &'a dyn Keyring,
}

impl<'a> AutoBackups<'a> {
    pub fn new(data_dir: &Path, environment: Environment, keyring: &'a dyn Keyring) -> Self {
        AutoBackups {
            dir: data_dir.join("backups").join("auto"),
            environment,
            keyring,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key, made and kept in the keyring the first time.
    fn key(&self, create: bool) -> Result<Option<age::x25519::Identity>> {
        let name = entry_name(self.environment, KEY_ENTRY);
        if let Some(stored) = self.keyring.read(&name)? {
            return Ok(stored.expose_str().and_then(|text| text.parse().ok()));
        }
        if !create {
            return Ok(None);
        }
        let identity = age::x25519::Identity::generate();
        self.keyring.write(
            &name,
            &SecretBytes::new(identity.to_string().expose_secret().as_bytes()),
        )?;
        Ok(Some(identity))
    }

    /// This environment's automatic backups, oldest first.
    pub fn list(&self) -> Result<Vec<PathBuf>> {
        let prefix = format!("{}-", self.environment.as_str());
        let mut files = match fs::read_dir(&self.dir) {
            Ok(entries) => entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".age"))
                })
                .collect::<Vec<_>>(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e.into()),
        };
        files.sort();
        Ok(files)
    }

    /// Once a day (on the first start of a day): a backup named by the date, then the oldest
    /// beyond [`AUTO_KEEP`] removed. `None` when today's is there already or there is no
    /// database yet.
    pub fn daily(&self, database: &Path, now: NaiveDateTime) -> Result<Option<PathBuf>> {
        let stamp = now.format("%Y-%m-%d").to_string();
        let today = self.list()?.into_iter().any(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.contains(&stamp))
        });
        if today || !database.exists() {
            return Ok(None);
        }
        self.write(database, now, &format!("{stamp}-daily"))
            .map(Some)
    }

    /// The backup taken before a restore replaces the database.
    pub fn before_restore(&self, database: &Path, now: NaiveDateTime) -> Result<PathBuf> {
        self.write(
            database,
            now,
            &now.format("%Y-%m-%d-%H%M%S-before-restore").to_string(),
        )
    }

    fn write(&self, database: &Path, now: NaiveDateTime, stamp: &str) -> Result<PathBuf> {
        let key = self.key(true)?.ok_or(BackupProblem::KeyMissing)?;
        let (bytes, _) = create(database, self.environment, now, Lock::Key(&key))?;
        crate::store::create_private_dir_all(&self.dir)?;
        let path = self
            .dir
            .join(format!("{}-{stamp}.age", self.environment.as_str()));
        write_atomically(&path, &bytes)?;
        let files = self.list()?;
        if files.len() > AUTO_KEEP {
            for old in &files[..files.len() - AUTO_KEEP] {
                remove_if_there(old)?;
            }
        }
        Ok(path)
    }

    /// Opens one of the automatic backups with the key in the keyring.
    pub fn open(&self, bytes: &[u8]) -> Result<Opened> {
        let key = self.key(false)?.ok_or(BackupProblem::KeyMissing)?;
        open(bytes, Lock::Key(&key))
    }

    /// Restores one of the automatic backups (after backing up the database it replaces).
    pub fn restore(&self, bytes: &[u8], database: &Path, now: NaiveDateTime) -> Result<Restored> {
        let key = self.key(false)?.ok_or(BackupProblem::KeyMissing)?;
        restore(
            bytes,
            Lock::Key(&key),
            database,
            self.environment,
            self,
            now,
        )
    }
}

impl Opened {
    /// The database content (a SQLite file's bytes).
    pub fn database(&self) -> &[u8] {
        &self.database
    }
}

/// The manifest of a snapshot, read from the snapshot itself.
fn read_manifest(
    conn: &Connection,
    environment: Environment,
    now: NaiveDateTime,
) -> Result<Manifest> {
    let count = |sql: &str| -> Result<u64> {
        let n: i64 = conn.query_row(sql, [], |row| row.get(0))?;
        Ok(n as u64)
    };
    let person_name = conn
        .query_row(
            "SELECT person_first_name || ' ' || person_last_name FROM snap.household WHERE id = 1",
            [],
            |row| row.get::<_, String>(0),
        )
        .optional()?;
    Ok(Manifest {
        format_version: FORMAT_VERSION,
        created_at: now.with_nanosecond(0).unwrap_or(now),
        app_version: env!("CARGO_PKG_VERSION").into(),
        environment: environment.as_str().into(),
        person_name,
        assistants: count("SELECT count(*) FROM snap.assistants")?,
        shifts: count("SELECT count(*) FROM snap.shifts WHERE deleted_at IS NULL")?,
        time_reports: count("SELECT count(*) FROM snap.time_reports WHERE superseded_at IS NULL")?,
        invoices: count("SELECT count(*) FROM snap.invoices")?,
    })
}

/// A consistent copy of the database's content in memory only (schema `snap` of `conn`): the
/// encrypted file exported into an attached in-memory database with `sqlcipher_export`, so no
/// plaintext ever touches the disk.
struct Snapshot {
    conn: Connection,
}

impl Snapshot {
    fn of(database: &Path) -> Result<Snapshot> {
        let conn = crate::store::connect(database)?;
        conn.execute_batch("ATTACH DATABASE ':memory:' AS snap KEY '';")?;
        // One read transaction: the export and the header are of the same moment.
        conn.execute_batch("BEGIN")?;
        let copied = (|| -> Result<()> {
            conn.query_row("SELECT sqlcipher_export('snap')", [], |_| Ok(()))?;
            let header = crate::store::cipher::Header::of(&conn, "main")?;
            conn.execute_batch(&format!(
                "PRAGMA snap.user_version = {}; PRAGMA snap.application_id = {};",
                header.user_version, header.application_id
            ))?;
            Ok(())
        })();
        conn.execute_batch("COMMIT")?;
        copied?;
        Ok(Snapshot { conn })
    }

    /// The snapshot as the bytes of a plain SQLite file (the backup's content).
    fn bytes(&self) -> Result<Vec<u8>> {
        Ok(self.conn.serialize("snap")?.to_vec())
    }
}

fn remove_if_there(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Writes a backup file where the user chose (atomically; owner-only on unix).
pub fn save(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    write_atomically(path, bytes)
}

#[cfg(test)]
mod tests;
