//! Storage: one SQLite file holding the household, the assistants, their shifts and settings.
//!
//! This module owns the file (its creation with owner-only permissions, the checks before
//! anything is written to it), the schema and its migrations, and the mapping between rows and
//! the domain types of [`crate::household`] and [`crate::hours`]. It must not depend on tauri or
//! on any network code, and holds no secrets (those live in the OS keyring).
//!
//! Guarantees:
//! - A file that is not a Timbok database, or is damaged, gives [`Error::DatabaseCorrupt`] and is
//!   left byte-for-byte as it was; so does a database of a newer Timbok
//!   ([`Error::DatabaseTooNew`]).
//! - Every write runs in a transaction.
//! - Nothing personal is logged: only counts and ids.

mod assistants;
pub(crate) mod cipher;
mod day;
mod drafts;
mod household;
mod import;
mod invoices;
mod journal;
mod reports;
mod schedule;
mod schema;
mod settings;
mod shifts;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDateTime, Timelike};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql};

use crate::error::{Error, Result};
use crate::household::{Employment, SignerRole};
use crate::identity::{Organisationsnummer, PersonalId};
use crate::message::Key;
use crate::message::Message;

pub use cipher::{DatabaseKeys, KEY_ENTRY_PREFIX};
pub use invoices::{ReportSummary, StoredInvoice};
pub use journal::{CallRecord, JOURNAL_LIMIT};
pub use reports::{
    Claim, NewReport, OutboxState, SendResult, SignerSide, StoredReport, StoredSignature,
};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use shifts::NewShift;

/// How long a write waits for another connection's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The open database. Not `Sync`: share it behind a `Mutex`.
pub struct Store {
    conn: Connection,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (or creates) the database at `path` with the process's keys
    /// ([`DatabaseKeys::process`]: the OS keyring) and brings its schema up to date.
    ///
    /// The file is encrypted (SQLCipher, `cipher.rs`): a new one is created encrypted, a plain
    /// one of an older Timbok is migrated first. Creates missing parent folders (owner-only on
    /// unix) and keeps the file and its side files owner-only. Before writing anything it checks
    /// that the file opens with its key (else [`Error::DatabaseKeyMissing`] or
    /// [`Error::DatabaseKeyWrong`]), that it is Timbok's (or empty), that it is not damaged
    /// (`PRAGMA quick_check`) and not newer than this build; a file refused is left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, DatabaseKeys::process())
    }

    /// [`Store::open`] with the keys in `keys` (tests of a missing key or another computer).
    pub fn open_with(path: &Path, keys: &DatabaseKeys) -> Result<Store> {
        let conn = connect_with(path, keys)?;
        let store = Store::init(conn, path)?;
        tighten_side_files(path)?;
        tracing::info!(schema_version = SCHEMA_VERSION, "database opened");
        Ok(store)
    }

    /// A fresh database in memory, for tests and the demo.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        Store::init(conn, Path::new(":memory:"))
    }

    /// The schema version of the open database (equals [`SCHEMA_VERSION`] after open).
    pub fn schema_version(&self) -> Result<u32> {
        Ok(schema::user_version(&self.conn)?)
    }

    pub(crate) fn init(mut conn: Connection, path: &Path) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        check_before_writing(&conn, path)?;
        // From here on the file is known to be ours (or empty) and not too new.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        // Deleted personal data is overwritten in the file, not just unlinked.
        conn.pragma_update(None, "secure_delete", true)?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn })
    }
}

/// A keyed connection to the database file at `path` (created or migrated as [`Store::open`]
/// does, without the schema migrations): backups read through it.
pub(crate) fn connect(path: &Path) -> Result<Connection> {
    connect_with(path, DatabaseKeys::process())
}

pub(crate) fn connect_with(path: &Path, keys: &DatabaseKeys) -> Result<Connection> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_dir_all(parent)?;
    }
    let conn = cipher::open(path, keys)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Read-only checks: the file is a SQLite database of Timbok (or a new, empty one), undamaged,
