//! The BankID RP API v6.0 client: `sign`, `collect`, `cancel` (bankid.md), over a small
//! transport trait so tests assert the exact request bytes and feed recorded answers.
//!
//! - [`BankIdTransport`] posts a JSON body to `{base}/<path>` and hands back status and body,
//!   whatever the status. [`HttpsTransport`] is the real one: reqwest with rustls (ring) built
//!   by `connection::client` (10 s time-out, no redirects, no proxy for loopback), trusting
//!   what [`Trust`] says, with the RP certificate as client certificate when there is one
//!   (BankID requires it; a supplier relay or the simulator may not).
//! - [`BankIdClient`] converts the domain types to the wire structs of [`super::wire`] and
//!   back. Any status but 200 is an error; BankID's `{"errorCode","details"}` becomes
//!   [`BankIdError::Rp`], anything else [`BankIdError::UnexpectedAnswer`]; both keep the raw
//!   body (their `Debug` prints only its length: an answer may hold personal data).
//! - BankID's RP guidelines for error answers ([`retry_rule`]): `tooManyRequests` (429)
//!   waits and goes on, `internalError` and `requestTimeout` are sent again, `maintenance`
//!   again after a longer wait; only when the retries are used up does the call fail, with
//!   RFA5's text. The waits are `tokio::time`, so tests run them with paused time.
//! - `endUserIp` is the address of this device as BankID sees it: in a direct connection the
//!   local address of the connection to BankID ([`BankIdClient::end_user_ip`]; the HTTPS
//!   transport learns it from a UDP socket connected to BankID's host, which sends nothing).
//! - Logs carry the path, the status, the orderRef and error codes; never a body, a
//!   personnummer, a name, or a token.
//!
//! Decisions: `signature` and `ocspResponse` are kept exactly as received (they go to FK as
//! they are). A collect answer for another orderRef than asked, or `complete` without
//! `completionData`, is an unexpected answer. The visible text must not be empty and both
//! texts must fit BankID's limits; that is checked before anything is sent.
//!
//! Failures without an answer are `crate::remote`'s [`TransportError`], classified there for
//! every client.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use reqwest::header::{HeaderValue, ACCEPT, CONTENT_TYPE};

use super::qr::QrSecret;
use super::wire;
use crate::connection::{self, Trust};
use crate::identity::PersonalId;
use crate::message::{Key, Message};
use crate::pkcs12::ClientIdentity;

pub use crate::remote::{RawReply, TransportError};

/// Posts one JSON body to BankID. `path` is `"sign"`, `"collect"` or `"cancel"`.
#[async_trait]
pub trait BankIdTransport: Send + Sync {
    async fn post(&self, path: &str, body: Vec<u8>) -> Result<RawReply, TransportError>;

    /// The address of this device as BankID sees it (`endUserIp`), when the transport can
    /// tell: in a direct connection the local address of the connection to BankID. `None`:
    /// unknown (a recorded transport in tests).
    async fn local_address(&self) -> Option<IpAddr> {
        None
    }
}

/// The real transport: HTTPS to `{base_url}/<path>`.
pub struct HttpsTransport {
    base_url: String,
    client: reqwest::Client,
}

impl fmt::Debug for HttpsTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpsTransport")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl HttpsTransport {
    /// `base_url` ends with the version (`https://appapi2.test.bankid.com/rp/v6.0`); a
    /// trailing `/` is ignored. `identity` is the RP certificate.
    pub fn new(
        base_url: &str,
        trust: &Trust,
        identity: Option<&ClientIdentity>,
    ) -> Result<HttpsTransport, crate::message::Message> {
        let base_url = base_url.trim_end_matches('/').to_string();
        let roots = connection::root_store(trust)?;
        let client = connection::client(&roots, identity, &base_url)?;
        Ok(HttpsTransport { base_url, client })
    }
}

