//! Time reports (tidsredovisningar): the life of one assistant's month from open hours to
//! "skickad, tx-id …" (elt.md, bankid.md).
//!
//! ```text
//! open ──lock──▶ locked ──BankID──▶ signed_by_assistant / signed_by_employer ──▶ signed
//!   ▲              │                                                             │ send
//!   └──unlock / any change to a shift of the month (signatures discarded)       ▼
//!                                                  queued ─▶ sending ─▶ sent(tx-id) | rejected | uncertain
//! ```
//!
//! - Lock builds the document once ([`crate::elt::document::build`]) and freezes its bytes and
//!   hash in the store; nothing is ever rebuilt after that. The report id is stable per
//!   assistant and month (kept through unlock and re-lock).
//! - A change to any shift of a locked month deletes the lock in the same transaction (schema
//!   triggers, `store/schema.rs`), which discards both signatures; while the report is queued,
//!   being sent, sent or uncertain the change is refused (`Error::NotAllowed`). A sent report is
//!   corrected by unlocking it explicitly: the sent version stays in the history.
//! - Signing: the assistant signs their own report; the employer (the person, or the guardian
//!   or ställföreträdare who signs for them) signs every locked report of the month without an
//!   employer signature in one BankID order, the entries `<id>,<sha256>` joined with `;`. The
//!   signer's personnummer from BankID must be the one the report names, or the signature is
//!   discarded. A signature is stored only if the report is still the one that was signed
//!   (same row, same hash).
//! - Assistants with only a samordningsnummer cannot sign with BankID: their report is printed
//!   on FK's own blankett 3059 ([`crate::blankett3059`], filled in from FK's file the user
//!   picked once) and handed in on paper. Filling and opening the blankett makes the report
//!   `paper_opened` (frozen, not done); only the user's "printed, signed and sent" makes it
//!   `paper` (done, with the date), and that can be taken back:
//!
//! ```text
//! open ──fill 3059──▶ paper_opened ──mark sent──▶ paper(sent_at)
//!   ▲                     │ ▲────undo─────────────────┘
//!   └──unlock / change────┘
//! ```
//!
//! Sending is [`crate::outbox`]'s job. This module holds no network code.

pub mod signing;
pub mod status;

use chrono::NaiveDate;

use crate::blankett3059::{self, Form3059};
use crate::elt::document::{self, Document, DocumentInput};
use crate::error::{Entity, Error, Result};
use crate::hours::{report_rows, AssistantId, Severity, Totals, YearMonth};
use crate::household::{Assistant, Household, SignerRole};
use crate::identity::IdKind;
use crate::message::Message;
use crate::sheet::MonthSheet;
use crate::store::{NewReport, OutboxState, StoredReport};
use crate::Timbok;
pub use status::ReportStatus;

/// One assistant's report for the month, as the screen shows it.
#[derive(Debug, Clone)]
pub struct TimeReport {
    pub assistant: Assistant,
    pub status: ReportStatus,
    pub stored: Option<StoredReport>,
    pub totals: Totals,
    pub row_count: usize,
    /// Findings of severity error about this assistant (or the whole month).
    pub blocking_errors: usize,
}

/// The month's reports.
#[derive(Debug, Clone)]
pub struct TimeReportsMonth {
    pub month: YearMonth,
    pub month_ended: bool,
    pub employer_name: String,
    pub employer_role: SignerRole,
    pub reports: Vec<TimeReport>,
    /// Something of this installation is queued or being sent.
    pub sending: bool,
    /// Where the month's sending stands, for the screen to word.
    pub send_state: SendState,
    /// The month's hours are above the granted hours (the `above_granted_hours` finding), to
    /// show before signing.
    pub granted_hours_warning: Option<Message>,
}

/// Where a month's sending stands, read from its reports' statuses (those with hours).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendState {
    /// No report has hours: nothing to send this month.
    NothingToSend,
    /// Reports are queued or being sent now.
    Sending,
    /// At least one report is signed by both and not sent.
    Ready,
    /// Every report with hours is finished: sent (or received), or handed in on paper.
    AllSent,
    /// Nothing left to sign or send with BankID, but a paper report (blankett 3059) is filled
    /// in and opened and not yet confirmed as sent.
    PaperToSend,
    /// Reports with hours still need a lock or signatures (or an answer after a rejection).
    WaitingForSignatures,
}

