//! The tidredovisning document (elt.md, "The tidredovisning document"): one assistant, one
//! month, written directly in Canonical XML 1.0, so that the SHA-256 both signers sign is the
//! hash of the exact bytes sent. Every element name, their order and every lexical form of the
//! document is in this one module.
//!
//! It follows **FK's schema `tidredovisning_extern_v1.xsd`, version 1.8** (FK's file is the
//! authority; tests validate every golden document and random households against it).
//!
//! # The bytes
//!
//! No XML declaration, UTF-8, no whitespace between elements, no empty-element tags (`<x></x>`,
//! never `<x/>`), the namespace declared once on the root (`xmlns="…"`), every element in that
//! default namespace (the schema's `elementFormDefault="qualified"`), the canonical escapes of
//! [`super::c14n`]. `xmllint --c14n` leaves the bytes unchanged (a test checks every golden
//! file).
//!
//! # The schema's rules, in the schema's order (`Tidredovisning`, a sequence)
//!
//! ```text
//! Tidredovisning xmlns=NAMESPACE
//!   id                                UUID: [a-f0-9]{8}-[a-f0-9]{4}-…-[a-f0-9]{12}, lower case
//!   redovisningsmanad                 \d{4}-\d{2}: YYYY-MM
//!   personSomHarAssistans             personnummer (\d{12}), fornamn, efternamn
//!   assistent                         personnummer | samordningsnummer (\d{12}), fornamn,
//!                                     efternamn, kollektivavtal (xsd:boolean true/false)
//!   berakningsperiod*                 fromDag, tomDag (xsd:date): every calculation period the
//!                                     month touches
//!   anstalldAvPersonSomHarAssistans   "true" only                  } exactly one of
//!   assistansanordnare                                             } the two
//!     anordnareNamn?, organisationsnummer (\d{10}), kontaktperson?, telefonnummer? (.{7,}),
//!     then exactly one of: assistentAnstalldAvAnordnare ("true") | annanArbetsgivare
//!     (arbetsgivareNamn?, organisationsnummer) | assistentEgenForetagare ("true")
//!   tidrapport
//!     rapportRad*                     dag (integer 1–31), fromTid, tomTid (\d{2}\.\d{2}), then
//!                                     exactly one of aktivTid | vanteTid | beredskapsTid ("true")
//!   telefonnummerAnordnare            required, .{7,}
//!   telefonnummerAssistent?           optional, .{7,}
//! ```
//!
//! The schema's type `True` (since 1.0.2) has the single value `true`: a kind of time or an
//! employer branch is said by writing its element, never by writing `false`. There are no
//! signing-date elements (removed in 1.0.1): each signature's date travels in the SOAP
//! request's `datumForSignatur` ([`super::soap`]).
//!
//! # Decisions (what the schema leaves to Timbok)
//!
//! - **Times** `fromTid`/`tomTid`: `HH.MM` with two-digit hours, `00.00`–`23.59`; the end of a
//!   day is `24.00`. Rows carry raw wall-clock time, never adjusted for daylight saving (the
//!   night 00:00–04:00 of a change is `00.00`–`04.00`; FK adjusts).
//! - **`dag`**: the day of the month in the canonical form of `xsd:integer`, `1`–`31`.
//! - **Kind of time**: `aktivTid`, `vanteTid` or `beredskapsTid` with `true`, one per row.
//! - **Identity numbers**: 12 digits `YYYYMMDDNNNC`. The assistant's number goes in
//!   `personnummer` or, for a samordningsnummer, in `samordningsnummer` (such a report goes on
//!   paper, but the document can still be built). The person's is always `personnummer`.
//! - **`berakningsperiod`**: the assistant's calculation periods
//!   ([`crate::household::CalculationPeriods::touching`]): every period with a day in the
//!   month, whole, also the days outside the month. The working-time findings check the same
//!   periods.
//! - **Who employs the assistant**: [`Assistant::employed_by_person`] writes
//!   `anstalldAvPersonSomHarAssistans`. Otherwise the household must buy assistance
//!   (`Employment::Buys`): `assistansanordnare` with the provider's name, organisationsnummer
//!   and, when given, its own `kontaktperson` and `telefonnummer` (the anordnare's, never the
//!   household signer's), then the assistant's [`AssistantEmployer`]: the anordnare
//!   (`assistentAnstalldAvAnordnare`), another employer (`annanArbetsgivare`, its name when
//!   given) or nobody (`assistentEgenForetagare`). An assistant not employed by the person in
//!   a household that employs its assistants itself has no employer Timbok can name: that is
//!   an error ([`DocumentError::NoEmployerForAssistant`]).
//! - **`telefonnummerAnordnare`**: the phone of the one who signs `anordnare-signatur` (the
//!   household's signer when its role needs one, else the person), required: a missing phone
//!   is [`DocumentError::EmployerPhoneMissing`], naming the household form's field. No fallback
//!   to another person's number.
//! - **`telefonnummerAssistent`**: the assistant's phone when there is one, else left out (the
//!   schema makes it optional).
//! - **Phones** are sent as typed (digits, spaces, `+`, `-`); the household checks give them 7–15
//!   digits, so always the schema's 7 characters; the builder checks the length again.
//! - **Signing**: the document is built when the report is locked (`signing_date`, which must
//!   be after the month's last day: a report is signed when the month is over) and frozen then.
//! - **Rows**: the rows of this assistant (rows of other assistants in the input are skipped)
//!   in order of date, start and end. A row outside the month, a row that does not end after
//!   it starts, and two rows of one day that overlap are errors: FK refuses such a document.
//!
//! # Open points
//!
//! - What FK expects in `telefonnummerAnordnare` when a private person buys assistance and
//!   the anordnare's phone is also known (Timbok sends the signer's: the one FK can reach
//!   about this signature).

