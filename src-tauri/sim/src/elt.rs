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
//! # The document (what is checked)
//!
//! Root `Tidredovisning` in `http://schema.forsakringskassan.se/integration/isassistansersattning/tidredovisning/1`;
//! every element in that namespace; children exactly in elt.md's order. In canonical form
//! (spot checks: no XML declaration, no `<x/>` tags, no CDATA, comments or processing
//! instructions, no references C14N does not write, nothing outside the root).
//!
//! - `id`: a UUID. `redovisningsmanad`: `YYYY-MM`, a month that has ended.
//! - `personSomHarAssistans`: `personnummer` (12 digits, valid; a samordningsnummer is also
//!   accepted), `fornamn`, `efternamn` (not empty).
//! - `assistent`: `personnummer` or `samordningsnummer` (the element must match the number),
//!   `fornamn`, `efternamn`, `kollektivavtal` (boolean).
//! - `berakningsperiod`: `fromDag`, `tomDag`: the month's first and last day.
//! - `anstalldAvPersonSomHarAssistans`: boolean.
//! - `assistansanordnare`: required when `anstalldAvPersonSomHarAssistans` is false, optional
//!   otherwise (an open point of elt.md); `anordnareNamn` (not empty), `organisationsnummer`
//!   (valid; `NNNNNNNNNN`, `NNNNNN-NNNN` or `16NNNNNNNNNN`), `kontaktperson`, `telefonnummer`,
//!   `assistentAnstalldAvAnordnare` (boolean), optional `annanArbetsgivare`
//!   (`arbetsgivareNamn`, `organisationsnummer`), `assistentEgenForetagare` (boolean).
//! - `tidrapport`: zero or more `rapportRad`, each `dag` (1–2 digits, a day of the month),
//!   `fromTid`, `tomTid` (`H.MM` or `HH.MM`, 0.00–23.59; `tomTid` may be `24.00`; `tomTid`
//!   after `fromTid`), `aktivTid`, `vanteTid`, `beredskapsTid` (booleans, exactly one true).
//!   Rows of the same day must not overlap.
//! - `datumForUnderskriftAnordnare`, `datumForUnderskriftAssistent`: dates, not before the
//!   month's last day and not in the future. `telefonnummerAnordnare`,
//!   `telefonnummerAssistent`: at least 6 digits; digits, spaces, `+ - ( )`.
//!
//! Booleans are `true`/`false` in any letter case (the public sample mixes `TRUE` and `false`).
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
use chrono::{Datelike, NaiveDate};
use sha2::{Digest, Sha256};

use crate::bankid::{verify_ocsp, verify_signature_document, VerifiedSignature};
use crate::identity::{check_organisationsnummer, check_personal_id, PersonalIdKind};
use crate::server::Arrival;
use crate::xml::{self, escape, Element};
use crate::Shared;

pub(crate) const SOAP_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
pub(crate) const SERVICE_NS: &str = "urn:shs:emottagning:SkickaTidredovisning:1";
pub(crate) const DOC_NS: &str =
    "http://schema.forsakringskassan.se/integration/isassistansersattning/tidredovisning/1";
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
    let mut problems = Vec::new();
    let slots = sequence(
        call,
        SERVICE_NS,
        &[
            one(&["tidredovisning"]),
            one(&["assistent-signatur"]),
            one(&["anordnare-signatur"]),
        ],
        "SkickaTidredovisning",
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(xml_err(problems.join(" ")));
    }
    let tid = slots[0][0];
    if let Some(ct) = tid.attrs.iter().find(|a| a.name == "contentType") {
        if ct.ns.as_deref() != Some(XMIME_NS) || ct.value != "application/xml" {
            return Err(xml_err(
                "tidredovisning: xmime:contentType ska vara application/xml.",
            ));
        }
    }
    let b64: String = tid
        .text
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let document = B64
        .decode(b64.as_bytes())
        .map_err(|_| xml_err("tidredovisning är inte giltig base64."))?;
    let checked =
        check_document(&document, shared.config.today()).map_err(|p| xml_err(p.join(" ")))?;

    let mut signatures = Vec::new();
    for (el, label) in [
        (slots[1][0], "assistent-signatur"),
        (slots[2][0], "anordnare-signatur"),
    ] {
        let mut problems = Vec::new();
        let parts = sequence(
            el,
            SERVICE_NS,
            &[
                one(&["signature"]),
                one(&["ocspResponse"]),
                one(&["datumForSignatur"]),
            ],
            label,
            &mut problems,
        );
        if !problems.is_empty() {
            return Err(xml_err(problems.join(" ")));
        }
        let date =
            NaiveDate::parse_from_str(parts[2][0].trimmed_text(), "%Y-%m-%d").map_err(|_| {
                xml_err(format!(
                    "{label}/datumForSignatur ska vara ett datum ÅÅÅÅ-MM-DD."
                ))
            })?;
        signatures.push((label, text_of(parts[0][0]), text_of(parts[1][0]), date));
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
        Assistant::Samordningsnummer => {
            return Err(sig_err(
                "assistent-signatur: en assistent med samordningsnummer kan inte skriva under med BankID; \
                 tidsredovisningen ska lämnas på papper (blankett 3059).",
            ))
        }
        Assistant::Personnummer(id) if *id != signers[0] => {
            return Err(sig_err(
                "assistent-signatur: underskriften är inte gjord av assistenten som dokumentet anger.",
            ))
        }
        Assistant::Personnummer(id) if *id == signers[1] => {
            return Err(sig_err(
                "anordnare-signatur: arbetsgivarens underskrift är gjord av assistenten själv.",
            ))
        }
        Assistant::Personnummer(_) => {}
    }
    Ok((checked.id, Bytes::from(document)))
}

