//! The household: the person with assistance, who signs for them, who employs or provides the
//! assistants, and the assistants themselves.
//!
//! This module owns the domain types, the unvalidated drafts the UI sends (`*Draft`, the
//! `*Input` types of `docs/ipc.md`) and the rules that turn a draft into a checked value. It is
//! pure: no storage, no clock reads (callers pass "today"), no tauri, no network.
//!
//! Privacy: `Debug` of every type that holds a name, a phone number or an identity number
//! prints `[redacted]` in their place, so a stray `{:?}` in a log line leaks nothing.

use std::cmp::Ordering;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::hours::AssistantId;
use crate::identity::{IdKind, Organisationsnummer, PersonalId};
use crate::message::{Key, Message};

/// Longest first or last name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest provider (assistansanordnare) name accepted, in characters.
pub const MAX_PROVIDER_NAME_CHARS: usize = 200;
/// Longest phone number accepted, in characters (15 digits with their spaces, `+` and `-`).
pub const MAX_PHONE_CHARS: usize = 20;
/// Granted hours per month are whole hours in this range (744 = 31 × 24).
pub const GRANTED_HOURS_RANGE: std::ops::RangeInclusive<i64> = 1..=744;

/// Who signs the invoice and the time reports as employer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SignerRole {
    /// The person with assistance signs themself.
    #[serde(rename = "self")]
    SelfSigner,
    /// A guardian signs for a child.
    #[serde(rename = "vardnadshavare")]
    Vardnadshavare,
    /// A ställföreträdare of kind god man.
    #[serde(rename = "god_man")]
    GodMan,
    /// A ställföreträdare of kind förvaltare.
    #[serde(rename = "forvaltare")]
    Forvaltare,
}

impl SignerRole {
    pub const ALL: [SignerRole; 4] = [
        SignerRole::SelfSigner,
        SignerRole::Vardnadshavare,
        SignerRole::GodMan,
        SignerRole::Forvaltare,
    ];

    /// The stable token used in the database and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            SignerRole::SelfSigner => "self",
            SignerRole::Vardnadshavare => "vardnadshavare",
            SignerRole::GodMan => "god_man",
            SignerRole::Forvaltare => "forvaltare",
        }
    }

    pub fn parse(token: &str) -> Option<SignerRole> {
        SignerRole::ALL.into_iter().find(|r| r.as_str() == token)
    }

    /// Whether someone other than the person signs (a separate signer is required).
    pub fn needs_signer(self) -> bool {
        self != SignerRole::SelfSigner
    }
}

/// Whether the person employs their assistants or buys assistance from an anordnare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Employment {
    /// Egen arbetsgivare (scenarios D–F).
    #[serde(rename = "employer")]
    Employer,
    /// Köper assistans from an assistansanordnare (scenarios A–C).
    #[serde(rename = "buys")]
    Buys,
}

impl Employment {
    pub const ALL: [Employment; 2] = [Employment::Employer, Employment::Buys];

    /// The stable token used in the database and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Employment::Employer => "employer",
            Employment::Buys => "buys",
        }
    }

    pub fn parse(token: &str) -> Option<Employment> {
        Employment::ALL.into_iter().find(|e| e.as_str() == token)
    }
}

/// FK's invoice scenario (E-RÄK), derived from employment and signer role; see domain.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Scenario {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl Scenario {
    pub fn of(employment: Employment, signer_role: SignerRole) -> Scenario {
        use Employment::*;
        use SignerRole::*;
        match (employment, signer_role) {
            (Buys, SelfSigner) => Scenario::A,
            (Buys, Vardnadshavare) => Scenario::B,
            (Buys, GodMan | Forvaltare) => Scenario::C,
            (Employer, SelfSigner) => Scenario::D,
            (Employer, Vardnadshavare) => Scenario::E,
            (Employer, GodMan | Forvaltare) => Scenario::F,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scenario::A => "A",
            Scenario::B => "B",
            Scenario::C => "C",
            Scenario::D => "D",
            Scenario::E => "E",
            Scenario::F => "F",
        }
    }
}

/// A checked person: the one with assistance, or the one who signs for them.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub personnummer: PersonalId,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
}

impl fmt::Debug for Person {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Person")
            .field("personnummer", &self.personnummer)
            .field("first_name", &Redacted)
            .field("last_name", &Redacted)
            .field("phone", &self.phone.as_ref().map(|_| Redacted))
            .finish()
    }
}

/// The assistansanordnare the person buys assistance from.
///
/// `contact_person` and `phone` are the anordnare's own (FK's `kontaktperson`, the one FK's
/// case officer can call, and `telefonnummer`), not the household signer's; both optional.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Provider {
    pub name: String,
    pub organisationsnummer: Organisationsnummer,
    pub contact_person: Option<String>,
    pub phone: Option<String>,
}

impl fmt::Debug for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Provider")
            .field("name", &self.name)
            .field("organisationsnummer", &self.organisationsnummer)
            .field(
                "contact_person",
                &self.contact_person.as_ref().map(|_| Redacted),
            )
            .field("phone", &self.phone.as_ref().map(|_| Redacted))
            .finish()
    }
}

/// Who employs an assistant who is not employed by the person (FK's choice inside
/// `assistansanordnare`: `assistentAnstalldAvAnordnare`, `annanArbetsgivare`,
/// `assistentEgenForetagare`). Only read when the household buys assistance and the assistant
/// is not [`Assistant::employed_by_person`].
#[derive(Clone, PartialEq, Eq, Default)]
pub enum AssistantEmployer {
    /// The anordnare the household buys from (the default).
    #[default]
    Provider,
    /// Another employer than the anordnare.
    Other {
        name: Option<String>,
        organisationsnummer: Organisationsnummer,
    },
    /// Nobody: the assistant is self-employed (egen företagare).
    SelfEmployed,
}

impl AssistantEmployer {
    /// The stable token used in the database and on the wire.
    pub fn kind(&self) -> &'static str {
        match self {
            AssistantEmployer::Provider => "provider",
            AssistantEmployer::Other { .. } => "other",
            AssistantEmployer::SelfEmployed => "self_employed",
        }
    }
}

impl fmt::Debug for AssistantEmployer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssistantEmployer::Other {
                organisationsnummer,
                ..
            } => f
                .debug_struct("Other")
                .field("organisationsnummer", organisationsnummer)
                .finish_non_exhaustive(),
            other => f.write_str(other.kind()),
        }
    }
}

impl Serialize for AssistantEmployer {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        AssistantEmployerDraft::from(self).serialize(serializer)
    }
}

