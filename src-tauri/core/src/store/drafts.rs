//! Drafts: the month screen's unsaved day texts, one per month, assistant and day.

use chrono::NaiveDate;
use rusqlite::TransactionBehavior;

use super::Store;
use crate::drafts::DayDraft;
use crate::error::{Entity, Error, Result};
use crate::hours::{AssistantId, YearMonth};

impl Store {
    /// The drafts of a month, by assistant and day.
    pub fn drafts(&self, month: YearMonth) -> Result<Vec<DayDraft>> {
        let mut statement = self.conn.prepare(
            "SELECT assistant_id, date, text FROM drafts WHERE month = ?1
             ORDER BY assistant_id, date",
        )?;
        let rows = statement.query_map([month.to_string()], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        let mut drafts = Vec::new();
        for row in rows {
            let (assistant, date, text) = row?;
            let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    1,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?;
            drafts.push(DayDraft {
                month,
                assistant: AssistantId(assistant),
                date,
                text,
            });
        }
        Ok(drafts)
    }

    /// Writes a draft over the one of the same month, assistant and day.
    pub fn save_draft(&mut self, draft: &DayDraft) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let known: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM assistants WHERE id = ?1)",
            [draft.assistant.0],
            |row| row.get(0),
        )?;
        if !known {
            return Err(Error::NotFound(Entity::Assistant));
        }
        tx.execute(
            "INSERT INTO drafts (month, assistant_id, date, text) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (month, assistant_id, date) DO UPDATE
                SET text = excluded.text,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            rusqlite::params![
                draft.month.to_string(),
                draft.assistant.0,
                draft.date.format("%Y-%m-%d").to_string(),
                draft.text
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a draft; removing one that is not there is not an error.
    pub fn remove_draft(
        &mut self,
        month: YearMonth,
        assistant: AssistantId,
        date: NaiveDate,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM drafts WHERE month = ?1 AND assistant_id = ?2 AND date = ?3",
            rusqlite::params![
                month.to_string(),
                assistant.0,
                date.format("%Y-%m-%d").to_string()
            ],
        )?;
        tx.commit()?;
        Ok(())
    }
}