#[async_trait]
impl BankIdTransport for HttpsTransport {
    async fn post(&self, path: &str, body: Vec<u8>) -> Result<RawReply, TransportError> {
        let url = format!("{}/{path}", self.base_url);
        let response = self
            .client
            .post(&url)
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .body(body)
            .send()
            .await
            .map_err(|e| crate::remote::classify(&e))?;
        let status = response.status().as_u16();
        let body = crate::remote::read_capped(response)
            .await
            .map_err(|e| crate::remote::classify(&e))?;
        Ok(RawReply { status, body })
    }

    async fn local_address(&self) -> Option<IpAddr> {
        let url = url::Url::parse(&self.base_url).ok()?;
        let host = url
            .host_str()?
            .trim_start_matches('[')
            .trim_end_matches(']');
        let port = url.port_or_known_default()?;
        let mut addresses = tokio::net::lookup_host((host, port)).await.ok()?;
        let remote = addresses.next()?;
        match local_address_towards(remote) {
            Ok(ip) => Some(ip),
            Err(error) => {
                tracing::warn!(%error, "bankid: could not learn the local address towards BankID");
                None
            }
        }
    }
}

/// The local address the system would use for a connection to `remote`: a UDP socket
/// "connected" there (no packet is sent) tells which interface and address the route takes.
pub fn local_address_towards(remote: std::net::SocketAddr) -> std::io::Result<IpAddr> {
    let unspecified: std::net::SocketAddr = if remote.is_ipv4() {
        (std::net::Ipv4Addr::UNSPECIFIED, 0).into()
    } else {
        (std::net::Ipv6Addr::UNSPECIFIED, 0).into()
    };
    let socket = std::net::UdpSocket::bind(unspecified)?;
    socket.connect(remote)?;
    Ok(socket.local_addr()?.ip())
}

/// A failed BankID call. [`BankIdError::message`] says what to do (`Display`: in Swedish).
#[derive(thiserror::Error)]
pub enum BankIdError {
    /// The order could not be sent as it is (nothing was sent).
    #[error("{}", self.message())]
    Input(Key),
    /// No HTTP answer.
    #[error("{}", self.message())]
    Transport(#[from] TransportError),
    /// BankID's error answer `{"errorCode","details"}`.
    #[error("{}", self.message())]
    Rp {
        status: u16,
        code: String,
        details: String,
        raw: Vec<u8>,
    },
    /// An answer that is not what the RP API says.
    #[error("{}", self.message())]
    UnexpectedAnswer { status: u16, raw: Vec<u8> },
    /// An answer whose field `field` has the wrong length or shape (`wire`'s checks).
    #[error("{}", self.message())]
    MalformedAnswer {
        status: u16,
        field: wire::BadField,
        raw: Vec<u8>,
    },
    /// An answer larger than [`crate::remote::MAX_REPLY_BYTES`]; `raw` is its first part.
    #[error("{}", self.message())]
    TooLarge { status: u16, raw: Vec<u8> },
    /// No signing with that id (finished and removed, or never started).
    #[error("{}", self.message())]
    UnknownSession,
}

impl fmt::Debug for BankIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BankIdError::Input(text) => f.debug_tuple("Input").field(text).finish(),
            BankIdError::Transport(e) => f.debug_tuple("Transport").field(e).finish(),
            BankIdError::Rp {
                status,
                code,
                details,
                raw,
            } => f
                .debug_struct("Rp")
                .field("status", status)
                .field("code", code)
                .field("details", details)
                .field("raw", &format_args!("{} bytes", raw.len()))
                .finish(),
            BankIdError::UnexpectedAnswer { status, raw } => f
                .debug_struct("UnexpectedAnswer")
                .field("status", status)
                .field("raw", &format_args!("{} bytes", raw.len()))
                .finish(),
            BankIdError::MalformedAnswer { status, field, raw } => f
                .debug_struct("MalformedAnswer")
                .field("status", status)
                .field("field", field)
                .field("raw", &format_args!("{} bytes", raw.len()))
                .finish(),
            BankIdError::TooLarge { status, raw } => f
                .debug_struct("TooLarge")
                .field("status", status)
                .field("raw", &format_args!("{} bytes", raw.len()))
                .finish(),
            BankIdError::UnknownSession => f.write_str("UnknownSession"),
        }
    }
}

