//! The month sheet: everything the month screen and `timbok-cli month` show for one month,
//! computed from the stored shifts by the pure functions of [`crate::hours`].

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::{Error, Result};
use crate::hours::{
    self, check_month, working_time_window, AssistantFacts, AssistantId, Finding, MonthContext,
    Period, RowTotal, Shift, ShiftId, TimeKind, Totals, YearMonth,
};
use crate::household::Assistant;
use crate::identity::PersonalId;
use crate::import::parse_local_time;
use crate::invoice::readable_hospital_stays;
use crate::message::{Key, Message};
use crate::reports::status::ReportStatus;
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
    /// The month's `above_granted_hours` finding's message, if any (shown before signing and
    /// on the invoice too).
    pub fn granted_hours_warning(&self) -> Option<crate::message::Message> {
        self.findings
            .iter()
            .find(|f| f.code == crate::hours::FindingCode::AboveGrantedHours)
            .map(|f| f.message.clone())
    }

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
            id_valid: id_valid(a, today),
            calculation_periods: a.calculation_periods,
        })
        .collect();
    context.granted_hours = granted_hours;
    // The hospital stays come from the month's invoice answers. Its LSS activity answer
    // names only the kinds, no times, so it gives `during_activity` nothing to compare with:
    // answered Ja, it is one warning for the month (`lss_activity`).
    if let Some(invoice) = store.invoice(month)? {
        context.lss_activity = invoice.answers.lss_activity == Some(true);
        context.hospital_stays = readable_hospital_stays(&invoice.answers, month)
            .into_iter()
            .map(|stay| Period {
                start: stay.from,
                end: stay.to,
            })
            .collect();
    }
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

