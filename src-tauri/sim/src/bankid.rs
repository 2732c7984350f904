//! BankID RP API v6.0 (bankid.md), over HTTPS with the simulator's CA.
//!
//! # Endpoints (base `https://127.0.0.1:PORT/rp/v6.0`)
//!
//! - `POST /sign` `{"endUserIp", "userVisibleData" (base64 UTF-8, required),
//!   "userVisibleDataFormat" ("simpleMarkdownV1", optional), "userNonVisibleData" (base64,
//!   optional), "requirement": {"personalNumber": 12 digits} (optional)}` →
//!   `{"orderRef", "autoStartToken", "qrStartToken", "qrStartSecret"}`. A second order for a
//!   person who already has one pending: `400 alreadyInProgress`, and the pending one fails
//!   with `userCancel`, as in BankID.
//! - `POST /collect` `{"orderRef"}` → `{"orderRef","status":"pending","hintCode"}` with
//!   `outstandingTransaction` (nobody opened it), `started` (the app was started by QR or
//!   autostart token; for one second), `userSign` (the user is looking at the order); or
//!   `{"orderRef","status":"failed","hintCode"}` with `userCancel`, `expiredTransaction`,
//!   `startFailed`, `certificateErr`, `transactionRiskBlocked`; or `{"orderRef","status":"complete","completionData"}`
//!   where completionData is `{"user": {"personalNumber","name","givenName","surname"},
//!   "device": {"ipAddress","uhi"}, "bankIdIssueDate": "YYYY-MM-DD", "stepUp": {"mrtd": false},
//!   "signature": base64, "ocspResponse": base64}`.
//! - `POST /cancel` `{"orderRef"}` → `{}`; a later collect answers `400 invalidParameters`.
//!
//! Errors are `{"errorCode","details"}`: `400 invalidParameters`, `400 alreadyInProgress`,
//! `404 notFound`, `405 methodNotAllowed`, `415 unsupportedMediaType` (Content-Type must be
//! `application/json`). A test injects `429 tooManyRequests`, `500 internalError`,
//! `408 requestTimeout` or `503 maintenance` for one request with
//! [`crate::Fault::RpError`].
//!
//! # The signature document
//!
//! `completionData.signature` is base64 of an XML-DSig-shaped document, written already in
//! canonical form:
//!
//! ```text
//! <Signature xmlns="http://www.w3.org/2000/09/xmldsig#">
//!   <SignedInfo xmlns="…xmldsig#"> … <Reference Type="http://www.bankid.com/signature/v1.0.0/types"
//!       URI="#bidSignedData"> … <DigestValue>base64 SHA-256 of the bankIdSignedData element</DigestValue>
//!   </Reference></SignedInfo>
//!   <SignatureValue>base64 ECDSA P-256 (r||s) over the SignedInfo element's bytes</SignatureValue>
//!   <KeyInfo><X509Data><X509Certificate>signer</X509Certificate><X509Certificate>issuer</X509Certificate></X509Data></KeyInfo>
//!   <Object><bankIdSignedData xmlns="http://www.bankid.com/signature/v1.0.0/types" Id="bidSignedData">
//!     <usrVisibleData charset="UTF-8" visible="wysiwys">base64 as sent</usrVisibleData>
//!     <usrNonVisibleData>base64 as sent</usrNonVisibleData>
//!     <srvInfo>…</srvInfo><clientInfo>…</clientInfo>
//!   </bankIdSignedData></Object>
//! </Signature>
//! ```
//!
//! The signer's certificate is issued by the simulator's BankID test issuer (kept in the data
//! folder), with the personnummer in its subject `serialNumber`, as BankID's certificates do.
//! Digest and signature are over the exact bytes of those elements, which the simulator
//! writes in canonical form. `ocspResponse` is base64 of a small text statement ("good") about
//! that certificate, signed by the issuer; ELT checks both.
//!
//! # QR codes
//!
//! `bankid.<qrStartToken>.<seconds since the order>.<qr_auth_code(qrStartSecret, seconds)>`;
//! see [`qr_auth_code`]. The BankID app page verifies a scanned string.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use bytes::Bytes;
use hmac::{Hmac, Mac};
use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::error::{Result, SimError};
use crate::identity::check_personal_id;
use crate::xml::{self, escape};
use crate::Shared;

