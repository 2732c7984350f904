//! Totals: the time actually worked, per kind of time, per row, assistant and household.
//!
//! # Daylight saving
//!
//! Report rows carry raw wall-clock time; every total here is the *real* length of the time in
//! Europe/Stockholm, as the invoice must carry it (domain.md, "Daylight-saving time"). FK's
//! example: 00:00–04:00 in the night of the autumn change is 5 hours, in the night of the
//! spring change 3 hours.
//!
//! Wall-clock times that the changes make doubtful are read by one fixed rule (see
//! `clock.rs`), never by guessing, and the row gets a [`DstNote`] that says so in Swedish:
//!
//! * **does not exist** (spring, 02:00–02:59 on the last Sunday of March): read as the moment
//!   the clock jumped, 03:00 summer time. A row 02:30–05:00 is 2 hours; 01:00–02:30 is 1 hour.
//! * **exists twice** (autumn, 02:00–02:59 on the last Sunday of October): read as the first
//!   time, in summer time, whether it starts or ends the row. A row 02:30–05:00 is 3 h 30 min;
//!   01:00–02:30 is 1 h 30 min; 02:10–02:40 is 30 min.
//!
//! FK counts the raw rows: the wall-clock length, minus one hour for a row that spans the
//! spring change, plus one hour for a row that spans the autumn change. For every row without
//! a note, "spans the change" means the row starts before 02:00 and ends at 03:00 or later on
//! the day of the change, and then FK's count equals ours (tested across 2020–2030). For a row
//! with a note FK's count is not well defined, which is why the user is asked to look at it.
//!
//! Because the rule reads a time the same way wherever it appears, totals never depend on how a
//! shift is split: cutting a shift at any minute into two adjacent shifts keeps every total.

use std::collections::BTreeMap;
use std::iter::Sum;
use std::ops::{Add, AddAssign};

use chrono::NaiveDate;
use serde::Serialize;

use super::clock::{resolve, Reading};
use super::model::{AssistantId, Shift, TimeKind};
use super::month::YearMonth;
use super::rows::{report_rows, ReportRow, WallTime};
use crate::message::{Key, Message};

/// Minutes actually worked, per kind of time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    pub aktiv: u32,
    pub vantetid: u32,
    pub beredskap: u32,
}

impl Totals {
    /// Totals with `minutes` of one kind.
    pub fn of(kind: TimeKind, minutes: u32) -> Totals {
        let mut t = Totals::default();
        t.add_minutes(kind, minutes);
        t
    }

    pub fn get(&self, kind: TimeKind) -> u32 {
        match kind {
            TimeKind::Aktiv => self.aktiv,
            TimeKind::Vantetid => self.vantetid,
            TimeKind::Beredskap => self.beredskap,
        }
    }

    pub fn add_minutes(&mut self, kind: TimeKind, minutes: u32) {
        let slot = match kind {
            TimeKind::Aktiv => &mut self.aktiv,
            TimeKind::Vantetid => &mut self.vantetid,
            TimeKind::Beredskap => &mut self.beredskap,
        };
        *slot = slot.saturating_add(minutes);
    }

    /// All kinds together.
    pub fn total(&self) -> u32 {
        self.aktiv
            .saturating_add(self.vantetid)
            .saturating_add(self.beredskap)
    }

    /// Aktiv tid plus väntetid: what counts as working time for the working-time rules
    /// (beredskap does not; see [`super::findings`]).
    pub fn working_time(&self) -> u32 {
        self.aktiv.saturating_add(self.vantetid)
    }
}

impl AddAssign for Totals {
    fn add_assign(&mut self, other: Totals) {
        for kind in TimeKind::ALL {
            self.add_minutes(kind, other.get(kind));
        }
    }
}

impl Add for Totals {
    type Output = Totals;

    fn add(mut self, other: Totals) -> Totals {
        self += other;
        self
    }
}

impl Sum for Totals {
    fn sum<I: Iterator<Item = Totals>>(iter: I) -> Totals {
        iter.fold(Totals::default(), Add::add)
    }
}

