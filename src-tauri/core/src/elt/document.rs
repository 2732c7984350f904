//! The tidredovisning document (elt.md, "The tidredovisning document"): one assistant, one
//! month, written directly in Canonical XML 1.0, so that the SHA-256 both signers sign is the
//! hash of the exact bytes sent. Every element name, their order and every lexical form of the
//! document is in this one module; correct them here against FK's XSD.
//!
//! # The bytes
//!
//! No XML declaration, UTF-8, no whitespace between elements, no empty-element tags (`<x></x>`,
//! never `<x/>`), the namespace declared once on the root (`xmlns="…"`), every element in that
//! default namespace, the canonical escapes of [`super::c14n`]. `xmllint --c14n` leaves the
//! bytes unchanged (a test checks every golden file).
//!
//! ```text
//! Tidredovisning xmlns=NAMESPACE
//!   id                                UUID, lower case, 8-4-4-4-12
//!   redovisningsmanad                 YYYY-MM
//!   personSomHarAssistans             personnummer, fornamn, efternamn
//!   assistent                         personnummer | samordningsnummer, fornamn, efternamn,
//!                                     kollektivavtal
//!   berakningsperiod                  fromDag, tomDag (YYYY-MM-DD: the month's first, last day)
//!   anstalldAvPersonSomHarAssistans   boolean
//!   assistansanordnare                (only when the household buys assistance, see below)
//!     anordnareNamn, organisationsnummer, kontaktperson, telefonnummer,
//!     assistentAnstalldAvAnordnare, assistentEgenForetagare
//!   tidrapport
//!     rapportRad*                     dag, fromTid, tomTid, aktivTid, vanteTid, beredskapsTid
//!   datumForUnderskriftAnordnare      YYYY-MM-DD
//!   telefonnummerAnordnare
//!   datumForUnderskriftAssistent      YYYY-MM-DD
//!   telefonnummerAssistent
//! ```
//!
//! # Decisions (elt.md's open points and what Timbok's data leaves open)
//!
//! - **Times** `fromTid`/`tomTid`: Swedish clock notation `H.MM`, the hour without a leading
//!   zero, as the public sample writes them (`1.00`, `2.00`): `0.00`, `7.30`, `22.00`; the end
//!   of a day is `24.00`. Rows carry raw wall-clock time, never adjusted for daylight saving
//!   (the night 00:00–04:00 of a change is `0.00`–`4.00`; FK adjusts). The simulator accepts
//!   `H.MM` and `HH.MM`.
//! - **`dag`**: two digits, `01`–`31`, as elt.md writes it (`dag (DD)`); the simulator accepts
//!   one or two digits.
//! - **Booleans**: XML Schema's lower-case `true`/`false` (the sample's `TRUE` is not used).
//! - **Identity numbers**: 12 digits `YYYYMMDDNNNC`, no separator. The assistant's number goes
//!   in `personnummer` or, for a samordningsnummer, in `samordningsnummer`. The person's
//!   number is always in `personnummer`.
//! - **Organisationsnummer**: 10 digits, no separator.
//! - **`anstalldAvPersonSomHarAssistans`**: the assistant's own flag
//!   ([`Assistant::employed_by_person`]).
//! - **`assistansanordnare`** is written exactly when the household buys assistance
//!   (`Employment::Buys`, scenarios A–C) and left out when the person is the employer
//!   (egen arbetsgivare, D–F): FK's sample has no such element for an egen arbetsgivare, and
//!   the simulator requires it only when the assistant is not employed by the person. An
//!   assistant marked "not employed by the person" in a household that is its own employer has
//!   no employer Timbok can name: that is an error ([`DocumentError::NoEmployerForAssistant`]).
//!   Its content: `anordnareNamn`, `organisationsnummer` from the household's provider;
//!   `kontaktperson` is the name ("Förnamn Efternamn") of the one who signs for the person
//!   (see "employer" below), and `telefonnummer` that one's phone (Timbok does not know anyone
//!   at the anordnare; the signer is the person FK can reach about this report);
//!   `assistentAnstalldAvAnordnare` is `true` unless the assistant is employed by the person;
//!   `annanArbetsgivare` is never written (Timbok does not model a third employer);
//!   `assistentEgenForetagare` is `false` (not modelled either).
//! - **The employer** (who signs `anordnare-signatur`, and whose phone goes in
//!   `telefonnummerAnordnare`): the household's signer when its role needs one (vårdnadshavare,
//!   god man, förvaltare), else the person. A missing phone is an error naming whom to fill in;
//!   there is no fallback to another person's number.
//! - **Dates**: both `datumForUnderskriftAnordnare` and `datumForUnderskriftAssistent` are the
//!   date the document is locked (`signing_date`), which must be after the month's last day (a
//!   report is signed when the month is over).
//! - **Rows**: the rows of this assistant (rows of other assistants in the input are skipped)
//!   in order of date, start and end. A row outside the month, a row that does not end after
//!   it starts, and two rows of one day that overlap are errors: FK refuses such a document.
//!
//! # Open points
//!
//! - Whether FK wants `dag` with or without a leading zero, and `H.MM` or `HH.MM`.
//! - Whether FK requires `assistansanordnare` for an egen arbetsgivare, and what it expects in
//!   `kontaktperson`/`telefonnummer` when a private person buys assistance.
//! - Whether `telefonnummer*` must be normalised (Timbok sends the number as typed: digits,
//!   spaces, `+`, `-`).

