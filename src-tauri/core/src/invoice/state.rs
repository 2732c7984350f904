//! The invoice screen's state of one month ([`InvoiceState`], docs/ipc.md "Invoice (E-RÄK)"):
//! the household's scenario and its questions, the answers as typed (or, the first time,
//! pre-filled from the household), the month's totals, where the submission stands, and the
//! due date. Saving answers goes through [`Timbok::save_invoice_answers`].
//!
//! Decisions:
//! - The scenario is always the household's (`Household::scenario`); a change of household
//!   changes the questions, the answers of other scenarios stay in the draft (see
//!   [`super`]'s module doc).
//! - Nothing is written when a month is only looked at: the pre-filled draft is stored the
//!   first time answers are saved (or a submit is refused).
//! - Answers are stored as typed and never refused for their content; only the status refuses
//!   a save (waiting for the signature, or received: `Error::NotAllowed`).
//! - `questions` lists only the typed questions (the month, the person and the totals are
//!   shown, not asked).

use chrono::NaiveDate;
use serde::Serialize;

use super::{prefill, question_texts, questions, Answers, FieldProblem, QuestionId};
use crate::error::{Entity, Error, Result};
use crate::hours::{Totals, YearMonth};
use crate::household::{Household, Scenario};
use crate::Timbok;

/// Where the invoice of a month stands (docs/ipc.md, `InvoiceStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InvoiceStatus {
    /// Being filled in, or back after a refusal, a network error or "Avbryt" in Timbok.
    Draft,
    /// E-RÄK accepted it (fingerprint); FK's page waits for the signature.
    Waiting,
    /// Försäkringskassan has received it.
    Received,
    /// Cancelled on FK's page.
    Cancelled,
    /// Not signed in time at FK.
    Expired,
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 5] = [
        InvoiceStatus::Draft,
        InvoiceStatus::Waiting,
        InvoiceStatus::Received,
        InvoiceStatus::Cancelled,
        InvoiceStatus::Expired,
    ];

    /// The wire and column token (`draft`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Draft => "draft",
            InvoiceStatus::Waiting => "waiting",
            InvoiceStatus::Received => "received",
            InvoiceStatus::Cancelled => "cancelled",
            InvoiceStatus::Expired => "expired",
        }
    }

    pub fn parse(token: &str) -> Option<InvoiceStatus> {
        InvoiceStatus::ALL.into_iter().find(|s| s.as_str() == token)
    }
}

/// Everything the invoice screen shows of one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceState {
    pub month: YearMonth,
    /// The household's scenario.
    pub scenario: Scenario,
    /// The scenario's typed questions, in the seed's order.
    pub questions: Vec<QuestionId>,
    /// The Ja/Nej questions' texts, naming the person with assistance when someone else
    /// fills in ([`QuestionId::text`]).
    pub question_texts: Vec<(QuestionId, crate::message::Message)>,
    pub answers: Answers,
    /// All assistants' minutes actually worked (DST-correct), per kind of time.
    pub totals: Totals,
    pub status: InvoiceStatus,
    pub fingerprint: Option<String>,
    pub submitted_at: Option<String>,
    pub received_at: Option<String>,
    /// From the last submit: ours or FK's 400, each on its field.
    pub problems: Vec<FieldProblem>,
    /// What is happening or what went wrong.
    pub message: Option<crate::message::Message>,
    /// While `waiting`: the outcome FK's page reported (the return link or the signal) that
    /// E-RÄK's status API has not confirmed yet; Timbok keeps asking. Never final by itself.
    pub reported: Option<InvoiceStatus>,
    pub reported_at: Option<String>,
    /// The 5th of the second month after the month.
    pub due: NaiveDate,
    /// The month's hours are above the granted hours (its `above_granted_hours` finding).
    pub granted_hours_warning: Option<crate::message::Message>,
}

/// The typed questions of `scenario` for `answers` (the last month of the period opens four
/// more in D–F).
pub fn typed_questions(scenario: Scenario, answers: &Answers) -> Vec<QuestionId> {
    questions(scenario, answers.last_month_of_period == Some(true))
        .into_iter()
        .filter(|q| q.is_typed())
        .collect()
}

pub(crate) fn require_household(timbok: &Timbok) -> Result<Household> {
    timbok
        .household()?
        .ok_or(Error::NotFound(Entity::Household))
}

impl Timbok {
    /// The invoice of `month`: the saved draft and status, or (nothing saved yet) a draft
    /// pre-filled from the household. Needs the household.
    pub fn invoice_state(&self, month: YearMonth) -> Result<InvoiceState> {
        let household = require_household(self)?;
        let sheet = self.month_sheet(month)?;
        let totals = sheet.totals;
        let granted_hours_warning = sheet.granted_hours_warning();
        let stored = self.store().invoice(month)?;
        let scenario = household.scenario();
        let texts = question_texts(scenario, &household.person.first_name);
        let state = match stored {
            Some(s) => InvoiceState {
                month,
                scenario,
                questions: typed_questions(scenario, &s.answers),
                question_texts: texts,
                answers: s.answers,
                totals,
                status: s.status,
                fingerprint: s.fingerprint,
                submitted_at: s.submitted_at,
                received_at: s.received_at,
                problems: s.problems,
                message: s.message,
                reported: s.reported,
                reported_at: s.reported_at,
                due: month.due_date(),
                granted_hours_warning,
            },
            None => {
                let answers = prefill(&household);
                InvoiceState {
                    month,
                    scenario,
                    questions: typed_questions(scenario, &answers),
                    question_texts: texts,
                    answers,
                    totals,
                    status: InvoiceStatus::Draft,
                    fingerprint: None,
                    submitted_at: None,
                    received_at: None,
                    problems: Vec::new(),
                    message: None,
                    reported: None,
                    reported_at: None,
                    due: month.due_date(),
                    granted_hours_warning,
                }
            }
        };
        Ok(state)
    }

