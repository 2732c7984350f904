//! The call journal and FK's support report (erak.md, "Support report").
//!
//! Every call to E-RÄK, ELT and BankID is kept with its time, endpoint, HTTP status, duration
//! and a redacted body. Redaction happens before anything is written, by what the body is:
//!
//! - JSON (E-RÄK, BankID): the values of personal fields (`personnummer`, `personalNumber`,
//!   `firstName`, `lastName`, `name`, `givenName`, `surname`, `nameInPrint`, `phone`) are
//!   replaced by a placeholder; BankID's `userVisibleData` / `userNonVisibleData`, `signature`
//!   and `ocspResponse` by their length; any other string holding a run of six or more digits
//!   (a personnummer or phone number in free text) has those digits replaced.
//! - SOAP (ELT): the base64 tidredovisning document (which names people) becomes its length and
//!   SHA-256; the BankID signature and OCSP response become their length.
//! - Anything else: digit runs replaced as above.
//!
//! The E-RÄK key never reaches this module: the transport adds it, and the journal keeps only
//! the header's name. The support report names the key by a short hash (`keyId`), never by
//! its value.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::store::CallRecord;

const PERSONAL_KEYS: &[(&str, &str)] = &[
    ("personnummer", "[personnummer]"),
    ("personalNumber", "[personnummer]"),
    ("firstName", "[namn]"),
    ("lastName", "[namn]"),
    ("givenName", "[namn]"),
    ("surname", "[namn]"),
    ("name", "[namn]"),
    ("nameInPrint", "[namn]"),
    ("phone", "[telefonnummer]"),
];

const BULK_KEYS: &[&str] = &[
    "userVisibleData",
    "userNonVisibleData",
    "signature",
    "ocspResponse",
];

/// The body as the journal may keep it.
pub fn redact(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Ok(mut value) = serde_json::from_str::<Value>(trimmed) {
            redact_json(&mut value, None);
            return value.to_string();
        }
    }
    if trimmed.starts_with('<') {
        return redact_soap(&text);
    }
    mask_digits(&text)
}

fn redact_json(value: &mut Value, key: Option<&str>) {
    match value {
        Value::Object(map) => {
            // `supplier.name` is the supplier's, not a person's: keep it.
            let supplier = key == Some("supplier");
            for (k, v) in map.iter_mut() {
                if supplier && k == "name" {
                    continue;
                }
                if let Some((_, placeholder)) = PERSONAL_KEYS.iter().find(|(p, _)| p == k) {
                    if !v.is_null() {
                        *v = Value::String((*placeholder).into());
                    }
                    continue;
                }
                if BULK_KEYS.contains(&k.as_str()) {
                    if let Value::String(s) = v {
                        *v = Value::String(format!("[{} tecken]", s.len()));
                    }
                    continue;
                }
                redact_json(v, Some(k));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| redact_json(v, key)),
        Value::String(s) => *s = mask_digits(s),
        _ => {}
    }
}

/// Replaces the content of the elements that carry personal data or bulk with a summary.
fn redact_soap(text: &str) -> String {
    let mut out = text.to_string();
    for element in ["tidredovisning", "signature", "ocspResponse"] {
        out = replace_element_text(&out, element, |content| {
            let compact: String = content.chars().filter(|c| !c.is_whitespace()).collect();
            if element == "tidredovisning" {
                match B64.decode(compact.as_bytes()) {
                    Ok(bytes) => format!(
                        "[tidsredovisning: {} byte, sha256 {}]",
                        bytes.len(),
                        hex::encode(Sha256::digest(&bytes))
                    ),
                    Err(_) => format!("[{} tecken]", compact.len()),
                }
            } else {
                format!("[{} tecken]", compact.len())
            }
        });
    }
    mask_digits(&out)
}

/// Replaces the text of every `<element …>text</element>` (any prefix).
fn replace_element_text(text: &str, element: &str, summary: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let Some(start) = find_open(rest, element) else {
            out.push_str(rest);
            return out;
        };
        let Some(gt) = rest[start..].find('>') else {
            out.push_str(rest);
            return out;
        };
        let content_start = start + gt + 1;
        let Some(end) = rest[content_start..].find("</") else {
            out.push_str(rest);
            return out;
        };
        let content_end = content_start + end;
        out.push_str(&rest[..content_start]);
        out.push_str(&summary(&rest[content_start..content_end]));
        rest = &rest[content_end..];
    }
}

/// The index of the next start tag `<element` or `<prefix:element` followed by `>` or space.
fn find_open(text: &str, element: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find('<') {
        let at = from + i;
        let name_start = at + 1;
        let name_end = text[name_start..]
            .find(|c: char| c == '>' || c.is_whitespace() || c == '/')
            .map(|n| name_start + n)?;
        let name = &text[name_start..name_end];
        let local = name.rsplit(':').next().unwrap_or(name);
        if local == element && !name.starts_with('/') {
            return Some(at);
        }
        from = name_end;
    }
    None
}

/// Replaces every run of six or more digits (spaces and dashes between them allowed) that
/// stands on its own (not inside a word such as a hash) with `[nummer]`.
pub fn mask_digits(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut j = i;
            let mut digits = 0;
            while j < chars.len()
                && (chars[j].is_ascii_digit()
                    || ((chars[j] == '-' || chars[j] == ' ' || chars[j] == '+')
                        && j + 1 < chars.len()
                        && chars[j + 1].is_ascii_digit()))
            {
                if chars[j].is_ascii_digit() {
                    digits += 1;
                }
                j += 1;
            }
            let run: String = chars[i..j].iter().collect();
            // Digits inside a word (a hash, a UUID, a token) are not a number of a person.
            let in_word = (i > 0 && chars[i - 1].is_alphanumeric())
                || chars.get(j).is_some_and(|c| c.is_alphanumeric());
            if digits >= 6 && !is_date(&run) && !in_word {
                out.push_str("[nummer]");
            } else {
                out.extend(&chars[i..j]);
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
/// calls to `public/v1/create` and the requests with their bodies, with no personal data.
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
            entry.insert("endpoint".into(), json!(c.endpoint));
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
        assert!(
            out.contains("[personnummer]")
                && out.contains("[namn]")
                && out.contains("[telefonnummer]")
        );
        assert!(out.contains("\"scenario\":\"E\""), "{out}");
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
