//! The keyboard-first text of a day's shifts on the month screen, read and written.
//!
//! A day's text is one or more shifts separated by `,` or `;`:
//!
//! ```text
//! 8-16            08-16          8:30-16:15      0830-1615      8.30-16.15
//! 22-07           (an end at or before the start is on the next day)
//! 22-24           (until midnight)
//! 8-12, 13-17     (two shifts)
//! 8-16 v          (a kind letter per shift: a = aktiv tid, v = väntetid, b = beredskapstid;
//!                  without one the shift gets the row's default kind)
//! ```
//!
//! A dash may be `-`, `–` or `—`, with or without spaces. Times are wall-clock times in
//! Europe/Stockholm, exactly as worked. Overlapping shifts are read (they are saved and shown
//! as findings, so nothing typed is lost).

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::model::{Shift, TimeKind};

pub use crate::typed_time::MINUTES_PER_DAY;

/// One shift of a day's text, in wall-clock minutes after the day's midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayShift {
    /// 0..1439
    pub start: u32,
    /// After `start`, at most 24 hours later: above 1440 is the next day, 1440 is midnight.
    pub end: u32,
    pub kind: TimeKind,
}

impl DayShift {
    /// The stored start and end of this shift on `date`.
    pub fn times(&self, date: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
        let midnight = date.and_hms_opt(0, 0, 0).expect("midnight");
        (
            midnight + Duration::minutes(i64::from(self.start)),
            midnight + Duration::minutes(i64::from(self.end)),
        )
    }

    /// A stored shift as a shift of `date`'s text, or `None` when the text cannot express it
    /// (it does not start on `date`, its end is not after its start, or it lasts over a day).
    pub fn from_times(
        date: NaiveDate,
        start: NaiveDateTime,
        end: NaiveDateTime,
        kind: TimeKind,
    ) -> Option<DayShift> {
        let midnight = date.and_hms_opt(0, 0, 0)?;
        let start = (start - midnight).num_minutes();
        let end = (end - midnight).num_minutes();
        let day = i64::from(MINUTES_PER_DAY);
        if !(0..day).contains(&start) || end <= start || end > start + day {
            return None;
        }
        Some(DayShift {
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
            kind,
        })
    }
}

/// Why a text could not be read, with the piece of text it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayTextError {
    /// A piece is not `start-end [kind]`.
    Format(String),
    /// A time that is not a time of day.
    Time(String),
    /// A kind word that is not a, v or b.
    Kind(String),
}

impl DayTextError {
    /// The stable code: `format`, `time`, `kind`.
    pub fn code(&self) -> &'static str {
        match self {
            DayTextError::Format(_) => "format",
            DayTextError::Time(_) => "time",
            DayTextError::Kind(_) => "kind",
        }
    }

    /// The piece of text that is wrong.
    pub fn part(&self) -> &str {
        match self {
            DayTextError::Format(p) | DayTextError::Time(p) | DayTextError::Kind(p) => p,
        }
    }

    /// The text for the user, naming the piece (as typed).
    pub fn message(&self) -> crate::message::Message {
        use crate::message::{Key, Message};
        let key = match self {
            DayTextError::Format(_) => Key::DayTextFormat,
            DayTextError::Time(_) => Key::DayTextTime,
            DayTextError::Kind(_) => Key::DayTextKind,
        };
        Message::new(key).text("part", self.part())
    }
}

/// The letter written after a shift for each kind.
pub fn kind_letter(kind: TimeKind) -> &'static str {
    match kind {
        TimeKind::Aktiv => "a",
        TimeKind::Vantetid => "v",
        TimeKind::Beredskap => "b",
    }
}

/// A kind word (any case): a, akt, aktiv, v, vänt, väntetid, b, ber, beredskap(stid).
pub fn parse_kind(word: &str) -> Option<TimeKind> {
    match word.to_lowercase().as_str() {
        "a" | "akt" | "aktiv" => Some(TimeKind::Aktiv),
        "v" | "vänt" | "vant" | "väntetid" | "vantetid" => Some(TimeKind::Vantetid),
        "b" | "ber" | "beredskap" | "beredskapstid" => Some(TimeKind::Beredskap),
        _ => None,
    }
}

