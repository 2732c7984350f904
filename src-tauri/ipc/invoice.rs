//! The invoice, the overview and the call journal on the wire (docs/ipc.md, "Invoice (E-RÄK)").

use serde::{Deserialize, Serialize};
use timbok_core::household::SignerRole;
use timbok_core::invoice::state::{InvoiceState as CoreState, InvoiceStatus};
use timbok_core::invoice::{
    Answers, CostsInput, FieldProblem as CoreProblem, LssKind, Repayment, StayInput,
};
use timbok_core::message::Message;
use timbok_core::overview;
use timbok_core::store::CallRecord;
use ts_rs::TS;

use super::month::Totals;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(rename = "HospitalStayInput")]
#[serde(rename_all = "camelCase", default)]
pub struct HospitalStayWire {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(rename = "CostsInput")]
#[serde(rename_all = "camelCase", default)]
pub struct CostsWire {
    pub wages: String,
    pub overheads: String,
    pub training: String,
    pub work_environment: String,
}

/// `InvoiceAnswers` of docs/ipc.md: the answers as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct InvoiceAnswers {
    pub lss_activity: Option<bool>,
    #[ts(type = "LssKind[]")]
    pub lss_kinds: Vec<LssKind>,
    pub hospital_stay: Option<bool>,
    pub hospital_stays: Vec<HospitalStayWire>,
    pub outside_eea: Option<bool>,
    pub previous_payment_used: Option<bool>,
    pub previous_payment_remaining: String,
    pub last_month_of_period: Option<bool>,
    pub costs: CostsWire,
    pub period_from: String,
    pub period_to: String,
    pub money_left: Option<bool>,
    pub money_left_amount: String,
    #[ts(type = "Repayment | null")]
    pub repayment: Option<Repayment>,
    #[ts(type = "SignerRole | null")]
    pub signer_role: Option<SignerRole>,
    pub signer_personnummer: String,
    pub signer_name_in_print: String,
    pub phone: String,
}

impl From<InvoiceAnswers> for Answers {
    fn from(w: InvoiceAnswers) -> Answers {
        Answers {
            lss_activity: w.lss_activity,
            lss_kinds: w.lss_kinds,
            hospital_stay: w.hospital_stay,
            hospital_stays: w
                .hospital_stays
                .into_iter()
                .map(|s| StayInput {
                    from: s.from,
                    to: s.to,
                })
                .collect(),
            outside_eea: w.outside_eea,
            previous_payment_used: w.previous_payment_used,
            previous_payment_remaining: w.previous_payment_remaining,
            last_month_of_period: w.last_month_of_period,
            costs: CostsInput {
                wages: w.costs.wages,
                overheads: w.costs.overheads,
                training: w.costs.training,
                work_environment: w.costs.work_environment,
            },
            period_from: w.period_from,
            period_to: w.period_to,
            money_left: w.money_left,
            money_left_amount: w.money_left_amount,
            repayment: w.repayment,
            signer_role: w.signer_role,
            signer_personnummer: w.signer_personnummer,
            signer_name_in_print: w.signer_name_in_print,
            phone: w.phone,
        }
    }
}

impl From<&Answers> for InvoiceAnswers {
    fn from(a: &Answers) -> InvoiceAnswers {
        InvoiceAnswers {
            lss_activity: a.lss_activity,
            lss_kinds: a.lss_kinds.clone(),
            hospital_stay: a.hospital_stay,
            hospital_stays: a
                .hospital_stays
                .iter()
                .map(|s| HospitalStayWire {
                    from: s.from.clone(),
                    to: s.to.clone(),
                })
                .collect(),
            outside_eea: a.outside_eea,
            previous_payment_used: a.previous_payment_used,
            previous_payment_remaining: a.previous_payment_remaining.clone(),
            last_month_of_period: a.last_month_of_period,
            costs: CostsWire {
                wages: a.costs.wages.clone(),
                overheads: a.costs.overheads.clone(),
                training: a.costs.training.clone(),
                work_environment: a.costs.work_environment.clone(),
            },
            period_from: a.period_from.clone(),
            period_to: a.period_to.clone(),
            money_left: a.money_left,
            money_left_amount: a.money_left_amount.clone(),
            repayment: a.repayment,
            signer_role: a.signer_role,
            signer_personnummer: a.signer_personnummer.clone(),
            signer_name_in_print: a.signer_name_in_print.clone(),
            phone: a.phone.clone(),
        }
    }
}

