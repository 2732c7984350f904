//! Encryption at rest: every database file Timbok opens is a SQLCipher file (AES-256 pages with
//! an HMAC each, SQLCipher 4's defaults) under a random 256-bit key of its own, kept in the OS
//! keyring.
//!
//! How a file finds its key, for any path and after the file was moved or copied: SQLCipher
//! keeps a 16-byte random salt in plain as the file's first 16 bytes. Timbok chooses that salt
//! itself (a raw key, `PRAGMA key = "x'<64 hex key><32 hex salt>'"`) and names the key's keyring
//! entry after it:
//!
//! ```text
//! keyring  database/<32 hex salt>                   the key, 64 hex digits
//! <folder>/<file name>.encrypting-<32 hex salt>     a new file being written (a leftover is
//!                                                   removed, with its entry, on the next open)
//! ```
//!
//! A new file is written under a temporary name next to the database (its entry written to the
//! keyring before it has any content), synced, then renamed into place, so a file at the
//! database's path always starts with the salt of an entry that was written before it. A plain
//! SQLite file (an older Timbok's) is migrated the same way on first open: WAL checkpointed, the
//! content exported into the encrypted file (`sqlcipher_export`), that file verified (opens with
//! its key, integrity check, same row count in every table, same header values), synced and
//! renamed over the plain file; the plain file's `-wal`/`-shm` are removed. A crash at any step
//! leaves either the plain file or the encrypted one at the path, and both open.
//!
//! The process's keys come from one [`DatabaseKeys`] (`DatabaseKeys::process()`): the OS keyring
//! under `TIMBOK_KEYRING_SERVICE` (tests) or Timbok's service name, so the app and the CLI find a
//! database's key the same way with no wiring of their own. Keys read once are remembered for the
//! life of the process (the outbox and the invoice desk open the database often).

use std::collections::HashMap;
use std::fs;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rusqlite::{Connection, OpenFlags};

use crate::credentials::{Keyring, SecretBytes};
use crate::error::{Error, Result};

/// The first 16 bytes of every plain SQLite 3 database file.
pub(super) const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";
/// SQLCipher 4's page size: an encrypted file is a whole number of these.
const PAGE_SIZE: u64 = 4096;
const KEY_BYTES: usize = 32;
const SALT_BYTES: usize = 16;
/// The keyring entries of database keys: `database/<salt in hex>`.
pub const KEY_ENTRY_PREFIX: &str = "database/";
/// A file being written next to the database: `<file name>.encrypting-<salt in hex>`.
const PENDING_INFIX: &str = ".encrypting-";

type Salt = [u8; SALT_BYTES];

/// The files this process is writing right now: not leftovers, whatever another open of the
/// same database finds (a restore backs up the database it replaces while its new file waits).
static WRITING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn writing() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    WRITING.lock().unwrap_or_else(|p| p.into_inner())
}

/// One database file's key and salt. `Debug` prints neither.
#[derive(Clone)]
pub(crate) struct DatabaseKey {
    key: [u8; KEY_BYTES],
    salt: Salt,
}

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey([redacted])")
    }
}

impl DatabaseKey {
    fn generate() -> Result<DatabaseKey> {
        let mut key = [0u8; KEY_BYTES];
        let mut salt = [0u8; SALT_BYTES];
        getrandom::fill(&mut key).map_err(|_| random_failed())?;
        getrandom::fill(&mut salt).map_err(|_| random_failed())?;
        Ok(DatabaseKey { key, salt })
    }

    /// SQLCipher's raw key with salt, `x'…'`.
    fn sqlcipher_value(&self) -> String {
        format!("x'{}{}'", hex::encode(self.key), hex::encode(self.salt))
    }

    /// Keys `conn`; must come before anything else reads the file.
    pub(crate) fn apply(&self, conn: &Connection) -> rusqlite::Result<()> {
        conn.execute_batch(&format!("PRAGMA key = \"{}\";", self.sqlcipher_value()))
    }
}