use std::fmt;

use chrono::{Datelike, NaiveDate};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::c14n::{escape_attribute, escape_text, is_xml_char};
use crate::hours::{ReportRow, TimeKind, WallTime, YearMonth};
use crate::household::{Assistant, AssistantEmployer, Employment, Household, Person, SignerRole};
use crate::identity::IdKind;
use crate::message::{Key, Message};

/// The namespace of the tidredovisning document.
pub const NAMESPACE: &str =
    "http://schema.forsakringskassan.se/integration/isassistansersattning/tidredovisning/1";

/// A built (or stored) tidredovisning document: its id and its exact canonical bytes.
///
/// `Debug` prints the id, the length and the hash, never the content (it names people).
#[derive(Clone, PartialEq, Eq)]
pub struct Document {
    id: Uuid,
    bytes: Vec<u8>,
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("id", &self.id)
            .field("bytes", &self.bytes.len())
            .field("sha256", &self.sha256_hex())
            .finish()
    }
}

impl Document {
    /// A document as stored when it was locked. A locked document is never rebuilt: its bytes
    /// are what was signed.
    pub fn from_stored(id: Uuid, bytes: Vec<u8>) -> Document {
        Document { id, bytes }
    }

    /// The report's id (the document's `id` element).
    pub fn id(&self) -> Uuid {
        self.id
    }

    /// The canonical bytes: what is hashed, signed and sent.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// SHA-256 of the bytes, lower-case hex.
    pub fn sha256_hex(&self) -> String {
        hex::encode(Sha256::digest(&self.bytes))
    }

    /// `<id>,<sha256 hex>`: this document's entry in the text both signers sign.
    pub fn signed_entry(&self) -> String {
        format!("{},{}", self.id.hyphenated(), self.sha256_hex())
    }
}

/// The text put in BankID's `userNonVisibleData`: the documents' entries joined with `;` (one
/// signer signing several reports at once).
pub fn signed_text(entries: &[&Document]) -> String {
    entries
        .iter()
        .map(|d| d.signed_entry())
        .collect::<Vec<_>>()
        .join(";")
}

