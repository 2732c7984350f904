//! `Timbok`: the open installation (database and clock), with one method per use case.
//!
//! The app's commands and `timbok-cli` call these methods and nothing deeper, so every rule is
//! applied in one place and tested without a window.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Europe::Stockholm;

use crate::error::Result;
use crate::hours::AssistantId;
use crate::household::{Assistant, AssistantDraft, Household, HouseholdDraft};
use crate::settings::Environment;
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
}
