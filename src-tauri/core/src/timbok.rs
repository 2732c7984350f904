//! `Timbok`: the open installation (database and clock), with one method per use case.
//!
//! The app's commands and `timbok-cli` call these methods and nothing deeper, so every rule is
//! applied in one place and tested without a window.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Europe::Stockholm;

use crate::error::{Error, Result};
use crate::hours::{AssistantId, Shift, ShiftId, YearMonth};
use crate::household::{Assistant, AssistantDraft, Household, HouseholdDraft};
use crate::import::{self, ImportFormat, ImportSummary};
use crate::settings::Environment;
use crate::sheet::{self, MonthSheet, ShiftDraft};
use crate::store::Store;

/// The name of the database file in the data folder.
pub const DATABASE_FILE_NAME: &str = "timbok.sqlite3";

/// Where "now" comes from: the system clock, or a fixed moment (tests, reproducible demos).
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(NaiveDateTime),
}

impl Clock {
    /// The current wall-clock time in Europe/Stockholm.
    pub fn now(self) -> NaiveDateTime {
        match self {
            Clock::System => Utc::now().with_timezone(&Stockholm).naive_local(),
            Clock::Fixed(at) => at,
        }
    }

    pub fn today(self) -> NaiveDate {
        self.now().date()
    }
}

pub struct Timbok {
    store: Store,
    clock: Clock,
}

impl Timbok {
    /// Opens (or creates) the database at `path` with the system clock.
    pub fn open(path: &Path) -> Result<Timbok> {
        Ok(Timbok {
            store: Store::open(path)?,
            clock: Clock::System,
        })
    }

