//! Findings: the rules checked before a month's time reports are signed (domain.md, "Rules
//! worth checking"). Errors block signing; warnings are shown and can be acknowledged.
//!
//! [`check_month`] is pure: the caller passes the month's shifts, enough history, the facts
//! it knows and `today`. Messages are keys of the catalogue with typed parameters
//! ([`Message`]), name the shift by date and wall-clock times ("24 okt 22:00–07:00") and say
//! what to fix; they never contain a name or an identity
//! number (the finding carries the assistant's id for the UI to name them).
//!
//! # Rules and how they are read
//!
//! Errors:
//! * `end_not_after_start`: a shift whose end (to the minute) is not after its start.
//! * `outside_month`: a shift in [`MonthContext::shifts`] with no part inside the month.
//! * `in_future`: a shift with any part after the end of `today` (its end is later than
//!   00:00 the day after `today`). The caller passes only a date, so a shift later today is
//!   not flagged.
//! * `overlap`: two shifts of the same assistant overlap (touching end to start is fine).
//! * `invalid_id`: an assistant with a shift in the month whose identity number fails its
//!   check ([`AssistantFacts::id_valid`]).
//!
//! Warnings:
//! * `double_assistance`: shifts of two assistants overlap inside the month (any kinds of time):
//!   ONE warning per pair of assistants, carrying both ids, listing every time they worked
//!   together (dated by the first).
//! * `above_granted_hours`: the month's real total, all kinds of time, is above the granted
//!   hours (equal is fine).
//! * `during_hospital_stay`, `during_activity`: a shift overlaps, inside the month, a hospital
//!   stay or a period of barnomsorg, skola or daglig verksamhet the user entered.
//! * `lss_activity`: the month's invoice says assistance was performed during LSS activity
//!   ([`MonthContext::lss_activity`]) but gives no times (FK's question asks only the kinds), so
//!   no shift can be compared: ONE warning for the month says that hours during the activity
//!   must not be counted.
//! * `dst_nonexistent`, `dst_ambiguous`: a row with a wall-clock time that the daylight-saving
//!   change makes doubtful (see [`super::totals`]).
//! * The working-time rules of lag (1970:943) om arbetstid m.m. i husligt arbete, only for
//!   assistants employed by the person ([`AssistantFacts::employed_by_person`]):
//!   * **Working time** is aktiv tid plus väntetid, real minutes in Europe/Stockholm.
//!     Beredskapstid is not counted: the assistant is not working and, per § 2 of the law,
//!     pauses in which the employee disposes freely of their time are not working time; FK
//!     and the collective agreements treat beredskap/jour separately from ordinary time.
//!   * **Calculation periods** (beräkningsperioder) are the assistant's own
//!     ([`AssistantFacts::calculation_periods`], set by the user: back-to-back periods of 1–4
//!     weeks under the law, longer under a collective agreement), the same periods the time
//!     report lists in `berakningsperiod` (so what Timbok warns about is what FK reads). Every
//!     period with a day in the month is checked whole, also its days before and after the
//!     month.
//!   * `working_time_week_average`: a period whose working time is above 40 hours a week on
//!     average (above 40 h × its weeks). The message names the worst period and mentions that
//!     supervision (tillsyn) may extend ordinary time by at most 12 hours a week.
//!   * `overtime_4_weeks`: a period whose time above that average (the period's overtime) is
//!     above 48 hours per 4 weeks (12 hours per week of the period).
//!   * **Weeks** for the yearly rule are ISO weeks, Monday to Sunday (the law's default:
//!     "vecka räknas från och med måndag"). **Overtime in a week** is working time above
//!     40 hours in it (the data cannot tell ordinary time from overtime).
//!   * `overtime_year`: overtime above 300 hours in the calendar year, counted over the ISO
//!     weeks of the year (a week belongs to the year its Thursday is in) up to the last week
//!     of the month. Checked for each year that a week of the month belongs to.
//!
//!   Only [`working_time_window`] is read from the shifts for these rules, so history older
//!   than that can be left out (and is skipped quickly if given).
//!
//! Assistants without [`AssistantFacts`] are not checked for identity or working time.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Serialize, Serializer};

use super::clock::{naive, real_minutes, wall_minute};
use super::model::{AssistantId, Shift, ShiftId, TimeKind};
use super::month::YearMonth;
use super::rows::{for_each_row_between, sort_rows};
use super::totals::{row_total, DstNoteKind};
use crate::household::{CalculationPeriod, CalculationPeriods};
use crate::message::{Key, Message};

/// How serious a finding is. Errors sort before warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks signing.
    Error,
    /// Shown; the user may acknowledge it.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// What a finding is about. The tokens of [`FindingCode::as_str`] are stable: the UI and stored
/// acknowledgements use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingCode {
    EndNotAfterStart,
    OutsideMonth,
    InFuture,
    Overlap,
    InvalidId,
    DoubleAssistance,
    AboveGrantedHours,
    DuringHospitalStay,
    DuringActivity,
    LssActivity,
    WorkingTimeWeekAverage,
    Overtime4Weeks,
    OvertimeYear,
    DstNonexistent,
    DstAmbiguous,
}

impl FindingCode {
    pub const ALL: [FindingCode; 15] = [
        FindingCode::EndNotAfterStart,
        FindingCode::OutsideMonth,
        FindingCode::InFuture,
        FindingCode::Overlap,
        FindingCode::InvalidId,
        FindingCode::DoubleAssistance,
        FindingCode::AboveGrantedHours,
        FindingCode::DuringHospitalStay,
        FindingCode::DuringActivity,
        FindingCode::LssActivity,
        FindingCode::WorkingTimeWeekAverage,
        FindingCode::Overtime4Weeks,
        FindingCode::OvertimeYear,
        FindingCode::DstNonexistent,
        FindingCode::DstAmbiguous,
    ];

    /// The stable snake_case token.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::EndNotAfterStart => "end_not_after_start",
            FindingCode::OutsideMonth => "outside_month",
            FindingCode::InFuture => "in_future",
            FindingCode::Overlap => "overlap",
            FindingCode::InvalidId => "invalid_id",
            FindingCode::DoubleAssistance => "double_assistance",
            FindingCode::AboveGrantedHours => "above_granted_hours",
            FindingCode::DuringHospitalStay => "during_hospital_stay",
            FindingCode::DuringActivity => "during_activity",
            FindingCode::LssActivity => "lss_activity",
            FindingCode::WorkingTimeWeekAverage => "working_time_week_average",
            FindingCode::Overtime4Weeks => "overtime_4_weeks",
            FindingCode::OvertimeYear => "overtime_year",
            FindingCode::DstNonexistent => "dst_nonexistent",
            FindingCode::DstAmbiguous => "dst_ambiguous",
        }
    }

    pub fn parse(token: &str) -> Option<FindingCode> {
        FindingCode::ALL.into_iter().find(|c| c.as_str() == token)
    }

    /// The severity every finding with this code has.
    pub fn severity(self) -> Severity {
        match self {
            FindingCode::EndNotAfterStart
            | FindingCode::OutsideMonth
            | FindingCode::InFuture
            | FindingCode::Overlap
            | FindingCode::InvalidId => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FindingCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One result of [`check_month`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub severity: Severity,
    pub code: FindingCode,
    /// For the user: which row, what is wrong, what to do.
    pub message: Message,
    pub assistant_id: Option<AssistantId>,
    /// The other assistant of a pair (`double_assistance`: the lower id is `assistant_id`).
    pub other_assistant_id: Option<AssistantId>,
    pub shift_id: Option<ShiftId>,
    /// The day to show (the shift's first day inside the month, or the day a window ends).
    pub date: Option<NaiveDate>,
}

impl Finding {
    pub fn new(code: FindingCode, message: Message) -> Finding {
        Finding {
            severity: code.severity(),
            code,
            message,
            assistant_id: None,
            other_assistant_id: None,
            shift_id: None,
            date: None,
        }
    }

    fn about(mut self, shift: &Shift, date: NaiveDate) -> Finding {
        self.assistant_id = Some(shift.assistant_id);
        self.shift_id = Some(shift.id);
        self.date = Some(date);
        self
    }
}

/// What the rules need to know about an assistant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssistantFacts {
    pub id: AssistantId,
    /// Employed by the person (egen arbetsgivare): the working-time law applies.
    pub employed_by_person: bool,
    /// The personnummer or samordningsnummer passes its check.
    pub id_valid: bool,
    /// The periods the working-time average and overtime are checked over.
    pub calculation_periods: CalculationPeriods,
}

/// A wall-clock interval `[start, end)` in Europe/Stockholm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

/// An LSS activity during which assistance is normally not compensated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActivityKind {
    Barnomsorg,
    Skola,
    DagligVerksamhet,
}