fn transport_message(error: TransportError) -> Message {
    match error {
        TransportError::Timeout | TransportError::ConnectTimeout => {
            Message::new(Key::BankidTimeout).number("seconds", connection::TIMEOUT.as_secs() as i64)
        }
        TransportError::Unreachable => Key::BankidUnreachable.into(),
        TransportError::ServerCertificate => Key::BankidServerCertificate.into(),
        TransportError::Refused => Key::ConnectionBankidRefused.into(),
        TransportError::Unbuildable | TransportError::Handshake | TransportError::Broken => {
            Key::BankidConnectionFailed.into()
        }
    }
}

fn rp_error_key(code: &str) -> Key {
    match code {
        "alreadyInProgress" => Key::BankidAlreadyInProgress,
        "invalidParameters" => Key::BankidInvalidParameters,
        "unauthorized" => Key::BankidUnauthorized,
        "notFound" => Key::BankidNotFound,
        // RFA5, after the retries the RP guidelines allow.
        "requestTimeout" | "internalError" | "tooManyRequests" => Key::BankidRetriesUsed,
        "maintenance" => Key::BankidMaintenance,
        "methodNotAllowed" | "unsupportedMediaType" => Key::BankidCallNotUnderstood,
        _ => Key::BankidRpError,
    }
}

impl BankIdError {
    /// What to tell the user.
    pub fn message(&self) -> Message {
        match self {
            BankIdError::Input(key) => (*key).into(),
            BankIdError::Transport(error) => transport_message(*error),
            BankIdError::Rp { code, .. } => rp_error_key(code).into(),
            BankIdError::UnexpectedAnswer { status, .. } => {
                Message::new(Key::BankidUnexpectedAnswer).number("status", *status)
            }
            BankIdError::MalformedAnswer { status, .. } => {
                Message::new(Key::BankidMalformedAnswer).number("status", *status)
            }
            BankIdError::TooLarge { status, .. } => {
                Message::new(Key::BankidTooLarge).number("status", *status)
            }
            BankIdError::UnknownSession => Key::BankidUnknownSession.into(),
        }
    }

    /// The raw answer body (of one over the cap: its first part), when there was an answer.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            BankIdError::Rp { raw, .. }
            | BankIdError::UnexpectedAnswer { raw, .. }
            | BankIdError::MalformedAnswer { raw, .. }
            | BankIdError::TooLarge { raw, .. } => Some(raw),
            _ => None,
        }
    }

    /// A stable code for the kind of error (logs, support): `bankid_input`,
    /// `bankid_transport`, `bankid_rp_error`, `bankid_unexpected_answer`,
    /// `bankid_malformed_answer`, `bankid_reply_too_large`, `bankid_unknown_session`.
    pub fn code(&self) -> &'static str {
        match self {
            BankIdError::Input(_) => "bankid_input",
            BankIdError::Transport(_) => "bankid_transport",
            BankIdError::Rp { .. } => "bankid_rp_error",
            BankIdError::UnexpectedAnswer { .. } => "bankid_unexpected_answer",
            BankIdError::MalformedAnswer { .. } => "bankid_malformed_answer",
            BankIdError::TooLarge { .. } => "bankid_reply_too_large",
            BankIdError::UnknownSession => "bankid_unknown_session",
        }
    }

    /// BankID's `errorCode`, for an error answer.
    pub fn error_code(&self) -> Option<&str> {
        match self {
            BankIdError::Rp { code, .. } => Some(code),
            _ => None,
        }
    }

    /// Whether asking again later may work (network trouble, BankID busy or in maintenance).
    pub fn is_transient(&self) -> bool {
        match self {
            BankIdError::Transport(e) => e.is_transient(),
            BankIdError::Rp { code, status, .. } => {
                matches!(
                    code.as_str(),
                    "requestTimeout" | "maintenance" | "internalError" | "tooManyRequests"
                ) || *status >= 500
                    || *status == 429
            }
            BankIdError::UnexpectedAnswer { status, .. }
            | BankIdError::MalformedAnswer { status, .. }
            | BankIdError::TooLarge { status, .. } => *status >= 500 || *status == 429,
            BankIdError::Input(_) | BankIdError::UnknownSession => false,
        }
    }
}

