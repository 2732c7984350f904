//! Wall-clock minutes in Europe/Stockholm and the real instants they stand for.
//!
//! Everything in `hours` counts in whole minutes. A wall-clock time is a "wall minute": the
//! minutes since 1970-01-01 00:00 of the `NaiveDateTime` read as if it were UTC (seconds are
//! dropped). [`resolve`] turns a wall minute into a real instant (minutes since the Unix epoch,
//! UTC) with one fixed rule for the two kinds of trouble the clock changes cause:
//!
//! * a time that does not exist (spring: the clock jumps from 02:00 to 03:00, so 02:00–02:59
//!   never shows) is the instant of the jump, the moment the clock showed 03:00 summer time;
//! * a time that exists twice (autumn: the clock goes back from 03:00 to 02:00, so 02:00–02:59
//!   shows twice) is the earlier of the two, in summer time.
//!
//! The rule depends only on the wall-clock time, never on whether it starts or ends a row, and
//! the resulting map from wall minutes to instants never decreases. So the real length of an
//! interval is `resolve(end) - resolve(start)`, it is never negative, and lengths add up:
//! splitting an interval anywhere does not change its total.

use chrono::{DateTime, LocalResult, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Europe::Stockholm;

/// How a wall-clock time was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// The time exists once.
    Exact,
    /// The time does not exist (spring change); read as the instant of the jump.
    Nonexistent,
    /// The time exists twice (autumn change); read as the earlier instant.
    Ambiguous,
}

/// A wall-clock time as a minute count, seconds dropped.
pub(crate) fn wall_minute(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp().div_euclid(60)
}

/// The wall-clock time of a minute count.
pub(crate) fn naive(wall: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp(wall.checked_mul(60)?, 0).map(|t| t.naive_utc())
}

fn offset_minutes(offset: &<chrono_tz::Tz as TimeZone>::Offset) -> i64 {
    i64::from(offset.fix().local_minus_utc()).div_euclid(60)
}

/// The real instant (minutes since the Unix epoch, UTC) of a wall-clock minute, and how it was
/// read. See the module documentation for the rule.
pub(crate) fn resolve(wall: i64) -> (i64, Reading) {
    let Some(t) = naive(wall) else {
        // Outside chrono's range: cannot come from a real shift. Read as UTC, never panic.
        return (wall, Reading::Exact);
    };
    match Stockholm.offset_from_local_datetime(&t) {
        LocalResult::Single(off) => (wall - offset_minutes(&off), Reading::Exact),
        LocalResult::Ambiguous(a, b) => {
            let (ia, ib) = (wall - offset_minutes(&a), wall - offset_minutes(&b));
            (ia.min(ib), Reading::Ambiguous)
        }
        LocalResult::None => (jump_instant(wall, t), Reading::Nonexistent),
    }
}

/// The instant the clock jumped over the gap that contains `wall`: one minute after the last
/// wall minute before the gap that exists.
fn jump_instant(wall: i64, t: NaiveDateTime) -> i64 {
    for back in 1..=24 * 60 {
        let Some(earlier) = naive(wall - back) else {
            break;
        };
        let latest = match Stockholm.offset_from_local_datetime(&earlier) {
            LocalResult::Single(off) => Some(off),
            LocalResult::Ambiguous(a, b) => Some(if offset_minutes(&a) < offset_minutes(&b) {
                a
            } else {
                b
            }),
            LocalResult::None => None,
        };
        if let Some(off) = latest {
            return wall - back - offset_minutes(&off) + 1;
        }
    }
    // No gap in Stockholm lasts a day; read with the offset of the same instant taken as UTC.
    wall - offset_minutes(&Stockholm.offset_from_utc_datetime(&t))
}

/// The real length in minutes of the wall-clock interval `[from, to)` (0 when `to <= from`).
pub(crate) fn real_minutes(from: i64, to: i64) -> u64 {
    if to <= from {
        return 0;
    }
    let (a, _) = resolve(from);
    let (b, _) = resolve(to);
    u64::try_from(b - a).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn wm(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
        wall_minute(
            NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_opt(h, mi, 0)
                .unwrap(),
        )
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
        wm(y, mo, d, h, mi)
    }

    #[test]
    fn ordinary_times_use_the_offset_of_the_season() {
        assert_eq!(
            resolve(wm(2026, 1, 15, 12, 0)),
            (utc(2026, 1, 15, 11, 0), Reading::Exact)
        );
        assert_eq!(
            resolve(wm(2026, 7, 15, 12, 0)),
            (utc(2026, 7, 15, 10, 0), Reading::Exact)
        );
    }

    #[test]
    fn spring_gap_reads_as_the_jump() {
        // 29 March 2026: 02:00 CET -> 03:00 CEST at 01:00 UTC.
        let jump = utc(2026, 3, 29, 1, 0);
        assert_eq!(resolve(wm(2026, 3, 29, 1, 59)), (jump - 1, Reading::Exact));
        assert_eq!(resolve(wm(2026, 3, 29, 2, 0)), (jump, Reading::Nonexistent));
        assert_eq!(
            resolve(wm(2026, 3, 29, 2, 30)),
            (jump, Reading::Nonexistent)
        );
        assert_eq!(
            resolve(wm(2026, 3, 29, 2, 59)),
            (jump, Reading::Nonexistent)
        );
        assert_eq!(resolve(wm(2026, 3, 29, 3, 0)), (jump, Reading::Exact));
        assert_eq!(resolve(wm(2026, 3, 29, 3, 1)), (jump + 1, Reading::Exact));
    }

    #[test]
    fn autumn_overlap_reads_as_the_earlier_instant() {
        // 25 October 2026: 03:00 CEST -> 02:00 CET at 01:00 UTC.
        assert_eq!(
            resolve(wm(2026, 10, 25, 1, 59)),
            (utc(2026, 10, 24, 23, 59), Reading::Exact)
        );
        assert_eq!(
            resolve(wm(2026, 10, 25, 2, 0)),
            (utc(2026, 10, 25, 0, 0), Reading::Ambiguous)
        );
        assert_eq!(
            resolve(wm(2026, 10, 25, 2, 59)),
            (utc(2026, 10, 25, 0, 59), Reading::Ambiguous)
        );
        assert_eq!(
            resolve(wm(2026, 10, 25, 3, 0)),
            (utc(2026, 10, 25, 2, 0), Reading::Exact)
        );
    }

    #[test]
    fn fk_examples() {
        assert_eq!(
            real_minutes(wm(2026, 10, 25, 0, 0), wm(2026, 10, 25, 4, 0)),
            300
        );
        assert_eq!(
            real_minutes(wm(2026, 3, 29, 0, 0), wm(2026, 3, 29, 4, 0)),
            180
        );
        assert_eq!(
            real_minutes(wm(2026, 3, 29, 4, 0), wm(2026, 3, 29, 0, 0)),
            0
        );
    }

    #[test]
    fn resolve_never_decreases_around_changes() {
        for (y, mo, d) in [(2026, 3, 29), (2026, 10, 25), (2024, 3, 31), (2024, 10, 27)] {
            let start = wm(y, mo, d, 0, 0);
            let mut last = resolve(start).0;
            for w in start..start + 6 * 60 {
                let now = resolve(w).0;
                assert!(now >= last, "{y}-{mo}-{d} minute {}", w - start);
                last = now;
            }
        }
    }
}
