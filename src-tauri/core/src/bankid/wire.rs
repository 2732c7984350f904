//! BankID RP API v6.0 JSON, and nothing else: the request and answer bodies of `sign`,
//! `collect` and `cancel`, and BankID's error shape. These structs are the wire; the domain
//! types of [`super::client`] are converted to and from them here, at the boundary.
//!
//! # Field names (camelCase, as in BankID's v6.0 documentation and the simulator)
//!
//! - `sign` request: `endUserIp`, `userVisibleData` (base64 of UTF-8), `userVisibleDataFormat`
//!   (always `"simpleMarkdownV1"`), `userNonVisibleData` (base64; left out when there is no
//!   text: BankID refuses an empty one), `requirement.personalNumber` (12 digits). Written in
//!   that order, compactly (`serde_json::to_vec`), so the bytes are stable (golden tests).
//! - `sign` answer: `orderRef`, `autoStartToken`, `qrStartToken`, `qrStartSecret`.
//! - `collect` and `cancel` request: `orderRef`.
//! - `collect` answer: `orderRef`, `status` (`pending`, `failed`, `complete`), `hintCode`
//!   (pending and failed), `completionData` (complete): `user.{personalNumber, name,
//!   givenName, surname}`, `device.{ipAddress, uhi}`, `bankIdIssueDate`, `stepUp.mrtd`,
//!   `signature`, `ocspResponse`, `risk`.
//! - `cancel` answer: `{}` (its body is not read).
//! - errors (any status other than 200): `{"errorCode", "details"}`.
//!
//! Unknown fields in answers are ignored (BankID adds fields within a version). Everything in
//! `completionData` but `user.personalNumber`, `signature` and `ocspResponse` is optional here,
//! so a relay that leaves out `device` or `stepUp` still works.
//!
//! # Length and shape of what is read (hostile input, [`crate::remote`])
//!
//! Each answer is checked right after it is read ([`SignAnswer::check`],
//! [`CollectAnswer::check`]); the first field that fails is named and the answer is refused
//! as a whole:
//!
//! - `orderRef`, `autoStartToken`, `qrStartToken`, `qrStartSecret`: 1–[`MAX_TOKEN`]
//!   characters of `A–Z a–z 0–9 -_.:+/=` (BankID's are UUIDs, 36 characters);
//! - `hintCode`: 1–[`MAX_HINT`] of the same (an unknown `status` is an unexpected answer);
//! - `user.personalNumber`: 12 digits; `name`, `givenName`, `surname`: at most [`MAX_NAME`]
//!   characters, no control characters;
//! - `signature`, `ocspResponse`: 1–[`MAX_SIGNATURE_BASE64`] characters of standard base64;
//! - `bankIdIssueDate`: `YYYY-MM-DD`; `device.ipAddress`: an IP address; `device.uhi`, `risk`:
//!   tokens as above.
//!
//! # Open points
//!
//! - BankID's `userVisibleData` limit is 40 000 characters of base64 and
//!   `userNonVisibleData` 200 000; [`MAX_VISIBLE_BASE64`] and [`MAX_NON_VISIBLE_BASE64`] check
//!   them before sending so the user gets a clear message instead of `invalidParameters`.
//! - `risk` and `stepUp` are read but not requested (no `returnRisk`).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// The only `userVisibleDataFormat` Timbok sends.
pub const VISIBLE_DATA_FORMAT: &str = "simpleMarkdownV1";

/// BankID's limit for `userVisibleData`, in characters of base64.
pub const MAX_VISIBLE_BASE64: usize = 40_000;

/// BankID's limit for `userNonVisibleData`, in characters of base64.
pub const MAX_NON_VISIBLE_BASE64: usize = 200_000;

/// The longest `orderRef`, `autoStartToken`, `qrStartToken` or `qrStartSecret` taken.
pub const MAX_TOKEN: usize = 128;

/// The longest `hintCode` (and `risk`) taken.
pub const MAX_HINT: usize = 64;