/// BankID's reference to one order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrderRef(String);

impl OrderRef {
    pub fn new(order_ref: impl Into<String>) -> OrderRef {
        OrderRef(order_ref.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrderRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What to have signed, and by whom.
#[derive(Clone)]
pub struct SignOrder {
    /// The user's IP address as BankID should see it.
    pub end_user_ip: IpAddr,
    /// What the signer reads in the app (simple markdown v1).
    pub visible_text: String,
    /// What is signed but not shown (the ELT hash list, elt.md); empty: none.
    pub non_visible_text: String,
    /// Only this person can sign.
    pub personal_number: PersonalId,
}

impl fmt::Debug for SignOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignOrder")
            .field(
                "visible_text",
                &format_args!("{} bytes", self.visible_text.len()),
            )
            .field(
                "non_visible_text",
                &format_args!("{} bytes", self.non_visible_text.len()),
            )
            .field("personal_number", &self.personal_number)
            .finish_non_exhaustive()
    }
}

/// BankID's answer to `sign`.
#[derive(Debug, Clone)]
pub struct OrderStarted {
    pub order_ref: OrderRef,
    pub auto_start_token: String,
    pub qr_start_token: String,
    pub qr_start_secret: QrSecret,
}

/// Where an order stands.
#[derive(Debug, Clone, PartialEq, Eq)]
// A handful of these exist at a time; boxing the completion would only make matching clumsy.
#[allow(clippy::large_enum_variant)]
pub enum Collected {
    Pending { hint: Option<String> },
    Failed { hint: String },
    Complete(Completion),
}

/// A finished signature, as BankID gave it.
#[derive(Clone, PartialEq, Eq)]
pub struct Completion {
    /// The signer's personnummer, 12 digits, as BankID says it.
    pub personal_number: String,
    pub name: String,
    pub given_name: String,
    pub surname: String,
    /// Base64 of the XML signature document, exactly as received.
    pub signature: String,
    /// Base64 of the OCSP response, exactly as received.
    pub ocsp_response: String,
    pub bank_id_issue_date: Option<String>,
    pub device_ip_address: Option<String>,
    pub device_uhi: Option<String>,
    pub step_up_mrtd: Option<bool>,
    pub risk: Option<String>,
}

impl fmt::Debug for Completion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Completion")
            .field("personal_number", &"[redacted]")
            .field("name", &"[redacted]")
            .field("signature", &format_args!("{} chars", self.signature.len()))
            .field(
                "ocsp_response",
                &format_args!("{} chars", self.ocsp_response.len()),
            )
            .field("bank_id_issue_date", &self.bank_id_issue_date)
            .finish_non_exhaustive()
    }
}

impl From<wire::CompletionData> for Completion {
    fn from(data: wire::CompletionData) -> Completion {
        let device = data.device.unwrap_or(wire::Device {
            ip_address: None,
            uhi: None,
        });
        Completion {
            personal_number: data.user.personal_number,
            name: data.user.name,
            given_name: data.user.given_name,
            surname: data.user.surname,
            signature: data.signature,
            ocsp_response: data.ocsp_response,
            bank_id_issue_date: data.bank_id_issue_date,
            device_ip_address: device.ip_address,
            device_uhi: device.uhi,
            step_up_mrtd: data.step_up.and_then(|s| s.mrtd),
            risk: data.risk,
        }
    }
}

/// The BankID RP API over a transport. Cheap to clone.
#[derive(Clone)]
pub struct BankIdClient {
    transport: Arc<dyn BankIdTransport>,
}

