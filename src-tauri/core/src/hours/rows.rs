//! Report rows (rapportrader): shifts split into one row per day, as the time report carries them.
//!
//! A row is one day, one interval of one kind of time, in raw wall-clock time: no adjustment
//! for daylight saving (FK adjusts the rows itself; see [`super::totals`] for the real lengths).
//! A shift is split
//!
//! * at midnight: 22:00–07:00 becomes 22:00–24:00 on day N and 00:00–07:00 on day N+1 (the end
//!   of a day is written 24:00, and a shift ending at 00:00 gives no empty row on the next day);
//! * at month boundaries: the report for month M gets only the parts inside M.
//!
//! Seconds are dropped: rows and totals count whole minutes.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::clock::{naive, wall_minute};
use super::model::{AssistantId, Shift, ShiftId, TimeKind};
use super::month::YearMonth;
use super::sv;

/// A time of day on a report row: minutes since midnight, `0..=1440`; 1440 is the end of the
/// day and displays as `24:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WallTime(u16);

impl WallTime {
    /// 00:00
    pub const MIDNIGHT: WallTime = WallTime(0);
    /// 24:00, the end of a day.
    pub const END_OF_DAY: WallTime = WallTime(1440);

    /// `None` above 1440.
    pub fn from_minutes(minutes: u32) -> Option<WallTime> {
        if minutes <= 1440 {
            Some(WallTime(minutes as u16))
        } else {
            None
        }
    }

    /// `None` unless 00:00 ≤ hh:mm ≤ 24:00.
    pub fn from_hm(hour: u32, minute: u32) -> Option<WallTime> {
        if minute < 60 {
            WallTime::from_minutes(hour.checked_mul(60)?.checked_add(minute)?)
        } else {
            None
        }
    }

    /// The time of day of a wall-clock time (seconds dropped), never 24:00.
    pub fn of(time: NaiveTime) -> WallTime {
        let secs = time.signed_duration_since(NaiveTime::MIN).num_seconds();
        WallTime((secs / 60).clamp(0, 1439) as u16)
    }

    /// Parses `HH:MM` (two digits each), `00:00` to `24:00`.
    pub fn parse(text: &str) -> Option<WallTime> {
        let b = text.as_bytes();
        if b.len() != 5
            || b[2] != b':'
            || !b
                .iter()
                .enumerate()
                .all(|(i, c)| i == 2 || c.is_ascii_digit())
        {
            return None;
        }
        let num = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
        WallTime::from_hm(num(0), num(3))
    }

    /// Minutes since midnight, 0–1440.
    pub fn minutes(self) -> u32 {
        u32::from(self.0)
    }

    /// 0–24.
    pub fn hour(self) -> u32 {
        self.minutes() / 60
    }

    pub fn minute(self) -> u32 {
        self.minutes() % 60
    }
}

impl fmt::Display for WallTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl FromStr for WallTime {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        WallTime::parse(s)
            .ok_or_else(|| format!("ogiltig tid {s:?}: skriv den som TT:MM, 00:00–24:00"))
    }
}

/// Serialized as the text `HH:MM`.
impl Serialize for WallTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for WallTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// One row of a time report: one day, one wall-clock interval, one kind of time.
///
/// Invariant (for rows made here): `from < to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportRow {
    pub shift_id: ShiftId,
    pub assistant_id: AssistantId,
    pub date: NaiveDate,
    pub from: WallTime,
    pub to: WallTime,
    pub kind: TimeKind,
}

impl ReportRow {
    /// The row's length by the clock (no daylight-saving adjustment): what the ELT row says.
    pub fn wall_minutes(&self) -> u32 {
        self.to.minutes().saturating_sub(self.from.minutes())
    }

    /// The row's start as a wall-clock time.
    pub fn start(&self) -> NaiveDateTime {
        self.date.and_time(NaiveTime::MIN)
            + chrono::Duration::minutes(i64::from(self.from.minutes()))
    }

    /// The row's end as a wall-clock time (the next day at 00:00 for a row ending 24:00).
    pub fn end(&self) -> NaiveDateTime {
        self.at(self.to)
    }

    fn at(&self, t: WallTime) -> NaiveDateTime {
        let minutes = chrono::Duration::minutes(i64::from(t.minutes()));
        self.date
            .and_time(NaiveTime::MIN)
            .checked_add_signed(minutes)
            .unwrap_or(NaiveDateTime::MAX)
    }

    /// How the row is named to people: `24 okt 22:00–24:00`.
    pub fn label_sv(&self) -> String {
        format!("{} {}–{}", sv::date(self.date), self.from, self.to)
    }

    pub(crate) fn wall_range(&self) -> (i64, i64) {
        (wall_minute(self.start()), wall_minute(self.end()))
    }
}