/// Which doubtful wall-clock time a row has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DstNoteKind {
    /// A time that does not exist (spring change).
    Nonexistent,
    /// A time that exists twice (autumn change).
    Ambiguous,
}

/// A row with a wall-clock time that the daylight-saving change makes doubtful, how Timbok
/// counted it and, in `message`, an explanation of how FK counts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DstNote {
    pub kind: DstNoteKind,
    pub date: NaiveDate,
    /// The row's doubtful times (its start, its end, or both).
    pub times: Vec<WallTime>,
    /// The row's length by the clock, as the time report carries it.
    pub wall_minutes: u32,
    /// The real length Timbok counts.
    pub actual_minutes: u32,
    pub message: Message,
}

/// One report row with its real length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowTotal {
    pub row: ReportRow,
    /// Minutes actually worked (the real length in Europe/Stockholm).
    pub minutes: u32,
    pub dst_note: Option<DstNote>,
}

impl RowTotal {
    pub fn totals(&self) -> Totals {
        Totals::of(self.row.kind, self.minutes)
    }

    /// Real minus wall-clock length: −60 for a row over the spring change, +60 for one over the
    /// autumn change, 0 for almost all rows. Lets the UI show "4 h by the clock, 5 h worked".
    pub fn dst_adjustment_minutes(&self) -> i32 {
        self.minutes as i32 - self.row.wall_minutes() as i32
    }
}

/// The real length of a row, with a [`DstNote`] when one of its times does not exist or
/// exists twice.
pub fn row_total(row: &ReportRow) -> RowTotal {
    let (from, to) = row.wall_range();
    let (a, ra) = resolve(from);
    let (b, rb) = resolve(to);
    let minutes = if to > from {
        u32::try_from(b - a).unwrap_or(0)
    } else {
        0
    };
    let dst_note = dst_note(row, minutes, ra, rb);
    RowTotal {
        row: row.clone(),
        minutes,
        dst_note,
    }
}

fn dst_note(row: &ReportRow, actual: u32, from: Reading, to: Reading) -> Option<DstNote> {
    let mut times = Vec::new();
    let kind = match (from, to) {
        (Reading::Exact, Reading::Exact) => return None,
        (Reading::Nonexistent, _) | (_, Reading::Nonexistent) => DstNoteKind::Nonexistent,
        _ => DstNoteKind::Ambiguous,
    };
    if from != Reading::Exact {
        times.push(row.from);
    }
    if to != Reading::Exact {
        times.push(row.to);
    }
    let wall = row.wall_minutes();
    let listed = times
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("–");
    let key = match (kind, from, to) {
        (DstNoteKind::Nonexistent, _, _) => Key::DstNonexistent,
        (_, Reading::Ambiguous, Reading::Ambiguous) => Key::DstAmbiguousWithin,
        (_, Reading::Ambiguous, _) => Key::DstAmbiguousStart,
        _ => Key::DstAmbiguousEnd,
    };
    let mut message = Message::new(key)
        .span("row", row.start(), row.end())
        .text("times", listed)
        .minutes("actual", i64::from(actual))
        .minutes("wall", i64::from(wall));
    match key {
        Key::DstAmbiguousStart => message = message.text("time", row.from.to_string()),
        Key::DstAmbiguousEnd => message = message.text("time", row.to.to_string()),
        _ => {}
    }
    Some(DstNote {
        kind,
        date: row.date,
        times,
        wall_minutes: wall,
        actual_minutes: actual,
        message,
    })
}

/// The totals of a month: per row, per assistant and for the household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthTotals {
    pub month: YearMonth,
    /// Every report row of the month, in [`report_rows`] order.
    pub rows: Vec<RowTotal>,
    /// Per assistant with at least one row.
    pub per_assistant: BTreeMap<AssistantId, Totals>,
    pub household: Totals,
}

impl MonthTotals {
    /// One assistant's totals (zero if the assistant has no rows).
    pub fn assistant(&self, id: AssistantId) -> Totals {
        self.per_assistant.get(&id).copied().unwrap_or_default()
    }

    /// The notes of rows with a doubtful wall-clock time, in row order.
    pub fn dst_notes(&self) -> impl Iterator<Item = &DstNote> {
        self.rows.iter().filter_map(|r| r.dst_note.as_ref())
    }
}

