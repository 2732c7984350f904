//! Assistants: one row each, unique by personnummer.

use rusqlite::{params, OptionalExtension, Row, Transaction, TransactionBehavior};

use super::Store;
use crate::error::{Entity, Error, Result};
use crate::hours::AssistantId;
use crate::household::{
    sort_by_name, Assistant, AssistantEmployer, CalculationPeriods, NewAssistant,
};
use crate::identity::{Organisationsnummer, PersonalId};
use chrono::NaiveDate;

const COLUMNS: &str = "id, personnummer, first_name, last_name, phone, employed_by_person,
    collective_agreement, employer_kind, employer_name, employer_organisationsnummer,
    period_start, period_weeks";

impl Store {
    /// All assistants, by last name then first name in Swedish alphabetical order.
    pub fn assistants(&self) -> Result<Vec<Assistant>> {
        let sql = format!("SELECT {COLUMNS} FROM assistants");
        let mut statement = self.conn.prepare(&sql)?;
        let mut assistants = statement
            .query_map([], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        sort_by_name(&mut assistants);
        Ok(assistants)
    }

    pub fn assistant(&self, id: AssistantId) -> Result<Option<Assistant>> {
        let sql = format!("SELECT {COLUMNS} FROM assistants WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id.0], from_row).optional()?)
    }

    /// Adds an assistant. Another assistant with the same personnummer is refused
    /// (`Error::Invalid` on field `personnummer`).
    pub fn insert_assistant(&mut self, new: &NewAssistant) -> Result<Assistant> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = insert_in(&tx, new)?;
        tx.commit()?;
        tracing::info!(assistant_id = id.0, "assistant added");
        Ok(new.clone().with_id(id))
    }

    /// Replaces the stored assistant with the same id; `Error::NotFound` if there is none.
    pub fn update_assistant(&mut self, assistant: &Assistant) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if !exists(&tx, assistant.id)? {
            return Err(Error::NotFound(Entity::Assistant));
        }
        refuse_duplicate(&tx, &assistant.personnummer, Some(assistant.id))?;
        tx.execute(
            "UPDATE assistants SET personnummer = ?2, first_name = ?3, last_name = ?4,
                phone = ?5, employed_by_person = ?6, collective_agreement = ?7,
                employer_kind = ?8, employer_name = ?9, employer_organisationsnummer = ?10,
                period_start = ?11, period_weeks = ?12,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE id = ?1",
            params![
                assistant.id.0,
                assistant.personnummer,
                assistant.first_name,
                assistant.last_name,
                assistant.phone,
                assistant.employed_by_person,
                assistant.collective_agreement,
                assistant.employer.kind(),
                employer_name(&assistant.employer),
                employer_organisationsnummer(&assistant.employer),
                assistant
                    .calculation_periods
                    .start
                    .format("%Y-%m-%d")
                    .to_string(),
                assistant.calculation_periods.weeks,
            ],
        )?;
        tx.commit()?;
        tracing::info!(assistant_id = assistant.id.0, "assistant updated");
        Ok(())
    }

    /// Inserts (`id` `None`) or updates (`Some`) and returns the stored assistant: the shape of
    /// [`crate::household::AssistantDraft::validate`]'s result.
    pub fn save_assistant(
        &mut self,
        id: Option<AssistantId>,
        assistant: NewAssistant,
    ) -> Result<Assistant> {
        match id {
            None => self.insert_assistant(&assistant),
            Some(id) => {
                let assistant = assistant.with_id(id);
                self.update_assistant(&assistant)?;
                Ok(assistant)
            }
        }
    }

