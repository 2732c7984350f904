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
//!
//! # Layout
//!
//! `mod.rs` the orders and their life (state, the QR rule); `signature.rs` the completion
//! data: the signature document and OCSP answer it makes, and their checks (ELT verifies
//! what it receives with them); `routes.rs` the RP API over HTTP. The page that plays the
//! BankID app is `crate::bankid_app`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::Serialize;
use serde_json::Value;
use sha2::Sha256;

use crate::error::{Result, SimError};
use crate::Shared;

mod routes;
mod signature;

pub(crate) use routes::router;
use signature::completion;
pub(crate) use signature::{verify_ocsp, verify_signature_document, VerifiedSignature};

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