/// and not of a newer schema. Nothing is written here.
fn check_before_writing(conn: &Connection, path: &Path) -> Result<()> {
    let corrupt = || Error::DatabaseCorrupt {
        path: path.to_path_buf(),
    };
    let read = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |row| row.get::<_, i64>(0))
            .map_err(|e| classify(e, path))
    };
    let user_version = read("PRAGMA user_version")?;
    let application_id = read("PRAGMA application_id")?;
    let objects = read("SELECT count(*) FROM sqlite_schema")?;
    if objects == 0 && user_version == 0 && application_id == 0 {
        return Ok(()); // A new database.
    }
    if application_id != i64::from(APPLICATION_ID) {
        tracing::warn!("database file is not a Timbok database");
        return Err(corrupt());
    }
    let Ok(found) = u32::try_from(user_version) else {
        return Err(corrupt());
    };
    if found > SCHEMA_VERSION {
        tracing::warn!(
            found,
            supported = SCHEMA_VERSION,
            "database is newer than this build"
        );
        return Err(Error::DatabaseTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    let check: String = conn
        .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
        .map_err(|e| classify(e, path))?;
    if check != "ok" {
        tracing::warn!("database failed quick_check");
        return Err(corrupt());
    }
    Ok(())
}

/// "File is not a database" and "database disk image is malformed" mean the file is damaged;
/// anything else is an ordinary storage error.
fn classify(error: rusqlite::Error, path: &Path) -> Error {
    use rusqlite::ErrorCode;
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            tracing::warn!("database file is damaged or not a database");
            Error::DatabaseCorrupt {
                path: path.to_path_buf(),
            }
        }
        _ => Error::Storage(error),
    }
}

/// Creates `dir` and its missing parents, owner-only (0700) on unix.
pub(crate) fn create_private_dir_all(dir: &Path) -> Result<()> {
    crate::private_files::create_dir_all(dir)
}

/// Owner-only (0600) on unix. On Windows the file inherits the ACL of the per-user data folder.
fn restrict_permissions(path: &Path) -> Result<()> {
    crate::private_files::restrict(path)
}

/// SQLite gives `-wal` and `-shm` the main file's mode; this also fixes ones left by older runs.
fn tighten_side_files(path: &Path) -> Result<()> {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = PathBuf::from(path).into_os_string();
        side.push(suffix);
        let side = PathBuf::from(side);
        if side.is_file() {
            restrict_permissions(&side)?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Column conversions.

/// Wall-clock minutes as stored: `YYYY-MM-DDTHH:MM`.
const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// Formats a shift time for storage; refuses seconds and years that would break text order.
fn time_to_db(field: &str, time: NaiveDateTime) -> Result<String> {
    use chrono::Datelike;
    if time.second() != 0 || time.nanosecond() != 0 {
        return Err(Error::invalid(field, Key::TimeWholeMinutes));
    }
    if !(1000..=9999).contains(&time.year()) {
        return Err(Error::invalid(field, Key::TimeYearRange));
    }
    Ok(time.format(TIME_FORMAT).to_string())
}

fn time_from_db(text: &str) -> FromSqlResult<NaiveDateTime> {
    // The column's CHECK guarantees the fixed shape 'YYYY-MM-DDTHH:MM'; reading it by position
    // is several times faster than a format string, which matters for a year of history.
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let parsed = (b.len() == 16 && b[4] == b'-' && b[7] == b'-' && b[10] == b'T' && b[13] == b':')
        .then(|| {
            let date = chrono::NaiveDate::from_ymd_opt(
                digits(0..4)? as i32,
                digits(5..7)?,
                digits(8..10)?,
            )?;
            date.and_hms_opt(digits(11..13)?, digits(14..16)?, 0)
        })
        .flatten();
    parsed
        .ok_or_else(|| FromSqlError::Other(format!("not a time of the form {TIME_FORMAT}").into()))
}

impl ToSql for PersonalId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for PersonalId {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        PersonalId::from_twelve(value.as_str()?).map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

impl ToSql for Organisationsnummer {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for Organisationsnummer {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Organisationsnummer::parse(value.as_str()?).map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

impl ToSql for SignerRole {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for SignerRole {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        SignerRole::parse(value.as_str()?).ok_or(FromSqlError::InvalidType)
    }
}

impl ToSql for Employment {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for Employment {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Employment::parse(value.as_str()?).ok_or(FromSqlError::InvalidType)
    }
}

/// The stored form of a message column (an invoice's `message`, a report's `problem`): its wire
/// form `{key, params}` as JSON.
pub(crate) fn message_json(message: &Message) -> String {
    // A key and typed parameters: serializing cannot fail.
    serde_json::to_string(message).unwrap_or_default()
}

/// A message column read back: `{key, params}`, or (rows written before messages had keys,
/// or a key this build does not know) the stored text as it is.
pub(crate) fn message_from_column(stored: &str) -> Message {
    serde_json::from_str::<serde_json::Value>(stored)
        .ok()
        .and_then(|wire| Message::from_wire(wire["key"].as_str()?, &wire["params"]))
        .unwrap_or_else(|| Message::verbatim(stored))
}

#[cfg(test)]
mod tests;