impl SendState {
    /// The wire token.
    pub fn as_str(self) -> &'static str {
        match self {
            SendState::NothingToSend => "nothing_to_send",
            SendState::Sending => "sending",
            SendState::Ready => "ready",
            SendState::AllSent => "all_sent",
            SendState::PaperToSend => "paper_to_send",
            SendState::WaitingForSignatures => "waiting_for_signatures",
        }
    }

    /// The state of a month whose reports with hours have these statuses.
    pub fn of(statuses: &[ReportStatus]) -> SendState {
        use ReportStatus as S;
        if statuses.is_empty() {
            SendState::NothingToSend
        } else if statuses.iter().any(|s| matches!(s, S::Queued | S::Sending)) {
            SendState::Sending
        } else if statuses.contains(&S::Signed) {
            SendState::Ready
        } else if statuses.iter().all(|s| matches!(s, S::Sent | S::Paper)) {
            SendState::AllSent
        } else if statuses
            .iter()
            .all(|s| matches!(s, S::Sent | S::Paper | S::PaperOpened))
        {
            SendState::PaperToSend
        } else {
            SendState::WaitingForSignatures
        }
    }
}

/// A report in the history of everything sent.
#[derive(Debug, Clone)]
pub struct SentReport {
    pub report: StoredReport,
    pub assistant_name: String,
}

/// Whether the month is over (a report can be locked from its first next day).
pub fn month_ended(month: YearMonth, today: NaiveDate) -> bool {
    today > month.last_day()
}

/// The local wall clock as stored (`YYYY-MM-DDTHH:MM:SS`).
pub(crate) fn stamp(timbok: &Timbok) -> String {
    timbok.clock().now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn blocking_errors(sheet: &MonthSheet, assistant: AssistantId) -> usize {
    sheet
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| f.assistant_id.is_none() || f.assistant_id == Some(assistant))
        .count()
}

fn full_name(first: &str, last: &str) -> String {
    format!("{first} {last}")
}

fn require_household(timbok: &Timbok) -> Result<Household> {
    timbok
        .household()?
        .ok_or(Error::NotFound(Entity::Household))
}

fn require_assistant(timbok: &Timbok, id: AssistantId) -> Result<Assistant> {
    timbok
        .assistants()?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(Error::NotFound(Entity::Assistant))
}

impl Timbok {
    /// Every assistant's report for the month.
    pub fn time_reports(&self, month: YearMonth) -> Result<TimeReportsMonth> {
        let household = require_household(self)?;
        let employer = document::employer(&household).map_err(Error::from)?;
        let sheet = self.month_sheet(month)?;
        let stored = self.store().month_reports(month)?;
        let reports: Vec<TimeReport> = sheet
            .assistants
            .iter()
            .map(|part| {
                let id = part.assistant.id;
                let stored = stored.iter().find(|r| r.assistant_id == id).cloned();
                TimeReport {
                    status: ReportStatus::of(stored.as_ref()),
                    stored,
                    totals: part.totals,
                    row_count: part.rows.len(),
                    blocking_errors: blocking_errors(&sheet, id),
                    assistant: part.assistant.clone(),
                }
            })
            .collect();
        let statuses: Vec<ReportStatus> = reports
            .iter()
            .filter(|r| r.row_count > 0 || r.stored.is_some())
            .map(|r| r.status)
            .collect();
        Ok(TimeReportsMonth {
            month,
            month_ended: month_ended(month, self.clock().today()),
            employer_name: full_name(&employer.first_name, &employer.last_name),
            employer_role: household.signer_role,
            reports,
            sending: self.store().outbox_busy()?,
            send_state: SendState::of(&statuses),
            granted_hours_warning: sheet.granted_hours_warning(),
        })
    }