impl ActivityKind {
    /// `barnomsorg`, `skola`, `daglig_verksamhet`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Barnomsorg => "barnomsorg",
            ActivityKind::Skola => "skola",
            ActivityKind::DagligVerksamhet => "daglig_verksamhet",
        }
    }

    /// The activity's name in the catalogue.
    pub fn key(self) -> Key {
        match self {
            ActivityKind::Barnomsorg => Key::ActivityBarnomsorg,
            ActivityKind::Skola => Key::ActivitySkola,
            ActivityKind::DagligVerksamhet => Key::ActivityDagligVerksamhet,
        }
    }
}

/// A period of barnomsorg, skola or daglig verksamhet the user entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActivityPeriod {
    pub kind: ActivityKind,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

/// Everything [`check_month`] looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthContext {
    pub month: YearMonth,
    /// The shifts of the month's reports: every shift with a part inside the month (a night
    /// shift from the last day of the previous month belongs here too). Any order.
    pub shifts: Vec<Shift>,
    /// Other shifts, for the working-time rules only: at least those in
    /// [`working_time_window`]. Any order; shifts whose id is also in `shifts` are ignored.
    pub history: Vec<Shift>,
    pub assistants: Vec<AssistantFacts>,
    /// The granted hours (beviljade timmar) for the month, if the user entered them.
    pub granted_hours: Option<u32>,
    pub hospital_stays: Vec<Period>,
    pub activities: Vec<ActivityPeriod>,
    /// The month's invoice answers Ja to "assistance during LSS activity" (barnomsorg, skola,
    /// daglig verksamhet), without times.
    pub lss_activity: bool,
}

impl MonthContext {
    /// An empty context for `month`.
    pub fn new(month: YearMonth) -> MonthContext {
        MonthContext {
            month,
            shifts: Vec::new(),
            history: Vec::new(),
            assistants: Vec::new(),
            granted_hours: None,
            hospital_stays: Vec::new(),
            activities: Vec::new(),
            lss_activity: false,
        }
    }
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

/// The weeks (their Mondays) with at least one day in `month`.
fn weeks_of(month: YearMonth) -> (NaiveDate, NaiveDate) {
    (monday_of(month.first_day()), monday_of(month.last_day()))
}

/// The days `[from, until)` whose shifts the working-time rules of `month` read, for
/// assistants with the given calculation periods: from the first day of the earliest period
/// that touches the month (or from week 1 of the earliest ISO year a week of the month
/// belongs to, if that is earlier) until the day after the latest such period (at least the
/// Monday after the month's last week). Both ends are Mondays. A store can load the history of
/// just these days.
pub fn working_time_window(
    month: YearMonth,
    periods: impl IntoIterator<Item = CalculationPeriods>,
) -> (NaiveDate, NaiveDate) {
    let (first, last) = weeks_of(month);
    let mut from =
        NaiveDate::from_isoywd_opt(first.iso_week().year(), 1, Weekday::Mon).unwrap_or(first);
    let mut until = last + Days::new(7);
    for p in periods {
        for period in p.touching(month) {
            from = from.min(monday_of(period.first));
            until = until.max(monday_of(period.last) + Days::new(7));
        }
    }
    (from, until)
}

fn midnight(d: NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::MIN)
}

/// Wall-clock minute range of a shift.
fn span(s: &Shift) -> (i64, i64) {
    (wall_minute(s.start), wall_minute(s.end))
}

/// A wall-clock minute range as a pair of times (none if out of chrono's range).
fn times(from: i64, to: i64) -> Option<(NaiveDateTime, NaiveDateTime)> {
    naive(from).zip(naive(to))
}

/// `message` with the parameter `name` naming the range (as a shift is named).
fn with_range(message: Message, name: &'static str, from: i64, to: i64) -> Message {
    message.with(
        name,
        crate::message::Param::Spans(times(from, to).into_iter().collect()),
    )
}

/// `key` with `shift` naming the shift.
fn about_shift(key: Key, s: &Shift) -> Message {
    let (a, b) = span(s);
    with_range(Message::new(key), "shift", a, b)
}

/// Checks `ctx.month` against every rule (see the module documentation). Findings are sorted:
/// errors first, then by date, assistant, shift and code.
pub fn check_month(ctx: &MonthContext, today: NaiveDate) -> Vec<Finding> {
    let month = ctx.month;
    let (m_lo, m_hi) = (wall_minute(month.start()), wall_minute(month.end()));
    let first_in_month =
        |s: &Shift| naive(wall_minute(s.start).max(m_lo)).map_or(s.start.date(), |t| t.date());
    let future_from = today
        .succ_opt()
        .map_or(i64::MAX, |d| wall_minute(midnight(d)));
    let mut out = Vec::new();

    // Per-shift errors; the rest of the rules look only at the shifts that pass them.
    let mut in_month: Vec<&Shift> = Vec::with_capacity(ctx.shifts.len());
    for s in &ctx.shifts {
        let (start, end) = span(s);
        if end <= start {
            out.push(
                Finding::new(
                    FindingCode::EndNotAfterStart,
                    about_shift(Key::FindingEndNotAfterStart, s),
                )
                .about(s, s.start.date()),
            );
            continue;
        }
        if end <= m_lo || start >= m_hi {
            out.push(
                Finding::new(
                    FindingCode::OutsideMonth,
                    about_shift(Key::FindingOutsideMonth, s).month("month", month.first_day()),
                )
                .about(s, s.start.date()),
            );
            continue;
        }
        if end > future_from {
            out.push(
                Finding::new(
                    FindingCode::InFuture,
                    about_shift(Key::FindingInFuture, s).date("today", today),
                )
                .about(s, first_in_month(s)),
            );
        }
        in_month.push(s);
    }
    in_month.sort_by_key(|s| (span(s), s.assistant_id, s.id));

    let facts: BTreeMap<AssistantId, AssistantFacts> =
        ctx.assistants.iter().map(|a| (a.id, *a)).collect();
    let working: BTreeSet<AssistantId> = in_month.iter().map(|s| s.assistant_id).collect();
    for id in &working {
        if facts.get(id).is_some_and(|f| !f.id_valid) {
            let mut f = Finding::new(FindingCode::InvalidId, Message::new(Key::FindingInvalidId));
            f.assistant_id = Some(*id);
            out.push(f);
        }
    }

    check_overlaps(&in_month, m_lo, m_hi, &first_in_month, &mut out);
    check_rows(ctx, &in_month, m_lo, m_hi, &mut out);
    check_periods(ctx, &in_month, m_lo, m_hi, &first_in_month, &mut out);
    if ctx.lss_activity {
        out.push(Finding::new(
            FindingCode::LssActivity,
            Message::new(Key::FindingLssActivity),
        ));
    }
    check_working_time(ctx, &facts, &mut out);

    out.sort_by(|a, b| {
        (a.severity, a.date, a.assistant_id, a.shift_id, a.code).cmp(&(
            b.severity,
            b.date,
            b.assistant_id,
            b.shift_id,
            b.code,
        ))
    });
    out
}

