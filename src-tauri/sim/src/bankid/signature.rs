//! The completion data of a signed order: the signature document (XML-DSig over the order's
//! texts, made by a per-person certificate from the simulator's BankID issuer) and the OCSP
//! answer, and the checks ELT runs on what it receives.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::error::{Result, SimError};
use crate::identity::check_personal_id;
use crate::xml::{self, escape};
use crate::Shared;

use super::{Order, TestPerson};

pub(crate) const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
pub(crate) const BANKID_NS: &str = "http://www.bankid.com/signature/v1.0.0/types";
const ECDSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
const OCSP_MAGIC: &str = "TIMBOK-SIM-OCSP/1";

fn person_for(shared: &Shared, personal_number: &str) -> TestPerson {
    shared
        .config
        .test_people
        .iter()
        .find(|p| p.personal_number == personal_number)
        .cloned()
        .unwrap_or_else(|| TestPerson::new(personal_number, "Test", "Testsson"))
}

/// The completionData of an order signed by `as_person` (default: the required person, else
/// the first test person).
pub(super) fn completion(shared: &Shared, order: &Order, as_person: Option<&str>) -> Result<Value> {
    let pnr = as_person
        .map(str::to_string)
        .or_else(|| order.required.clone())
        .or_else(|| {
            shared
                .config
                .test_people
                .first()
                .map(|p| p.personal_number.clone())
        })
        .unwrap_or_else(|| "191212121212".to_string());
    if check_personal_id(&pnr, shared.config.today()).is_err() {
        return Err(SimError::Invalid("not a valid personnummer".into()));
    }
    let person = person_for(shared, &pnr);
    let signer = shared.bankid.signer(shared, &person)?;
    let uhi = B64.encode(Sha256::digest(
        format!("uhi:{}", order.end_user_ip).as_bytes(),
    ))[..28]
        .to_string();
    let document = signature_document(
        &signer,
        &shared.pki.bankid_ca_der,
        &order.visible_b64,
        order.non_visible_b64.as_deref(),
        &uhi,
    )?;
    let ocsp = ocsp_response(shared, &signer.cert_der)?;
    let issue_date = (shared.config.today() - chrono::Days::new(400))
        .format("%Y-%m-%d")
        .to_string();
    Ok(json!({
        "user": {
            "personalNumber": person.personal_number,
            "name": format!("{} {}", person.given_name, person.surname),
            "givenName": person.given_name,
            "surname": person.surname,
        },
        "device": { "ipAddress": order.end_user_ip, "uhi": uhi },
        "bankIdIssueDate": issue_date,
        "stepUp": { "mrtd": false },
        "signature": B64.encode(document),
        "ocspResponse": B64.encode(ocsp),
    }))
}

/// Writes the XML signature document (canonical form, so the spans are what is signed).
fn signature_document(
    signer: &crate::pki::BankIdSigner,
    issuer_der: &[u8],
    visible_b64: &str,
    non_visible_b64: Option<&str>,
    uhi: &str,
) -> Result<Vec<u8>> {
    let nonce = B64.encode(uuid::Uuid::new_v4().as_bytes());
    let non_visible = non_visible_b64
        .map(|n| format!("<usrNonVisibleData>{}</usrNonVisibleData>", escape(n)))
        .unwrap_or_default();
    let signed_data = format!(
        "<bankIdSignedData xmlns=\"{BANKID_NS}\" Id=\"bidSignedData\">\
         <usrVisibleData charset=\"UTF-8\" visible=\"wysiwys\">{visible}</usrVisibleData>{non_visible}\
         <srvInfo><name>{name}</name><nonce>{nonce}</nonce><displayName>{display}</displayName></srvInfo>\
         <clientInfo><funcId>Signing</funcId><version>{version}</version><env><ai><type>{ty}</type>\
         <deviceInfo>{device}</deviceInfo><uhi>{uhi}</uhi><fsib>0</fsib><utb>cs1</utb>\
         <requirement><condition><type>AllowedPolicies</type><value>1.2.752.78.1.5</value></condition></requirement>\
         <uauth>pw</uauth></ai></env></clientInfo></bankIdSignedData>",
        visible = escape(visible_b64),
        name = B64.encode("Timbok simulator"),
        display = B64.encode("Timbok"),
        version = B64.encode("Personal=7.0.0::BankID=7.0.0::Timbok-sim"),
        ty = B64.encode("SIM"),
        device = B64.encode("Timbok-sim"),
    );
    let digest = B64.encode(Sha256::digest(signed_data.as_bytes()));
    let signed_info = format!(
        "<SignedInfo xmlns=\"{DSIG_NS}\">\
         <CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"></CanonicalizationMethod>\
         <SignatureMethod Algorithm=\"{ECDSA_SHA256}\"></SignatureMethod>\
         <Reference Type=\"{BANKID_NS}\" URI=\"#bidSignedData\"><Transforms>\
         <Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"></Transform></Transforms>\
         <DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"></DigestMethod>\
         <DigestValue>{digest}</DigestValue></Reference></SignedInfo>"
    );
    let rng = ring::rand::SystemRandom::new();
    let signature = signer
        .key
        .sign(&rng, signed_info.as_bytes())
        .map_err(|_| SimError::Certificate("could not sign".into()))?;
    Ok(format!(
        "<Signature xmlns=\"{DSIG_NS}\">{signed_info}<SignatureValue>{sig}</SignatureValue>\
         <KeyInfo Id=\"bidKeyInfo\"><X509Data><X509Certificate>{cert}</X509Certificate>\
         <X509Certificate>{issuer}</X509Certificate></X509Data></KeyInfo>\
         <Object>{signed_data}</Object></Signature>",
        sig = B64.encode(signature.as_ref()),
        cert = B64.encode(&signer.cert_der),
        issuer = B64.encode(issuer_der),
    )
    .into_bytes())
}