use std::fmt;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::c14n::{escape_attribute, escape_text, is_xml_char};
use crate::hours::{ReportRow, TimeKind, WallTime, YearMonth};
use crate::household::{Assistant, Employment, Household, Person, SignerRole};
use crate::identity::IdKind;

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
    /// The day the document is locked; both `datumForUnderskrift…` carry it.
    pub signing_date: NaiveDate,
}

/// Why a document cannot be built. The text is Swedish, for the user, and names what to fix;
/// it never holds a name, number or phone number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    #[error("Assistentens telefonnummer saknas. Det ska stå i tidsredovisningen. Fyll i det under Assistenter och skapa rapporten igen.")]
    AssistantPhoneMissing,

    #[error("Telefonnumret till {} saknas. Det ska stå i tidsredovisningen som telefonnummer till den som skriver under för den assistansberättigade. Fyll i det under Hushåll och skapa rapporten igen.", signer_noun(*.0))]
    EmployerPhoneMissing(SignerRole),

    #[error("Uppgifterna om {} saknas. Fyll i dem under Hushåll och skapa rapporten igen.", signer_noun(*.0))]
    SignerMissing(SignerRole),

    #[error("Assistansanordnarens namn och organisationsnummer saknas. De ska stå i tidsredovisningen när assistansen köps från en anordnare. Fyll i dem under Hushåll.")]
    ProviderMissing,

    #[error("Assistenten är inte markerad som anställd av den assistansberättigade, men hushållet köper inte assistans från någon anordnare. Ändra assistentens anställning under Assistenter, eller ange anordnaren under Hushåll.")]
    NoEmployerForAssistant,

    #[error("Tidsredovisningen för {month} kan skrivas under först när månaden är slut, tidigast {earliest}.")]
    MonthNotEnded {
        month: YearMonth,
        earliest: NaiveDate,
    },

    #[error("En rad den {date} ligger utanför redovisningsmånaden {month}. Skapa rapporten igen från passen.")]
    RowOutsideMonth { month: YearMonth, date: NaiveDate },

    #[error("Raden den {date} {from}–{to} slutar inte efter att den börjar. Rätta passet.")]
    RowNotAfterStart {
        date: NaiveDate,
        from: WallTime,
        to: WallTime,
    },

    #[error("Två rader den {date} går omlott ({first} och {second}). Rätta passen så att de inte överlappar.")]
    RowsOverlap {
        date: NaiveDate,
        first: String,
        second: String,
    },

    #[error("{field} innehåller tecken som inte kan skickas till Försäkringskassan (osynliga styrtecken). Skriv in uppgiften igen.")]
    UnwritableText { field: &'static str },
}