/// Longest calculation period under lag (1970:943) om arbetstid m.m. i husligt arbete, 3 §.
pub const LAW_MAX_PERIOD_WEEKS: u8 = 4;
/// Longest calculation period accepted with a collective agreement (the agreement decides; the
/// schema does not limit it).
pub const AGREEMENT_MAX_PERIOD_WEEKS: u8 = 26;

/// An assistant's calculation periods (beräkningsperioder, FK 3059 section 4): back-to-back
/// periods of `weeks` weeks, one of them starting on `start`, that limit the working time (at
/// most 40 hours a week on average over a period). The document lists every period a month
/// touches ([`CalculationPeriods::touching`]), and the working-time findings check the same
/// periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalculationPeriods {
    pub start: NaiveDate,
    pub weeks: u8,
}

impl Default for CalculationPeriods {
    /// Four weeks (the law's longest), from Monday 1 January 2024 (ISO week 1): periods of
    /// whole weeks, Monday to Sunday, as the law counts a week.
    fn default() -> Self {
        CalculationPeriods {
            start: NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date"),
            weeks: LAW_MAX_PERIOD_WEEKS,
        }
    }
}

/// One calculation period, first and last day inclusive (FK's `fromDag`, `tomDag`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalculationPeriod {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl CalculationPeriod {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.first <= day && day <= self.last
    }

    /// Length in days.
    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }
}

impl CalculationPeriods {
    fn length_days(&self) -> i64 {
        i64::from(self.weeks.max(1)) * 7
    }

    /// The period that holds `day` (periods run back-to-back both before and after `start`).
    pub fn containing(&self, day: NaiveDate) -> CalculationPeriod {
        let length = self.length_days();
        let offset = (day - self.start).num_days().div_euclid(length) * length;
        let first = self.start + chrono::Duration::days(offset);
        CalculationPeriod {
            first,
            last: first + chrono::Duration::days(length - 1),
        }
    }

    /// Every period with at least one day in the month, in order.
    pub fn touching(&self, month: crate::hours::YearMonth) -> Vec<CalculationPeriod> {
        let mut periods = vec![self.containing(month.first_day())];
        while let Some(last) = periods.last().map(|p| p.last) {
            if last >= month.last_day() {
                break;
            }
            periods.push(self.containing(last + chrono::Duration::days(1)));
        }
        periods
    }
}

/// The checked household. `signer` is `Some` exactly when `signer_role` needs one; `provider`
/// is `Some` exactly when `employment` is `Buys` (as [`HouseholdDraft::validate`] builds it).
///
/// Serializes as `docs/ipc.md`'s `Household`, including the derived `scenario`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Household {
    pub person: Person,
    pub signer_role: SignerRole,
    pub signer: Option<Person>,
    pub employment: Employment,
    pub provider: Option<Provider>,
    pub granted_hours_per_month: Option<u32>,
}

impl Household {
    pub fn scenario(&self) -> Scenario {
        Scenario::of(self.employment, self.signer_role)
    }
}

impl Serialize for Household {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire<'a> {
            person: &'a Person,
            signer_role: SignerRole,
            signer: Option<&'a Person>,
            employment: Employment,
            provider: Option<&'a Provider>,
            granted_hours_per_month: Option<u32>,
            scenario: Scenario,
        }
        Wire {
            person: &self.person,
            signer_role: self.signer_role,
            signer: self.signer.as_ref(),
            employment: self.employment,
            provider: self.provider.as_ref(),
            granted_hours_per_month: self.granted_hours_per_month,
            scenario: self.scenario(),
        }
        .serialize(serializer)
    }
}

/// A checked assistant as stored.
///
/// Serializes as `docs/ipc.md`'s `Assistant`, including the derived `idKind`.
#[derive(Clone, PartialEq, Eq)]
pub struct Assistant {
    pub id: AssistantId,
    /// Personnummer or samordningsnummer (an assistant with only a samordningsnummer signs on
    /// paper, FK's form 3059).
    pub personnummer: PersonalId,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    /// Employed by the person (egen arbetsgivare); the working-time law checks apply.
    pub employed_by_person: bool,
    pub collective_agreement: bool,
    /// Who employs the assistant when the person does not (read only when the household buys
    /// assistance).
    pub employer: AssistantEmployer,
    pub calculation_periods: CalculationPeriods,
}

impl Assistant {
    pub fn id_kind(&self) -> IdKind {
        self.personnummer.kind()
    }
}

impl fmt::Debug for Assistant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Assistant")
            .field("id", &self.id)
            .field("personnummer", &self.personnummer)
            .field("first_name", &Redacted)
            .field("last_name", &Redacted)
            .field("phone", &self.phone.as_ref().map(|_| Redacted))
            .field("employed_by_person", &self.employed_by_person)
            .field("collective_agreement", &self.collective_agreement)
            .field("employer", &self.employer)
            .field("calculation_periods", &self.calculation_periods)
            .finish()
    }
}

impl Serialize for Assistant {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire<'a> {
            id: i64,
            personnummer: &'a PersonalId,
            id_kind: IdKind,
            first_name: &'a str,
            last_name: &'a str,
            phone: Option<&'a str>,
            employed_by_person: bool,
            collective_agreement: bool,
            employer: &'a AssistantEmployer,
            calculation_periods: CalculationPeriods,
        }
        Wire {
            id: self.id.0,
            personnummer: &self.personnummer,
            id_kind: self.id_kind(),
            first_name: &self.first_name,
            last_name: &self.last_name,
            phone: self.phone.as_deref(),
            employed_by_person: self.employed_by_person,
            collective_agreement: self.collective_agreement,
            employer: &self.employer,
            calculation_periods: self.calculation_periods,
        }
        .serialize(serializer)
    }
}

/// A checked assistant that has no id yet.
#[derive(Clone, PartialEq, Eq)]
pub struct NewAssistant {
    pub personnummer: PersonalId,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub employed_by_person: bool,
    pub collective_agreement: bool,
    pub employer: AssistantEmployer,
    pub calculation_periods: CalculationPeriods,
}

impl NewAssistant {
    pub fn with_id(self, id: AssistantId) -> Assistant {
        Assistant {
            id,
            personnummer: self.personnummer,
            first_name: self.first_name,
            last_name: self.last_name,
            phone: self.phone,
            employed_by_person: self.employed_by_person,
            collective_agreement: self.collective_agreement,
            employer: self.employer,
            calculation_periods: self.calculation_periods,
        }
    }
}