fn text_of(el: &Element) -> String {
    el.text
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The tidredovisning document

enum Assistant {
    Personnummer(String),
    Samordningsnummer,
}

struct Checked {
    id: String,
    assistant: Assistant,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Occurs {
    One,
    Optional,
    Many,
}

/// One place in a sequence of child elements: one of `names`, occurring as `occurs` says.
struct Slot {
    names: &'static [&'static str],
    occurs: Occurs,
}

fn one(names: &'static [&'static str]) -> Slot {
    Slot {
        names,
        occurs: Occurs::One,
    }
}

fn optional(names: &'static [&'static str]) -> Slot {
    Slot {
        names,
        occurs: Occurs::Optional,
    }
}

fn many(names: &'static [&'static str]) -> Slot {
    Slot {
        names,
        occurs: Occurs::Many,
    }
}

/// Matches `el`'s children against `slots` in order. Returns the children found per slot;
/// what is missing, misplaced or unexpected goes to `problems`.
fn sequence<'e>(
    el: &'e Element,
    ns: &str,
    slots: &[Slot],
    path: &str,
    problems: &mut Vec<String>,
) -> Vec<Vec<&'e Element>> {
    let children = &el.children;
    let mut i = 0;
    let mut found = Vec::with_capacity(slots.len());
    for slot in slots {
        let mut here = Vec::new();
        while i < children.len()
            && children[i].ns.as_deref() == Some(ns)
            && slot.names.contains(&children[i].name.as_str())
        {
            here.push(&children[i]);
            i += 1;
            if slot.occurs != Occurs::Many {
                break;
            }
        }
        if here.is_empty() && slot.occurs == Occurs::One {
            let name = slot.names.join(" eller ");
            let elsewhere = children
                .iter()
                .any(|c| slot.names.contains(&c.name.as_str()));
            problems.push(if elsewhere {
                format!("{path}: {name} står på fel plats eller i fel namnrymd.")
            } else {
                format!("{path}: {name} saknas.")
            });
        }
        found.push(here);
    }
    for extra in &children[i..] {
        let known = slots.iter().any(|s| s.names.contains(&extra.name.as_str()));
        if !known || extra.ns.as_deref() != Some(ns) {
            problems.push(format!("{path}: oväntat element {}.", extra.name));
        } else if !problems.iter().any(|p| p.contains(&extra.name)) {
            problems.push(format!("{path}: {} står på fel plats.", extra.name));
        }
    }
    found
}