fn random_failed() -> Error {
    Error::Io(std::io::Error::other("the OS's random source failed"))
}

fn entry_name(salt: &Salt) -> String {
    format!("{KEY_ENTRY_PREFIX}{}", hex::encode(salt))
}

/// Where database keys are kept: a keyring, and the keys already read from it.
pub struct DatabaseKeys {
    keyring: Arc<dyn Keyring>,
    known: Mutex<HashMap<Salt, DatabaseKey>>,
}

static PROCESS_KEYS: OnceLock<DatabaseKeys> = OnceLock::new();

impl DatabaseKeys {
    pub fn new(keyring: Arc<dyn Keyring>) -> DatabaseKeys {
        DatabaseKeys {
            keyring,
            known: Mutex::new(HashMap::new()),
        }
    }

    /// The keys every [`crate::Store::open`] of this process uses: the OS keyring
    /// ([`crate::credentials::OsKeyring::from_env`]), or the keyring given to
    /// [`DatabaseKeys::use_for_process`] before the first open. In the core's own unit tests, a
    /// keyring in memory.
    pub fn process() -> &'static DatabaseKeys {
        PROCESS_KEYS.get_or_init(|| DatabaseKeys::new(default_keyring()))
    }

    /// Makes `keyring` the process's (tests of the shells that must not need an OS keyring).
    /// `false` when the process's keys were already chosen (the first choice stays).
    pub fn use_for_process(keyring: Arc<dyn Keyring>) -> bool {
        PROCESS_KEYS.set(DatabaseKeys::new(keyring)).is_ok()
    }

    fn find(&self, salt: &Salt) -> Result<Option<DatabaseKey>> {
        if let Some(key) = self.known().get(salt) {
            return Ok(Some(key.clone()));
        }
        let Some(stored) = self.keyring.read(&entry_name(salt))? else {
            return Ok(None);
        };
        let mut key = [0u8; KEY_BYTES];
        // An entry that is not 64 hex digits opens nothing: the same as a wrong key.
        if hex::decode_to_slice(stored.expose(), &mut key).is_err() {
            return Err(Error::DatabaseKeyWrong);
        }
        let key = DatabaseKey { key, salt: *salt };
        self.known().insert(*salt, key.clone());
        Ok(Some(key))
    }

    fn store(&self, key: &DatabaseKey) -> Result<()> {
        self.keyring.write(
            &entry_name(&key.salt),
            &SecretBytes::new(hex::encode(key.key)),
        )?;
        self.known().insert(key.salt, key.clone());
        Ok(())
    }

    fn forget(&self, salt: &Salt) -> Result<()> {
        self.known().remove(salt);
        self.keyring.remove(&entry_name(salt))
    }

    fn known(&self) -> std::sync::MutexGuard<'_, HashMap<Salt, DatabaseKey>> {
        self.known.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(not(test))]
fn default_keyring() -> Arc<dyn Keyring> {
    Arc::new(crate::credentials::OsKeyring::from_env())
}

#[cfg(test)]
fn default_keyring() -> Arc<dyn Keyring> {
    Arc::new(crate::credentials::MemoryKeyring::default())
}

/// What the first bytes of a file say it is.
enum Kind {
    /// No file, or an empty one: a new database.
    New,
    /// A plain SQLite file (an older Timbok's, or something else: checked before migrating).
    Plain,
    /// Encrypted (or random bytes: the two look the same), with this salt.
    Encrypted(Salt),
}

fn kind_of(path: &Path) -> Result<Kind> {
    let corrupt = || Error::DatabaseCorrupt {
        path: path.to_path_buf(),
    };
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Kind::New),
        Err(e) => return Err(e.into()),
    };
    if !meta.is_file() {
        return Err(corrupt());
    }
    if meta.len() == 0 {
        return Ok(Kind::New);
    }
    let mut header = [0u8; SALT_BYTES];
    if fs::File::open(path)?.read_exact(&mut header).is_err() {
        tracing::warn!("database file is too short to be a database");
        return Err(corrupt());
    }
    if &header == SQLITE_HEADER {
        return Ok(Kind::Plain);
    }
    if meta.len() % PAGE_SIZE != 0 {
        tracing::warn!("database file is neither SQLite nor whole SQLCipher pages");
        return Err(corrupt());
    }
    Ok(Kind::Encrypted(header))
}