impl fmt::Debug for NewAssistant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewAssistant")
            .field("personnummer", &self.personnummer)
            .field("first_name", &Redacted)
            .field("last_name", &Redacted)
            .field("phone", &self.phone.as_ref().map(|_| Redacted))
            .field("employed_by_person", &self.employed_by_person)
            .field("collective_agreement", &self.collective_agreement)
            .field("employer", &self.employer)
            .field("calculation_periods", &self.calculation_periods)
            .finish()
    }
}

// ---------------------------------------------------------------------------------------------
// Drafts: what the UI sends, unchecked.

/// `PersonInput` of `docs/ipc.md`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonDraft {
    pub personnummer: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
}

impl fmt::Debug for PersonDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PersonDraft { [redacted] }")
    }
}

/// The `provider` object of `HouseholdInput` (its `contactPerson` and `phone` travel in
/// [`ProviderContactDraft`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderDraft {
    pub name: String,
    pub organisationsnummer: String,
}

/// The anordnare's own contact person ("Förnamn Efternamn") and phone for FK: `contactPerson`
/// and `phone` of `HouseholdInput.provider`, both optional. Checked by
/// [`HouseholdDraft::validate_with_provider_contact`] and ignored when the household does not
/// buy assistance.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderContactDraft {
    #[serde(default)]
    pub contact_person: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

impl fmt::Debug for ProviderContactDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ProviderContactDraft { [redacted] }")
    }
}

/// The `employer` object of `AssistantInput`: `kind` is `provider`, `other` (with
/// `organisationsnummer` and optionally `name`) or `self_employed`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssistantEmployerDraft {
    pub kind: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub organisationsnummer: Option<String>,
}

impl fmt::Debug for AssistantEmployerDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssistantEmployerDraft")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl From<&AssistantEmployer> for AssistantEmployerDraft {
    fn from(e: &AssistantEmployer) -> Self {
        let (name, organisationsnummer) = match e {
            AssistantEmployer::Other {
                name,
                organisationsnummer,
            } => (name.clone(), Some(organisationsnummer.as_str().to_owned())),
            _ => (None, None),
        };
        AssistantEmployerDraft {
            kind: e.kind().to_owned(),
            name,
            organisationsnummer,
        }
    }
}

/// The `calculationPeriods` object of `AssistantInput`: `start` `YYYY-MM-DD`, `weeks`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalculationPeriodsDraft {
    pub start: String,
    /// Kept wide so an out-of-range number gets a Swedish message.
    pub weeks: i64,
}

/// `HouseholdInput` of `docs/ipc.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HouseholdDraft {
    pub person: PersonDraft,
    pub signer_role: SignerRole,
    pub signer: Option<PersonDraft>,
    pub employment: Employment,
    pub provider: Option<ProviderDraft>,
    /// Whole hours; kept wide so an out-of-range number gets a Swedish message, not a
    /// deserialization error.
    pub granted_hours_per_month: Option<i64>,
}

impl HouseholdDraft {
    /// Checks every rule and builds the [`Household`]; the first broken rule is the error,
    /// with `field` the dotted input path (`person.personnummer`, `signer.firstName`,
    /// `provider.organisationsnummer`, `grantedHoursPerMonth`, …).
    ///
    /// A signer sent with role `self`, or a provider sent with employment `employer`, is
    /// dropped: it does not belong to that scenario.
    pub fn validate(&self, today: NaiveDate) -> Result<Household> {
        self.validate_with_provider_contact(&ProviderContactDraft::default(), today)
    }

    /// [`HouseholdDraft::validate`] with the anordnare's contact person and phone (fields
    /// `provider.contactPerson`, `provider.phone`).
    pub fn validate_with_provider_contact(
        &self,
        contact: &ProviderContactDraft,
        today: NaiveDate,
    ) -> Result<Household> {
        let person = self.person.validate(Who::Person, today)?;
        let signer = if self.signer_role.needs_signer() {
            let who = Who::Signer(self.signer_role);
            let Some(draft) = &self.signer else {
                return Err(Error::invalid(
                    "signer",
                    Message::new(Key::SignerMissing).key("who", who.object()),
                ));
            };
            let signer = draft.validate(who, today)?;
            if signer.personnummer == person.personnummer {
                return Err(Error::invalid(
                    "signer.personnummer",
                    Message::new(Key::SignerIsPerson).key("who", who.subject()),
                ));
            }
            Some(signer)
        } else {
            None
        };
        let provider = match self.employment {
            Employment::Employer => None,
            Employment::Buys => {
                let Some(draft) = &self.provider else {
                    return Err(Error::invalid("provider", Key::ProviderMissing));
                };
                Some(draft.validate(contact)?)
            }
        };
        let granted_hours_per_month = match self.granted_hours_per_month {
            None => None,
            Some(hours) if GRANTED_HOURS_RANGE.contains(&hours) => Some(hours as u32),
            Some(_) => {
                return Err(Error::invalid(
                    "grantedHoursPerMonth",
                    Message::new(Key::GrantedHoursRange)
                        .number("min", *GRANTED_HOURS_RANGE.start())
                        .number("max", *GRANTED_HOURS_RANGE.end()),
                ))
            }
        };
        Ok(Household {
            person,
            signer_role: self.signer_role,
            signer,
            employment: self.employment,
            provider,
            granted_hours_per_month,
        })
    }
}

impl PersonDraft {
    /// The person and the signer both sign with BankID, so both need a personnummer proper.
    fn validate(&self, who: Who, today: NaiveDate) -> Result<Person> {
        let prefix = who.field_prefix();
        let personnummer = PersonalId::parse(&self.personnummer, today)
            .map_err(|e| Error::invalid_id(format!("{prefix}personnummer"), e))?;
        if personnummer.kind() == IdKind::Samordningsnummer {
            return Err(Error::invalid(
                format!("{prefix}personnummer"),
                Message::new(Key::SamordningsnummerCannotSign).key("who", who.subject()),
            ));
        }
        Ok(Person {
            personnummer,
            first_name: name(&self.first_name, who, NamePart::First)?,
            last_name: name(&self.last_name, who, NamePart::Last)?,
            phone: phone(self.phone.as_deref(), who)?,
        })
    }
}