/// Same-assistant overlaps (errors) and two assistants at once (warnings). `shifts` is sorted
/// by start; each pass is a sweep, linear apart from the few shifts running at the same time.
fn check_overlaps(
    shifts: &[&Shift],
    m_lo: i64,
    m_hi: i64,
    first_in_month: &dyn Fn(&Shift) -> NaiveDate,
    out: &mut Vec<Finding>,
) {
    // Same assistant: the shift with the latest end so far, per assistant.
    let mut latest: BTreeMap<AssistantId, &Shift> = BTreeMap::new();
    // Two assistants: shifts still running, and the times each pair worked together.
    let mut running: Vec<&Shift> = Vec::new();
    let mut together: BTreeMap<(AssistantId, AssistantId), Vec<(i64, i64)>> = BTreeMap::new();
    for &s in shifts {
        let (start, end) = span(s);
        if let Some(prev) = latest.get(&s.assistant_id) {
            if span(prev).1 > start {
                out.push(
                    Finding::new(
                        FindingCode::Overlap,
                        with_range(
                            about_shift(Key::FindingOverlap, s),
                            "other",
                            span(prev).0,
                            span(prev).1,
                        ),
                    )
                    .about(s, first_in_month(s)),
                );
            }
        }
        if latest
            .get(&s.assistant_id)
            .is_none_or(|prev| span(prev).1 < end)
        {
            latest.insert(s.assistant_id, s);
        }

        running.retain(|r| span(r).1 > start);
        for r in &running {
            let from = start.max(m_lo);
            let to = end.min(span(r).1).min(m_hi);
            if r.assistant_id != s.assistant_id && to > from {
                let pair = if r.assistant_id < s.assistant_id {
                    (r.assistant_id, s.assistant_id)
                } else {
                    (s.assistant_id, r.assistant_id)
                };
                together.entry(pair).or_default().push((from, to));
            }
        }
        running.push(s);
    }
    // One warning per pair of assistants, naming every time they worked together (merged
    // where times touch or overlap).
    for ((first, second), mut times) in together {
        times.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::with_capacity(times.len());
        for (from, to) in times {
            match merged.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        let spans = merged
            .iter()
            .filter_map(|&(a, b)| self::times(a, b))
            .collect();
        out.push(Finding {
            assistant_id: Some(first),
            other_assistant_id: Some(second),
            date: naive(merged[0].0).map(|t| t.date()),
            ..Finding::new(
                FindingCode::DoubleAssistance,
                Message::new(Key::FindingDoubleAssistance)
                    .with("together", crate::message::Param::Spans(spans)),
            )
        });
    }
}

/// Granted hours and daylight-saving notes: both come from the month's rows.
fn check_rows(ctx: &MonthContext, shifts: &[&Shift], m_lo: i64, m_hi: i64, out: &mut Vec<Finding>) {
    let mut rows = Vec::new();
    for s in shifts {
        for_each_row_between(s, m_lo, m_hi, |r| rows.push(r));
    }
    sort_rows(&mut rows);
    let mut total: u64 = 0;
    for row in &rows {
        let rt = row_total(row);
        total += u64::from(rt.minutes);
        if let Some(note) = rt.dst_note {
            let code = match note.kind {
                DstNoteKind::Nonexistent => FindingCode::DstNonexistent,
                DstNoteKind::Ambiguous => FindingCode::DstAmbiguous,
            };
            let mut f = Finding::new(code, note.message);
            f.assistant_id = Some(row.assistant_id);
            f.shift_id = Some(row.shift_id);
            f.date = Some(row.date);
            out.push(f);
        }
    }
    if let Some(granted) = ctx.granted_hours {
        if total > u64::from(granted) * 60 {
            out.push(Finding::new(
                FindingCode::AboveGrantedHours,
                Message::new(Key::FindingAboveGrantedHours)
                    .month("month", ctx.month.first_day())
                    .minutes("total", total as i64)
                    .number("granted", granted),
            ));
        }
    }
}

/// Hospital stays and LSS activities overlapping the month's shifts.
fn check_periods(
    ctx: &MonthContext,
    shifts: &[&Shift],
    m_lo: i64,
    m_hi: i64,
    first_in_month: &dyn Fn(&Shift) -> NaiveDate,
    out: &mut Vec<Finding>,
) {
    // Only periods touching the month, hospital stays merged so that overlapping entries are
    // not counted twice.
    let clip = |p: (i64, i64)| (p.0.max(m_lo), p.1.min(m_hi));
    let mut stays: Vec<(i64, i64)> = ctx
        .hospital_stays
        .iter()
        .map(|p| clip((wall_minute(p.start), wall_minute(p.end))))
        .filter(|p| p.1 > p.0)
        .collect();
    stays.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::with_capacity(stays.len());
    for p in stays {
        match merged.last_mut() {
            Some(last) if p.0 <= last.1 => last.1 = last.1.max(p.1),
            _ => merged.push(p),
        }
    }
    let activities: Vec<(ActivityKind, i64, i64)> = ctx
        .activities
        .iter()
        .map(|a| {
            let (from, to) = clip((wall_minute(a.start), wall_minute(a.end)));
            (a.kind, from, to)
        })
        .filter(|a| a.2 > a.1)
        .collect();

    for &s in shifts {
        let (start, end) = clip(span(s));
        let overlap = |from: i64, to: i64| {
            let (a, b) = (start.max(from), end.min(to));
            (b > a).then_some((a, b))
        };
        let mut inside: u64 = 0;
        let mut stays = Vec::new();
        for &(from, to) in &merged {
            if let Some((a, b)) = overlap(from, to) {
                inside += real_minutes(a, b);
                stays.extend(times(from, to));
            }
        }
        if !stays.is_empty() {
            out.push(
                Finding::new(
                    FindingCode::DuringHospitalStay,
                    about_shift(Key::FindingDuringHospitalStay, s)
                        .minutes("inside", inside as i64)
                        .with("stays", crate::message::Param::Spans(stays)),
                )
                .about(s, first_in_month(s)),
            );
        }
        for &(kind, from, to) in &activities {
            if let Some((a, b)) = overlap(from, to) {
                out.push(
                    Finding::new(
                        FindingCode::DuringActivity,
                        with_range(
                            about_shift(Key::FindingDuringActivity, s)
                                .minutes("inside", real_minutes(a, b) as i64)
                                .key("activity", kind.key()),
                            "period",
                            from,
                            to,
                        ),
                    )
                    .about(s, first_in_month(s)),
                );
            }
        }
    }
}

const WEEK_LIMIT: u64 = 40 * 60;
/// 48 hours of overtime in 4 weeks.
const OVERTIME_PER_WEEK: u64 = 12 * 60;
const OVERTIME_YEAR: u64 = 300 * 60;

/// `key` naming the period by its first and last day.
fn about_period(key: Key, period: CalculationPeriod) -> Message {
    Message::new(key)
        .date("first", period.first)
        .date("last", period.last)
}

/// The working-time rules of lag (1970:943); see the module documentation.
fn check_working_time(
    ctx: &MonthContext,
    facts: &BTreeMap<AssistantId, AssistantFacts>,
    out: &mut Vec<Finding>,
) {
    let employed: BTreeMap<AssistantId, CalculationPeriods> = facts
        .values()
        .filter(|f| f.employed_by_person)
        .map(|f| (f.id, f.calculation_periods))
        .collect();
    if employed.is_empty() {
        return;
    }
    let month = ctx.month;
    let (first_week, last_week) = weeks_of(month);
    let (from, until) = working_time_window(month, employed.values().copied());
    let (lo, hi) = (wall_minute(midnight(from)), wall_minute(midnight(until)));
    let days = (until - from).num_days() as usize;
    let day_index = |d: NaiveDate| (d - from).num_days() as usize;
    let monday = |i: usize| from + Days::new(7 * i as u64);

    // Working minutes per assistant per day of the window.
    let mut per_day: BTreeMap<AssistantId, Vec<u64>> = BTreeMap::new();
    let month_ids: HashSet<ShiftId> = ctx.shifts.iter().map(|s| s.id).collect();
    let history = ctx.history.iter().filter(|s| !month_ids.contains(&s.id));
    for s in ctx.shifts.iter().chain(history) {
        if s.kind == TimeKind::Beredskap || !employed.contains_key(&s.assistant_id) {
            continue;
        }
        let (start, end) = span(s);
        if end <= lo || start >= hi {
            continue;
        }
        let counts = per_day
            .entry(s.assistant_id)
            .or_insert_with(|| vec![0; days]);
        for_each_row_between(s, lo, hi, |row| {
            let (a, b) = row.wall_range();
            if let Some(slot) = counts.get_mut(day_index(row.date)) {
                *slot += real_minutes(a, b);
            }
        });
    }

    let (first_i, last_i) = (day_index(first_week) / 7, day_index(last_week) / 7);
    let last_day = month.last_day();
    for (&id, counts) in &per_day {
        let finding = |code: FindingCode, message: Message, date: NaiveDate| Finding {
            assistant_id: Some(id),
            date: Some(date.min(last_day)),
            ..Finding::new(code, message)
        };

        // The calculation periods: working time and overtime over each, the worst reported.
        let periods: Vec<(CalculationPeriod, u64, u64)> = employed[&id]
            .touching(month)
            .into_iter()
            .map(|period| {
                let sum = counts[day_index(period.first)..=day_index(period.last)]
                    .iter()
                    .sum::<u64>();
                (period, sum, period.days() as u64 / 7)
            })
            .collect();
        let worst = |excess: &dyn Fn(u64, u64) -> Option<u64>| {
            periods
                .iter()
                .filter_map(|&(period, sum, weeks)| {
                    excess(sum, weeks).map(|e| (e, period, sum, weeks))
                })
                .max_by_key(|&(e, period, _, _)| (e, std::cmp::Reverse(period.first)))
        };
        let above_average =
            |sum: u64, weeks: u64| (sum > weeks * WEEK_LIMIT).then(|| sum - weeks * WEEK_LIMIT);
        if let Some((_, period, sum, weeks)) = worst(&above_average) {
            out.push(finding(
                FindingCode::WorkingTimeWeekAverage,
                about_period(Key::FindingWorkingTimeWeekAverage, period)
                    .minutes("total", sum as i64)
                    .minutes("average", (sum / weeks.max(1)) as i64),
                period.last,
            ));
        }
        let overtime_above = |sum: u64, weeks: u64| {
            let overtime = sum.saturating_sub(weeks * WEEK_LIMIT);
            (overtime > weeks * OVERTIME_PER_WEEK).then_some(overtime)
        };
        if let Some((overtime, period, _, weeks)) = worst(&overtime_above) {
            out.push(finding(
                FindingCode::Overtime4Weeks,
                about_period(Key::FindingOvertime4Weeks, period)
                    .minutes("overtime", overtime as i64)
                    .minutes("limit", (weeks * OVERTIME_PER_WEEK) as i64),
                period.last,
            ));
        }

        // The calendar year, over ISO weeks.
        let weekly: Vec<u64> = counts.chunks(7).map(|w| w.iter().sum()).collect();
        let overtime: Vec<u64> = weekly
            .iter()
            .map(|w| w.saturating_sub(WEEK_LIMIT))
            .collect();
        let years: BTreeSet<i32> = (first_i..=last_i)
            .map(|i| monday(i).iso_week().year())
            .collect();
        for year in years {
            let sum: u64 = (0..=last_i)
                .filter(|&i| monday(i).iso_week().year() == year)
                .map(|i| overtime[i])
                .sum();
            if sum > OVERTIME_YEAR {
                let last_week_of_year = (0..=last_i)
                    .rev()
                    .find(|&i| monday(i).iso_week().year() == year)
                    .map_or(last_i, |i| i);
                out.push(finding(
                    FindingCode::OvertimeYear,
                    // The year as written (a Number would be grouped: 2 026).
                    Message::new(Key::FindingOvertimeYear)
                        .text("year", year.to_string())
                        .minutes("overtime", sum as i64)
                        .number("week", monday(last_week_of_year).iso_week().week()),
                    monday(last_week_of_year) + Days::new(6),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn dt(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    fn day(y: i32, mo: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, mo, d).unwrap()
    }

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }

    fn shift(id: i64, who: i64, start: NaiveDateTime, end: NaiveDateTime) -> Shift {
        Shift {
            id: ShiftId(id),
            assistant_id: AssistantId(who),
            start,
            end,
            kind: TimeKind::Aktiv,
            note: None,
        }
    }

    fn kind(mut s: Shift, kind: TimeKind) -> Shift {
        s.kind = kind;
        s
    }

    const LATER: fn() -> NaiveDate = || day(2030, 1, 1);

    fn ctx(month: &str, shifts: Vec<Shift>) -> MonthContext {
        let mut c = MonthContext::new(ym(month));
        c.shifts = shifts;
        c
    }

    /// 4-week calculation periods from Monday 9 March 2026 (… 9 Feb–8 Mar, 9 Mar–5 Apr,
    /// 6 Apr–3 May …).
    const PERIODS: CalculationPeriods = CalculationPeriods {
        start: match NaiveDate::from_ymd_opt(2026, 3, 9) {
            Some(d) => d,
            None => panic!(),
        },
        weeks: 4,
    };

    fn employ(c: &mut MonthContext, ids: &[i64]) {
        for &id in ids {
            c.assistants.push(AssistantFacts {
                id: AssistantId(id),
                employed_by_person: true,
                id_valid: true,
                calculation_periods: PERIODS,
            });
        }
    }

    fn codes(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.code.as_str()).collect()
    }

    fn with_code(findings: &[Finding], code: FindingCode) -> Vec<&Finding> {
        findings.iter().filter(|f| f.code == code).collect()
    }

    #[test]
    fn codes_are_stable_unique_tokens() {
        let tokens: BTreeSet<&str> = FindingCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(tokens.len(), FindingCode::ALL.len());
        for c in FindingCode::ALL {
            assert_eq!(FindingCode::parse(c.as_str()), Some(c));
            assert!(c
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
        }
        assert_eq!(FindingCode::Overtime4Weeks.as_str(), "overtime_4_weeks");
        assert_eq!(FindingCode::parse("Overlap"), None);
        assert_eq!(FindingCode::Overlap.severity(), Severity::Error);
        assert_eq!(FindingCode::DstAmbiguous.severity(), Severity::Warning);
    }

    #[test]
    fn nothing_to_say_about_an_ordinary_month() {
        let mut c = ctx(
            "2026-04",
            vec![
                shift(1, 1, dt(2026, 4, 1, 8, 0), dt(2026, 4, 1, 16, 0)),
                shift(2, 2, dt(2026, 4, 1, 16, 0), dt(2026, 4, 2, 8, 0)),
                shift(3, 1, dt(2026, 4, 2, 8, 0), dt(2026, 4, 2, 16, 0)),
            ],
        );
        employ(&mut c, &[1, 2]);
        c.granted_hours = Some(32);
        assert_eq!(check_month(&c, LATER()), []);
        assert_eq!(check_month(&MonthContext::new(ym("2026-04")), LATER()), []);
    }

    #[test]
    fn end_not_after_start() {
        let c = ctx(
            "2026-10",
            vec![
                shift(1, 1, dt(2026, 10, 24, 22, 0), dt(2026, 10, 24, 7, 0)),
                shift(2, 1, dt(2026, 10, 5, 8, 0), dt(2026, 10, 5, 8, 0)),
                shift(3, 1, dt(2026, 10, 6, 8, 0), dt(2026, 10, 6, 8, 1)),
            ],
        );
        let f = check_month(&c, LATER());
        assert_eq!(codes(&f), ["end_not_after_start", "end_not_after_start"]);
        assert_eq!(f[0].shift_id, Some(ShiftId(2)));
        assert_eq!(f[1].shift_id, Some(ShiftId(1)));
        assert_eq!(f[1].severity, Severity::Error);
        assert_eq!(f[1].date, Some(day(2026, 10, 24)));
        assert!(
            f[1].message
                .to_string()
                .starts_with("24 okt 22:00–24 okt 07:00: sluttiden"),
            "{}",
            f[1].message
        );
    }

    #[test]
    fn outside_month_at_both_ends() {
        let c = ctx(
            "2026-04",
            vec![
                shift(1, 1, dt(2026, 3, 31, 20, 0), dt(2026, 4, 1, 0, 0)),
                shift(2, 1, dt(2026, 3, 31, 21, 0), dt(2026, 4, 1, 0, 1)),
                shift(3, 2, dt(2026, 5, 1, 0, 0), dt(2026, 5, 1, 8, 0)),
                shift(4, 2, dt(2026, 4, 30, 23, 59), dt(2026, 5, 1, 2, 0)),
                shift(5, 3, dt(2025, 4, 10, 8, 0), dt(2025, 4, 10, 9, 0)),
            ],
        );
        let f = check_month(&c, LATER());
        let ids: Vec<i64> = f.iter().map(|f| f.shift_id.unwrap().0).collect();
        assert_eq!(codes(&f), ["outside_month"; 3]);
        assert_eq!(ids, [5, 1, 3]);
        assert!(
            f[1].message.to_string().contains("31 mar 20:00–24:00")
                && f[1].message.to_string().contains("april 2026"),
            "{}",
            f[1].message
        );
    }

    #[test]
    fn in_future_after_the_end_of_today() {
        let today = day(2026, 4, 10);
        let ok = ctx(
            "2026-04",
            vec![shift(1, 1, dt(2026, 4, 10, 20, 0), dt(2026, 4, 11, 0, 0))],
        );
        assert_eq!(check_month(&ok, today), []);
        let late = ctx(
            "2026-04",
            vec![shift(1, 1, dt(2026, 4, 10, 20, 0), dt(2026, 4, 11, 0, 1))],
        );
        let f = check_month(&late, today);
        assert_eq!(codes(&f), ["in_future"]);
        assert_eq!(f[0].date, Some(day(2026, 4, 10)));
        assert!(
            f[0].message.to_string().contains("10 apr 2026"),
            "{}",
            f[0].message
        );
        let later = ctx(
            "2026-04",
            vec![shift(1, 1, dt(2026, 4, 20, 8, 0), dt(2026, 4, 20, 9, 0))],
        );
        assert_eq!(codes(&check_month(&later, today)), ["in_future"]);
    }

    #[test]
    fn overlap_of_the_same_assistant() {
        let touching = ctx(
            "2026-04",
            vec![
                shift(1, 1, dt(2026, 4, 3, 8, 0), dt(2026, 4, 3, 12, 0)),
                kind(
                    shift(2, 1, dt(2026, 4, 3, 12, 0), dt(2026, 4, 3, 13, 0)),
                    TimeKind::Vantetid,
                ),
            ],
        );
        assert_eq!(check_month(&touching, LATER()), []);
        let overlapping = ctx(
            "2026-04",
            vec![
                shift(1, 1, dt(2026, 4, 3, 8, 0), dt(2026, 4, 3, 12, 0)),
                kind(
                    shift(2, 1, dt(2026, 4, 3, 11, 59), dt(2026, 4, 3, 13, 0)),
                    TimeKind::Vantetid,
                ),
                // Contained in a long shift that started earlier.
                shift(3, 2, dt(2026, 4, 4, 22, 0), dt(2026, 4, 5, 7, 0)),
                shift(4, 2, dt(2026, 4, 5, 1, 0), dt(2026, 4, 5, 2, 0)),
                shift(5, 2, dt(2026, 4, 5, 3, 0), dt(2026, 4, 5, 4, 0)),
            ],
        );
        let f = check_month(&overlapping, LATER());
        assert_eq!(codes(&f), ["overlap", "overlap", "overlap"]);
        assert_eq!(f[0].shift_id, Some(ShiftId(2)));
        assert_eq!(f[0].assistant_id, Some(AssistantId(1)));
        assert!(
            f[0].message.to_string().starts_with("3 apr 11:59–13:00")
                && f[0].message.to_string().contains("(3 apr 08:00–12:00)")
        );
        assert!(
            f[1].message.to_string().contains("(4 apr 22:00–07:00)"),
            "{}",
            f[1].message
        );
    }

    #[test]
    fn invalid_identity_number_of_a_working_assistant() {
        let mut c = ctx(
            "2026-04",
            vec![shift(1, 1, dt(2026, 4, 3, 8, 0), dt(2026, 4, 3, 12, 0))],
        );
        c.assistants = vec![
            AssistantFacts {
                id: AssistantId(1),
                employed_by_person: false,
                id_valid: false,
                calculation_periods: PERIODS,
            },
            // Invalid but without shifts this month: no report, no finding.
            AssistantFacts {
                id: AssistantId(2),
                employed_by_person: false,
                id_valid: false,
                calculation_periods: PERIODS,
            },
        ];
        let f = check_month(&c, LATER());
        assert_eq!(codes(&f), ["invalid_id"]);
        assert_eq!(
            (f[0].assistant_id, f[0].shift_id, f[0].date),
            (Some(AssistantId(1)), None, None)
        );
        assert!(!f[0].message.to_string().chars().any(|c| c.is_ascii_digit()));
        c.assistants[0].id_valid = true;
        assert_eq!(check_month(&c, LATER()), []);
    }

    #[test]
    fn double_assistance() {
        let back_to_back = ctx(
            "2026-04",
            vec![
                shift(1, 1, dt(2026, 4, 3, 8, 0), dt(2026, 4, 3, 12, 0)),
                shift(2, 2, dt(2026, 4, 3, 12, 0), dt(2026, 4, 3, 13, 0)),
            ],
        );
        assert_eq!(check_month(&back_to_back, LATER()), []);
        let together = ctx(
            "2026-04",
            vec![
                shift(1, 1, dt(2026, 4, 3, 8, 0), dt(2026, 4, 3, 12, 0)),
                kind(
                    shift(2, 2, dt(2026, 4, 3, 11, 30), dt(2026, 4, 3, 13, 0)),
                    TimeKind::Beredskap,
                ),
            ],
        );
        let f = check_month(&together, LATER());
        assert_eq!(codes(&f), ["double_assistance"]);
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(
            (f[0].assistant_id, f[0].other_assistant_id, f[0].shift_id),
            (Some(AssistantId(1)), Some(AssistantId(2)), None)
        );
        assert_eq!(
            f[0].message.to_string(),
            "Två assistenter arbetar samtidigt: 3 apr 11:30–12:00. Dubbel assistans ersätts bara \
             om den är beviljad för den tiden; kontrollera tiderna och beslutet."
        );
    }

    #[test]
    fn double_assistance_is_one_warning_per_pair() {
        // Assistant 3 overlaps 1 on three days (two shifts of 3 the same evening, touching),
        // and 2 once; 1 and 2 never work together.
        let c = ctx(
            "2026-04",
            vec![
                shift(1, 1, dt(2026, 4, 3, 8, 0), dt(2026, 4, 3, 16, 0)),
                shift(2, 1, dt(2026, 4, 4, 8, 0), dt(2026, 4, 4, 16, 0)),
                shift(3, 1, dt(2026, 4, 10, 8, 0), dt(2026, 4, 10, 20, 0)),
                shift(4, 3, dt(2026, 4, 3, 15, 0), dt(2026, 4, 3, 17, 0)),
                shift(5, 3, dt(2026, 4, 4, 7, 0), dt(2026, 4, 4, 9, 0)),
                shift(6, 3, dt(2026, 4, 10, 18, 0), dt(2026, 4, 10, 19, 0)),
                shift(7, 3, dt(2026, 4, 10, 19, 0), dt(2026, 4, 10, 21, 0)),
                shift(8, 2, dt(2026, 4, 10, 20, 30), dt(2026, 4, 10, 22, 0)),
            ],
        );
        let f = check_month(&c, LATER());
        assert_eq!(codes(&f), ["double_assistance", "double_assistance"]);
        let pairs: Vec<_> = f
            .iter()
            .map(|f| (f.assistant_id, f.other_assistant_id, f.date))
            .collect();
        assert_eq!(
            pairs,
            [
                (
                    Some(AssistantId(1)),
                    Some(AssistantId(3)),
                    Some(day(2026, 4, 3))
                ),
                (
                    Some(AssistantId(2)),
                    Some(AssistantId(3)),
                    Some(day(2026, 4, 10))
                ),
            ]
        );
        assert!(
            f[0].message.to_string().starts_with(
                "Två assistenter arbetar samtidigt: 3 apr 15:00–16:00, 4 apr 08:00–09:00, \
                 10 apr 18:00–20:00."
            ),
            "{}",
            f[0].message
        );
        assert!(
            f[1].message
                .to_string()
                .contains("samtidigt: 10 apr 20:30–21:00."),
            "{}",
            f[1].message
        );
    }

    #[test]
    fn double_assistance_only_counts_inside_the_month() {
        // Both night shifts touch April but overlap only on 31 March.
        let c = ctx(
            "2026-04",
            vec![
                shift(1, 1, dt(2026, 3, 31, 20, 0), dt(2026, 4, 1, 6, 0)),
                shift(2, 2, dt(2026, 3, 31, 21, 0), dt(2026, 4, 1, 0, 30)),
                shift(3, 3, dt(2026, 4, 1, 6, 0), dt(2026, 4, 1, 8, 0)),
            ],
        );
        let f = check_month(&c, LATER());
        assert_eq!(codes(&f), ["double_assistance"]);
        assert!(
            f[0].message.to_string().contains(": 1 apr 00:00–00:30."),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].date, Some(day(2026, 4, 1)));
    }

    #[test]
    fn granted_hours() {
        let mut c = ctx(
            "2026-04",
            vec![
                shift(1, 1, dt(2026, 4, 3, 8, 0), dt(2026, 4, 3, 12, 0)),
                kind(
                    shift(2, 2, dt(2026, 4, 3, 22, 0), dt(2026, 4, 4, 4, 0)),
                    TimeKind::Beredskap,
                ),
                // Partly outside April: only 2 hours count.
                shift(3, 1, dt(2026, 4, 30, 22, 0), dt(2026, 5, 1, 6, 0)),
            ],
        );
        c.granted_hours = Some(12);
        assert_eq!(check_month(&c, LATER()), []);
        c.shifts[0].end += Duration::minutes(1);
        let f = check_month(&c, LATER());
        assert_eq!(codes(&f), ["above_granted_hours"]);
        assert!(
            f[0].message
                .to_string()
                .starts_with("April 2026 har 12 tim 1 min assistans"),
            "{}",
            f[0].message
        );
        assert!(
            f[0].message.to_string().contains("de 12 beviljade"),
            "{}",
            f[0].message
        );
        c.granted_hours = None;
        assert_eq!(check_month(&c, LATER()), []);
    }

    #[test]
    fn granted_hours_count_real_time_over_the_autumn_change() {
        let mut c = ctx(
            "2026-10",
            vec![shift(1, 1, dt(2026, 10, 25, 0, 0), dt(2026, 10, 25, 4, 0))],
        );
        c.granted_hours = Some(4);
        assert_eq!(codes(&check_month(&c, LATER())), ["above_granted_hours"]);
        c.granted_hours = Some(5);
        assert_eq!(check_month(&c, LATER()), []);
    }

    #[test]
    fn hospital_stay() {
        let mut c = ctx(
            "2026-04",
            vec![
                shift(1, 1, dt(2026, 4, 3, 10, 0), dt(2026, 4, 3, 12, 0)),
                shift(2, 1, dt(2026, 4, 1, 7, 0), dt(2026, 4, 1, 10, 0)),
            ],
        );
        c.hospital_stays = vec![
            Period {
                start: dt(2026, 4, 1, 10, 0),
                end: dt(2026, 4, 3, 10, 0),
            },
            // Entered twice, overlapping: counted once.
            Period {
                start: dt(2026, 4, 2, 10, 0),
                end: dt(2026, 4, 3, 10, 0),
            },
        ];
        assert_eq!(check_month(&c, LATER()), []);
        c.shifts[0].start = dt(2026, 4, 3, 9, 0);
        let f = check_month(&c, LATER());
        assert_eq!(codes(&f), ["during_hospital_stay"]);
        assert!(
            f[0].message
                .to_string()
                .starts_with("3 apr 09:00–12:00: 1 tim av passet ligger under en sjukhusvistelse"),
            "{}",
            f[0].message
        );
        assert!(
            f[0].message
                .to_string()
                .contains("(1 apr 10:00–3 apr 10:00)"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn activity_periods() {
        let mut c = ctx(
            "2026-04",
            vec![shift(1, 1, dt(2026, 4, 8, 14, 0), dt(2026, 4, 8, 17, 0))],
        );
        c.activities = vec![
            ActivityPeriod {
                kind: ActivityKind::Skola,
                start: dt(2026, 4, 8, 8, 0),
                end: dt(2026, 4, 8, 14, 0),
            },
            ActivityPeriod {
                kind: ActivityKind::DagligVerksamhet,
                start: dt(2026, 4, 9, 8, 0),
                end: dt(2026, 4, 9, 14, 0),
            },
        ];
        assert_eq!(check_month(&c, LATER()), []);
        c.shifts[0].start = dt(2026, 4, 8, 13, 15);
        let f = check_month(&c, LATER());
        assert_eq!(codes(&f), ["during_activity"]);
        assert!(
            f[0].message.to_string().starts_with(
                "8 apr 13:15–17:00: 45 min av passet ligger inom tid i skola (8 apr 08:00–14:00)"
            ),
            "{}",
            f[0].message
        );
        assert!(f[0].message.to_string().contains("106 kap. 24–25 §§"));
        assert_eq!(ActivityKind::DagligVerksamhet.as_str(), "daglig_verksamhet");
    }

    #[test]
    fn lss_activity_without_times_is_one_warning_for_the_month() {
        let mut c = ctx(
            "2026-04",
            vec![
                shift(1, 1, dt(2026, 4, 8, 8, 0), dt(2026, 4, 8, 17, 0)),
                shift(2, 1, dt(2026, 4, 9, 8, 0), dt(2026, 4, 9, 17, 0)),
            ],
        );
        assert_eq!(codes(&check_month(&c, LATER())), Vec::<&str>::new());
        c.lss_activity = true;
        let f = check_month(&c, LATER());
        assert_eq!(codes(&f), ["lss_activity"]);
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(
            (f[0].assistant_id, f[0].shift_id, f[0].date),
            (None, None, None)
        );
        assert!(
            f[0].message
                .to_string()
                .contains("timmar under verksamheten får inte räknas med"),
            "{}",
            f[0].message
        );
        // Also in a month without shifts: the answer is what it is about.
        let mut empty = MonthContext::new(ym("2026-04"));
        empty.lss_activity = true;
        assert_eq!(codes(&check_month(&empty, LATER())), ["lss_activity"]);
    }

    #[test]
    fn dst_notes_become_warnings() {
        let spring = ctx(
            "2026-03",
            vec![
                shift(1, 1, dt(2026, 3, 29, 2, 30), dt(2026, 3, 29, 5, 0)),
                shift(2, 2, dt(2026, 3, 28, 22, 0), dt(2026, 3, 29, 7, 0)),
            ],
        );
        let f = check_month(&spring, LATER());
        assert_eq!(codes(&f), ["double_assistance", "dst_nonexistent"]);
        let dst = with_code(&f, FindingCode::DstNonexistent)[0];
        assert_eq!(
            (dst.shift_id, dst.date),
            (Some(ShiftId(1)), Some(day(2026, 3, 29)))
        );
        assert!(
            dst.message
                .to_string()
                .starts_with("29 mar 02:30–05:00: klockan 02:30 fanns inte"),
            "{}",
            dst.message
        );
        let autumn = ctx(
            "2026-10",
            vec![shift(
                1,
                1,
                dt(2026, 10, 24, 22, 0),
                dt(2026, 10, 25, 2, 30),
            )],
        );
        let f = check_month(&autumn, LATER());
        assert_eq!(codes(&f), ["dst_ambiguous"]);
        assert!(
            f[0].message
                .to_string()
                .starts_with("25 okt 00:00–02:30: klockan 02:30 fanns två gånger"),
            "{}",
            f[0].message
        );
        let fine = ctx(
            "2026-10",
            vec![shift(1, 1, dt(2026, 10, 24, 22, 0), dt(2026, 10, 25, 3, 0))],
        );
        assert_eq!(check_month(&fine, LATER()), []);
    }

    #[test]
    fn errors_sort_before_warnings() {
        let mut c = ctx(
            "2026-04",
            vec![
                shift(1, 1, dt(2026, 4, 3, 8, 0), dt(2026, 4, 3, 12, 0)),
                shift(2, 2, dt(2026, 4, 3, 9, 0), dt(2026, 4, 3, 10, 0)),
                shift(3, 1, dt(2026, 4, 20, 9, 0), dt(2026, 4, 20, 8, 0)),
            ],
        );
        c.granted_hours = Some(1);
        let f = check_month(&c, LATER());
        assert_eq!(
            codes(&f),
            [
                "end_not_after_start",
                "above_granted_hours",
                "double_assistance"
            ]
        );
        let json = serde_json::to_value(&f[0]).unwrap();
        assert_eq!(json["severity"], "error");
        assert_eq!(json["code"], "end_not_after_start");
        assert_eq!(json["shiftId"], 3);
        assert_eq!(json["assistantId"], 1);
        assert_eq!(json["date"], "2026-04-20");
    }

    /// Mon–Fri shifts of `hours_per_day` (from 06:00) for the weeks starting at each Monday.
    fn weeks_of_work(
        first_id: i64,
        who: i64,
        mondays: impl Iterator<Item = NaiveDate>,
        minutes_per_day: i64,
    ) -> Vec<Shift> {
        let mut out = Vec::new();
        let mut id = first_id;
        for monday in mondays {
            for d in 0..5 {
                let start = midnight(monday + Days::new(d)) + Duration::hours(6);
                out.push(shift(
                    id,
                    who,
                    start,
                    start + Duration::minutes(minutes_per_day),
                ));
                id += 1;
            }
        }
        out
    }

    fn mondays(from: NaiveDate, count: u64) -> impl Iterator<Item = NaiveDate> {
        (0..count).map(move |i| from + Days::new(7 * i))
    }

    /// April 2026 has the weeks of 30 Mar, 6, 13, 20 and 27 Apr; it touches the calculation
    /// periods 9 Mar–5 Apr and 6 Apr–3 May of [`PERIODS`].
    fn april_with(weekly: &[(NaiveDate, i64)], employed: bool) -> MonthContext {
        let month = ym("2026-04");
        let mut all = Vec::new();
        for (n, &(monday, per_day)) in weekly.iter().enumerate() {
            all.extend(weeks_of_work(
                1000 * (n as i64 + 1),
                1,
                mondays(monday, 1),
                per_day,
            ));
        }
        let (shifts, history): (Vec<Shift>, Vec<Shift>) = all
            .into_iter()
            .partition(|s| s.end > month.start() && s.start < month.end());
        let mut c = MonthContext::new(month);
        c.shifts = shifts;
        c.history = history;
        if employed {
            employ(&mut c, &[1]);
        } else {
            c.assistants.push(AssistantFacts {
                id: AssistantId(1),
                employed_by_person: false,
                id_valid: true,
                calculation_periods: PERIODS,
            });
        }
        c
    }

    #[test]
    fn week_average_over_four_weeks() {
        let forty: Vec<(NaiveDate, i64)> =
            mondays(day(2026, 3, 9), 8).map(|m| (m, 8 * 60)).collect();
        assert_eq!(check_month(&april_with(&forty, true), LATER()), []);
        // One minute more on Saturday 21 March: the runs ending 5, 12 and 19 April hold
        // 160 h 1 min; the first is reported.
        let mut c = april_with(&forty, true);
        c.history
            .push(shift(1, 1, dt(2026, 3, 21, 8, 0), dt(2026, 3, 21, 8, 1)));
        let f = check_month(&c, LATER());
        assert_eq!(codes(&f), ["working_time_week_average"]);
        assert!(
            f[0].message.to_string().starts_with(
                "Under beräkningsperioden 9 mar 2026–5 apr 2026 arbetade assistenten 160 tim 1 min"
            ),
            "{}",
            f[0].message
        );
        assert!(
            f[0].message.to_string().contains("12 timmar"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].assistant_id, Some(AssistantId(1)));
        assert_eq!(f[0].date, Some(day(2026, 4, 5)));
        // Not employed by the person: the law does not apply here.
        let mut c2 = c.clone();
        c2.assistants[0].employed_by_person = false;
        assert_eq!(check_month(&c2, LATER()), []);
        // Beredskap does not count as working time.
        let mut c3 = april_with(&forty, true);
        c3.shifts.push(kind(
            shift(1, 1, dt(2026, 4, 11, 8, 0), dt(2026, 4, 11, 20, 0)),
            TimeKind::Beredskap,
        ));
        assert_eq!(check_month(&c3, LATER()), []);
        // Väntetid does.
        let mut c4 = april_with(&forty, true);
        c4.shifts.push(kind(
            shift(1, 1, dt(2026, 4, 11, 8, 0), dt(2026, 4, 11, 8, 1)),
            TimeKind::Vantetid,
        ));
        assert_eq!(
            codes(&check_month(&c4, LATER())),
            ["working_time_week_average"]
        );
    }

    #[test]
    fn weeks_before_the_periods_of_the_month_do_not_count() {
        // Heavy weeks that end before the first calculation period of April (9 Mar–5 Apr).
        let mut weekly: Vec<(NaiveDate, i64)> =
            mondays(day(2026, 2, 9), 4).map(|m| (m, 12 * 60)).collect();
        weekly.extend(mondays(day(2026, 3, 9), 8).map(|m| (m, 8 * 60)));
        assert_eq!(check_month(&april_with(&weekly, true), LATER()), []);
        // ...but the same weeks are a finding for February.
        let mut feb = april_with(&weekly, true);
        feb.month = ym("2026-02");
        let (inside, rest): (Vec<Shift>, Vec<Shift>) = feb
            .shifts
            .drain(..)
            .chain(feb.history.drain(..))
            .partition(|s| YearMonth::of(s.start.date()) == ym("2026-02"));
        feb.shifts = inside;
        feb.history = rest;
        let f = check_month(&feb, LATER());
        assert_eq!(codes(&f), ["working_time_week_average", "overtime_4_weeks"]);
    }

    #[test]
    fn overtime_over_four_weeks() {
        // 52 h a week: 12 h overtime a week, exactly 48 h in four weeks.
        let weekly: Vec<(NaiveDate, i64)> =
            mondays(day(2026, 3, 9), 8).map(|m| (m, 52 * 12)).collect();
        let f = check_month(&april_with(&weekly, true), LATER());
        assert_eq!(codes(&f), ["working_time_week_average"]);
        let mut c = april_with(&weekly, true);
        c.shifts
            .push(shift(1, 1, dt(2026, 4, 11, 8, 0), dt(2026, 4, 11, 8, 1)));
        let f = check_month(&c, LATER());
        assert_eq!(codes(&f), ["working_time_week_average", "overtime_4_weeks"]);
        let ot = with_code(&f, FindingCode::Overtime4Weeks)[0];
        assert!(
            ot.message.to_string().starts_with(
                "Under beräkningsperioden 6 apr 2026–3 maj 2026 arbetade assistenten 48 tim 1 min övertid"
            ),
            "{}",
            ot.message
        );
        // The period's last day, kept inside the month.
        assert_eq!(ot.date, Some(day(2026, 4, 30)));
    }

    #[test]
    fn overtime_in_the_calendar_year() {
        // 30 weeks of 50 h from week 1 of 2026 (29 Dec 2025): 300 h overtime, 40 h per 4 weeks.
        let month = ym("2026-07");
        let all = weeks_of_work(1, 1, mondays(day(2025, 12, 29), 30), 10 * 60);
        let mut c = MonthContext::new(month);
        // History may repeat the month's shifts: they are counted once.
        c.history = all.clone();
        c.shifts = all
            .into_iter()
            .filter(|s| s.end > month.start() && s.start < month.end())
            .collect();
        employ(&mut c, &[1]);
        let f = check_month(&c, LATER());
        assert_eq!(codes(&f), ["working_time_week_average"]);
        c.shifts
            .push(shift(9999, 1, dt(2026, 7, 4, 8, 0), dt(2026, 7, 4, 8, 1)));
        let f = check_month(&c, LATER());
        assert_eq!(codes(&f), ["working_time_week_average", "overtime_year"]);
        let year = with_code(&f, FindingCode::OvertimeYear)[0];
        assert!(
            year.message
                .to_string()
                .starts_with("Under 2026 har assistenten hittills arbetat 300 tim 1 min övertid"),
            "{}",
            year.message
        );
        assert!(
            year.message.to_string().contains("till och med vecka 31"),
            "{}",
            year.message
        );
        assert_eq!(year.date, Some(day(2026, 7, 31)));
    }

    #[test]
    fn working_time_uses_real_time_over_dst_changes() {
        // Week of 19 Oct 2026 (Mon) to 25 Oct (the autumn change): 40 h by the clock, ending with
        // Sun 00:00–04:00 which is 5 real hours: 41 h worked. With 3 more 41-hour weeks -> 164 h.
        let mut shifts = Vec::new();
        let mut id = 1;
        for monday in mondays(day(2026, 9, 28), 4) {
            for d in 0..4 {
                let start = midnight(monday + Days::new(d)) + Duration::hours(6);
                shifts.push(shift(id, 1, start, start + Duration::hours(9)));
                id += 1;
            }
            let sunday = monday + Days::new(6);
            shifts.push(shift(
                id,
                1,
                midnight(sunday),
                midnight(sunday) + Duration::hours(4),
            ));
            id += 1;
        }
        let month = ym("2026-10");
        let mut c = MonthContext::new(month);
        (c.shifts, c.history) = shifts
            .into_iter()
            .partition(|s| s.end > month.start() && s.start < month.end());
        employ(&mut c, &[1]);
        c.assistants[0].calculation_periods.start = day(2026, 9, 28);
        let f = check_month(&c, LATER());
        assert_eq!(codes(&f), ["working_time_week_average"]);
        assert!(
            f[0].message.to_string().contains(
                "beräkningsperioden 28 sep 2026–25 okt 2026 arbetade assistenten 161 tim "
            ),
            "{}",
            f[0].message
        );
        // Same shifts a week earlier (no change that Sunday): exactly 160 h, nothing to say.
        for s in c.shifts.iter_mut().chain(c.history.iter_mut()) {
            s.start -= Duration::days(7);
            s.end -= Duration::days(7);
        }
        let moved: Vec<Shift> = c.shifts.drain(..).chain(c.history.drain(..)).collect();
        (c.shifts, c.history) = moved
            .into_iter()
            .partition(|s| s.end > month.start() && s.start < month.end());
        assert_eq!(check_month(&c, LATER()), []);
    }

    #[test]
    fn working_time_window_covers_the_year_and_the_periods() {
        assert_eq!(
            working_time_window(ym("2026-04"), [PERIODS]),
            (day(2025, 12, 29), day(2026, 5, 4))
        );
        // January 2027 starts in week 53 of 2026: that year is checked too.
        assert_eq!(
            working_time_window(ym("2027-01"), []),
            (day(2025, 12, 29), day(2027, 2, 1))
        );
        // Late in the year the periods are inside the year.
        assert_eq!(
            working_time_window(ym("2026-12"), [PERIODS]).0,
            day(2025, 12, 29)
        );
        // A long period (collective agreement) is read whole, also its days after the month.
        let long = CalculationPeriods {
            start: day(2026, 1, 7),
            weeks: 26,
        };
        assert_eq!(
            working_time_window(ym("2026-04"), [long]),
            (day(2025, 12, 29), day(2026, 7, 13))
        );
    }

    #[test]
    fn findings_follow_the_assistants_own_periods() {
        // 44 h a week for 2 weeks from Monday 6 April, nothing else: above 40 h a week on
        // average over 2-week periods, not over 4-week periods (88 h of 160 h).
        let month = ym("2026-04");
        let mut c = MonthContext::new(month);
        c.shifts = weeks_of_work(1, 1, mondays(day(2026, 4, 6), 2), 44 * 12);
        employ(&mut c, &[1]);
        c.assistants[0].calculation_periods = CalculationPeriods {
            start: day(2026, 4, 6),
            weeks: 4,
        };
        assert_eq!(check_month(&c, LATER()), []);
        c.assistants[0].calculation_periods.weeks = 2;
        let f = check_month(&c, LATER());
        assert_eq!(codes(&f), ["working_time_week_average"]);
        assert!(
            f[0].message.to_string().starts_with(
                "Under beräkningsperioden 6 apr 2026–19 apr 2026 arbetade assistenten 88 tim"
            ),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].date, Some(day(2026, 4, 19)));
        // The same periods as the document lists.
        assert_eq!(
            c.assistants[0].calculation_periods.touching(month)[1],
            CalculationPeriod {
                first: day(2026, 4, 6),
                last: day(2026, 4, 19)
            }
        );
        // 2-week periods from Wednesday 1 April split the same hours differently:
        // 1–14 Apr holds 6–10 and 13–14 Apr (61 h 36 min), 15–28 Apr 15–17 Apr: none above 80 h.
        c.assistants[0].calculation_periods = CalculationPeriods {
            start: day(2026, 4, 1),
            weeks: 2,
        };
        assert_eq!(check_month(&c, LATER()), []);
    }

    #[test]
    fn large_history_within_the_law_has_no_findings() {
        // 30 000 shifts over ~10 years, one month checked. Speed is measured by the criterion
        // benchmark `month` (docs/performance.md), not here.
        let mut history = Vec::new();
        let mut start = dt(2000, 1, 1, 7, 0);
        while history.len() < 30_000 {
            for k in 0..3 {
                // Round robin over five assistants: at most 40 hours a week each.
                let n = history.len() as i64;
                let s = start + Duration::hours(8 * k);
                history.push(shift(n + 1, n % 5 + 1, s, s + Duration::hours(8)));
            }
            start += Duration::days(1);
        }
        let month = YearMonth::of(start.date() - Days::new(40));
        let mut c = MonthContext::new(month);
        c.shifts = history
            .iter()
            .filter(|s| s.end > month.start() && s.start < month.end())
            .cloned()
            .collect();
        c.history = history;
        employ(&mut c, &[1, 2, 3, 4, 5]);
        c.granted_hours = Some(744);
        let f = check_month(&c, LATER());
        assert_eq!(f, []);
    }
}
