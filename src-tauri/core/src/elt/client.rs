//! Sending one SOAP envelope to ELT and telling the caller, and the user, what became of it.
//!
//! The transport is behind [`EltTransport`], so tests assert the exact outgoing bytes and feed
//! recorded replies. [`HttpsTransport`] is the real one: rustls with ring, the supplier's
//! client certificate (mutual TLS), the trust of [`crate::connection`], a 10 s time-out, no
//! redirects, no proxy for loopback.
//!
//! # Outcomes, and why
//!
//! What matters to the outbox is whether the report may have reached FK, because a report
//! must never be sent twice where the app can know it was received:
//!
//! - [`Outcome::Sent`]: FK answered with a tx-id.
//! - [`Outcome::Rejected`]: FK answered with a SOAP fault (XML or signature validation, or a
//!   kind Timbok does not know). Nothing was received; the user corrects and signs again.
//! - [`Outcome::RateLimited`]: FK's `RateLimitExceeded` fault, or HTTP 429. Nothing was
//!   received; send again later, paced.
//! - [`Outcome::NotSent`]: the request never reached FK: the TCP connection or the TLS
//!   handshake failed (reqwest's `is_connect`; with TLS 1.3 also a handshake alert from the
//!   server that arrives after sending, such as a refused client certificate: the server's
//!   TLS layer refused the session before the service saw anything), or the request could
//!   not be built; also an
//!   HTTP 503 that is not a SOAP fault (the server says it did not take the request). Safe
//!   to send again.
//! - [`Outcome::Uncertain`]: FK may have received it: a time-out or a connection that broke
//!   after the request was sent, a reply that cannot be read (also a 200 without a tx-id), and
//!   any other HTTP error status without a SOAP fault (500, 502, 504: a server may fail after
//!   storing). Never sent again automatically: the user checks with FK first.
//!
//! A reply over [`crate::remote::MAX_REPLY_BYTES`] is read only that far and never parsed:
//! `Uncertain` (429: `RateLimited`, 503: `NotSent`, as for an unreadable reply).
//!
//! Pacing (at most one request per second for the whole installation) is the outbox's job:
//! [`send`] sends exactly one request, at once.
//!
//! Logs carry the outcome's kind, the HTTP status and the tx-id; never a body (it names
//! people) or a signature.

use std::time::Duration;

use async_trait::async_trait;

use super::soap::{self, parse_reply, FaultKind, Reply};
use crate::connection::{self, Trust};
use crate::message::{Key, Message, Param};
use crate::pkcs12::ClientIdentity;

pub use crate::remote::{RawReply, TransportError};

/// Posts one SOAP envelope to ELT.
#[async_trait]
pub trait EltTransport: Send + Sync {
    async fn post(&self, envelope: Vec<u8>) -> Result<RawReply, TransportError>;
}

/// HTTPS with the supplier's client certificate.
pub struct HttpsTransport {
    client: reqwest::Client,
    url: String,
    timeout: Duration,
}