/// Calls `f` with the rows of `shift` that fall in the wall-clock minutes `[lo, hi)`, in time
/// order. Nothing for a shift whose end is not after its start.
pub(crate) fn for_each_row_between(shift: &Shift, lo: i64, hi: i64, mut f: impl FnMut(ReportRow)) {
    let start = wall_minute(shift.start).max(lo);
    let end = wall_minute(shift.end).min(hi);
    let mut cur = start;
    while cur < end {
        let day_start = cur.div_euclid(1440) * 1440;
        let to = end.min(day_start + 1440);
        let Some(day) = naive(day_start) else { return };
        f(ReportRow {
            shift_id: shift.id,
            assistant_id: shift.assistant_id,
            date: day.date(),
            from: WallTime((cur - day_start) as u16),
            to: WallTime((to - day_start) as u16),
            kind: shift.kind,
        });
        cur = to;
    }
}

/// All rows of one shift, split at each midnight, in time order (empty when the end is not
/// after the start). Used to show the user the split.
pub fn shift_rows(shift: &Shift) -> Vec<ReportRow> {
    let mut rows = Vec::new();
    for_each_row_between(shift, i64::MIN, i64::MAX, |row| rows.push(row));
    rows
}

/// The report rows of `month`: every shift's parts inside the month, split at midnight, sorted
/// by assistant, date and start (then end, shift id, kind, so the order is total).
///
/// Shifts whose end is not after their start give no rows (they are an error in
/// [`super::check_month`]).
pub fn report_rows(shifts: &[Shift], month: YearMonth) -> Vec<ReportRow> {
    let (lo, hi) = (wall_minute(month.start()), wall_minute(month.end()));
    let mut rows = Vec::new();
    for shift in shifts {
        for_each_row_between(shift, lo, hi, |row| rows.push(row));
    }
    sort_rows(&mut rows);
    rows
}

