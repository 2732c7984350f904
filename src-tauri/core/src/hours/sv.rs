//! Swedish wording shared by totals and findings: dates, durations, shift labels.
//!
//! Labels name a row by date and wall-clock times only ("24 okt 22:00–07:00"); they never
//! contain a name or an identity number.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

const MONTHS_SHORT: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// `24 okt`
pub(crate) fn date(d: NaiveDate) -> String {
    format!("{} {}", d.day(), MONTHS_SHORT[d.month0() as usize])
}

/// `24 okt 2026`
pub(crate) fn date_with_year(d: NaiveDate) -> String {
    format!("{} {}", date(d), d.year())
}

/// `3 tim 30 min`, `5 tim`, `45 min`, `0 min`.
pub(crate) fn duration(minutes: u64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} tim"),
        (h, m) => format!("{h} tim {m} min"),
    }
}

fn hhmm(t: NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// How a shift is named in messages: `24 okt 22:00–07:00`.
///
/// A shift that ends at midnight after its start day reads `22:00–24:00`; one that ends on the
/// next day and lasts less than 24 hours leaves the end date out, as people write it; anything
/// else (longer shifts, an end before the start) shows both dates so that the label is never
/// misleading.
pub(crate) fn shift_label(start: NaiveDateTime, end: NaiveDateTime) -> String {
    let next_day = start.date().succ_opt();
    let end_text = if end.date() == start.date() && end > start {
        hhmm(end)
    } else if Some(end.date()) == next_day && end.time() == chrono::NaiveTime::MIN {
        "24:00".to_owned()
    } else if Some(end.date()) == next_day && end.time() < start.time() {
        hhmm(end)
    } else {
        format!("{} {}", date(end.date()), hhmm(end))
    };
    format!("{} {}–{}", date(start.date()), hhmm(start), end_text)
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

    #[test]
    fn labels() {
        assert_eq!(
            shift_label(dt(2026, 10, 24, 22, 0), dt(2026, 10, 25, 7, 0)),
            "24 okt 22:00–07:00"
        );
        assert_eq!(
            shift_label(dt(2026, 10, 24, 8, 0), dt(2026, 10, 24, 17, 30)),
            "24 okt 08:00–17:30"
        );
        assert_eq!(
            shift_label(dt(2026, 10, 24, 22, 0), dt(2026, 10, 25, 0, 0)),
            "24 okt 22:00–24:00"
        );
        assert_eq!(
            shift_label(dt(2026, 10, 24, 8, 0), dt(2026, 10, 25, 10, 0)),
            "24 okt 08:00–25 okt 10:00"
        );
        assert_eq!(
            shift_label(dt(2026, 10, 24, 22, 0), dt(2026, 10, 24, 7, 0)),
            "24 okt 22:00–24 okt 07:00"
        );
        assert_eq!(
            shift_label(dt(2026, 5, 1, 9, 5), dt(2026, 5, 1, 9, 5)),
            "1 maj 09:05–1 maj 09:05"
        );
    }

    #[test]
    fn durations_and_dates() {
        assert_eq!(duration(0), "0 min");
        assert_eq!(duration(45), "45 min");
        assert_eq!(duration(300), "5 tim");
        assert_eq!(duration(210), "3 tim 30 min");
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()), "5 mar");
        assert_eq!(
            date_with_year(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()),
            "5 mar 2026"
        );
    }
}