impl ProviderDraft {
    fn validate(&self, contact: &ProviderContactDraft) -> Result<Provider> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(Error::invalid("provider.name", Key::ProviderNameMissing));
        }
        if name.chars().count() > MAX_PROVIDER_NAME_CHARS {
            return Err(Error::invalid(
                "provider.name",
                Message::new(Key::TextTooLong)
                    .key("label", Key::LabelProviderName)
                    .number("max", MAX_PROVIDER_NAME_CHARS as i64),
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(Error::invalid(
                "provider.name",
                Message::new(Key::TextControlChars).key("label", Key::LabelProviderName),
            ));
        }
        let organisationsnummer = Organisationsnummer::parse(&self.organisationsnummer)
            .map_err(|e| Error::invalid_id("provider.organisationsnummer", e))?;
        let contact_person = optional_text(
            contact.contact_person.as_deref(),
            "provider.contactPerson",
            Key::LabelContactPerson,
            MAX_PROVIDER_NAME_CHARS,
        )?;
        Ok(Provider {
            name: name.to_owned(),
            organisationsnummer,
            contact_person,
            phone: phone(contact.phone.as_deref(), Who::Provider)?,
        })
    }
}

/// `AssistantInput` of `docs/ipc.md`: `id` `None` creates, `Some` updates.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssistantDraft {
    pub id: Option<i64>,
    pub personnummer: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub employed_by_person: bool,
    pub collective_agreement: bool,
    /// Who employs the assistant when the person does not; missing: the anordnare.
    #[serde(default)]
    pub employer: Option<AssistantEmployerDraft>,
    /// Missing: [`CalculationPeriods::default`].
    #[serde(default)]
    pub calculation_periods: Option<CalculationPeriodsDraft>,
}

impl fmt::Debug for AssistantDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssistantDraft")
            .field("id", &self.id)
            .field("personnummer", &Redacted)
            .field("first_name", &Redacted)
            .field("last_name", &Redacted)
            .field("phone", &self.phone.as_ref().map(|_| Redacted))
            .field("employed_by_person", &self.employed_by_person)
            .field("collective_agreement", &self.collective_agreement)
            .field("employer", &self.employer)
            .field("calculation_periods", &self.calculation_periods)
            .finish()
    }
}

impl AssistantDraft {
    /// Checks the draft. An assistant may have a samordningsnummer (their report then goes on
    /// paper). Fields: `personnummer`, `firstName`, `lastName`, `phone`, `employer.kind`,
    /// `employer.name`, `employer.organisationsnummer`, `calculationPeriods.start`,
    /// `calculationPeriods.weeks`. Returns the id to
    /// update (`None`: create) and the checked values; uniqueness of the personnummer is the
    /// store's check.
    pub fn validate(&self, today: NaiveDate) -> Result<(Option<AssistantId>, NewAssistant)> {
        let who = Who::Assistant;
        let personnummer = PersonalId::parse(&self.personnummer, today)
            .map_err(|e| Error::invalid_id("personnummer", e))?;
        let assistant = NewAssistant {
            personnummer,
            first_name: name(&self.first_name, who, NamePart::First)?,
            last_name: name(&self.last_name, who, NamePart::Last)?,
            phone: phone(self.phone.as_deref(), who)?,
            employed_by_person: self.employed_by_person,
            collective_agreement: self.collective_agreement,
            employer: match &self.employer {
                None => AssistantEmployer::Provider,
                Some(draft) => draft.validate()?,
            },
            calculation_periods: match &self.calculation_periods {
                None => CalculationPeriods::default(),
                Some(draft) => draft.validate(self.collective_agreement)?,
            },
        };
        Ok((self.id.map(AssistantId), assistant))
    }
}

impl AssistantEmployerDraft {
    fn validate(&self) -> Result<AssistantEmployer> {
        match self.kind.as_str() {
            "provider" => Ok(AssistantEmployer::Provider),
            "self_employed" => Ok(AssistantEmployer::SelfEmployed),
            "other" => {
                let name = optional_text(
                    self.name.as_deref(),
                    "employer.name",
                    Key::LabelEmployerName,
                    MAX_PROVIDER_NAME_CHARS,
                )?;
                let organisationsnummer =
                    Organisationsnummer::parse(self.organisationsnummer.as_deref().unwrap_or(""))
                        .map_err(|e| Error::invalid_id("employer.organisationsnummer", e))?;
                Ok(AssistantEmployer::Other {
                    name,
                    organisationsnummer,
                })
            }
            _ => Err(Error::invalid("employer.kind", Key::EmployerKindMissing)),
        }
    }
}

