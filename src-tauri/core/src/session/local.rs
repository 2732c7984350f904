//! The session's local use cases: one method each, on the open `Timbok` of the chosen
//! environment (a database that did not open answers each with its error).

use chrono::NaiveDate;

use crate::backup::{Manifest, Restored};
use crate::drafts::DayDraft;
use crate::hours::{AssistantId, Shift, ShiftId, TimeKind, YearMonth};
use crate::household::{
    Assistant, AssistantDraft, Household, HouseholdDraft, ProviderContactDraft,
};
use crate::invoice::{Answers, InvoiceState};
use crate::overview::OverviewMonth;
use crate::planning::{CopySource, ScheduleDay};
use crate::reports::{SentReport, TimeReportsMonth};
use crate::safekeeping::AutomaticBackup;
use crate::sheet::{MonthSheet, ShiftDraft};
use crate::store::CallRecord;
use crate::Result;

use super::Session;

/// How many calls the call journal shows.
const JOURNAL_SHOWN: usize = 500;

impl Session {
    // ---- Household and assistants ----

    pub fn household(&self) -> Result<Option<Household>> {
        self.with(|t| t.household())
    }

    /// Saves the household with the anordnare's own contact person and phone.
    pub fn save_household(
        &self,
        draft: &HouseholdDraft,
        contact: &ProviderContactDraft,
    ) -> Result<Household> {
        self.with(|t| t.save_household_with_provider_contact(draft, contact))
    }

    pub fn assistants(&self) -> Result<Vec<Assistant>> {
        self.with(|t| t.assistants())
    }

    pub fn save_assistant(&self, draft: &AssistantDraft) -> Result<Assistant> {
        self.with(|t| t.save_assistant(draft))
    }

    pub fn delete_assistant(&self, id: AssistantId) -> Result<()> {
        self.with(|t| t.delete_assistant(id))
    }

    // ---- The month: shifts, days, planning, drafts ----

    pub fn month_sheet(&self, month: YearMonth) -> Result<MonthSheet> {
        self.with(|t| t.month_sheet(month))
    }

    pub fn save_shift(&self, draft: &ShiftDraft) -> Result<Shift> {
        self.with(|t| t.save_shift(draft))
    }

    /// The month screen's day text saved in one transaction; the new sheet of the month.
    pub fn save_day(
        &self,
        assistant: AssistantId,
        date: NaiveDate,
        text: &str,
        default_kind: TimeKind,
    ) -> Result<MonthSheet> {
        self.with(|t| t.save_day(assistant, date, text, default_kind))
    }

    pub fn delete_shift(&self, id: ShiftId) -> Result<()> {
        self.with(|t| t.delete_shift(id))
    }

    pub fn undo_delete_shift(&self, id: ShiftId) -> Result<Shift> {
        self.with(|t| t.undo_delete_shift(id))
    }

    /// The copies made and how many were skipped (they would overlap).
    pub fn copy_shifts(
        &self,
        source: CopySource,
        assistant: Option<AssistantId>,
    ) -> Result<(Vec<Shift>, usize)> {
        self.with(|t| t.copy_shifts(source, assistant))
    }

    /// One assistant's weekly schedule as text, Monday to Sunday.
    pub fn schedule_days(&self, assistant: AssistantId) -> Result<Vec<ScheduleDay>> {
        self.with(|t| t.schedule_days(assistant))
    }

    /// Replaces one assistant's weekly schedule with the weekdays' texts.
    pub fn save_schedule_days(
        &self,
        assistant: AssistantId,
        days: &[ScheduleDay],
    ) -> Result<Vec<ScheduleDay>> {
        self.with(|t| t.save_schedule_days(assistant, days))
    }

    /// The shifts the weekly schedule adds to the month and how many were skipped.
    pub fn prefill_month(
        &self,
        month: YearMonth,
        assistant: Option<AssistantId>,
    ) -> Result<(Vec<Shift>, usize)> {
        self.with(|t| t.prefill_from_schedule(month, assistant))
    }

    pub fn drafts(&self, month: YearMonth) -> Result<Vec<DayDraft>> {
        self.with(|t| t.drafts(month))
    }

    pub fn save_draft(&self, draft: &DayDraft) -> Result<()> {
        self.with(|t| t.save_draft(draft))
    }

