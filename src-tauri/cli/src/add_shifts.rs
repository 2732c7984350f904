//! `add-shifts`: one assistant's shifts from stdin, one a line, `YYYY-MM-DD HH:MM HH:MM [kind]`.
//! Every line is read and checked first (an unreadable line saves nothing); then each shift is
//! saved in its own transaction and acknowledged on stdout, flushed, only after its commit. A
//! shift already stored (same start, end and kind) is not added again, so a batch that was
//! interrupted can simply be run again.

use std::io::{BufRead, Write};

use chrono::{Duration, NaiveTime};
use timbok_core::hours::AssistantId;
use timbok_core::sheet::ShiftDraft;
use timbok_core::typed_time::{self, DateTextError};
use timbok_core::Timbok;

const FORMAT: &str =
    "Skriv passet som ÅÅÅÅ-MM-DD TT:MM TT:MM [aktiv|vantetid|beredskap], till exempel 2026-10-24 22:00 07:00 aktiv.";

/// One line as a shift's start, end (ISO local date-time) and kind. The date and times are read
/// as everywhere else (`timbok_core::typed_time`: "8" is 08:00; 2026-02-30 does not exist). An
/// end at or before the start is on the next day (a night shift); `24:00` is midnight at the
/// end of the day.
fn parse_line(line: &str) -> Result<(String, String, String), String> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let (date, from, to, kind) = match fields[..] {
        [date, from, to] => (date, from, to, "aktiv"),
        [date, from, to, kind] => (date, from, to, kind),
        _ => return Err(FORMAT.into()),
    };
    let date = match typed_time::parse_date(date) {
        Ok(date) => date,
        Err(DateTextError::NoSuchDate) => return Err(format!("Datumet {date:?} finns inte.")),
        Err(DateTextError::Format) => {
            return Err(format!("Datumet {date:?} går inte att läsa. {FORMAT}"))
        }
    };
    // Some(None): 24:00, the end of the day.
    let time = |text: &str| match typed_time::parse_time(text, true).ok()? {
        typed_time::MINUTES_PER_DAY => Some(None),
        minutes => NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).map(Some),
    };
    let start = match time(from) {
        Some(Some(start)) => date.and_time(start),
        _ => return Err(format!("Starttiden {from:?} går inte att läsa. {FORMAT}")),
    };
    let end = match time(to) {
        Some(Some(end)) if end > start.time() => date.and_time(end),
        Some(Some(end)) => (date + Duration::days(1)).and_time(end),
        Some(None) => (date + Duration::days(1)).and_time(NaiveTime::MIN),
        None => return Err(format!("Sluttiden {to:?} går inte att läsa. {FORMAT}")),
    };
    let kind = kind.to_lowercase();
    if !["aktiv", "vantetid", "beredskap"].contains(&kind.as_str()) {
        return Err(format!(
            "Typen {kind:?} finns inte: skriv aktiv, vantetid eller beredskap."
        ));
    }
    let iso = |at: chrono::NaiveDateTime| at.format("%Y-%m-%dT%H:%M").to_string();
    Ok((iso(start), iso(end), kind))
}

/// Reads every line of `input`, then saves the shifts one by one, writing one line per shift
/// to `out` after its commit. Problems with the input are listed by line and nothing is saved.
pub fn run(
    timbok: &mut Timbok,
    assistant: AssistantId,
    input: impl BufRead,
    out: &mut impl Write,
) -> Result<(), String> {
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in input.lines().enumerate() {
        let number = index + 1;
        let line = line.map_err(|e| format!("Indata kunde inte läsas: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(&line) {
            Ok((start, end, kind)) => drafts.push((
                number,
                ShiftDraft {
                    id: None,
                    assistant_id: assistant,
                    start,
                    end,
                    kind,
                    note: None,
                },
            )),
            Err(problem) => problems.push(format!("rad {number}: {problem}")),
        }
    }
    if !problems.is_empty() {
        problems.push("Inget pass är sparat. Rätta raderna och kör igen.".into());
        return Err(problems.join("\n"));
    }
    let (mut added, mut present) = (0, 0);
    let write_error = |e: std::io::Error| format!("Utdata kunde inte skrivas: {e}");
    for (number, draft) in &drafts {
        let (shift, new) = timbok.add_shift_once(draft).map_err(|e| {
            format!("rad {number}: {e}\nPassen på raderna före är sparade; kör samma indata igen när felet är rättat.")
        })?;
        let (start, end) = (
            shift.start.format("%Y-%m-%dT%H:%M"),
            shift.end.format("%Y-%m-%dT%H:%M"),
        );
        let written = if new {
            added += 1;
            writeln!(
                out,
                "rad {number}: sparat som pass {} ({start}–{end} {})",
                shift.id.0,
                shift.kind.as_str()
            )
        } else {
            present += 1;
            writeln!(out, "rad {number}: fanns redan som pass {}", shift.id.0)
        };
        written.and_then(|()| out.flush()).map_err(write_error)?;
    }
    writeln!(out, "Klart: {added} pass sparade, {present} fanns redan.")
        .and_then(|()| out.flush())
        .map_err(write_error)
}

#[cfg(test)]
mod tests {
    use super::parse_line;

    fn ok(line: &str) -> (String, String, String) {
        parse_line(line).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    #[test]
    fn a_line_is_a_day_two_times_and_a_kind() {
        assert_eq!(
            ok("2026-10-26 08:00 16:00 vantetid"),
            (
                "2026-10-26T08:00".into(),
                "2026-10-26T16:00".into(),
                "vantetid".into()
            )
        );
        // Without a kind: aktiv. An end before the start is the next morning.
        assert_eq!(
            ok("2026-10-24  22:00\t07:00"),
            (
                "2026-10-24T22:00".into(),
                "2026-10-25T07:00".into(),
                "aktiv".into()
            )
        );
        // 24:00 ends the day; the same time twice is a whole day.
        assert_eq!(ok("2026-10-31 16:00 24:00 Beredskap").1, "2026-11-01T00:00");
        assert_eq!(ok("2026-10-31 08:00 08:00").1, "2026-11-01T08:00");
        // Times as Månad reads them.
        assert_eq!(
            ok("2026-10-26 8 16.30"),
            (
                "2026-10-26T08:00".into(),
                "2026-10-26T16:30".into(),
                "aktiv".into()
            )
        );
    }

    #[test]
    fn an_unreadable_line_says_what_to_write() {
        for (line, expected) in [
            ("2026-10-26 08:00", "ÅÅÅÅ-MM-DD TT:MM TT:MM"),
            ("2026-02-30 08:00 16:00", "finns inte"),
            ("2026-2-3 08:00 16:00", "går inte att läsa"),
            ("2026-10-26 8h 16:00", "Starttiden"),
            ("2026-10-26 24:00 06:00", "Starttiden"),
            ("2026-10-26 08:00 16:75", "Sluttiden"),
            (
                "2026-10-26 08:00 16:00 natt",
                "aktiv, vantetid eller beredskap",
            ),
            (
                "2026-10-26 08:00 16:00 aktiv extra",
                "ÅÅÅÅ-MM-DD TT:MM TT:MM",
            ),
        ] {
            let problem = parse_line(line).unwrap_err();
            assert!(problem.contains(expected), "{line}: {problem}");
        }
    }
}