impl std::fmt::Debug for HttpsTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpsTransport")
            .field("url", &self.url)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl HttpsTransport {
    /// A transport to the ELT endpoint `url` (an `https` URL, a setting of the environment),
    /// trusting `trust`, presenting `identity`. The error says what to change.
    pub fn new(
        url: &str,
        trust: &Trust,
        identity: &ClientIdentity,
    ) -> Result<Self, crate::message::Message> {
        use crate::message::Key;
        let parsed = url::Url::parse(url).map_err(|_| Key::EltUrlUnreadable)?;
        if parsed.scheme() != "https" {
            return Err(Key::EltUrlNotHttps.into());
        }
        let roots = connection::root_store(trust)?;
        let client = connection::client(&roots, Some(identity), url)?;
        Ok(HttpsTransport {
            client,
            url: url.to_string(),
            timeout: connection::TIMEOUT,
        })
    }

    /// Replaces the time-out of the whole request (default 10 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

#[async_trait]
impl EltTransport for HttpsTransport {
    async fn post(&self, envelope: Vec<u8>) -> Result<RawReply, TransportError> {
        let response = self
            .client
            .post(&self.url)
            .timeout(self.timeout)
            .header(reqwest::header::CONTENT_TYPE, soap::CONTENT_TYPE)
            .header("SOAPAction", soap::SOAP_ACTION)
            .body(envelope)
            .send()
            .await
            .map_err(|e| crate::remote::classify(&e))?;
        let status = response.status().as_u16();
        let body = crate::remote::read_capped(response).await.map_err(|e| {
            tracing::warn!(status, "elt: the reply broke off");
            // Whatever broke: the request was sent and FK began to answer.
            match crate::remote::classify(&e) {
                TransportError::Timeout => TransportError::Timeout,
                _ => TransportError::Broken,
            }
        })?;
        Ok(RawReply { status, body })
    }
}

/// Why nothing, or nothing readable, came back: `NotSent` when the request cannot have reached
/// FK, `Uncertain` when it may have ([`TransportError::may_have_arrived`]).
fn failed(error: TransportError) -> Outcome {
    let reason = match error {
        TransportError::Unbuildable => Reason::Unbuildable,
        TransportError::ServerCertificate => Reason::ServerCertificate,
        TransportError::Refused => Reason::Refused,
        TransportError::Unreachable
        | TransportError::ConnectTimeout
        | TransportError::Handshake => Reason::Unreachable,
        TransportError::Timeout => Reason::Timeout,
        TransportError::Broken => Reason::Broken,
    };
    if error.may_have_arrived() {
        Outcome::Uncertain { reason }
    } else {
        Outcome::NotSent { reason }
    }
}

/// Why a send came to nothing, or nothing readable; worded by [`outcome_message`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The request could not be built (the ELT address).
    Unbuildable,
    /// FK's server showed a certificate that is not trusted.
    ServerCertificate,
    /// FK's server refused the connection (the client certificate).
    Refused,
    /// No connection to ELT.
    Unreachable,
    /// No answer in time after the report was sent.
    Timeout,
    /// The connection broke after the report was sent.
    Broken,
    /// HTTP 503: ELT is unavailable for now.
    Unavailable,
    /// A reply over the size cap, not read; its HTTP status.
    TooLarge(u16),
    /// HTTP 200 without a transaction id.
    NoTxId,
    /// A reply that could not be read; its HTTP status.
    Unreadable(u16),
}

/// What became of one send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// FK received the report.
    Sent { tx_id: String },
    /// FK refused the report; `message` is FK's explanation, `raw` the reply as received.
    Rejected {
        kind: FaultKind,
        message: String,
        raw: String,
    },
    /// Too many requests: FK did not look at the report. Send again later.
    RateLimited { raw: String },
    /// Nothing reached FK; safe to send again.
    NotSent { reason: Reason },
    /// FK may have received the report; check before sending again.
    Uncertain { reason: Reason },
}

impl Outcome {
    /// A short token for logs and the outbox: `sent`, `rejected`, `rate_limited`, `not_sent`,
    /// `uncertain`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Sent { .. } => "sent",
            Outcome::Rejected { .. } => "rejected",
            Outcome::RateLimited { .. } => "rate_limited",
            Outcome::NotSent { .. } => "not_sent",
            Outcome::Uncertain { .. } => "uncertain",
        }
    }
}

/// Sends `envelope` once and says what became of it.
pub async fn send(transport: &dyn EltTransport, envelope: Vec<u8>) -> Outcome {
    let outcome = match transport.post(envelope).await {
        Err(error) => failed(error),
        Ok(raw) => outcome_of(raw),
    };
    match &outcome {
        Outcome::Sent { tx_id } => tracing::info!(%tx_id, "elt: time report sent"),
        Outcome::Rejected { kind, .. } => {
            tracing::info!(kind = kind.as_str(), "elt: time report rejected")
        }
        other => tracing::warn!(outcome = other.as_str(), "elt: time report not sent"),
    }
    outcome
}