pub(crate) fn sort_rows(rows: &mut [ReportRow]) {
    rows.sort_by(|a, b| {
        (a.assistant_id, a.date, a.from, a.to, a.shift_id, a.kind).cmp(&(
            b.assistant_id,
            b.date,
            b.from,
            b.to,
            b.shift_id,
            b.kind,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    fn day(y: i32, mo: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, mo, d).unwrap()
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

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }

    /// (date, "HH:MM–HH:MM") of each row.
    fn view(rows: &[ReportRow]) -> Vec<(NaiveDate, String)> {
        rows.iter()
            .map(|r| (r.date, format!("{}–{}", r.from, r.to)))
            .collect()
    }

    #[test]
    fn wall_time_display_and_parse() {
        assert_eq!(WallTime::MIDNIGHT.to_string(), "00:00");
        assert_eq!(WallTime::END_OF_DAY.to_string(), "24:00");
        assert_eq!(WallTime::from_hm(7, 5).unwrap().to_string(), "07:05");
        assert_eq!(WallTime::from_minutes(1441), None);
        assert_eq!(WallTime::from_hm(24, 1), None);
        assert_eq!(WallTime::from_hm(3, 60), None);
        assert_eq!(WallTime::parse("24:00"), Some(WallTime::END_OF_DAY));
        assert_eq!(
            WallTime::parse("13:45").map(WallTime::minutes),
            Some(13 * 60 + 45)
        );
        for bad in [
            "24:01", "7:05", "07:5", "0705", "07.05", "-1:00", "07:05 ", "25:00",
        ] {
            assert_eq!(WallTime::parse(bad), None, "{bad}");
        }
        assert_eq!(
            WallTime::of(NaiveTime::from_hms_opt(23, 59, 59).unwrap()).to_string(),
            "23:59"
        );
        assert_eq!(
            serde_json::to_string(&WallTime::END_OF_DAY).unwrap(),
            "\"24:00\""
        );
        assert_eq!(
            serde_json::from_str::<WallTime>("\"08:30\"").unwrap(),
            WallTime::from_hm(8, 30).unwrap()
        );
    }

    #[test]
    fn day_shift_is_one_row() {
        let rows = shift_rows(&shift(1, 1, dt(2026, 5, 4, 8, 0), dt(2026, 5, 4, 17, 0)));
        assert_eq!(view(&rows), [(day(2026, 5, 4), "08:00–17:00".to_owned())]);
        assert_eq!(rows[0].wall_minutes(), 540);
        assert_eq!(rows[0].label_sv(), "4 maj 08:00–17:00");
        assert_eq!(rows[0].start(), dt(2026, 5, 4, 8, 0));
        assert_eq!(rows[0].end(), dt(2026, 5, 4, 17, 0));
    }

    #[test]
    fn night_shift_splits_at_midnight() {
        let rows = shift_rows(&shift(
            1,
            1,
            dt(2026, 10, 24, 22, 0),
            dt(2026, 10, 25, 7, 0),
        ));
        assert_eq!(
            view(&rows),
            [
                (day(2026, 10, 24), "22:00–24:00".to_owned()),
                (day(2026, 10, 25), "00:00–07:00".to_owned())
            ]
        );
        assert_eq!(rows[0].end(), dt(2026, 10, 25, 0, 0));
    }

    #[test]
    fn ending_at_midnight_gives_a_24_00_row_and_no_empty_row() {
        let rows = shift_rows(&shift(1, 1, dt(2026, 5, 4, 16, 0), dt(2026, 5, 5, 0, 0)));
        assert_eq!(view(&rows), [(day(2026, 5, 4), "16:00–24:00".to_owned())]);
        let rows = shift_rows(&shift(1, 1, dt(2026, 5, 4, 0, 0), dt(2026, 5, 6, 0, 0)));
        assert_eq!(
            view(&rows),
            [
                (day(2026, 5, 4), "00:00–24:00".to_owned()),
                (day(2026, 5, 5), "00:00–24:00".to_owned())
            ]
        );
    }

    #[test]
    fn no_rows_when_end_is_not_after_start() {
        assert!(shift_rows(&shift(1, 1, dt(2026, 5, 4, 22, 0), dt(2026, 5, 4, 7, 0))).is_empty());
        assert!(shift_rows(&shift(1, 1, dt(2026, 5, 4, 8, 0), dt(2026, 5, 4, 8, 0))).is_empty());
        // Seconds are dropped: less than a minute is no row.
        let t = dt(2026, 5, 4, 8, 0);
        assert!(shift_rows(&shift(1, 1, t, t + chrono::Duration::seconds(59))).is_empty());
    }

    #[test]
    fn month_boundaries_cut_both_ends() {
        let shifts = [
            // Starts in March, ends in April.
            shift(1, 1, dt(2026, 3, 31, 22, 0), dt(2026, 4, 1, 7, 0)),
            // Starts in April, ends in May.
            shift(2, 1, dt(2026, 4, 30, 20, 0), dt(2026, 5, 1, 6, 0)),
            // Inside April.
            shift(3, 1, dt(2026, 4, 10, 8, 0), dt(2026, 4, 10, 12, 0)),
            // Outside April: ends exactly when April starts, starts exactly when it ends.
            shift(4, 1, dt(2026, 3, 31, 20, 0), dt(2026, 4, 1, 0, 0)),
            shift(5, 1, dt(2026, 5, 1, 0, 0), dt(2026, 5, 1, 8, 0)),
        ];
        let april = report_rows(&shifts, ym("2026-04"));
        assert_eq!(
            view(&april),
            [
                (day(2026, 4, 1), "00:00–07:00".to_owned()),
                (day(2026, 4, 10), "08:00–12:00".to_owned()),
                (day(2026, 4, 30), "20:00–24:00".to_owned()),
            ]
        );
        let march = report_rows(&shifts, ym("2026-03"));
        assert_eq!(
            view(&march),
            [
                (day(2026, 3, 31), "20:00–24:00".to_owned()),
                (day(2026, 3, 31), "22:00–24:00".to_owned())
            ]
        );
        let may = report_rows(&shifts, ym("2026-05"));
        assert_eq!(
            view(&may),
            [
                (day(2026, 5, 1), "00:00–06:00".to_owned()),
                (day(2026, 5, 1), "00:00–08:00".to_owned())
            ]
        );
        // A shift over New Year.
        let ny = [shift(6, 1, dt(2026, 12, 31, 18, 0), dt(2027, 1, 1, 2, 0))];
        assert_eq!(
            view(&report_rows(&ny, ym("2026-12"))),
            [(day(2026, 12, 31), "18:00–24:00".to_owned())]
        );
        assert_eq!(
            view(&report_rows(&ny, ym("2027-01"))),
            [(day(2027, 1, 1), "00:00–02:00".to_owned())]
        );
    }

    #[test]
    fn rows_sorted_by_assistant_date_start() {
        let shifts = [
            shift(1, 2, dt(2026, 4, 3, 8, 0), dt(2026, 4, 3, 9, 0)),
            shift(2, 1, dt(2026, 4, 5, 8, 0), dt(2026, 4, 5, 9, 0)),
            shift(3, 1, dt(2026, 4, 3, 18, 0), dt(2026, 4, 3, 19, 0)),
            shift(4, 1, dt(2026, 4, 3, 8, 0), dt(2026, 4, 3, 9, 0)),
        ];
        let ids: Vec<i64> = report_rows(&shifts, ym("2026-04"))
            .iter()
            .map(|r| r.shift_id.0)
            .collect();
        assert_eq!(ids, [4, 3, 2, 1]);
    }

    #[test]
    fn rows_carry_raw_wall_clock_over_dst_changes() {
        let autumn = shift_rows(&shift(
            1,
            1,
            dt(2026, 10, 24, 22, 0),
            dt(2026, 10, 25, 7, 0),
        ));
        assert_eq!(autumn[1].wall_minutes(), 420);
        let spring = shift_rows(&shift(1, 1, dt(2026, 3, 28, 22, 0), dt(2026, 3, 29, 7, 0)));
        assert_eq!(spring[1].wall_minutes(), 420);
    }

    #[test]
    fn row_serializes_camel_case() {
        let row = &shift_rows(&shift(7, 3, dt(2026, 5, 4, 22, 0), dt(2026, 5, 5, 0, 0)))[0];
        let json = serde_json::to_value(row).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"shiftId": 7, "assistantId": 3, "date": "2026-05-04", "from": "22:00", "to": "24:00", "kind": "aktiv"})
        );
    }
}
