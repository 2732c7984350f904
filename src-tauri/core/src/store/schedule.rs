//! The recurring weekly schedule, one row per entry.

use rusqlite::{params, TransactionBehavior};

use super::Store;
use crate::error::{Error, Result};
use crate::hours::{AssistantId, Shift, TimeKind, WallTime};
use crate::planning::ScheduleEntry;
use crate::store::NewShift;

impl Store {
    /// Every entry, by assistant, weekday and start.
    pub fn schedule(&self) -> Result<Vec<ScheduleEntry>> {
        let mut statement = self.conn.prepare(
            r#"SELECT assistant_id, weekday, start, "end", kind FROM schedule_entries
               ORDER BY assistant_id, weekday, start"#,
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, u8>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
            ))
        })?;
        let mut entries = Vec::new();
        for row in rows {
            let (assistant, weekday, start, end, kind) = row?;
            let (Some(start), Some(end), Some(kind)) = (
                WallTime::parse(&start),
                WallTime::parse(&end),
                TimeKind::parse(&kind),
            ) else {
                return Err(Error::invalid_input(
                    crate::message::Key::ScheduleUnreadable,
                ));
            };
            entries.push(ScheduleEntry {
                assistant_id: AssistantId(assistant),
                weekday,
                start,
                end,
                kind,
            });
        }
        Ok(entries)
    }

    /// Replaces one assistant's entries.
    pub fn replace_schedule(
        &mut self,
        assistant: AssistantId,
        entries: &[ScheduleEntry],
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM schedule_entries WHERE assistant_id = ?1",
            [assistant.0],
        )?;
        for e in entries {
            tx.execute(
                r#"INSERT INTO schedule_entries (assistant_id, weekday, start, "end", kind) VALUES (?1, ?2, ?3, ?4, ?5)"#,
                params![assistant.0, e.weekday, e.start.to_string(), e.end.to_string(), e.kind.as_str()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Adds every shift that does not overlap a stored shift of the same assistant (nor one
    /// added before it here), in one transaction. Returns the added shifts and how many were
    /// skipped.
    pub fn insert_shifts_skipping_overlaps(
        &mut self,
        shifts: &[NewShift],
    ) -> Result<(Vec<Shift>, usize)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut added = Vec::new();
        let mut skipped = 0;
        for new in shifts {
            if new.end <= new.start
                || super::shifts::overlapping_in(&tx, new.assistant_id, new.start, new.end)?
            {
                skipped += 1;
                continue;
            }
            let id = super::shifts::insert_in(&tx, new)?;
            added.push(new.clone().with_id(id));
        }
        tx.commit()?;
        tracing::info!(added = added.len(), skipped, "shifts added in a batch");
        Ok((added, skipped))
    }
}
