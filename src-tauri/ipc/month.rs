//! The month sheet, shifts and the weekly schedule on the wire (docs/ipc.md, "Month").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use timbok_core::hours::day_text::describe_day;
use timbok_core::hours::{self, AssistantId, ShiftId, TimeKind};
use timbok_core::message::{Message, Param};
use timbok_core::planning::{CopySource, ScheduleDay};
use timbok_core::sheet::{self, ShiftDraft};
use ts_rs::TS;

use super::IpcError;

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, TS)]
pub struct Totals {
    pub aktiv: u32,
    pub vantetid: u32,
    pub beredskap: u32,
}

impl From<hours::Totals> for Totals {
    fn from(t: hours::Totals) -> Self {
        Totals {
            aktiv: t.get(TimeKind::Aktiv),
            vantetid: t.get(TimeKind::Vantetid),
            beredskap: t.get(TimeKind::Beredskap),
        }
    }
}

const LOCAL: &str = "%Y-%m-%dT%H:%M";

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Shift {
    pub id: i64,
    pub assistant_id: i64,
    pub start: String,
    pub end: String,
    #[ts(type = "Kind")]
    pub kind: &'static str,
    pub note: Option<String>,
}

impl From<&hours::Shift> for Shift {
    fn from(s: &hours::Shift) -> Self {
        Shift {
            id: s.id.0,
            assistant_id: s.assistant_id.0,
            start: s.start.format(LOCAL).to_string(),
            end: s.end.format(LOCAL).to_string(),
            kind: s.kind.as_str(),
            note: s.note.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    pub shift_id: i64,
    pub date: String,
    pub from: String,
    pub to: String,
    #[ts(type = "Kind")]
    pub kind: &'static str,
    /// Minutes actually worked (differs from `to - from` across a DST change).
    pub minutes: u32,
    /// Why the row's length is doubtful (the daylight-saving change), as `{key, params}`.
    #[ts(type = "BackendMessage | null")]
    pub dst_note: Option<Message>,
}

/// A message's parameters by name, as in `{key, params}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params(pub Vec<(&'static str, Param)>);

impl Serialize for Params {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        timbok_core::message::params_wire(&self.0, s)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    #[ts(type = "Severity")]
    pub severity: &'static str,
    pub code: &'static str,
    /// The Swedish rendering of `key` + `params` (for logs); the UI words `key` + `params`.
    pub message: String,
    pub key: &'static str,
    #[ts(type = "BackendParams")]
    pub params: Params,
    pub assistant_id: Option<i64>,
    /// The other assistant of a pair (`double_assistance`).
    pub other_assistant_id: Option<i64>,
    pub shift_id: Option<i64>,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssistantMonth {
    pub assistant_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub totals: Totals,
    pub shifts: Vec<Shift>,
    pub rows: Vec<Row>,
    #[ts(type = "ReportStatus")]
    pub report_status: &'static str,
    /// The text of each day of the month on which a shift of this assistant starts, as the
    /// day-text syntax writes it (kind `aktiv` without a letter), by date.
    pub day_texts: Vec<DayText>,
}

/// One day's shifts as text (`save_day` reads the same syntax back).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayText {
    pub date: String,
    pub text: String,
    /// `false` when the syntax cannot say one of the day's shifts (longer than a day, or an end
    /// not after its start): `text` is then a read-only description.
    pub exact: bool,
}

fn day_texts(shifts: &[hours::Shift], month: hours::YearMonth) -> Vec<DayText> {
    let mut by_day: std::collections::BTreeMap<NaiveDate, Vec<&hours::Shift>> =
        std::collections::BTreeMap::new();
    for shift in shifts.iter().filter(|s| month.contains(s.start.date())) {
        by_day.entry(shift.start.date()).or_default().push(shift);
    }
    by_day
        .into_iter()
        .map(|(date, shifts)| {
            let (text, exact) = describe_day(date, &shifts, TimeKind::Aktiv);
            DayText {
                date: date.to_string(),
                text,
                exact,
            }
        })
        .collect()
}

/// `save_day`'s argument: one assistant's day as typed.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayInput {
    pub assistant_id: i64,
    pub date: String,
    pub text: String,
    #[ts(type = "Kind")]
    pub default_kind: String,
}

impl DayInput {
    /// The assistant, date and default kind (the text goes to the core as typed).
    pub fn parts(&self) -> Result<(AssistantId, NaiveDate, TimeKind), IpcError> {
        let kind = TimeKind::parse(self.default_kind.trim()).ok_or_else(|| {
            IpcError::invalid("defaultKind", timbok_core::message::Key::ShiftKindMissing)
        })?;
        Ok((
            AssistantId(self.assistant_id),
            date("date", &self.date)?,
            kind,
        ))
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthSheet {
    pub month: String,
    pub due_date: String,
    pub granted_hours: Option<u32>,
    pub totals: Totals,
    pub assistants: Vec<AssistantMonth>,
    pub findings: Vec<Finding>,
}

impl From<&sheet::MonthSheet> for MonthSheet {
    fn from(s: &sheet::MonthSheet) -> Self {
        MonthSheet {
            month: s.month.to_string(),
            due_date: s.month.due_date().to_string(),
            granted_hours: s.granted_hours,
            totals: s.totals.into(),
            assistants: s
                .assistants
                .iter()
                .map(|a| AssistantMonth {
                    assistant_id: a.assistant.id.0,
                    first_name: a.assistant.first_name.clone(),
                    last_name: a.assistant.last_name.clone(),
                    totals: a.totals.into(),
                    shifts: a.shifts.iter().map(Shift::from).collect(),
                    report_status: a.report_status.as_str(),
                    day_texts: day_texts(&a.shifts, s.month),
                    rows: a
                        .rows
                        .iter()
                        .map(|r| Row {
                            shift_id: r.row.shift_id.0,
                            date: r.row.date.to_string(),
                            from: r.row.from.to_string(),
                            to: r.row.to.to_string(),
                            kind: r.row.kind.as_str(),
                            minutes: r.minutes,
                            dst_note: r.dst_note.as_ref().map(|n| n.message.clone()),
                        })
                        .collect(),
                })
                .collect(),
            findings: s
                .findings
                .iter()
                .map(|f| Finding {
                    severity: f.severity.as_str(),
                    code: f.code.as_str(),
                    message: f.message.to_string(),
                    key: f.message.key.as_str(),
                    params: Params(f.message.params.clone()),
                    assistant_id: f.assistant_id.map(|a| a.0),
                    other_assistant_id: f.other_assistant_id.map(|a| a.0),
                    shift_id: f.shift_id.map(|s| s.0),
                    date: f.date.map(|d| d.to_string()),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShiftInput {
    pub id: Option<i64>,
    pub assistant_id: i64,
    pub start: String,
    pub end: String,
    #[ts(type = "Kind")]
    pub kind: String,
    pub note: Option<String>,
}

impl From<ShiftInput> for ShiftDraft {
    fn from(s: ShiftInput) -> Self {
        ShiftDraft {
            id: s.id.map(ShiftId),
            assistant_id: AssistantId(s.assistant_id),
            start: s.start,
            end: s.end,
            kind: s.kind,
            note: s.note,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchResult {
    pub added: Vec<Shift>,
    pub skipped: usize,
}

impl From<(Vec<hours::Shift>, usize)> for BatchResult {
    fn from((added, skipped): (Vec<hours::Shift>, usize)) -> Self {
        BatchResult {
            added: added.iter().map(Shift::from).collect(),
            skipped,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum CopyInput {
    Day { from: String, to: String },
    Week { from: String, to: String },
    PreviousMonth { month: String },
}

fn date(field: &str, text: &str) -> Result<NaiveDate, IpcError> {
    timbok_core::typed_time::parse_date(text)
        .map_err(|e| IpcError::invalid(field, e.key(timbok_core::message::Key::IpcDateFormat)))
}

pub fn month(text: &str) -> Result<hours::YearMonth, IpcError> {
    hours::YearMonth::parse(text)
        .map_err(|_| IpcError::invalid("month", timbok_core::message::Key::IpcMonthFormat))
}

impl TryFrom<CopyInput> for CopySource {
    type Error = IpcError;

    fn try_from(c: CopyInput) -> Result<Self, IpcError> {
        Ok(match c {
            CopyInput::Day { from, to } => CopySource::Day {
                from: date("from", &from)?,
                to: date("to", &to)?,
            },
            CopyInput::Week { from, to } => CopySource::Week {
                from: date("from", &from)?,
                to: date("to", &to)?,
            },
            CopyInput::PreviousMonth { month: m } => {
                CopySource::PreviousMonth { month: month(&m)? }
            }
        })
    }
}

/// One weekday of an assistant's weekly schedule (`get_schedule`'s reply, `save_schedule`'s
/// `days`): the month screen's day-text syntax, read and written by the core ("8-16, 22-07 b";
/// a shift without a letter is aktiv; empty: no shift).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(rename = "ScheduleDay")]
#[serde(rename_all = "camelCase")]
pub struct ScheduleDayWire {
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    pub text: String,
}

impl From<&ScheduleDay> for ScheduleDayWire {
    fn from(day: &ScheduleDay) -> Self {
        ScheduleDayWire {
            weekday: day.weekday,
            text: day.text.clone(),
        }
    }
}

impl From<ScheduleDayWire> for ScheduleDay {
    fn from(day: ScheduleDayWire) -> Self {
        ScheduleDay {
            weekday: day.weekday,
            text: day.text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_input_is_tagged_by_kind() {
        let input: CopyInput =
            serde_json::from_str(r#"{"kind": "week", "from": "2026-10-05", "to": "2026-10-12"}"#)
                .unwrap();
        assert!(matches!(
            CopySource::try_from(input).unwrap(),
            CopySource::Week { .. }
        ));
        let input: CopyInput =
            serde_json::from_str(r#"{"kind": "previousMonth", "month": "2026-11"}"#).unwrap();
        assert!(matches!(
            CopySource::try_from(input).unwrap(),
            CopySource::PreviousMonth { .. }
        ));
        let input: CopyInput =
            serde_json::from_str(r#"{"kind": "day", "from": "5 okt", "to": "2026-10-12"}"#)
                .unwrap();
        assert_eq!(
            CopySource::try_from(input).unwrap_err().field.as_deref(),
            Some("from")
        );
    }

    #[test]
    fn schedule_day_crosses_as_weekday_and_text() {
        let wire: ScheduleDayWire =
            serde_json::from_str(r#"{"weekday": 4, "text": "22-07 b"}"#).unwrap();
        let day = ScheduleDay::from(wire.clone());
        assert_eq!((day.weekday, day.text.as_str()), (4, "22-07 b"));
        assert_eq!(ScheduleDayWire::from(&day), wire);
    }
}