    /// What freezing an assistant's month (a lock, or printing for paper) needs: the month has
    /// ended and its hours have no errors. `for_paper`: printing (else locking to sign).
    fn ready_to_freeze(
        &self,
        month: YearMonth,
        assistant_id: AssistantId,
        for_paper: bool,
    ) -> Result<(Household, Assistant, MonthSheet)> {
        use crate::message::{Key, Message};
        let today = self.clock().today();
        if !month_ended(month, today) {
            let key = if for_paper {
                Key::MonthNotOverPrint
            } else {
                Key::MonthNotOverLock
            };
            return Err(Error::NotAllowed(Message::new(key).date(
                "from",
                month.last_day().succ_opt().unwrap_or(month.last_day()),
            )));
        }
        let household = require_household(self)?;
        let assistant = require_assistant(self, assistant_id)?;
        let sheet = self.month_sheet(month)?;
        if blocking_errors(&sheet, assistant_id) > 0 {
            return Err(Error::NotAllowed(Message::new(if for_paper {
                Key::MonthHasErrorsPrint
            } else {
                Key::MonthHasErrorsLock
            })));
        }
        Ok((household, assistant, sheet))
    }

    /// Freezes an assistant's month: builds the document once and stores its bytes and hash.
    pub fn lock_report(&mut self, month: YearMonth, assistant_id: AssistantId) -> Result<()> {
        let today = self.clock().today();
        let assistant = require_assistant(self, assistant_id)?;
        if assistant.id_kind() == IdKind::Samordningsnummer {
            return Err(Error::NotAllowed(
                crate::message::Key::AssistantCannotSignBankid.into(),
            ));
        }
        let (household, assistant, _) = self.ready_to_freeze(month, assistant_id, false)?;
        let document = self.build_document(&household, &assistant, month, today)?;
        let locked_at = stamp(self);
        let sha256 = document.sha256_hex();
        self.store_mut().insert_report(&NewReport {
            assistant_id,
            month,
            report_id: document.id(),
            document: document.bytes(),
            sha256: &sha256,
            locked_at: &locked_at,
            state: OutboxState::Locked,
        })?;
        Ok(())
    }

    fn build_document(
        &mut self,
        household: &Household,
        assistant: &Assistant,
        month: YearMonth,
        today: NaiveDate,
    ) -> Result<Document> {
        let shifts = self
            .store()
            .shifts_overlapping(month.start(), month.end())?;
        let rows = report_rows(&shifts, month);
        let id = self.store_mut().report_id(assistant.id, month)?;
        document::build(&DocumentInput {
            id,
            month,
            household,
            assistant,
            rows: &rows,
            signing_date: today,
        })
        .map_err(|e| match e {
            // The household form's field to open: the signer's phone, or the person's when
            // the person signs.
            document::DocumentError::EmployerPhoneMissing(role) => {
                let field = if role.needs_signer() {
                    "signer.phone"
                } else {
                    "person.phone"
                };
                Error::invalid(field, e.message())
            }
            other => Error::from(other),
        })
    }

    /// The tidredovisning document of an assistant's month: the frozen bytes when the report is
    /// locked, else built now from the hours (with today as signing date; nothing is stored
    /// but the report's stable id).
    pub fn report_document(
        &mut self,
        month: YearMonth,
        assistant_id: AssistantId,
    ) -> Result<Document> {
        if let Some(stored) = self.store().current_report(assistant_id, month)? {
            if !matches!(stored.state, OutboxState::Paper | OutboxState::PaperOpened) {
                return Ok(Document::from_stored(stored.report_id, stored.document));
            }
        }
        let household = require_household(self)?;
        let assistant = require_assistant(self, assistant_id)?;
        let today = self.clock().today();
        self.build_document(&household, &assistant, month, today)
    }

    /// Unlocks the assistant's report: a locked one loses its signatures; a sent one becomes a
    /// correction (the sent version stays in the history).
    pub fn unlock_report(&mut self, month: YearMonth, assistant_id: AssistantId) -> Result<()> {
        self.store_mut().unlock_report(assistant_id, month)
    }

    /// Queues every fully signed report of the month for the outbox. Returns how many.
    pub fn queue_reports(&mut self, month: YearMonth) -> Result<usize> {
        let queued = self.store_mut().queue_signed(month)?;
        if queued == 0 {
            return Err(Error::NotAllowed(
                crate::message::Key::NothingSignedByBoth.into(),
            ));
        }
        Ok(queued)
    }

    /// Sends one report again on the user's explicit choice: an uncertain one (after checking
    /// with FK) or a signed correction of a sent report.
    pub fn resend_report(&mut self, month: YearMonth, assistant_id: AssistantId) -> Result<()> {
        self.store_mut().requeue(assistant_id, month)
    }