/// The simulated OCSP response: a text statement about one certificate, signed by the issuer.
fn ocsp_response(shared: &Shared, cert_der: &[u8]) -> Result<Vec<u8>> {
    let statement = format!(
        "{OCSP_MAGIC}\ncertSha256={}\nstatus=good\nproducedAt={}\n",
        hex::encode(Sha256::digest(cert_der)),
        shared.config.now().format("%Y-%m-%dT%H:%M:%SZ"),
    );
    let signature = shared.pki.bankid_issuer_sign(statement.as_bytes())?;
    Ok(format!("{statement}sig={}\n", B64.encode(signature)).into_bytes())
}

/// What a verified signature document says.
#[derive(Debug, Clone)]
pub(crate) struct VerifiedSignature {
    pub personal_number: String,
    pub non_visible_text: Option<String>,
    pub cert_der: Vec<u8>,
}

fn x509_err<E: std::fmt::Display>(e: E) -> String {
    format!("certifikatet kan inte läsas: {e}")
}

/// Checks a signature document the way ELT checks it: made by a certificate from this
/// simulator's BankID issuer, valid now, digest and signature right. Errors are plain text.
pub(crate) fn verify_signature_document(
    doc: &[u8],
    issuer_der: &[u8],
) -> std::result::Result<VerifiedSignature, String> {
    let (root, _) =
        xml::parse(doc).map_err(|e| format!("underskriften är inte läsbar XML: {}", e.0))?;
    if !root.is(DSIG_NS, "Signature") {
        return Err("underskriften är inte ett XML-signaturdokument (Signature)".into());
    }
    let signed_info = root
        .child(DSIG_NS, "SignedInfo")
        .ok_or("underskriften saknar SignedInfo")?;
    let method = signed_info
        .child(DSIG_NS, "SignatureMethod")
        .and_then(|m| m.attr("Algorithm"))
        .ok_or("underskriften saknar SignatureMethod")?;
    if method != ECDSA_SHA256 {
        return Err(format!("okänd signaturalgoritm {method}"));
    }
    let reference = signed_info
        .child(DSIG_NS, "Reference")
        .filter(|r| r.attr("URI") == Some("#bidSignedData"))
        .ok_or("underskriften saknar referensen till bankIdSignedData")?;
    let digest = reference
        .child(DSIG_NS, "DigestValue")
        .map(|d| d.trimmed_text().to_string())
        .ok_or("underskriften saknar DigestValue")?;
    let signature_value = root
        .child(DSIG_NS, "SignatureValue")
        .map(|s| s.trimmed_text().to_string())
        .ok_or("underskriften saknar SignatureValue")?;
    let cert_b64 = root
        .child(DSIG_NS, "KeyInfo")
        .and_then(|k| k.child(DSIG_NS, "X509Data"))
        .and_then(|d| d.child(DSIG_NS, "X509Certificate"))
        .map(|c| c.trimmed_text().to_string())
        .ok_or("underskriften saknar undertecknarens certifikat")?;
    let signed_data = root
        .child(DSIG_NS, "Object")
        .and_then(|o| o.child(BANKID_NS, "bankIdSignedData"))
        .filter(|s| s.attr("Id") == Some("bidSignedData"))
        .ok_or("underskriften saknar bankIdSignedData")?;

    let actual_digest = B64.encode(Sha256::digest(&doc[signed_data.span.clone()]));
    if actual_digest != digest {
        return Err("bankIdSignedData har ändrats efter underskriften (fel kontrollsumma)".into());
    }

    let cert_der = B64
        .decode(cert_b64.as_bytes())
        .map_err(|_| "undertecknarens certifikat är inte base64".to_string())?;
    let (_, cert) = x509_parser::parse_x509_certificate(&cert_der).map_err(x509_err)?;
    let (_, issuer) = x509_parser::parse_x509_certificate(issuer_der).map_err(x509_err)?;
    cert.verify_signature(Some(issuer.public_key()))
        .map_err(|_| {
            "underskriften är inte gjord med BankID från den här miljön (okänd utfärdare)"
                .to_string()
        })?;
    if !cert.validity().is_valid() {
        return Err("undertecknarens certifikat är inte giltigt nu".into());
    }
    let signature = B64
        .decode(signature_value.as_bytes())
        .map_err(|_| "SignatureValue är inte base64".to_string())?;
    let public_key = ring::signature::UnparsedPublicKey::new(
        &ring::signature::ECDSA_P256_SHA256_FIXED,
        cert.public_key().subject_public_key.data.as_ref(),
    );
    public_key
        .verify(&doc[signed_info.span.clone()], &signature)
        .map_err(|_| "signaturvärdet stämmer inte".to_string())?;

    let personal_number = cert
        .subject()
        .iter_attributes()
        .find(|a| a.attr_type().to_id_string() == "2.5.4.5")
        .and_then(|a| a.as_str().ok())
        .map(str::to_string)
        .ok_or("undertecknarens certifikat saknar personnummer")?;
    let non_visible_text = match signed_data.child(BANKID_NS, "usrNonVisibleData") {
        None => None,
        Some(el) => Some(
            B64.decode(el.trimmed_text().as_bytes())
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or("usrNonVisibleData är inte base64 av UTF-8-text")?,
        ),
    };
    if signed_data.child(BANKID_NS, "usrVisibleData").is_none() {
        return Err("underskriften saknar usrVisibleData".into());
    }
    Ok(VerifiedSignature {
        personal_number,
        non_visible_text,
        cert_der: cert_der.clone(),
    })
}

