//! Shifts. A delete only marks the row (`deleted_at`), so it can be undone; reads skip marked
//! rows. The store keeps what the user entered even when it breaks a rule (an end before the
//! start, an overlap): those are findings of [`crate::hours`], shown before signing.

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};

use super::{time_from_db, time_to_db, Store};
use crate::error::{Entity, Error, Result};
use crate::hours::{AssistantId, Shift, ShiftId, TimeKind};

/// The longest shift the store keeps, in hours. Longer input is refused (it is almost always
/// a mistyped date), which lets reads by time use the start index with a bounded range.
pub const MAX_SHIFT_HOURS: i64 = 48;

/// A shift that has no id yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewShift {
    pub assistant_id: AssistantId,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub kind: TimeKind,
    pub note: Option<String>,
}

impl NewShift {
    pub fn with_id(self, id: ShiftId) -> Shift {
        Shift {
            id,
            assistant_id: self.assistant_id,
            start: self.start,
            end: self.end,
            kind: self.kind,
            note: self.note,
        }
    }
}

pub(super) const COLUMNS: &str = r#"id, assistant_id, start, "end", kind, note"#;

impl Store {
    /// Adds a shift; `Error::NotFound` if the assistant does not exist. Times must be whole
    /// minutes (`Error::Invalid` on field `start` or `end`).
    pub fn insert_shift(&mut self, new: &NewShift) -> Result<Shift> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = insert_in(&tx, new)?;
        tx.commit()?;
        tracing::debug!(
            shift_id = id.0,
            assistant_id = new.assistant_id.0,
            "shift added"
        );
        Ok(new.clone().with_id(id))
    }

    /// Adds a shift unless the assistant already has one (not deleted) with the same start,
    /// end and kind, in one transaction: a batch run again after an interruption adds only
    /// what is missing. Returns the stored shift and whether it was added now.
    pub fn insert_shift_unless_present(&mut self, new: &NewShift) -> Result<(Shift, bool)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found = tx
            .query_row(
                &format!(
                    r#"SELECT {COLUMNS} FROM shifts WHERE assistant_id = ?1 AND start = ?2
                       AND "end" = ?3 AND kind = ?4 AND deleted_at IS NULL ORDER BY id LIMIT 1"#
                ),
                params![
                    new.assistant_id.0,
                    time_to_db("start", new.start)?,
                    time_to_db("end", new.end)?,
                    new.kind.as_str()
                ],
                from_row,
            )
            .optional()?;
        if let Some(shift) = found {
            return Ok((shift, false));
        }
        let id = insert_in(&tx, new)?;
        tx.commit()?;
        tracing::debug!(
            shift_id = id.0,
            assistant_id = new.assistant_id.0,
            "shift added"
        );
        Ok((new.clone().with_id(id), true))
    }

    /// Replaces the stored shift with the same id; `Error::NotFound` if it does not exist or is
    /// deleted, or if the assistant does not exist.
    pub fn update_shift(&mut self, shift: &Shift) -> Result<()> {
        check_length(shift.start, shift.end)?;
        let start = time_to_db("start", shift.start)?;
        let end = time_to_db("end", shift.end)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        require_assistant(&tx, shift.assistant_id)?;
        let changed = tx.execute(
            r#"UPDATE shifts SET assistant_id = ?2, start = ?3, "end" = ?4, kind = ?5, note = ?6,
                   updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
               WHERE id = ?1 AND deleted_at IS NULL"#,
            params![
                shift.id.0,
                shift.assistant_id.0,
                start,
                end,
                shift.kind.as_str(),
                shift.note
            ],
        )?;
        if changed == 0 {
            return Err(Error::NotFound(Entity::Shift));
        }
        tx.commit()?;
        tracing::debug!(shift_id = shift.id.0, "shift updated");
        Ok(())
    }

    /// Marks a shift deleted (undo with [`Store::undo_delete_shift`]); `Error::NotFound` if it
    /// does not exist or is already deleted.
    pub fn delete_shift(&mut self, id: ShiftId) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let changed = tx.execute(
            "UPDATE shifts SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE id = ?1 AND deleted_at IS NULL",
            [id.0],
        )?;
        if changed == 0 {
            return Err(Error::NotFound(Entity::Shift));
        }
        tx.commit()?;
        tracing::debug!(shift_id = id.0, "shift deleted");
        Ok(())
    }

    /// Brings a deleted shift back and returns it. A shift that is not deleted is returned as
    /// it is; one that no longer exists gives `Error::NotFound`.
    pub fn undo_delete_shift(&mut self, id: ShiftId) -> Result<Shift> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE shifts SET deleted_at = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id.0],
        )?;
        let sql = format!("SELECT {COLUMNS} FROM shifts WHERE id = ?1");
        let shift = tx
            .query_row(&sql, [id.0], from_row)
            .optional()?
            .ok_or(Error::NotFound(Entity::Shift))?;
        tx.commit()?;
        tracing::debug!(shift_id = id.0, "shift restored");
        Ok(shift)
    }

    /// The shift with this id, unless it is deleted.
    pub fn shift(&self, id: ShiftId) -> Result<Option<Shift>> {
        let sql = format!("SELECT {COLUMNS} FROM shifts WHERE id = ?1 AND deleted_at IS NULL");
        Ok(self.conn.query_row(&sql, [id.0], from_row).optional()?)
    }

    /// Shifts (not deleted) that overlap `[from, to)`: `start < to` and `end > from`, ordered by
    /// assistant, start. A shift whose end is not after its start is included when its start
    /// lies in `[from, to)`, so a mistyped shift still shows up in its month.
    pub fn shifts_overlapping(&self, from: NaiveDateTime, to: NaiveDateTime) -> Result<Vec<Shift>> {
        // A shift is at most MAX_SHIFT_HOURS long (checked on every write), so its start is no
        // earlier than that before `from`: a bounded range the start index can use.
        let earliest = time_to_db("from", from - chrono::Duration::hours(MAX_SHIFT_HOURS))?;
        let from = time_to_db("from", from)?;
        let to = time_to_db("to", to)?;
        let sql = format!(
            r#"SELECT {COLUMNS} FROM shifts
               WHERE deleted_at IS NULL AND start >= ?3 AND start < ?2 AND ("end" > ?1 OR start >= ?1)
               ORDER BY assistant_id, start, id"#
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let shifts = statement
            .query_map([from, to, earliest], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(shifts)
    }

    /// All shifts (not deleted) of one assistant, by start.
    pub fn shifts_of_assistant(&self, id: AssistantId) -> Result<Vec<Shift>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM shifts WHERE assistant_id = ?1 AND deleted_at IS NULL
             ORDER BY start, id"
        );
        let mut statement = self.conn.prepare(&sql)?;
        let shifts = statement
            .query_map([id.0], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(shifts)
    }
}

