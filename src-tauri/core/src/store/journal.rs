//! The call journal as stored: one row per call to E-RÄK, ELT or BankID. Bodies arrive here
//! already redacted ([`crate::journal::redact`]).

use rusqlite::params;

use super::Store;
use crate::error::Result;

/// One call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallRecord {
    /// Local wall clock `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    /// `erak`, `elt` or `bankid`.
    pub service: String,
    /// `POST /public/v1/create`.
    pub endpoint: String,
    pub status: Option<u16>,
    pub duration_ms: u64,
    /// The E-RÄK fingerprint the call is about, when known.
    pub fingerprint: Option<String>,
    /// Redacted body.
    pub body: String,
}

/// The journal keeps this many calls; older ones are removed.
pub const JOURNAL_LIMIT: i64 = 5_000;

impl Store {
    pub fn journal_call(&mut self, call: &CallRecord) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO call_journal (at, service, endpoint, status, duration_ms, fingerprint, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                call.at,
                call.service,
                call.endpoint,
                call.status,
                call.duration_ms as i64,
                call.fingerprint,
                call.body
            ],
        )?;
        tx.execute(
            "DELETE FROM call_journal WHERE id <= (SELECT max(id) FROM call_journal) - ?1",
            [JOURNAL_LIMIT],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Newest first; only calls about `fingerprint` when given.
    pub fn journal(&self, fingerprint: Option<&str>, limit: usize) -> Result<Vec<CallRecord>> {
        let mut statement = self.conn.prepare(
            "SELECT at, service, endpoint, status, duration_ms, fingerprint, body FROM call_journal
             WHERE ?1 IS NULL OR fingerprint = ?1 ORDER BY id DESC LIMIT ?2",
        )?;
        let rows = statement
            .query_map(params![fingerprint, limit as i64], |row| {
                Ok(CallRecord {
                    at: row.get(0)?,
                    service: row.get(1)?,
                    endpoint: row.get(2)?,
                    status: row.get(3)?,
                    duration_ms: row.get::<_, i64>(4)? as u64,
                    fingerprint: row.get(5)?,
                    body: row.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
