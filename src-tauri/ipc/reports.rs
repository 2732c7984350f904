//! Time reports on the wire (docs/ipc.md, "Time reports (ELT)").

use serde::Serialize;
use timbok_core::message::Message;
use timbok_core::reports::signing::{SigningProgress, SigningState};
use timbok_core::reports::{self, SentReport as CoreSent};
use ts_rs::TS;

use super::month::Totals;

/// "YYYY-MM-DDTHH:MM" from a stored "YYYY-MM-DDTHH:MM:SS".
fn minutes(stamp: &str) -> String {
    stamp.get(..16).unwrap_or(stamp).to_string()
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimeReport {
    pub assistant_id: i64,
    pub assistant_name: String,
    #[ts(type = "IdKind")]
    pub id_kind: &'static str,
    #[ts(type = "ReportStatus")]
    pub status: &'static str,
    pub report_id: Option<String>,
    pub sha256: Option<String>,
    pub totals: Totals,
    pub row_count: usize,
    pub blocking_errors: usize,
    pub locked_at: Option<String>,
    pub assistant_signed_at: Option<String>,
    pub employer_signed_at: Option<String>,
    pub tx_id: Option<String>,
    pub sent_at: Option<String>,
    pub attempts: u32,
    /// FK's refusal or the outbox's problem, as `{key, params}`; the UI words it.
    #[ts(type = "BackendMessage | null")]
    pub problem: Option<timbok_core::message::Message>,
}

impl From<&reports::TimeReport> for TimeReport {
    fn from(r: &reports::TimeReport) -> Self {
        let stored = r.stored.as_ref();
        TimeReport {
            assistant_id: r.assistant.id.0,
            assistant_name: format!("{} {}", r.assistant.first_name, r.assistant.last_name),
            id_kind: r.assistant.id_kind().as_str(),
            status: r.status.as_str(),
            report_id: stored.map(|s| s.report_id.hyphenated().to_string()),
            sha256: stored.map(|s| s.sha256.clone()),
            totals: r.totals.into(),
            row_count: r.row_count,
            blocking_errors: r.blocking_errors,
            locked_at: stored.map(|s| minutes(&s.locked_at)),
            assistant_signed_at: stored
                .and_then(|s| s.assistant_signature.as_ref())
                .map(|s| minutes(&s.signed_at)),
            employer_signed_at: stored
                .and_then(|s| s.employer_signature.as_ref())
                .map(|s| minutes(&s.signed_at)),
            tx_id: stored.and_then(|s| s.tx_id.clone()),
            sent_at: stored.and_then(|s| s.sent_at.as_deref().map(minutes)),
            attempts: stored.map(|s| s.attempts).unwrap_or(0),
            problem: stored.and_then(|s| s.problem.clone()),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimeReportsMonth {
    pub month: String,
    /// The day the month's reports must reach FK (the core's `YearMonth::due_date`).
    pub due_date: String,
    pub month_ended: bool,
    pub employer_name: String,
    #[ts(type = "SignerRole")]
    pub employer_role: &'static str,
    pub reports: Vec<TimeReport>,
    pub sending: bool,
    /// Where the month's sending stands (`nothing_to_send`, `sending`, `ready`, `all_sent`,
    /// `paper_to_send`, `waiting_for_signatures`).
    #[ts(type = "SendState")]
    pub send_state: &'static str,
    /// The month is above its granted hours: the warning to show before signing.
    #[ts(type = "BackendMessage | null")]
    pub granted_hours_warning: Option<Message>,
}

impl From<&reports::TimeReportsMonth> for TimeReportsMonth {
    fn from(m: &reports::TimeReportsMonth) -> Self {
        TimeReportsMonth {
            month: m.month.to_string(),
            due_date: m.month.due_date().to_string(),
            month_ended: m.month_ended,
            employer_name: m.employer_name.clone(),
            employer_role: m.employer_role.as_str(),
            reports: m.reports.iter().map(TimeReport::from).collect(),
            sending: m.sending,
            send_state: m.send_state.as_str(),
            granted_hours_warning: m.granted_hours_warning.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct SigningStarted {
    pub session_id: String,
    pub report_ids: Vec<String>,
}

impl From<&timbok_core::session::SigningStarted> for SigningStarted {
    fn from(started: &timbok_core::session::SigningStarted) -> SigningStarted {
        SigningStarted {
            session_id: started.session.to_string(),
            report_ids: started
                .report_ids
                .iter()
                .map(|id| id.hyphenated().to_string())
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct SigningStatus {
    #[ts(type = "SigningState")]
    pub state: &'static str,
    /// The Swedish rendering of `text`.
    pub message: String,
    /// BankID's hint while pending, else the result: worded by the UI in its language.
    #[ts(type = "BackendMessage")]
    pub text: Message,
    pub qr_svg: Option<String>,
}

impl From<&SigningProgress> for SigningStatus {
    fn from(p: &SigningProgress) -> Self {
        SigningStatus {
            state: match p.state {
                SigningState::Pending => "pending",
                SigningState::Complete => "complete",
                SigningState::Failed => "failed",
                SigningState::Cancelled => "cancelled",
            },
            message: p.message.to_string(),
            text: p.message.clone(),
            qr_svg: p.qr_svg.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct SentReport {
    pub report_id: String,
    pub month: String,
    pub assistant_name: String,
    pub tx_id: Option<String>,
    pub sent_at: String,
    #[ts(type = "ReportStatus")]
    pub status: &'static str,
}

impl From<&CoreSent> for SentReport {
    fn from(s: &CoreSent) -> Self {
        SentReport {
            report_id: s.report.report_id.hyphenated().to_string(),
            month: s.report.month.to_string(),
            assistant_name: s.assistant_name.clone(),
            tx_id: s.report.tx_id.clone(),
            sent_at: minutes(s.report.sent_at.as_deref().unwrap_or(&s.report.locked_at)),
            status: reports::ReportStatus::of(Some(&s.report)).as_str(),
        }
    }
}

/// `device` of `start_signing`.
pub fn device(token: &str) -> Result<timbok_core::bankid::Device, super::IpcError> {
    match token {
        "other" => Ok(timbok_core::bankid::Device::OtherDevice),
        "this" => Ok(timbok_core::bankid::Device::ThisDevice),
        _ => Err(super::IpcError::invalid(
            "device",
            timbok_core::message::Key::IpcSigningDevice,
        )),
    }
}