/// "8", "08", "8:30", "8.30", "0830", "830" → minutes ([`crate::typed_time::parse_time`],
/// the one reading of a typed time). `allow_24`: the end may be 24:00.
pub fn parse_time(token: &str, allow_24: bool) -> Option<u32> {
    crate::typed_time::parse_time(token, allow_24).ok()
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

fn is_time_char(c: char) -> bool {
    c.is_ascii_digit() || c == ':' || c == '.'
}

/// One piece `start - end [kind]` split into its three texts, or `None` when it has another shape.
fn split_piece(piece: &str) -> Option<(&str, &str, &str)> {
    let start_len = piece.find(|c: char| !is_time_char(c))?;
    if start_len == 0 {
        return None;
    }
    let (start, rest) = piece.split_at(start_len);
    let rest = rest.trim_start();
    let mut chars = rest.chars();
    if !chars.next().is_some_and(is_dash) {
        return None;
    }
    let rest = chars.as_str().trim_start();
    let end_len = rest.find(|c: char| !is_time_char(c)).unwrap_or(rest.len());
    if end_len == 0 {
        return None;
    }
    let (end, kind) = rest.split_at(end_len);
    let kind = kind.trim_start();
    if !kind.chars().all(char::is_alphabetic) {
        return None;
    }
    Some((start, end, kind))
}

/// Reads a day's text. Empty text (or only spaces and separators) is valid: no shifts. Shifts
/// come back sorted by start, then end.
pub fn parse_day_text(text: &str, default_kind: TimeKind) -> Result<Vec<DayShift>, DayTextError> {
    let mut shifts = Vec::new();
    for piece in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (start_text, end_text, kind_text) =
            split_piece(piece).ok_or_else(|| DayTextError::Format(piece.to_owned()))?;
        let start = parse_time(start_text, false)
            .ok_or_else(|| DayTextError::Time(start_text.to_owned()))?;
        let end_of_day =
            parse_time(end_text, true).ok_or_else(|| DayTextError::Time(end_text.to_owned()))?;
        let kind = if kind_text.is_empty() {
            default_kind
        } else {
            parse_kind(kind_text).ok_or_else(|| DayTextError::Kind(kind_text.to_owned()))?
        };
        let end = if end_of_day <= start {
            end_of_day + MINUTES_PER_DAY
        } else {
            end_of_day
        };
        shifts.push(DayShift { start, end, kind });
    }
    shifts.sort_by_key(|s| (s.start, s.end));
    Ok(shifts)
}

/// 480 → "8", 510 → "8:30"; `pad_hour` → "08", "08:30".
fn format_time(minutes: u32, pad_hour: bool) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    let hour = if pad_hour {
        format!("{hours:02}")
    } else {
        hours.to_string()
    };
    if rest == 0 {
        hour
    } else {
        format!("{hour}:{rest:02}")
    }
}

/// One shift as text: "8-16", "22-07", "22-24", "8:30-16:15 v" (a letter when not `default_kind`).
pub fn format_day_shift(shift: &DayShift, default_kind: TimeKind) -> String {
    let end = match shift.end {
        MINUTES_PER_DAY => "24".to_owned(),
        end if end > MINUTES_PER_DAY => format_time(end - MINUTES_PER_DAY, true),
        end => format_time(end, false),
    };
    let suffix = if shift.kind == default_kind {
        String::new()
    } else {
        format!(" {}", kind_letter(shift.kind))
    };
    format!("{}-{end}{suffix}", format_time(shift.start, false))
}

