//! The invoice's answers as typed: stored as a JSON draft and sent by the UI over IPC.
//!
//! Every field is optional (`None`, an empty list or an empty text: not answered yet) and
//! unknown fields are ignored when a draft is read, so a draft saved by another version still
//! opens. Nothing here is checked; [`super::validate`] does that.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::household::{Household, SignerRole};

/// The kind of LSS activity the assistance was performed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LssKind {
    Barnomsorg,
    Skola,
    DagligVerksamhet,
}

impl LssKind {
    pub const ALL: [LssKind; 3] = [
        LssKind::Barnomsorg,
        LssKind::Skola,
        LssKind::DagligVerksamhet,
    ];

    pub fn label_sv(self) -> &'static str {
        match self {
            LssKind::Barnomsorg => "barnomsorg",
            LssKind::Skola => "skola",
            LssKind::DagligVerksamhet => "daglig verksamhet",
        }
    }
}

/// How an overpayment is paid back (D–F, last month of the period).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Repayment {
    /// Dras av från kommande utbetalning.
    DeductFromNextPayment,
    /// Betalas tillbaka till Försäkringskassan.
    PayBack,
}

impl Repayment {
    pub fn label_sv(self) -> &'static str {
        match self {
            Repayment::DeductFromNextPayment => "Dra av från kommande utbetalning",
            Repayment::PayBack => "Betala tillbaka till Försäkringskassan",
        }
    }
}

/// One hospital stay as typed: `YYYY-MM-DDTHH:MM` (local time) each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StayInput {
    pub from: String,
    pub to: String,
}

/// The four cost categories as typed, in kronor (D–F, last month of the period).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CostsInput {
    /// Lön och lönebikostnader.
    pub wages: String,
    /// Assistansomkostnader.
    pub overheads: String,
    /// Utbildning.
    pub training: String,
    /// Arbetsmiljö och personal.
    pub work_environment: String,
}

/// Everything the wizard asks, as typed. See the module doc.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Answers {
    /// Assistance in barnomsorg, skola or daglig verksamhet under LSS?
    pub lss_activity: Option<bool>,
    /// Which kinds, when `lss_activity` is Ja.
    pub lss_kinds: Vec<LssKind>,
    /// In hospital this month?
    pub hospital_stay: Option<bool>,
    /// When, if Ja.
    pub hospital_stays: Vec<StayInput>,
    /// Stayed outside the EEA and hired an assistant there?
    pub outside_eea: Option<bool>,
    /// A–C: used last month's payment to buy assistance?
    pub previous_payment_used: Option<bool>,
    /// A–C, when not used: the amount left, in kronor as typed.
    pub previous_payment_remaining: String,
    /// D–F: is this the last month of the granted period?
    pub last_month_of_period: Option<bool>,
    /// D–F, last month: the costs of the period.
    pub costs: CostsInput,
    /// D–F, last month: the period reported, `YYYY-MM-DD`.
    pub period_from: String,
    pub period_to: String,
    /// D–F, last month: money left that was not used to buy assistance?
    pub money_left: Option<bool>,
    /// The amount left, in kronor as typed, when `money_left` is Ja.
    pub money_left_amount: String,
    /// D–F, last month: how to pay back an overpayment.
    pub repayment: Option<Repayment>,
    /// C, F: god man or förvaltare (other scenarios: not asked).
    pub signer_role: Option<SignerRole>,
    /// B, C, E, F: the signer's personnummer as typed.
    pub signer_personnummer: String,
    /// B, C, E, F: namnförtydligande.
    pub signer_name_in_print: String,
    pub phone: String,
}

impl fmt::Debug for Answers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |s: &str| if s.is_empty() { "" } else { "[redacted]" };
        f.debug_struct("Answers")
            .field("lss_activity", &self.lss_activity)
            .field("lss_kinds", &self.lss_kinds)
            .field("hospital_stay", &self.hospital_stay)
            .field("hospital_stays", &self.hospital_stays)
            .field("outside_eea", &self.outside_eea)
            .field("previous_payment_used", &self.previous_payment_used)
            .field(
                "previous_payment_remaining",
                &self.previous_payment_remaining,
            )
            .field("last_month_of_period", &self.last_month_of_period)
            .field("costs", &self.costs)
            .field("period_from", &self.period_from)
            .field("period_to", &self.period_to)
            .field("money_left", &self.money_left)
            .field("money_left_amount", &self.money_left_amount)
            .field("repayment", &self.repayment)
            .field("signer_role", &self.signer_role)
            .field("signer_personnummer", &redacted(&self.signer_personnummer))
            .field(
                "signer_name_in_print",
                &redacted(&self.signer_name_in_print),
            )
            .field("phone", &redacted(&self.phone))
            .finish()
    }
}

/// A new draft with what the household already says: who signs (role, personnummer as
/// `YYYYMMDD-NNNN`, name in print "First Last") and the phone number (the signer's, else the
/// person's). Every question is left unanswered.
pub fn prefill(household: &Household) -> Answers {
    let signer = household.signer.as_ref();
    Answers {
        signer_role: Some(household.signer_role),
        signer_personnummer: signer.map(|s| s.personnummer.display()).unwrap_or_default(),
        signer_name_in_print: signer
            .map(|s| format!("{} {}", s.first_name.trim(), s.last_name.trim()))
            .unwrap_or_default(),
        phone: signer
            .and_then(|s| s.phone.clone())
            .or_else(|| household.person.phone.clone())
            .unwrap_or_default(),
        ..Answers::default()
    }
}
