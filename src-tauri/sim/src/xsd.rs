//! The XML Schema 1.0 built-in types and facets that FK's schemas use, as a schema validator
//! (libxml2, Xerces) applies them: whitespace handling first (`preserve` for `xsd:string`,
//! `collapse` for `xsd:token` and the other types), then the lexical form, then the facets.
//!
//! Where libxml2 departs from XSD 1.0 (whitespace around an `xs:date`), this follows libxml2:
//! `xmllint --schema` is the judge the tests compare against. That is the strict side: a
//! validator that collapses (Xerces) accepts everything refused here for that reason.
//!
//! One known difference: XSD's `\d` is any Unicode decimal digit; here it is `0`–`9` only, so
//! a number written in, say, Arabic-Indic digits is refused here and accepted by xmllint.

/// XSD whitespace: space, tab, line feed, carriage return (not other Unicode spaces).
pub(crate) fn is_xsd_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// `whiteSpace="collapse"`: runs of XSD whitespace become one space; none at either end.
pub(crate) fn collapse(s: &str) -> String {
    s.split(is_xsd_space)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Exactly `n` ASCII digits (the pattern `\d{n}`).
pub(crate) fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// `xsd:boolean` after collapsing: `true`, `false`, `1` or `0` (lower case only).
pub(crate) fn boolean(raw: &str) -> Option<bool> {
    match collapse(raw).as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// `xsd:integer` after collapsing (`[+-]?[0-9]+`), if it fits an `i64`; `Err(())` when the
/// lexical form is wrong, `Ok(None)` when it is an integer too large to matter here.
pub(crate) fn integer(raw: &str) -> Result<Option<i64>, ()> {
    let s = collapse(raw);
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(&s);
    if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return Err(());
    }
    Ok(s.parse::<i64>().ok())
}

/// `xsd:date`, as libxml2 (2.9.14, what `xmllint` uses) reads it: no whitespace around the
/// value (XSD 1.0 says collapse; libxml2 refuses a space, and so does this), then `-?YYYY-MM-DD` with an optional time zone (`Z` or `±hh:mm`,
/// at most 14:00), a year of four or more digits (more than four without a leading zero, not
/// 0000), a real day of that month (29 February only in leap years).
pub(crate) fn date(s: &str) -> Option<(i64, u32, u32)> {
    let (negative, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (year, rest) = rest.split_once('-')?;
    if year.len() < 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if year.len() > 4 && year.starts_with('0') {
        return None;
    }
    let year_value: i64 = year.parse().ok()?;
    if year_value == 0 {
        return None;
    }
    if rest.len() < 5 {
        return None;
    }
    let (month, rest) = rest.split_at(2);
    let rest = rest.strip_prefix('-')?;
    if rest.len() < 2 || !rest.is_char_boundary(2) {
        return None;
    }
    let (day, zone) = rest.split_at(2);
    if !digits(month, 2) || !digits(day, 2) || !time_zone(zone) {
        return None;
    }
    let (month, day): (u32, u32) = (month.parse().ok()?, day.parse().ok()?);
    let year_signed = if negative { -year_value } else { year_value };
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year_signed, month) {
        return None;
    }
    Some((year_signed, month, day))
}

fn time_zone(zone: &str) -> bool {
    if zone.is_empty() || zone == "Z" {
        return true;
    }
    let Some(rest) = zone.strip_prefix(['+', '-']) else {
        return false;
    };
    let bytes = rest.as_bytes();
    if bytes.len() != 5 || bytes[2] != b':' || !digits(&rest[..2], 2) || !digits(&rest[3..], 2) {
        return false;
    }
    let (h, m): (u32, u32) = (
        rest[..2].parse().unwrap_or(99),
        rest[3..].parse().unwrap_or(99),
    );
    m < 60 && (h < 14 || (h == 14 && m == 0))
}

fn days_in_month(year: i64, month: u32) -> u32 {
    // XSD 1.0 counts years as written (no year 0), so the proleptic leap rule applies to the
    // year's value; -0001 is written for 1 BCE and schema validators treat its leap-ness alike.
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A pattern's `.`: any character except line feed and carriage return.
pub(crate) fn dot(c: char) -> bool {
    c != '\n' && c != '\r'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_is_xsd_whitespace_only() {
        assert_eq!(collapse("  07.00\n"), "07.00");
        assert_eq!(collapse("a \t\r\n b"), "a b");
        assert_eq!(collapse("\u{a0}1"), "\u{a0}1");
    }

    #[test]
    fn booleans_are_lower_case_words_or_digits() {
        assert_eq!(boolean(" true "), Some(true));
        assert_eq!(boolean("0"), Some(false));
        assert_eq!(boolean("TRUE"), None);
        assert_eq!(boolean("yes"), None);
    }

    #[test]
    fn integers() {
        assert_eq!(integer("+05"), Ok(Some(5)));
        assert_eq!(integer(" -3 "), Ok(Some(-3)));
        assert_eq!(integer("1.0"), Err(()));
        assert_eq!(integer(""), Err(()));
        assert_eq!(integer("99999999999999999999999"), Ok(None));
    }

    #[test]
    fn dates() {
        assert_eq!(date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(date("2025-02-29"), None);
        assert_eq!(date("2025-04-31"), None);
        assert_eq!(date("2025-13-01"), None);
        assert_eq!(date("2025-1-01"), None);
        assert_eq!(date("2025-01-01Z"), Some((2025, 1, 1)));
        assert_eq!(date("2025-01-01+01:00"), Some((2025, 1, 1)));
        assert_eq!(date("2025-01-01+15:00"), None);
        assert_eq!(date("0000-01-01"), None);
        assert_eq!(date("12025-01-01"), Some((12025, 1, 1)));
        assert_eq!(date("2025-01-01T00:00"), None);
        assert_eq!(
            date(" 2025-01-01"),
            None,
            "libxml2 does not collapse xs:date"
        );
    }
}
