//! The call journal and FK's support report (erak.md, "Support report").
//!
//! Every call to E-RÄK, ELT and BankID is kept with its time, endpoint, HTTP status, duration
//! and a redacted body. Redaction happens before anything is written and works by
//! **allowlist**: only fields known to be safe are kept (status codes, ids that are not
//! personal, kinds, counts, timestamps); fields known to be personal or not needed become
//! `[redacted]`; anything unknown is dropped, so a name under a key nobody foresaw never
//! reaches the journal.
//!
//! - JSON (E-RÄK, BankID): each value is looked up by its path ([`JSON_RULES`]; array items
//!   share their array's path). `Keep`: numbers and booleans as they are, strings through
//!   [`mask_digits`]; `Redact`: `[redacted]` (the whole object or list when the path is one);
//!   `Length`: a string becomes `[N tecken]` (BankID's texts, signature, OCSP response);
//!   `Id`: a fingerprint or orderRef kept as it is when it has the shape of an id;
//!   `Open`: an object whose own fields are looked up in turn; `Url`: `returnUrl` and
//!   `signalUrl` without their query values (the listener's one-time states). Unknown paths are dropped. The
//!   invoice's person, signer's identity, phone, LSS answers, hospital stays and amounts are
//!   `[redacted]`; the scenario, month, minute totals, yes/no answers and statuses are kept.
//! - XML (ELT's SOAP request and reply): element by local name ([`xml_rule`]): the envelope's
//!   and the fault's elements are kept as tags (attributes dropped); `tx-id` as it is when it
//!   has the shape of an id; the text of `faultcode`, `faultstring`, `message`, `datumForSignatur` is kept through
//!   [`mask_digits`]; the base64 tidredovisning (which names people) becomes its length and
//!   SHA-256, `signature` and `ocspResponse` their length; the text of any other element is
//!   dropped. XML that cannot be read (or is nested deeper than 32) becomes its size only.
//! - Anything else (an HTML error page, plain text): [`mask_digits`].
//!
//! [`mask_digits`] first normalises Unicode look-alikes (no-break and thin spaces, en and em
//! dashes, the minus sign, hyphen variants, middle and full-width dots, full-width digits)
//! to ASCII, then replaces every run of digits with separators (space, `-`, `+`, `.`, `/`)
//! holding six or more digits that stands on its own, and every run of ten or more digits
//! wherever it stands, with `[nummer]`; so `19 121212–1212` and `19121212.1212` never
//! survive. Dates (`YYYY-MM-DD`, `YYYY-MM`) are kept.
//!
//! The E-RÄK key never reaches this module: the transport adds it, and the journal keeps only
//! the header's name. The support report names the key by a short hash (`keyId`), never by
//! its value.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use quick_xml::events::Event;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::store::CallRecord;

/// What the journal keeps of one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Kept: numbers and booleans as they are, strings through [`mask_digits`].
    Keep,
    /// An identifier that names no person (fingerprint, orderRef, tx-id): kept as it is when
    /// it has the shape of one ([`crate::remote::token`], at most 200 characters), else
    /// `[redacted]`.
    Id,
    /// Replaced by `[redacted]`.
    Redact,
    /// A string replaced by its length.
    Length,
    /// An object (or list of objects) whose fields are looked up in turn.
    Open,
    /// A URL: scheme, host, port and path (digits masked) kept; each query value replaced
    /// (`state` by `[state]`, any other by `[redacted]`); user, password and fragment dropped.
    Url,
}

/// The longest identifier kept as it is.
const MAX_ID: usize = 200;

/// The placeholder of every redacted value.
pub const REDACTED: &str = "[redacted]";

