//! Money as integer öre, and amounts as people type them in Swedish ("1 234,50").
//!
//! Decisions:
//! - The decimal separator is `,` (Swedish) or `.`; at most one, followed by one or two digits
//!   ("12,5" is 12,50 kr). More than two decimals is refused, not rounded: "1.234" is then
//!   refused too, which is better than guessing whether the dot groups thousands.
//! - Thousands may be grouped with spaces (also no-break and narrow no-break spaces, which
//!   copying from a bank's page brings along); groups are not checked.
//! - A trailing `kr`, `kr.`, `SEK` or `:-` is allowed and ignored.
//! - Negative amounts, a leading `+`, letters and an empty text are refused, each with a message
//!   that says what to write. At most 13 digits of kronor (amounts far above any real invoice).

use std::fmt;

use crate::message::{Key, Message};
use serde::{Deserialize, Serialize};

/// An amount in öre (1/100 krona). Serialized as the bare integer.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Ore(pub i64);

impl Ore {
    /// The amount in öre.
    pub fn get(self) -> i64 {
        self.0
    }
}

/// `1 234,50 kr`, the way Swedish amounts are written.
impl fmt::Display for Ore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let digits = (abs / 100).to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(' ');
            }
            grouped.push(c);
        }
        write!(f, "{sign}{grouped},{:02} kr", abs % 100)
    }
}

/// Why a typed amount was refused. [`MoneyError::message`] says what to write (`Display` is its
/// Swedish rendering).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub enum MoneyError {
    Empty,
    Negative,
    TooManyDecimals,
    TooLarge,
    NotAnAmount,
}

impl MoneyError {
    /// The text for the user.
    pub fn message(self) -> Message {
        Message::new(match self {
            MoneyError::Empty => Key::AmountEmpty,
            MoneyError::Negative => Key::AmountNegative,
            MoneyError::TooManyDecimals => Key::AmountTooManyDecimals,
            MoneyError::TooLarge => Key::AmountTooLarge,
            MoneyError::NotAnAmount => Key::AmountNotAnAmount,
        })
    }
}

/// Most digits of whole kronor accepted (9 999 999 999 999 kr).
const MAX_KRONOR_DIGITS: usize = 13;

