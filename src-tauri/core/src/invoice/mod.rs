//! The monthly invoice (räkning) to Försäkringskassan: the questions of each scenario A–F,
//! the answers as typed, and the check that turns them into an [`Invoice`] that E-RÄK's wire
//! module ([`crate::erak::wire`]) sends. domain.md "Invoice scenarios", seed 000.
//!
//! * [`Answers`]: everything the wizard asks, as typed, every field optional so a half-filled
//!   invoice can be saved (as JSON, camelCase) and restored. It is also the IPC shape the UI
//!   sends. [`prefill`] fills the signer and the phone number from the household.
//! * [`questions`]: which questions a scenario asks, in the seed's order. The UI shows these and
//!   [`validate`] checks exactly these, so the two cannot disagree.
//! * [`validate`]: all problems at once, in question order, each with a stable field id
//!   ([`field`]) and a Swedish message that says what to fix; or the checked [`Invoice`].
//! * [`money`]: amounts typed in kronor ("1 234,50") to integer öre ([`Ore`]).
//!
//! Decisions:
//! - The field ids are the question's id (`lssActivity`), or a dotted path below it for a
//!   follow-up (`lssActivity.kinds`, `hospitalStay.stays[0].from`, `costs.wages`). The yes/no
//!   answer of a question carries the question's own id.
//! - Answers to questions the scenario does not ask (another scenario's, or the last month of
//!   the period's while `lastMonthOfPeriod` is not Ja, or a follow-up of a Nej) are kept in the
//!   draft, not checked and not sent: E-RÄK refuses an invoice that carries them.
//! - Year and month, the person and the totals are shown, not typed: they come from the
//!   household and the time reports. They are in the question list (so the wizard shows them in
//!   the seed's order) but [`QuestionId::is_typed`] is false for them.
//! - Hospital stays are typed as `YYYY-MM-DDTHH:MM` (a space instead of `T` is accepted, and
//!   `24:00` as the next day's `00:00`), Europe/Stockholm wall clock: a time that does not exist
//!   (the hour skipped in spring) is refused; one that exists twice (autumn) is accepted as
//!   typed. A stay must end after it starts and overlap the invoice month; it may reach outside
//!   the month (the stay started before or goes on after it).
//! - The signer: A and D the person themself; B and E the vårdnadshavare; C and F a god man or
//!   förvaltare (asked). For B, C, E, F the signer's personnummer must be valid and not the
//!   person's, and the namnförtydligande is required.
//! - The cost period (D–F, last month) must end in the invoice month (E-RÄK's rule).
//! - A repayment choice is required in the last month of the period whether or not money is
//!   left (E-RÄK's rule: "exactly one of the two").
//!
//! Privacy: `Debug` of [`Answers`] and [`Invoice`] prints `[redacted]` for names, personnummer
//! and phone numbers. No message carries what was typed.

mod answers;
mod check;
pub mod desk;
pub mod field;
pub mod money;
mod questions;
pub mod state;

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

pub use answers::{prefill, Answers, CostsInput, LssKind, Repayment, StayInput};
pub use check::readable_hospital_stays;
pub use check::{
    validate, CheckedAnswers, Costs, FieldProblem, HospitalStay, Invoice, InvoiceSigner, PeriodEnd,
    PreviousPayment, ScenarioAnswers,
};
pub use money::{parse_kronor, MoneyError, Ore};
pub use questions::{answered_by_someone_else, question_texts, questions, QuestionId};
pub use state::{InvoiceState, InvoiceStatus};
