//! The SOAP 1.1 side of ELT (elt.md, "Transport", "Request", "Response"): the request
//! envelope around a signed tidredovisning document, and the reading of FK's reply. Every
//! element name and namespace of the envelope and the reply is in this one module.
//!
//! # Request
//!
//! `POST` with `Content-Type: `[`CONTENT_TYPE`] and `SOAPAction: `[`SOAP_ACTION`] (quoted, as
//! SOAP 1.1 writes it). The body, without an XML declaration (UTF-8 is XML's default) and
//! without whitespace between elements:
//!
//! ```text
//! soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
//!   soapenv:Body
//!     SkickaTidredovisning xmlns="urn:shs:emottagning:SkickaTidredovisning:1"
//!       tidredovisning xmlns:xmime="http://www.w3.org/2005/05/xmlmime"
//!                      xmime:contentType="application/xml"     base64 of the document
//!       assistent-signatur   signature, ocspResponse, datumForSignatur (YYYY-MM-DD)
//!       anordnare-signatur   signature, ocspResponse, datumForSignatur
//! ```
//!
//! Base64 is the standard alphabet with padding, on one line. `signature` and `ocspResponse`
//! are BankID's `completionData.signature` and `.ocspResponse` exactly as received (already
//! base64). No SOAP `Header` is sent.
//!
//! # Reply
//!
//! [`parse_reply`] reads the envelope (root `Envelope` in the SOAP 1.1 namespace, then `Body`):
//!
//! - `200` with `SkickaTidredovisningResponse/tx-id` → [`Reply::Accepted`];
//! - a `Fault` (any status; FK answers 500): the kind is the local name of the first element
//!   in `detail` (`XmlValidationError`, `SignatureValidationError`, `RateLimitExceeded`,
//!   anything else is [`FaultKind::Other`]), the message is that element's `message` child,
//!   else `faultstring`. Without `detail` the kind is `Other(faultstring)`.
//!
//! Anything else (not XML, another envelope, a 200 without a tx-id, an HTML error page) is an
//! [`UnreadableReply`] that keeps the status and the raw body.
//!
//! Hostile input ([`crate::remote`]): elements nested deeper than [`MAX_DEPTH`] are refused
//! while reading (no tree of unbounded depth is built, and none is dropped recursively); a
//! DOCTYPE is refused (no entity expansion); the tx-id must be 1–[`MAX_TX_ID`] characters of
//! `A–Z a–z 0–9 -_.:+/=`; FK's message and the fault's kind are cut to [`MAX_MESSAGE`] and
//! [`MAX_KIND`] characters, control characters but line breaks replaced by spaces.
//!
//! Decision: the service's elements in the reply are matched by local name, whatever their
//! namespace (FK's real namespace of the response and the fault detail is unconfirmed); the
//! envelope must be SOAP 1.1's.

use std::fmt;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chrono::NaiveDate;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::c14n::{escape_attribute, escape_text};

/// The SOAP 1.1 envelope namespace.
pub const SOAP_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// The namespace of `SkickaTidredovisning` and its children.
pub const SERVICE_NS: &str = "urn:shs:emottagning:SkickaTidredovisning:1";
/// The namespace of the `xmime:contentType` attribute.
pub const XMIME_NS: &str = "http://www.w3.org/2005/05/xmlmime";
/// The value of the `SOAPAction` header, with its quotes.
pub const SOAP_ACTION: &str =
    "\"urn:shs:emottagning:SkickaTidredovisningResponder:1:SkickaTidredovisning\"";
/// The request's `Content-Type`.
pub const CONTENT_TYPE: &str = "text/xml; charset=utf-8";

/// The deepest nesting of elements read in a reply (FK's fault is 4 levels deep).
pub const MAX_DEPTH: usize = 32;
/// The longest tx-id taken.
pub const MAX_TX_ID: usize = 128;
/// The longest fault message kept, in characters.
pub const MAX_MESSAGE: usize = 2000;
/// The longest fault kind (the detail element's name or the faultstring) kept, in characters.
pub const MAX_KIND: usize = 200;