/// Checks the structure and values of the tidredovisning document; every problem found.
fn check_document(document: &[u8], today: NaiveDate) -> Result<Checked, Vec<String>> {
    let (root, lexical) =
        xml::parse(document).map_err(|e| vec![format!("Tidredovisningen: {}.", e.0)])?;
    let mut p = Vec::new();
    if let Some(problem) = lexical.canonical_problem() {
        p.push(format!(
            "Tidredovisningen är inte i kanonisk form (C14N 1.0): {problem}."
        ));
    }
    if !root.is(DOC_NS, "Tidredovisning") {
        p.push(format!(
            "Rotelementet ska vara Tidredovisning i namnrymden {DOC_NS}."
        ));
        return Err(p);
    }
    let top = sequence(
        &root,
        DOC_NS,
        &[
            one(&["id"]),
            one(&["redovisningsmanad"]),
            one(&["personSomHarAssistans"]),
            one(&["assistent"]),
            one(&["berakningsperiod"]),
            one(&["anstalldAvPersonSomHarAssistans"]),
            optional(&["assistansanordnare"]),
            one(&["tidrapport"]),
            one(&["datumForUnderskriftAnordnare"]),
            one(&["telefonnummerAnordnare"]),
            one(&["datumForUnderskriftAssistent"]),
            one(&["telefonnummerAssistent"]),
        ],
        "Tidredovisning",
        &mut p,
    );
    let leaf = |i: usize| top[i].first().map(|e| e.trimmed_text());
    let mut v = Values {
        problems: &mut p,
        today,
    };

    let id = leaf(0).and_then(|s| match uuid::Uuid::parse_str(s) {
        Ok(_) if s.len() == 36 => Some(s.to_string()),
        _ => {
            v.bad("id", "ska vara ett UUID (8-4-4-4-12 hexadecimala tecken)");
            None
        }
    });

    let month = leaf(1).and_then(|s| {
        let parsed = NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d")
            .ok()
            .filter(|_| s.len() == 7);
        match parsed {
            None => {
                v.bad("redovisningsmanad", "ska skrivas ÅÅÅÅ-MM");
                None
            }
            Some(first) => {
                let last = last_day(first);
                if today <= last {
                    v.bad("redovisningsmanad", "månaden har inte tagit slut än");
                }
                Some((first, last))
            }
        }
    });

    if let Some(person) = top[2].first() {
        let parts = sequence(
            person,
            DOC_NS,
            &[
                one(&["personnummer"]),
                one(&["fornamn"]),
                one(&["efternamn"]),
            ],
            "personSomHarAssistans",
            v.problems,
        );
        if let Some(pnr) = parts[0].first() {
            v.personal_id("personSomHarAssistans/personnummer", pnr.trimmed_text());
        }
        v.non_empty("personSomHarAssistans/fornamn", &parts[1]);
        v.non_empty("personSomHarAssistans/efternamn", &parts[2]);
    }

    let mut assistant = None;
    if let Some(a) = top[3].first() {
        let parts = sequence(
            a,
            DOC_NS,
            &[
                one(&["personnummer", "samordningsnummer"]),
                one(&["fornamn"]),
                one(&["efternamn"]),
                one(&["kollektivavtal"]),
            ],
            "assistent",
            v.problems,
        );
        if let Some(number) = parts[0].first() {
            let field = format!("assistent/{}", number.name);
            let text = number.trimmed_text();
            match (v.personal_id(&field, text), number.name.as_str()) {
                (Some(PersonalIdKind::Personnummer), "personnummer") => {
                    assistant = Some(Assistant::Personnummer(text.to_string()))
                }
                (Some(PersonalIdKind::Samordningsnummer), "samordningsnummer") => {
                    assistant = Some(Assistant::Samordningsnummer)
                }
                (Some(_), _) => v.bad(&field, "numret är inte av det slag som elementet anger"),
                (None, _) => {}
            }
        }
        v.non_empty("assistent/fornamn", &parts[1]);
        v.non_empty("assistent/efternamn", &parts[2]);
        v.boolean("assistent/kollektivavtal", parts[3].first().copied());
    }

    if let Some(period) = top[4].first() {
        let parts = sequence(
            period,
            DOC_NS,
            &[one(&["fromDag"]), one(&["tomDag"])],
            "berakningsperiod",
            v.problems,
        );
        let from = parts[0]
            .first()
            .and_then(|e| v.date("berakningsperiod/fromDag", e.trimmed_text()));
        let to = parts[1]
            .first()
            .and_then(|e| v.date("berakningsperiod/tomDag", e.trimmed_text()));
        if let Some((first, last)) = month {
            if from.is_some_and(|d| d != first) {
                v.bad(
                    "berakningsperiod/fromDag",
                    "ska vara redovisningsmånadens första dag",
                );
            }
            if to.is_some_and(|d| d != last) {
                v.bad(
                    "berakningsperiod/tomDag",
                    "ska vara redovisningsmånadens sista dag",
                );
            }
        }
    }

    let employed_by_person = v.boolean("anstalldAvPersonSomHarAssistans", top[5].first().copied());
    match top[6].first() {
        Some(provider) => check_provider(provider, &mut v),
        None if employed_by_person == Some(false) => v.problems.push(
            "Tidredovisning: assistansanordnare saknas (assistenten är inte anställd av personen)."
                .into(),
        ),
        None => {}
    }

    if let Some(report) = top[7].first() {
        let rows = sequence(
            report,
            DOC_NS,
            &[many(&["rapportRad"])],
            "tidrapport",
            v.problems,
        );
        check_rows(&rows[0], month, &mut v);
    }

    for (i, name) in [
        (8, "datumForUnderskriftAnordnare"),
        (10, "datumForUnderskriftAssistent"),
    ] {
        if let Some(date) = leaf(i).and_then(|s| v.date(name, s)) {
            if let Some((_, last)) = month {
                if date < last {
                    v.bad(
                        name,
                        "underskriften kan inte vara gjord innan månaden är slut",
                    );
                }
            }
            if date > today {
                v.bad(name, "datumet ligger i framtiden");
            }
        }
    }
    for (i, name) in [
        (9, "telefonnummerAnordnare"),
        (11, "telefonnummerAssistent"),
    ] {
        if let Some(s) = leaf(i) {
            v.phone(name, s);
        }
    }

    match (p.is_empty(), id, assistant) {
        (true, Some(id), Some(assistant)) => Ok(Checked { id, assistant }),
        _ if !p.is_empty() => Err(p),
        _ => Err(vec!["Tidredovisningen är ofullständig.".into()]),
    }
}

