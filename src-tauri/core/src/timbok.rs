//! `Timbok`: the open installation (database and clock), with one method per use case.
//!
//! The app's commands and `timbok-cli` call these methods and nothing deeper, so every rule is
//! applied in one place and tested without a window.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Europe::Stockholm;

use std::collections::BTreeMap;

use crate::connection::{Target, Trust};
use crate::credentials::{self, Credential, SecretBytes, SecretStore};
use crate::endpoints::{self, Endpoints, EndpointsDraft};
use crate::error::{Error, Result};
use crate::hours::{AssistantId, Shift, ShiftId, YearMonth};
use crate::household::{
    Assistant, AssistantDraft, Household, HouseholdDraft, ProviderContactDraft,
};
use crate::import::{self, ImportFormat, ImportSummary};
use crate::planning::{self, CopySource, ScheduleEntry};
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

    /// The fixed moment as an instant (`None` on the system's clock): what a simulator run on
    /// the same clock signs at.
    pub fn fixed_instant(self) -> Option<chrono::DateTime<Utc>> {
        match self {
            Clock::System => None,
            Clock::Fixed(at) => Some(
                at.and_local_timezone(Stockholm)
                    .earliest()
                    .map(|t| t.with_timezone(&Utc))
                    .unwrap_or_else(|| at.and_utc()),
            ),
        }
    }
}

/// What the settings screen shows of the open environment: nothing secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsOverview {
    pub environment: Environment,
    /// `None` in demo (the simulator's), and until saved.
    pub endpoints: Option<Endpoints>,
    /// Which credentials are saved, never their values.
    pub credentials: BTreeMap<Credential, bool>,
}

const DEMO_HAS_NO_CREDENTIALS: crate::message::Key = crate::message::Key::DemoHasNoCredentials;

pub struct Timbok {
    store: Store,
    clock: Clock,
    environment: Environment,
}

impl Timbok {
    /// Opens (or creates) the database at `path` with the system clock, as the demo
    /// environment's (the CLI's `--db`; use `Installation` or [`Timbok::with_store`] to say another).
    pub fn open(path: &Path) -> Result<Timbok> {
        Ok(Timbok::with_store(
            Store::open(path)?,
            Clock::System,
            Environment::Demo,
        ))
    }

    /// A Timbok over an already open store of `environment`, with the given clock (tests, the
    /// CLI; the app opens through `Installation`, which knows the environment).
    pub fn with_store(store: Store, clock: Clock, environment: Environment) -> Timbok {
        Timbok {
            store,
            clock,
            environment,
        }
    }

