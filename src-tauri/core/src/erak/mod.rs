//! E-RÄK: posting the checked monthly invoice to Försäkringskassan and asking for its status
//! (erak.md).
//!
//! * [`wire`]: the assumed wire contract, in one module: paths, the create body, the replies,
//!   and the map from E-RÄK's error paths back to the wizard's field ids.
//! * [`client`]: [`ErakClient`] builds each request (including the key header, carried as a
//!   secret) and hands it to an [`ErakTransport`]; [`HttpsTransport`] sends it with reqwest and
//!   rustls (https, or plain http to a loopback host only: the simulator serves E-RÄK over http).
//!   Tests put a fake transport in its place and assert the exact request.
//!
//! Errors: what the user can fix in the wizard comes back as [`CreateReply::Invalid`]; a
//! wrong key as `Unauthorized`; everything else (no network, a time-out, a 5xx, an answer that
//! cannot be read) leaves the invoice as it is, ready to send again, and says so in Swedish.
//! Raw bodies are kept for the support journal. Logs carry statuses, scenario and
//! fingerprint, never a personnummer, name, phone number or the key.

pub mod client;
pub mod wire;

#[cfg(test)]
mod client_tests;
#[cfg(test)]
mod sim_tests;
#[cfg(test)]
mod wire_tests;

use crate::message::{Key, Message};
pub use client::{
    ErakClient, ErakTransport, HeaderText, HttpRequest, HttpsTransport, Method, RawReply, Supplier,
    TransportError,
};

pub use wire::{
    create_body, field_for_wire_path, sign_page_url, CreateReply, ErakStatus, StatusReply,
    WireFieldError,
};

/// Why an E-RÄK call did not give an answer the app can act on. `Display` is Swedish, for the
/// user, and says what to do; it never holds the key or personal data. `raw` is E-RÄK's body
/// as received (for the support journal), not for display.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErakError {
    /// No answer in time. (The invoice may have reached E-RÄK; sending again creates a new
    /// one, and only a signed one counts.)
    #[error("{}", self.message())]
    Timeout,

    /// No connection, or it broke before an answer came (never a time-out: that is
    /// [`ErakError::Timeout`]).
    #[error("{}", self.message())]
    Network(TransportError),

    /// The supplier key is missing or wrong (status call; a create call answers
    /// [`CreateReply::Unauthorized`]).
    #[error("{}", self.message())]
    Unauthorized { raw: String },

    /// E-RÄK does not know the fingerprint.
    #[error("{}", self.message())]
    UnknownFingerprint { raw: String },

    /// E-RÄK answered with an error status (status call).
    #[error("{}", self.message())]
    Unavailable { status: u16, raw: String },

    /// An answer without the expected shape.
    #[error("{}", self.message())]
    UnreadableReply { status: u16, raw: String },

    /// An answer larger than [`crate::remote::MAX_REPLY_BYTES`], not read; `raw` is its first
    /// part.
    #[error("{}", self.message())]
    ReplyTooLarge { status: u16, raw: String },

    /// The E-RÄK settings cannot be used (address, key, header name). The message says what
    /// to change.
    #[error("{0}")]
    Settings(Message),
}

impl ErakError {
    /// What to tell the user (`Display` is its Swedish rendering).
    pub fn message(&self) -> Message {
        match self {
            ErakError::Timeout => Key::ErakNoAnswer.into(),
            ErakError::Network(_) => Key::ErakUnreachable.into(),
            ErakError::Unauthorized { .. } => Key::ErakUnauthorized.into(),
            ErakError::UnknownFingerprint { .. } => Key::ErakUnknownFingerprint.into(),
            ErakError::Unavailable { status, .. } => {
                Message::new(Key::ErakNotAnswering).number("status", *status)
            }
            ErakError::UnreadableReply { status, .. } => {
                Message::new(Key::ErakUnreadableReply).number("status", *status)
            }
            ErakError::ReplyTooLarge { status, .. } => {
                Message::new(Key::ErakReplyTooLarge).number("status", *status)
            }
            ErakError::Settings(message) => message.clone(),
        }
    }

    /// E-RÄK's body as received, where there was one.
    pub fn raw(&self) -> Option<&str> {
        match self {
            ErakError::Unauthorized { raw }
            | ErakError::UnknownFingerprint { raw }
            | ErakError::Unavailable { raw, .. }
            | ErakError::UnreadableReply { raw, .. }
            | ErakError::ReplyTooLarge { raw, .. } => Some(raw),
            _ => None,
        }
    }

    /// A stable code for the kind of error (logs, support).
    pub fn code(&self) -> &'static str {
        match self {
            ErakError::Timeout => "erak_timeout",
            ErakError::Network(_) => "erak_network",
            ErakError::Unauthorized { .. } => "erak_unauthorized",
            ErakError::UnknownFingerprint { .. } => "erak_unknown_fingerprint",
            ErakError::Unavailable { .. } => "erak_unavailable",
            ErakError::UnreadableReply { .. } => "erak_unreadable_reply",
            ErakError::ReplyTooLarge { .. } => "erak_reply_too_large",
            ErakError::Settings(_) => "erak_settings",
        }
    }

    /// Whether sending the same request again later may succeed (nothing is wrong with it).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ErakError::Timeout
                | ErakError::Network(_)
                | ErakError::Unavailable { .. }
                | ErakError::UnreadableReply { .. }
                | ErakError::ReplyTooLarge { .. }
        )
    }
}