impl fmt::Debug for BankIdClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BankIdClient")
    }
}

impl BankIdClient {
    pub fn new(transport: Arc<dyn BankIdTransport>) -> BankIdClient {
        BankIdClient { transport }
    }

    /// `endUserIp` for an order: the local address of the connection to BankID, or
    /// 127.0.0.1 when the transport cannot tell.
    pub async fn end_user_ip(&self) -> IpAddr {
        self.transport
            .local_address()
            .await
            .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST))
    }

    /// Starts a signing order that only `order.personal_number` can sign.
    pub async fn sign(&self, order: &SignOrder) -> Result<OrderStarted, BankIdError> {
        if order.visible_text.trim().is_empty() {
            return Err(BankIdError::Input(Key::BankidTextEmpty));
        }
        let request = wire::SignRequest::new(
            order.end_user_ip.to_string(),
            &order.visible_text,
            &order.non_visible_text,
            order.personal_number.as_str().to_string(),
        );
        if request.user_visible_data.len() > wire::MAX_VISIBLE_BASE64
            || request
                .user_non_visible_data
                .as_ref()
                .is_some_and(|n| n.len() > wire::MAX_NON_VISIBLE_BASE64)
        {
            return Err(BankIdError::Input(Key::BankidTextTooLong));
        }
        let reply = self.call("sign", request.to_bytes()).await?;
        let answer: wire::SignAnswer = parse(&reply)?;
        answer.check().map_err(|field| malformed(&reply, field))?;
        tracing::info!(order_ref = %answer.order_ref, "bankid: sign order started");
        Ok(OrderStarted {
            order_ref: OrderRef(answer.order_ref),
            auto_start_token: answer.auto_start_token,
            qr_start_token: answer.qr_start_token,
            qr_start_secret: QrSecret::new(answer.qr_start_secret),
        })
    }

    /// Asks where the order stands.
    pub async fn collect(&self, order_ref: &OrderRef) -> Result<Collected, BankIdError> {
        let body = wire::OrderRefRequest {
            order_ref: order_ref.as_str(),
        }
        .to_bytes();
        let reply = self.call("collect", body).await?;
        let answer: wire::CollectAnswer = parse(&reply)?;
        answer.check().map_err(|field| malformed(&reply, field))?;
        let unexpected = || BankIdError::UnexpectedAnswer {
            status: reply.status,
            raw: reply.body.clone(),
        };
        if answer.order_ref != order_ref.as_str() {
            return Err(unexpected());
        }
        let collected = match answer.status.as_str() {
            "pending" => Collected::Pending {
                hint: answer.hint_code,
            },
            "failed" => Collected::Failed {
                hint: answer.hint_code.unwrap_or_default(),
            },
            "complete" => match answer.completion_data {
                Some(data) => Collected::Complete(data.into()),
                None => return Err(unexpected()),
            },
            _ => return Err(unexpected()),
        };
        let hint = match &collected {
            Collected::Pending { hint } => hint.as_deref(),
            Collected::Failed { hint } => Some(hint.as_str()),
            Collected::Complete(_) => None,
        };
        tracing::debug!(%order_ref, status = %answer.status, hint, "bankid: collected");
        Ok(collected)
    }

    /// Cancels the order at BankID.
    pub async fn cancel(&self, order_ref: &OrderRef) -> Result<(), BankIdError> {
        let body = wire::OrderRefRequest {
            order_ref: order_ref.as_str(),
        }
        .to_bytes();
        self.call("cancel", body).await?;
        tracing::info!(%order_ref, "bankid: order cancelled");
        Ok(())
    }

    /// Posts, and sends again after a wait where BankID's RP guidelines say so
    /// ([`retry_rule`]); turns any status but 200 into an error.
    async fn call(&self, path: &str, body: Vec<u8>) -> Result<RawReply, BankIdError> {
        let mut attempt = 0u32;
        loop {
            let result = self.call_once(path, body.clone()).await;
            let Err(error) = &result else {
                return result;
            };
            let rule = match error {
                BankIdError::Rp { status, code, .. } => retry_rule(*status, Some(code)),
                BankIdError::UnexpectedAnswer { status, .. } => retry_rule(*status, None),
                _ => None,
            };
            match rule {
                Some(rule) if attempt < rule.retries => {
                    attempt += 1;
                    let wait = rule.wait * attempt;
                    tracing::info!(
                        path,
                        code = error.error_code(),
                        attempt,
                        wait_ms = wait.as_millis() as u64,
                        "bankid: asking again after a wait (RP guidelines)"
                    );
                    tokio::time::sleep(wait).await;
                }
                _ => return result,
            }
        }
    }

    async fn call_once(&self, path: &str, body: Vec<u8>) -> Result<RawReply, BankIdError> {
        let reply = self
            .transport
            .post(path, body)
            .await
            .inspect_err(|e| tracing::warn!(path, error = e.as_str(), "bankid: no answer"))?;
        if crate::remote::is_over_cap(&reply.body) {
            tracing::warn!(
                path,
                status = reply.status,
                "bankid: answer over the size cap"
            );
            return Err(BankIdError::TooLarge {
                status: reply.status,
                raw: crate::remote::kept_part(&reply.body),
            });
        }
        if reply.status == 200 {
            return Ok(reply);
        }
        match serde_json::from_slice::<wire::ErrorAnswer>(&reply.body) {
            Ok(error) if !error.check() => Err(malformed(&reply, "errorCode")),
            Ok(error) => {
                tracing::warn!(path, status = reply.status, code = %error.error_code, "bankid: error answer");
                Err(BankIdError::Rp {
                    status: reply.status,
                    code: error.error_code,
                    details: error.details,
                    raw: reply.body,
                })
            }
            Err(_) => {
                tracing::warn!(path, status = reply.status, "bankid: unexpected answer");
                Err(BankIdError::UnexpectedAnswer {
                    status: reply.status,
                    raw: reply.body,
                })
            }
        }
    }
}