/// What a document is built from.
#[derive(Debug, Clone, Copy)]
pub struct DocumentInput<'a> {
    /// The report's id, stable for the report's life.
    pub id: Uuid,
    pub month: YearMonth,
    pub household: &'a Household,
    pub assistant: &'a Assistant,
    /// Report rows ([`crate::hours::report_rows`]); rows of other assistants are skipped.
    pub rows: &'a [ReportRow],
    /// The day the document is locked: after the month's last day.
    pub signing_date: NaiveDate,
}

/// Why a document cannot be built. Its [`DocumentError::message`] names what to fix (worded at
/// the edge from the catalogue; `Display` is the Swedish rendering); it never holds a name,
/// number or phone number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub enum DocumentError {
    EmployerPhoneMissing(SignerRole),

    /// `field` is the phone's label in the catalogue.
    PhoneTooShort {
        field: Key,
    },

    SignerMissing(SignerRole),

    ProviderMissing,

    NoEmployerForAssistant,

    MonthNotEnded {
        month: YearMonth,
        earliest: NaiveDate,
    },

    RowOutsideMonth {
        month: YearMonth,
        date: NaiveDate,
    },

    RowNotAfterStart {
        date: NaiveDate,
        from: WallTime,
        to: WallTime,
    },

    /// `first` and `second`: the two rows' times, `HH:MM–HH:MM`.
    RowsOverlap {
        date: NaiveDate,
        first: String,
        second: String,
    },

    /// `field` is the text's label in the catalogue.
    UnwritableText {
        field: Key,
    },
}

impl DocumentError {
    /// What to tell the user.
    pub fn message(&self) -> Message {
        match self {
            DocumentError::EmployerPhoneMissing(role) => {
                Message::new(Key::DocumentEmployerPhoneMissing).key("who", signer_noun(*role))
            }
            DocumentError::PhoneTooShort { field } => {
                Message::new(Key::DocumentPhoneTooShort).key("field", *field)
            }
            DocumentError::SignerMissing(role) => {
                Message::new(Key::DocumentSignerMissing).key("who", signer_noun(*role))
            }
            DocumentError::ProviderMissing => Key::DocumentProviderMissing.into(),
            DocumentError::NoEmployerForAssistant => Key::DocumentNoEmployerForAssistant.into(),
            DocumentError::MonthNotEnded { month, earliest } => {
                Message::new(Key::DocumentMonthNotEnded)
                    .month("month", month.first_day())
                    .date("earliest", *earliest)
            }
            DocumentError::RowOutsideMonth { month, date } => {
                Message::new(Key::DocumentRowOutsideMonth)
                    .date("date", *date)
                    .month("month", month.first_day())
            }
            DocumentError::RowNotAfterStart { date, from, to } => {
                Message::new(Key::DocumentRowNotAfterStart)
                    .date("date", *date)
                    .text("from", from.to_string())
                    .text("to", to.to_string())
            }
            DocumentError::RowsOverlap {
                date,
                first,
                second,
            } => Message::new(Key::DocumentRowsOverlap)
                .date("date", *date)
                .text("first", first.clone())
                .text("second", second.clone()),
            DocumentError::UnwritableText { field } => {
                Message::new(Key::DocumentUnwritableText).key("field", *field)
            }
        }
    }
}

impl From<DocumentError> for crate::Error {
    fn from(e: DocumentError) -> crate::Error {
        crate::Error::invalid_input(e.message())
    }
}

/// How the one who signs for the person is named in a message (after "till"/"om").
fn signer_noun(role: SignerRole) -> Key {
    match role {
        SignerRole::SelfSigner => Key::WhoPerson,
        SignerRole::Vardnadshavare => Key::WhoVardnadshavare,
        SignerRole::GodMan => Key::WhoGodMan,
        SignerRole::Forvaltare => Key::WhoForvaltare,
    }
}

/// The one who signs `anordnare-signatur`: the household's signer when its role needs one,
/// else the person.
pub fn employer(household: &Household) -> Result<&Person, DocumentError> {
    if household.signer_role.needs_signer() {
        household
            .signer
            .as_ref()
            .ok_or(DocumentError::SignerMissing(household.signer_role))
    } else {
        Ok(&household.person)
    }
}