/// Rows and totals of `month` for every shift given (shifts outside the month contribute
/// nothing; shifts whose end is not after their start contribute nothing).
pub fn month_totals(shifts: &[Shift], month: YearMonth) -> MonthTotals {
    let rows: Vec<RowTotal> = report_rows(shifts, month).iter().map(row_total).collect();
    let mut per_assistant = BTreeMap::new();
    let mut household = Totals::default();
    for r in &rows {
        let t = r.totals();
        *per_assistant.entry(r.row.assistant_id).or_default() += t;
        household += t;
    }
    MonthTotals {
        month,
        rows,
        per_assistant,
        household,
    }
}

/// One assistant's totals for `month`.
pub fn assistant_totals(shifts: &[Shift], month: YearMonth, assistant: AssistantId) -> Totals {
    report_rows(shifts, month)
        .iter()
        .filter(|r| r.assistant_id == assistant)
        .map(|r| row_total(r).totals())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hours::model::ShiftId;
    use crate::hours::rows::shift_rows;
    use chrono::{Datelike, Duration, NaiveDateTime, Weekday};
    use proptest::prelude::*;

    fn dt(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    fn shift(id: i64, who: i64, start: NaiveDateTime, end: NaiveDateTime, kind: TimeKind) -> Shift {
        Shift {
            id: ShiftId(id),
            assistant_id: AssistantId(who),
            start,
            end,
            kind,
            note: None,
        }
    }

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }

    /// The last Sunday of a month, computed without any time-zone library: the independent
    /// oracle for when Sweden changes its clocks (EU rule since 1996).
    fn last_sunday(year: i32, month: u32) -> NaiveDate {
        let mut d = YearMonth::new(year, month).unwrap().last_day();
        while d.weekday() != Weekday::Sun {
            d = d.pred_opt().unwrap();
        }
        d
    }

    /// What FK computes from a raw row: the wall-clock length, −1 h for a row spanning the spring
    /// change, +1 h for a row spanning the autumn change (spanning: starts before 02:00 and ends
    /// 03:00 or later on the day of the change).
    fn fk_minutes(row: &ReportRow) -> i64 {
        let wall = i64::from(row.wall_minutes());
        let spans = row.from.minutes() < 120 && row.to.minutes() >= 180;
        if !spans {
            wall
        } else if row.date == last_sunday(row.date.year(), 3) {
            wall - 60
        } else if row.date == last_sunday(row.date.year(), 10) {
            wall + 60
        } else {
            wall
        }
    }

    fn hours(t: Totals) -> f64 {
        f64::from(t.total()) / 60.0
    }

    #[test]
    fn fk_example_2026() {
        let autumn = [shift(
            1,
            1,
            dt(2026, 10, 25, 0, 0),
            dt(2026, 10, 25, 4, 0),
            TimeKind::Aktiv,
        )];
        assert_eq!(
            month_totals(&autumn, ym("2026-10")).household,
            Totals::of(TimeKind::Aktiv, 300)
        );
        let spring = [shift(
            1,
            1,
            dt(2026, 3, 29, 0, 0),
            dt(2026, 3, 29, 4, 0),
            TimeKind::Aktiv,
        )];
        assert_eq!(
            month_totals(&spring, ym("2026-03")).household,
            Totals::of(TimeKind::Aktiv, 180)
        );
        // No note: nothing doubtful about 00:00 or 04:00.
        assert_eq!(month_totals(&autumn, ym("2026-10")).dst_notes().count(), 0);
    }

    #[test]
    fn night_shifts_over_both_changes_several_years() {
        // (date of the change, real hours of 22:00–07:00 into that day)
        for year in [2024, 2025, 2026, 2027] {
            let spring = last_sunday(year, 3);
            let autumn = last_sunday(year, 10);
            for (day, expected_night, expected_rows) in
                [(spring, 8.0, [2.0, 6.0]), (autumn, 10.0, [2.0, 8.0])]
            {
                let prev = day.pred_opt().unwrap();
                let s = shift(
                    1,
                    1,
                    prev.and_hms_opt(22, 0, 0).unwrap(),
                    day.and_hms_opt(7, 0, 0).unwrap(),
                    TimeKind::Aktiv,
                );
                let totals = month_totals(std::slice::from_ref(&s), YearMonth::of(day));
                assert_eq!(hours(totals.household), expected_night, "{day}");
                let per_row: Vec<f64> = totals
                    .rows
                    .iter()
                    .map(|r| f64::from(r.minutes) / 60.0)
                    .collect();
                assert_eq!(per_row, expected_rows, "{day}");
                assert_eq!(
                    totals.rows[1].dst_adjustment_minutes(),
                    if day == spring { -60 } else { 60 }
                );
                assert_eq!(totals.rows[1].row.wall_minutes(), 420);
                // FK example shape, every year.
                let fk = shift(
                    2,
                    1,
                    day.and_hms_opt(0, 0, 0).unwrap(),
                    day.and_hms_opt(4, 0, 0).unwrap(),
                    TimeKind::Aktiv,
                );
                let t = month_totals(&[fk], YearMonth::of(day)).household.aktiv;
                assert_eq!(t, if day == spring { 180 } else { 300 }, "{day}");
                // The day before and after are ordinary.
                for other in [prev, day.succ_opt().unwrap()] {
                    let o = shift(
                        3,
                        1,
                        other.and_hms_opt(0, 0, 0).unwrap(),
                        other.and_hms_opt(4, 0, 0).unwrap(),
                        TimeKind::Aktiv,
                    );
                    assert_eq!(
                        month_totals(&[o], YearMonth::of(other)).household.aktiv,
                        240,
                        "{other}"
                    );
                }
            }
        }
    }

    #[test]
    fn per_kind_per_assistant_and_household() {
        let shifts = [
            shift(
                1,
                1,
                dt(2026, 4, 1, 8, 0),
                dt(2026, 4, 1, 12, 0),
                TimeKind::Aktiv,
            ),
            shift(
                2,
                1,
                dt(2026, 4, 1, 12, 0),
                dt(2026, 4, 1, 13, 30),
                TimeKind::Vantetid,
            ),
            shift(
                3,
                2,
                dt(2026, 4, 1, 22, 0),
                dt(2026, 4, 2, 7, 0),
                TimeKind::Beredskap,
            ),
            shift(
                4,
                2,
                dt(2026, 3, 31, 22, 0),
                dt(2026, 4, 1, 6, 0),
                TimeKind::Aktiv,
            ),
            shift(
                5,
                3,
                dt(2026, 5, 1, 8, 0),
                dt(2026, 5, 1, 9, 0),
                TimeKind::Aktiv,
            ),
        ];
        let t = month_totals(&shifts, ym("2026-04"));
        assert_eq!(
            t.assistant(AssistantId(1)),
            Totals {
                aktiv: 240,
                vantetid: 90,
                beredskap: 0
            }
        );
        assert_eq!(
            t.assistant(AssistantId(2)),
            Totals {
                aktiv: 360,
                vantetid: 0,
                beredskap: 540
            }
        );
        assert_eq!(t.assistant(AssistantId(3)), Totals::default());
        assert!(!t.per_assistant.contains_key(&AssistantId(3)));
        assert_eq!(
            t.household,
            Totals {
                aktiv: 600,
                vantetid: 90,
                beredskap: 540
            }
        );
        assert_eq!(t.household.total(), 1230);
        assert_eq!(t.household.working_time(), 690);
        assert_eq!(
            assistant_totals(&shifts, ym("2026-04"), AssistantId(2)),
            t.assistant(AssistantId(2))
        );
        assert_eq!(
            t.rows.iter().map(RowTotal::totals).sum::<Totals>(),
            t.household
        );
    }

    #[test]
    fn nonexistent_spring_times_read_as_the_jump_and_are_noted() {
        let day = dt(2026, 3, 29, 0, 0).date();
        let cases = [
            // (from, to, real minutes, doubtful times)
            ((2, 30), (5, 0), 120, vec!["02:30"]),
            ((1, 0), (2, 30), 60, vec!["02:30"]),
            ((2, 15), (2, 45), 0, vec!["02:15", "02:45"]),
            ((2, 0), (4, 0), 60, vec!["02:00"]),
            ((0, 0), (2, 0), 120, vec!["02:00"]),
            ((3, 0), (4, 0), 60, vec![]),
        ];
        for ((fh, fm), (th, tm), minutes, times) in cases {
            let s = shift(
                1,
                1,
                day.and_hms_opt(fh, fm, 0).unwrap(),
                day.and_hms_opt(th, tm, 0).unwrap(),
                TimeKind::Aktiv,
            );
            let r = row_total(&shift_rows(&s)[0]);
            assert_eq!(r.minutes, minutes, "{}", r.row.label_sv());
            match &r.dst_note {
                None => assert!(times.is_empty()),
                Some(note) => {
                    assert_eq!(note.kind, DstNoteKind::Nonexistent);
                    assert_eq!(
                        note.times
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>(),
                        times
                    );
                    assert_eq!(note.actual_minutes, minutes);
                    assert!(
                        note.message.to_string().starts_with(&r.row.label_sv()),
                        "{}",
                        note.message.to_string()
                    );
                    assert!(
                        note.message.to_string().contains("fanns inte"),
                        "{}",
                        note.message.to_string()
                    );
                    assert!(
                        note.message.to_string().contains("drar av en timme"),
                        "{}",
                        note.message.to_string()
                    );
                }
            }
        }
    }

    #[test]
    fn ambiguous_autumn_times_read_as_the_first_and_are_noted() {
        let day = dt(2026, 10, 25, 0, 0).date();
        let cases = [
            ((2, 30), (5, 0), 210, vec!["02:30"]),
            ((1, 0), (2, 30), 90, vec!["02:30"]),
            ((2, 10), (2, 40), 30, vec!["02:10", "02:40"]),
            ((2, 0), (3, 0), 120, vec!["02:00"]),
            ((0, 0), (2, 0), 120, vec!["02:00"]),
            ((3, 0), (4, 0), 60, vec![]),
            ((1, 0), (3, 0), 180, vec![]),
        ];
        for ((fh, fm), (th, tm), minutes, times) in cases {
            let s = shift(
                1,
                1,
                day.and_hms_opt(fh, fm, 0).unwrap(),
                day.and_hms_opt(th, tm, 0).unwrap(),
                TimeKind::Aktiv,
            );
            let r = row_total(&shift_rows(&s)[0]);
            assert_eq!(r.minutes, minutes, "{}", r.row.label_sv());
            match &r.dst_note {
                None => assert!(times.is_empty()),
                Some(note) => {
                    assert_eq!(note.kind, DstNoteKind::Ambiguous);
                    assert_eq!(
                        note.times
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>(),
                        times
                    );
                    assert!(
                        note.message.to_string().contains("fanns två gånger"),
                        "{}",
                        note.message.to_string()
                    );
                    assert!(
                        note.message.to_string().contains("lägger till en timme"),
                        "{}",
                        note.message.to_string()
                    );
                }
            }
        }
    }

    #[test]
    fn fk_count_equals_ours_on_every_change_2020_to_2030() {
        // Every row shape with whole-quarter endpoints on each change day: wherever the row has no
        // doubtful time, FK's count from the raw row equals the real length.
        let mut checked = 0;
        for year in 2020..=2030 {
            for day in [last_sunday(year, 3), last_sunday(year, 10)] {
                for from in (0..1440).step_by(15) {
                    for to in (from + 15..=1440).step_by(15) {
                        let row = ReportRow {
                            shift_id: ShiftId(1),
                            assistant_id: AssistantId(1),
                            date: day,
                            from: WallTime::from_minutes(from).unwrap(),
                            to: WallTime::from_minutes(to).unwrap(),
                            kind: TimeKind::Aktiv,
                        };
                        let r = row_total(&row);
                        let doubtful = |m: u32| (120..180).contains(&m);
                        assert_eq!(
                            r.dst_note.is_some(),
                            doubtful(from) || doubtful(to),
                            "{day} {}",
                            row.label_sv()
                        );
                        if r.dst_note.is_none() {
                            assert_eq!(
                                i64::from(r.minutes),
                                fk_minutes(&row),
                                "{day} {}",
                                row.label_sv()
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 20 * 4000);
    }

    #[test]
    fn ordinary_days_have_no_adjustment() {
        // The days around each change and mid-summer/winter days: real length == wall length.
        for year in 2020..=2030 {
            for day in [
                last_sunday(year, 3).pred_opt().unwrap(),
                last_sunday(year, 3).succ_opt().unwrap(),
                last_sunday(year, 10).pred_opt().unwrap(),
                last_sunday(year, 10).succ_opt().unwrap(),
                NaiveDate::from_ymd_opt(year, 1, 15).unwrap(),
                NaiveDate::from_ymd_opt(year, 7, 15).unwrap(),
            ] {
                let s = shift(
                    1,
                    1,
                    day.and_hms_opt(0, 0, 0).unwrap(),
                    day.succ_opt().unwrap().and_hms_opt(0, 0, 0).unwrap(),
                    TimeKind::Aktiv,
                );
                let r = row_total(&shift_rows(&s)[0]);
                assert_eq!((r.minutes, r.dst_note.is_none()), (1440, true), "{day}");
            }
        }
    }

    /// A shift somewhere around a change night (or an ordinary one), minute resolution.
    fn arb_shift_near_changes() -> impl Strategy<Value = (NaiveDateTime, i64, TimeKind)> {
        let kinds = prop_oneof![
            Just(TimeKind::Aktiv),
            Just(TimeKind::Vantetid),
            Just(TimeKind::Beredskap)
        ];
        (
            2020i32..=2030,
            0usize..3,
            -36 * 60i64..36 * 60,
            1i64..40 * 60,
            kinds,
        )
            .prop_map(|(year, which, offset, len, kind)| {
                let day = match which {
                    0 => last_sunday(year, 3),
                    1 => last_sunday(year, 10),
                    _ => NaiveDate::from_ymd_opt(year, 6, 10).unwrap(),
                };
                (
                    day.and_hms_opt(0, 0, 0).unwrap() + Duration::minutes(offset),
                    len,
                    kind,
                )
            })
    }

    fn all_months_total(shifts: &[Shift], around: NaiveDateTime) -> Totals {
        let m = YearMonth::of(around.date());
        [m.prev(), m, m.next()]
            .iter()
            .map(|&m| month_totals(shifts, m).household)
            .sum()
    }

    proptest! {
        #[test]
        fn totals_do_not_depend_on_how_a_shift_is_split((start, len, kind) in arb_shift_near_changes(), cut in 0.0f64..1.0) {
            let end = start + Duration::minutes(len);
            let at = start + Duration::minutes(((len as f64) * cut) as i64);
            let whole = [shift(1, 1, start, end, kind)];
            let split = [shift(1, 1, start, at, kind), shift(2, 1, at, end, kind)];
            prop_assert_eq!(all_months_total(&whole, start), all_months_total(&split, start));
            // Also per month: the month boundary cut is just another split.
            for m in [YearMonth::of(start.date()), YearMonth::of(end.date())] {
                prop_assert_eq!(month_totals(&whole, m).household, month_totals(&split, m).household);
            }
        }

        #[test]
        fn wall_clock_plus_fk_adjustment_equals_totals((start, len, kind) in arb_shift_near_changes()) {
            let s = shift(1, 1, start, start + Duration::minutes(len), kind);
            let rows = shift_rows(&s);
            let real: u32 = rows.iter().map(|r| row_total(r).minutes).sum();
            let noted = rows.iter().any(|r| row_total(r).dst_note.is_some());
            let fk: i64 = rows.iter().map(fk_minutes).sum();
            if !noted {
                prop_assert_eq!(i64::from(real), fk);
            } else {
                // Doubtful rows stay within an hour of the wall-clock length.
                let wall: i64 = rows.iter().map(|r| i64::from(r.wall_minutes())).sum();
                prop_assert!((i64::from(real) - wall).abs() <= 60);
            }
        }
    }
}
