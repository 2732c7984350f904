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

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use bytes::Bytes;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::bankid::{verify_ocsp, verify_signature_document, VerifiedSignature};
use crate::server::Arrival;
use crate::tidredovisning::{self, AssistantId};
use crate::xml::{self, escape, Element};
use crate::{xsd, Shared};

pub(crate) const SOAP_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
pub(crate) const SERVICE_NS: &str = "urn:shs:emottagning:SkickaTidredovisning:1";
pub(crate) const SOAP_ACTION: &str =
    "urn:shs:emottagning:SkickaTidredovisningResponder:1:SkickaTidredovisning";
const XMIME_NS: &str = "http://www.w3.org/2005/05/xmlmime";

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
    arrival: Arrival,
) -> Option<Response> {
    if parts.method != axum::http::Method::POST || parts.uri.path() != shared.config.elt_path {
        return None;
    }
    let mut inner = shared.elt.lock();
    let previous = inner.last_arrival.replace(arrival.instant);
    if let Some(previous) = previous {
        let since = arrival.instant.saturating_duration_since(previous);
        if since < shared.config.elt_min_interval {
            tracing::warn!(
                since_previous_ms = since.as_millis() as u64,
                "elt: request refused, less than the minimum interval after the previous one"
            );
            inner.violations.push(RateViolation {
                seq: arrival.seq,
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
    inner.accepted_arrivals.push(arrival.instant);
    None
}

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let path = shared.config.elt_path.clone();
    Router::new()
        .route(
            &path,
            axum::routing::post(soap)
                .fallback(|| async { (StatusCode::METHOD_NOT_ALLOWED, "Använd POST.") }),
        )
        .fallback(|| async { (StatusCode::NOT_FOUND, "Ingen tjänst här.") })
        .with_state(shared)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FaultKind {
    XmlValidationError,
    SignatureValidationError,
    RateLimitExceeded,
}

impl FaultKind {
    fn as_str(self) -> &'static str {
        match self {
            FaultKind::XmlValidationError => "XmlValidationError",
            FaultKind::SignatureValidationError => "SignatureValidationError",
            FaultKind::RateLimitExceeded => "RateLimitExceeded",
        }
    }
}

fn xml_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

fn fault(kind: FaultKind, message: &str) -> Response {
    let kind = kind.as_str();
    xml_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!(
            "<soapenv:Envelope xmlns:soapenv=\"{SOAP_NS}\"><soapenv:Body><soapenv:Fault>\
             <faultcode>soapenv:Client</faultcode><faultstring>{kind}</faultstring>\
             <detail><{kind} xmlns=\"{SERVICE_NS}\"><message>{message}</message></{kind}></detail>\
             </soapenv:Fault></soapenv:Body></soapenv:Envelope>",
            message = escape(message)
        ),
    )
}

struct Refusal(FaultKind, String);

fn xml_err(message: impl Into<String>) -> Refusal {
    Refusal(FaultKind::XmlValidationError, message.into())
}

fn sig_err(message: impl Into<String>) -> Refusal {
    Refusal(FaultKind::SignatureValidationError, message.into())
}

async fn soap(
    State(shared): State<Arc<Shared>>,
    Extension(arrival): Extension<Arrival>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match receive(&shared, &headers, &body) {
        Ok((report_id, document)) => {
            let tx_id = uuid::Uuid::new_v4().to_string();
            shared.elt.lock().reports.push(AcceptedReport {
                tx_id: tx_id.clone(),
                report_id,
                document,
                seq: arrival.seq,
                received_at: SystemTime::now(),
            });
            tracing::info!(%tx_id, "elt: time report accepted");
            xml_response(
                StatusCode::OK,
                format!(
                    "<soapenv:Envelope xmlns:soapenv=\"{SOAP_NS}\"><soapenv:Body>\
                     <SkickaTidredovisningResponse xmlns=\"{SERVICE_NS}\"><tx-id>{tx_id}</tx-id>\
                     </SkickaTidredovisningResponse></soapenv:Body></soapenv:Envelope>"
                ),
            )
        }
        Err(Refusal(kind, message)) => {
            tracing::info!(kind = kind.as_str(), "elt: time report refused");
            fault(kind, &message)
        }
    }
}

/// Everything FK checks, in order. Returns the report id and the document bytes.
fn receive(shared: &Shared, headers: &HeaderMap, body: &[u8]) -> Result<(String, Bytes), Refusal> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type
        .trim()
        .to_ascii_lowercase()
        .starts_with("text/xml")
    {
        return Err(xml_err(
            "Content-Type ska vara text/xml; charset=utf-8 (SOAP 1.1).",
        ));
    }
    let action = headers.get("soapaction").and_then(|v| v.to_str().ok());
    match action.map(|a| a.trim().trim_matches('"')) {
        Some(a) if a == SOAP_ACTION => {}
        Some(_) => return Err(xml_err(format!("SOAPAction ska vara \"{SOAP_ACTION}\"."))),
        None => return Err(xml_err("SOAPAction-huvudet saknas.")),
    }

    let (envelope, _) =
        xml::parse(body).map_err(|e| xml_err(format!("SOAP-meddelandet: {}", e.0)))?;
    if !envelope.is(SOAP_NS, "Envelope") {
        return Err(xml_err(
            "Rotelementet ska vara soapenv:Envelope (SOAP 1.1).",
        ));
    }
    let body_el = envelope
        .children
        .iter()
        .find(|c| c.is(SOAP_NS, "Body"))
        .ok_or_else(|| xml_err("SOAP-meddelandet saknar Body."))?;
    if let Some(other) = envelope
        .children
        .iter()
        .find(|c| !c.is(SOAP_NS, "Body") && !c.is(SOAP_NS, "Header"))
    {
        return Err(xml_err(format!(
            "Oväntat element {} i Envelope.",
            other.name
        )));
    }
    let [call] = &body_el.children[..] else {
        return Err(xml_err(
            "Body ska innehålla exakt ett element, SkickaTidredovisning.",
        ));
    };
    if !call.is(SERVICE_NS, "SkickaTidredovisning") {
        return Err(xml_err(format!(
            "Body ska innehålla SkickaTidredovisning i namnrymden {SERVICE_NS}, inte {}.",
            call.name
        )));
    }
    let slots = parts(
        call,
        &["tidredovisning", "assistent-signatur", "anordnare-signatur"],
        "SkickaTidredovisning",
    )?;
    let tid = slots[0];
    if let Some(ct) = tid.attrs.iter().find(|a| a.name == "contentType") {
        if ct.ns.as_deref() != Some(XMIME_NS) || ct.value.chars().count() < 3 {
            return Err(xml_err(
                "tidredovisning: attributet xmime:contentType ska ha minst 3 tecken (xmlmime.xsd), \
                 till exempel application/xml.",
            ));
        }
    }
    if let Some(other) = tid.attrs.iter().find(|a| a.name != "contentType") {
        return Err(xml_err(format!(
            "tidredovisning: attributet {} är inte tillåtet.",
            other.name
        )));
    }
    let document = B64
        .decode(text_of(tid).as_bytes())
        .map_err(|_| xml_err("tidredovisning är inte giltig base64."))?;
    let checked = tidredovisning::validate(&document).map_err(|problems| {
        let shown: Vec<String> = problems.iter().take(10).map(ToString::to_string).collect();
        xml_err(format!(
            "Tidredovisningen följer inte FK:s schema tidredovisning_extern_v1.xsd (version {}): {}.",
            tidredovisning::SCHEMA_VERSION,
            shown.join("; ")
        ))
    })?;

    let mut signatures = Vec::new();
    for (el, label) in [
        (slots[1], "assistent-signatur"),
        (slots[2], "anordnare-signatur"),
    ] {
        let parts = parts(
            el,
            &["signature", "ocspResponse", "datumForSignatur"],
            label,
        )?;
        let date = xsd::date(&parts[2].text)
            .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d))
            .ok_or_else(|| {
                xml_err(format!(
                    "{label}/datumForSignatur ska vara ett datum ÅÅÅÅ-MM-DD (xs:date)."
                ))
            })?;
        signatures.push((label, text_of(parts[0]), text_of(parts[1]), date));
    }

    let entry = format!("{},{}", checked.id, hex::encode(Sha256::digest(&document)));
    let issuer = &shared.pki.bankid_ca_der;
    let today = shared.config.today();
    let mut signers = Vec::new();
    for (label, signature, ocsp, date) in &signatures {
        let signature = B64
            .decode(signature.as_bytes())
            .map_err(|_| sig_err(format!("{label}: signature är inte base64.")))?;
        let verified: VerifiedSignature = verify_signature_document(&signature, issuer)
            .map_err(|m| sig_err(format!("{label}: {m}.")))?;
        let ocsp = B64
            .decode(ocsp.as_bytes())
            .map_err(|_| sig_err(format!("{label}: ocspResponse är inte base64.")))?;
        let produced = verify_ocsp(&ocsp, &verified.cert_der, issuer)
            .map_err(|m| sig_err(format!("{label}: {m}.")))?;
        let produced_day = produced
            .with_timezone(&chrono_tz::Europe::Stockholm)
            .date_naive();
        if (*date - produced_day).num_days().abs() > 1 || *date > today {
            return Err(sig_err(format!(
                "{label}: datumForSignatur stämmer inte med när underskriften gjordes."
            )));
        }
        let signed_entries = verified.non_visible_text.as_deref().unwrap_or("");
        if !signed_entries.split(';').any(|e| e == entry) {
            return Err(sig_err(format!(
                "{label}: underskriften gäller inte det här dokumentet. Den osynliga signerade texten ska \
                 innehålla <id>,<sha256 av dokumentet> för exakt de byte som skickades."
            )));
        }
        signers.push(verified.personal_number);
    }
    match &checked.assistant {
        AssistantId::Samordningsnummer(_) => {
            return Err(sig_err(
                "assistent-signatur: en assistent med samordningsnummer kan inte skriva under med BankID; \
                 tidsredovisningen ska lämnas på papper (blankett 3059).",
            ))
        }
        AssistantId::Personnummer(id) if *id != signers[0] => {
            return Err(sig_err(
                "assistent-signatur: underskriften är inte gjord av assistenten som dokumentet anger.",
            ))
        }
        AssistantId::Personnummer(id) if *id == signers[1] => {
            return Err(sig_err(
                "anordnare-signatur: arbetsgivarens underskrift är gjord av assistenten själv.",
            ))
        }
        AssistantId::Personnummer(_) => {}
    }
    Ok((checked.id, Bytes::from(document)))
}

fn text_of(el: &Element) -> String {
    el.text
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect()
}

/// The Responder schema's sequences: `names` in this order in the service namespace, then
/// any number of elements of other namespaces (`xs:any namespace="##other"`, lax).
fn parts<'e>(el: &'e Element, names: &[&str], label: &str) -> Result<Vec<&'e Element>, Refusal> {
    let mut found = Vec::new();
    for (i, name) in names.iter().enumerate() {
        match el.children.get(i) {
            Some(c) if c.is(SERVICE_NS, name) => found.push(c),
            Some(c) => {
                return Err(xml_err(format!(
                    "{label}: elementet {} väntas inte här, här ska {name} stå.",
                    c.name
                )))
            }
            None => return Err(xml_err(format!("{label}: {name} saknas."))),
        }
    }
    if let Some(extra) = el.children[names.len()..]
        .iter()
        .find(|c| c.ns.is_none() || c.ns.as_deref() == Some(SERVICE_NS))
    {
        return Err(xml_err(format!(
            "{label}: oväntat element {} (efter {} får bara element i andra namnrymder stå).",
            extra.name,
            names.last().unwrap_or(&"")
        )));
    }
    Ok(found)
}
