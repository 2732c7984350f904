//! Filling a month quickly: copying a day, a week or last month, and the recurring weekly
//! schedule. Pure functions that turn a source into new shifts; `Timbok` stores them with
//! `Store::insert_shifts_skipping_overlaps`, so a copy never doubles hours already entered.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};

use crate::hours::{AssistantId, Shift, TimeKind, WallTime, YearMonth};
use crate::store::NewShift;

/// One line of the weekly schedule: every `weekday` (0 = Monday) from `start` to `end`
/// (an end at or before the start means the next day; `24:00` is midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleEntry {
    pub assistant_id: AssistantId,
    pub weekday: u8,
    pub start: WallTime,
    pub end: WallTime,
    pub kind: TimeKind,
}

impl ScheduleEntry {
    /// The shift this entry gives on `day` (which must be its weekday).
    fn on(&self, day: NaiveDate) -> NewShift {
        let start = at(day, self.start);
        let mut end = at(day, self.end);
        if end <= start {
            end = at(day + Days::new(1), self.end);
        }
        NewShift {
            assistant_id: self.assistant_id,
            start,
            end,
            kind: self.kind,
            note: None,
        }
    }
}

fn at(day: NaiveDate, time: WallTime) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN) + chrono::Duration::minutes(i64::from(time.minutes()))
}

/// The shifts the schedule gives for every day of `month` (only `assistant` when given).
pub fn schedule_shifts(
    entries: &[ScheduleEntry],
    month: YearMonth,
    assistant: Option<AssistantId>,
) -> Vec<NewShift> {
    let mut shifts = Vec::new();
    for day in month.days() {
        let weekday = day.weekday().num_days_from_monday() as u8;
        for entry in entries {
            if entry.weekday == weekday && assistant.is_none_or(|a| a == entry.assistant_id) {
                shifts.push(entry.on(day));
            }
        }
    }
    shifts
}

/// What to copy, and where to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopySource {
    /// Every shift starting on `from` onto `to`.
    Day { from: NaiveDate, to: NaiveDate },
    /// The week (Monday to Sunday) containing `from` onto the week containing `to`.
    Week { from: NaiveDate, to: NaiveDate },
    /// Last month onto `month`: every day gets the shifts of the same weekday four weeks
    /// earlier, or five weeks when four would still be inside `month`.
    PreviousMonth { month: YearMonth },
}

/// The `[from, until)` range of source days, and how each source day maps to its target day.
pub fn source_range(source: CopySource) -> (NaiveDate, NaiveDate) {
    match source {
        CopySource::Day { from, .. } => (from, from + Days::new(1)),
        CopySource::Week { from, .. } => {
            let monday = monday_of(from);
            (monday, monday + Days::new(7))
        }
        CopySource::PreviousMonth { month } => {
            (month.first_day() - Days::new(35), month.first_day())
        }
    }
}

fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The copies of `shifts` (those starting inside the source range) for the target, limited to
/// `assistant` when given.
pub fn copy_shifts(
    shifts: &[Shift],
    source: CopySource,
    assistant: Option<AssistantId>,
) -> Vec<NewShift> {
    let wanted = |s: &&Shift| assistant.is_none_or(|a| a == s.assistant_id);
    let moved = |s: &Shift, days: i64| NewShift {
        assistant_id: s.assistant_id,
        start: s.start + chrono::Duration::days(days),
        end: s.end + chrono::Duration::days(days),
        kind: s.kind,
        note: s.note.clone(),
    };
    match source {
        CopySource::Day { from, to } => {
            let days = (to - from).num_days();
            shifts
                .iter()
                .filter(wanted)
                .filter(|s| s.start.date() == from)
                .map(|s| moved(s, days))
                .collect()
        }
        CopySource::Week { from, to } => {
            let (lo, hi) = (monday_of(from), monday_of(from) + Days::new(7));
            let days = (monday_of(to) - monday_of(from)).num_days();
            shifts
                .iter()
                .filter(wanted)
                .filter(|s| s.start.date() >= lo && s.start.date() < hi)
                .map(|s| moved(s, days))
                .collect()
        }
        CopySource::PreviousMonth { month } => {
            let mut out = Vec::new();
            for target in month.days() {
                let four = target - Days::new(28);
                let source = if month.contains(four) {
                    target - Days::new(35)
                } else {
                    four
                };
                let days = (target - source).num_days();
                out.extend(
                    shifts
                        .iter()
                        .filter(wanted)
                        .filter(|s| s.start.date() == source)
                        .map(|s| moved(s, days)),
                );
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hours::ShiftId;

    fn dt(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
    }

    fn shift(id: i64, assistant: i64, start: &str, end: &str) -> Shift {
        Shift {
            id: ShiftId(id),
            assistant_id: AssistantId(assistant),
            start: dt(start),
            end: dt(end),
            kind: TimeKind::Aktiv,
            note: None,
        }
    }

    fn ym(text: &str) -> YearMonth {
        YearMonth::parse(text).unwrap()
    }

    #[test]
    fn schedule_fills_each_weekday_and_nights_end_next_day() {
        let entries = [
            ScheduleEntry {
                assistant_id: AssistantId(1),
                weekday: 0,
                start: WallTime::parse("08:00").unwrap(),
                end: WallTime::parse("16:00").unwrap(),
                kind: TimeKind::Aktiv,
            },
            ScheduleEntry {
                assistant_id: AssistantId(2),
                weekday: 6,
                start: WallTime::parse("22:00").unwrap(),
                end: WallTime::parse("07:00").unwrap(),
                kind: TimeKind::Beredskap,
            },
        ];
        // November 2026: Mondays 2, 9, 16, 23, 30; Sundays 1, 8, 15, 22, 29.
        let all = schedule_shifts(&entries, ym("2026-11"), None);
        assert_eq!(all.len(), 10);
        let nights: Vec<_> = all
            .iter()
            .filter(|s| s.assistant_id == AssistantId(2))
            .collect();
        assert_eq!(nights[0].start, dt("2026-11-01T22:00"));
        assert_eq!(nights[0].end, dt("2026-11-02T07:00"));
        // The last Sunday's night runs into December: the shift is whole, the rows split it.
        assert_eq!(nights[4].end, dt("2026-11-30T07:00"));
        assert_eq!(
            schedule_shifts(&entries, ym("2026-11"), Some(AssistantId(1))).len(),
            5
        );
        let until_midnight = ScheduleEntry {
            end: WallTime::parse("24:00").unwrap(),
            ..entries[0]
        };
        assert_eq!(
            until_midnight
                .on(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap())
                .end,
            dt("2026-11-03T00:00")
        );
    }

    #[test]
    fn copy_day_week_and_previous_month() {
        let shifts = [
            shift(1, 1, "2026-10-05T08:00", "2026-10-05T16:00"), // Monday
            shift(2, 1, "2026-10-07T22:00", "2026-10-08T07:00"), // Wednesday night
            shift(3, 2, "2026-10-26T08:00", "2026-10-26T12:00"), // Monday, another assistant
        ];
        let day = NaiveDate::from_ymd_opt;
        let copied = copy_shifts(
            &shifts,
            CopySource::Day {
                from: day(2026, 10, 5).unwrap(),
                to: day(2026, 10, 6).unwrap(),
            },
            None,
        );
        assert_eq!(copied.len(), 1);
        assert_eq!(copied[0].start, dt("2026-10-06T08:00"));

        let week = copy_shifts(
            &shifts,
            CopySource::Week {
                from: day(2026, 10, 7).unwrap(),
                to: day(2026, 10, 14).unwrap(),
            },
            Some(AssistantId(1)),
        );
        assert_eq!(
            week.iter().map(|s| s.start).collect::<Vec<_>>(),
            [dt("2026-10-12T08:00"), dt("2026-10-14T22:00")]
        );
        assert_eq!(week[1].end, dt("2026-10-15T07:00"));

        // November 2026 from October: Monday 2 Nov ← Monday 5 Oct (four weeks), Monday 30 Nov ←
        // Monday 26 Oct (five weeks, since four weeks earlier is 2 Nov, inside November).
        let month = copy_shifts(
            &shifts,
            CopySource::PreviousMonth {
                month: ym("2026-11"),
            },
            None,
        );
        let starts: Vec<_> = month.iter().map(|s| s.start).collect();
        assert!(starts.contains(&dt("2026-11-02T08:00")), "{starts:?}");
        assert!(starts.contains(&dt("2026-11-04T22:00")), "{starts:?}");
        assert!(starts.contains(&dt("2026-11-23T08:00")), "{starts:?}");
        assert!(starts.contains(&dt("2026-11-30T08:00")), "{starts:?}");
        assert!(month.iter().all(|s| s.start.weekday() == s.start.weekday()));
        let (lo, hi) = source_range(CopySource::PreviousMonth {
            month: ym("2026-11"),
        });
        assert!(lo <= day(2026, 10, 1).unwrap() && hi == day(2026, 11, 1).unwrap());
    }
}