pub(crate) const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
pub(crate) const BANKID_NS: &str = "http://www.bankid.com/signature/v1.0.0/types";
const ECDSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
const OCSP_MAGIC: &str = "TIMBOK-SIM-OCSP/1";

/// BankID's QR rule: lowercase hex HMAC-SHA256 with key `qr_start_secret` over the decimal
/// number of seconds since the order started.
pub fn qr_auth_code(qr_start_secret: &str, seconds: u64) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(qr_start_secret.as_bytes()).expect("HMAC takes any key");
    mac.update(seconds.to_string().as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The whole QR string for an order at `seconds`.
pub fn qr_data(qr_start_token: &str, qr_start_secret: &str, seconds: u64) -> String {
    format!(
        "bankid.{qr_start_token}.{seconds}.{}",
        qr_auth_code(qr_start_secret, seconds)
    )
}

/// A test person the BankID app can sign as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TestPerson {
    pub personal_number: String,
    pub given_name: String,
    pub surname: String,
}

impl TestPerson {
    pub fn new(personal_number: &str, given_name: &str, surname: &str) -> TestPerson {
        TestPerson {
            personal_number: personal_number.to_string(),
            given_name: given_name.to_string(),
            surname: surname.to_string(),
        }
    }
}

/// The default test people: Skatteverket-style test numbers with made-up names.
pub(crate) fn default_test_people() -> Vec<TestPerson> {
    vec![TestPerson::new("191212121212", "Tolvan", "Tolvansson")]
}

/// How an order can fail, as the `hintCode` of a failed collect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BankIdFailure {
    UserCancel,
    ExpiredTransaction,
    StartFailed,
    CertificateErr,
    /// BankID's risk assessment blocked the order.
    TransactionRiskBlocked,
}

impl BankIdFailure {
    pub fn hint_code(self) -> &'static str {
        match self {
            BankIdFailure::UserCancel => "userCancel",
            BankIdFailure::ExpiredTransaction => "expiredTransaction",
            BankIdFailure::StartFailed => "startFailed",
            BankIdFailure::CertificateErr => "certificateErr",
            BankIdFailure::TransactionRiskBlocked => "transactionRiskBlocked",
        }
    }

    pub fn parse(s: &str) -> Option<BankIdFailure> {
        [
            BankIdFailure::UserCancel,
            BankIdFailure::ExpiredTransaction,
            BankIdFailure::StartFailed,
            BankIdFailure::CertificateErr,
            BankIdFailure::TransactionRiskBlocked,
        ]
        .into_iter()
        .find(|f| f.hint_code() == s)
    }
}

/// Where an order stands, as collect would say it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "status"
)]
pub enum OrderStatus {
    Pending {
        hint_code: &'static str,
    },
    Failed {
        hint_code: &'static str,
    },
    Complete {
        completion_data: Value,
    },
    /// Cancelled by the relying party (`/cancel`).
    Cancelled,
}

impl OrderStatus {
    pub fn is_final(&self) -> bool {
        !matches!(self, OrderStatus::Pending { .. })
    }
}

/// One order as the simulator holds it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderSnapshot {
    pub order_ref: String,
    pub auto_start_token: String,
    pub qr_start_token: String,
    #[serde(skip)]
    pub qr_start_secret: String,
    pub end_user_ip: String,
    /// `userVisibleData` decoded (lossy UTF-8).
    pub user_visible_text: String,
    pub user_visible_data_format: Option<String>,
    /// `userNonVisibleData` decoded (lossy UTF-8).
    pub user_non_visible_text: Option<String>,
    pub required_personal_number: Option<String>,
    pub status: OrderStatus,
    pub seconds_since_start: u64,
}

#[derive(Debug, Clone)]
enum Stage {
    Outstanding,
    Started(Instant),
    Complete(Value),
    Failed(BankIdFailure),
    Cancelled,
}

