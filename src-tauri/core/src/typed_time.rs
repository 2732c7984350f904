//! Dates and times as the user types them: the ONE reading every save command uses (the
//! invoice's hospital stays and period, the schedule, the calculation period's start, the
//! day drafts, Månad's day text), so the same text is accepted or refused the same way
//! everywhere.
//!
//! - A date is `YYYY-MM-DD`. Another shape is [`DateTextError::Format`]; the right shape naming
//!   a day the calendar does not have (2026-11-31, 2026-02-29) is
//!   [`DateTextError::NoSuchDate`] ("finns inte"), never a format error.
//! - A time is `8`, `08`, `8:30`, `8.30`, `0830` or `830`; minutes 00–59, hours 0–23, and
//!   24:00 where the end of a day is meant. Another shape is [`TimeTextError::Format`]; the
//!   right shape out of the day (25:00, 8:75) is [`TimeTextError::Range`].

use chrono::NaiveDate;

use crate::message::Key;

pub const MINUTES_PER_DAY: u32 = 24 * 60;

/// Why a typed date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateTextError {
    /// Not `YYYY-MM-DD`.
    Format,
    /// `YYYY-MM-DD`, but the calendar has no such day.
    NoSuchDate,
}

impl DateTextError {
    /// The message for the user (the shape is worded by `format`, which differs per screen).
    pub fn key(self, format: Key) -> Key {
        match self {
            DateTextError::Format => format,
            DateTextError::NoSuchDate => Key::InvoiceNoSuchDate,
        }
    }
}

/// Why a typed time was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeTextError {
    /// Not one of the shapes above.
    Format,
    /// The right shape, but not a time of the day (25:00, 8:75, 24:00 where not allowed).
    Range,
}

/// A date typed as `YYYY-MM-DD` (spaces around it ignored).
pub fn parse_date(text: &str) -> Result<NaiveDate, DateTextError> {
    let text = text.trim();
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(DateTextError::Format);
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(u32::MAX);
    NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10))
        .ok_or(DateTextError::NoSuchDate)
}

/// A time of day typed as `8`, `08`, `8:30`, `8.30`, `0830` or `830` → minutes since midnight.
/// `allow_24`: 24:00 (the end of the day, 1440) is accepted.
pub fn parse_time(text: &str, allow_24: bool) -> Result<u32, TimeTextError> {
    let text = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (hours, minutes) = match text.split_once([':', '.']) {
        Some((h, m)) if digits(h) && h.len() <= 2 && digits(m) && m.len() == 2 => (h, m),
        Some(_) => return Err(TimeTextError::Format),
        None if digits(text) && text.len() <= 2 => (text, "0"),
        None if digits(text) && (3..=4).contains(&text.len()) => text.split_at(text.len() - 2),
        None => return Err(TimeTextError::Format),
    };
    let hours: u32 = hours.parse().map_err(|_| TimeTextError::Format)?;
    let minutes: u32 = minutes.parse().map_err(|_| TimeTextError::Format)?;
    if minutes > 59 {
        return Err(TimeTextError::Range);
    }
    if hours == 24 && allow_24 && minutes == 0 {
        return Ok(MINUTES_PER_DAY);
    }
    if hours > 23 {
        return Err(TimeTextError::Range);
    }
    Ok(hours * 60 + minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_yyyy_mm_dd_and_a_missing_day_does_not_exist() {
        assert_eq!(
            parse_date(" 2026-11-30 "),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap())
        );
        assert_eq!(
            parse_date("2028-02-29"),
            Ok(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap())
        );
        for missing in [
            "2026-11-31",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-00",
        ] {
            assert_eq!(
                parse_date(missing),
                Err(DateTextError::NoSuchDate),
                "{missing}"
            );
        }
        for bad in [
            "",
            "2026-1-31",
            "31/10",
            "2026-11-3x",
            "20261130",
            "2026-11-30T08:00",
        ] {
            assert_eq!(parse_date(bad), Err(DateTextError::Format), "{bad}");
        }
        assert_eq!(
            DateTextError::NoSuchDate.key(Key::IpcDateFormat),
            Key::InvoiceNoSuchDate
        );
        assert_eq!(
            DateTextError::Format.key(Key::IpcDateFormat),
            Key::IpcDateFormat
        );
    }

    #[test]
    fn a_time_is_read_as_mnad_reads_it() {
        for (text, minutes) in [
            ("8", 480),
            ("08", 480),
            ("8:30", 510),
            ("8.30", 510),
            ("0830", 510),
            ("830", 510),
            (" 23:59 ", 1439),
            ("0", 0),
        ] {
            assert_eq!(parse_time(text, false), Ok(minutes), "{text}");
        }
        assert_eq!(parse_time("24", true), Ok(MINUTES_PER_DAY));
        assert_eq!(parse_time("24:00", false), Err(TimeTextError::Range));
        for out in ["25", "8:75", "24:30", "2400x"] {
            assert!(parse_time(out, true).is_err(), "{out}");
        }
        assert_eq!(parse_time("25:00", true), Err(TimeTextError::Range));
        assert_eq!(parse_time("8:75", true), Err(TimeTextError::Range));
        for bad in ["", "8:3", "08:300", "8h", "12345", ":30"] {
            assert_eq!(parse_time(bad, true), Err(TimeTextError::Format), "{bad}");
        }
    }
}
