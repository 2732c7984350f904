//! The database schema as an ordered list of migrations, tracked in `PRAGMA user_version`.
//!
//! Migration `n` (1-based) takes the schema from version `n - 1` to `n`. Never edit a migration
//! that has shipped; append a new one. All pending migrations run in one transaction at open.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// `PRAGMA application_id` of a Timbok database ("Tbok"): tells our file from other SQLite files.
pub const APPLICATION_ID: i32 = 0x5462_6f6b;

const MIGRATIONS: &[&str] = &[
    // 1: household, assistants, shifts, settings.
    r#"
    CREATE TABLE household (
        id                           INTEGER PRIMARY KEY CHECK (id = 1),
        person_personnummer          TEXT NOT NULL CHECK (length(person_personnummer) = 12),
        person_first_name            TEXT NOT NULL,
        person_last_name             TEXT NOT NULL,
        person_phone                 TEXT,
        signer_role                  TEXT NOT NULL
            CHECK (signer_role IN ('self', 'vardnadshavare', 'god_man', 'forvaltare')),
        signer_personnummer          TEXT CHECK (length(signer_personnummer) = 12),
        signer_first_name            TEXT,
        signer_last_name             TEXT,
        signer_phone                 TEXT,
        employment                   TEXT NOT NULL CHECK (employment IN ('employer', 'buys')),
        provider_name                TEXT,
        provider_organisationsnummer TEXT CHECK (length(provider_organisationsnummer) = 10),
        granted_hours_per_month      INTEGER CHECK (granted_hours_per_month BETWEEN 1 AND 744),
        created_at                   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at                   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        CHECK ((signer_personnummer IS NULL) = (signer_first_name IS NULL)
           AND (signer_first_name IS NULL) = (signer_last_name IS NULL)),
        CHECK ((provider_name IS NULL) = (provider_organisationsnummer IS NULL))
    ) STRICT;

    CREATE TABLE assistants (
        id                   INTEGER PRIMARY KEY AUTOINCREMENT,
        personnummer         TEXT NOT NULL UNIQUE CHECK (length(personnummer) = 12),
        first_name           TEXT NOT NULL,
        last_name            TEXT NOT NULL,
        phone                TEXT,
        employed_by_person   INTEGER NOT NULL CHECK (employed_by_person IN (0, 1)),
        collective_agreement INTEGER NOT NULL CHECK (collective_agreement IN (0, 1)),
        created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ) STRICT;

    -- start and "end" are Europe/Stockholm wall-clock time, 'YYYY-MM-DDTHH:MM', so text order is
    -- time order. deleted_at is set by a delete and cleared by its undo.
    CREATE TABLE shifts (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        assistant_id INTEGER NOT NULL REFERENCES assistants (id) ON DELETE RESTRICT,
        start        TEXT NOT NULL
            CHECK (start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'),
        "end"        TEXT NOT NULL
            CHECK ("end" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'),
        kind         TEXT NOT NULL CHECK (kind IN ('aktiv', 'vantetid', 'beredskap')),
        note         TEXT,
        created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        deleted_at   TEXT
    ) STRICT;
    CREATE INDEX shifts_start ON shifts (start);
    CREATE INDEX shifts_assistant_start ON shifts (assistant_id, start);

    -- Plain preferences only: secrets live in the OS keyring, never here.
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    "#,
    // 2: the recurring weekly schedule that pre-fills a month.
    r#"
    CREATE TABLE schedule_entries (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        assistant_id INTEGER NOT NULL REFERENCES assistants (id) ON DELETE CASCADE,
        weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
        start        TEXT NOT NULL CHECK (start GLOB '[0-2][0-9]:[0-5][0-9]'),
        "end"        TEXT NOT NULL CHECK ("end" GLOB '[0-2][0-9]:[0-5][0-9]'),
        kind         TEXT NOT NULL CHECK (kind IN ('aktiv', 'vantetid', 'beredskap'))
    ) STRICT;
    CREATE INDEX schedule_entries_assistant ON schedule_entries (assistant_id, weekday, start);
    "#,
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings the schema to [`SCHEMA_VERSION`] in one transaction. Writes nothing when it is
/// already there; refuses a newer schema without writing.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    if user_version(conn)? == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again under the write lock: another process may have migrated meanwhile.
    let found = user_version(&tx)?;
    if found > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for sql in &MIGRATIONS[found as usize..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    tracing::info!(
        from = found,
        to = SCHEMA_VERSION,
        "database schema migrated"
    );
    Ok(())
}

pub(super) fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}
