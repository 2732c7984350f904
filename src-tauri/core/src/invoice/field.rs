//! The stable field ids of the invoice wizard: what [`super::FieldProblem::field`] names and
//! what [`crate::erak::wire::field_for_wire_path`] maps E-RÄK's errors back to. The UI uses
//! them to put a message next to its field. Never renamed without changing the UI too.

pub const MONTH: &str = "month";
pub const PERSON: &str = "person";
pub const TOTALS: &str = "totals";
pub const LSS_ACTIVITY: &str = "lssActivity";
pub const LSS_KINDS: &str = "lssActivity.kinds";
pub const HOSPITAL_STAY: &str = "hospitalStay";
pub const HOSPITAL_STAYS: &str = "hospitalStay.stays";
pub const OUTSIDE_EEA: &str = "outsideEea";
pub const PREVIOUS_PAYMENT: &str = "previousPayment";
pub const PREVIOUS_PAYMENT_REMAINING: &str = "previousPayment.remaining";
pub const PHONE: &str = "phone";
pub const LAST_MONTH_OF_PERIOD: &str = "lastMonthOfPeriod";
pub const COSTS: &str = "costs";
pub const COSTS_WAGES: &str = "costs.wages";
pub const COSTS_OVERHEADS: &str = "costs.overheads";
pub const COSTS_TRAINING: &str = "costs.training";
pub const COSTS_WORK_ENVIRONMENT: &str = "costs.workEnvironment";
pub const PERIOD: &str = "period";
pub const PERIOD_FROM: &str = "period.from";
pub const PERIOD_TO: &str = "period.to";
pub const MONEY_LEFT: &str = "moneyLeft";
pub const MONEY_LEFT_AMOUNT: &str = "moneyLeft.amount";
pub const REPAYMENT: &str = "repayment";
pub const SIGNER: &str = "signer";
pub const SIGNER_ROLE: &str = "signer.role";
pub const SIGNER_PERSONNUMMER: &str = "signer.personnummer";
pub const SIGNER_NAME_IN_PRINT: &str = "signer.nameInPrint";

/// One hospital stay as a whole: `hospitalStay.stays[i]`.
pub fn hospital_stay(index: usize) -> String {
    format!("{HOSPITAL_STAYS}[{index}]")
}

/// When a hospital stay began: `hospitalStay.stays[i].from`.
pub fn hospital_stay_from(index: usize) -> String {
    format!("{HOSPITAL_STAYS}[{index}].from")
}

/// When a hospital stay ended: `hospitalStay.stays[i].to`.
pub fn hospital_stay_to(index: usize) -> String {
    format!("{HOSPITAL_STAYS}[{index}].to")
}