    pub fn remove_draft(
        &self,
        month: YearMonth,
        assistant: AssistantId,
        date: NaiveDate,
    ) -> Result<()> {
        self.with(|t| t.remove_draft(month, assistant, date))
    }

    // ---- Time reports (local steps; signing and sending are in the session's remote part) ----

    pub fn time_reports(&self, month: YearMonth) -> Result<TimeReportsMonth> {
        self.with(|t| t.time_reports(month))
    }

    /// Locks the assistant's report of the month; the month's reports after it.
    pub fn lock_report(
        &self,
        month: YearMonth,
        assistant: AssistantId,
    ) -> Result<TimeReportsMonth> {
        self.with(|t| {
            t.lock_report(month, assistant)?;
            t.time_reports(month)
        })
    }

    /// Unlocks the assistant's report of the month; the month's reports after it.
    pub fn unlock_report(
        &self,
        month: YearMonth,
        assistant: AssistantId,
    ) -> Result<TimeReportsMonth> {
        self.with(|t| {
            t.unlock_report(month, assistant)?;
            t.time_reports(month)
        })
    }

    /// Marks an uncertain report as received by FK; the month's reports after it.
    pub fn mark_report_received(
        &self,
        month: YearMonth,
        assistant: AssistantId,
    ) -> Result<TimeReportsMonth> {
        self.with(|t| {
            t.mark_report_received(month, assistant)?;
            t.time_reports(month)
        })
    }

    /// Records that the paper report (blankett 3059) was printed, signed and sent (`sent`), or
    /// takes that back; the month's reports after it.
    pub fn mark_paper_sent(
        &self,
        month: YearMonth,
        assistant: AssistantId,
        sent: bool,
    ) -> Result<TimeReportsMonth> {
        self.with(|t| {
            if sent {
                t.mark_paper_sent(month, assistant)?;
            } else {
                t.undo_paper_sent(month, assistant)?;
            }
            t.time_reports(month)
        })
    }

    pub fn report_history(&self) -> Result<Vec<SentReport>> {
        self.with(|t| t.report_history())
    }

    // ---- Invoice, overview, call journal ----

    pub fn invoice_state(&self, month: YearMonth) -> Result<InvoiceState> {
        self.with(|t| t.invoice_state(month))
    }

    pub fn save_invoice_answers(
        &self,
        month: YearMonth,
        answers: &Answers,
    ) -> Result<InvoiceState> {
        self.with(|t| t.save_invoice_answers(month, answers))
    }

    pub fn overview(&self) -> Result<Vec<OverviewMonth>> {
        self.with(|t| t.overview())
    }

    /// The latest calls of the call journal (redacted).
    pub fn call_journal(&self) -> Result<Vec<CallRecord>> {
        self.with(|t| t.call_journal(JOURNAL_SHOWN))
    }

    // ---- The start: work month, what is due, demo's guide ----

    pub fn start(&self) -> Result<crate::start::Start> {
        self.with(|t| t.start())
    }

    pub fn dismiss_guide(&self) -> Result<()> {
        self.with(|t| t.dismiss_guide())
    }

    pub fn remember_month(&self, month: YearMonth) -> Result<()> {
        self.with(|t| t.remember_month(month))
    }

    // ---- Backups (restore stops the services: the session's `restore`) ----

    /// What a backup file holds; replaces nothing.
    pub fn preview_backup(&self, bytes: &[u8], passphrase: &str) -> Result<Manifest> {
        self.with_safekeeping(|s| s.preview(bytes, passphrase))
    }

    pub fn automatic_backups(&self) -> Result<Vec<AutomaticBackup>> {
        self.with_safekeeping(|s| s.automatic())
    }

    pub fn preview_automatic_backup(&self, name: &str) -> Result<Manifest> {
        self.with_safekeeping(|s| s.preview_automatic(name))
    }

    /// Restores a backup file over the current environment's database.
    pub async fn restore_backup(&self, bytes: &[u8], passphrase: &str) -> Result<Restored> {
        self.restore(|s| s.restore(bytes, passphrase)).await
    }

    /// Restores one of the automatic backups.
    pub async fn restore_automatic_backup(&self, name: &str) -> Result<Restored> {
        self.restore(|s| s.restore_automatic(name)).await
    }
}
