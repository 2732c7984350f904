//! The status of one assistant's time report, as the screens show it. A leaf: the month sheet
//! ([`crate::sheet`]) reads it too, so it depends on nothing of the time-report use cases.

use crate::store::{OutboxState, StoredReport};

/// The status the time-report screen shows (docs/ipc.md, `ReportStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportStatus {
    Open,
    Locked,
    SignedByAssistant,
    SignedByEmployer,
    Signed,
    Queued,
    Sending,
    Sent,
    Rejected,
    Uncertain,
    /// Handed in on paper: the user confirmed printing, signing and sending blankett 3059.
    Paper,
    /// Blankett 3059 filled in and opened; not yet confirmed as sent. Not done.
    PaperOpened,
}

impl ReportStatus {
    /// The wire token (snake_case).
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Open => "open",
            ReportStatus::Locked => "locked",
            ReportStatus::SignedByAssistant => "signed_by_assistant",
            ReportStatus::SignedByEmployer => "signed_by_employer",
            ReportStatus::Signed => "signed",
            ReportStatus::Queued => "queued",
            ReportStatus::Sending => "sending",
            ReportStatus::Sent => "sent",
            ReportStatus::Rejected => "rejected",
            ReportStatus::Uncertain => "uncertain",
            ReportStatus::Paper => "paper",
            ReportStatus::PaperOpened => "paper_opened",
        }
    }

    /// The status from the outbox state and which signatures are present.
    pub fn from_parts(
        state: OutboxState,
        assistant_signed: bool,
        employer_signed: bool,
    ) -> ReportStatus {
        match state {
            OutboxState::Locked => match (assistant_signed, employer_signed) {
                (false, false) => ReportStatus::Locked,
                (true, false) => ReportStatus::SignedByAssistant,
                (false, true) => ReportStatus::SignedByEmployer,
                (true, true) => ReportStatus::Signed,
            },
            OutboxState::Queued => ReportStatus::Queued,
            OutboxState::Sending => ReportStatus::Sending,
            OutboxState::Sent => ReportStatus::Sent,
            OutboxState::Rejected => ReportStatus::Rejected,
            OutboxState::Uncertain => ReportStatus::Uncertain,
            OutboxState::Paper => ReportStatus::Paper,
            OutboxState::PaperOpened => ReportStatus::PaperOpened,
        }
    }

    /// The status of a stored report (`None`: not locked).
    pub fn of(report: Option<&StoredReport>) -> ReportStatus {
        match report {
            None => ReportStatus::Open,
            Some(r) => ReportStatus::from_parts(
                r.state,
                r.assistant_signature.is_some(),
                r.employer_signature.is_some(),
            ),
        }
    }
}
