//! The month screen's drafts on the wire (docs/ipc.md, "Drafts").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use timbok_core::drafts::DayDraft;
use timbok_core::hours::AssistantId;
use ts_rs::TS;

use super::{month, IpcError};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(rename = "Draft")]
#[serde(rename_all = "camelCase")]
pub struct DraftWire {
    /// `YYYY-MM`.
    pub month: String,
    pub assistant_id: i64,
    /// `YYYY-MM-DD`, a day of `month`.
    pub date: String,
    pub text: String,
}

impl From<&DayDraft> for DraftWire {
    fn from(d: &DayDraft) -> DraftWire {
        DraftWire {
            month: d.month.to_string(),
            assistant_id: d.assistant.0,
            date: d.date.format("%Y-%m-%d").to_string(),
            text: d.text.clone(),
        }
    }
}

impl TryFrom<DraftWire> for DayDraft {
    type Error = IpcError;

    fn try_from(d: DraftWire) -> Result<DayDraft, IpcError> {
        Ok(DayDraft {
            month: month(&d.month)?,
            assistant: AssistantId(d.assistant_id),
            date: day(&d.date)?,
            text: d.text,
        })
    }
}

/// A draft's day, `YYYY-MM-DD`.
pub fn day(text: &str) -> Result<NaiveDate, IpcError> {
    timbok_core::typed_time::parse_date(text)
        .map_err(|e| IpcError::invalid("date", e.key(timbok_core::message::Key::IpcDateFormat)))
}