fn outcome_of(raw: RawReply) -> Outcome {
    let text = || String::from_utf8_lossy(&raw.body).into_owned();
    if crate::remote::is_over_cap(&raw.body) {
        // Never parsed: a reply this large is not FK's. Whether the report arrived is unknown.
        tracing::warn!(status = raw.status, "elt: reply over the size cap");
        return match raw.status {
            429 => Outcome::RateLimited {
                raw: String::from_utf8_lossy(&crate::remote::kept_part(&raw.body)).into_owned(),
            },
            503 => Outcome::NotSent {
                reason: Reason::Unavailable,
            },
            status => Outcome::Uncertain {
                reason: Reason::TooLarge(status),
            },
        };
    }
    match parse_reply(raw.status, &raw.body) {
        Ok(Reply::Accepted { tx_id }) => Outcome::Sent { tx_id },
        Ok(Reply::Fault {
            kind: FaultKind::RateLimitExceeded,
            ..
        }) => Outcome::RateLimited { raw: text() },
        Ok(Reply::Fault { kind, message }) => Outcome::Rejected {
            kind,
            message,
            raw: text(),
        },
        Err(unreadable) => {
            tracing::warn!(status = raw.status, problem = %unreadable.problem, "elt: unreadable reply");
            match raw.status {
                429 => Outcome::RateLimited { raw: text() },
                503 => Outcome::NotSent {
                    reason: Reason::Unavailable,
                },
                200 => Outcome::Uncertain {
                    reason: Reason::NoTxId,
                },
                status => Outcome::Uncertain {
                    reason: Reason::Unreadable(status),
                },
            }
        }
    }
}

/// For the user: what happened and what to do, as a catalogue message (keys `elt_outcome.*`).
/// FK's own explanation of a refusal stays FK's words.
pub fn outcome_message(outcome: &Outcome) -> Message {
    match outcome {
        Outcome::Sent { tx_id } => Message::new(Key::EltOutcomeSent).text("tx_id", tx_id.clone()),
        Outcome::Rejected { kind, message, .. } => {
            let what = match kind {
                FaultKind::XmlValidation => Key::EltRefusedData,
                FaultKind::SignatureValidation => Key::EltRefusedSignatures,
                FaultKind::RateLimitExceeded | FaultKind::Other(_) => Key::EltRefusedOther,
            };
            let message = message.trim();
            if message.is_empty() {
                Message::new(Key::EltOutcomeRejectedSilent).with("what", Param::Key(what))
            } else {
                Message::new(Key::EltOutcomeRejected)
                    .with("what", Param::Key(what))
                    .text("explanation", message)
            }
        }
        Outcome::RateLimited { .. } => Message::new(Key::EltOutcomeRateLimited),
        Outcome::NotSent { reason } | Outcome::Uncertain { reason } => {
            let outer = if matches!(outcome, Outcome::NotSent { .. }) {
                Key::EltOutcomeNotSent
            } else {
                Key::EltOutcomeUncertain
            };
            match *reason {
                Reason::TooLarge(status) => {
                    Message::new(Key::EltOutcomeTooLarge).number("status", status)
                }
                Reason::Unreadable(status) => {
                    Message::new(Key::EltOutcomeUnreadable).number("status", status)
                }
                other => Message::new(outer).with("reason", Param::Key(reason_key(other))),
            }
        }
    }
}

fn reason_key(reason: Reason) -> Key {
    match reason {
        Reason::Unbuildable => Key::EltReasonUnbuildable,
        Reason::ServerCertificate => Key::EltReasonServerCertificate,
        Reason::Refused => Key::EltReasonRefused,
        Reason::Unreachable => Key::EltReasonUnreachable,
        Reason::Timeout => Key::EltReasonTimeout,
        Reason::Broken => Key::EltReasonBroken,
        Reason::Unavailable => Key::EltReasonUnavailable,
        Reason::NoTxId => Key::EltReasonNoTxId,
        // Worded by their own keys, with the status.
        Reason::TooLarge(_) | Reason::Unreadable(_) => Key::EltReasonUnavailable,
    }
}

/// Plain Swedish for the user (the CLI, logs): [`outcome_message`] rendered.
pub fn outcome_text_sv(outcome: &Outcome) -> String {
    outcome_message(outcome).to_string()
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
