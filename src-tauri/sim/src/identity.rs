//! Swedish identity numbers, checked the way FK would check them. Written independently of
//! `timbok-core` on purpose: the simulator must catch the core's mistakes, not repeat them.

use chrono::NaiveDate;

/// What kind of personal identity number a valid 12-digit number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PersonalIdKind {
    Personnummer,
    /// Day of birth plus 60.
    Samordningsnummer,
}

/// Why a personal identity number is refused. The texts are Swedish and never contain the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdProblem {
    Format,
    NoSuchDate,
    InFuture,
    CheckDigit,
}

impl IdProblem {
    pub(crate) fn message(self) -> &'static str {
        match self {
            IdProblem::Format => "Numret ska bestå av 12 siffror: ÅÅÅÅMMDDNNNN.",
            IdProblem::NoSuchDate => "Numret innehåller ett datum som inte finns.",
            IdProblem::InFuture => "Numret har ett födelsedatum i framtiden.",
            IdProblem::CheckDigit => "Numret har fel kontrollsiffra.",
        }
    }
}

/// Luhn check over all of `digits` (the last one is the check digit).
pub(crate) fn luhn_ok(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(*d);
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum % 10 == 0
}

fn digits_of(s: &str) -> Option<Vec<u8>> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.bytes().map(|b| b - b'0').collect())
}

fn number(d: &[u8]) -> u32 {
    d.iter().fold(0, |acc, v| acc * 10 + u32::from(*v))
}

/// A personnummer or samordningsnummer in the strict wire form: exactly 12 digits, no separator.
pub(crate) fn check_personal_id(s: &str, today: NaiveDate) -> Result<PersonalIdKind, IdProblem> {
    let d = digits_of(s)
        .filter(|d| d.len() == 12)
        .ok_or(IdProblem::Format)?;
    let year = number(&d[0..4]) as i32;
    let month = number(&d[4..6]);
    let mut day = number(&d[6..8]);
    let kind = if day > 60 {
        day -= 60;
        PersonalIdKind::Samordningsnummer
    } else {
        PersonalIdKind::Personnummer
    };
    let born = NaiveDate::from_ymd_opt(year, month, day).ok_or(IdProblem::NoSuchDate)?;
    if born > today {
        return Err(IdProblem::InFuture);
    }
    if !luhn_ok(&d[2..]) {
        return Err(IdProblem::CheckDigit);
    }
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn personnummer_rules() {
        assert_eq!(
            check_personal_id("191212121212", today()),
            Ok(PersonalIdKind::Personnummer)
        );
        assert_eq!(
            check_personal_id("191212121213", today()),
            Err(IdProblem::CheckDigit)
        );
        assert_eq!(
            check_personal_id("19121212-1212", today()),
            Err(IdProblem::Format)
        );
        assert_eq!(
            check_personal_id("1212121212", today()),
            Err(IdProblem::Format)
        );
        assert_eq!(
            check_personal_id("191302301212", today()),
            Err(IdProblem::NoSuchDate)
        );
        assert_eq!(
            check_personal_id("209912121212", today()),
            Err(IdProblem::InFuture)
        );
        // 1912-12-12 as samordningsnummer: day 72; fix the check digit.
        let base = "19121272121";
        let check = (0..10)
            .find(|c| {
                luhn_ok(
                    format!("{}{c}", &base[2..])
                        .as_bytes()
                        .iter()
                        .map(|b| b - b'0')
                        .collect::<Vec<_>>()
                        .as_slice(),
                )
            })
            .unwrap();
        let samordning = format!("{base}{check}");
        assert_eq!(
            check_personal_id(&samordning, today()),
            Ok(PersonalIdKind::Samordningsnummer)
        );
    }
}
