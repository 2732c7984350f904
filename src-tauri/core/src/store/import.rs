//! Writing an import plan: the checks that need the database (does the assistant exist, does a
//! shift overlap one already stored, is it the same person) and the writes, all in ONE
//! transaction, so a refused file leaves the database exactly as it was.

use std::collections::HashMap;

use rusqlite::TransactionBehavior;

use super::Store;
use crate::error::{Error, Result};
use crate::hours::AssistantId;
use crate::import::{ImportPlan, ImportProblem, ImportSummary, Position};
use crate::message::Key;
use crate::store::NewShift;

impl Store {
    /// Adds what the plan holds. The household is saved only if none is stored yet; a stored
    /// household of another person refuses the file. Assistants already stored (same
    /// personnummer) are kept as they are. Every shift must belong to an assistant of the file
    /// or of the database and must not overlap a stored shift of the same assistant.
    pub fn import(&mut self, plan: &ImportPlan) -> Result<ImportSummary> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut problems = Vec::new();
        let mut summary = ImportSummary::default();

        let stored = super::household::load_in(&tx)?;
        if let Some(household) = &plan.household {
            match &stored {
                Some(existing) if existing.person.personnummer != household.person.personnummer => {
                    problems.push(ImportProblem {
                        position: Position::Path("person".into()),
                        message: Key::ImportOtherPerson.into(),
                    });
                }
                Some(_) => {}
                None => {
                    super::household::save_in(&tx, household)?;
                    summary.household_saved = true;
                }
            }
        }

        let mut ids: HashMap<String, AssistantId> = HashMap::new();
        for (personnummer, id) in super::assistants::ids_in(&tx)? {
            ids.insert(personnummer, id);
        }
        for assistant in &plan.assistants {
            if !ids.contains_key(assistant.personnummer.as_str()) {
                let id = super::assistants::insert_in(&tx, assistant)?;
                ids.insert(assistant.personnummer.as_str().to_owned(), id);
                summary.assistants_added += 1;
            }
        }

        for shift in &plan.shifts {
            let Some(&assistant_id) = ids.get(shift.assistant.as_str()) else {
                problems.push(ImportProblem {
                    position: shift.position.clone(),
                    message: Key::ImportAssistantUnknown.into(),
                });
                continue;
            };
            if super::shifts::overlapping_in(&tx, assistant_id, shift.start, shift.end)? {
                problems.push(ImportProblem {
                    position: shift.position.clone(),
                    message: Key::ImportOverlapStored.into(),
                });
                continue;
            }
            let new = NewShift {
                assistant_id,
                start: shift.start,
                end: shift.end,
                kind: shift.kind,
                note: shift.note.clone(),
            };
            super::shifts::insert_in(&tx, &new)?;
            summary.shifts_added += 1;
        }

        if !problems.is_empty() {
            // Dropping the transaction rolls back everything above.
            return Err(Error::ImportRejected(problems));
        }
        tx.commit()?;
        tracing::info!(
            household = summary.household_saved,
            assistants = summary.assistants_added,
            shifts = summary.shifts_added,
            "import committed"
        );
        Ok(summary)
    }
}