/// The longest name (`name`, `givenName`, `surname`) taken, in characters.
pub const MAX_NAME: usize = 200;

/// The longest `signature` or `ocspResponse` taken, in characters of base64 (BankID's are
/// about 10 000 and 3 000).
pub const MAX_SIGNATURE_BASE64: usize = 512 * 1024;

/// The name of the first field of an answer that has the wrong length or shape.
pub type BadField = &'static str;

fn check(ok: bool, field: BadField) -> Result<(), BadField> {
    if ok {
        Ok(())
    } else {
        Err(field)
    }
}

fn base64_ok(value: &str) -> bool {
    (1..=MAX_SIGNATURE_BASE64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
}

fn date_ok(value: &str) -> bool {
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok() && value.len() == 10
}

/// `POST /sign`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignRequest {
    pub end_user_ip: String,
    pub user_visible_data: String,
    pub user_visible_data_format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_non_visible_data: Option<String>,
    pub requirement: Requirement,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Requirement {
    pub personal_number: String,
}

impl SignRequest {
    /// Base64-encodes the texts (UTF-8). `non_visible_text` empty: no `userNonVisibleData`.
    pub fn new(
        end_user_ip: String,
        visible_text: &str,
        non_visible_text: &str,
        personal_number: String,
    ) -> SignRequest {
        SignRequest {
            end_user_ip,
            user_visible_data: B64.encode(visible_text.as_bytes()),
            user_visible_data_format: VISIBLE_DATA_FORMAT,
            user_non_visible_data: (!non_visible_text.is_empty())
                .then(|| B64.encode(non_visible_text.as_bytes())),
            requirement: Requirement { personal_number },
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        // Plain strings always serialize.
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// The answer to `sign`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignAnswer {
    pub order_ref: String,
    pub auto_start_token: String,
    pub qr_start_token: String,
    pub qr_start_secret: String,
}

impl SignAnswer {
    /// Every field's length and shape (module doc); the first bad field by its wire name.
    pub fn check(&self) -> Result<(), BadField> {
        use crate::remote::token;
        check(token(&self.order_ref, MAX_TOKEN), "orderRef")?;
        check(token(&self.auto_start_token, MAX_TOKEN), "autoStartToken")?;
        check(token(&self.qr_start_token, MAX_TOKEN), "qrStartToken")?;
        check(token(&self.qr_start_secret, MAX_TOKEN), "qrStartSecret")
    }
}

impl std::fmt::Debug for SignAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignAnswer")
            .field("order_ref", &self.order_ref)
            .field("qr_start_secret", &"[redacted]")
            .finish_non_exhaustive()
    }
}

/// `POST /collect` and `POST /cancel`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderRefRequest<'a> {
    pub order_ref: &'a str,
}

impl OrderRefRequest<'_> {
    pub fn to_bytes(&self) -> Vec<u8> {
        // A string always serializes.
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// The answer to `collect`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectAnswer {
    pub order_ref: String,
    pub status: String,
    #[serde(default)]
    pub hint_code: Option<String>,
    #[serde(default)]
    pub completion_data: Option<CompletionData>,
}