/// How to send again after an error answer: wait `wait × n` before the n-th new attempt, at
/// most `retries` times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryRule {
    pub wait: Duration,
    pub retries: u32,
}

/// BankID's RP guidelines for error answers, as Timbok applies them:
/// - `tooManyRequests` (HTTP 429, also without a JSON body): the RP sends too often; wait and
///   go on (2 s, 4 s, … up to 5 times) instead of failing the order;
/// - `internalError`, `requestTimeout`: the RP may send again: twice, after 1 s and 2 s;
/// - `maintenance`: send again later: 3 times, after 3 s, 6 s, 9 s.
///
/// When these are used up the error stands, and its text is RFA5 ("Internt tekniskt fel.
/// Försök igen."). Everything else is not sent again.
pub fn retry_rule(status: u16, code: Option<&str>) -> Option<RetryRule> {
    let rule = |secs, retries| {
        Some(RetryRule {
            wait: Duration::from_secs(secs),
            retries,
        })
    };
    match code {
        Some("tooManyRequests") => rule(2, 5),
        Some("internalError" | "requestTimeout") => rule(1, 2),
        Some("maintenance") => rule(3, 3),
        _ if status == 429 => rule(2, 5),
        _ => None,
    }
}

fn malformed(reply: &RawReply, field: wire::BadField) -> BankIdError {
    tracing::warn!(
        status = reply.status,
        field,
        "bankid: a field of the answer is malformed"
    );
    BankIdError::MalformedAnswer {
        status: reply.status,
        field,
        raw: reply.body.clone(),
    }
}

fn parse<T: serde::de::DeserializeOwned>(reply: &RawReply) -> Result<T, BankIdError> {
    serde_json::from_slice(&reply.body).map_err(|_| BankIdError::UnexpectedAnswer {
        status: reply.status,
        raw: reply.body.clone(),
    })
}

#[cfg(test)]
mod tests;