impl From<DocumentError> for crate::Error {
    fn from(e: DocumentError) -> crate::Error {
        crate::Error::invalid_input(e.to_string())
    }
}

/// How the one who signs for the person is named in a message.
fn signer_noun(role: SignerRole) -> &'static str {
    match role {
        SignerRole::SelfSigner => "den assistansberättigade",
        SignerRole::Vardnadshavare => "vårdnadshavaren",
        SignerRole::GodMan => "den gode mannen",
        SignerRole::Forvaltare => "förvaltaren",
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

/// `H.MM`; the end of a day is `24.00`.
pub fn clock(t: WallTime) -> String {
    format!("{}.{:02}", t.hour(), t.minute())
}

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
fn field_label(element: &str) -> &'static str {
    match element {
        "fornamn" => "Ett förnamn",
        "efternamn" => "Ett efternamn",
        "anordnareNamn" => "Assistansanordnarens namn",
        "kontaktperson" => "Kontaktpersonens namn",
        _ => "Ett telefonnummer",
    }
}

fn full_name(person: &Person) -> String {
    format!("{} {}", person.first_name, person.last_name)
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
    let assistant_phone = assistant
        .phone
        .as_deref()
        .ok_or(DocumentError::AssistantPhoneMissing)?;
    let provider = match household.employment {
        Employment::Buys => Some(
            household
                .provider
                .as_ref()
                .ok_or(DocumentError::ProviderMissing)?,
        ),
        Employment::Employer if !assistant.employed_by_person => {
            return Err(DocumentError::NoEmployerForAssistant)
        }
        Employment::Employer => None,
    };
    let rows = checked_rows(month, assistant, rows)?;

    let mut w = Writer {
        out: String::with_capacity(1024 + rows.len() * 160),
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

    w.open("berakningsperiod");
    w.leaf("fromDag", &date(month.first_day()))?;
    w.leaf("tomDag", &date(month.last_day()))?;
    w.close("berakningsperiod");

    w.leaf(
        "anstalldAvPersonSomHarAssistans",
        boolean(assistant.employed_by_person),
    )?;

    if let Some(provider) = provider {
        w.open("assistansanordnare");
        w.leaf("anordnareNamn", &provider.name)?;
        w.leaf("organisationsnummer", provider.organisationsnummer.as_str())?;
        w.leaf("kontaktperson", &full_name(employer))?;
        w.leaf("telefonnummer", employer_phone)?;
        w.leaf(
            "assistentAnstalldAvAnordnare",
            boolean(!assistant.employed_by_person),
        )?;
        w.leaf("assistentEgenForetagare", boolean(false))?;
        w.close("assistansanordnare");
    }

    w.open("tidrapport");
    for row in &rows {
        w.open("rapportRad");
        w.leaf("dag", &row.date.format("%d").to_string())?;
        w.leaf("fromTid", &clock(row.from))?;
        w.leaf("tomTid", &clock(row.to))?;
        w.leaf("aktivTid", boolean(row.kind == TimeKind::Aktiv))?;
        w.leaf("vanteTid", boolean(row.kind == TimeKind::Vantetid))?;
        w.leaf("beredskapsTid", boolean(row.kind == TimeKind::Beredskap))?;
        w.close("rapportRad");
    }
    w.close("tidrapport");

    w.leaf("datumForUnderskriftAnordnare", &date(signing_date))?;
    w.leaf("telefonnummerAnordnare", employer_phone)?;
    w.leaf("datumForUnderskriftAssistent", &date(signing_date))?;
    w.leaf("telefonnummerAssistent", assistant_phone)?;
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