/// Every JSON path the journal knows (array items share their array's path). Paths not listed
/// are dropped.
pub const JSON_RULES: &[(&str, Rule)] = &[
    // E-RÄK create request (erak/wire.rs).
    ("supplier", Rule::Open),
    ("supplier.name", Rule::Keep),
    ("supplier.id", Rule::Keep),
    ("returnUrl", Rule::Url),
    ("signalUrl", Rule::Url),
    ("invoice", Rule::Open),
    ("invoice.scenario", Rule::Keep),
    ("invoice.year", Rule::Keep),
    ("invoice.month", Rule::Keep),
    ("invoice.person", Rule::Redact),
    ("invoice.totals", Rule::Open),
    ("invoice.totals.activeMinutes", Rule::Keep),
    ("invoice.totals.waitingMinutes", Rule::Keep),
    ("invoice.totals.standbyMinutes", Rule::Keep),
    ("invoice.answers", Rule::Open),
    ("invoice.answers.lssActivity", Rule::Redact),
    ("invoice.answers.hospitalStay", Rule::Redact),
    ("invoice.answers.outsideEea", Rule::Open),
    ("invoice.answers.outsideEea.answer", Rule::Keep),
    ("invoice.answers.previousPayment", Rule::Open),
    ("invoice.answers.previousPayment.answer", Rule::Keep),
    ("invoice.answers.previousPayment.remainingOre", Rule::Redact),
    ("invoice.answers.lastMonthOfPeriod", Rule::Keep),
    ("invoice.answers.costs", Rule::Redact),
    ("invoice.answers.period", Rule::Open),
    ("invoice.answers.period.from", Rule::Keep),
    ("invoice.answers.period.to", Rule::Keep),
    ("invoice.answers.moneyLeft", Rule::Open),
    ("invoice.answers.moneyLeft.answer", Rule::Keep),
    ("invoice.answers.moneyLeft.amountOre", Rule::Redact),
    ("invoice.answers.repayment", Rule::Keep),
    ("invoice.signer", Rule::Open),
    ("invoice.signer.role", Rule::Keep),
    ("invoice.signer.personnummer", Rule::Redact),
    ("invoice.signer.nameInPrint", Rule::Redact),
    ("invoice.phone", Rule::Redact),
    // E-RÄK replies.
    ("fingerprint", Rule::Id),
    ("status", Rule::Keep),
    ("errors", Rule::Open),
    ("errors.field", Rule::Keep),
    ("errors.message", Rule::Redact),
    // BankID requests and answers (bankid/wire.rs).
    ("endUserIp", Rule::Redact),
    ("userVisibleData", Rule::Length),
    ("userVisibleDataFormat", Rule::Keep),
    ("userNonVisibleData", Rule::Length),
    ("requirement", Rule::Open),
    ("requirement.personalNumber", Rule::Redact),
    ("orderRef", Rule::Id),
    ("autoStartToken", Rule::Redact),
    ("qrStartToken", Rule::Redact),
    ("qrStartSecret", Rule::Redact),
    ("hintCode", Rule::Keep),
    ("completionData", Rule::Open),
    ("completionData.user", Rule::Redact),
    ("completionData.device", Rule::Redact),
    ("completionData.bankIdIssueDate", Rule::Redact),
    ("completionData.stepUp", Rule::Redact),
    ("completionData.signature", Rule::Length),
    ("completionData.ocspResponse", Rule::Length),
    ("completionData.risk", Rule::Keep),
    ("errorCode", Rule::Keep),
    ("details", Rule::Redact),
];

fn json_rule(path: &str) -> Option<Rule> {
    JSON_RULES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, rule)| *rule)
}

/// What the journal keeps of an XML element's text, by the element's local name.
pub fn xml_rule(local_name: &str) -> Option<XmlRule> {
    Some(match local_name {
        "Envelope"
        | "Header"
        | "Body"
        | "SkickaTidredovisning"
        | "assistent-signatur"
        | "anordnare-signatur"
        | "SkickaTidredovisningResponse"
        | "Fault"
        | "detail" => XmlRule::Tag,
        "tx-id" => XmlRule::Id,
        "faultcode" | "faultstring" | "faultactor" | "message" | "datumForSignatur" => {
            XmlRule::Text
        }
        "tidredovisning" => XmlRule::Document,
        "signature" | "ocspResponse" => XmlRule::Length,
        _ => return None,
    })
}

/// What the journal keeps of an XML element (see the module doc). Elements without a rule
/// keep their tag, and their text is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlRule {
    Tag,
    Id,
    Text,
    Document,
    Length,
}

/// The body as the journal may keep it.
pub fn redact(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Ok(value) = serde_json::from_str::<Value>(trimmed) {
            return redact_json(value, "").to_string();
        }
    }
    if trimmed.starts_with('<') {
        return redact_xml(trimmed);
    }
    mask_digits(&text)
}

