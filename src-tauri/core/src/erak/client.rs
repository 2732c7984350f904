//! The E-RÄK client: [`ErakClient`] builds each request ([`HttpRequest`]: method, path below
//! the base, headers, body) and reads the reply; an [`ErakTransport`] sends it. The real one is
//! [`HttpsTransport`]; tests use a fake that records the request and plays a recorded reply.
//!
//! Decisions:
//! - The key travels in the request as [`HeaderText::Secret`] (its `Debug` prints
//!   `[redacted]`); the client puts it there so that a test sees the exact request, and the
//!   transport marks the header sensitive for reqwest.
//! - The base URL must be https, except on a loopback host (the simulator serves E-RÄK over
//!   plain http; nothing leaves the machine then). No redirects are followed, no proxy for
//!   loopback, 10 s time-out per call by default ([`crate::connection`]'s client).
//! - Replies are read up to [`crate::remote::MAX_REPLY_BYTES`] (1 MiB) and one byte more,
//!   whatever `Content-Length` says ([`crate::remote::read_capped`]); a reply over the cap is
//!   never parsed: [`ErakError::ReplyTooLarge`] with its first part ([`wire::create_reply`],
//!   [`wire::status_reply`]).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;

use super::wire::{self, CreateReply, StatusReply};
use super::ErakError;
use crate::connection::{self, Trust};
use crate::credentials::SecretBytes;
use crate::invoice::Invoice;
use crate::message::Key;

/// The largest reply body read (the cap shared by the three clients).
pub const MAX_REPLY_BYTES: usize = crate::remote::MAX_REPLY_BYTES;

/// The HTTP method of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// A header value: plain text, or a secret (the key) that no `Debug` shows.
#[derive(Clone, PartialEq, Eq)]
pub enum HeaderText {
    Plain(String),
    Secret(SecretBytes),
}

impl fmt::Debug for HeaderText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderText::Plain(text) => write!(f, "{text:?}"),
            HeaderText::Secret(_) => f.write_str("[redacted]"),
        }
    }
}

/// A request as the client builds it; the transport adds the base URL.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    /// Below the base URL, starting with `/`.
    pub path: String,
    /// In order; names as sent.
    pub headers: Vec<(String, HeaderText)>,
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&HeaderText> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
}

/// Shows the method, path and headers (secrets redacted), and only the body's length: it
/// holds personal data.
impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("headers", &self.headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

pub use crate::remote::{RawReply, TransportError};

/// Sends one request to E-RÄK and returns its reply.
#[async_trait]
pub trait ErakTransport: Send + Sync {
    async fn send(&self, request: HttpRequest) -> Result<RawReply, TransportError>;
}

/// The supplier as FK knows it (name and identifier, from the environment's settings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supplier {
    pub name: String,
    pub id: String,
}

/// Sends requests over HTTPS (or HTTP to a loopback host) with reqwest and rustls.
pub struct HttpsTransport {
    base: String,
    client: reqwest::Client,
    timeout: Duration,
}

impl fmt::Debug for HttpsTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpsTransport")
            .field("base", &self.base)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl HttpsTransport {
    /// A transport to E-RÄK at `base_url` (e.g. `https://…`, requests go to
    /// `{base}/public/v1/…`), trusting `trust`'s server certificates.
    pub fn new(base_url: &str, trust: &Trust) -> Result<HttpsTransport, ErakError> {
        let base = checked_base(base_url)?;
        let roots = connection::root_store(trust).map_err(ErakError::Settings)?;
        let client = connection::client(&roots, None, &base).map_err(ErakError::Settings)?;
        Ok(HttpsTransport {
            base,
            client,
            timeout: connection::TIMEOUT,
        })
    }

    /// The longest one call may take (default 10 s).
    pub fn with_timeout(mut self, timeout: Duration) -> HttpsTransport {
        self.timeout = timeout;
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }
}

/// `base_url` without a trailing slash, if it is an https URL (http only to a loopback host)
/// with a host and without query or fragment.
fn checked_base(base_url: &str) -> Result<String, ErakError> {
    let bad = || ErakError::Settings(Key::ErakUrlUnreadable.into());
    let trimmed = base_url.trim().trim_end_matches('/');
    let url = url::Url::parse(trimmed).map_err(|_| bad())?;
    if url.host().is_none() || url.query().is_some() || url.fragment().is_some() {
        return Err(bad());
    }
    match url.scheme() {
        "https" => {}
        "http" if connection::is_loopback(trimmed) => {}
        "http" => return Err(ErakError::Settings(Key::ErakUrlNotHttps.into())),
        _ => return Err(bad()),
    }
    Ok(trimmed.to_string())
}

#[async_trait]
impl ErakTransport for HttpsTransport {
    async fn send(&self, request: HttpRequest) -> Result<RawReply, TransportError> {
        use reqwest::header::{HeaderName, HeaderValue};
        let url = format!("{}{}", self.base, request.path);
        let mut builder = match request.method {
            Method::Get => self.client.get(&url),
            Method::Post => self.client.post(&url),
        };
        for (name, value) in &request.headers {
            let name =
                HeaderName::from_bytes(name.as_bytes()).map_err(|_| TransportError::Unbuildable)?;
            let value = match value {
                HeaderText::Plain(text) => HeaderValue::from_str(text),
                HeaderText::Secret(secret) => {
                    HeaderValue::from_bytes(secret.expose()).map(|mut v| {
                        v.set_sensitive(true);
                        v
                    })
                }
            }
            .map_err(|_| TransportError::Unbuildable)?;
            builder = builder.header(name, value);
        }
        if request.method == Method::Post || !request.body.is_empty() {
            builder = builder.body(request.body);
        }
        let response = builder
            .timeout(self.timeout)
            .send()
            .await
            .map_err(|e| crate::remote::classify(&e))?;
        let status = response.status().as_u16();
        let body = crate::remote::read_capped(response)
            .await
            .map_err(|e| crate::remote::classify(&e))?;
        Ok(RawReply { status, body })
    }
}