fn check_provider(provider: &Element, v: &mut Values<'_>) {
    let parts = sequence(
        provider,
        DOC_NS,
        &[
            one(&["anordnareNamn"]),
            one(&["organisationsnummer"]),
            one(&["kontaktperson"]),
            one(&["telefonnummer"]),
            one(&["assistentAnstalldAvAnordnare"]),
            optional(&["annanArbetsgivare"]),
            one(&["assistentEgenForetagare"]),
        ],
        "assistansanordnare",
        v.problems,
    );
    v.non_empty("assistansanordnare/anordnareNamn", &parts[0]);
    if let Some(org) = parts[1].first() {
        v.organisation("assistansanordnare/organisationsnummer", org.trimmed_text());
    }
    v.boolean(
        "assistansanordnare/assistentAnstalldAvAnordnare",
        parts[4].first().copied(),
    );
    if let Some(other) = parts[5].first() {
        let o = sequence(
            other,
            DOC_NS,
            &[one(&["arbetsgivareNamn"]), one(&["organisationsnummer"])],
            "annanArbetsgivare",
            v.problems,
        );
        v.non_empty("annanArbetsgivare/arbetsgivareNamn", &o[0]);
        if let Some(org) = o[1].first() {
            v.organisation("annanArbetsgivare/organisationsnummer", org.trimmed_text());
        }
    }
    v.boolean(
        "assistansanordnare/assistentEgenForetagare",
        parts[6].first().copied(),
    );
}

fn check_rows(rows: &[&Element], month: Option<(NaiveDate, NaiveDate)>, v: &mut Values<'_>) {
    let mut spans: Vec<(u32, u32, u32, usize)> = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let at = format!("rapportRad {}", n + 1);
        let parts = sequence(
            row,
            DOC_NS,
            &[
                one(&["dag"]),
                one(&["fromTid"]),
                one(&["tomTid"]),
                one(&["aktivTid"]),
                one(&["vanteTid"]),
                one(&["beredskapsTid"]),
            ],
            &at,
            v.problems,
        );
        let day = parts[0].first().and_then(|e| {
            let s = e.trimmed_text();
            let days = month.map_or(31, |(_, last)| last.day());
            match s.parse::<u32>() {
                Ok(d)
                    if (1..=2).contains(&s.len())
                        && s.bytes().all(|b| b.is_ascii_digit())
                        && (1..=days).contains(&d) =>
                {
                    Some(d)
                }
                _ => {
                    v.bad(&format!("{at}/dag"), "ska vara en dag i månaden (DD)");
                    None
                }
            }
        });
        let from = parts[1]
            .first()
            .and_then(|e| v.clock(&format!("{at}/fromTid"), e.trimmed_text(), false));
        let to = parts[2]
            .first()
            .and_then(|e| v.clock(&format!("{at}/tomTid"), e.trimmed_text(), true));
        let kinds: Vec<Option<bool>> = (3..6)
            .map(|i| {
                v.boolean(
                    &format!("{at}/{}", ["aktivTid", "vanteTid", "beredskapsTid"][i - 3]),
                    parts[i].first().copied(),
                )
            })
            .collect();
        if kinds.iter().all(Option::is_some)
            && kinds.iter().filter(|k| **k == Some(true)).count() != 1
        {
            v.bad(
                &at,
                "exakt en av aktivTid, vanteTid och beredskapsTid ska vara true",
            );
        }
        if let (Some(from), Some(to)) = (from, to) {
            if to <= from {
                v.bad(&format!("{at}/tomTid"), "ska vara senare än fromTid");
            } else if let Some(day) = day {
                spans.push((day, from, to, n + 1));
            }
        }
    }
    spans.sort();
    for pair in spans.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.0 == b.0 && b.1 < a.2 {
            v.bad(
                &format!("rapportRad {} och {}", a.3, b.3),
                "raderna överlappar varandra",
            );
        }
    }
}

