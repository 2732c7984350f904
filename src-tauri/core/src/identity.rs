//! Swedish identity numbers: personnummer, samordningsnummer and organisationsnummer.
//!
//! This module owns parsing, checking (date, Luhn) and formatting of those numbers. It is pure:
//! no storage, no clock reads (callers pass "today"), no tauri, no network.
//!
//! Privacy: a [`PersonalId`] never prints its digits through `Debug`, and it has no `Display`;
//! use [`PersonalId::as_str`] or [`PersonalId::display`] where the number must be shown or sent.
//! Error texts say "personnumret", never the number itself.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

/// Which kind of identity number an [`IdError`] is about; it picks the noun of the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdType {
    /// A personnummer or samordningsnummer.
    Personal,
    Organisation,
}

/// Why an identity number was refused. The `Display` text is Swedish, for the user, and never
/// contains the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum IdError {
    #[error("{}", self.message())]
    Empty(IdType),
    #[error("{}", self.message())]
    WrongLength(IdType),
    #[error("{}", self.message())]
    NotDigits(IdType),
    #[error("{}", self.message())]
    NoSuchDate,
    #[error("{}", self.message())]
    BirthDateInFuture,
    #[error("{}", self.message())]
    BadCheckDigit(IdType),
    #[error("{}", self.message())]
    ThirdDigitTooSmall,
    #[error("{}", self.message())]
    BadOrganisationPrefix,
}

impl IdError {
    /// What to tell the user (it names the kind of number, never the number).
    pub fn message(&self) -> crate::message::Message {
        use crate::message::Key;
        use IdType::{Organisation, Personal};
        crate::message::Message::new(match self {
            IdError::Empty(Personal) => Key::PersonnummerEmpty,
            IdError::Empty(Organisation) => Key::OrganisationsnummerEmpty,
            IdError::WrongLength(Personal) => Key::PersonnummerLength,
            IdError::WrongLength(Organisation) => Key::OrganisationsnummerLength,
            IdError::NotDigits(Personal) => Key::PersonnummerDigits,
            IdError::NotDigits(Organisation) => Key::OrganisationsnummerDigits,
            IdError::NoSuchDate => Key::PersonnummerNoSuchDate,
            IdError::BirthDateInFuture => Key::PersonnummerBirthInFuture,
            IdError::BadCheckDigit(Personal) => Key::PersonnummerCheckDigit,
            IdError::BadCheckDigit(Organisation) => Key::OrganisationsnummerCheckDigit,
            IdError::ThirdDigitTooSmall => Key::OrganisationsnummerThirdDigit,
            IdError::BadOrganisationPrefix => Key::OrganisationsnummerPrefix,
        })
    }
}

/// Personnummer or samordningsnummer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdKind {
    Personnummer,
    /// Day of birth plus 60 (day 61–91). Cannot be used with BankID.
    Samordningsnummer,
}

impl IdKind {
    /// The wire token: `personnummer` or `samordningsnummer`.
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Personnummer => "personnummer",
            IdKind::Samordningsnummer => "samordningsnummer",
        }
    }
}

impl Serialize for IdKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A checked personnummer or samordningsnummer, held as 12 digits `YYYYMMDDNNNC`.
///
/// `Debug` prints `PersonalId(Personnummer, [redacted])`; serializes as the 12 digits.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonalId {
    digits: String,
    kind: IdKind,
    birth_date: NaiveDate,
}