/// The salt at the start of an encrypted file, if it is one.
fn salt_of(path: &Path) -> Option<Salt> {
    match kind_of(path) {
        Ok(Kind::Encrypted(salt)) => Some(salt),
        _ => None,
    }
}

/// Opens the database file at `path` keyed, creating it (encrypted) when there is none and
/// migrating a plain one first. Leftovers of an interrupted write next to it are removed first.
/// A missing or wrong key, a damaged or foreign file: an error, the file untouched.
pub(super) fn open(path: &Path, keys: &DatabaseKeys) -> Result<Connection> {
    remove_leftovers(path, keys)?;
    let salt = match kind_of(path)? {
        Kind::New => {
            let key = DatabaseKey::generate()?;
            let source = Connection::open_in_memory()?;
            let header = Header {
                user_version: 0,
                application_id: i64::from(super::APPLICATION_ID),
            };
            PendingFile::export(&source, "main", path, keys, key, header)?.put_in_place()?;
            tracing::info!("new encrypted database created");
            salt_of(path).ok_or_else(|| Error::DatabaseCorrupt {
                path: path.to_path_buf(),
            })?
        }
        Kind::Plain => {
            migrate(path, keys)?;
            salt_of(path).ok_or_else(|| Error::DatabaseCorrupt {
                path: path.to_path_buf(),
            })?
        }
        Kind::Encrypted(salt) => salt,
    };
    let key = keys.find(&salt)?.ok_or_else(|| {
        tracing::warn!("no key in the keyring for this database");
        Error::DatabaseKeyMissing
    })?;
    super::restrict_permissions(path)?;
    let conn = open_keyed(path, &key)?;
    // The first read decrypts page 1: an HMAC failure there means the key does not fit.
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(conn),
        Err(e) if is_not_a_database(&e) => {
            tracing::warn!("the database key from the keyring does not open the file");
            Err(Error::DatabaseKeyWrong)
        }
        Err(e) => Err(Error::Storage(e)),
    }
}

fn open_keyed(path: &Path, key: &DatabaseKey) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    key.apply(&conn)?;
    Ok(conn)
}

fn is_not_a_database(error: &rusqlite::Error) -> bool {
    error.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase)
}

/// An older Timbok's plain file becomes an encrypted one (see the module's doc).
fn migrate(path: &Path, keys: &DatabaseKeys) -> Result<()> {
    let plain = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| super::classify(e, path))?;
    plain.busy_timeout(super::BUSY_TIMEOUT)?;
    // A damaged, foreign or newer file is refused here, untouched.
    super::check_before_writing(&plain, path)?;
    let header = Header::of(&plain, "main")?;
    let key = DatabaseKey::generate()?;
    // Everything in the WAL is in the main file before it is copied.
    let busy: i64 = plain.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    if busy != 0 {
        return Err(Error::Storage(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("the plain database is in use by another program".into()),
        )));
    }
    let pending = PendingFile::export(&plain, "main", path, keys, key, header)?;
    drop(plain);
    pending.put_in_place()?;
    tracing::info!("plain database migrated to an encrypted one");
    Ok(())
}