fn child_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// `value` found at `path`, which is `Open` (or the root).
fn redact_json(value: Value, path: &str) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, v) in map {
                let child = child_path(path, &key);
                let Some(rule) = json_rule(&child) else {
                    continue; // unknown: dropped
                };
                out.insert(key, apply(rule, v, &child));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| redact_json(item, path))
                .collect(),
        ),
        Value::Null => Value::Null,
        _ => Value::String(REDACTED.into()),
    }
}

fn apply(rule: Rule, value: Value, path: &str) -> Value {
    match (rule, value) {
        (_, Value::Null) => Value::Null,
        (Rule::Open, v) => redact_json(v, path),
        (Rule::Keep, Value::String(s)) => Value::String(mask_digits(&s)),
        (Rule::Keep, v @ (Value::Bool(_) | Value::Number(_))) => v,
        (Rule::Id, Value::String(s)) if crate::remote::token(&s, MAX_ID) => Value::String(s),
        (Rule::Keep, Value::Array(items)) => Value::Array(
            items
                .into_iter()
                .map(|item| apply(Rule::Keep, item, path))
                .collect(),
        ),
        (Rule::Url, Value::String(s)) => Value::String(redact_url(&s)),
        (Rule::Length, Value::String(s)) => {
            Value::String(format!("[{} tecken]", s.chars().count()))
        }
        _ => Value::String(REDACTED.into()),
    }
}

/// A URL as the journal keeps it ([`Rule::Url`]); `[redacted]` when it is not one.
fn redact_url(text: &str) -> String {
    let Ok(url) = url::Url::parse(text) else {
        return REDACTED.into();
    };
    let mut out = format!("{}://{}", url.scheme(), url.host_str().unwrap_or_default());
    if let Some(port) = url.port() {
        out.push_str(&format!(":{port}"));
    }
    out.push_str(&mask_digits(url.path()));
    if let Some(query) = url.query() {
        let pairs: Vec<String> = url::form_urlencoded::parse(query.as_bytes())
            .map(|(key, _)| {
                let value = if key == "state" { "[state]" } else { REDACTED };
                format!("{}={value}", mask_digits(&key))
            })
            .collect();
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    out
}

/// The XML skeleton the journal keeps (module doc); XML that cannot be read: its size only.
fn redact_xml(text: &str) -> String {
    xml_skeleton(text)
        .unwrap_or_else(|| format!("[XML som inte gick att läsa: {} byte]", text.len()))
}

fn xml_skeleton(text: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    // (qualified name, rule, text)
    let mut stack: Vec<(String, Option<XmlRule>, String)> = Vec::new();
    let mut out = String::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => {
                if stack.len() >= crate::elt::soap::MAX_DEPTH {
                    return None;
                }
                let name = e.name().into_inner().to_string();
                let local = e.local_name().into_inner().to_string();
                out.push('<');
                out.push_str(&mask_digits(&name));
                out.push('>');
                stack.push((name, xml_rule(&local), String::new()));
            }
            Event::Empty(e) => {
                let name = e.name().into_inner().to_string();
                out.push('<');
                out.push_str(&mask_digits(&name));
                out.push_str("/>");
            }
            Event::End(_) => {
                let (name, rule, content) = stack.pop()?;
                match rule {
                    Some(XmlRule::Text) => out.push_str(&escape(&mask_digits(content.trim()))),
                    Some(XmlRule::Document) => {
                        let compact: String =
                            content.chars().filter(|c| !c.is_whitespace()).collect();
                        match B64.decode(compact.as_bytes()) {
                            Ok(bytes) => out.push_str(&format!(
                                "[tidsredovisning: {} byte, sha256 {}]",
                                bytes.len(),
                                hex::encode(Sha256::digest(&bytes))
                            )),
                            Err(_) => out.push_str(&format!("[{} tecken]", compact.len())),
                        }
                    }
                    Some(XmlRule::Length) => {
                        let length = content.chars().filter(|c| !c.is_whitespace()).count();
                        out.push_str(&format!("[{length} tecken]"));
                    }
                    Some(XmlRule::Id) if crate::remote::token(content.trim(), MAX_ID) => {
                        out.push_str(content.trim())
                    }
                    Some(XmlRule::Id) => out.push_str(REDACTED),
                    Some(XmlRule::Tag) => {}
                    None if content.trim().is_empty() => {}
                    None => out.push_str(REDACTED),
                }
                out.push_str("</");
                out.push_str(&mask_digits(&name));
                out.push('>');
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.2.push_str(&t.into_inner());
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.2.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    let c = match r.resolve_char_ref().ok()? {
                        Some(c) => c,
                        None => match &*r {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            _ => return None,
                        },
                    };
                    top.2.push(c);
                }
            }
            Event::DocType(_) => return None,
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    stack.is_empty().then_some(out)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Unicode look-alikes of digits and separators, as ASCII (module doc).
fn normalise(c: char) -> char {
    match c {
        '\u{ff10}'..='\u{ff19}' => char::from(b'0' + (c as u32 - 0xff10) as u8),
        '\u{a0}' | '\u{2000}'..='\u{200b}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\t' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' | '\u{ad}' => {
            '-'
        }
        '\u{b7}' | '\u{2024}' | '\u{2027}' | '\u{ff0e}' | '\u{3002}' | '\u{ff61}' => '.',
        '\u{ff0b}' => '+',
        '\u{ff0f}' | '\u{2044}' | '\u{2215}' => '/',
        other => other,
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, '-' | ' ' | '+' | '.' | '/')
}