/// Shifts as a day's text, sorted by start: "8-12, 13-17 v".
pub fn format_day_text(shifts: &[DayShift], default_kind: TimeKind) -> String {
    let mut sorted = shifts.to_vec();
    sorted.sort_by_key(|s| (s.start, s.end));
    sorted
        .iter()
        .map(|s| format_day_shift(s, default_kind))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text of one day's stored shifts (those starting on `date`), with `exact` false when
/// the syntax cannot say one of them: then the text is a read-only description
/// (`2026-10-24 08:00–2026-10-26 10:00`).
pub fn describe_day(date: NaiveDate, shifts: &[&Shift], default_kind: TimeKind) -> (String, bool) {
    let entries: Option<Vec<DayShift>> = shifts
        .iter()
        .map(|s| DayShift::from_times(date, s.start, s.end, s.kind))
        .collect();
    match entries {
        Some(entries) => (format_day_text(&entries, default_kind), true),
        None => {
            let mut sorted = shifts.to_vec();
            sorted.sort_by_key(|s| (s.start, s.id));
            let text = sorted
                .iter()
                .map(|s| {
                    format!(
                        "{}–{}",
                        s.start.format("%Y-%m-%d %H:%M"),
                        s.end.format("%Y-%m-%d %H:%M")
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            (text, false)
        }
    }
}

/// What to write so that a day's stored shifts equal the typed ones: unchanged shifts are left
/// alone; changed ones are updated in place (same id, so the note and the id survive an edit
/// like 8-16 → 8-17); extra typed shifts are created; stored shifts no longer typed are deleted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DayPlan {
    /// A stored shift and the times and kind it gets.
    pub updates: Vec<(Shift, (NaiveDateTime, NaiveDateTime, TimeKind))>,
    pub creates: Vec<(NaiveDateTime, NaiveDateTime, TimeKind)>,
    pub deletes: Vec<Shift>,
}

impl DayPlan {
    pub fn is_empty(&self) -> bool {
        self.updates.is_empty() && self.creates.is_empty() && self.deletes.is_empty()
    }
}

/// Plans the writes that turn `existing` (the day's stored shifts) into `wanted`.
pub fn plan_day(
    existing: &[Shift],
    wanted: &[(NaiveDateTime, NaiveDateTime, TimeKind)],
) -> DayPlan {
    let mut left = existing.to_vec();
    left.sort_by_key(|s| (s.start, s.id));
    let mut unmatched = Vec::new();
    for &(start, end, kind) in wanted {
        match left
            .iter()
            .position(|s| s.start == start && s.end == end && s.kind == kind)
        {
            Some(index) => {
                left.remove(index);
            }
            None => unmatched.push((start, end, kind)),
        }
    }
    let pairs = left.len().min(unmatched.len());
    let creates = unmatched.split_off(pairs);
    let deletes = left.split_off(pairs);
    DayPlan {
        updates: left.into_iter().zip(unmatched).collect(),
        creates,
        deletes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TimeKind::{Aktiv, Beredskap, Vantetid};

    const H: u32 = 60;

    fn shift(start: u32, end: u32, kind: TimeKind) -> DayShift {
        DayShift { start, end, kind }
    }

    fn a(start: u32, end: u32) -> DayShift {
        shift(start, end, Aktiv)
    }

    #[test]
    fn reads_what_can_be_typed() {
        let cases: Vec<(&str, Vec<DayShift>)> = vec![
            ("8-16", vec![a(8 * H, 16 * H)]),
            ("08-16", vec![a(8 * H, 16 * H)]),
            (" 8 - 16 ", vec![a(8 * H, 16 * H)]),
            ("8–16", vec![a(8 * H, 16 * H)]),
            ("8—16", vec![a(8 * H, 16 * H)]),
            ("8:30-16:15", vec![a(8 * H + 30, 16 * H + 15)]),
            ("0830-1615", vec![a(8 * H + 30, 16 * H + 15)]),
            ("830-1615", vec![a(8 * H + 30, 16 * H + 15)]),
            ("8.30-16.15", vec![a(8 * H + 30, 16 * H + 15)]),
            ("22-07", vec![a(22 * H, 31 * H)]),
            ("22:00-07:00", vec![a(22 * H, 31 * H)]),
            ("22-24", vec![a(22 * H, 24 * H)]),
            ("22-0", vec![a(22 * H, 24 * H)]),
            ("22-2400", vec![a(22 * H, 24 * H)]),
            ("0-24", vec![a(0, 24 * H)]),
            ("0-4", vec![a(0, 4 * H)]),
            ("8-8", vec![a(8 * H, 32 * H)]),
            ("8-12, 13-17", vec![a(8 * H, 12 * H), a(13 * H, 17 * H)]),
            ("8-12,13-17", vec![a(8 * H, 12 * H), a(13 * H, 17 * H)]),
            ("13-17 ; 8-12", vec![a(8 * H, 12 * H), a(13 * H, 17 * H)]),
            ("8-16 v", vec![shift(8 * H, 16 * H, Vantetid)]),
            ("8-16v", vec![shift(8 * H, 16 * H, Vantetid)]),
            ("22-07 b", vec![shift(22 * H, 31 * H, Beredskap)]),
            ("22-07 B", vec![shift(22 * H, 31 * H, Beredskap)]),
            ("8-16 a", vec![a(8 * H, 16 * H)]),
            ("8-16 vänt", vec![shift(8 * H, 16 * H, Vantetid)]),
            ("8-16 beredskap", vec![shift(8 * H, 16 * H, Beredskap)]),
            (
                "8-16, 22-07 b",
                vec![a(8 * H, 16 * H), shift(22 * H, 31 * H, Beredskap)],
            ),
            ("", vec![]),
            ("   ", vec![]),
            (" , ", vec![]),
            ("8-16,", vec![a(8 * H, 16 * H)]),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_day_text(text, Aktiv), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn uses_the_rows_kind_for_shifts_without_a_letter() {
        assert_eq!(
            parse_day_text("8-16, 22-07 a", Vantetid),
            Ok(vec![shift(8 * H, 16 * H, Vantetid), a(22 * H, 31 * H)])
        );
    }

    #[test]
    fn keeps_overlapping_shifts() {
        assert_eq!(
            parse_day_text("8-16, 12-18", Aktiv),
            Ok(vec![a(8 * H, 16 * H), a(12 * H, 18 * H)])
        );
    }

    #[test]
    fn refuses_what_cannot_be_read_naming_the_piece() {
        let cases = [
            ("8", "format", "8"),
            ("8 16", "format", "8 16"),
            ("åtta-sexton", "format", "åtta-sexton"),
            ("8-16-18", "format", "8-16-18"),
            ("8-12 13-17", "format", "8-12 13-17"),
            ("25-07", "time", "25"),
            ("24-07", "time", "24"),
            ("8-25", "time", "25"),
            ("8:60-16", "time", "8:60"),
            ("8-24:30", "time", "24:30"),
            ("8:5-16", "time", "8:5"),
            ("12345-16", "time", "12345"),
            ("8-16 x", "kind", "x"),
            ("8-16, 22-07 q", "kind", "q"),
        ];
        for (text, code, part) in cases {
            let error = parse_day_text(text, Aktiv).expect_err(text);
            assert_eq!((error.code(), error.part()), (code, part), "{text:?}");
            assert!(
                error.message().to_string().contains(&format!("\"{part}\"")),
                "{text:?}"
            );
        }
        assert!(DayTextError::Format("8".into())
            .message()
            .to_string()
            .starts_with("Skriv tiden som 8-16 eller 22-07"));
    }

    #[test]
    fn writes_back_to_text() {
        let cases: Vec<(Vec<DayShift>, &str)> = vec![
            (vec![a(8 * H, 16 * H)], "8-16"),
            (vec![a(8 * H + 30, 16 * H + 15)], "8:30-16:15"),
            (vec![a(22 * H, 31 * H)], "22-07"),
            (vec![a(22 * H, 31 * H + 30)], "22-07:30"),
            (vec![a(22 * H, 24 * H)], "22-24"),
            (vec![a(0, 24 * H)], "0-24"),
            (vec![a(8 * H, 32 * H)], "8-08"),
            (vec![a(13 * H, 17 * H), a(8 * H, 12 * H)], "8-12, 13-17"),
            (
                vec![a(8 * H, 16 * H), shift(22 * H, 31 * H, Beredskap)],
                "8-16, 22-07 b",
            ),
            (vec![shift(8 * H, 16 * H, Vantetid)], "8-16 v"),
            (vec![], ""),
        ];
        for (shifts, text) in cases {
            assert_eq!(format_day_text(&shifts, Aktiv), text);
        }
        assert_eq!(
            format_day_text(
                &[shift(8 * H, 16 * H, Vantetid), a(17 * H, 18 * H)],
                Vantetid
            ),
            "8-16, 17-18 a"
        );
    }

    #[test]
    fn reads_back_what_it_writes() {
        for text in [
            "8-16",
            "8:30-16:15",
            "22-07",
            "22-24",
            "0-24",
            "8-08",
            "8-12, 13-17 v",
            "8-16, 22-07 b",
            "23:45-00:15",
        ] {
            let parsed = parse_day_text(text, Aktiv).unwrap();
            assert_eq!(format_day_text(&parsed, Aktiv), text);
            assert_eq!(
                parse_day_text(&format_day_text(&parsed, Aktiv), Aktiv),
                Ok(parsed)
            );
        }
    }

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn day_shifts_and_stored_times() {
        let cases = [
            (a(8 * H, 16 * H), "2026-10-24T08:00", "2026-10-24T16:00"),
            (a(22 * H, 31 * H), "2026-10-24T22:00", "2026-10-25T07:00"),
            (a(22 * H, 24 * H), "2026-10-24T22:00", "2026-10-25T00:00"),
            (a(22 * H, 24 * H), "2026-10-31T22:00", "2026-11-01T00:00"),
            (a(23 * H, 30 * H), "2026-12-31T23:00", "2027-01-01T06:00"),
        ];
        for (entry, start, end) in cases {
            let date = at(start).date();
            assert_eq!(entry.times(date), (at(start), at(end)));
            assert_eq!(
                DayShift::from_times(date, at(start), at(end), Aktiv),
                Some(entry)
            );
        }
        let date = NaiveDate::from_ymd_opt(2026, 10, 24).unwrap();
        for (start, end) in [
            ("2026-10-23T22:00", "2026-10-24T07:00"),
            ("2026-10-24T10:00", "2026-10-24T08:00"),
            ("2026-10-24T08:00", "2026-10-25T10:00"),
        ] {
            assert_eq!(DayShift::from_times(date, at(start), at(end), Aktiv), None);
        }
    }

    #[test]
    fn describes_a_day_the_syntax_cannot_say() {
        let date = NaiveDate::from_ymd_opt(2026, 10, 24).unwrap();
        let stored = |id, start, end| Shift {
            id: crate::hours::ShiftId(id),
            assistant_id: crate::hours::AssistantId(1),
            start: at(start),
            end: at(end),
            kind: Aktiv,
            note: None,
        };
        let night = stored(1, "2026-10-24T22:00", "2026-10-25T07:00");
        let long = stored(2, "2026-10-24T08:00", "2026-10-25T10:00");
        assert_eq!(describe_day(date, &[&night], Aktiv), ("22-07".into(), true));
        assert_eq!(
            describe_day(date, &[&night, &long], Aktiv),
            (
                "2026-10-24 08:00–2026-10-25 10:00, 2026-10-24 22:00–2026-10-25 07:00".into(),
                false
            )
        );
        assert_eq!(describe_day(date, &[], Aktiv), (String::new(), true));
    }

    #[test]
    fn plans_the_fewest_writes_keeping_ids() {
        let stored = |id, start, end, kind| Shift {
            id: crate::hours::ShiftId(id),
            assistant_id: crate::hours::AssistantId(1),
            start: at(start),
            end: at(end),
            kind,
            note: Some(format!("note {id}")),
        };
        let morning = stored(1, "2026-10-24T08:00", "2026-10-24T16:00", Aktiv);
        let night = stored(2, "2026-10-24T22:00", "2026-10-25T07:00", Beredskap);
        let want = |start, end, kind| (at(start), at(end), kind);

        let same = plan_day(
            &[night.clone(), morning.clone()],
            &[
                want("2026-10-24T08:00", "2026-10-24T16:00", Aktiv),
                want("2026-10-24T22:00", "2026-10-25T07:00", Beredskap),
            ],
        );
        assert!(same.is_empty());

        let edited = plan_day(
            &[morning.clone(), night.clone()],
            &[
                want("2026-10-24T08:00", "2026-10-24T17:00", Aktiv),
                want("2026-10-24T22:00", "2026-10-25T07:00", Beredskap),
                want("2026-10-24T18:00", "2026-10-24T19:00", Vantetid),
            ],
        );
        assert_eq!(
            edited.updates,
            vec![(
                morning.clone(),
                want("2026-10-24T08:00", "2026-10-24T17:00", Aktiv)
            )]
        );
        assert_eq!(
            edited.creates,
            vec![want("2026-10-24T18:00", "2026-10-24T19:00", Vantetid)]
        );
        assert!(edited.deletes.is_empty());

        let emptied = plan_day(&[morning.clone(), night.clone()], &[]);
        assert_eq!(emptied.deletes, vec![morning, night]);
        assert!(emptied.updates.is_empty() && emptied.creates.is_empty());
    }
}