/// The content of a backup (a plain SQLite file's bytes), deserialised in memory, as a new
/// encrypted file next to `target` under a new key. A file that is not a Timbok database is
/// [`Error::DatabaseCorrupt`], a newer one [`Error::DatabaseTooNew`]; nothing is written then.
pub(crate) fn write_restored<'k>(
    content: &[u8],
    target: &Path,
    keys: &'k DatabaseKeys,
) -> Result<PendingFile<'k>> {
    let corrupt = || Error::DatabaseCorrupt {
        path: target.to_path_buf(),
    };
    if content.len() < 100 || &content[..16] != SQLITE_HEADER {
        return Err(corrupt());
    }
    let mut image = content.to_vec();
    // A WAL-mode header (bytes 18 and 19 = 2) cannot be opened from memory: rollback mode.
    image[18] = 1;
    image[19] = 1;
    let mut memory = Connection::open_in_memory()?;
    memory
        .deserialize_read_exact("main", image.as_slice(), image.len(), true)
        .map_err(|_| corrupt())?;
    super::check_before_writing(&memory, target)?;
    let header = Header::of(&memory, "main")?;
    let key = DatabaseKey::generate()?;
    PendingFile::export(&memory, "main", target, keys, key, header)
}

/// The header values `sqlcipher_export` does not copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    pub user_version: i64,
    pub application_id: i64,
}

impl Header {
    pub(crate) fn of(conn: &Connection, schema: &str) -> Result<Header> {
        let read = |pragma: &str| -> Result<i64> {
            Ok(conn.query_row(&format!("PRAGMA {schema}.{pragma}"), [], |r| r.get(0))?)
        };
        Ok(Header {
            user_version: read("user_version")?,
            application_id: read("application_id")?,
        })
    }

    fn write(&self, conn: &Connection, schema: &str) -> Result<()> {
        conn.execute_batch(&format!(
            "PRAGMA {schema}.user_version = {}; PRAGMA {schema}.application_id = {};",
            self.user_version, self.application_id
        ))?;
        Ok(())
    }
}

/// An encrypted copy being written next to the database, under its own new key; removed with its
/// keyring entry unless [`PendingFile::put_in_place`] renamed it over the database.
pub(crate) struct PendingFile<'k> {
    path: PathBuf,
    target: PathBuf,
    salt: Salt,
    keys: &'k DatabaseKeys,
    done: bool,
}

