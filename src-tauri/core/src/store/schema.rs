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
    // 3: time reports (locked documents, BankID signatures, the ELT outbox), the invoice, the
    // call journal. Triggers keep the lock honest for every writer of `shifts`: a change to a
    // shift unlocks (deletes) the current report of each month it touches, which discards its
    // signatures, and is refused while that report is queued, being sent or sent.
    r#"
    -- One stable UUID per assistant and month: the report keeps it through unlock and re-lock.
    CREATE TABLE report_ids (
        assistant_id INTEGER NOT NULL REFERENCES assistants (id) ON DELETE CASCADE,
        month        TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
        report_id    TEXT NOT NULL UNIQUE,
        PRIMARY KEY (assistant_id, month)
    ) STRICT;

    -- A locked time report. state is the outbox's: the signed states are derived from which
    -- signatures are present. A row whose superseded_at is set is history (a correction
    -- replaced it); at most one current row per assistant and month.
    CREATE TABLE time_reports (
        id                  INTEGER PRIMARY KEY AUTOINCREMENT,
        assistant_id        INTEGER NOT NULL REFERENCES assistants (id) ON DELETE RESTRICT,
        month               TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
        report_id           TEXT NOT NULL,
        document            BLOB NOT NULL,
        sha256              TEXT NOT NULL CHECK (length(sha256) = 64),
        locked_at           TEXT NOT NULL,
        assistant_signature TEXT,
        assistant_ocsp      TEXT,
        assistant_signed_at TEXT,
        employer_signature  TEXT,
        employer_ocsp       TEXT,
        employer_signed_at  TEXT,
        state               TEXT NOT NULL DEFAULT 'locked'
            CHECK (state IN ('locked', 'queued', 'sending', 'sent', 'rejected', 'uncertain', 'paper')),
        tx_id               TEXT,
        sent_at             TEXT,
        attempts            INTEGER NOT NULL DEFAULT 0,
        next_attempt_at     TEXT,
        problem             TEXT,
        raw_reply           TEXT,
        superseded_at       TEXT,
        CHECK ((assistant_signature IS NULL) = (assistant_ocsp IS NULL)),
        CHECK ((employer_signature IS NULL) = (employer_ocsp IS NULL)),
        CHECK (state NOT IN ('queued', 'sending', 'sent')
               OR (assistant_signature IS NOT NULL AND employer_signature IS NOT NULL)),
        CHECK (state <> 'sent' OR sent_at IS NOT NULL)
    ) STRICT;
    CREATE UNIQUE INDEX time_reports_current ON time_reports (assistant_id, month)
        WHERE superseded_at IS NULL;
    CREATE INDEX time_reports_outbox ON time_reports (state, next_attempt_at)
        WHERE state IN ('queued', 'sending');

    -- The one pacing row of the installation: when the last ELT request was started (UTC,
    -- milliseconds). Written in the same transaction that claims a report, before sending.
    CREATE TABLE elt_pace (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        last_request_ms INTEGER NOT NULL
    ) STRICT;

    CREATE TRIGGER shifts_insert_report BEFORE INSERT ON shifts
    BEGIN
        SELECT RAISE(ABORT, 'timbok:report_in_outbox') FROM time_reports
         WHERE superseded_at IS NULL AND assistant_id = NEW.assistant_id
           AND state IN ('queued', 'sending', 'sent', 'uncertain')
           AND month IN (substr(NEW.start, 1, 7), substr(datetime(NEW."end", '-1 minute'), 1, 7));
        DELETE FROM time_reports
         WHERE superseded_at IS NULL AND assistant_id = NEW.assistant_id
           AND state IN ('locked', 'paper')
           AND month IN (substr(NEW.start, 1, 7), substr(datetime(NEW."end", '-1 minute'), 1, 7));
        UPDATE time_reports SET superseded_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE superseded_at IS NULL AND assistant_id = NEW.assistant_id AND state = 'rejected'
           AND month IN (substr(NEW.start, 1, 7), substr(datetime(NEW."end", '-1 minute'), 1, 7));
    END;

    CREATE TRIGGER shifts_update_report BEFORE UPDATE ON shifts
    BEGIN
        SELECT RAISE(ABORT, 'timbok:report_in_outbox') FROM time_reports
         WHERE superseded_at IS NULL AND state IN ('queued', 'sending', 'sent', 'uncertain')
           AND ((assistant_id = OLD.assistant_id
                 AND month IN (substr(OLD.start, 1, 7), substr(datetime(OLD."end", '-1 minute'), 1, 7)))
             OR (assistant_id = NEW.assistant_id
                 AND month IN (substr(NEW.start, 1, 7), substr(datetime(NEW."end", '-1 minute'), 1, 7))));
        DELETE FROM time_reports
         WHERE superseded_at IS NULL AND state IN ('locked', 'paper')
           AND ((assistant_id = OLD.assistant_id
                 AND month IN (substr(OLD.start, 1, 7), substr(datetime(OLD."end", '-1 minute'), 1, 7)))
             OR (assistant_id = NEW.assistant_id
                 AND month IN (substr(NEW.start, 1, 7), substr(datetime(NEW."end", '-1 minute'), 1, 7))));
        UPDATE time_reports SET superseded_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE superseded_at IS NULL AND state = 'rejected'
           AND ((assistant_id = OLD.assistant_id
                 AND month IN (substr(OLD.start, 1, 7), substr(datetime(OLD."end", '-1 minute'), 1, 7)))
             OR (assistant_id = NEW.assistant_id
                 AND month IN (substr(NEW.start, 1, 7), substr(datetime(NEW."end", '-1 minute'), 1, 7))));
    END;

    -- The invoice of a month: the answers as typed (JSON), and where its submission stands.
    CREATE TABLE invoices (
        month         TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
        answers       TEXT NOT NULL,
        status        TEXT NOT NULL DEFAULT 'draft'
            CHECK (status IN ('draft', 'waiting', 'received', 'cancelled', 'expired')),
        fingerprint   TEXT,
        submitted_at  TEXT,
        received_at   TEXT,
        problems      TEXT NOT NULL DEFAULT '[]',
        message       TEXT,
        updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        CHECK (status NOT IN ('waiting', 'received') OR fingerprint IS NOT NULL)
    ) STRICT;

    -- Every call to E-RÄK, ELT and BankID; body is redacted before it is written.
    CREATE TABLE call_journal (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        at          TEXT NOT NULL,
        service     TEXT NOT NULL CHECK (service IN ('erak', 'elt', 'bankid')),
        endpoint    TEXT NOT NULL,
        status      INTEGER,
        duration_ms INTEGER NOT NULL,
        fingerprint TEXT,
        body        TEXT NOT NULL
    ) STRICT;
    "#,
    // 4: what FK's tidredovisning schema (1.8) can say: the anordnare's contact person and
    // phone; per assistant, who employs them when the person does not, and their calculation
    // periods. The defaults (the anordnare employs; 4-week periods from Monday 2024-01-01)
    // give documents FK's schema accepts.
    r#"
    ALTER TABLE household ADD COLUMN provider_contact_person TEXT;
    ALTER TABLE household ADD COLUMN provider_phone TEXT;

    ALTER TABLE assistants ADD COLUMN employer_kind TEXT NOT NULL DEFAULT 'provider'
        CHECK (employer_kind IN ('provider', 'other', 'self_employed'));
    ALTER TABLE assistants ADD COLUMN employer_name TEXT;
    ALTER TABLE assistants ADD COLUMN employer_organisationsnummer TEXT
        CHECK (length(employer_organisationsnummer) = 10);
    ALTER TABLE assistants ADD COLUMN period_start TEXT NOT NULL DEFAULT '2024-01-01'
        CHECK (period_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
    ALTER TABLE assistants ADD COLUMN period_weeks INTEGER NOT NULL DEFAULT 4
        CHECK (period_weeks BETWEEN 1 AND 52);
    "#,
    // 5: E-RÄK's unknowns (issue 12, item 7): an outcome that only the return link or the signal
    // reported, not (yet) confirmed by the status API. Only a waiting invoice has one.
    r#"
    ALTER TABLE invoices ADD COLUMN reported TEXT
        CHECK (reported IS NULL OR reported IN ('received', 'cancelled', 'expired'));
    ALTER TABLE invoices ADD COLUMN reported_at TEXT;
    "#,
    // 6: the month screen's unsaved day texts (drafts), kept here rather than in the web
    // view's storage (a note may carry a name). A draft goes once its day is saved, and with
    // its assistant.
    r#"
    CREATE TABLE drafts (
        month        TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
        assistant_id INTEGER NOT NULL REFERENCES assistants (id) ON DELETE CASCADE,
        date         TEXT NOT NULL
            CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        text         TEXT NOT NULL,
        updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (month, assistant_id, date)
    ) STRICT;
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

impl super::Store {
    /// What `PRAGMA integrity_check` finds wrong with the whole file (every page, table and
    /// index; slower than the `quick_check` run at open): empty when the file is sound. Reads
    /// only. For support and the crash trials.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare("PRAGMA integrity_check")?;
        let lines = statement
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(lines.into_iter().filter(|line| line != "ok").collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::household::{AssistantEmployer, CalculationPeriods, Employment};
    use crate::store::Store;

    #[test]
    fn integrity_check_finds_a_damaged_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("timbok.sqlite3");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.integrity_problems().unwrap(), Vec::<String>::new());
        // An index that no longer matches its table: rows changed behind the index's back.
        store
            .conn
            .execute_batch(
                "CREATE TABLE probe (n INTEGER);
                 CREATE INDEX probe_n ON probe (n);
                 INSERT INTO probe VALUES (1), (2), (3);
                 PRAGMA writable_schema = ON;
                 UPDATE sqlite_schema SET sql = 'CREATE INDEX probe_n ON probe (n + 1)'
                  WHERE name = 'probe_n';
                 PRAGMA writable_schema = OFF;",
            )
            .unwrap();
        drop(store);
        // Opening runs only `quick_check`, which does not compare an index with its table.
        let damaged = Store::open(&path).unwrap();
        assert!(!damaged.integrity_problems().unwrap().is_empty());
    }

    /// A database written by the previous version (schema 3) opens with the new columns'
    /// defaults: the anordnare employs, 4-week periods from 2024-01-01, no contact or phone of
    /// the anordnare. Those give documents FK's schema accepts (see elt/document.rs).
    #[test]
    fn a_version_3_database_migrates_with_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("timbok.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..3] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 3).unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            conn.execute_batch(
                "INSERT INTO household (id, person_personnummer, person_first_name, person_last_name,
                    person_phone, signer_role, employment, provider_name, provider_organisationsnummer)
                 VALUES (1, '191212121212', 'Tolvan', 'Tolvansson', '070-123 45 67', 'self', 'buys',
                    'Assistans AB', '5560360793');
                 INSERT INTO assistants (personnummer, first_name, last_name, phone,
                    employed_by_person, collective_agreement)
                 VALUES ('198112189876', 'Anna', 'Assistent', NULL, 0, 1);",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let household = store.household().unwrap().unwrap();
        assert_eq!(household.employment, Employment::Buys);
        let provider = household.provider.unwrap();
        assert_eq!((provider.contact_person, provider.phone), (None, None));
        let assistants = store.assistants().unwrap();
        assert_eq!(assistants.len(), 1);
        assert_eq!(assistants[0].employer, AssistantEmployer::Provider);
        assert_eq!(
            assistants[0].calculation_periods,
            CalculationPeriods::default()
        );
        assert!(assistants[0].collective_agreement);
    }
}
