//! Filling a month quickly: copying a day, a week or last month, and the recurring weekly
//! schedule. Pure functions that turn a source into new shifts; `Timbok` stores them with
//! `Store::insert_shifts_skipping_overlaps`, so a copy never doubles hours already entered.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};

use crate::error::{Error, Result};
use crate::hours::day_text::{format_day_text, parse_day_text, DayShift};
use crate::hours::{AssistantId, Shift, TimeKind, WallTime, YearMonth};
use crate::store::NewShift;

/// Minutes in a day: a [`DayShift`] ending above it ends on the next day.
const MINUTES_PER_DAY: u32 = 24 * 60;

/// One weekday of an assistant's weekly schedule as the user types and reads it: the month
/// screen's day-text syntax ([`crate::hours::day_text`]; a shift without a letter is aktiv),
/// e.g. "8-16, 22-07 b". Empty text: no shift that day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleDay {
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    pub text: String,
}

/// The field a weekday's text is checked under (`schedule.0` … `schedule.6`).
pub fn schedule_day_field(weekday: u8) -> String {
    format!("schedule.{weekday}")
}

/// The schedule of `assistant` as seven [`ScheduleDay`]s, Monday first.
pub fn schedule_days(entries: &[ScheduleEntry], assistant: AssistantId) -> Vec<ScheduleDay> {
    (0..7)
        .map(|weekday| {
            let shifts: Vec<DayShift> = entries
                .iter()
                .filter(|e| e.assistant_id == assistant && e.weekday == weekday)
                .map(ScheduleEntry::day_shift)
                .collect();
            ScheduleDay {
                weekday,
                text: format_day_text(&shifts, TimeKind::Aktiv),
            }
        })
        .collect()
}

/// Reads one weekday's text as the save does: the entries it gives, or the error naming the
/// unreadable piece on field `schedule.N`.
pub fn read_schedule_day(assistant: AssistantId, day: &ScheduleDay) -> Result<Vec<ScheduleEntry>> {
    if day.weekday > 6 {
        return Err(Error::invalid_input(
            crate::message::Key::ScheduleOtherAssistant,
        ));
    }
    let shifts = parse_day_text(&day.text, TimeKind::Aktiv)
        .map_err(|e| Error::invalid(schedule_day_field(day.weekday), e.message()))?;
    Ok(shifts
        .iter()
        .map(|s| ScheduleEntry::of_day_shift(assistant, day.weekday, s))
        .collect())
}

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
    /// The entry of a shift read from a weekday's text (an end on the next day becomes a time
    /// at or before the start; 24:00 stays 24:00).
    fn of_day_shift(assistant: AssistantId, weekday: u8, shift: &DayShift) -> ScheduleEntry {
        let end = if shift.end > MINUTES_PER_DAY {
            shift.end - MINUTES_PER_DAY
        } else {
            shift.end
        };
        ScheduleEntry {
            assistant_id: assistant,
            weekday,
            start: WallTime::from_minutes(shift.start).unwrap_or(WallTime::MIDNIGHT),
            end: WallTime::from_minutes(end).unwrap_or(WallTime::END_OF_DAY),
            kind: shift.kind,
        }
    }

    /// The entry as a shift of the day-text syntax (the inverse of `of_day_shift`).
    fn day_shift(&self) -> DayShift {
        let start = self.start.minutes();
        let mut end = self.end.minutes();
        if end <= start {
            end += MINUTES_PER_DAY;
        }
        DayShift {
            start,
            end,
            kind: self.kind,
        }
    }

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

    fn day(weekday: u8, text: &str) -> ScheduleDay {
        ScheduleDay {
            weekday,
            text: text.to_owned(),
        }
    }

    #[test]
    fn a_weekdays_text_becomes_entries_and_back() {
        let anna = AssistantId(1);
        let entries = read_schedule_day(anna, &day(4, "22-7 b, 8-12;13-17 v, 22-24")).unwrap();
        let times: Vec<_> = entries
            .iter()
            .map(|e| (e.weekday, e.start.to_string(), e.end.to_string(), e.kind))
            .collect();
        assert_eq!(
            times,
            [
                (4, "08:00".into(), "12:00".into(), TimeKind::Aktiv),
                (4, "13:00".into(), "17:00".into(), TimeKind::Vantetid),
                (4, "22:00".into(), "24:00".into(), TimeKind::Aktiv),
                (4, "22:00".into(), "07:00".into(), TimeKind::Beredskap),
            ]
        );
        // A 24-hour shift starting at 08:00 ends at 08:00 the next day.
        let whole = read_schedule_day(anna, &day(0, "8-8")).unwrap();
        assert_eq!(
            whole[0]
                .on(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap())
                .end,
            dt("2026-11-03T08:00")
        );
        let other = read_schedule_day(AssistantId(2), &day(1, "8-16")).unwrap();
        let all = [entries, whole, other].concat();
        let texts: Vec<_> = schedule_days(&all, anna)
            .into_iter()
            .map(|d| (d.weekday, d.text))
            .collect();
        assert_eq!(
            texts,
            [
                (0, "8-08".to_owned()),
                (1, String::new()),
                (2, String::new()),
                (3, String::new()),
                (4, "8-12, 13-17 v, 22-24, 22-07 b".to_owned()),
                (5, String::new()),
                (6, String::new()),
            ]
        );
    }

    #[test]
    fn an_unreadable_weekday_is_refused_on_its_field() {
        for (text, key) in [
            ("8-", "day_text.format"),
            ("8-25", "day_text.time"),
            ("8-16 x", "day_text.kind"),
        ] {
            let error = read_schedule_day(AssistantId(1), &day(3, text)).unwrap_err();
            assert_eq!(error.field(), Some("schedule.3"), "{text}");
            assert_eq!(error.message().key.as_str(), key, "{text}");
        }
        assert!(read_schedule_day(AssistantId(1), &day(7, "8-16")).is_err());
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