/// Parses an amount in kronor as typed ("1 234,50", "1234.5", "500 kr") into öre.
pub fn parse_kronor(input: &str) -> Result<Ore, MoneyError> {
    let is_space = |c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}';
    let mut text = input.trim_matches(is_space);
    if text.is_empty() {
        return Err(MoneyError::Empty);
    }
    for suffix in [":-", "kr.", "kr", "sek"] {
        let Some(at) = text.len().checked_sub(suffix.len()) else {
            continue;
        };
        if text.is_char_boundary(at) && text[at..].eq_ignore_ascii_case(suffix) {
            text = text[..at].trim_end_matches(is_space);
            break;
        }
    }
    if text.starts_with('-') || text.starts_with('\u{2212}') {
        return Err(MoneyError::Negative);
    }
    let mut kronor = String::new();
    let mut decimals: Option<String> = None;
    let mut last_was_space = false;
    for c in text.chars() {
        match c {
            '0'..='9' => {
                match decimals.as_mut() {
                    Some(d) => d.push(c),
                    None => kronor.push(c),
                }
                last_was_space = false;
            }
            c if is_space(c) => {
                // Grouping spaces only between digits of the kronor.
                if kronor.is_empty() || decimals.is_some() || last_was_space {
                    return Err(MoneyError::NotAnAmount);
                }
                last_was_space = true;
            }
            ',' | '.' => {
                if decimals.is_some() || kronor.is_empty() || last_was_space {
                    return Err(MoneyError::NotAnAmount);
                }
                decimals = Some(String::new());
            }
            _ => return Err(MoneyError::NotAnAmount),
        }
    }
    if kronor.is_empty() || last_was_space {
        return Err(MoneyError::NotAnAmount);
    }
    let ore_part = match decimals.as_deref() {
        None => 0,
        Some("") => return Err(MoneyError::NotAnAmount),
        Some(d) if d.len() > 2 => return Err(MoneyError::TooManyDecimals),
        Some(d) if d.len() == 1 => i64::from(d.as_bytes()[0] - b'0') * 10,
        Some(d) => d.parse::<i64>().map_err(|_| MoneyError::NotAnAmount)?,
    };
    let significant = kronor.trim_start_matches('0');
    if significant.len() > MAX_KRONOR_DIGITS {
        return Err(MoneyError::TooLarge);
    }
    let whole: i64 = if significant.is_empty() {
        0
    } else {
        significant.parse().map_err(|_| MoneyError::TooLarge)?
    };
    Ok(Ore(whole * 100 + ore_part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_typed() {
        let table: &[(&str, Result<i64, MoneyError>)] = &[
            ("1 234,50", Ok(123_450)),
            ("1234,50", Ok(123_450)),
            ("1234.50", Ok(123_450)),
            ("1234,5", Ok(123_450)),
            ("1234", Ok(123_400)),
            ("0", Ok(0)),
            ("0,05", Ok(5)),
            ("007", Ok(700)),
            ("  12 345 678,90  ", Ok(1_234_567_890)),
            ("1\u{a0}234,50", Ok(123_450)),
            ("1\u{202f}234", Ok(123_400)),
            ("500 kr", Ok(50_000)),
            ("500kr", Ok(50_000)),
            ("500 KR.", Ok(50_000)),
            ("500:-", Ok(50_000)),
            ("1 500 SEK", Ok(150_000)),
            ("9999999999999,99", Ok(999_999_999_999_999)),
            ("", Err(MoneyError::Empty)),
            ("   ", Err(MoneyError::Empty)),
            ("kr", Err(MoneyError::NotAnAmount)),
            ("-5", Err(MoneyError::Negative)),
            ("\u{2212}5", Err(MoneyError::Negative)),
            ("- 5,00", Err(MoneyError::Negative)),
            ("+5", Err(MoneyError::NotAnAmount)),
            ("1,234", Err(MoneyError::TooManyDecimals)),
            ("1.234", Err(MoneyError::TooManyDecimals)),
            ("12,505", Err(MoneyError::TooManyDecimals)),
            ("1.234,50", Err(MoneyError::NotAnAmount)),
            ("1,2,3", Err(MoneyError::NotAnAmount)),
            ("12,", Err(MoneyError::NotAnAmount)),
            (",50", Err(MoneyError::NotAnAmount)),
            ("12 ,50", Err(MoneyError::NotAnAmount)),
            ("12,5 0", Err(MoneyError::NotAnAmount)),
            ("1  234", Err(MoneyError::NotAnAmount)),
            ("abc", Err(MoneyError::NotAnAmount)),
            ("12a", Err(MoneyError::NotAnAmount)),
            ("1e5", Err(MoneyError::NotAnAmount)),
            ("10000000000000", Err(MoneyError::TooLarge)),
            ("99999999999999999999999", Err(MoneyError::TooLarge)),
        ];
        for (input, expected) in table {
            assert_eq!(
                parse_kronor(input).map(Ore::get),
                *expected,
                "input {input:?}"
            );
        }
    }

    #[test]
    fn every_refusal_says_what_to_write() {
        for e in [
            MoneyError::Empty,
            MoneyError::Negative,
            MoneyError::TooManyDecimals,
            MoneyError::TooLarge,
            MoneyError::NotAnAmount,
        ] {
            let text = e.to_string();
            assert!(text.ends_with('.'), "{text}");
            assert!(text.contains("elopp"), "{text}");
        }
    }

    #[test]
    fn shown_in_swedish() {
        assert_eq!(Ore(123_450).to_string(), "1 234,50 kr");
        assert_eq!(Ore(5).to_string(), "0,05 kr");
        assert_eq!(Ore(100_000_000).to_string(), "1 000 000,00 kr");
        assert_eq!(Ore(-150).to_string(), "-1,50 kr");
    }

    #[test]
    fn display_parses_back() {
        for ore in [0, 1, 99, 100, 123_450, 99_999_999] {
            assert_eq!(parse_kronor(&Ore(ore).to_string()), Ok(Ore(ore)));
        }
    }
}