    /// The environment this database belongs to (see `Installation`).
    pub fn in_environment(mut self, environment: Environment) -> Timbok {
        self.environment = environment;
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Whether something waits on the network: a report queued or being sent, or an invoice
    /// waiting for FK's answer (the app then starts its services at launch).
    pub fn has_pending_work(&self) -> Result<bool> {
        Ok(self.store.outbox_busy()? || !self.store.waiting_invoices()?.is_empty())
    }

    /// For the other facade modules of this crate (reports, invoice): writes go through
    /// `Timbok` methods, never through the store from outside.
    pub(crate) fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The environment this database belongs to (see `Installation`); demo unless opened
    /// through `Installation` for another one.
    pub fn environment(&self) -> Result<Environment> {
        Ok(self.environment)
    }

    /// Refuses unless this is the demo environment (resetting sample data, for one).
    pub fn require_demo(&self) -> Result<()> {
        if self.environment == Environment::Demo {
            Ok(())
        } else {
            Err(Error::invalid_input(crate::message::Key::DemoOnly))
        }
    }

    pub fn household(&self) -> Result<Option<Household>> {
        self.store.household()
    }

    /// The environment, its endpoints and which credentials are saved. In demo nothing is read
    /// from the keyring (the simulator brings its own test credentials; all show as not saved).
    pub fn settings(&self, secrets: &dyn SecretStore) -> Result<SettingsOverview> {
        Ok(SettingsOverview {
            environment: self.environment,
            endpoints: self.endpoints()?,
            credentials: self.credentials(secrets)?,
        })
    }

    /// The saved endpoints of this environment; `None` in demo and until saved.
    pub fn endpoints(&self) -> Result<Option<Endpoints>> {
        if self.environment == Environment::Demo {
            return Ok(None);
        }
        endpoints::load(&self.store)
    }

    /// One form field as typed, checked by the rules its save command uses (the forms' feedback
    /// on leaving a field): `field` is the save's field path (`person.personnummer`,
    /// `signer.phone`, `provider.organisationsnummer`, `grantedHoursPerMonth`, `personnummer`,
    /// `phone`, `erakBaseUrl`, `erakSigningOrigin`, `eltUrl`, `bankidBaseUrl`,
    /// `erakKeyHeader`) and a weekday of the weekly schedule (`schedule.0` … `schedule.6`, the
    /// text as it would be stored). `Ok` holds the value as it would be saved (`None`: empty, allowed);
    /// the error is the save's, with its field; a field it does not know is an internal error.
    pub fn check_field(&self, field: &str, text: &str) -> Result<Option<String>> {
        if let Some(weekday) = field
            .strip_prefix("schedule.")
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| *n <= 6)
        {
            let day = planning::ScheduleDay {
                weekday,
                text: text.to_owned(),
            };
            let entries = planning::read_schedule_day(AssistantId(0), &day)?;
            let text = planning::schedule_days(&entries, AssistantId(0))
                .swap_remove(usize::from(weekday))
                .text;
            return Ok(Some(text).filter(|t| !t.is_empty()));
        }
        if let Some(checked) = crate::household::check_form_field(field, text, self.clock.today()) {
            return checked;
        }
        match endpoints::check_form_field(field, text, self.environment) {
            Some(checked) => checked.map(Some),
            None => Err(Error::Internal(crate::message::Key::Internal.into())),
        }
    }

    /// Validates the draft for this environment (https outside demo) and saves it.
    pub fn save_endpoints(&mut self, draft: &EndpointsDraft) -> Result<Endpoints> {
        if self.environment == Environment::Demo {
            return Err(Error::invalid_input(
                crate::message::Key::DemoEndpointsFixed,
            ));
        }
        let endpoints = draft.validate(self.environment)?;
        endpoints::save(&mut self.store, &endpoints)?;
        tracing::info!(environment = self.environment.as_str(), "endpoints saved");
        Ok(endpoints)
    }

    /// Which credentials of this environment are saved (all `false` in demo, without asking
    /// the keyring).
    pub fn credentials(&self, secrets: &dyn SecretStore) -> Result<BTreeMap<Credential, bool>> {
        if self.environment == Environment::Demo {
            return Ok(Credential::ALL.into_iter().map(|c| (c, false)).collect());
        }
        secrets.presence(self.environment)
    }

    /// Checks and saves one credential of this environment in `secrets` (the OS keyring): a
    /// .p12 and its passphrase must open together when both are saved. Returns the presence.
    pub fn store_credential(
        &self,
        secrets: &dyn SecretStore,
        credential: Credential,
        secret: SecretBytes,
    ) -> Result<BTreeMap<Credential, bool>> {
        if self.environment == Environment::Demo {
            return Err(Error::invalid_input(DEMO_HAS_NO_CREDENTIALS));
        }
        let secret = credentials::check(secrets, self.environment, credential, secret)?;
        secrets.set(self.environment, credential, &secret)?;
        secrets.presence(self.environment)
    }

    /// Removes one credential of this environment; returns the presence.
    pub fn delete_credential(
        &self,
        secrets: &dyn SecretStore,
        credential: Credential,
    ) -> Result<BTreeMap<Credential, bool>> {
        if self.environment == Environment::Demo {
            return Err(Error::invalid_input(DEMO_HAS_NO_CREDENTIALS));
        }
        secrets.delete(self.environment, credential)?;
        secrets.presence(self.environment)
    }