impl CalculationPeriodsDraft {
    /// 1–4 weeks under the law, up to [`AGREEMENT_MAX_PERIOD_WEEKS`] with a collective agreement.
    fn validate(&self, collective_agreement: bool) -> Result<CalculationPeriods> {
        let start = crate::typed_time::parse_date(&self.start).map_err(|e| {
            Error::invalid(
                "calculationPeriods.start",
                e.key(Key::PeriodStartUnreadable),
            )
        })?;
        let max = if collective_agreement {
            AGREEMENT_MAX_PERIOD_WEEKS
        } else {
            LAW_MAX_PERIOD_WEEKS
        };
        if !(1..=i64::from(max)).contains(&self.weeks) {
            let key = if collective_agreement {
                Key::PeriodWeeksAgreement
            } else {
                Key::PeriodWeeksLaw
            };
            return Err(Error::invalid(
                "calculationPeriods.weeks",
                Message::new(key).number("max", max),
            ));
        }
        Ok(CalculationPeriods {
            start,
            weeks: self.weeks as u8,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Rules shared by the drafts.

/// Whose field a message is about: picks the field path prefix and the Swedish words.
#[derive(Debug, Clone, Copy)]
enum Who {
    Person,
    Signer(SignerRole),
    Assistant,
    Provider,
}

impl Who {
    fn field_prefix(self) -> &'static str {
        match self {
            Who::Person => "person.",
            Who::Signer(_) => "signer.",
            Who::Assistant => "",
            Who::Provider => "provider.",
        }
    }

    /// As the subject of a sentence: "Vårdnadshavaren behöver …".
    fn subject(self) -> Key {
        match self {
            Who::Person => Key::WhoPerson,
            Who::Signer(SignerRole::Vardnadshavare) => Key::WhoVardnadshavare,
            Who::Signer(SignerRole::GodMan) => Key::WhoGodMan,
            Who::Signer(SignerRole::Forvaltare) => Key::WhoForvaltare,
            Who::Signer(SignerRole::SelfSigner) => Key::WhoSigner,
            Who::Assistant => Key::WhoAssistant,
            Who::Provider => Key::WhoProvider,
        }
    }

    /// After "om": "uppgifterna om vårdnadshavaren".
    fn object(self) -> Key {
        self.subject()
    }

    /// Genitive: "vårdnadshavarens förnamn".
    fn owner(self) -> Key {
        match self {
            Who::Person => Key::WhoPersonOwner,
            Who::Signer(SignerRole::Vardnadshavare) => Key::WhoVardnadshavareOwner,
            Who::Signer(SignerRole::GodMan) => Key::WhoGodManOwner,
            Who::Signer(SignerRole::Forvaltare) => Key::WhoForvaltareOwner,
            Who::Signer(SignerRole::SelfSigner) => Key::WhoSignerOwner,
            Who::Assistant => Key::WhoAssistantOwner,
            Who::Provider => Key::WhoProviderOwner,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum NamePart {
    First,
    Last,
}

fn name(value: &str, who: Who, part: NamePart) -> Result<String> {
    let (key, noun) = match part {
        NamePart::First => ("firstName", Key::FirstName),
        NamePart::Last => ("lastName", Key::LastName),
    };
    let field = || format!("{}{key}", who.field_prefix());
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(
            field(),
            Message::new(Key::NameMissing)
                .key("who", who.owner())
                .key("part", noun),
        ));
    }
    if value.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            field(),
            Message::new(Key::NameTooLong)
                .key("who", who.owner())
                .key("part", noun)
                .number("max", MAX_NAME_CHARS as i64),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(
            field(),
            Message::new(Key::NameControlChars)
                .key("who", who.owner())
                .key("part", noun),
        ));
    }
    Ok(value.to_owned())
}

/// One field of the household or assistant form as typed, checked by the rules of the save
/// (`check_field`). `field` is the save's field path; `None` for a field this does not check.
/// Empty is no error (the form decides what is required). `Ok` holds the value as saved.
pub(crate) fn check_form_field(
    field: &str,
    text: &str,
    today: NaiveDate,
) -> Option<Result<Option<String>>> {
    let text = text.trim();
    let who = match field.split_once('.').map_or("", |(prefix, _)| prefix) {
        "person" => Who::Person,
        "signer" => Who::Signer(SignerRole::SelfSigner),
        "provider" | "employer" => Who::Provider,
        _ => Who::Assistant,
    };
    let leaf = field.rsplit('.').next().unwrap_or(field);
    if !matches!(
        leaf,
        "phone" | "personnummer" | "organisationsnummer" | "grantedHoursPerMonth"
    ) {
        return None;
    }
    if text.is_empty() {
        return Some(Ok(None));
    }
    let checked = match leaf {
        "phone" => phone(Some(text), who),
        "personnummer" => PersonalId::parse(text, today)
            .map_err(|e| Error::invalid_id(field, e))
            .and_then(|id| {
                if matches!(who, Who::Person | Who::Signer(_))
                    && id.kind() == IdKind::Samordningsnummer
                {
                    Err(Error::invalid(
                        field,
                        Message::new(Key::SamordningsnummerCannotSign).key("who", who.subject()),
                    ))
                } else {
                    Ok(Some(id.as_str().to_owned()))
                }
            }),
        "organisationsnummer" => Organisationsnummer::parse(text)
            .map(|n| Some(n.as_str().to_owned()))
            .map_err(|e| Error::invalid_id(field, e)),
        "grantedHoursPerMonth" => match text.parse::<i64>() {
            Ok(hours) if GRANTED_HOURS_RANGE.contains(&hours) => Ok(Some(hours.to_string())),
            _ => Err(Error::invalid(
                field,
                Message::new(Key::GrantedHoursRange)
                    .number("min", *GRANTED_HOURS_RANGE.start())
                    .number("max", *GRANTED_HOURS_RANGE.end()),
            )),
        },
        _ => return None,
    };
    Some(checked)
}

/// Optional; if given: digits, spaces, `+` and `-` only, 7–15 digits, at most
/// [`MAX_PHONE_CHARS`] characters. Kept as typed (trimmed).
fn phone(value: Option<&str>, who: Who) -> Result<Option<String>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let field = || format!("{}phone", who.field_prefix());
    if value.chars().count() > MAX_PHONE_CHARS {
        return Err(Error::invalid(
            field(),
            Message::new(Key::PhoneTooLong)
                .key("who", who.owner())
                .number("max", MAX_PHONE_CHARS as i64),
        ));
    }
    if !value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-'))
    {
        return Err(Error::invalid(
            field(),
            Message::new(Key::PhoneCharacters).key("who", who.owner()),
        ));
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if !(7..=15).contains(&digits) {
        return Err(Error::invalid(
            field(),
            Message::new(Key::PhoneDigits).key("who", who.owner()),
        ));
    }
    Ok(Some(value.to_owned()))
}

/// An optional free text (trimmed; empty is `None`): at most `max` characters, no control
/// characters. `label` names the field in the message.
fn optional_text(
    value: Option<&str>,
    field: &str,
    label: Key,
    max: usize,
) -> Result<Option<String>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value.chars().count() > max {
        return Err(Error::invalid(
            field,
            Message::new(Key::TextTooLong)
                .key("label", label)
                .number("max", max as i64),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            Message::new(Key::TextControlChars).key("label", label),
        ));
    }
    Ok(Some(value.to_owned()))
}

/// Prints `[redacted]` in `Debug` output in place of personal data.
struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

// ---------------------------------------------------------------------------------------------
// Swedish alphabetical order.

/// Sorts assistants by last name, then first name, in Swedish alphabetical order (case-blind,
/// å ä ö after z, é as e, ü as y), then by id so the order is total.
pub fn sort_by_name(assistants: &mut [Assistant]) {
    assistants.sort_by(|a, b| {
        swedish_order(&a.last_name, &b.last_name)
            .then_with(|| swedish_order(&a.first_name, &b.first_name))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// Compares two names in Swedish alphabetical order; exact text breaks ties.
pub fn swedish_order(a: &str, b: &str) -> Ordering {
    swedish_key(a).cmp(swedish_key(b)).then_with(|| a.cmp(b))
}

fn swedish_key(s: &str) -> impl Iterator<Item = u32> + '_ {
    const Z: u32 = 'z' as u32;
    s.chars().flat_map(char::to_lowercase).map(|c| match c {
        'å' => Z + 1,
        'ä' | 'æ' => Z + 2,
        'ö' | 'ø' => Z + 3,
        'á' | 'à' | 'â' | 'ã' => 'a' as u32,
        'é' | 'è' | 'ê' | 'ë' => 'e' as u32,
        'í' | 'ì' | 'î' | 'ï' => 'i' as u32,
        'ó' | 'ò' | 'ô' | 'õ' => 'o' as u32,
        'ú' | 'ù' | 'û' => 'u' as u32,
        'ü' | 'ý' | 'ÿ' => 'y' as u32,
        'ç' => 'c' as u32,
        'ñ' => 'n' as u32,
        c if c <= 'z' => c as u32,
        // Everything else after the Swedish letters, in code-point order.
        c => Z + 4 + c as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Only Skatteverket's test personnummer.
    const TOLVAN: &str = "19121212-1212";
    const PERSON_2: &str = "198112189876";
    const SAMORDNING: &str = "197010632391";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 15).unwrap()
    }

    fn person(pnr: &str) -> PersonDraft {
        PersonDraft {
            personnummer: pnr.into(),
            first_name: "  Tolvan ".into(),
            last_name: "Tolvansson".into(),
            phone: Some("070-123 45 67".into()),
        }
    }

    fn household() -> HouseholdDraft {
        HouseholdDraft {
            person: person(TOLVAN),
            signer_role: SignerRole::SelfSigner,
            signer: None,
            employment: Employment::Employer,
            provider: None,
            granted_hours_per_month: Some(120),
        }
    }

    fn provider() -> ProviderDraft {
        ProviderDraft {
            name: " Assistans AB ".into(),
            organisationsnummer: "556036-0793".into(),
        }
    }

    fn field_of(result: Result<Household>) -> Option<String> {
        result.unwrap_err().field().map(str::to_owned)
    }

    #[test]
    fn valid_household_is_trimmed_and_normalised() {
        let h = household().validate(today()).unwrap();
        assert_eq!(h.person.personnummer.as_str(), "191212121212");
        assert_eq!(h.person.first_name, "Tolvan");
        assert_eq!(h.person.phone.as_deref(), Some("070-123 45 67"));
        assert_eq!(h.granted_hours_per_month, Some(120));
        assert_eq!(h.scenario(), Scenario::D);
    }

    #[test]
    fn scenarios() {
        use Employment::*;
        use SignerRole::*;
        let cases = [
            (Buys, SelfSigner, Scenario::A),
            (Buys, Vardnadshavare, Scenario::B),
            (Buys, GodMan, Scenario::C),
            (Buys, Forvaltare, Scenario::C),
            (Employer, SelfSigner, Scenario::D),
            (Employer, Vardnadshavare, Scenario::E),
            (Employer, GodMan, Scenario::F),
            (Employer, Forvaltare, Scenario::F),
        ];
        for (employment, role, expected) in cases {
            let mut draft = household();
            draft.employment = employment;
            draft.signer_role = role;
            if role.needs_signer() {
                draft.signer = Some(person(PERSON_2));
            }
            if employment == Buys {
                draft.provider = Some(provider());
            }
            let h = draft.validate(today()).unwrap();
            assert_eq!(h.scenario(), expected, "{employment:?} {role:?}");
        }
    }

    #[test]
    fn person_rules() {
        let mut d = household();
        d.person.personnummer = "19121212-1213".into();
        let err = d.validate(today()).unwrap_err();
        assert_eq!(err.field(), Some("person.personnummer"));
        assert!(matches!(err, Error::InvalidId { .. }));

        let mut d = household();
        d.person.personnummer = SAMORDNING.into();
        assert_eq!(
            field_of(d.validate(today())).as_deref(),
            Some("person.personnummer")
        );

        let mut d = household();
        d.person.first_name = "   ".into();
        let err = d.validate(today()).unwrap_err();
        assert_eq!(err.field(), Some("person.firstName"));
        assert_eq!(err.to_string(), "Fyll i den assistansberättigades förnamn.");

        let mut d = household();
        d.person.last_name = String::new();
        assert_eq!(
            field_of(d.validate(today())).as_deref(),
            Some("person.lastName")
        );

        let mut d = household();
        d.person.last_name = "x".repeat(101);
        assert_eq!(
            field_of(d.validate(today())).as_deref(),
            Some("person.lastName")
        );
        d.person.last_name = "å".repeat(100);
        assert!(d.validate(today()).is_ok());

        let mut d = household();
        d.person.first_name = "Tol\u{7}van".into();
        assert_eq!(
            field_of(d.validate(today())).as_deref(),
            Some("person.firstName")
        );
    }

    #[test]
    fn phone_rules() {
        let ok = ["0701234567", "+46 70 123 45 67", "070-123 45 67", "1234567"];
        for phone in ok {
            let mut d = household();
            d.person.phone = Some(phone.into());
            assert!(d.validate(today()).is_ok(), "{phone}");
        }
        for phone in [None, Some(""), Some("   ")] {
            let mut d = household();
            d.person.phone = phone.map(Into::into);
            assert_eq!(d.validate(today()).unwrap().person.phone, None);
        }
        let bad = [
            "070 123 45 67 ext 2",
            "(070)1234567",
            "123456",
            "1234567890123456",
            "070 - 123 - 45 - 67 - 8",
        ];
        for phone in bad {
            let mut d = household();
            d.person.phone = Some(phone.into());
            let err = d.validate(today()).unwrap_err();
            assert_eq!(err.field(), Some("person.phone"), "{phone}");
            assert!(!err.to_string().contains(phone));
        }
    }

    #[test]
    fn signer_rules() {
        let mut d = household();
        d.signer_role = SignerRole::Vardnadshavare;
        let err = d.validate(today()).unwrap_err();
        assert_eq!(err.field(), Some("signer"));
        assert!(err.to_string().contains("vårdnadshavaren"), "{err}");

        d.signer = Some(person(PERSON_2));
        d.signer.as_mut().unwrap().first_name = String::new();
        let err = d.validate(today()).unwrap_err();
        assert_eq!(err.field(), Some("signer.firstName"));
        assert_eq!(err.to_string(), "Fyll i vårdnadshavarens förnamn.");

        d.signer = Some(person(SAMORDNING));
        assert_eq!(
            field_of(d.validate(today())).as_deref(),
            Some("signer.personnummer")
        );

        d.signer = Some(person("811218-9877"));
        assert_eq!(
            field_of(d.validate(today())).as_deref(),
            Some("signer.personnummer")
        );

        // The signer must be someone else than the person.
        d.signer = Some(person(TOLVAN));
        assert_eq!(
            field_of(d.validate(today())).as_deref(),
            Some("signer.personnummer")
        );

        d.signer_role = SignerRole::GodMan;
        d.signer = Some(person(PERSON_2));
        d.signer.as_mut().unwrap().phone = Some("abc".into());
        let err = d.validate(today()).unwrap_err();
        assert_eq!(err.field(), Some("signer.phone"));
        assert!(
            err.to_string().starts_with("Gode mannens telefonnummer"),
            "{err}"
        );

        // A signer sent with role self is dropped.
        let mut d = household();
        d.signer = Some(person(PERSON_2));
        assert_eq!(d.validate(today()).unwrap().signer, None);
    }

    #[test]
    fn provider_rules() {
        let mut d = household();
        d.employment = Employment::Buys;
        assert_eq!(field_of(d.validate(today())).as_deref(), Some("provider"));

        d.provider = Some(provider());
        let h = d.validate(today()).unwrap();
        let p = h.provider.unwrap();
        assert_eq!(p.name, "Assistans AB");
        assert_eq!(p.organisationsnummer.as_str(), "5560360793");

        d.provider = Some(ProviderDraft {
            name: "  ".into(),
            ..provider()
        });
        assert_eq!(
            field_of(d.validate(today())).as_deref(),
            Some("provider.name")
        );

        for orgnr in ["556036-0794", "5510360794", "55603607", ""] {
            d.provider = Some(ProviderDraft {
                organisationsnummer: orgnr.into(),
                ..provider()
            });
            assert_eq!(
                field_of(d.validate(today())).as_deref(),
                Some("provider.organisationsnummer"),
                "{orgnr}"
            );
        }

        // A provider sent by an employer is dropped.
        let mut d = household();
        d.provider = Some(provider());
        assert_eq!(d.validate(today()).unwrap().provider, None);
    }

    #[test]
    fn granted_hours_rules() {
        for hours in [1, 744] {
            let mut d = household();
            d.granted_hours_per_month = Some(hours);
            assert!(d.validate(today()).is_ok());
        }
        let mut d = household();
        d.granted_hours_per_month = None;
        assert_eq!(d.validate(today()).unwrap().granted_hours_per_month, None);
        for hours in [0, -5, 745, i64::MAX] {
            let mut d = household();
            d.granted_hours_per_month = Some(hours);
            assert_eq!(
                field_of(d.validate(today())).as_deref(),
                Some("grantedHoursPerMonth")
            );
        }
    }

    fn assistant() -> AssistantDraft {
        AssistantDraft {
            id: None,
            personnummer: SAMORDNING.into(),
            first_name: "Anna".into(),
            last_name: " Assistent ".into(),
            phone: None,
            employed_by_person: true,
            collective_agreement: false,
            employer: None,
            calculation_periods: None,
        }
    }

    #[test]
    fn assistant_rules() {
        let (id, a) = assistant().validate(today()).unwrap();
        assert_eq!(id, None);
        assert_eq!(a.personnummer.kind(), IdKind::Samordningsnummer);
        assert_eq!(a.last_name, "Assistent");

        let d = AssistantDraft {
            id: Some(7),
            ..assistant()
        };
        assert_eq!(d.validate(today()).unwrap().0, Some(AssistantId(7)));

        type Change = fn(&mut AssistantDraft);
        let cases: [(Change, &str); 5] = [
            (|d| d.personnummer = "197010632392".into(), "personnummer"),
            (|d| d.personnummer = "abc".into(), "personnummer"),
            (|d| d.first_name = " ".into(), "firstName"),
            (|d| d.last_name = "y".repeat(101), "lastName"),
            (|d| d.phone = Some("12".into()), "phone"),
        ];
        for (change, field) in cases {
            let mut d = assistant();
            change(&mut d);
            assert_eq!(d.validate(today()).unwrap_err().field(), Some(field));
        }
        let mut d = assistant();
        d.first_name = String::new();
        assert_eq!(
            d.validate(today()).unwrap_err().to_string(),
            "Fyll i assistentens förnamn."
        );
    }

    #[test]
    fn provider_contact_rules() {
        let mut d = household();
        d.employment = Employment::Buys;
        d.provider = Some(provider());
        let contact = ProviderContactDraft {
            contact_person: Some("  Kim Kontakt ".into()),
            phone: Some("031-123 45 67".into()),
        };
        let p = d
            .validate_with_provider_contact(&contact, today())
            .unwrap()
            .provider
            .unwrap();
        assert_eq!(p.contact_person.as_deref(), Some("Kim Kontakt"));
        assert_eq!(p.phone.as_deref(), Some("031-123 45 67"));
        // Both optional; validate() alone gives neither.
        let p = d.validate(today()).unwrap().provider.unwrap();
        assert_eq!((p.contact_person, p.phone), (None, None));
        let short = ProviderContactDraft {
            phone: Some("123456".into()),
            ..contact.clone()
        };
        let err = d
            .validate_with_provider_contact(&short, today())
            .unwrap_err();
        assert_eq!(err.field(), Some("provider.phone"));
        assert!(
            err.to_string()
                .starts_with("Assistansanordnarens telefonnummer"),
            "{err}"
        );
        let long = ProviderContactDraft {
            contact_person: Some("k".repeat(201)),
            ..contact
        };
        assert_eq!(
            d.validate_with_provider_contact(&long, today())
                .unwrap_err()
                .field(),
            Some("provider.contactPerson")
        );
    }

    #[test]
    fn assistant_employer_rules() {
        let mut d = assistant();
        d.employer = Some(AssistantEmployerDraft {
            kind: "other".into(),
            name: Some(" Annan AB ".into()),
            organisationsnummer: Some("556036-0793".into()),
        });
        let (_, a) = d.validate(today()).unwrap();
        assert_eq!(
            a.employer,
            AssistantEmployer::Other {
                name: Some("Annan AB".into()),
                organisationsnummer: Organisationsnummer::parse("5560360793").unwrap()
            }
        );
        // The organisationsnummer is checked as the provider's is.
        for orgnr in [Some("556036-0794"), Some(""), None] {
            d.employer.as_mut().unwrap().organisationsnummer = orgnr.map(Into::into);
            assert_eq!(
                d.validate(today()).unwrap_err().field(),
                Some("employer.organisationsnummer"),
                "{orgnr:?}"
            );
        }
        d.employer = Some(AssistantEmployerDraft {
            kind: "self_employed".into(),
            ..Default::default()
        });
        assert_eq!(
            d.validate(today()).unwrap().1.employer,
            AssistantEmployer::SelfEmployed
        );
        d.employer.as_mut().unwrap().kind = "nobody".into();
        assert_eq!(
            d.validate(today()).unwrap_err().field(),
            Some("employer.kind")
        );
        d.employer = None;
        assert_eq!(
            d.validate(today()).unwrap().1.employer,
            AssistantEmployer::Provider
        );
    }

    #[test]
    fn calculation_period_rules() {
        let mut d = assistant();
        assert_eq!(
            d.validate(today()).unwrap().1.calculation_periods,
            CalculationPeriods::default()
        );
        d.calculation_periods = Some(CalculationPeriodsDraft {
            start: "2025-03-05".into(),
            weeks: 4,
        });
        let periods = d.validate(today()).unwrap().1.calculation_periods;
        assert_eq!(periods.start, NaiveDate::from_ymd_opt(2025, 3, 5).unwrap());
        for weeks in [0, 5, -1] {
            d.calculation_periods.as_mut().unwrap().weeks = weeks;
            let err = d.validate(today()).unwrap_err();
            assert_eq!(err.field(), Some("calculationPeriods.weeks"));
            assert!(err.to_string().contains("mellan 1 och 4 veckor"), "{err}");
        }
        // A collective agreement may set longer periods.
        d.collective_agreement = true;
        d.calculation_periods.as_mut().unwrap().weeks = 26;
        assert_eq!(d.validate(today()).unwrap().1.calculation_periods.weeks, 26);
        d.calculation_periods.as_mut().unwrap().weeks = 27;
        assert!(d
            .validate(today())
            .unwrap_err()
            .to_string()
            .contains("kollektivavtalet"));
        d.calculation_periods = Some(CalculationPeriodsDraft {
            start: "5 mars".into(),
            weeks: 2,
        });
        assert_eq!(
            d.validate(today()).unwrap_err().field(),
            Some("calculationPeriods.start")
        );
    }

    #[test]
    fn the_periods_a_month_touches() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let month = |s| crate::hours::YearMonth::parse(s).unwrap();
        let p = CalculationPeriods::default();
        // 4 weeks from Monday 2024-01-01, back to back, before and after the start too.
        assert_eq!(
            p.touching(month("2024-01")),
            [
                CalculationPeriod {
                    first: day(2024, 1, 1),
                    last: day(2024, 1, 28)
                },
                CalculationPeriod {
                    first: day(2024, 1, 29),
                    last: day(2024, 2, 25)
                },
            ]
        );
        assert_eq!(
            p.containing(day(2023, 12, 31)),
            CalculationPeriod {
                first: day(2023, 12, 4),
                last: day(2023, 12, 31)
            }
        );
        // A 1-week period from a Wednesday: February 2026 touches five.
        let weekly = CalculationPeriods {
            start: day(2026, 1, 7),
            weeks: 1,
        };
        let feb = weekly.touching(month("2026-02"));
        assert_eq!(feb.len(), 5);
        assert_eq!(
            feb[0],
            CalculationPeriod {
                first: day(2026, 1, 28),
                last: day(2026, 2, 3)
            }
        );
        assert_eq!(feb[4].last, day(2026, 3, 3));
        // Every period is whole, the first holds the 1st and the last the month's last day.
        for weeks in 1..=26 {
            let p = CalculationPeriods {
                start: day(2025, 5, 17),
                weeks,
            };
            for m in ["2025-01", "2025-02", "2025-05", "2025-12", "2028-02"] {
                let list = p.touching(month(m));
                assert!(list[0].contains(month(m).first_day()));
                assert!(list.last().unwrap().contains(month(m).last_day()));
                for w in list.windows(2) {
                    assert_eq!(w[0].last + chrono::Duration::days(1), w[1].first);
                }
                assert!(list.iter().all(|x| x.days() == i64::from(weeks) * 7));
            }
        }
    }

    #[test]
    fn drafts_deserialize_from_ipc_json() {
        let json = r#"{
            "person": {"personnummer": "121212-1212", "firstName": "Tolvan", "lastName": "Tolvansson", "phone": null},
            "signerRole": "god_man",
            "signer": {"personnummer": "198112189876", "firstName": "Anna", "lastName": "Ställföreträdare", "phone": "0701234567"},
            "employment": "buys",
            "provider": {"name": "Assistans AB", "organisationsnummer": "5560360793"},
            "grantedHoursPerMonth": 200
        }"#;
        let draft: HouseholdDraft = serde_json::from_str(json).unwrap();
        let h = draft.validate(today()).unwrap();
        assert_eq!(h.scenario(), Scenario::C);
        let out = serde_json::to_value(&h).unwrap();
        assert_eq!(out["scenario"], "C");
        assert_eq!(out["signerRole"], "god_man");
        assert_eq!(out["employment"], "buys");
        assert_eq!(out["person"]["personnummer"], "201212121212");
        assert_eq!(out["person"]["firstName"], "Tolvan");
        assert_eq!(out["provider"]["organisationsnummer"], "5560360793");
        assert_eq!(out["grantedHoursPerMonth"], 200);

        let json = r#"{"id": null, "personnummer": "701063-2391", "firstName": "A", "lastName": "B",
            "phone": null, "employedByPerson": true, "collectiveAgreement": true}"#;
        let draft: AssistantDraft = serde_json::from_str(json).unwrap();
        let (_, new) = draft.validate(today()).unwrap();
        let out = serde_json::to_value(new.with_id(AssistantId(3))).unwrap();
        assert_eq!(out["id"], 3);
        assert_eq!(out["idKind"], "samordningsnummer");
        assert_eq!(out["personnummer"], "197010632391");
        assert_eq!(out["employedByPerson"], true);
    }

