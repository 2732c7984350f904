//! A day of one assistant written as a whole: the month screen's day text, saved in one
//! transaction (a refusal on any shift leaves the day as it was).

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, TransactionBehavior};

use super::shifts::{check_length, from_row, insert_in, require_assistant, COLUMNS};
use super::{time_to_db, Store};
use crate::error::{Entity, Error, Result};
use crate::hours::day_text::{plan_day, DayPlan};
use crate::hours::{AssistantId, TimeKind};
use crate::store::NewShift;

impl Store {
    /// Makes the shifts of `assistant` that start on `date` (not deleted) exactly `wanted`, in
    /// one transaction: unchanged shifts are kept, changed ones updated in place (id and note
    /// kept), new ones added, the rest marked deleted (undo with `undo_delete_shift`). Returns
    /// what was written.
    pub fn replace_day(
        &mut self,
        assistant: AssistantId,
        date: NaiveDate,
        wanted: &[(NaiveDateTime, NaiveDateTime, TimeKind)],
    ) -> Result<DayPlan> {
        for &(start, end, _) in wanted {
            check_length(start, end)?;
        }
        let midnight = date.and_hms_opt(0, 0, 0).expect("midnight");
        let from = time_to_db("start", midnight)?;
        let until = time_to_db("start", midnight + chrono::Duration::days(1))?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        require_assistant(&tx, assistant)?;
        let existing = {
            let mut statement = tx.prepare(&format!(
                "SELECT {COLUMNS} FROM shifts WHERE assistant_id = ?1 AND deleted_at IS NULL
                 AND start >= ?2 AND start < ?3 ORDER BY start, id"
            ))?;
            let rows = statement
                .query_map(params![assistant.0, from, until], from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        let plan = plan_day(&existing, wanted);
        for (shift, (start, end, kind)) in &plan.updates {
            let changed = tx.execute(
                r#"UPDATE shifts SET start = ?2, "end" = ?3, kind = ?4,
                       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                   WHERE id = ?1 AND deleted_at IS NULL"#,
                params![
                    shift.id.0,
                    time_to_db("start", *start)?,
                    time_to_db("end", *end)?,
                    kind.as_str()
                ],
            )?;
            if changed == 0 {
                return Err(Error::NotFound(Entity::Shift));
            }
        }
        for &(start, end, kind) in &plan.creates {
            insert_in(
                &tx,
                &NewShift {
                    assistant_id: assistant,
                    start,
                    end,
                    kind,
                    note: None,
                },
            )?;
        }
        for shift in &plan.deletes {
            tx.execute(
                "UPDATE shifts SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE id = ?1 AND deleted_at IS NULL",
                [shift.id.0],
            )?;
        }
        tx.commit()?;
        tracing::debug!(
            assistant_id = assistant.0,
            updated = plan.updates.len(),
            added = plan.creates.len(),
            deleted = plan.deletes.len(),
            "day saved"
        );
        Ok(plan)
    }
}