fn last_day(first: NaiveDate) -> NaiveDate {
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).unwrap_or(first)
}

/// Value checks that report into one problem list.
struct Values<'p> {
    problems: &'p mut Vec<String>,
    today: NaiveDate,
}

impl Values<'_> {
    fn bad(&mut self, field: &str, what: &str) {
        self.problems.push(format!("{field}: {what}."));
    }

    fn non_empty(&mut self, field: &str, found: &[&Element]) {
        if found.first().is_some_and(|e| e.trimmed_text().is_empty()) {
            self.bad(field, "får inte vara tomt");
        }
    }

    fn personal_id(&mut self, field: &str, s: &str) -> Option<PersonalIdKind> {
        match check_personal_id(s, self.today) {
            Ok(kind) => Some(kind),
            Err(problem) => {
                self.bad(field, problem.message().trim_end_matches('.'));
                None
            }
        }
    }

    fn organisation(&mut self, field: &str, s: &str) {
        if let Err(problem) = check_organisationsnummer(s) {
            self.bad(field, problem.message().trim_end_matches('.'));
        }
    }

    fn boolean(&mut self, field: &str, el: Option<&Element>) -> Option<bool> {
        let s = el?.trimmed_text();
        if s.eq_ignore_ascii_case("true") {
            Some(true)
        } else if s.eq_ignore_ascii_case("false") {
            Some(false)
        } else {
            self.bad(field, "ska vara true eller false");
            None
        }
    }

    fn date(&mut self, field: &str, s: &str) -> Option<NaiveDate> {
        match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) if s.len() == 10 => Some(d),
            _ => {
                self.bad(field, "ska vara ett datum ÅÅÅÅ-MM-DD");
                None
            }
        }
    }

    /// `H.MM` or `HH.MM` as minutes after midnight; `24.00` only where `end` is set.
    fn clock(&mut self, field: &str, s: &str, end: bool) -> Option<u32> {
        let parsed = s.split_once('.').and_then(|(h, m)| {
            let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
            if !(1..=2).contains(&h.len()) || m.len() != 2 || !digits(h) || !digits(m) {
                return None;
            }
            let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
            match (h, m) {
                (24, 0) if end => Some(24 * 60),
                (0..=23, 0..=59) => Some(h * 60 + m),
                _ => None,
            }
        });
        if parsed.is_none() {
            self.bad(
                field,
                if end {
                    "ska vara ett klockslag H.MM eller HH.MM mellan 0.00 och 24.00"
                } else {
                    "ska vara ett klockslag H.MM eller HH.MM mellan 0.00 och 23.59"
                },
            );
        }
        parsed
    }

    fn phone(&mut self, field: &str, s: &str) {
        let digits = s.chars().filter(char::is_ascii_digit).count();
        if digits < 6 || !s.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) {
            self.bad(field, "ska vara ett telefonnummer med minst sex siffror");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_forms() {
        let mut p = Vec::new();
        let mut v = Values {
            problems: &mut p,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        };
        assert_eq!(v.clock("t", "1.00", false), Some(60));
        assert_eq!(v.clock("t", "07.30", false), Some(450));
        assert_eq!(v.clock("t", "24.00", true), Some(1440));
        assert_eq!(v.clock("t", "24.00", false), None);
        assert_eq!(v.clock("t", "7:30", false), None);
        assert_eq!(v.clock("t", "7.3", false), None);
        assert_eq!(v.clock("t", "24.01", true), None);
        assert_eq!(p.len(), 4);
    }

    #[test]
    fn last_days() {
        assert_eq!(
            last_day(NaiveDate::from_ymd_opt(2024, 2, 1).unwrap()).day(),
            29
        );
        assert_eq!(
            last_day(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()).day(),
            31
        );
    }
}