    /// What the connection test of FK test or production talks to: the saved endpoints, with
    /// the OS's trust store. (Demo's target comes from the simulator running in the app.)
    pub fn connection_target(&self) -> Result<Target> {
        if self.environment == Environment::Demo {
            return Err(Error::invalid_input(
                crate::message::Key::DemoConnectionSimulated,
            ));
        }
        let endpoints = self
            .endpoints()?
            .ok_or_else(|| Error::invalid_input(crate::message::Key::EndpointsNotSaved))?;
        Ok(Target {
            environment: self.environment,
            endpoints,
            trust: Trust::System,
        })
    }

    /// Validates the draft and saves it; returns what was stored.
    pub fn save_household(&mut self, draft: &HouseholdDraft) -> Result<Household> {
        self.save_household_with_provider_contact(draft, &ProviderContactDraft::default())
    }

    /// [`Timbok::save_household`] with the anordnare's contact person and phone.
    pub fn save_household_with_provider_contact(
        &mut self,
        draft: &HouseholdDraft,
        contact: &ProviderContactDraft,
    ) -> Result<Household> {
        let household = draft.validate_with_provider_contact(contact, self.clock.today())?;
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

    /// Adds a shift unless the assistant already has one with the same start, end and kind
    /// (a batch of shifts run again after an interruption adds only what is missing). Returns
    /// the stored shift and whether it was added now.
    pub fn add_shift_once(&mut self, draft: &ShiftDraft) -> Result<(Shift, bool)> {
        if draft.id.is_some() {
            return Err(Error::invalid_input(
                crate::message::Key::ShiftAlreadyExists,
            ));
        }
        self.store.insert_shift_unless_present(&draft.validate()?)
    }

    /// Deletes a shift; `undo_delete_shift` brings it back.
    pub fn delete_shift(&mut self, id: ShiftId) -> Result<()> {
        self.store.delete_shift(id)
    }

    pub fn undo_delete_shift(&mut self, id: ShiftId) -> Result<Shift> {
        self.store.undo_delete_shift(id)
    }

    /// Copies a day, a week or last month (only `assistant`'s shifts when given). Copies that
    /// would overlap a shift already entered are skipped; returns the added shifts and the
    /// number skipped.
    pub fn copy_shifts(
        &mut self,
        source: CopySource,
        assistant: Option<AssistantId>,
    ) -> Result<(Vec<Shift>, usize)> {
        let (from, until) = planning::source_range(source);
        let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight");
        let shifts = self
            .store
            .shifts_overlapping(midnight(from), midnight(until))?;
        let copies = planning::copy_shifts(&shifts, source, assistant);
        self.store.insert_shifts_skipping_overlaps(&copies)
    }

    pub fn schedule(&self) -> Result<Vec<ScheduleEntry>> {
        self.store.schedule()
    }

    /// Replaces one assistant's weekly schedule.
    pub fn save_schedule(
        &mut self,
        assistant: AssistantId,
        entries: &[ScheduleEntry],
    ) -> Result<()> {
        if entries
            .iter()
            .any(|e| e.assistant_id != assistant || e.weekday > 6)
        {
            return Err(Error::invalid_input(
                crate::message::Key::ScheduleOtherAssistant,
            ));
        }
        if self.store.assistant(assistant)?.is_none() {
            return Err(Error::NotFound(crate::error::Entity::Assistant));
        }
        self.store.replace_schedule(assistant, entries)
    }

    /// One assistant's weekly schedule as text, Monday to Sunday ([`planning::ScheduleDay`]).
    pub fn schedule_days(&self, assistant: AssistantId) -> Result<Vec<planning::ScheduleDay>> {
        Ok(planning::schedule_days(&self.store.schedule()?, assistant))
    }

    /// Replaces one assistant's weekly schedule with the weekdays' texts (a weekday left out
    /// has no shift). The first unreadable text is `Error::Invalid` on field `schedule.N`
    /// naming the piece; nothing is saved then. Returns the schedule as saved (texts written
    /// the core's way).
    pub fn save_schedule_days(
        &mut self,
        assistant: AssistantId,
        days: &[planning::ScheduleDay],
    ) -> Result<Vec<planning::ScheduleDay>> {
        let mut entries = Vec::new();
        for day in days {
            entries.extend(planning::read_schedule_day(assistant, day)?);
        }
        self.save_schedule(assistant, &entries)?;
        self.schedule_days(assistant)
    }

    /// Fills `month` from the weekly schedule (one assistant, or all), skipping days where a
    /// scheduled shift would overlap one already entered.
    pub fn prefill_from_schedule(
        &mut self,
        month: YearMonth,
        assistant: Option<AssistantId>,
    ) -> Result<(Vec<Shift>, usize)> {
        let shifts = planning::schedule_shifts(&self.store.schedule()?, month, assistant);
        self.store.insert_shifts_skipping_overlaps(&shifts)
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
        Timbok::with_store(
            Store::open_in_memory().unwrap(),
            Clock::Fixed(now),
            crate::settings::Environment::Demo,
        )
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
    fn settings_of_fk_test_hold_endpoints_and_credential_presence() {
        use crate::credentials::MemorySecrets;
        let mut t = timbok().in_environment(Environment::FkTest);
        let secrets = MemorySecrets::default();
        let overview = t.settings(&secrets).unwrap();
        assert_eq!(overview.environment, Environment::FkTest);
        assert_eq!(overview.endpoints, None);
        assert!(overview.credentials.values().all(|present| !present));
        assert!(
            t.connection_target().is_err(),
            "nothing to test before saving"
        );

        let draft = crate::endpoints::tests::draft();
        let saved = t.save_endpoints(&draft).unwrap();
        assert_eq!(t.endpoints().unwrap(), Some(saved.clone()));
        let target = t.connection_target().unwrap();
        assert_eq!(target.endpoints, saved);
        assert!(matches!(target.trust, Trust::System));
        let mut bad = draft;
        bad.elt_url = "http://elt.example.se".into();
        assert_eq!(t.save_endpoints(&bad).unwrap_err().field(), Some("eltUrl"));
        assert_eq!(
            t.endpoints().unwrap(),
            Some(saved),
            "a refused draft changes nothing"
        );

        let presence = t
            .store_credential(&secrets, Credential::ErakKey, SecretBytes::new("k-1"))
            .unwrap();
        assert!(presence[&Credential::ErakKey]);
        assert!(t.settings(&secrets).unwrap().credentials[&Credential::ErakKey]);
        let presence = t.delete_credential(&secrets, Credential::ErakKey).unwrap();
        assert!(!presence[&Credential::ErakKey]);
    }

    #[test]
    fn demo_keeps_no_endpoints_or_credentials() {
        use crate::credentials::MemorySecrets;
        let mut t = timbok();
        let secrets = MemorySecrets::default();
        let overview = t.settings(&secrets).unwrap();
        assert_eq!(overview.endpoints, None);
        assert_eq!(overview.credentials.len(), Credential::ALL.len());
        assert!(t.save_endpoints(&crate::endpoints::tests::draft()).is_err());
        assert!(t
            .store_credential(&secrets, Credential::ErakKey, SecretBytes::new("k"))
            .is_err());
        assert!(t.delete_credential(&secrets, Credential::ErakKey).is_err());
        assert!(t.connection_target().is_err());
        assert!(secrets
            .presence(Environment::Demo)
            .unwrap()
            .values()
            .all(|p| !p));
    }

    /// The message key and field of a refused check.
    fn refusal(t: &Timbok, field: &str, text: &str) -> (String, Option<String>) {
        match t.check_field(field, text).unwrap_err() {
            e @ (Error::Invalid { .. } | Error::InvalidId { .. }) => {
                let field = match &e {
                    Error::Invalid { field, .. } => field.clone(),
                    Error::InvalidId { field, .. } => Some(field.clone()),
                    _ => None,
                };
                (e.message().key.as_str().to_owned(), field)
            }
            other => panic!("{field}: {other:?}"),
        }
    }

    #[test]
    fn check_field_answers_as_the_save_would() {
        let t = Timbok::with_store(
            Store::open_in_memory().unwrap(),
            Clock::Fixed(
                NaiveDate::from_ymd_opt(2026, 11, 10)
                    .unwrap()
                    .and_hms_opt(10, 0, 0)
                    .unwrap(),
            ),
            Environment::FkTest,
        );
        // Normalized as saved; empty is allowed (the form decides what is required).
        let ok = |field: &str, text: &str| t.check_field(field, text).unwrap();
        assert_eq!(
            ok("person.personnummer", "121212-1212").as_deref(),
            Some("201212121212")
        );
        assert_eq!(
            ok("provider.organisationsnummer", "202100-5521").as_deref(),
            Some("2021005521")
        );
        assert_eq!(
            ok("signer.phone", " 070-123 45 67 ").as_deref(),
            Some("070-123 45 67")
        );
        assert_eq!(ok("grantedHoursPerMonth", "300").as_deref(), Some("300"));
        assert_eq!(ok("phone", ""), None);
        assert_eq!(ok("personnummer", "  "), None);
        assert_eq!(
            ok("erakKeyHeader", "X-Api-Key").as_deref(),
            Some("X-Api-Key")
        );
        assert!(ok("eltUrl", "https://elt.example.se/tidredovisning").is_some());
        // Refused with the save's key and field.
        let cases = [
            (
                "person.personnummer",
                "121212-1213",
                "id.personnummer_check_digit",
            ),
            (
                "signer.personnummer",
                "197010632391",
                "household.samordningsnummer_cannot_sign",
            ),
            (
                "provider.organisationsnummer",
                "2021005522",
                "id.organisationsnummer_check_digit",
            ),
            ("signer.phone", "070 12", "household.phone_digits"),
            ("phone", "070-abc", "household.phone_characters"),
            (
                "grantedHoursPerMonth",
                "745",
                "household.granted_hours_range",
            ),
            (
                "grantedHoursPerMonth",
                "tre",
                "household.granted_hours_range",
            ),
            (
                "erakBaseUrl",
                "http://erak.example.se",
                "endpoints.url_not_https",
            ),
            (
                "erakSigningOrigin",
                "https://sign.example.se/path",
                "endpoints.url_only_origin",
            ),
            (
                "bankidBaseUrl",
                "https://u:p@bankid.example.se",
                "endpoints.url_has_credentials",
            ),
            ("erakKeyHeader", "X Api", "endpoints.key_header_characters"),
            (
                "signer.phone",
                "070 - 123 - 45 - 67 - 8",
                "household.phone_too_long",
            ),
            ("schedule.3", "8-", "day_text.format"),
            ("schedule.0", "8-25", "day_text.time"),
            ("schedule.6", "22-07 x", "day_text.kind"),
        ];
        for (field, text, key) in cases {
            assert_eq!(
                refusal(&t, field, text),
                (key.to_owned(), Some(field.to_owned())),
                "{field} {text:?}"
            );
        }
        // The assistant may have a samordningsnummer.
        assert!(ok("personnummer", "197010632391").is_some());
        // A weekday of the weekly schedule, written the core's way.
        assert_eq!(
            ok("schedule.2", "22-7 b; 0830-1615").as_deref(),
            Some("8:30-16:15, 22-07 b")
        );
        assert_eq!(ok("schedule.5", " , "), None);
        for field in ["note", "schedule.7", "schedule.x"] {
            assert!(
                matches!(t.check_field(field, "8-16"), Err(Error::Internal(_))),
                "{field}"
            );
        }
    }

    #[test]
    fn a_fresh_install_is_in_demo_mode() {
        assert_eq!(timbok().environment().unwrap(), Environment::Demo);
    }

    fn draft(assistant: AssistantId, start: &str, end: &str) -> ShiftDraft {
        ShiftDraft {
            id: None,
            assistant_id: assistant,
            start: start.into(),
            end: end.into(),
            kind: "aktiv".into(),
            note: None,
        }
    }

    #[test]
    fn shifts_are_saved_even_when_they_break_a_rule_and_show_as_findings() {
        let mut t = timbok();
        t.import(JSON, ImportFormat::Json).unwrap();
        let anna = t.assistants().unwrap()[0].id;
        // Overlaps the imported night shift: saved (nothing typed is lost), flagged as an error.
        let saved = t
            .save_shift(&draft(anna, "2026-10-25T06:00", "2026-10-25T10:00"))
            .unwrap();
        let sheet = t.month_sheet(YearMonth::parse("2026-10").unwrap()).unwrap();
        assert!(sheet.has_errors());
        assert!(sheet
            .findings
            .iter()
            .any(|f| f.code.as_str() == "overlap" && f.shift_id.is_some()));
        // Unreadable input is refused with the field named.
        let error = t
            .save_shift(&draft(anna, "2026-10-25 6", "2026-10-25T10:00"))
            .unwrap_err();
        assert_eq!(error.field(), Some("start"));
        // Delete and undo.
        t.delete_shift(saved.id).unwrap();
        assert!(!t
            .month_sheet(YearMonth::parse("2026-10").unwrap())
            .unwrap()
            .has_errors());
        t.undo_delete_shift(saved.id).unwrap();
        assert!(t
            .month_sheet(YearMonth::parse("2026-10").unwrap())
            .unwrap()
            .has_errors());
    }

    #[test]
    fn adding_a_shift_twice_stores_it_once() {
        let mut t = timbok();
        t.import(JSON, ImportFormat::Json).unwrap();
        let anna = t.assistants().unwrap()[0].id;
        let before = shift_count(&t);
        let day = draft(anna, "2026-10-05T08:00", "2026-10-05T16:00");
        let (first, added) = t.add_shift_once(&day).unwrap();
        assert!(added);
        let (again, added) = t.add_shift_once(&day).unwrap();
        assert!(!added);
        assert_eq!(again, first);
        assert_eq!(shift_count(&t), before + 1);
        // Another kind of time, or another end, is another shift (an overlap finding).
        let waiting = ShiftDraft {
            kind: "vantetid".into(),
            ..day.clone()
        };
        assert!(t.add_shift_once(&waiting).unwrap().1);
        let longer = draft(anna, "2026-10-05T08:00", "2026-10-05T17:00");
        assert!(t.add_shift_once(&longer).unwrap().1);
        // A deleted shift does not count: adding it again brings it back as a new row.
        t.delete_shift(first.id).unwrap();
        let (back, added) = t.add_shift_once(&day).unwrap();
        assert!(added);
        assert_ne!(back.id, first.id);
        // An existing shift is changed with save_shift, never through this.
        let with_id = ShiftDraft {
            id: Some(back.id),
            ..day
        };
        assert!(t.add_shift_once(&with_id).is_err());
        assert_eq!(shift_count(&t), before + 3);
    }

    #[test]
    fn copying_never_doubles_hours() {
        let mut t = timbok();
        t.import(JSON, ImportFormat::Json).unwrap();
        let anna = t.assistants().unwrap()[0].id;
        t.save_shift(&draft(anna, "2026-10-05T08:00", "2026-10-05T16:00"))
            .unwrap();
        let week = CopySource::Week {
            from: NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 10, 12).unwrap(),
        };
        let (added, skipped) = t.copy_shifts(week, None).unwrap();
        assert_eq!((added.len(), skipped), (1, 0));
        let (added, skipped) = t.copy_shifts(week, None).unwrap();
        assert_eq!((added.len(), skipped), (0, 1));
    }

    #[test]
    fn schedule_prefills_a_month_around_what_is_entered() {
        use crate::hours::{TimeKind, WallTime};
        let mut t = timbok();
        t.import(JSON, ImportFormat::Json).unwrap();
        let anna = t.assistants().unwrap()[0].id;
        let entry = ScheduleEntry {
            assistant_id: anna,
            weekday: 5, // Saturday
            start: WallTime::parse("22:00").unwrap(),
            end: WallTime::parse("07:00").unwrap(),
            kind: TimeKind::Aktiv,
        };
        t.save_schedule(anna, &[entry]).unwrap();
        assert_eq!(t.schedule().unwrap(), [entry]);
        // October 2026 has five Saturdays; the 24th already has the imported night.
        let (added, skipped) = t
            .prefill_from_schedule(YearMonth::parse("2026-10").unwrap(), None)
            .unwrap();
        assert_eq!((added.len(), skipped), (4, 1));
        let other = ScheduleEntry {
            assistant_id: AssistantId(999),
            ..entry
        };
        assert!(t.save_schedule(anna, &[other]).is_err());
    }
}