pub(super) fn require_assistant(tx: &rusqlite::Connection, id: AssistantId) -> Result<()> {
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM assistants WHERE id = ?1)",
        [id.0],
        |row| row.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(Error::NotFound(Entity::Assistant))
    }
}

pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Shift> {
    let text = |index: usize| -> rusqlite::Result<NaiveDateTime> {
        let value: String = row.get(index)?;
        time_from_db(&value).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                index,
                rusqlite::types::Type::Text,
                Box::new(e),
            )
        })
    };
    let kind: String = row.get(4)?;
    let kind = TimeKind::parse(&kind).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            4,
            rusqlite::types::Type::Text,
            "unknown kind of time".into(),
        )
    })?;
    Ok(Shift {
        id: ShiftId(row.get(0)?),
        assistant_id: AssistantId(row.get(1)?),
        start: text(2)?,
        end: text(3)?,
        kind,
        note: row.get(5)?,
    })
}

/// Inserts inside the caller's transaction (also used by a whole-file import).
pub(super) fn insert_in(tx: &rusqlite::Connection, new: &NewShift) -> Result<ShiftId> {
    check_length(new.start, new.end)?;
    let start = time_to_db("start", new.start)?;
    let end = time_to_db("end", new.end)?;
    require_assistant(tx, new.assistant_id)?;
    tx.execute(
        r#"INSERT INTO shifts (assistant_id, start, "end", kind, note)
           VALUES (?1, ?2, ?3, ?4, ?5)"#,
        params![new.assistant_id.0, start, end, new.kind.as_str(), new.note],
    )?;
    Ok(ShiftId(tx.last_insert_rowid()))
}

/// Whether a stored shift (not deleted) of the assistant overlaps `[start, end)`.
pub(super) fn overlapping_in(
    conn: &rusqlite::Connection,
    assistant: AssistantId,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> Result<bool> {
    let start = time_to_db("start", start)?;
    let end = time_to_db("end", end)?;
    Ok(conn.query_row(
        r#"SELECT EXISTS (SELECT 1 FROM shifts WHERE assistant_id = ?1 AND deleted_at IS NULL
               AND start < ?3 AND "end" > ?2)"#,
        params![assistant.0, start, end],
        |row| row.get(0),
    )?)
}

pub(super) fn check_length(start: NaiveDateTime, end: NaiveDateTime) -> Result<()> {
    if end - start > chrono::Duration::hours(MAX_SHIFT_HOURS) {
        return Err(Error::invalid(
            "end",
            crate::message::Key::ShiftTooLongStored,
        ));
    }
    Ok(())
}