impl PersonalId {
    /// Parses what a person typed: 10 or 12 digits, optionally with `-` or `+` before the last
    /// four, surrounded by any whitespace.
    ///
    /// With 10 digits the century is inferred from `today`: the latest year whose birth date is
    /// not after `today`; a `+` adds another 100 years of age. The birth date must exist (for a
    /// samordningsnummer after subtracting 60 from the day) and must not be after `today`; the
    /// last digit must be the Luhn check digit of the 10 digits `YYMMDDNNN`.
    pub fn parse(input: &str, today: NaiveDate) -> Result<PersonalId, IdError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(IdError::Empty(IdType::Personal));
        }
        let (digits, separator) = split_digits(input, &['-', '+'], IdType::Personal)?;
        let full = match digits.len() {
            12 => digits,
            10 => {
                let yy: i32 = number(&digits[0..2]);
                let month: u32 = number(&digits[2..4]);
                let day = birth_day(number(&digits[4..6]));
                let mut year = today.year() - (today.year() - yy).rem_euclid(100);
                if (month, day) > (today.month(), today.day()) && year == today.year() {
                    year -= 100;
                }
                if separator == Some('+') {
                    year -= 100;
                }
                if year < 0 {
                    return Err(IdError::NoSuchDate);
                }
                format!("{:02}{digits}", year / 100)
            }
            _ => return Err(IdError::WrongLength(IdType::Personal)),
        };
        let id = PersonalId::from_twelve(&full)?;
        if id.birth_date > today {
            return Err(IdError::BirthDateInFuture);
        }
        Ok(id)
    }

    /// Checks 12 digits as stored (date exists, Luhn); no "not in the future" rule, because a
    /// stored number was checked against the day it was entered.
    pub(crate) fn from_twelve(digits: &str) -> Result<PersonalId, IdError> {
        if digits.len() != 12 {
            return Err(IdError::WrongLength(IdType::Personal));
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdError::NotDigits(IdType::Personal));
        }
        let year: i32 = number(&digits[0..4]);
        let month: u32 = number(&digits[4..6]);
        let raw_day: u32 = number(&digits[6..8]);
        let (kind, day) = if (61..=91).contains(&raw_day) {
            (IdKind::Samordningsnummer, raw_day - 60)
        } else {
            (IdKind::Personnummer, raw_day)
        };
        let birth_date = NaiveDate::from_ymd_opt(year, month, day).ok_or(IdError::NoSuchDate)?;
        if !luhn_valid(&digits[2..]) {
            return Err(IdError::BadCheckDigit(IdType::Personal));
        }
        Ok(PersonalId {
            digits: digits.to_owned(),
            kind,
            birth_date,
        })
    }

    pub fn kind(&self) -> IdKind {
        self.kind
    }

    /// The 12 digits `YYYYMMDDNNNC`, no separator: what is stored and sent.
    pub fn as_str(&self) -> &str {
        &self.digits
    }

    /// `YYYYMMDD-NNNN`, for showing to the user and on printed reports.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.digits[..8], &self.digits[8..])
    }

    /// The date of birth (for a samordningsnummer: the day minus 60).
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }
}

impl fmt::Debug for PersonalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonalId({:?}, [redacted])", self.kind)
    }
}

impl Serialize for PersonalId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.digits)
    }
}

/// A checked organisationsnummer, held as 10 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Organisationsnummer(String);

impl Organisationsnummer {
    /// Parses 10 digits, optionally `NNNNNN-NNNN`, or 12 digits starting with `16` (the form
    /// some registers use). Luhn over all 10 digits; the third digit must be 2 or higher.
    pub fn parse(input: &str) -> Result<Organisationsnummer, IdError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(IdError::Empty(IdType::Organisation));
        }
        let (digits, _) = split_digits(input, &['-'], IdType::Organisation)?;
        let digits = match digits.len() {
            10 => digits,
            12 if digits.starts_with("16") => digits[2..].to_owned(),
            12 => return Err(IdError::BadOrganisationPrefix),
            _ => return Err(IdError::WrongLength(IdType::Organisation)),
        };
        if digits.as_bytes()[2] < b'2' {
            return Err(IdError::ThirdDigitTooSmall);
        }
        if !luhn_valid(&digits) {
            return Err(IdError::BadCheckDigit(IdType::Organisation));
        }
        Ok(Organisationsnummer(digits))
    }

    /// The 10 digits, no separator.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `NNNNNN-NNNN`.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..6], &self.0[6..])
    }
}

impl Serialize for Organisationsnummer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Splits `input` into its digits and the separator, which may only stand before the last four
/// digits. Anything else that is not a digit is refused.
fn split_digits(
    input: &str,
    separators: &[char],
    id_type: IdType,
) -> Result<(String, Option<char>), IdError> {
    let mut digits = String::with_capacity(12);
    let mut separator = None;
    for c in input.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if separators.contains(&c) && separator.is_none() {
            separator = Some(c);
            // Only the usual position counts: YYMMDD-NNNN / YYYYMMDD-NNNN / NNNNNN-NNNN.
            if !matches!(digits.len(), 6 | 8) {
                return Err(IdError::NotDigits(id_type));
            }
        } else {
            return Err(IdError::NotDigits(id_type));
        }
    }
    if let Some(at) = separator.and_then(|s| input.find(s)) {
        if input[at + 1..].len() != 4 {
            return Err(IdError::NotDigits(id_type));
        }
    }
    Ok((digits, separator))
}