impl<'k> PendingFile<'k> {
    /// Exports schema `schema` of `source` into a new encrypted file next to `target` under
    /// `key` (its keyring entry written first), then checks it: it opens with the key, passes
    /// SQLite's integrity check, and has the same header values and row count in every table.
    pub(crate) fn export(
        source: &Connection,
        schema: &str,
        target: &Path,
        keys: &'k DatabaseKeys,
        key: DatabaseKey,
        header: Header,
    ) -> Result<PendingFile<'k>> {
        let file_name = target
            .file_name()
            .ok_or_else(|| Error::Io(std::io::Error::other("the database path has no file name")))?
            .to_string_lossy()
            .into_owned();
        let path = target.with_file_name(format!(
            "{file_name}{PENDING_INFIX}{}",
            hex::encode(key.salt)
        ));
        // The (empty) file first: its name carries the salt, so the next open can remove both
        // it and the keyring entry if a crash leaves it behind.
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.open(&path)?;
        writing().push(path.clone());
        let pending = PendingFile {
            path,
            target: target.to_path_buf(),
            salt: key.salt,
            keys,
            done: false,
        };
        keys.store(&key)?;
        let name = pending.path.to_str().ok_or_else(|| {
            Error::Io(std::io::Error::other("the data folder's path is not UTF-8"))
        })?;
        source.execute(
            "ATTACH DATABASE ?1 AS encrypted KEY ?2",
            [name, key.sqlcipher_value().as_str()],
        )?;
        let exported = (|| -> Result<()> {
            source.query_row(
                &format!("SELECT sqlcipher_export('encrypted', '{schema}')"),
                [],
                |_| Ok(()),
            )?;
            header.write(source, "encrypted")?;
            Ok(())
        })();
        source.execute_batch("DETACH DATABASE encrypted")?;
        exported?;
        pending.verify(source, schema, &key, header)?;
        fs::File::open(&pending.path)?.sync_all()?;
        Ok(pending)
    }

    /// The file being written (a [`crate::Store`] may open it before it is put in place).
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    fn verify(
        &self,
        source: &Connection,
        schema: &str,
        key: &DatabaseKey,
        header: Header,
    ) -> Result<()> {
        let failed = |what: &str| {
            tracing::error!(
                check = what,
                "the encrypted copy does not match the database"
            );
            Error::Io(std::io::Error::other(
                "the encrypted copy could not be verified",
            ))
        };
        let copy = open_keyed(&self.path, key)?;
        let check: String = copy.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(failed("integrity"));
        }
        if Header::of(&copy, "main")? != header {
            return Err(failed("header"));
        }
        let tables: Vec<String> = source
            .prepare(&format!(
                "SELECT name FROM {schema}.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for table in tables {
            let quoted = table.replace('"', "\"\"");
            let count = |conn: &Connection, schema: &str| -> rusqlite::Result<i64> {
                conn.query_row(
                    &format!("SELECT count(*) FROM {schema}.\"{quoted}\""),
                    [],
                    |r| r.get(0),
                )
            };
            if count(source, schema)? != count(&copy, "main")? {
                return Err(failed("rows"));
            }
        }
        if salt_of(&self.path) != Some(self.salt) {
            return Err(failed("salt"));
        }
        Ok(())
    }

    /// Renames the file over the database (atomically), syncs the folder and removes the side
    /// files of the database it replaced. The replaced file's key entry, if it had one, is
    /// removed last.
    pub(crate) fn put_in_place(mut self) -> Result<()> {
        let replaced = salt_of(&self.target);
        // The replaced file's side files belong to it (the caller closed its connections).
        for suffix in ["-wal", "-shm", "-journal"] {
            remove_if_there(&side_file(&self.target, suffix))?;
        }
        for suffix in ["-wal", "-shm", "-journal"] {
            remove_if_there(&side_file(&self.path, suffix))?;
        }
        fs::File::open(&self.path)?.sync_all()?;
        fs::rename(&self.path, &self.target)?;
        self.done = true;
        writing().retain(|p| *p != self.path);
        sync_folder(&self.target);
        for suffix in ["-wal", "-shm", "-journal"] {
            remove_if_there(&side_file(&self.target, suffix))?;
        }
        if let Some(old) = replaced.filter(|old| *old != self.salt) {
            self.keys.forget(&old)?;
        }
        Ok(())
    }
}

impl Drop for PendingFile<'_> {
    fn drop(&mut self) {
        if !self.done {
            writing().retain(|p| *p != self.path);
            for suffix in ["", "-journal", "-wal", "-shm"] {
                let _ = fs::remove_file(side_file(&self.path, suffix));
            }
            let _ = self.keys.forget(&self.salt);
        }
    }
}

/// Removes what an interrupted write left next to `path`: files `<name>.encrypting-<salt>` (the
/// rename never happened, so nothing uses them) and their keyring entries.
fn remove_leftovers(path: &Path, keys: &DatabaseKeys) -> Result<()> {
    let (Some(dir), Some(file_name)) = (path.parent(), path.file_name()) else {
        return Ok(());
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!("{}{PENDING_INFIX}", file_name.to_string_lossy());
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let in_use = salt_of(path);
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = writing().iter().any(|p| {
            p.file_name()
                .is_some_and(|own| name.starts_with(own.to_string_lossy().as_ref()))
        });
        if ours {
            continue;
        }
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        let salt_hex = ["-journal", "-wal", "-shm"]
            .iter()
            .find_map(|suffix| rest.strip_suffix(suffix))
            .unwrap_or(rest);
        let mut salt = [0u8; SALT_BYTES];
        if hex::decode_to_slice(salt_hex, &mut salt).is_err() {
            continue;
        }
        remove_if_there(&entry.path())?;
        if in_use != Some(salt) {
            keys.forget(&salt)?;
        }
        tracing::info!("removed a leftover of an interrupted database write");
    }
    Ok(())
}

fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(parent) = path.parent() {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        if let Ok(dir) = fs::File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

pub(crate) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_there(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests;
