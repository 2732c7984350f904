//! Blankett 3059, "Tidsredovisning assistansersättning", filled in by Timbok: the paper time
//! report of an assistant who cannot sign with BankID (only a samordningsnummer). FK accepts
//! only its own form on paper, so Timbok writes onto FK's file, which the user downloads once
//! from forsakringskassan.se (Blanketter, "Tidsredovisning assistansersättning 3059"); Timbok
//! does not ship it.
//!
//! - [`form`]: recognising FK's file (the version Timbok knows, `FK 3059 (016 F 003)`) and
//!   keeping it in the data folder.
//! - [`layout`]: the one table of box coordinates, measured from FK's file.
//! - [`fill`]: the filled PDF: FK's pages, untouched, with Helvetica text (WinAnsi) over them.
//! - This module: [`Blankett3059`], the form's input as plain values, and [`from_household`],
//!   the one conversion from the household model.
//!
//! What is written: the month, sections 1–5 of page 1, the header of every row page, the rows
//! (day of month, from, to, a cross in the kind's box) and "Summa tid" (Timbok's real,
//! DST-correct totals; rows are raw wall-clock times, as in the ELT document). Sections 6 and 8
//! (date, signature, telephone of who signs) are left empty: they are written by hand when
//! signing. Rows beyond the form's 80 continue on copies of page 2 (header filled) placed
//! before page 3, which keeps the totals and the assistant's signature on the last page.
//!
//! **Must not** know about storage or the clock.

pub mod fill;
pub mod form;
pub mod layout;
pub mod problem;

#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};

pub use fill::fill;
pub use form::{Form3059, FORM_FILE_NAME, FORM_VERSION};
pub use problem::BlankettError;

use crate::hours::{ReportRow, TimeKind, Totals, WallTime, YearMonth};
use crate::household::{Assistant, AssistantEmployer, Employment, Household};

/// The kind of time of a row: the box it is crossed in.
pub type Kind = TimeKind;

/// One row of section 7: the day of the month, raw wall-clock times, the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub day: u32,
    pub from: WallTime,
    pub to: WallTime,
    pub kind: Kind,
}

/// Who the assistant works for when the person buys assistance (section 5, the three answers
/// to "Är anordnaren arbetsgivare för assistenten?").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderRole {
    /// "Ja": the anordnare employs the assistant.
    Employer,
    /// "Nej, … som har en annan arbetsgivare": that employer's name and organisationsnummer.
    ClientOfOtherEmployer {
        name: String,
        organisationsnummer: String,
    },
    /// "Nej, … som är egenföretagare".
    ClientOfSelfEmployed,
}

/// Section 5: who employs the assistant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Section5 {
    /// "Jag har själv anställt assistenten" (the person is the employer; nothing more).
    SelfEmployer,
    /// "Personen anlitar en assistansanordnare".
    Provider {
        name: String,
        organisationsnummer: String,
        contact_person: Option<String>,
        phone: Option<String>,
        role: ProviderRole,
    },
}

/// Everything blankett 3059 is filled in with, as plain values (identity numbers already in
/// the form's shape: 12 digits, organisationsnummer `NNNNNN-NNNN`).
#[derive(Clone, PartialEq, Eq)]
pub struct Blankett3059 {
    pub month: YearMonth,
    pub person_name: String,
    pub person_number: String,
    pub assistant_name: String,
    pub assistant_number: String,
    pub collective_agreement: bool,
    /// Section 4, first and last day inclusive, in order (at most 6).
    pub calculation_periods: Vec<(NaiveDate, NaiveDate)>,
    pub employer: Section5,
    /// Section 7 in order.
    pub rows: Vec<Row>,
    /// "Summa tid": real minutes per kind.
    pub totals: Totals,
}

impl std::fmt::Debug for Blankett3059 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Blankett3059")
            .field("month", &self.month)
            .field("person", &"[redacted]")
            .field("assistant", &"[redacted]")
            .field("collective_agreement", &self.collective_agreement)
            .field("calculation_periods", &self.calculation_periods)
            .field("rows", &self.rows.len())
            .field("totals", &self.totals)
            .finish_non_exhaustive()
    }
}

fn full_name(first: &str, last: &str) -> String {
    format!("{} {}", first.trim(), last.trim())
        .trim()
        .to_string()
}

/// The blankett of `assistant` for `month` from the household model. `rows` may hold other
/// assistants' rows (skipped); `totals` are the assistant's real totals for the month.
///
/// The one conversion from the household model: section 4 lists the assistant's calculation
/// periods that touch the month (the same periods the ELT document and the working-time
/// findings use), section 5 who employs the assistant, as the ELT document says it.
pub fn from_household(
    household: &Household,
    assistant: &Assistant,
    month: YearMonth,
    rows: &[ReportRow],
    totals: &Totals,
) -> Blankett3059 {
    let mut mine: Vec<&ReportRow> = rows
        .iter()
        .filter(|r| r.assistant_id == assistant.id && month.contains(r.date))
        .collect();
    mine.sort_by_key(|r| (r.date, r.from, r.to, r.kind));
    let person = &household.person;
    // Section 5 says what the ELT document says (elt/document.rs): the anordnare with its own
    // contact person and phone, and who employs the assistant.
    let employer = match (&household.employment, &household.provider) {
        (Employment::Buys, Some(provider)) if !assistant.employed_by_person => Section5::Provider {
            name: provider.name.clone(),
            organisationsnummer: provider.organisationsnummer.display(),
            contact_person: provider.contact_person.clone(),
            phone: provider.phone.clone(),
            role: match &assistant.employer {
                AssistantEmployer::Provider => ProviderRole::Employer,
                AssistantEmployer::Other {
                    name,
                    organisationsnummer,
                } => ProviderRole::ClientOfOtherEmployer {
                    name: name.clone().unwrap_or_default(),
                    organisationsnummer: organisationsnummer.display(),
                },
                AssistantEmployer::SelfEmployed => ProviderRole::ClientOfSelfEmployed,
            },
        },
        _ => Section5::SelfEmployer,
    };
    Blankett3059 {
        month,
        person_name: full_name(&person.first_name, &person.last_name),
        person_number: person.personnummer.as_str().to_string(),
        assistant_name: full_name(&assistant.first_name, &assistant.last_name),
        assistant_number: assistant.personnummer.as_str().to_string(),
        collective_agreement: assistant.collective_agreement,
        calculation_periods: assistant
            .calculation_periods
            .touching(month)
            .iter()
            .map(|p| (p.first, p.last))
            .collect(),
        employer,
        rows: mine
            .iter()
            .map(|r| Row {
                day: r.date.day(),
                from: r.from,
                to: r.to,
                kind: r.kind,
            })
            .collect(),
        totals: *totals,
    }
}