/// One BankID signature as the envelope carries it.
///
/// `Debug` prints the lengths of `signature` and `ocsp_response`, not their content.
#[derive(Clone, PartialEq, Eq)]
pub struct Signature {
    /// Base64, BankID's `completionData.signature` as received.
    pub signature: String,
    /// Base64, BankID's `completionData.ocspResponse` as received.
    pub ocsp_response: String,
    /// The signing date (Europe/Stockholm): `datumForSignatur`.
    pub date: NaiveDate,
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signature")
            .field(
                "signature",
                &format_args!("[{} chars]", self.signature.len()),
            )
            .field(
                "ocsp_response",
                &format_args!("[{} chars]", self.ocsp_response.len()),
            )
            .field("date", &self.date)
            .finish()
    }
}

/// The request body for `document` (its exact bytes) signed by the assistant and the employer.
pub fn envelope(document: &[u8], assistant: &Signature, employer: &Signature) -> Vec<u8> {
    let encoded = B64.encode(document);
    let mut out = String::with_capacity(encoded.len() + 1024);
    out.push_str("<soapenv:Envelope xmlns:soapenv=\"");
    escape_attribute(SOAP_ENV_NS, &mut out);
    out.push_str("\"><soapenv:Body><SkickaTidredovisning xmlns=\"");
    escape_attribute(SERVICE_NS, &mut out);
    out.push_str("\"><tidredovisning xmlns:xmime=\"");
    escape_attribute(XMIME_NS, &mut out);
    out.push_str("\" xmime:contentType=\"application/xml\">");
    out.push_str(&encoded);
    out.push_str("</tidredovisning>");
    signature("assistent-signatur", assistant, &mut out);
    signature("anordnare-signatur", employer, &mut out);
    out.push_str("</SkickaTidredovisning></soapenv:Body></soapenv:Envelope>");
    out.into_bytes()
}

fn signature(name: &str, s: &Signature, out: &mut String) {
    let leaf = |out: &mut String, name: &str, text: &str| {
        out.push('<');
        out.push_str(name);
        out.push('>');
        escape_text(text, out);
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    };
    out.push('<');
    out.push_str(name);
    out.push('>');
    leaf(out, "signature", s.signature.trim());
    leaf(out, "ocspResponse", s.ocsp_response.trim());
    leaf(
        out,
        "datumForSignatur",
        &s.date.format("%Y-%m-%d").to_string(),
    );
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// FK's kind of fault (`detail`'s element).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    /// `XmlValidationError`: the envelope or the document is wrong.
    XmlValidation,
    /// `SignatureValidationError`: a signature is wrong, or signed by the wrong person.
    SignatureValidation,
    /// `RateLimitExceeded`: more than about one request per second.
    RateLimitExceeded,
    /// Any other kind: the detail element's local name (or the faultstring without detail).
    Other(String),
}

impl FaultKind {
    fn parse(name: &str) -> FaultKind {
        match name {
            "XmlValidationError" => FaultKind::XmlValidation,
            "SignatureValidationError" => FaultKind::SignatureValidation,
            "RateLimitExceeded" => FaultKind::RateLimitExceeded,
            other => FaultKind::Other(other.to_string()),
        }
    }

    /// FK's name of the kind.
    pub fn as_str(&self) -> &str {
        match self {
            FaultKind::XmlValidation => "XmlValidationError",
            FaultKind::SignatureValidation => "SignatureValidationError",
            FaultKind::RateLimitExceeded => "RateLimitExceeded",
            FaultKind::Other(name) => name,
        }
    }
}

/// What FK answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Received; `tx_id` is FK's transaction id, to store with the report.
    Accepted { tx_id: String },
    /// Refused, with FK's explanation.
    Fault { kind: FaultKind, message: String },
}

/// A reply that is neither an acceptance nor a SOAP fault. Keeps what arrived.
///
/// `Debug` prints the status, the problem and the body's length.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error("Svaret från Försäkringskassan gick inte att tolka (HTTP-status {status}).")]
pub struct UnreadableReply {
    pub status: u16,
    pub body: Vec<u8>,
    /// What was wrong with it, for the log (English, no content of the body).
    pub problem: String,
}

impl fmt::Debug for UnreadableReply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnreadableReply")
            .field("status", &self.status)
            .field("problem", &self.problem)
            .field("body", &format_args!("[{} bytes]", self.body.len()))
            .finish()
    }
}