/// Whether the assistant's identity number passes `identity`'s whole check as of `today`
/// (a date that exists, not after today, the Luhn digit; a samordningsnummer's day minus 60).
fn id_valid(assistant: &Assistant, today: NaiveDate) -> bool {
    PersonalId::parse(assistant.personnummer.as_str(), today).is_ok()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::hours::FindingCode;
    use crate::household::AssistantDraft;
    use crate::invoice::{Answers, LssKind, StayInput};
    use crate::message::Key;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 4, 10).unwrap()
    }

    fn march() -> YearMonth {
        YearMonth::new(2025, 3).unwrap()
    }

    fn demo_store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        demo::seed(&mut store, today()).unwrap();
        store
    }

    fn codes(sheet: &MonthSheet, code: FindingCode) -> Vec<&Finding> {
        sheet.findings.iter().filter(|f| f.code == code).collect()
    }

    fn stay(from: NaiveDateTime, to: NaiveDateTime) -> StayInput {
        StayInput {
            from: from.format("%Y-%m-%dT%H:%M").to_string(),
            to: to.format("%Y-%m-%dT%H:%M").to_string(),
        }
    }

    #[test]
    fn the_invoices_hospital_stays_reach_the_shifts_inside_them() {
        let mut store = demo_store();
        let before = month_sheet(&store, march(), today()).unwrap();
        assert!(codes(&before, FindingCode::DuringHospitalStay).is_empty());
        let shift = before.assistants[0].shifts[0].clone();

        let mut answers = Answers {
            hospital_stay: Some(true),
            hospital_stays: vec![
                stay(shift.start, shift.end),
                // Still being typed: left out, not an error of the month.
                StayInput {
                    from: "2025-03-3".into(),
                    to: String::new(),
                },
            ],
            ..Answers::default()
        };
        store.save_invoice_answers(march(), &answers).unwrap();
        let sheet = month_sheet(&store, march(), today()).unwrap();
        let found = codes(&sheet, FindingCode::DuringHospitalStay);
        assert!(
            found.iter().any(|f| f.shift_id == Some(shift.id)
                && f.assistant_id == Some(shift.assistant_id)
                && f.date == Some(shift.start.date())),
            "{found:?}"
        );
        assert!(found.iter().all(|f| f.severity == hours::Severity::Warning));

        // Answered Nej: the stays typed before do not count.
        answers.hospital_stay = Some(false);
        store.save_invoice_answers(march(), &answers).unwrap();
        let sheet = month_sheet(&store, march(), today()).unwrap();
        assert!(codes(&sheet, FindingCode::DuringHospitalStay).is_empty());
        // Another month's invoice says nothing about this one.
        answers.hospital_stay = Some(true);
        store
            .save_invoice_answers(march().prev(), &answers)
            .unwrap();
        let sheet = month_sheet(&store, march(), today()).unwrap();
        assert!(codes(&sheet, FindingCode::DuringHospitalStay).is_empty());
    }

    #[test]
    fn an_invoice_answered_ja_to_lss_activity_gives_one_warning_for_the_month() {
        let mut store = demo_store();
        let before = month_sheet(&store, march(), today()).unwrap();
        assert!(codes(&before, FindingCode::LssActivity).is_empty());

        let mut answers = Answers {
            lss_activity: Some(true),
            lss_kinds: vec![LssKind::Skola, LssKind::DagligVerksamhet],
            ..Answers::default()
        };
        store.save_invoice_answers(march(), &answers).unwrap();
        let sheet = month_sheet(&store, march(), today()).unwrap();
        let found = codes(&sheet, FindingCode::LssActivity);
        assert_eq!(found.len(), 1, "{found:?}");
        let f = found[0];
        assert_eq!(f.severity, hours::Severity::Warning);
        assert_eq!((f.assistant_id, f.shift_id, f.date), (None, None, None));
        assert_eq!(f.message.key, Key::FindingLssActivity);
        assert!(
            f.message.to_string().contains("får inte räknas med"),
            "{}",
            f.message
        );
        // No per-shift finding: the invoice gives no times.
        assert!(codes(&sheet, FindingCode::DuringActivity).is_empty());

        // Nej, or another month's invoice: nothing.
        answers.lss_activity = Some(false);
        store.save_invoice_answers(march(), &answers).unwrap();
        let sheet = month_sheet(&store, march(), today()).unwrap();
        assert!(codes(&sheet, FindingCode::LssActivity).is_empty());
        answers.lss_activity = Some(true);
        store
            .save_invoice_answers(march().prev(), &answers)
            .unwrap();
        let sheet = month_sheet(&store, march(), today()).unwrap();
        assert!(codes(&sheet, FindingCode::LssActivity).is_empty());
    }

    #[test]
    fn an_identity_number_that_fails_its_check_today_is_an_error_of_the_month() {
        let mut store = demo_store();
        let clean = month_sheet(&store, march(), today()).unwrap();
        assert!(codes(&clean, FindingCode::InvalidId).is_empty());

        // A samordningsnummer whose birth date (2025-06-01) is after today: entered on a
        // computer whose clock was ahead, it no longer passes the check.
        let (_, new) = AssistantDraft {
            id: None,
            personnummer: "250661-2387".into(),
            first_name: "Sam".into(),
            last_name: "Framtid".into(),
            phone: None,
            employed_by_person: true,
            collective_agreement: false,
            employer: None,
            calculation_periods: None,
        }
        .validate(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap())
        .unwrap();
        let assistant = store.insert_assistant(&new).unwrap();
        let at = |d: u32, h: u32| {
            NaiveDate::from_ymd_opt(2025, 3, d)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        store
            .insert_shift(&NewShift {
                assistant_id: assistant.id,
                start: at(3, 8),
                end: at(3, 12),
                kind: TimeKind::Aktiv,
                note: None,
            })
            .unwrap();
        let sheet = month_sheet(&store, march(), today()).unwrap();
        let found = codes(&sheet, FindingCode::InvalidId);
        assert_eq!(found.len(), 1, "{:?}", sheet.findings);
        assert_eq!(found[0].assistant_id, Some(assistant.id));
        assert!(sheet.has_errors());
        // Once the day has come the number is valid.
        let later = NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
        let sheet = month_sheet(&store, march(), later).unwrap();
        assert!(codes(&sheet, FindingCode::InvalidId).is_empty());
    }
}