/// E-RÄK's client: builds the requests, sends them through its transport, reads the replies.
#[derive(Clone)]
pub struct ErakClient {
    transport: Arc<dyn ErakTransport>,
    key_header: String,
    key: SecretBytes,
}

impl fmt::Debug for ErakClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErakClient")
            .field("key_header", &self.key_header)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl ErakClient {
    /// A client that sends through `transport`, with the supplier `key` in the header
    /// `key_header`. Refuses a header name or key that cannot be sent in an HTTP header.
    pub fn new(
        transport: Arc<dyn ErakTransport>,
        key_header: &str,
        key: SecretBytes,
    ) -> Result<ErakClient, ErakError> {
        let key_header = key_header.trim();
        if reqwest::header::HeaderName::from_bytes(key_header.as_bytes()).is_err() {
            return Err(ErakError::Settings(Key::ErakKeyHeaderUnusable.into()));
        }
        let key_ok = !key.expose().is_empty() && key.expose().iter().all(|b| b.is_ascii_graphic());
        if !key_ok {
            return Err(ErakError::Settings(Key::ErakKeyUnsendable.into()));
        }
        Ok(ErakClient {
            transport,
            key_header: key_header.to_string(),
            key,
        })
    }

    /// A client over [`HttpsTransport`] to `base_url`.
    pub fn https(
        base_url: &str,
        trust: &Trust,
        key_header: &str,
        key: SecretBytes,
    ) -> Result<ErakClient, ErakError> {
        let transport = HttpsTransport::new(base_url, trust)?;
        ErakClient::new(Arc::new(transport), key_header, key)
    }

    fn key_header(&self) -> (String, HeaderText) {
        (
            self.key_header.clone(),
            HeaderText::Secret(self.key.clone()),
        )
    }

    /// The create request carrying `body` (from [`wire::create_body`]).
    pub fn create_request(&self, body: Vec<u8>) -> HttpRequest {
        HttpRequest {
            method: Method::Post,
            path: wire::CREATE_PATH.to_string(),
            headers: vec![
                (
                    "content-type".into(),
                    HeaderText::Plain(wire::JSON_CONTENT_TYPE.into()),
                ),
                (
                    "accept".into(),
                    HeaderText::Plain(wire::JSON_CONTENT_TYPE.into()),
                ),
                self.key_header(),
            ],
            body,
        }
    }

    /// The status request for `fingerprint`.
    pub fn status_request(&self, fingerprint: &str) -> HttpRequest {
        HttpRequest {
            method: Method::Get,
            path: wire::status_path(fingerprint),
            headers: vec![
                (
                    "accept".into(),
                    HeaderText::Plain(wire::JSON_CONTENT_TYPE.into()),
                ),
                self.key_header(),
            ],
            body: Vec::new(),
        }
    }

    /// Posts `invoice` to E-RÄK. `Ok` for every answer E-RÄK gave (accepted, refused with
    /// field errors, wrong key, not available); `Err` when there was no answer or it could not
    /// be read. The invoice is not changed either way.
    pub async fn create(
        &self,
        invoice: &Invoice,
        supplier: &Supplier,
        return_url: &str,
        signal_url: Option<&str>,
    ) -> Result<CreateReply, ErakError> {
        let body = wire::create_body(
            invoice,
            &supplier.name,
            &supplier.id,
            return_url,
            signal_url,
        );
        tracing::info!(
            scenario = invoice.scenario.as_str(),
            month = %invoice.month,
            "erak: sending invoice"
        );
        self.send_create_body(body).await
    }

    /// Posts a create body as it is (one built by [`wire::create_body`], e.g. kept by the
    /// outbox to send the same bytes again).
    pub async fn send_create_body(&self, body: Vec<u8>) -> Result<CreateReply, ErakError> {
        let reply = self.send(self.create_request(body)).await?;
        let outcome = wire::create_reply(reply.status, &reply.body);
        match &outcome {
            Ok(CreateReply::Created { fingerprint }) => {
                tracing::info!(%fingerprint, "erak: invoice accepted")
            }
            Ok(CreateReply::Invalid(errors)) => {
                tracing::info!(
                    errors = errors.len(),
                    "erak: invoice refused with field errors"
                )
            }
            Ok(CreateReply::Unauthorized { .. }) => tracing::warn!("erak: key refused"),
            Ok(CreateReply::Unavailable { status, .. }) => {
                tracing::warn!(status, "erak: create not handled")
            }
            Err(_) => tracing::warn!(status = reply.status, "erak: create reply unreadable"),
        }
        outcome
    }

    /// Asks E-RÄK for the status of the invoice with `fingerprint`.
    pub async fn status(&self, fingerprint: &str) -> Result<StatusReply, ErakError> {
        let reply = self.send(self.status_request(fingerprint)).await?;
        let outcome = wire::status_reply(fingerprint, reply.status, &reply.body);
        if let Ok(s) = &outcome {
            tracing::debug!(%fingerprint, status = s.status.as_str(), "erak: status");
        } else {
            tracing::info!(%fingerprint, http_status = reply.status, "erak: status call failed");
        }
        outcome
    }

    async fn send(&self, request: HttpRequest) -> Result<RawReply, ErakError> {
        self.transport.send(request).await.map_err(|e| {
            tracing::warn!(error = %e, "erak: no reply");
            if e.is_timeout() {
                ErakError::Timeout
            } else {
                ErakError::Network(e)
            }
        })
    }
}