/// Normalises Unicode look-alikes, then replaces every run of six or more digits (single
/// separators `-`, space, `+`, `.`, `/` between them allowed) that stands on its own (not
/// inside a word such as a hash or a UUID), and every run of ten or more digits wherever it
/// stands, with `[nummer]`. Dates (`YYYY-MM-DD`, `YYYY-MM`) are kept.
pub fn mask_digits(text: &str) -> String {
    let chars: Vec<char> = text.chars().map(normalise).collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut j = i;
            let mut digits = 0;
            while j < chars.len()
                && (chars[j].is_ascii_digit()
                    || (is_separator(chars[j])
                        && j + 1 < chars.len()
                        && chars[j + 1].is_ascii_digit()))
            {
                if chars[j].is_ascii_digit() {
                    digits += 1;
                }
                j += 1;
            }
            let run: String = chars[i..j].iter().collect();
            // Digits inside a word (a hash, a UUID, a token) are not a number of a person,
            // unless there are as many as in a personnummer or a phone number.
            let in_word = (i > 0 && chars[i - 1].is_alphanumeric())
                || chars.get(j).is_some_and(|c| c.is_alphanumeric());
            if !is_date(&run) && (digits >= 10 || (digits >= 6 && !in_word)) {
                out.push_str("[nummer]");
            } else {
                out.push_str(&run);
            }
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// `YYYY-MM` or `YYYY-MM-DD` (dates and months are not personal data by themselves).
fn is_date(run: &str) -> bool {
    let b = run.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let month = b.len() >= 7 && (0..4).all(digit) && b[4] == b'-' && digit(5) && digit(6);
    match b.len() {
        7 => month,
        10 => month && b[7] == b'-' && digit(8) && digit(9),
        _ => false,
    }
}

/// A short, non-reversible name for the E-RÄK key: `sha256:` and the first 8 hex digits.
pub fn key_id(key: &[u8]) -> String {
    format!("sha256:{}", &hex::encode(Sha256::digest(key))[..8])
}

/// What FK's support asks for (erak.md): the key's identifier, the fingerprint, the times of the
/// calls to `public/v1/create` and the requests with their bodies, with no personal data: each
/// body goes through the allowlist again ([`redact`]: an older row may predate a rule), so
/// hospital stays, LSS answers, amounts, the person, the signer and the phone are
/// `[redacted]` and unknown fields are gone.
pub struct SupportInput<'a> {
    pub generated_at: &'a str,
    pub app_version: &'a str,
    pub environment: &'a str,
    pub supplier_name: &'a str,
    pub supplier_id: &'a str,
    pub key_header: &'a str,
    pub key_id: Option<String>,
    pub fingerprint: Option<&'a str>,
    /// Journal entries (already redacted), newest first.
    pub calls: &'a [CallRecord],
}

