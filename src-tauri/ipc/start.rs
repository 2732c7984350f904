//! The start's wire types (docs/ipc.md `get_start`).

use serde::Serialize;
use timbok_core::start;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueMonth {
    pub month: String,
    pub due: String,
    pub overdue: bool,
    #[ts(
        type = "\"lock\" | \"sign\" | \"send\" | \"wait_for_sending\" | \"print_paper\" | \"check_report\" | \"send_invoice\" | \"sign_invoice\""
    )]
    pub action: &'static str,
    /// The screen where the action is done.
    #[ts(type = "StartScreen")]
    pub screen: &'static str,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct GuideStep {
    #[ts(type = "StartScreen")]
    pub screen: &'static str,
    pub done: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Start {
    #[ts(type = "Environment")]
    pub environment: &'static str,
    pub has_household: bool,
    /// The month the month, time-report and invoice screens open on (`YYYY-MM`).
    pub work_month: String,
    /// The months that need work, oldest first.
    pub due: Vec<DueMonth>,
    /// Demo mode's guide (Månad, Tidsredovisningar, Räkning), empty outside demo or dismissed.
    pub guide: Vec<GuideStep>,
}

impl From<&start::Start> for Start {
    fn from(s: &start::Start) -> Self {
        Start {
            environment: s.environment.as_str(),
            has_household: s.has_household,
            work_month: s.work_month.to_string(),
            due: s
                .due
                .iter()
                .map(|d| DueMonth {
                    month: d.month.to_string(),
                    due: d.due.to_string(),
                    overdue: d.overdue,
                    action: d.action.as_str(),
                    screen: d.action.screen().as_str(),
                })
                .collect(),
            guide: s
                .guide
                .iter()
                .map(|g| GuideStep {
                    screen: g.screen.as_str(),
                    done: g.done,
                })
                .collect(),
        }
    }
}
