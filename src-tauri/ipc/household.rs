//! Household, person and assistant on the wire.

use std::path::Path;

use serde::{Deserialize, Serialize};
use timbok_core::household as core;
use timbok_core::identity::IdKind;
use timbok_core::settings::Environment;
use ts_rs::TS;

use super::IpcError;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: &'static str,
    #[ts(type = "Environment")]
    pub environment: &'static str,
    pub data_dir: String,
}

impl AppInfo {
    pub fn new(environment: Environment, data_dir: &Path) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION"),
            environment: environment.as_str(),
            data_dir: data_dir.display().to_string(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonInput {
    pub personnummer: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProviderInput {
    pub name: String,
    pub organisationsnummer: String,
    /// The anordnare's contact person for FK; optional.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub contact_person: Option<String>,
    /// The anordnare's phone; optional.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HouseholdInput {
    pub person: PersonInput,
    #[ts(type = "SignerRole")]
    pub signer_role: String,
    pub signer: Option<PersonInput>,
    #[ts(type = "Employment")]
    pub employment: String,
    pub provider: Option<ProviderInput>,
    pub granted_hours_per_month: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub personnummer: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Provider {
    pub name: String,
    pub organisationsnummer: String,
    pub contact_person: Option<String>,
    pub phone: Option<String>,
}

/// Who employs an assistant the person does not employ: `kind` `provider`, `other` (with
/// `organisationsnummer` and optionally `name`) or `self_employed`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AssistantEmployer {
    pub kind: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub organisationsnummer: Option<String>,
}

/// An assistant's calculation periods: back-to-back periods of `weeks` weeks, one starting on
/// `start` (`YYYY-MM-DD`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalculationPeriods {
    pub start: String,
    pub weeks: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Household {
    pub person: Person,
    #[ts(type = "SignerRole")]
    pub signer_role: &'static str,
    pub signer: Option<Person>,
    #[ts(type = "Employment")]
    pub employment: &'static str,
    pub provider: Option<Provider>,
    pub granted_hours_per_month: Option<u32>,
    #[ts(type = "Scenario")]
    pub scenario: &'static str,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssistantInput {
    pub id: Option<i64>,
    pub personnummer: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub employed_by_person: bool,
    pub collective_agreement: bool,
    /// Missing: the anordnare employs the assistant.
    #[serde(default)]
    #[ts(optional, type = "AssistantEmployer | null")]
    pub employer: Option<AssistantEmployer>,
    /// Missing: 4-week periods from Monday 2024-01-01.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub calculation_periods: Option<CalculationPeriods>,
}

#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Assistant {
    pub id: i64,
    pub personnummer: String,
    #[ts(type = "IdKind")]
    pub id_kind: &'static str,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub employed_by_person: bool,
    pub collective_agreement: bool,
    #[ts(type = "AssistantEmployer")]
    pub employer: AssistantEmployer,
    pub calculation_periods: CalculationPeriods,
}

impl HouseholdInput {
    /// The anordnare's contact person and phone, checked with the household.
    pub fn provider_contact(&self) -> core::ProviderContactDraft {
        self.provider
            .as_ref()
            .map(|p| core::ProviderContactDraft {
                contact_person: p.contact_person.clone(),
                phone: p.phone.clone(),
            })
            .unwrap_or_default()
    }
}

impl From<PersonInput> for core::PersonDraft {
    fn from(p: PersonInput) -> Self {
        core::PersonDraft {
            personnummer: p.personnummer,
            first_name: p.first_name,
            last_name: p.last_name,
            phone: p.phone,
        }
    }
}

impl TryFrom<HouseholdInput> for core::HouseholdDraft {
    type Error = IpcError;

    fn try_from(h: HouseholdInput) -> Result<Self, IpcError> {
        let signer_role = core::SignerRole::parse(&h.signer_role).ok_or_else(|| {
            IpcError::invalid(
                "signerRole",
                timbok_core::message::Key::IpcSignerRoleMissing,
            )
        })?;
        let employment = core::Employment::parse(&h.employment).ok_or_else(|| {
            IpcError::invalid(
                "employment",
                timbok_core::message::Key::IpcEmploymentMissing,
            )
        })?;
        Ok(core::HouseholdDraft {
            person: h.person.into(),
            signer_role,
            signer: h.signer.map(Into::into),
            employment,
            provider: h.provider.map(|p| core::ProviderDraft {
                name: p.name,
                organisationsnummer: p.organisationsnummer,
            }),
            granted_hours_per_month: h.granted_hours_per_month,
        })
    }
}

impl From<AssistantInput> for core::AssistantDraft {
    fn from(a: AssistantInput) -> Self {
        core::AssistantDraft {
            id: a.id,
            personnummer: a.personnummer,
            first_name: a.first_name,
            last_name: a.last_name,
            phone: a.phone,
            employed_by_person: a.employed_by_person,
            collective_agreement: a.collective_agreement,
            employer: a.employer.map(|e| core::AssistantEmployerDraft {
                kind: e.kind,
                name: e.name,
                organisationsnummer: e.organisationsnummer,
            }),
            calculation_periods: a
                .calculation_periods
                .map(|p| core::CalculationPeriodsDraft {
                    start: p.start,
                    weeks: p.weeks,
                }),
        }
    }
}

impl From<&core::Person> for Person {
    fn from(p: &core::Person) -> Self {
        Person {
            personnummer: p.personnummer.as_str().to_owned(),
            first_name: p.first_name.clone(),
            last_name: p.last_name.clone(),
            phone: p.phone.clone(),
        }
    }
}

impl From<&core::Household> for Household {
    fn from(h: &core::Household) -> Self {
        Household {
            person: Person::from(&h.person),
            signer_role: h.signer_role.as_str(),
            signer: h.signer.as_ref().map(Person::from),
            employment: h.employment.as_str(),
            provider: h.provider.as_ref().map(|p| Provider {
                name: p.name.clone(),
                organisationsnummer: p.organisationsnummer.as_str().to_owned(),
                contact_person: p.contact_person.clone(),
                phone: p.phone.clone(),
            }),
            granted_hours_per_month: h.granted_hours_per_month,
            scenario: h.scenario().as_str(),
        }
    }
}

impl From<&core::Assistant> for Assistant {
    fn from(a: &core::Assistant) -> Self {
        Assistant {
            id: a.id.0,
            personnummer: a.personnummer.as_str().to_owned(),
            id_kind: match a.personnummer.kind() {
                IdKind::Personnummer => "personnummer",
                IdKind::Samordningsnummer => "samordningsnummer",
            },
            first_name: a.first_name.clone(),
            last_name: a.last_name.clone(),
            phone: a.phone.clone(),
            employed_by_person: a.employed_by_person,
            collective_agreement: a.collective_agreement,
            employer: {
                let e = core::AssistantEmployerDraft::from(&a.employer);
                AssistantEmployer {
                    kind: e.kind,
                    name: e.name,
                    organisationsnummer: e.organisationsnummer,
                }
            },
            calculation_periods: CalculationPeriods {
                start: a.calculation_periods.start.format("%Y-%m-%d").to_string(),
                weeks: i64::from(a.calculation_periods.weeks),
            },
        }
    }
}