fn number<T: std::str::FromStr + Default>(digits: &str) -> T {
    digits.parse().unwrap_or_default()
}

/// The real day of the month for a day field that may be a samordningsnummer's.
fn birth_day(raw_day: u32) -> u32 {
    if (61..=91).contains(&raw_day) {
        raw_day - 60
    } else {
        raw_day
    }
}

/// Luhn (mod 10) over ASCII digits: weights 2, 1, 2, 1, … from the left.
fn luhn_valid(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            d / 10 + d % 10
        })
        .sum();
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    // Only Skatteverket's published test personnummer and samordningsnummer, never real ones.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 15).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn valid_personal_ids() {
        let cases: &[(&str, &str, IdKind, NaiveDate)] = &[
            (
                "191212121212",
                "191212121212",
                IdKind::Personnummer,
                date(1912, 12, 12),
            ),
            (
                "19121212-1212",
                "191212121212",
                IdKind::Personnummer,
                date(1912, 12, 12),
            ),
            (
                "  19121212-1212 \n",
                "191212121212",
                IdKind::Personnummer,
                date(1912, 12, 12),
            ),
            // Ten digits: `-` means the latest century that is not in the future, `+` 100 more.
            (
                "121212-1212",
                "201212121212",
                IdKind::Personnummer,
                date(2012, 12, 12),
            ),
            (
                "121212+1212",
                "191212121212",
                IdKind::Personnummer,
                date(1912, 12, 12),
            ),
            (
                "1212121212",
                "201212121212",
                IdKind::Personnummer,
                date(2012, 12, 12),
            ),
            (
                "198112189876",
                "198112189876",
                IdKind::Personnummer,
                date(1981, 12, 18),
            ),
            (
                "811218-9876",
                "198112189876",
                IdKind::Personnummer,
                date(1981, 12, 18),
            ),
            (
                "189001019802",
                "189001019802",
                IdKind::Personnummer,
                date(1890, 1, 1),
            ),
            (
                "900101+9802",
                "189001019802",
                IdKind::Personnummer,
                date(1890, 1, 1),
            ),
            (
                "201701012393",
                "201701012393",
                IdKind::Personnummer,
                date(2017, 1, 1),
            ),
            (
                "170101-2393",
                "201701012393",
                IdKind::Personnummer,
                date(2017, 1, 1),
            ),
            (
                "196408233234",
                "196408233234",
                IdKind::Personnummer,
                date(1964, 8, 23),
            ),
            (
                "640823-3234",
                "196408233234",
                IdKind::Personnummer,
                date(1964, 8, 23),
            ),
            // 29 February in a leap year.
            (
                "20000229-2399",
                "200002292399",
                IdKind::Personnummer,
                date(2000, 2, 29),
            ),
            (
                "000229-2399",
                "200002292399",
                IdKind::Personnummer,
                date(2000, 2, 29),
            ),
            // Samordningsnummer: day + 60.
            (
                "197010632391",
                "197010632391",
                IdKind::Samordningsnummer,
                date(1970, 10, 3),
            ),
            (
                "701063-2391",
                "197010632391",
                IdKind::Samordningsnummer,
                date(1970, 10, 3),
            ),
            (
                "19140168-2396",
                "191401682396",
                IdKind::Samordningsnummer,
                date(1914, 1, 8),
            ),
        ];
        for (input, stored, kind, birth) in cases {
            let id = PersonalId::parse(input, today())
                .unwrap_or_else(|e| panic!("{input:?} should be valid: {e}"));
            assert_eq!(id.as_str(), *stored, "{input:?}");
            assert_eq!(id.kind(), *kind, "{input:?}");
            assert_eq!(id.birth_date(), *birth, "{input:?}");
        }
    }

    #[test]
    fn invalid_personal_ids() {
        use IdError::*;
        use IdType::Personal;
        let cases: &[(&str, IdError)] = &[
            ("", Empty(Personal)),
            ("   ", Empty(Personal)),
            ("191212121213", BadCheckDigit(Personal)),
            ("121212-1213", BadCheckDigit(Personal)),
            ("198112189877", BadCheckDigit(Personal)),
            // 30 February 1990, with a correct check digit: only the date is wrong.
            ("199002309806", NoSuchDate),
            ("900230-9806", NoSuchDate),
            // 29 February 1900 (`+`: 100 years or older) does not exist.
            ("000229+9808", NoSuchDate),
            // Samordningsnummer for 30 February 1970.
            ("197002902398", NoSuchDate),
            ("19121212121", WrongLength(Personal)),
            ("1212121212121", WrongLength(Personal)),
            ("12121212", WrongLength(Personal)),
            ("19121212-121X", NotDigits(Personal)),
            ("abcdefghij", NotDigits(Personal)),
            ("1912-1212-1212", NotDigits(Personal)),
            ("19121212--1212", NotDigits(Personal)),
            ("191212 121212", NotDigits(Personal)),
            ("121212-12-12", NotDigits(Personal)),
            // A 12-digit number born after today.
            ("203001019805", BirthDateInFuture),
        ];
        for (input, expected) in cases {
            assert_eq!(
                PersonalId::parse(input, today()).err(),
                Some(*expected),
                "{input:?}"
            );
        }
    }

    #[test]
    fn ten_digits_born_later_this_year_means_last_century() {
        // 18 December is after today's 15 June, so 25 means 1925, not 2025.
        let today = date(2025, 6, 15);
        let late = format!("251218980{}", check_digit("251218980"));
        assert_eq!(
            PersonalId::parse(&late, today).unwrap().birth_date(),
            date(1925, 12, 18)
        );
        // A birth earlier this year is this year's.
        let early = format!("250101980{}", check_digit("250101980"));
        assert_eq!(
            PersonalId::parse(&early, today).unwrap().birth_date(),
            date(2025, 1, 1)
        );
        // Born today is fine.
        let born_today = format!("250615980{}", check_digit("250615980"));
        assert_eq!(
            PersonalId::parse(&born_today, today).unwrap().birth_date(),
            today
        );
    }

    fn check_digit(nine: &str) -> u8 {
        (0..10u8)
            .find(|d| luhn_valid(&format!("{nine}{d}")))
            .unwrap()
    }

    #[test]
    fn display_and_debug() {
        let id = PersonalId::parse("121212+1212", today()).unwrap();
        assert_eq!(id.display(), "19121212-1212");
        let debug = format!("{id:?}");
        assert_eq!(debug, "PersonalId(Personnummer, [redacted])");
        assert!(!debug.contains("1212"));
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"191212121212\"");
    }

    #[test]
    fn error_messages_never_contain_the_number() {
        for input in [
            "191212121213",
            "199002309806",
            "19121212-121X",
            "1912121212123",
        ] {
            let message = PersonalId::parse(input, today()).unwrap_err().to_string();
            assert!(!message.contains("1212"), "{message}");
            assert!(message.starts_with("Personnumret"), "{message}");
        }
    }

    #[test]
    fn valid_organisationsnummer() {
        let cases: &[(&str, &str)] = &[
            ("5560360793", "5560360793"),
            ("556036-0793", "5560360793"),
            (" 556036-0793 ", "5560360793"),
            ("165560360793", "5560360793"),
            ("16556036-0793", "5560360793"),
            ("556677-8899", "5566778899"),
            ("202100-5448", "2021005448"),
        ];
        for (input, stored) in cases {
            let org = Organisationsnummer::parse(input)
                .unwrap_or_else(|e| panic!("{input:?} should be valid: {e}"));
            assert_eq!(org.as_str(), *stored);
        }
        assert_eq!(
            Organisationsnummer::parse("5560360793").unwrap().display(),
            "556036-0793"
        );
    }

    #[test]
    fn invalid_organisationsnummer() {
        use IdError::*;
        use IdType::Organisation;
        let cases: &[(&str, IdError)] = &[
            ("", Empty(Organisation)),
            ("5560360794", BadCheckDigit(Organisation)),
            ("556036-0794", BadCheckDigit(Organisation)),
            // Third digit below 2 (a personnummer's month), even with a correct check digit.
            ("5510360794", ThirdDigitTooSmall),
            ("1212121212", ThirdDigitTooSmall),
            ("556036079", WrongLength(Organisation)),
            ("55603607930", WrongLength(Organisation)),
            ("175560360793", BadOrganisationPrefix),
            ("556036+0793", NotDigits(Organisation)),
            ("55603A0793", NotDigits(Organisation)),
        ];
        for (input, expected) in cases {
            assert_eq!(
                Organisationsnummer::parse(input).err(),
                Some(*expected),
                "{input:?}"
            );
        }
    }

    #[test]
    fn luhn_reference_values() {
        assert!(luhn_valid("8112189876"));
        assert!(luhn_valid("5560360793"));
        assert!(!luhn_valid("5560360794"));
        assert_eq!(check_digit("811218987"), 6);
    }
}