    #[test]
    fn debug_output_is_redacted() {
        let h = household().validate(today()).unwrap();
        let (_, a) = assistant().validate(today()).unwrap();
        let printed = format!("{h:?} {a:?} {:?} {:?}", household(), assistant());
        for secret in [
            "Tolvan",
            "1212",
            "0701",
            "070-",
            "Anna",
            "Assistent",
            "2391",
        ] {
            assert!(!printed.contains(secret), "{secret} in {printed}");
        }
    }

    #[test]
    fn tokens_round_trip() {
        for role in SignerRole::ALL {
            assert_eq!(SignerRole::parse(role.as_str()), Some(role));
            assert_eq!(
                serde_json::to_value(role).unwrap(),
                serde_json::Value::from(role.as_str())
            );
        }
        for e in Employment::ALL {
            assert_eq!(Employment::parse(e.as_str()), Some(e));
        }
        assert_eq!(SignerRole::parse("Self"), None);
    }

    #[test]
    fn swedish_alphabetical_order() {
        let mut names = [
            "Öberg",
            "Åberg",
            "Ahl",
            "Ängel",
            "zetterlund",
            "Eklund",
            "Édouard",
            "Berg",
        ];
        names.sort_by(|a, b| swedish_order(a, b));
        assert_eq!(
            names,
            [
                "Ahl",
                "Berg",
                "Édouard",
                "Eklund",
                "zetterlund",
                "Åberg",
                "Ängel",
                "Öberg"
            ]
        );
    }
}
