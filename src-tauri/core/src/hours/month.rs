//! The report month (redovisningsmånad): a calendar month, written `YYYY-MM`.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar month, e.g. `2026-03`. Ordered chronologically.
///
/// The fields are private so that a value always names a real month (month 1–12, year
/// 1–9999); build one with [`YearMonth::new`], [`YearMonth::parse`] or [`YearMonth::of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

/// Why a `YYYY-MM` text is not a month.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct ParseYearMonthError(pub String);

impl ParseYearMonthError {
    /// What to tell the user (never the text typed).
    pub fn message(&self) -> crate::message::Message {
        crate::message::Key::IpcMonthFormat.into()
    }
}

impl YearMonth {
    /// The month, or `None` unless `1 <= month <= 12` and `1 <= year <= 9999`.
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        if (1..=9999).contains(&year) && (1..=12).contains(&month) {
            Some(YearMonth { year, month })
        } else {
            None
        }
    }

    /// The month that contains `date`.
    pub fn of(date: NaiveDate) -> YearMonth {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Parses exactly `YYYY-MM` (four digits, a dash, two digits).
    pub fn parse(text: &str) -> Result<YearMonth, ParseYearMonthError> {
        let err = || ParseYearMonthError(text.to_owned());
        let bytes = text.as_bytes();
        if bytes.len() != 7 || bytes[4] != b'-' {
            return Err(err());
        }
        let digits = |s: &str| -> Option<u32> {
            if s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        let year = digits(&text[..4]).ok_or_else(err)?;
        let month = digits(&text[5..]).ok_or_else(err)?;
        YearMonth::new(year as i32, month).ok_or_else(err)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        // Cannot fail: the constructor keeps year and month in range.
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MIN)
    }

    /// The number of days in the month (28–31).
    pub fn days_in_month(self) -> u32 {
        self.last_day().day()
    }

    /// Every day of the month, in order.
    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        self.first_day()
            .iter_days()
            .take(self.days_in_month() as usize)
    }

    /// The following month. (The month after 9999-12 is 10000-01, which still has valid days.)
    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn prev(self) -> YearMonth {
        if self.month == 1 {
            YearMonth {
                year: self.year - 1,
                month: 12,
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The first moment of the month: its first day at 00:00 (wall clock).
    pub fn start(self) -> NaiveDateTime {
        self.first_day().and_time(NaiveTime::MIN)
    }

    /// The first moment after the month: the next month's first day at 00:00 (exclusive end).
    pub fn end(self) -> NaiveDateTime {
        self.next().start()
    }

    /// Whether `date` lies in this month.
    pub fn contains(self, date: NaiveDate) -> bool {
        date.year() == self.year && date.month() == self.month
    }

    /// When FK must have the time reports and the invoice for this month: the 5th of the second
    /// month after it (assistance in March is due by 5 May).
    pub fn due_date(self) -> NaiveDate {
        self.next().next().first_day() + chrono::Days::new(4)
    }

    /// Swedish name of the month, e.g. `mars`.
    pub fn name_sv(self) -> &'static str {
        crate::message::MONTHS_SV[(self.month - 1) as usize]
    }

    /// Swedish name of the month with the year, e.g. `mars 2026`.
    pub fn label_sv(self) -> String {
        format!("{} {}", self.name_sv(), self.year)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = ParseYearMonthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        YearMonth::parse(s)
    }
}

/// Serialized as the text `YYYY-MM`.
impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        YearMonth::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parse_and_display_round_trip() {
        for text in ["2026-03", "2024-12", "0001-01", "9999-12"] {
            assert_eq!(ym(text).to_string(), text);
            assert_eq!(text.parse::<YearMonth>().unwrap(), ym(text));
        }
        assert_eq!(ym("2026-03").year(), 2026);
        assert_eq!(ym("2026-03").month(), 3);
    }

    #[test]
    fn parse_rejects_everything_else() {
        for bad in [
            "",
            "2026-3",
            "2026-13",
            "2026-00",
            "0000-01",
            "26-03",
            "2026/03",
            "2026-03-01",
            "+026-03",
            "2026-+3",
            " 2026-03",
            "2026-03 ",
            "２０２６-03",
        ] {
            assert!(YearMonth::parse(bad).is_err(), "{bad:?} should not parse");
        }
        assert!(YearMonth::new(2026, 0).is_none());
        assert!(YearMonth::new(0, 1).is_none());
        assert!(YearMonth::new(10_000, 1).is_none());
    }

    #[test]
    fn first_and_last_days() {
        assert_eq!(ym("2024-02").first_day(), d(2024, 2, 1));
        assert_eq!(ym("2024-02").last_day(), d(2024, 2, 29));
        assert_eq!(ym("2026-02").last_day(), d(2026, 2, 28));
        assert_eq!(ym("2026-12").last_day(), d(2026, 12, 31));
        assert_eq!(ym("2026-04").days_in_month(), 30);
        assert_eq!(ym("2026-04").days().count(), 30);
        assert_eq!(ym("2026-04").days().last(), Some(d(2026, 4, 30)));
        assert_eq!(ym("9999-12").last_day(), d(9999, 12, 31));
    }

    #[test]
    fn next_and_prev_cross_years() {
        assert_eq!(ym("2026-12").next(), ym("2027-01"));
        assert_eq!(ym("2027-01").prev(), ym("2026-12"));
        assert_eq!(ym("2026-05").next(), ym("2026-06"));
        assert_eq!(ym("2026-05").prev(), ym("2026-04"));
        assert!(ym("2026-05") < ym("2026-06") && ym("2025-12") < ym("2026-01"));
    }

    #[test]
    fn start_and_end_are_half_open() {
        let m = ym("2026-10");
        assert_eq!(m.start(), d(2026, 10, 1).and_hms_opt(0, 0, 0).unwrap());
        assert_eq!(m.end(), d(2026, 11, 1).and_hms_opt(0, 0, 0).unwrap());
        assert_eq!(
            ym("2026-12").end(),
            d(2027, 1, 1).and_hms_opt(0, 0, 0).unwrap()
        );
        assert!(
            m.contains(d(2026, 10, 31))
                && !m.contains(d(2026, 11, 1))
                && !m.contains(d(2025, 10, 1))
        );
        assert_eq!(YearMonth::of(d(2026, 10, 31)), m);
    }

    #[test]
    fn due_date_is_fifth_of_second_month_after() {
        assert_eq!(ym("2026-03").due_date(), d(2026, 5, 5));
        assert_eq!(ym("2026-11").due_date(), d(2027, 1, 5));
        assert_eq!(ym("2026-12").due_date(), d(2027, 2, 5));
    }

    #[test]
    fn swedish_label_and_serde() {
        assert_eq!(ym("2026-03").label_sv(), "mars 2026");
        assert_eq!(
            serde_json::to_string(&ym("2026-03")).unwrap(),
            "\"2026-03\""
        );
        assert_eq!(
            serde_json::from_str::<YearMonth>("\"2026-03\"").unwrap(),
            ym("2026-03")
        );
        assert!(serde_json::from_str::<YearMonth>("\"2026-3\"").is_err());
    }
}