impl CollectAnswer {
    /// Every field's length and shape (module doc); the first bad field by its wire name.
    pub fn check(&self) -> Result<(), BadField> {
        use crate::remote::{text, token};
        check(token(&self.order_ref, MAX_TOKEN), "orderRef")?;
        // An unknown `status` is the client's unexpected answer.
        if let Some(hint) = &self.hint_code {
            check(token(hint, MAX_HINT), "hintCode")?;
        }
        let Some(data) = &self.completion_data else {
            return Ok(());
        };
        let user = &data.user;
        check(
            user.personal_number.len() == 12
                && user.personal_number.bytes().all(|b| b.is_ascii_digit()),
            "completionData.user.personalNumber",
        )?;
        check(text(&user.name, MAX_NAME), "completionData.user.name")?;
        check(
            text(&user.given_name, MAX_NAME),
            "completionData.user.givenName",
        )?;
        check(text(&user.surname, MAX_NAME), "completionData.user.surname")?;
        check(base64_ok(&data.signature), "completionData.signature")?;
        check(
            base64_ok(&data.ocsp_response),
            "completionData.ocspResponse",
        )?;
        if let Some(date) = &data.bank_id_issue_date {
            check(date_ok(date), "completionData.bankIdIssueDate")?;
        }
        if let Some(device) = &data.device {
            if let Some(ip) = &device.ip_address {
                check(
                    ip.len() <= 64 && ip.parse::<std::net::IpAddr>().is_ok(),
                    "completionData.device.ipAddress",
                )?;
            }
            if let Some(uhi) = &device.uhi {
                check(token(uhi, MAX_TOKEN), "completionData.device.uhi")?;
            }
        }
        if let Some(risk) = &data.risk {
            check(token(risk, MAX_HINT), "completionData.risk")?;
        }
        Ok(())
    }
}

impl std::fmt::Debug for CollectAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CollectAnswer")
            .field("order_ref", &self.order_ref)
            .field("status", &self.status)
            .field("hint_code", &self.hint_code)
            .field(
                "completion_data",
                &self.completion_data.as_ref().map(|_| "[redacted]"),
            )
            .finish()
    }
}

#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompletionData {
    pub user: User,
    #[serde(default)]
    pub device: Option<Device>,
    #[serde(default)]
    pub bank_id_issue_date: Option<String>,
    #[serde(default)]
    pub step_up: Option<StepUp>,
    pub signature: String,
    pub ocsp_response: String,
    #[serde(default)]
    pub risk: Option<String>,
}

#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub personal_number: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub surname: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    #[serde(default)]
    pub ip_address: Option<String>,
    #[serde(default)]
    pub uhi: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepUp {
    #[serde(default)]
    pub mrtd: Option<bool>,
}

/// BankID's error body.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorAnswer {
    pub error_code: String,
    #[serde(default)]
    pub details: String,
}

/// The longest `details` of an error answer kept, in characters.
pub const MAX_DETAILS: usize = 1000;