/// `HH.MM` (the schema's `Klockslag`, `\d{2}\.\d{2}`); the end of a day is `24.00`.
pub fn clock(t: WallTime) -> String {
    format!("{:02}.{:02}", t.hour(), t.minute())
}

/// The shortest phone the schema's `Telefonnummer` (`.{7,}`) accepts, in characters.
pub const MIN_PHONE_CHARS: usize = 7;

fn checked_phone(phone: &str, field: Key) -> Result<&str, DocumentError> {
    if phone.chars().count() < MIN_PHONE_CHARS {
        return Err(DocumentError::PhoneTooShort { field });
    }
    Ok(phone)
}

/// The schema's type `True`: its only value.
const TRUE: &str = "true";

fn boolean(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Writes elements in canonical form.
struct Writer {
    out: String,
}

impl Writer {
    fn open(&mut self, name: &str) {
        self.out.push('<');
        self.out.push_str(name);
        self.out.push('>');
    }

    fn close(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// `<name>text</name>`; refuses text XML cannot carry.
    fn leaf(&mut self, name: &'static str, text: &str) -> Result<(), DocumentError> {
        if !text.chars().all(is_xml_char) {
            return Err(DocumentError::UnwritableText {
                field: field_label(name),
            });
        }
        self.open(name);
        escape_text(text, &mut self.out);
        self.close(name);
        Ok(())
    }
}

/// How a text element is named in [`DocumentError::UnwritableText`].
fn field_label(element: &str) -> Key {
    match element {
        "fornamn" => Key::LabelAFirstName,
        "efternamn" => Key::LabelALastName,
        "anordnareNamn" => Key::LabelProviderName,
        "kontaktperson" => Key::LabelContactPerson,
        "arbetsgivareNamn" => Key::LabelEmployerName,
        _ => Key::LabelAPhone,
    }
}

/// Builds the document. Pure: the same input gives the same bytes.
pub fn build(input: &DocumentInput) -> Result<Document, DocumentError> {
    let DocumentInput {
        id,
        month,
        household,
        assistant,
        rows,
        signing_date,
    } = *input;

    if signing_date <= month.last_day() {
        return Err(DocumentError::MonthNotEnded {
            month,
            earliest: month.next().first_day(),
        });
    }
    let employer = employer(household)?;
    let employer_phone = employer
        .phone
        .as_deref()
        .ok_or(DocumentError::EmployerPhoneMissing(household.signer_role))?;
    let employer_phone = checked_phone(employer_phone, Key::LabelEmployerPhone)?;
    let assistant_phone = assistant
        .phone
        .as_deref()
        .map(|p| checked_phone(p, Key::LabelAssistantPhone))
        .transpose()?;
    let provider = match (assistant.employed_by_person, household.employment) {
        (true, _) => None,
        (false, Employment::Buys) => Some(
            household
                .provider
                .as_ref()
                .ok_or(DocumentError::ProviderMissing)?,
        ),
        (false, Employment::Employer) => return Err(DocumentError::NoEmployerForAssistant),
    };
    let rows = checked_rows(month, assistant, rows)?;

    let mut w = Writer {
        out: String::with_capacity(1024 + rows.len() * 120),
    };
    w.out.push_str("<Tidredovisning xmlns=\"");
    escape_attribute(NAMESPACE, &mut w.out);
    w.out.push_str("\">");

    w.leaf("id", &id.hyphenated().to_string())?;
    w.leaf("redovisningsmanad", &month.to_string())?;

    w.open("personSomHarAssistans");
    w.leaf("personnummer", household.person.personnummer.as_str())?;
    w.leaf("fornamn", &household.person.first_name)?;
    w.leaf("efternamn", &household.person.last_name)?;
    w.close("personSomHarAssistans");

    w.open("assistent");
    let number_element = match assistant.personnummer.kind() {
        IdKind::Personnummer => "personnummer",
        IdKind::Samordningsnummer => "samordningsnummer",
    };
    w.leaf(number_element, assistant.personnummer.as_str())?;
    w.leaf("fornamn", &assistant.first_name)?;
    w.leaf("efternamn", &assistant.last_name)?;
    w.leaf("kollektivavtal", boolean(assistant.collective_agreement))?;
    w.close("assistent");

    for period in assistant.calculation_periods.touching(month) {
        w.open("berakningsperiod");
        w.leaf("fromDag", &date(period.first))?;
        w.leaf("tomDag", &date(period.last))?;
        w.close("berakningsperiod");
    }

    match provider {
        None => w.leaf("anstalldAvPersonSomHarAssistans", TRUE)?,
        Some(provider) => {
            w.open("assistansanordnare");
            w.leaf("anordnareNamn", &provider.name)?;
            w.leaf("organisationsnummer", provider.organisationsnummer.as_str())?;
            if let Some(contact) = &provider.contact_person {
                w.leaf("kontaktperson", contact)?;
            }
            if let Some(phone) = &provider.phone {
                w.leaf(
                    "telefonnummer",
                    checked_phone(phone, Key::LabelProviderPhone)?,
                )?;
            }
            match &assistant.employer {
                AssistantEmployer::Provider => w.leaf("assistentAnstalldAvAnordnare", TRUE)?,
                AssistantEmployer::Other {
                    name,
                    organisationsnummer,
                } => {
                    w.open("annanArbetsgivare");
                    if let Some(name) = name {
                        w.leaf("arbetsgivareNamn", name)?;
                    }
                    w.leaf("organisationsnummer", organisationsnummer.as_str())?;
                    w.close("annanArbetsgivare");
                }
                AssistantEmployer::SelfEmployed => w.leaf("assistentEgenForetagare", TRUE)?,
            }
            w.close("assistansanordnare");
        }
    }

    w.open("tidrapport");
    for row in &rows {
        w.open("rapportRad");
        w.leaf("dag", &row.date.day().to_string())?;
        w.leaf("fromTid", &clock(row.from))?;
        w.leaf("tomTid", &clock(row.to))?;
        let kind = match row.kind {
            TimeKind::Aktiv => "aktivTid",
            TimeKind::Vantetid => "vanteTid",
            TimeKind::Beredskap => "beredskapsTid",
        };
        w.leaf(kind, TRUE)?;
        w.close("rapportRad");
    }
    w.close("tidrapport");

    w.leaf("telefonnummerAnordnare", employer_phone)?;
    if let Some(phone) = assistant_phone {
        w.leaf("telefonnummerAssistent", phone)?;
    }
    w.close("Tidredovisning");

    Ok(Document {
        id,
        bytes: w.out.into_bytes(),
    })
}

/// The assistant's rows, sorted, each inside the month and ending after it starts, no two of
/// one day overlapping.
fn checked_rows<'r>(
    month: YearMonth,
    assistant: &Assistant,
    rows: &'r [ReportRow],
) -> Result<Vec<&'r ReportRow>, DocumentError> {
    let mut mine: Vec<&ReportRow> = rows
        .iter()
        .filter(|r| r.assistant_id == assistant.id)
        .collect();
    mine.sort_by_key(|r| (r.date, r.from, r.to, r.kind));
    for row in &mine {
        if !month.contains(row.date) {
            return Err(DocumentError::RowOutsideMonth {
                month,
                date: row.date,
            });
        }
        if row.to <= row.from {
            return Err(DocumentError::RowNotAfterStart {
                date: row.date,
                from: row.from,
                to: row.to,
            });
        }
    }
    // Sorted by start: without overlaps each row starts at or after the previous one's end.
    for pair in mine.windows(2) {
        let (before, row) = (pair[0], pair[1]);
        if before.date == row.date && row.from < before.to {
            return Err(DocumentError::RowsOverlap {
                date: row.date,
                first: format!("{}–{}", before.from, before.to),
                second: format!("{}–{}", row.from, row.to),
            });
        }
    }
    Ok(mine)
}

#[cfg(test)]
#[path = "document_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "document_schema_tests.rs"]
mod schema_tests;