    /// Removes an assistant. Refused (`Error::Invalid`, no field) while the assistant has shifts
    /// that are not deleted; deleted shifts kept for undo go with the assistant.
    pub fn delete_assistant(&mut self, id: AssistantId) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if !exists(&tx, id)? {
            return Err(Error::NotFound(Entity::Assistant));
        }
        let shifts: i64 = tx.query_row(
            "SELECT count(*) FROM shifts WHERE assistant_id = ?1 AND deleted_at IS NULL",
            [id.0],
            |row| row.get(0),
        )?;
        if shifts > 0 {
            return Err(Error::invalid_input(
                crate::message::Message::new(crate::message::Key::AssistantHasShifts)
                    .number("shifts", shifts),
            ));
        }
        let purged = tx.execute("DELETE FROM shifts WHERE assistant_id = ?1", [id.0])?;
        tx.execute("DELETE FROM assistants WHERE id = ?1", [id.0])?;
        tx.commit()?;
        tracing::info!(
            assistant_id = id.0,
            purged_deleted_shifts = purged,
            "assistant deleted"
        );
        Ok(())
    }
}

fn exists(tx: &Transaction<'_>, id: AssistantId) -> Result<bool> {
    Ok(tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM assistants WHERE id = ?1)",
        [id.0],
        |row| row.get(0),
    )?)
}

fn refuse_duplicate(
    tx: &rusqlite::Connection,
    personnummer: &PersonalId,
    except: Option<AssistantId>,
) -> Result<()> {
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM assistants WHERE personnummer = ?1 AND id IS NOT ?2)",
        params![personnummer, except.map(|id| id.0)],
        |row| row.get(0),
    )?;
    if taken {
        return Err(Error::invalid(
            "personnummer",
            crate::message::Key::AssistantDuplicate,
        ));
    }
    Ok(())
}

fn employer_name(employer: &AssistantEmployer) -> Option<&str> {
    match employer {
        AssistantEmployer::Other { name, .. } => name.as_deref(),
        _ => None,
    }
}

fn employer_organisationsnummer(employer: &AssistantEmployer) -> Option<&Organisationsnummer> {
    match employer {
        AssistantEmployer::Other {
            organisationsnummer,
            ..
        } => Some(organisationsnummer),
        _ => None,
    }
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Assistant> {
    let kind: String = row.get(7)?;
    let employer = match (kind.as_str(), row.get::<_, Option<Organisationsnummer>>(9)?) {
        ("other", Some(organisationsnummer)) => AssistantEmployer::Other {
            name: row.get(8)?,
            organisationsnummer,
        },
        ("self_employed", _) => AssistantEmployer::SelfEmployed,
        _ => AssistantEmployer::Provider,
    };
    let start: String = row.get(10)?;
    let start = NaiveDate::parse_from_str(&start, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(10, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Assistant {
        id: AssistantId(row.get(0)?),
        personnummer: row.get(1)?,
        first_name: row.get(2)?,
        last_name: row.get(3)?,
        phone: row.get(4)?,
        employed_by_person: row.get(5)?,
        collective_agreement: row.get(6)?,
        employer,
        calculation_periods: CalculationPeriods {
            start,
            weeks: row.get(11)?,
        },
    })
}

/// Inserts inside the caller's transaction (also used by a whole-file import).
pub(super) fn insert_in(tx: &rusqlite::Connection, new: &NewAssistant) -> Result<AssistantId> {
    refuse_duplicate(tx, &new.personnummer, None)?;
    tx.execute(
        "INSERT INTO assistants (personnummer, first_name, last_name, phone,
            employed_by_person, collective_agreement, employer_kind, employer_name,
            employer_organisationsnummer, period_start, period_weeks)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            new.personnummer,
            new.first_name,
            new.last_name,
            new.phone,
            new.employed_by_person,
            new.collective_agreement,
            new.employer.kind(),
            employer_name(&new.employer),
            employer_organisationsnummer(&new.employer),
            new.calculation_periods.start.format("%Y-%m-%d").to_string(),
            new.calculation_periods.weeks,
        ],
    )?;
    Ok(AssistantId(tx.last_insert_rowid()))
}

/// Every assistant's personnummer (12 digits) and id, inside the caller's transaction.
pub(super) fn ids_in(conn: &rusqlite::Connection) -> Result<Vec<(String, AssistantId)>> {
    let mut statement = conn.prepare("SELECT personnummer, id FROM assistants")?;
    let rows = statement
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, AssistantId(row.get(1)?)))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
