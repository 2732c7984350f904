//! ELT: the SOAP endpoint that receives signed time reports (elt.md), over TLS that requires a
//! client certificate issued by the simulator's CA.
//!
//! # Endpoint
//!
//! `POST {elt_path}` (default `/elt`; `RunningSimulator::elt_url` is the full URL), with
//! `Content-Type: text/xml` (a charset parameter is allowed) and
//! `SOAPAction: "urn:shs:emottagning:SkickaTidredovisningResponder:1:SkickaTidredovisning"`
//! (the quotes may be left out). The envelope is elt.md's: SOAP 1.1 `Envelope`/`Body` (a
//! `Header` is allowed), in it `SkickaTidredovisning` in namespace
//! `urn:shs:emottagning:SkickaTidredovisning:1` whose children, in the same namespace and in
//! this order, are `tidredovisning` (base64 of the document; `xmime:contentType`, if present,
//! must be `application/xml`; whitespace inside the base64 is ignored),
//! `assistent-signatur` and `anordnare-signatur`, each with `signature`, `ocspResponse`,
//! `datumForSignatur` (YYYY-MM-DD).
//!
//! Success: `200`, `SkickaTidredovisningResponse` with a fresh `tx-id` (UUID). Failure: `500`
//! with a SOAP 1.1 Fault: `faultcode` `soapenv:Client`, `faultstring` the kind, and
//! `detail/{kind}/message` the plain explanation, where kind is `XmlValidationError`,
//! `SignatureValidationError` or `RateLimitExceeded` (the detail element is in the service
//! namespace).
//!
//! The envelope follows FK's `SkickaTidredovisningResponder_1.0.xsd`: after the three named
//! children (and after the three children of each signature) any elements of other namespaces
//! may follow (`xs:any namespace="##other"`); `xmime:contentType`, if present, has at least 3
//! characters (xmlmime.xsd); `datumForSignatur` is an `xs:date`.
//!
//! # The document (what is checked)
//!
//! Exactly FK's schema `tidredovisning_extern_v1.xsd` version 1.8, nothing more and nothing
//! less: see [`crate::tidredovisning`], which names every rule. A document the schema refuses
//! gets `XmlValidationError` whose message names each element and the rule it breaks (at most
//! ten problems). The simulator does not ask for canonical form nor check personnummer check
//! digits, months that have ended or overlapping rows: FK's schema does not, and those are
//! Timbok's own rules, tested in the core.
//!
//! # The signatures
//!
//! For each of `assistent-signatur` and `anordnare-signatur`: `signature` is base64 of a BankID
//! signature document made by THIS simulator's BankID (see [`crate::bankid`]): the signer's
//! certificate is from the simulator's BankID issuer and valid, the digest and signature are
//! right, and its `usrNonVisibleData` decodes to text in which one of the `;`-separated entries
//! is exactly `<id>,<sha256 lowercase hex of the decoded document bytes>`. `ocspResponse` is
//! the one BankID gave for that certificate. `datumForSignatur` is the date (Europe/Stockholm)
//! of the ocspResponse, give or take a day. The assistant's signer is the personnummer of
//! `assistent` (an assistant with a samordningsnummer cannot sign with BankID). The employer's
//! signer is anyone but the assistant: the simulator cannot know the guardian or
//! ställföreträdare, so that is all it checks.
//!
//! # Rate
//!
//! A request to the endpoint that arrives sooner than `elt_min_interval` (1 s) after the
//! previous one (whatever became of that one) gets a `RateLimitExceeded` fault before anything
//! else, is logged, and is kept as a [`RateViolation`].
//!
//! # Layout
//!
//! `mod.rs` what ELT keeps (accepted reports, the rate limit); `routes.rs` the HTTP endpoint;
//! `soap.rs` the envelope's names and FK's fault answers; `validation.rs` everything FK checks
//! in a request (the document itself in [`crate::tidredovisning`]).

use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use axum::response::Response;
use bytes::Bytes;

use crate::Shared;

mod routes;
mod soap;
mod validation;

pub(crate) use routes::router;
use soap::{fault, FaultKind};

/// A request refused because it came too soon after the previous one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateViolation {
    /// The request's place in the record.
    pub seq: u64,
    pub at: SystemTime,
    pub since_previous: Duration,
}

/// A time report ELT accepted.
#[derive(Debug, Clone)]
pub struct AcceptedReport {
    pub tx_id: String,
    /// The document's `id`.
    pub report_id: String,
    /// The decoded tidredovisning document, exactly as sent.
    pub document: Bytes,
    /// The request's place in the record.
    pub seq: u64,
    pub received_at: SystemTime,
}

#[derive(Default)]
struct EltInner {
    last_arrival: Option<Instant>,
    accepted_arrivals: Vec<Instant>,
    violations: Vec<RateViolation>,
    reports: Vec<AcceptedReport>,
}

#[derive(Default)]
pub(crate) struct EltState {
    inner: Mutex<EltInner>,
}

impl EltState {
    fn lock(&self) -> std::sync::MutexGuard<'_, EltInner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn reports(&self) -> Vec<AcceptedReport> {
        self.lock().reports.clone()
    }

    pub fn violations(&self) -> Vec<RateViolation> {
        self.lock().violations.clone()
    }

    pub fn spacings(&self) -> Vec<Duration> {
        self.lock()
            .accepted_arrivals
            .windows(2)
            .map(|w| w[1].duration_since(w[0]))
            .collect()
    }
}

/// FK's rate limit, applied before any injected fault. `None` lets the request through.
pub(crate) fn rate_gate(
    shared: &Shared,
    parts: &axum::http::request::Parts,
    instant: Instant,
    seq: u64,
) -> Option<Response> {
    if parts.method != axum::http::Method::POST || parts.uri.path() != shared.config.elt_path {
        return None;
    }
    let mut inner = shared.elt.lock();
    let previous = inner.last_arrival.replace(instant);
    if let Some(previous) = previous {
        let since = instant.saturating_duration_since(previous);
        if since < shared.config.elt_min_interval {
            tracing::warn!(
                since_previous_ms = since.as_millis() as u64,
                "elt: request refused, less than the minimum interval after the previous one"
            );
            inner.violations.push(RateViolation {
                seq,
                at: SystemTime::now(),
                since_previous: since,
            });
            return Some(fault(
                FaultKind::RateLimitExceeded,
                &format!(
                    "För många anrop: {} ms sedan förra anropet. Skicka högst ett anrop per sekund.",
                    since.as_millis()
                ),
            ));
        }
    }
    inner.accepted_arrivals.push(instant);
    None
}