impl UnreadableReply {
    /// The body as text (lossy UTF-8).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Reads FK's reply to a `SkickaTidredovisning` request.
pub fn parse_reply(status: u16, body: &[u8]) -> Result<Reply, UnreadableReply> {
    let unreadable = |problem: &str| UnreadableReply {
        status,
        body: body.to_vec(),
        problem: problem.to_string(),
    };
    let root = parse_tree(body).map_err(|p| unreadable(&p))?;
    if !(root.soap && root.name == "Envelope") {
        return Err(unreadable("the root is not a SOAP 1.1 Envelope"));
    }
    let body_el = root
        .children
        .iter()
        .find(|c| c.soap && c.name == "Body")
        .ok_or_else(|| unreadable("the envelope has no Body"))?;
    let content = body_el
        .children
        .first()
        .ok_or_else(|| unreadable("the Body is empty"))?;
    if content.soap && content.name == "Fault" {
        let faultstring = content
            .child("faultstring")
            .map(|e| e.text.trim().to_string())
            .unwrap_or_default();
        let detail = content.child("detail").and_then(|d| d.children.first());
        return Ok(match detail {
            Some(kind) => Reply::Fault {
                kind: FaultKind::parse(&clean(&kind.name, MAX_KIND)),
                message: clean(
                    &kind
                        .child("message")
                        .map(|m| m.text.trim().to_string())
                        .filter(|m| !m.is_empty())
                        .unwrap_or(faultstring),
                    MAX_MESSAGE,
                ),
            },
            None => Reply::Fault {
                kind: FaultKind::Other(clean(&faultstring, MAX_KIND)),
                message: clean(&faultstring, MAX_MESSAGE),
            },
        });
    }
    if content.name != "SkickaTidredovisningResponse" {
        return Err(unreadable("the Body holds neither a response nor a Fault"));
    }
    if status != 200 {
        return Err(unreadable("a response with a status other than 200"));
    }
    let tx_id = content
        .child("tx-id")
        .map(|t| t.text.trim().to_string())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| unreadable("the response has no tx-id"))?;
    if !crate::remote::token(&tx_id, MAX_TX_ID) {
        return Err(unreadable("the tx-id has the wrong length or shape"));
    }
    Ok(Reply::Accepted { tx_id })
}

/// `text` cut to `max` characters, control characters but line breaks made spaces.
fn clean(text: &str, max: usize) -> String {
    crate::remote::cut(text, max)
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

/// An element of the reply: whether it is in the SOAP 1.1 namespace, its local name, its
/// direct text and its element children.
struct Node {
    soap: bool,
    name: String,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }
}

fn parse_tree(input: &[u8]) -> Result<Node, String> {
    let text = std::str::from_utf8(input).map_err(|_| "not UTF-8".to_string())?;
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Node> = Vec::new();
    let mut root = None;
    loop {
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("not well-formed XML: {e}"))?;
        let soap = matches!(ns, ResolveResult::Bound(n) if n.into_inner() == SOAP_ENV_NS);
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if root.is_some() {
                    return Err("content after the root element".into());
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("elements nested deeper than {MAX_DEPTH}"));
                }
                let node = Node {
                    soap,
                    name: e.local_name().into_inner().to_string(),
                    text: String::new(),
                    children: Vec::new(),
                };
                if matches!(event, Event::Empty(_)) {
                    close(&mut stack, &mut root, node);
                } else {
                    stack.push(node);
                }
            }
            Event::End(_) => {
                let node = stack.pop().ok_or("an unexpected end tag")?;
                close(&mut stack, &mut root, node);
            }
            Event::Text(t) => {
                let t = t.into_inner();
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t);
                } else if !t.trim().is_empty() {
                    return Err("text outside the root element".into());
                }
            }
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref()
                        .map_err(|e| format!("a bad character reference: {e}"))?
                        .ok_or("a bad character reference")?
                } else {
                    match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        _ => return Err("an unknown entity".into()),
                    }
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push(c);
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c.into_inner());
                }
            }
            Event::DocType(_) => return Err("a DOCTYPE".into()),
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err("the reply ends inside an element".into());
    }
    root.ok_or_else(|| "no root element".to_string())
}

fn close(stack: &mut [Node], root: &mut Option<Node>, node: Node) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(node),
        None => *root = Some(node),
    }
}

#[cfg(test)]
#[path = "soap_tests.rs"]
mod tests;