    /// A Timbok over an already open store, with the given clock (tests, the CLI).
    pub fn with_store(store: Store, clock: Clock) -> Timbok {
        Timbok { store, clock }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The environment the app talks to; a fresh install is in demo mode.
    pub fn environment(&self) -> Result<Environment> {
        Ok(self
            .store
            .setting(Environment::KEY)?
            .as_deref()
            .and_then(Environment::parse)
            .unwrap_or(Environment::Demo))
    }

    pub fn household(&self) -> Result<Option<Household>> {
        self.store.household()
    }

    /// Validates the draft and saves it; returns what was stored.
    pub fn save_household(&mut self, draft: &HouseholdDraft) -> Result<Household> {
        let household = draft.validate(self.clock.today())?;
        self.store.save_household(&household)?;
        Ok(household)
    }

    pub fn assistants(&self) -> Result<Vec<Assistant>> {
        self.store.assistants()
    }

    /// Validates the draft, then creates the assistant (no id) or updates it.
    pub fn save_assistant(&mut self, draft: &AssistantDraft) -> Result<Assistant> {
        let (id, assistant) = draft.validate(self.clock.today())?;
        self.store.save_assistant(id, assistant)
    }

    pub fn delete_assistant(&mut self, id: AssistantId) -> Result<()> {
        self.store.delete_assistant(id)
    }

    /// The month's rows, totals and findings for every assistant.
    pub fn month_sheet(&self, month: YearMonth) -> Result<MonthSheet> {
        sheet::month_sheet(&self.store, month, self.clock.today())
    }

    /// Creates (no id) or changes a shift. Only unreadable fields are refused; a shift that
    /// breaks a rule is saved and reported as a finding of its month.
    pub fn save_shift(&mut self, draft: &ShiftDraft) -> Result<Shift> {
        let new = draft.validate()?;
        match draft.id {
            None => self.store.insert_shift(&new),
            Some(id) => {
                let shift = new.with_id(id);
                self.store.update_shift(&shift)?;
                Ok(shift)
            }
        }
    }

    /// Deletes a shift; `undo_delete_shift` brings it back.
    pub fn delete_shift(&mut self, id: ShiftId) -> Result<()> {
        self.store.delete_shift(id)
    }

    pub fn undo_delete_shift(&mut self, id: ShiftId) -> Result<Shift> {
        self.store.undo_delete_shift(id)
    }

    /// Imports a file's text all-or-nothing: every problem is listed in
    /// `Error::ImportRejected`, and then nothing has been written.
    pub fn import(&mut self, text: &str, format: ImportFormat) -> Result<ImportSummary> {
        let plan =
            import::parse(text, format, self.clock.today()).map_err(Error::ImportRejected)?;
        self.store.import(&plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Position;

    fn timbok() -> Timbok {
        let now = NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        Timbok::with_store(Store::open_in_memory().unwrap(), Clock::Fixed(now))
    }

    const JSON: &str = r#"{"person": {"personnummer": "191212121212", "first_name": "Tolvan", "last_name": "Tolvansson"},
        "granted_hours_per_month": 300,
        "assistants": [{"personnummer": "198112189876", "first_name": "Anna", "last_name": "Assistent", "employed_by_person": true}],
        "shifts": [{"assistant": "198112189876", "start": "2026-10-24T22:00", "end": "2026-10-25T07:00", "kind": "aktiv"}]}"#;

    fn shift_count(t: &Timbok) -> usize {
        let from = NaiveDate::from_ymd_opt(2000, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let to = NaiveDate::from_ymd_opt(2100, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        t.store().shifts_overlapping(from, to).unwrap().len()
    }

    #[test]
    fn json_import_then_csv_adds_shifts() {
        let mut t = timbok();
        let summary = t.import(JSON, ImportFormat::Json).unwrap();
        assert_eq!(
            summary,
            ImportSummary {
                household_saved: true,
                assistants_added: 1,
                shifts_added: 1
            }
        );
        assert_eq!(
            t.household().unwrap().unwrap().granted_hours_per_month,
            Some(300)
        );
        let csv = "assistent_personnummer;start;slut;typ\n198112189876;2026-10-26T08:00;2026-10-26T16:00;aktiv\n";
        let summary = t.import(csv, ImportFormat::Csv).unwrap();
        assert_eq!(
            summary,
            ImportSummary {
                household_saved: false,
                assistants_added: 0,
                shifts_added: 1
            }
        );
        assert_eq!(shift_count(&t), 2);
    }

    #[test]
    fn importing_the_same_file_twice_is_refused_and_changes_nothing() {
        let mut t = timbok();
        t.import(JSON, ImportFormat::Json).unwrap();
        let Err(Error::ImportRejected(problems)) = t.import(JSON, ImportFormat::Json) else {
            panic!("expected a refusal")
        };
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].position, Position::Path("shifts[0]".into()));
        assert_eq!(shift_count(&t), 1);
    }

    #[test]
    fn one_bad_line_rejects_the_whole_file() {
        let mut t = timbok();
        // Line 2 is fine, line 3 names an assistant that exists nowhere: nothing is written,
        // not even the household of a JSON file with the same problem.
        let csv = "assistent_personnummer;start;slut;typ\n198112189876;2026-10-26T08:00;2026-10-26T16:00;aktiv\n191212121212;2026-10-27T08:00;2026-10-27T16:00;aktiv\n";
        t.import(JSON, ImportFormat::Json).unwrap();
        let Err(Error::ImportRejected(problems)) = t.import(csv, ImportFormat::Csv) else {
            panic!("expected a refusal")
        };
        assert_eq!(
            problems
                .iter()
                .map(|p| p.position.clone())
                .collect::<Vec<_>>(),
            [Position::Line(3)]
        );
        assert_eq!(shift_count(&t), 1);

        let mut fresh = timbok();
        let bad = JSON.replace(
            "\"assistant\": \"198112189876\"",
            "\"assistant\": \"191212121212\"",
        );
        assert!(matches!(
            fresh.import(&bad, ImportFormat::Json),
            Err(Error::ImportRejected(_))
        ));
        assert!(fresh.household().unwrap().is_none());
        assert!(fresh.assistants().unwrap().is_empty());
    }

    #[test]
    fn a_file_of_another_person_is_refused() {
        let mut t = timbok();
        t.import(JSON, ImportFormat::Json).unwrap();
        let other = JSON
            .replace("191212121212", "198112189876")
            .replace("2026-10-24T22:00", "2026-10-20T22:00")
            .replace("2026-10-25T07:00", "2026-10-21T07:00");
        let Err(Error::ImportRejected(problems)) = t.import(&other, ImportFormat::Json) else {
            panic!("expected a refusal")
        };
        assert_eq!(problems[0].position, Position::Path("person".into()));
        assert_eq!(shift_count(&t), 1);
    }

    #[test]
    fn a_fresh_install_is_in_demo_mode() {
        assert_eq!(timbok().environment().unwrap(), Environment::Demo);
    }
}