struct Order {
    order_ref: String,
    auto_start_token: String,
    qr_start_token: String,
    qr_start_secret: String,
    created: Instant,
    end_user_ip: String,
    visible_b64: String,
    visible_format: Option<String>,
    non_visible_b64: Option<String>,
    required: Option<String>,
    stage: Stage,
}

/// BankID's orders, and per signer the certificate that signs for them.
pub(crate) struct BankIdState {
    orders: Mutex<Vec<Order>>,
    auto_complete: AtomicBool,
    signers: Mutex<HashMap<String, Arc<crate::pki::BankIdSigner>>>,
}

/// How long `started` shows before `userSign`.
const STARTED_FOR: Duration = Duration::from_secs(1);

impl BankIdState {
    pub fn new(auto_complete: bool) -> BankIdState {
        BankIdState {
            orders: Mutex::new(Vec::new()),
            auto_complete: AtomicBool::new(auto_complete),
            signers: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Order>> {
        self.orders.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set_auto_complete(&self, on: bool) {
        self.auto_complete.store(on, Ordering::SeqCst);
    }

    /// Moves an order on by the clock: expiry, and automatic completion when switched on.
    fn advance(&self, shared: &Shared, order: &mut Order) {
        if matches!(
            order.stage,
            Stage::Complete(_) | Stage::Failed(_) | Stage::Cancelled
        ) {
            return;
        }
        let elapsed = order.created.elapsed();
        if self.auto_complete.load(Ordering::SeqCst) {
            let total = shared.config.bankid_auto_complete_after;
            if elapsed >= total {
                match completion(shared, order, None) {
                    Ok(data) => order.stage = Stage::Complete(data),
                    Err(e) => {
                        tracing::warn!(error = %e, "bankid: could not complete an order");
                        order.stage = Stage::Failed(BankIdFailure::CertificateErr);
                    }
                }
                return;
            }
            if elapsed >= total / 3 && matches!(order.stage, Stage::Outstanding) {
                order.stage = Stage::Started(order.created + total / 3);
            }
        }
        if elapsed >= shared.config.bankid_order_ttl {
            order.stage = Stage::Failed(BankIdFailure::ExpiredTransaction);
        }
    }

    fn status_of(&self, order: &Order) -> OrderStatus {
        match &order.stage {
            Stage::Outstanding => OrderStatus::Pending {
                hint_code: "outstandingTransaction",
            },
            Stage::Started(at) if at.elapsed() < STARTED_FOR => OrderStatus::Pending {
                hint_code: "started",
            },
            Stage::Started(_) => OrderStatus::Pending {
                hint_code: "userSign",
            },
            Stage::Complete(data) => OrderStatus::Complete {
                completion_data: data.clone(),
            },
            Stage::Failed(f) => OrderStatus::Failed {
                hint_code: f.hint_code(),
            },
            Stage::Cancelled => OrderStatus::Cancelled,
        }
    }

    fn snapshot(&self, order: &Order) -> OrderSnapshot {
        let decode = |b64: &str| {
            B64.decode(b64)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default()
        };
        OrderSnapshot {
            order_ref: order.order_ref.clone(),
            auto_start_token: order.auto_start_token.clone(),
            qr_start_token: order.qr_start_token.clone(),
            qr_start_secret: order.qr_start_secret.clone(),
            end_user_ip: order.end_user_ip.clone(),
            user_visible_text: decode(&order.visible_b64),
            user_visible_data_format: order.visible_format.clone(),
            user_non_visible_text: order.non_visible_b64.as_deref().map(decode),
            required_personal_number: order.required.clone(),
            status: self.status_of(order),
            seconds_since_start: order.created.elapsed().as_secs(),
        }
    }

    pub fn snapshots(&self, shared: &Shared) -> Vec<OrderSnapshot> {
        let mut orders = self.lock();
        orders
            .iter_mut()
            .map(|o| {
                self.advance(shared, o);
                self.snapshot(o)
            })
            .collect()
    }

    fn with_order<T>(
        &self,
        shared: &Shared,
        order_ref: &str,
        f: impl FnOnce(&Self, &mut Order) -> Result<T>,
    ) -> Result<T> {
        let mut orders = self.lock();
        let order = orders
            .iter_mut()
            .find(|o| o.order_ref == order_ref)
            .ok_or_else(|| SimError::NoSuchOrder(order_ref.to_string()))?;
        self.advance(shared, order);
        f(self, order)
    }

    fn require_open(&self, order: &Order) -> Result<()> {
        match order.stage {
            Stage::Outstanding | Stage::Started(_) => Ok(()),
            _ => Err(SimError::OrderState {
                order_ref: order.order_ref.clone(),
                state: format!("{:?}", self.status_of(order)),
            }),
        }
    }

    pub fn start(&self, shared: &Shared, order_ref: &str) -> Result<()> {
        self.with_order(shared, order_ref, |me, order| {
            me.require_open(order)?;
            if matches!(order.stage, Stage::Outstanding) {
                order.stage = Stage::Started(Instant::now());
            }
            Ok(())
        })
    }

    pub fn complete(
        &self,
        shared: &Shared,
        order_ref: &str,
        as_person: Option<&str>,
    ) -> Result<()> {
        self.with_order(shared, order_ref, |me, order| {
            me.require_open(order)?;
            let data = completion(shared, order, as_person)?;
            order.stage = Stage::Complete(data);
            tracing::info!(order_ref, "bankid: order completed");
            Ok(())
        })
    }

    pub fn fail(&self, shared: &Shared, order_ref: &str, failure: BankIdFailure) -> Result<()> {
        self.with_order(shared, order_ref, |me, order| {
            me.require_open(order)?;
            order.stage = Stage::Failed(failure);
            tracing::info!(
                order_ref,
                hint_code = failure.hint_code(),
                "bankid: order failed"
            );
            Ok(())
        })
    }

    /// The app was started with this autostart token.
    pub fn autostart(&self, shared: &Shared, token: &str) -> Result<String> {
        let order_ref = self
            .lock()
            .iter()
            .find(|o| o.auto_start_token == token)
            .map(|o| o.order_ref.clone())
            .ok_or_else(|| SimError::Invalid("no order has that autoStartToken".into()))?;
        self.start(shared, &order_ref)?;
        Ok(order_ref)
    }

    /// Checks a scanned QR string against the open orders; starts the order it belongs to.
    pub fn scan(&self, shared: &Shared, qr: &str) -> Result<String> {
        let parts: Vec<&str> = qr.trim().split('.').collect();
        let [prefix, token, seconds, code] = parts[..] else {
            return Err(SimError::Invalid(
                "a QR string is bankid.<token>.<seconds>.<code>".into(),
            ));
        };
        if prefix != "bankid" {
            return Err(SimError::Invalid(
                "a QR string starts with 'bankid.'".into(),
            ));
        }
        let seconds: u64 = seconds
            .parse()
            .map_err(|_| SimError::Invalid("the time in the QR string is not a number".into()))?;
        let order_ref = {
            let mut orders = self.lock();
            let order = orders
                .iter_mut()
                .find(|o| o.qr_start_token == token)
                .ok_or_else(|| SimError::Invalid("no order has that qrStartToken".into()))?;
            self.advance(shared, order);
            if qr_auth_code(&order.qr_start_secret, seconds) != code {
                return Err(SimError::Invalid("the QR code's auth code is wrong".into()));
            }
            let now = order.created.elapsed().as_secs();
            if seconds > now + 1 {
                return Err(SimError::Invalid(
                    "the QR code's time is ahead of the order".into(),
                ));
            }
            if now - seconds > shared.config.bankid_qr_max_age.as_secs() {
                return Err(SimError::Invalid("the QR code is too old".into()));
            }
            order.order_ref.clone()
        };
        self.start(shared, &order_ref)?;
        Ok(order_ref)
    }

    fn signer(
        &self,
        shared: &Shared,
        person: &TestPerson,
    ) -> Result<Arc<crate::pki::BankIdSigner>> {
        let mut signers = self.signers.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(signer) = signers.get(&person.personal_number) {
            return Ok(signer.clone());
        }
        let signer = Arc::new(shared.pki.bankid_signer(
            &person.personal_number,
            &person.given_name,
            &person.surname,
        )?);
        signers.insert(person.personal_number.clone(), signer.clone());
        Ok(signer)
    }
}

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
fn completion(shared: &Shared, order: &Order, as_person: Option<&str>) -> Result<Value> {
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
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"),
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

// ---------------------------------------------------------------------------------------------
// The RP API

pub(crate) fn router(shared: Arc<Shared>, port: u16) -> Router {
    Router::new()
        .route("/rp/v6.0/sign", post(sign).fallback(method_not_allowed))
        .route(
            "/rp/v6.0/collect",
            post(collect).fallback(method_not_allowed),
        )
        .route("/rp/v6.0/cancel", post(cancel).fallback(method_not_allowed))
        .nest(
            &crate::bankid_app::base_path(&shared),
            crate::bankid_app::routes(port),
        )
        .fallback(not_found)
        .with_state(shared)
}

fn rp_error(status: StatusCode, code: &str, details: &str) -> Response {
    (
        status,
        Json(json!({ "errorCode": code, "details": details })),
    )
        .into_response()
}

async fn not_found() -> Response {
    rp_error(StatusCode::NOT_FOUND, "notFound", "No such endpoint.")
}

async fn method_not_allowed() -> Response {
    rp_error(
        StatusCode::METHOD_NOT_ALLOWED,
        "methodNotAllowed",
        "Use POST.",
    )
}

#[allow(clippy::result_large_err)] // an axum answer, returned as is
fn json_body(
    headers: &HeaderMap,
    body: &Bytes,
) -> std::result::Result<serde_json::Map<String, Value>, Response> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !is_json {
        return Err(rp_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupportedMediaType",
            "Content-Type must be application/json.",
        ));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(rp_error(
            StatusCode::BAD_REQUEST,
            "invalidParameters",
            "The body is not a JSON object.",
        )),
    }
}

fn invalid(details: &str) -> Response {
    rp_error(StatusCode::BAD_REQUEST, "invalidParameters", details)
}

async fn sign(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let map = match json_body(&headers, &body) {
        Ok(map) => map,
        Err(response) => return response,
    };
    let text = |key: &str| map.get(key).and_then(Value::as_str);
    let Some(ip) = text("endUserIp") else {
        return invalid("Missing endUserIp.");
    };
    if ip.parse::<std::net::IpAddr>().is_err() {
        return invalid("Invalid endUserIp.");
    }
    let Some(visible) = text("userVisibleData") else {
        return invalid("Missing userVisibleData.");
    };
    match B64.decode(visible) {
        Ok(bytes)
            if !bytes.is_empty()
                && bytes.len() <= 40_000
                && std::str::from_utf8(&bytes).is_ok() => {}
        _ => return invalid("Invalid userVisibleData: base64 of 1–40000 bytes of UTF-8."),
    }
    let format = text("userVisibleDataFormat").map(str::to_string);
    if format.as_deref().is_some_and(|f| f != "simpleMarkdownV1") {
        return invalid("Invalid userVisibleDataFormat.");
    }
    let non_visible = text("userNonVisibleData").map(str::to_string);
    if let Some(n) = &non_visible {
        match B64.decode(n) {
            Ok(bytes) if !bytes.is_empty() && bytes.len() <= 200_000 => {}
            _ => return invalid("Invalid userNonVisibleData: base64 of 1–200000 bytes."),
        }
    }
    let required = match map.get("requirement") {
        None | Some(Value::Null) => None,
        Some(Value::Object(req)) => match req.get("personalNumber") {
            None | Some(Value::Null) => None,
            Some(Value::String(pnr)) if check_personal_id(pnr, shared.config.today()).is_ok() => {
                Some(pnr.clone())
            }
            Some(_) => return invalid("Invalid requirement.personalNumber."),
        },
        Some(_) => return invalid("Invalid requirement."),
    };

    let mut orders = shared.bankid.lock();
    if let Some(pnr) = &required {
        let mut clash = false;
        for order in orders.iter_mut() {
            shared.bankid.advance(&shared, order);
            if order.required.as_ref() == Some(pnr)
                && matches!(order.stage, Stage::Outstanding | Stage::Started(_))
            {
                order.stage = Stage::Failed(BankIdFailure::UserCancel);
                clash = true;
            }
        }
        if clash {
            tracing::info!("bankid: sign refused, an order for the same person was in progress");
            return rp_error(
                StatusCode::BAD_REQUEST,
                "alreadyInProgress",
                "An order for this user is already in progress.",
            );
        }
    }
    let order = Order {
        order_ref: uuid::Uuid::new_v4().to_string(),
        auto_start_token: uuid::Uuid::new_v4().to_string(),
        qr_start_token: uuid::Uuid::new_v4().to_string(),
        qr_start_secret: uuid::Uuid::new_v4().to_string(),
        created: Instant::now(),
        end_user_ip: ip.to_string(),
        visible_b64: visible.to_string(),
        visible_format: format,
        non_visible_b64: non_visible,
        required,
        stage: Stage::Outstanding,
    };
    let answer = json!({
        "orderRef": order.order_ref,
        "autoStartToken": order.auto_start_token,
        "qrStartToken": order.qr_start_token,
        "qrStartSecret": order.qr_start_secret,
    });
    tracing::info!(order_ref = %order.order_ref, "bankid: sign order created");
    orders.push(order);
    Json(answer).into_response()
}

#[allow(clippy::result_large_err)] // an axum answer, returned as is
fn order_ref_of(map: &serde_json::Map<String, Value>) -> std::result::Result<String, Response> {
    map.get("orderRef")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| invalid("Missing orderRef."))
}

async fn collect(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let map = match json_body(&headers, &body) {
        Ok(map) => map,
        Err(response) => return response,
    };
    let order_ref = match order_ref_of(&map) {
        Ok(r) => r,
        Err(response) => return response,
    };
    let mut orders = shared.bankid.lock();
    let Some(order) = orders.iter_mut().find(|o| o.order_ref == order_ref) else {
        return invalid("No such order.");
    };
    shared.bankid.advance(&shared, order);
    match shared.bankid.status_of(order) {
        OrderStatus::Pending { hint_code } => {
            Json(json!({ "orderRef": order_ref, "status": "pending", "hintCode": hint_code }))
                .into_response()
        }
        OrderStatus::Failed { hint_code } => {
            Json(json!({ "orderRef": order_ref, "status": "failed", "hintCode": hint_code }))
                .into_response()
        }
        OrderStatus::Complete { completion_data } => Json(json!({
            "orderRef": order_ref, "status": "complete", "completionData": completion_data
        }))
        .into_response(),
        OrderStatus::Cancelled => invalid("No such order."),
    }
}

async fn cancel(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let map = match json_body(&headers, &body) {
        Ok(map) => map,
        Err(response) => return response,
    };
    let order_ref = match order_ref_of(&map) {
        Ok(r) => r,
        Err(response) => return response,
    };
    let mut orders = shared.bankid.lock();
    match orders.iter_mut().find(|o| o.order_ref == order_ref) {
        Some(order) if !matches!(order.stage, Stage::Cancelled) => {
            order.stage = Stage::Cancelled;
            tracing::info!(%order_ref, "bankid: order cancelled by the relying party");
            Json(json!({})).into_response()
        }
        _ => invalid("No such order."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_published_test_vector() {
        assert_eq!(
            qr_auth_code("d28db9a7-4cde-429e-a983-359be676944c", 0),
            "dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8"
        );
        assert_eq!(
            qr_data("67df3917-fa0d-44e5-b327-edcc928297f8", "d28db9a7-4cde-429e-a983-359be676944c", 0),
            "bankid.67df3917-fa0d-44e5-b327-edcc928297f8.0.dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8"
        );
    }
}
