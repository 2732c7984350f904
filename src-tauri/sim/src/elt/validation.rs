//! Everything FK checks in a request to ELT, in order: the HTTP headers, the envelope (the
//! Responder schema), the BankID signatures and the document.

use axum::http::{header, HeaderMap};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use bytes::Bytes;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::soap::{sig_err, xml_err, Refusal, SERVICE_NS, SOAP_ACTION, SOAP_NS, XMIME_NS};
use crate::bankid::{verify_ocsp, verify_signature_document, VerifiedSignature};
use crate::tidredovisning::{self, AssistantId};
use crate::xml::{self, Element};
use crate::{xsd, Shared};

/// Everything FK checks, in order. Returns the report id and the document bytes.
pub(super) fn receive(
    shared: &Shared,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(String, Bytes), Refusal> {
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
