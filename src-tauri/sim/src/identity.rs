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
    ThirdDigit,
}

impl IdProblem {
    pub(crate) fn message(self) -> &'static str {
        match self {
            IdProblem::Format => "Numret ska bestå av 12 siffror: ÅÅÅÅMMDDNNNN.",
            IdProblem::NoSuchDate => "Numret innehåller ett datum som inte finns.",
            IdProblem::InFuture => "Numret har ett födelsedatum i framtiden.",
            IdProblem::CheckDigit => "Numret har fel kontrollsiffra.",
            IdProblem::ThirdDigit => "Organisationsnumrets tredje siffra ska vara 2 eller högre.",
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

/// An organisationsnummer: 10 digits (an optional `-` before the last four, or a `16` prefix
/// making 12 digits), Luhn over the 10, third digit at least 2.
pub(crate) fn check_organisationsnummer(s: &str) -> Result<(), IdProblem> {
    let compact: String = match s.len() {
        11 if s.as_bytes()[6] == b'-' => format!("{}{}", &s[..6], &s[7..]),
        12 if s.starts_with("16") => s[2..].to_string(),
        _ => s.to_string(),
    };
    let d = digits_of(&compact)
        .filter(|d| d.len() == 10)
        .ok_or(IdProblem::Format)?;
    if d[2] < 2 {
        return Err(IdProblem::ThirdDigit);
    }
    if !luhn_ok(&d) {
        return Err(IdProblem::CheckDigit);
    }
    Ok(())
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

    #[test]
    fn organisationsnummer_rules() {
        assert_eq!(check_organisationsnummer("5560360793"), Ok(()));
        assert_eq!(check_organisationsnummer("556036-0793"), Ok(()));
        assert_eq!(check_organisationsnummer("165560360793"), Ok(()));
        assert_eq!(
            check_organisationsnummer("5560360794"),
            Err(IdProblem::CheckDigit)
        );
        assert_eq!(
            check_organisationsnummer("5510360793"),
            Err(IdProblem::ThirdDigit)
        );
    }
}