    /// Stores the answers as typed (never refused for their content) and returns the new
    /// state. Refused (`Error::NotAllowed`) while the invoice waits for the signature or after
    /// FK received it.
    pub fn save_invoice_answers(
        &mut self,
        month: YearMonth,
        answers: &Answers,
    ) -> Result<InvoiceState> {
        require_household(self)?;
        self.store_mut().save_invoice_answers(month, answers)?;
        self.invoice_state(month)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::demo;
    use crate::household::SignerRole;
    use crate::invoice::testing::{household, minimal_answers, SCENARIOS};
    use crate::invoice::LssKind;
    use crate::store::Store;
    use crate::Clock;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 4, 10)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    fn march() -> YearMonth {
        YearMonth::new(2025, 3).unwrap()
    }

    fn demo_timbok(path: &std::path::Path) -> Timbok {
        let mut store = Store::open(path).unwrap();
        demo::seed(&mut store, now().date()).unwrap();
        Timbok::with_store(
            store,
            Clock::Fixed(now()),
            crate::settings::Environment::Demo,
        )
    }

    #[test]
    fn a_new_month_is_prefilled_from_the_household_with_the_scenarios_questions() {
        let dir = tempfile::tempdir().unwrap();
        let t = demo_timbok(&dir.path().join("t.sqlite3"));
        let state = t.invoice_state(march()).unwrap();
        assert_eq!(state.scenario, Scenario::E);
        assert_eq!(state.status, InvoiceStatus::Draft);
        assert_eq!(state.answers.signer_role, Some(SignerRole::Vardnadshavare));
        assert_eq!(state.answers.signer_personnummer, "19840307-9984");
        assert_eq!(state.answers.signer_name_in_print, "Maria Demosson");
        assert_eq!(state.answers.phone, "070-174 06 11");
        assert_eq!(state.answers.lss_activity, None);
        use QuestionId::*;
        assert_eq!(
            state.questions,
            [
                LssActivity,
                HospitalStay,
                OutsideEea,
                Phone,
                LastMonthOfPeriod,
                Signer
            ]
        );
        assert_eq!(state.due, NaiveDate::from_ymd_opt(2025, 5, 5).unwrap());
        // The totals are the month sheet's, all assistants.
        assert_eq!(state.totals, t.month_sheet(march()).unwrap().totals);
        assert!(state.totals.aktiv > 0 && state.totals.beredskap > 0);
        // Looking writes nothing.
        assert_eq!(t.store().invoice(march()).unwrap(), None);
    }

    #[test]
    fn answers_survive_reopening_the_database_file_and_open_more_questions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        let mut answers = minimal_answers(Scenario::E);
        answers.lss_activity = Some(true);
        answers.lss_kinds = vec![LssKind::Barnomsorg];
        answers.last_month_of_period = Some(true);
        answers.costs.wages = "12 oj".into(); // stored as typed, not checked here
        {
            let mut t = demo_timbok(&path);
            let state = t.save_invoice_answers(march(), &answers).unwrap();
            assert_eq!(state.answers, answers);
            assert!(state.questions.contains(&QuestionId::Costs));
        }
        let t = Timbok::with_store(
            Store::open(&path).unwrap(),
            Clock::Fixed(now()),
            crate::settings::Environment::Demo,
        );
        let state = t.invoice_state(march()).unwrap();
        assert_eq!(state.answers, answers);
        assert_eq!(state.status, InvoiceStatus::Draft);
        use QuestionId::*;
        assert_eq!(
            state.questions,
            [
                LssActivity,
                HospitalStay,
                OutsideEea,
                Phone,
                LastMonthOfPeriod,
                Costs,
                Period,
                MoneyLeft,
                Repayment,
                Signer
            ]
        );
        // Another month is still the household's pre-filled draft.
        assert_eq!(
            t.invoice_state(march().prev()).unwrap().answers,
            prefill(&t.household().unwrap().unwrap())
        );
    }

    #[test]
    fn each_scenario_asks_its_own_questions() {
        for scenario in SCENARIOS {
            let mut t = Timbok::with_store(
                Store::open_in_memory().unwrap(),
                Clock::Fixed(now()),
                crate::settings::Environment::Demo,
            );
            t.store_mut().save_household(&household(scenario)).unwrap();
            let state = t.invoice_state(march()).unwrap();
            assert_eq!(state.scenario, scenario);
            let buys = matches!(scenario, Scenario::A | Scenario::B | Scenario::C);
            assert_eq!(state.questions.contains(&QuestionId::PreviousPayment), buys);
            assert_eq!(
                state.questions.contains(&QuestionId::LastMonthOfPeriod),
                !buys
            );
            assert_eq!(
                state.questions.contains(&QuestionId::Signer),
                !matches!(scenario, Scenario::A | Scenario::D)
            );
            assert!(state.questions.iter().all(|q| q.is_typed()));
        }
    }

    #[test]
    fn without_a_household_there_is_no_invoice() {
        let mut t = Timbok::with_store(
            Store::open_in_memory().unwrap(),
            Clock::Fixed(now()),
            crate::settings::Environment::Demo,
        );
        assert!(matches!(
            t.invoice_state(march()),
            Err(Error::NotFound(Entity::Household))
        ));
        assert!(matches!(
            t.save_invoice_answers(march(), &Answers::default()),
            Err(Error::NotFound(Entity::Household))
        ));
    }

    #[test]
    fn status_tokens_round_trip() {
        for s in InvoiceStatus::ALL {
            assert_eq!(InvoiceStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        assert_eq!(InvoiceStatus::parse("Draft"), None);
    }
}