/// The support report as pretty JSON.
pub fn support_report(input: &SupportInput<'_>) -> String {
    let calls: Vec<Value> = input
        .calls
        .iter()
        .filter(|c| c.service == "erak")
        .map(|c| {
            let mut entry = Map::new();
            entry.insert("at".into(), json!(c.at));
            entry.insert("endpoint".into(), json!(mask_digits(&c.endpoint)));
            entry.insert("status".into(), json!(c.status));
            entry.insert("durationMs".into(), json!(c.duration_ms));
            entry.insert("fingerprint".into(), json!(c.fingerprint));
            // Stored redacted; redact again in case an older row predates a rule.
            entry.insert("body".into(), json!(redact(c.body.as_bytes())));
            Value::Object(entry)
        })
        .collect();
    let report = json!({
        "generatedAt": input.generated_at,
        "app": { "name": "Timbok", "version": input.app_version, "environment": input.environment },
        "supplier": { "name": input.supplier_name, "id": input.supplier_id },
        "keyHeader": input.key_header,
        "keyId": input.key_id,
        "fingerprint": input.fingerprint,
        "createCalls": input.calls.iter().filter(|c| c.endpoint.ends_with("/public/v1/create")).map(|c| c.at.clone()).collect::<Vec<_>>(),
        "calls": calls,
    });
    serde_json::to_string_pretty(&report).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_bodies_lose_every_personal_value() {
        let body = br#"{"supplier":{"name":"Timbok AB","id":"5560000000"},"returnUrl":"http://127.0.0.1:1/return?state=x",
            "invoice":{"scenario":"E","person":{"personnummer":"201605129988","firstName":"Alva","lastName":"Ek"},
            "signer":{"role":"vardnadshavare","personnummer":"198403079984","nameInPrint":"Maria Ek"},
            "phone":"070-123 45 67","answers":{"hospitalStay":{"answer":false}}}}"#;
        let out = redact(body);
        for secret in [
            "201605129988",
            "198403079984",
            "Alva",
            "Ek\"",
            "Maria",
            "070-123",
            "45 67",
        ] {
            assert!(!out.contains(secret), "{secret} left in {out}");
        }
        assert!(out.contains("Timbok AB"), "{out}");
        let value: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["invoice"]["person"], REDACTED);
        assert_eq!(value["invoice"]["signer"]["personnummer"], REDACTED);
        assert_eq!(value["invoice"]["signer"]["nameInPrint"], REDACTED);
        assert_eq!(value["invoice"]["signer"]["role"], "vardnadshavare");
        assert_eq!(value["invoice"]["phone"], REDACTED);
        assert_eq!(value["supplier"]["id"], "[nummer]");
        assert_eq!(
            value["returnUrl"],
            "http://127.0.0.1:1/return?state=[state]"
        );
        assert!(out.contains("\"scenario\":\"E\""), "{out}");
    }

    /// Every way of writing Tolvan Tolvansson's personnummer that a person or a server might.
    const WRITTEN: &[&str] = &[
        "19121212-1212",
        "191212121212",
        "19 121212\u{2013}1212",
        "19\u{a0}121212\u{2014}1212",
        "19121212.1212",
        "1912\u{2009}1212\u{2011}1212",
        "121212\u{2212}1212",
        "\u{ff11}\u{ff19}\u{ff11}\u{ff12}\u{ff11}\u{ff12}\u{ff11}\u{ff12}\u{ff0d}\u{ff11}\u{ff12}\u{ff11}\u{ff12}",
        "19121212\u{b7}1212",
        "pnr19121212-1212",
    ];

    fn no_personnummer_in(out: &str) {
        let digits: String = out
            .chars()
            .map(normalise)
            .filter(char::is_ascii_digit)
            .collect();
        assert!(
            !digits.contains("1212121212"),
            "a personnummer survived in {out}"
        );
        for name in ["Tolvan", "Tolvansson", "Alva", "Maria"] {
            assert!(!out.contains(name), "{name} survived in {out}");
        }
    }

    #[test]
    fn numbers_written_with_unicode_separators_are_masked() {
        for written in WRITTEN {
            // (`pnr` glued to the number stays, the number does not.)
            let out = mask_digits(&format!("Personnummer {written} är fel")).replace("pnr[", "[");
            assert_eq!(out, "Personnummer [nummer] är fel", "{written:?}");
        }
        assert_eq!(
            mask_digits("tel 070\u{a0}123\u{a0}45\u{a0}67"),
            "tel [nummer]"
        );
        // Dates, small numbers and UUIDs are kept.
        assert_eq!(mask_digits("2025\u{2013}11\u{2013}03"), "2025-11-03");
        assert_eq!(mask_digits("12 345 minuter"), "12 345 minuter");
        assert_eq!(
            mask_digits("131daac9-16c6-4618-beb0-365768f37288"),
            "131daac9-16c6-4618-beb0-365768f37288"
        );
    }

    #[test]
    fn erak_json_keeps_only_what_is_known_to_be_safe() {
        for written in WRITTEN {
            let body = json!({
                "supplier": {"name": "Timbok AB", "id": "timbok"},
                "invoice": {
                    "scenario": "E", "year": 2025, "month": 11,
                    "person": {"personnummer": written, "firstName": "Alva", "lastName": "Ek"},
                    "totals": {"activeMinutes": 9000, "waitingMinutes": 0, "standbyMinutes": 60},
                    "answers": {
                        "lssActivity": {"answer": true, "kinds": ["skola"]},
                        "hospitalStay": {"answer": true, "dates": [{"from": "2025-11-03T08:00", "to": "2025-11-05T12:00"}]},
                        "outsideEea": {"answer": false},
                        "note": "Alva var sjuk"
                    },
                    "signer": {"role": "vardnadshavare", "personnummer": written, "nameInPrint": "Maria Ek"},
                    "phone": "070-123 45 67",
                    "comment": "Tolvan Tolvansson"
                },
                "assistant": {"name": "Tolvan"},
                "errors": [{"field": format!("invoice.person {written}"), "message": "Tolvan Tolvansson har fel personnummer"}],
                "fingerprint": "fp-1", "status": "RECEIVED"
            });
            let out = redact(body.to_string().as_bytes());
            no_personnummer_in(&out);
            let value: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(value["invoice"]["answers"]["lssActivity"], REDACTED);
            assert_eq!(value["invoice"]["answers"]["hospitalStay"], REDACTED);
            assert!(
                !out.contains("skola") && !out.contains("2025-11-03"),
                "{out}"
            );
            assert_eq!(value["invoice"]["answers"]["outsideEea"]["answer"], false);
            assert!(
                value["invoice"]["answers"].get("note").is_none(),
                "unknown keys are dropped"
            );
            assert!(value["invoice"].get("comment").is_none());
            assert!(value.get("assistant").is_none());
            assert_eq!(value["invoice"]["totals"]["activeMinutes"], 9000);
            assert_eq!(value["invoice"]["month"], 11);
            assert_eq!(value["errors"][0]["message"], REDACTED);
            assert_eq!(
                value["errors"][0]["field"]
                    .as_str()
                    .unwrap()
                    .replace("pnr[", "["),
                "invoice.person [nummer]"
            );
            assert_eq!(value["fingerprint"], "fp-1");
            assert_eq!(value["status"], "RECEIVED");
        }
    }

    #[test]
    fn bankid_json_keeps_only_what_is_known_to_be_safe() {
        for written in WRITTEN {
            let body = json!({
                "orderRef": "131daac9-16c6-4618-beb0-365768f37288",
                "status": "complete",
                "completionData": {
                    "user": {"personalNumber": written, "name": "Tolvan Tolvansson", "givenName": "Tolvan", "surname": "Tolvansson"},
                    "device": {"ipAddress": "192.0.2.7", "uhi": "abc"},
                    "bankIdIssueDate": "2020-01-01",
                    "signature": "PFNpZ25hdHVyZT4=",
                    "ocspResponse": "T0NTUA==",
                    "extra": "Tolvan"
                },
                "requirement": {"personalNumber": written},
                "endUserIp": "192.0.2.7",
                "userVisibleData": "VG9sdmFu",
                "details": format!("User {written} Tolvan")
            });
            let out = redact(body.to_string().as_bytes());
            let value: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(value["completionData"]["user"], REDACTED);
            assert_eq!(value["completionData"]["signature"], "[16 tecken]");
            assert_eq!(value["userVisibleData"], "[8 tecken]");
            assert_eq!(value["orderRef"], "131daac9-16c6-4618-beb0-365768f37288");
            assert_eq!(value["status"], "complete");
            assert!(!out.contains("192.0.2.7"), "{out}");
            assert_eq!(value["details"], REDACTED);
            no_personnummer_in(&out);
        }
    }

    #[test]
    fn elt_soap_keeps_the_envelope_and_safe_texts_only() {
        let doc = b"<Tidredovisning><namn>Tolvan Tolvansson</namn></Tidredovisning>";
        for written in WRITTEN {
            let request = format!(
                "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>\
                 <SkickaTidredovisning xmlns=\"urn:shs:emottagning:SkickaTidredovisning:1\">\
                 <tidredovisning note=\"Tolvan\">{}</tidredovisning>\
                 <assistent-signatur><signature>QUJD</signature><ocspResponse>REVG</ocspResponse>\
                 <datumForSignatur>2025-11-01</datumForSignatur></assistent-signatur>\
                 <kommentar>Tolvan Tolvansson {written}</kommentar>\
                 </SkickaTidredovisning></soapenv:Body></soapenv:Envelope>",
                B64.encode(doc)
            );
            let out = redact(request.as_bytes());
            no_personnummer_in(&out);
            assert!(
                out.contains("<datumForSignatur>2025-11-01</datumForSignatur>"),
                "{out}"
            );
            assert!(out.contains("<signature>[4 tecken]</signature>"), "{out}");
            assert!(out.contains("<kommentar>[redacted]</kommentar>"), "{out}");

            let fault = format!(
                "<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\
                 <soap:Body><soap:Fault><faultcode>soap:Client</faultcode>\
                 <faultstring>Personnummer {written} saknas</faultstring>\
                 <detail><XmlValidationError><message>Fel i {written}</message><person>Tolvan</person></XmlValidationError></detail>\
                 </soap:Fault></soap:Body></soap:Envelope>"
            );
            let out = redact(fault.as_bytes()).replace("pnr[", "[");
            no_personnummer_in(&out);
            assert!(out.contains("<faultcode>soap:Client</faultcode>"), "{out}");
            assert!(
                out.contains("<faultstring>Personnummer [nummer] saknas</faultstring>"),
                "{out}"
            );
            assert!(out.contains("<XmlValidationError>"), "{out}");
        }
        let reply = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\
                     <SkickaTidredovisningResponse><tx-id>TX-2025-0001</tx-id></SkickaTidredovisningResponse>\
                     </soap:Body></soap:Envelope>";
        assert!(redact(reply.as_bytes()).contains("<tx-id>TX-2025-0001</tx-id>"));
        // Not well-formed, or nested too deep: its size only.
        let broken = "<a><b>Tolvan 191212121212</a>";
        assert_eq!(
            redact(broken.as_bytes()),
            format!("[XML som inte gick att läsa: {} byte]", broken.len())
        );
        let deep = "<a>".repeat(40) + &"</a>".repeat(40);
        assert!(redact(deep.as_bytes()).starts_with("[XML som inte gick att läsa"));
    }

    #[test]
    fn soap_bodies_keep_only_sizes_and_hashes() {
        let doc = b"<Tidredovisning><personnummer>199006219894</personnummer></Tidredovisning>";
        let body = format!(
            "<soapenv:Envelope><soapenv:Body><SkickaTidredovisning><tidredovisning xmime:contentType=\"application/xml\">{}</tidredovisning><assistent-signatur><signature>QUJD</signature><ocspResponse>REVG</ocspResponse><datumForSignatur>2025-11-01</datumForSignatur></assistent-signatur></SkickaTidredovisning></soapenv:Body></soapenv:Envelope>",
            B64.encode(doc)
        );
        let out = redact(body.as_bytes());
        assert!(!out.contains(&B64.encode(doc)), "{out}");
        assert!(
            out.contains(&format!(
                "[tidsredovisning: {} byte, sha256 {}]",
                doc.len(),
                hex::encode(Sha256::digest(doc))
            )),
            "{out}"
        );
        assert!(out.contains("<signature>[4 tecken]</signature>"), "{out}");
        assert!(
            out.contains("<datumForSignatur>2025-11-01</datumForSignatur>"),
            "{out}"
        );
    }

    #[test]
    fn digit_runs_are_masked_in_free_text() {
        assert_eq!(mask_digits("pnr 19900621-9894 ok"), "pnr [nummer] ok");
        assert_eq!(mask_digits("tel 070 123 45 67"), "tel [nummer]");
        assert_eq!(mask_digits("2025-11 och 12345"), "2025-11 och 12345");
        assert_eq!(
            mask_digits("från 2025-11-03T08:00"),
            "från 2025-11-03T08:00"
        );
        assert_eq!(mask_digits("201605129988"), "[nummer]");
    }

    #[test]
    fn support_report_leaves_out_hospital_dates_lss_answers_and_everything_personal() {
        use crate::invoice::testing::{accepted, full_answers, household, SCENARIOS};
        for scenario in SCENARIOS {
            let invoice = accepted(scenario, &full_answers(scenario));
            let body = crate::erak::create_body(
                &invoice,
                "Timbok AB",
                "timbok",
                "http://127.0.0.1:1/return?state=[state]",
                Some("http://127.0.0.1:1/signal?state=[state]"),
            );
            let calls = vec![CallRecord {
                at: "2025-04-10T10:00:00".into(),
                service: "erak".into(),
                endpoint: "POST /public/v1/create".into(),
                status: Some(200),
                duration_ms: 12,
                fingerprint: Some("fp-1".into()),
                body: redact(&body),
            }];
            let report = support_report(&SupportInput {
                generated_at: "2025-04-10T10:05:00",
                app_version: "0.1.0",
                environment: "demo",
                supplier_name: "Timbok AB",
                supplier_id: "timbok",
                key_header: "X-Erak-Key",
                key_id: None,
                fingerprint: Some("fp-1"),
                calls: &calls,
            });
            // Hospital stays (2025-03-03T08:00 …) and LSS answers (skola, dagligVerksamhet).
            for left_out in [
                "2025-03-03",
                "2025-03-05",
                "2025-03-29",
                "2025-03-31T00:00",
                "skola",
                "dagligVerksamhet",
            ] {
                assert!(
                    !report.contains(left_out),
                    "{scenario:?}: {left_out} in {report}"
                );
            }
            let household = household(scenario);
            let person = &household.person;
            for personal in [
                person.personnummer.as_str(),
                &person.first_name,
                &person.last_name,
                &invoice.phone,
            ] {
                assert!(
                    !report.contains(personal),
                    "{scenario:?}: {personal} in {report}"
                );
            }
            if let crate::invoice::InvoiceSigner::Representative {
                personnummer,
                name_in_print,
                ..
            } = &invoice.signer
            {
                assert!(!report.contains(personnummer.as_str()), "{scenario:?}");
                assert!(!report.contains(name_in_print.as_str()), "{scenario:?}");
            }
            // What support needs is there.
            let json: Value = serde_json::from_str(&report).unwrap();
            let kept: Value =
                serde_json::from_str(json["calls"][0]["body"].as_str().unwrap()).unwrap();
            assert_eq!(kept["invoice"]["scenario"], scenario.as_str());
            assert_eq!(kept["invoice"]["answers"]["hospitalStay"], REDACTED);
            assert_eq!(kept["invoice"]["answers"]["lssActivity"], REDACTED);
            assert!(kept["invoice"]["totals"]["activeMinutes"].is_number());
            assert_eq!(json["createCalls"], json!(["2025-04-10T10:00:00"]));
        }
    }

    #[test]
    fn support_report_has_no_key_and_no_personal_data() {
        let calls = vec![CallRecord {
            at: "2025-12-01T10:00:00".into(),
            service: "erak".into(),
            endpoint: "POST /public/v1/create".into(),
            status: Some(200),
            duration_ms: 12,
            fingerprint: Some("fp-1".into()),
            body: redact(br#"{"invoice":{"person":{"personnummer":"201605129988"}}}"#),
        }];
        let key = b"super-secret-key-123";
        let report = support_report(&SupportInput {
            generated_at: "2025-12-01T10:05:00",
            app_version: "0.1.0",
            environment: "demo",
            supplier_name: "Timbok",
            supplier_id: "timbok",
            key_header: "X-Erak-Key",
            key_id: Some(key_id(key)),
            fingerprint: Some("fp-1"),
            calls: &calls,
        });
        assert!(!report.contains("super-secret-key-123"));
        assert!(!report.contains("201605129988"));
        assert!(report.contains("\"fingerprint\": \"fp-1\""));
        assert!(report.contains("2025-12-01T10:00:00"));
        assert!(report.contains(&key_id(key)));
    }
}