    /// An uncertain report is marked received (the user confirmed it with FK).
    pub fn mark_report_received(
        &mut self,
        month: YearMonth,
        assistant_id: AssistantId,
    ) -> Result<()> {
        let at = stamp(self);
        self.store_mut()
            .mark_uncertain_received(assistant_id, month, &at)
    }

    /// Blankett 3059 of an assistant who signs on paper, filled in from FK's `form`: the
    /// report is frozen (as by a lock, the filled PDF's bytes and hash stored) and becomes
    /// `paper_opened` (a report already confirmed sent stays `paper`). Nothing is stored when
    /// the blankett cannot be filled.
    pub fn paper_report(
        &mut self,
        month: YearMonth,
        assistant_id: AssistantId,
        form: &Form3059,
    ) -> Result<Vec<u8>> {
        let (household, assistant, sheet) = self.ready_to_freeze(month, assistant_id, true)?;
        let shifts = self
            .store()
            .shifts_overlapping(month.start(), month.end())?;
        let rows = report_rows(&shifts, month);
        let totals = sheet
            .assistants
            .iter()
            .find(|a| a.assistant.id == assistant_id)
            .map(|a| a.totals)
            .unwrap_or_default();
        let input = blankett3059::from_household(&household, &assistant, month, &rows, &totals);
        let pdf = blankett3059::fill(form, &input)?;
        let at = stamp(self);
        let current = self.store().current_report(assistant_id, month)?;
        let row_id = match current {
            Some(report) => report.row_id,
            None => {
                let id = self.store_mut().report_id(assistant_id, month)?;
                let sha = {
                    use sha2::Digest;
                    hex::encode(sha2::Sha256::digest(&pdf))
                };
                self.store_mut()
                    .insert_report(&NewReport {
                        assistant_id,
                        month,
                        report_id: id,
                        document: &pdf,
                        sha256: &sha,
                        locked_at: &at,
                        state: OutboxState::Locked,
                    })?
                    .row_id
            }
        };
        self.store_mut().mark_paper(row_id)?;
        Ok(pdf)
    }

    /// The user printed, signed and sent the paper report (blankett 3059): it becomes `paper`
    /// with today's time and counts as handed in. Refused unless the blankett was filled in.
    pub fn mark_paper_sent(&mut self, month: YearMonth, assistant_id: AssistantId) -> Result<()> {
        let at = stamp(self);
        self.store_mut()
            .set_paper_sent(assistant_id, month, Some(&at))
    }

    /// Takes back [`Timbok::mark_paper_sent`]: the report is `paper_opened` again.
    pub fn undo_paper_sent(&mut self, month: YearMonth, assistant_id: AssistantId) -> Result<()> {
        self.store_mut().set_paper_sent(assistant_id, month, None)
    }

    /// Writes the filled blankett 3059 into `folder` (owner-only) and returns the file's path.
    /// The file name names no person: `tidsredovisning-<month>-<assistant id>.pdf`. The app's
    /// folder is the print folder, which it empties ([`crate::private_files::empty_print_folder`]):
    /// the PDF viewer must read the file, so it cannot stay encrypted.
    pub fn write_paper_report(
        &mut self,
        month: YearMonth,
        assistant_id: AssistantId,
        form: &Form3059,
        folder: &std::path::Path,
    ) -> Result<std::path::PathBuf> {
        let pdf = self.paper_report(month, assistant_id, form)?;
        crate::private_files::create_dir_all(folder)?;
        let path = folder.join(format!("tidsredovisning-{month}-{}.pdf", assistant_id.0));
        crate::private_files::write_atomically(&path, &pdf)?;
        Ok(path)
    }

    /// Every report that went out, newest first.
    pub fn report_history(&self) -> Result<Vec<SentReport>> {
        let assistants = self.assistants()?;
        Ok(self
            .store()
            .report_history()?
            .into_iter()
            .map(|report| {
                let assistant_name = assistants
                    .iter()
                    .find(|a| a.id == report.assistant_id)
                    .map(|a| full_name(&a.first_name, &a.last_name))
                    .unwrap_or_default();
                SentReport {
                    report,
                    assistant_name,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests;
