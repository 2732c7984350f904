//! `check_field`'s reply: one form field checked by its save's rules (`Timbok::check_field`).

use serde::Serialize;
use timbok_core::message::Message;
use timbok_core::Error;
use ts_rs::TS;

use super::IpcError;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldCheck {
    /// The value as the save would store it; `null` when empty or refused.
    pub normalized: Option<String>,
    /// Why the save would refuse it, worded by the UI in its language; `null` when accepted.
    #[ts(type = "BackendMessage | null")]
    pub problem: Option<Message>,
}

impl FieldCheck {
    /// A refusal of the input becomes the `problem`; any other error stays an error.
    pub fn from_result(checked: Result<Option<String>, Error>) -> Result<FieldCheck, IpcError> {
        match checked {
            Ok(normalized) => Ok(FieldCheck {
                normalized,
                problem: None,
            }),
            Err(e @ (Error::Invalid { .. } | Error::InvalidId { .. })) => Ok(FieldCheck {
                normalized: None,
                problem: Some(e.message()),
            }),
            Err(other) => Err(other.into()),
        }
    }
}
