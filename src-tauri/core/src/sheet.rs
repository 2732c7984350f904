//! The month sheet: everything the month screen and `timbok-cli month` show for one month,
//! computed from the stored shifts by the pure functions of [`crate::hours`].

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::{Error, Result};
use crate::hours::{
    self, check_month, working_time_window, AssistantFacts, AssistantId, Finding, MonthContext,
    RowTotal, Shift, ShiftId, TimeKind, Totals, YearMonth,
};
use crate::household::Assistant;
use crate::import::parse_local_time;
use crate::message::{Key, Message};
use crate::reports::ReportStatus;
use crate::store::{NewShift, Store};

/// The longest note a shift may carry, in characters.
const NOTE_MAX_CHARS: usize = 500;

/// One assistant's part of the month.
#[derive(Debug, Clone)]
pub struct AssistantMonth {
    pub assistant: Assistant,
    /// The shifts with a part inside the month, by start.
    pub shifts: Vec<Shift>,
    /// The report rows (split at midnight and at the month's ends) with their real lengths.
    pub rows: Vec<RowTotal>,
    pub totals: Totals,
    /// The status of this assistant's time report (the month screen warns before an edit that
    /// would unlock it).
    pub report_status: ReportStatus,
}

/// Everything about one month.
#[derive(Debug, Clone)]
pub struct MonthSheet {
    pub month: YearMonth,
    /// Every assistant of the household, by name, also those without hours this month.
    pub assistants: Vec<AssistantMonth>,
    pub totals: Totals,
    pub granted_hours: Option<u32>,
    /// Errors first, then warnings; each names its row.
    pub findings: Vec<Finding>,
}

impl MonthSheet {
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == hours::Severity::Error)
    }
}

/// Reads the month and its working-time history from the store and computes the sheet.
pub fn month_sheet(store: &Store, month: YearMonth, today: NaiveDate) -> Result<MonthSheet> {
    let assistants = store.assistants()?;
    let (from, until) =
        working_time_window(month, assistants.iter().map(|a| a.calculation_periods));
    let from = from
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .min(month.start());
    let until = until
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .max(month.end());
    let loaded = store.shifts_overlapping(from, until)?;
    let (in_month, history): (Vec<Shift>, Vec<Shift>) = loaded
        .into_iter()
        .partition(|s| touches(s, month.start(), month.end()));

    let granted_hours = store.household()?.and_then(|h| h.granted_hours_per_month);

    let mut context = MonthContext::new(month);
    context.assistants = assistants
        .iter()
        .map(|a| AssistantFacts {
            id: a.id,
            employed_by_person: a.employed_by_person,
            id_valid: true,
            calculation_periods: a.calculation_periods,
        })
        .collect();
    context.granted_hours = granted_hours;
    context.shifts = in_month;
    context.history = history;
    let findings = check_month(&context, today);

    let month_totals = hours::month_totals(&context.shifts, month);
    let report_states = store.month_report_states(month)?;
    let per_assistant = assistants
        .into_iter()
        .map(|assistant| {
            let id = assistant.id;
            AssistantMonth {
                shifts: context
                    .shifts
                    .iter()
                    .filter(|s| s.assistant_id == id)
                    .cloned()
                    .collect(),
                rows: month_totals
                    .rows
                    .iter()
                    .filter(|r| r.row.assistant_id == id)
                    .cloned()
                    .collect(),
                totals: month_totals.assistant(id),
                report_status: report_states
                    .iter()
                    .find(|(a, ..)| *a == id)
                    .map(|&(_, state, assistant_signed, employer_signed)| {
                        ReportStatus::from_parts(state, assistant_signed, employer_signed)
                    })
                    .unwrap_or(ReportStatus::Open),
                assistant,
            }
        })
        .collect();
    Ok(MonthSheet {
        month,
        assistants: per_assistant,
        totals: month_totals.household,
        granted_hours,
        findings,
    })
}

/// Whether the shift has a part inside `[from, to)`, or (a mistyped shift whose end is not
/// after its start) starts inside it.
fn touches(shift: &Shift, from: NaiveDateTime, to: NaiveDateTime) -> bool {
    shift.start < to && (shift.end > from || shift.start >= from)
}

/// A shift as the month screen sends it: times as typed-in ISO local date-times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftDraft {
    pub id: Option<ShiftId>,
    pub assistant_id: AssistantId,
    pub start: String,
    pub end: String,
    pub kind: String,
    pub note: Option<String>,
}

impl ShiftDraft {
    /// Checks that the fields can be read. A shift that breaks a rule (an end before its
    /// start, an overlap) is still saved, so nothing typed is lost; the rule shows up as a
    /// finding of the month.
    pub fn validate(&self) -> Result<NewShift> {
        let start = parse_local_time(&self.start)
            .ok_or_else(|| Error::invalid("start", Key::ShiftStartUnreadable))?;
        let end = parse_local_time(&self.end)
            .ok_or_else(|| Error::invalid("end", Key::ShiftEndUnreadable))?;
        let kind = TimeKind::parse(self.kind.trim())
            .ok_or_else(|| Error::invalid("kind", Key::ShiftKindMissing))?;
        if end - start > chrono::Duration::hours(48) {
            return Err(Error::invalid("end", Key::ShiftTooLong));
        }
        let note = self
            .note
            .as_ref()
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty());
        if note
            .as_ref()
            .is_some_and(|n| n.chars().count() > NOTE_MAX_CHARS)
        {
            return Err(Error::invalid(
                "note",
                Message::new(Key::ShiftNoteTooLong).number("max", NOTE_MAX_CHARS as i64),
            ));
        }
        Ok(NewShift {
            assistant_id: self.assistant_id,
            start,
            end,
            kind,
            note,
        })
    }
}