/// Checks an ocspResponse: from this simulator's BankID issuer, "good", about `cert_der`.
/// Returns when it was produced.
pub(crate) fn verify_ocsp(
    ocsp: &[u8],
    cert_der: &[u8],
    issuer_der: &[u8],
) -> std::result::Result<chrono::DateTime<chrono::Utc>, String> {
    let text = std::str::from_utf8(ocsp).map_err(|_| "ocspResponse kan inte läsas".to_string())?;
    let (statement, sig_line) = text
        .rfind("sig=")
        .map(|i| text.split_at(i))
        .ok_or("ocspResponse saknar signatur")?;
    if !statement.starts_with(OCSP_MAGIC) {
        return Err("ocspResponse kommer inte från BankID i den här miljön".into());
    }
    let sig = B64
        .decode(sig_line.trim_start_matches("sig=").trim())
        .map_err(|_| "ocspResponse har en felaktig signatur".to_string())?;
    let (_, issuer) = x509_parser::parse_x509_certificate(issuer_der).map_err(x509_err)?;
    ring::signature::UnparsedPublicKey::new(
        &ring::signature::ECDSA_P256_SHA256_ASN1,
        issuer.public_key().subject_public_key.data.as_ref(),
    )
    .verify(statement.as_bytes(), &sig)
    .map_err(|_| "ocspResponse är inte signerat av BankID i den här miljön".to_string())?;
    let field = |name: &str| {
        statement
            .lines()
            .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix('=')))
            .unwrap_or("")
    };
    if field("certSha256") != hex::encode(Sha256::digest(cert_der)) {
        return Err("ocspResponse hör till ett annat certifikat än underskriften".into());
    }
    if field("status") != "good" {
        return Err("ocspResponse säger att certifikatet inte är giltigt".into());
    }
    chrono::DateTime::parse_from_rfc3339(field("producedAt"))
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| "ocspResponse saknar tidpunkt".to_string())
}