/// The core's field id (invoice/field.rs) as the wizard names the field: the path of the
/// property in `InvoiceAnswers`.
pub fn ui_field(core: &str) -> String {
    if let Some(rest) = core.strip_prefix("hospitalStay.stays") {
        return format!("hospitalStays{rest}");
    }
    match core {
        "lssActivity.kinds" => "lssKinds",
        "previousPayment" => "previousPaymentUsed",
        "previousPayment.remaining" => "previousPaymentRemaining",
        "period" | "period.from" => "periodFrom",
        "period.to" => "periodTo",
        "moneyLeft.amount" => "moneyLeftAmount",
        "signer" | "signer.role" => "signerRole",
        "signer.personnummer" => "signerPersonnummer",
        "signer.nameInPrint" => "signerNameInPrint",
        other => other,
    }
    .to_string()
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldProblem {
    pub field: String,
    /// The Swedish rendering of `key` + `params` (for logs); the UI words `key` + `params`.
    pub message: String,
    pub key: &'static str,
    #[ts(type = "BackendParams")]
    pub params: super::month::Params,
}

impl From<&CoreProblem> for FieldProblem {
    fn from(p: &CoreProblem) -> Self {
        FieldProblem {
            field: ui_field(&p.field),
            message: p.message.to_string(),
            key: p.message.key.as_str(),
            params: super::month::Params(p.message.params.clone()),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceState {
    pub month: String,
    #[ts(type = "Scenario")]
    pub scenario: &'static str,
    #[ts(type = "QuestionId[]")]
    pub questions: Vec<&'static str>,
    /// The Ja/Nej questions' texts as `{key, params}`, naming the person with assistance
    /// when someone else fills in; the UI words them.
    #[ts(type = "Partial<Record<QuestionId, BackendMessage>>")]
    pub question_texts: std::collections::BTreeMap<&'static str, Message>,
    pub answers: InvoiceAnswers,
    pub totals: Totals,
    #[ts(type = "InvoiceStatus")]
    pub status: &'static str,
    pub fingerprint: Option<String>,
    pub submitted_at: Option<String>,
    pub received_at: Option<String>,
    pub problems: Vec<FieldProblem>,
    /// What is happening or what went wrong, as `{key, params}`; the UI words it.
    #[ts(type = "BackendMessage | null")]
    pub message: Option<Message>,
    /// While `waiting`: `received`, `cancelled` or `expired` as FK's page reported it, not
    /// confirmed by E-RÄK's status API yet (Timbok keeps asking); otherwise `null`.
    #[ts(type = "ReportedOutcome | null")]
    pub reported: Option<&'static str>,
    pub reported_at: Option<String>,
    pub due: String,
    /// The month is above its granted hours (`{key, params}`), or `null`.
    #[ts(type = "BackendMessage | null")]
    pub granted_hours_warning: Option<Message>,
}

impl From<&CoreState> for InvoiceState {
    fn from(s: &CoreState) -> Self {
        InvoiceState {
            month: s.month.to_string(),
            scenario: s.scenario.as_str(),
            questions: s.questions.iter().map(|q| q.field()).collect(),
            question_texts: s
                .question_texts
                .iter()
                .map(|(q, text)| (q.field(), text.clone()))
                .collect(),
            answers: InvoiceAnswers::from(&s.answers),
            totals: s.totals.into(),
            status: s.status.as_str(),
            fingerprint: s.fingerprint.clone(),
            submitted_at: s.submitted_at.clone(),
            received_at: s.received_at.clone(),
            problems: s.problems.iter().map(FieldProblem::from).collect(),
            message: s.message.clone(),
            reported: s.reported.map(InvoiceStatus::as_str),
            reported_at: s.reported_at.clone(),
            due: s.due.to_string(),
            granted_hours_warning: s.granted_hours_warning.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct OverviewReport {
    pub assistant_name: String,
    #[ts(type = "ReportStatus")]
    pub status: &'static str,
    pub tx_id: Option<String>,
    /// FK's refusal or the outbox's problem, as `{key, params}`; the UI words it.
    #[ts(type = "BackendMessage | null")]
    pub problem: Option<Message>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct OverviewInvoice {
    #[ts(type = "InvoiceStatus")]
    pub status: &'static str,
    pub fingerprint: Option<String>,
    /// The first problem of the invoice's last submit, or its message; the UI words it.
    #[ts(type = "BackendMessage | null")]
    pub problem: Option<Message>,
    /// As in `InvoiceState`: an outcome reported by FK's page, not confirmed yet.
    #[ts(type = "ReportedOutcome | null")]
    pub reported: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct OverviewMonth {
    pub month: String,
    pub due: String,
    pub overdue: bool,
    pub reports: Vec<OverviewReport>,
    pub invoice: Option<OverviewInvoice>,
}

impl From<&overview::OverviewMonth> for OverviewMonth {
    fn from(m: &overview::OverviewMonth) -> Self {
        OverviewMonth {
            month: m.month.to_string(),
            due: m.due.to_string(),
            overdue: m.overdue,
            reports: m
                .reports
                .iter()
                .map(|r| OverviewReport {
                    assistant_name: r.assistant_name.clone(),
                    status: r.status.as_str(),
                    tx_id: r.tx_id.clone(),
                    problem: r.problem.clone(),
                })
                .collect(),
            invoice: m.invoice.as_ref().map(|i| OverviewInvoice {
                status: status(i.status),
                fingerprint: i.fingerprint.clone(),
                problem: i.problem.clone(),
                reported: i.reported.map(status),
            }),
        }
    }
}

fn status(s: InvoiceStatus) -> &'static str {
    s.as_str()
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallEntry {
    pub at: String,
    pub service: String,
    pub endpoint: String,
    pub status: Option<u16>,
    pub duration_ms: u64,
    pub body: String,
}

impl From<&CallRecord> for CallEntry {
    fn from(c: &CallRecord) -> Self {
        CallEntry {
            at: c.at.clone(),
            service: c.service.clone(),
            endpoint: c.endpoint.clone(),
            status: c.status,
            duration_ms: c.duration_ms,
            body: c.body.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_field_ids_become_the_wizards_paths() {
        for (core, ui) in [
            ("hospitalStay.stays[2].from", "hospitalStays[2].from"),
            ("lssActivity.kinds", "lssKinds"),
            ("previousPayment.remaining", "previousPaymentRemaining"),
            ("costs.wages", "costs.wages"),
            ("period.to", "periodTo"),
            ("moneyLeft.amount", "moneyLeftAmount"),
            ("signer.personnummer", "signerPersonnummer"),
            ("phone", "phone"),
        ] {
            assert_eq!(ui_field(core), ui);
        }
    }

    #[test]
    fn answers_round_trip_through_the_wire_shape() {
        let json = serde_json::json!({
            "lssActivity": true, "lssKinds": ["skola"], "hospitalStay": true,
            "hospitalStays": [{"from": "2025-10-01T08:00", "to": "2025-10-02T08:00"}],
            "costs": {"wages": "1 000", "overheads": "", "training": "", "workEnvironment": "5"},
            "signerRole": "god_man", "repayment": "payBack", "phone": "070-174 06 10"
        });
        let wire: InvoiceAnswers = serde_json::from_value(json.clone()).unwrap();
        let core = Answers::from(wire.clone());
        assert_eq!(core.hospital_stays[0].to, "2025-10-02T08:00");
        assert_eq!(core.costs.work_environment, "5");
        let back = serde_json::to_value(InvoiceAnswers::from(&core)).unwrap();
        for key in [
            "lssKinds",
            "hospitalStays",
            "costs",
            "signerRole",
            "repayment",
            "phone",
        ] {
            assert_eq!(back[key], json[key], "{key}");
        }
    }
}