impl ErrorAnswer {
    /// `errorCode` is a token of at most [`MAX_HINT`] characters, `details` a text of at most
    /// [`MAX_DETAILS`].
    pub fn check(&self) -> bool {
        crate::remote::token(&self.error_code, MAX_HINT)
            && crate::remote::text(&self.details, MAX_DETAILS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bankid::testing::{golden, recorded};

    fn sample_sign_request() -> SignRequest {
        SignRequest::new(
            "192.0.2.10".into(),
            "# Tidredovisning mars 2025\n\nAssistent: Åsa Öberg\n*Aktiv tid:* 120 h 30 min",
            "elt:tidredovisning;1,9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "199006219894".into(),
        )
    }

    #[test]
    fn sign_request_matches_the_golden_file() {
        golden!("sign-request.json", &sample_sign_request().to_bytes());
    }

    #[test]
    fn sign_request_encodes_the_texts_as_base64_of_utf8() {
        let request = sample_sign_request();
        let visible = B64.decode(&request.user_visible_data).unwrap();
        assert_eq!(
            String::from_utf8(visible).unwrap(),
            "# Tidredovisning mars 2025\n\nAssistent: Åsa Öberg\n*Aktiv tid:* 120 h 30 min"
        );
        let value: serde_json::Value = serde_json::from_slice(&request.to_bytes()).unwrap();
        assert_eq!(value["userVisibleDataFormat"], "simpleMarkdownV1");
        assert_eq!(value["requirement"]["personalNumber"], "199006219894");
        assert_eq!(value["endUserIp"], "192.0.2.10");
    }

    #[test]
    fn an_empty_non_visible_text_is_left_out() {
        let request = SignRequest::new("127.0.0.1".into(), "Text", "", "199006219894".into());
        let value: serde_json::Value = serde_json::from_slice(&request.to_bytes()).unwrap();
        assert!(value.get("userNonVisibleData").is_none(), "{value}");
        assert_eq!(value["userVisibleData"], "VGV4dA==");
    }

    #[test]
    fn collect_and_cancel_requests_match_the_golden_files() {
        let request = OrderRefRequest {
            order_ref: "131daac9-16c6-4618-beb0-365768f37288",
        };
        golden!("collect-request.json", &request.to_bytes());
        golden!("cancel-request.json", &request.to_bytes());
    }

    #[test]
    fn recorded_sign_answer_parses() {
        let answer: SignAnswer = serde_json::from_slice(recorded!("sign-answer.json")).unwrap();
        assert_eq!(answer.order_ref, "94a9af16-02d5-4890-a3dd-315fe8d3083b");
        assert_eq!(
            answer.auto_start_token,
            "080b3fa6-a50e-4b4d-91f5-c878df973ac1"
        );
        assert_eq!(
            answer.qr_start_token,
            "8ae323c1-cafb-4b87-a3f5-e803b40ff82d"
        );
        assert_eq!(
            answer.qr_start_secret,
            "7d352599-fd52-4bbc-b9bd-ab2e8ee1dd84"
        );
        assert!(!format!("{answer:?}").contains("7d352599"));
    }

    #[test]
    fn recorded_collect_answers_parse() {
        let pending: CollectAnswer =
            serde_json::from_slice(recorded!("collect-pending.json")).unwrap();
        assert_eq!(pending.status, "pending");
        assert_eq!(pending.hint_code.as_deref(), Some("outstandingTransaction"));
        assert!(pending.completion_data.is_none());

        let failed: CollectAnswer =
            serde_json::from_slice(recorded!("collect-failed.json")).unwrap();
        assert_eq!(failed.status, "failed");
        assert_eq!(failed.hint_code.as_deref(), Some("startFailed"));
        assert_eq!(failed.order_ref, "51f02c5f-0ed0-4204-a821-23b7935c1e66");

        let user_sign: CollectAnswer =
            serde_json::from_slice(recorded!("collect-pending-user-sign.json")).unwrap();
        assert_eq!(user_sign.hint_code.as_deref(), Some("userSign"));

        let complete: CollectAnswer =
            serde_json::from_slice(recorded!("collect-complete.json")).unwrap();
        assert_eq!(complete.status, "complete");
        let data = complete.completion_data.unwrap();
        assert_eq!(data.user.personal_number, "199006219894");
        assert_eq!(data.user.name, "Test Testsson");
        assert_eq!(data.user.given_name, "Test");
        assert_eq!(data.user.surname, "Testsson");
        assert_eq!(data.bank_id_issue_date.as_deref(), Some("2025-10-19"));
        assert_eq!(
            data.device.as_ref().and_then(|d| d.ip_address.as_deref()),
            Some("127.0.0.1")
        );
        assert_eq!(data.step_up, Some(StepUp { mrtd: Some(false) }));
        assert_eq!(
            data.device.as_ref().and_then(|d| d.uhi.as_deref()),
            Some("mnqAt+9KQrZRbBr7S/sDiDRk5nJ9")
        );
        assert_eq!(data.signature.len(), 4280);
        assert!(data.signature.starts_with("PFNpZ25hdHVyZSB4bWxucz0i"));
        assert!(data.ocsp_response.starts_with("VElNQk9LLVNJTS1PQ1NQLzEK"));
        assert_eq!(data.risk, None);
    }

    #[test]
    fn recorded_error_answer_parses() {
        let error: ErrorAnswer =
            serde_json::from_slice(recorded!("error-already-in-progress.json")).unwrap();
        assert_eq!(error.error_code, "alreadyInProgress");
        assert_eq!(
            error.details,
            "An order for this user is already in progress."
        );
    }
}
