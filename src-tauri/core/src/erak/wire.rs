//! E-RÄK's wire contract, as Timbok assumes it (erak.md), in this one module: the request
//! paths, the create body built from a checked [`Invoice`], the replies, and the map from
//! E-RÄK's error paths back to the wizard's field ids. FK's reference implementation (a zip
//! given to connected suppliers) is not public; this mirrors the simulator
//! (`timbok-sim`'s `erak/`) exactly, so aligning with FK's real API is a change here only.
//!
//! # Assumed endpoints
//!
//! - `POST {base}/public/v1/create`, `Content-Type: application/json`, `Accept:
//!   application/json`, the supplier key in a header whose name is a setting (default
//!   `X-Erak-Key`). Replies: `200 {"fingerprint": "…"}`; `400 {"errors": [{"field": "…",
//!   "message": "…"}]}` where `field` is the JSON path of the field (`invoice.phone`, array
//!   items as `dates[0]`, `""` for the body as a whole); `401` (or `403`) the key is missing or
//!   wrong; anything else: not handled, try again later.
//! - `GET {base}/public/v1/status/{fingerprint}`, same key header: `200 {"fingerprint": "…",
//!   "status": "…"}`; `404` unknown fingerprint; `401` key.
//! - The user's page: `{base}/sign?fingerprint=…` (opened in the system browser).
//! - Statuses: `CREATED`, `SIGNED`, `RECEIVED` (FK has it), `CANCELLED`, `EXPIRED`.
//!
//! # Assumed create body (camelCase; amounts integer öre; times local Europe/Stockholm)
//!
//! ```text
//! supplier.name, supplier.id                    the supplier as FK knows it
//! returnUrl                                     where the browser goes after signing
//! signalUrl                                     where FK signals the status (omitted if none)
//! invoice.scenario                              "A".."F"
//! invoice.year, invoice.month                   integers
//! invoice.person.personnummer                   12 digits, no separator
//! invoice.person.firstName, .lastName
//! invoice.totals.activeMinutes                  aktiv tid, real minutes
//! invoice.totals.waitingMinutes                 väntetid
//! invoice.totals.standbyMinutes                 beredskapstid
//! invoice.answers.lssActivity                   {"answer": bool, "kinds": ["barnomsorg" |
//!                                               "skola" | "dagligVerksamhet"]}
//! invoice.answers.hospitalStay                  {"answer": bool, "dates": [{"from": "YYYY-MM-DDTHH:MM",
//!                                               "to": "YYYY-MM-DDTHH:MM"}]}
//! invoice.answers.outsideEea                    {"answer": bool}
//! invoice.answers.previousPayment               A–C: {"answer": bool, "remainingOre": int}
//! invoice.answers.lastMonthOfPeriod             D–F: bool
//! invoice.answers.costs                         D–F last month: {"wagesOre", "overheadsOre",
//!                                               "trainingOre", "workEnvironmentOre"}
//! invoice.answers.period                        D–F last month: {"from": "YYYY-MM-DD", "to": …}
//! invoice.answers.moneyLeft                     D–F last month: {"answer": bool, "amountOre": int}
//! invoice.answers.repayment                     D–F last month: "deductFromNextPayment" | "payBack"
//! invoice.signer.role                           "self" | "vardnadshavare" | "godMan" | "forvaltare"
//! invoice.signer.personnummer, .nameInPrint     B, C, E, F (omitted for "self")
//! invoice.phone
//! ```
//!
//! Decisions: a follow-up is sent only when its answer opens it (`kinds` only with Ja,
//! `remainingOre` only when the payment was not used, `amountOre` only when money is left);
//! answers of another scenario are never sent (E-RÄK refuses them). Hospital stays go out as
//! checked (a typed `24:00` as the next day's `00:00`). The body is compact JSON with the keys
//! in the order above, so the same invoice gives the same bytes (golden files in
//! `tests/fixtures/erak/`).
//!
//! # A second transport
//!
//! An older version of FK's page describes the browser itself POSTing the invoice as
//! `application/x-www-form-urlencoded`, answered with a 302 to the signing page. Building the
//! request ([`create_body`], the paths here) is separate from sending it
//! ([`super::client::ErakTransport`]), so that variant is a new body encoder next to
//! [`create_body`] (the same wire structs, form-encoded) and a reply reader for the 302's
//! `Location`; the invoice, the checks and the field map stay as they are.
//!
//! Open points: FK's real field names, whether `signalUrl` may be omitted, whether `403` is
//! ever used, and whether the status API reports reasons (for CANCELLED or EXPIRED).

use serde::{Deserialize, Serialize};

use super::ErakError;
use crate::household::{Scenario, SignerRole};
use crate::invoice::{
    field, Invoice, InvoiceSigner, LssKind, PreviousPayment, Repayment, ScenarioAnswers,
};

// ---------------------------------------------------------------------------------------------
// The assumed names, paths and values: each in one place (docs/fk-contract.md lists them all,
// with what to change once FK's reference implementation is at hand; a test checks that every
// `pub const` here is in that table).

/// The path of the create call, below the base URL.
pub const CREATE_PATH: &str = "/public/v1/create";
/// The path of the status call below the base URL, followed by the fingerprint as a
/// percent-encoded path segment.
pub const STATUS_PATH_PREFIX: &str = "/public/v1/status/";
/// FK's page where the user signs, below the base URL.
pub const SIGN_PAGE_PATH: &str = "/sign";
/// The signing page's query parameter that carries the fingerprint.
pub const SIGN_PAGE_FINGERPRINT: &str = "fingerprint";
/// The default name of the request header carrying the supplier key (a setting:
/// `erakKeyHeader`).
pub const DEFAULT_KEY_HEADER: &str = "X-Erak-Key";
/// The content type of the create body, and what the client accepts in replies.
pub const JSON_CONTENT_TYPE: &str = "application/json";
/// The create body's field with the link the browser is sent back to after signing.
pub const RETURN_URL_FIELD: &str = "returnUrl";
/// The create body's field with the link FK's page signals the outcome to.
pub const SIGNAL_URL_FIELD: &str = "signalUrl";
/// The fingerprint in the create call's `200` and in the status reply.
pub const FINGERPRINT_FIELD: &str = "fingerprint";
/// The status in the status reply.
pub const STATUS_FIELD: &str = "status";
/// The list of validation errors in a `400` (or `422`) reply.
pub const ERRORS_FIELD: &str = "errors";
/// In each validation error: the JSON path of the field it is about.
pub const ERROR_PATH_FIELD: &str = "field";
/// In each validation error: FK's message.
pub const ERROR_MESSAGE_FIELD: &str = "message";
/// The HTTP statuses of a create refused with validation errors.
pub const INVALID_STATUSES: [u16; 2] = [400, 422];
/// The HTTP statuses of a missing or wrong key.
pub const UNAUTHORIZED_STATUSES: [u16; 2] = [401, 403];
/// The HTTP status of a status call for a fingerprint E-RÄK does not know.
pub const UNKNOWN_FINGERPRINT_STATUS: u16 = 404;
/// The name FK gives the fingerprint in the return link's query and in the signal (body or
/// query), as the listener reads them.
pub const OUTCOME_FINGERPRINT: &str = "fingerprint";
/// The name FK gives the status in the return link's query and in the signal.
pub const OUTCOME_STATUS: &str = "status";
/// Status: accepted, not signed yet.
pub const STATUS_CREATED: &str = "CREATED";
/// Status: signed, not yet received.
pub const STATUS_SIGNED: &str = "SIGNED";
/// Status: FK has received the signed invoice.
pub const STATUS_RECEIVED: &str = "RECEIVED";
/// Status: the user chose Avbryt on FK's page.
pub const STATUS_CANCELLED: &str = "CANCELLED";
/// Status: not signed in time.
pub const STATUS_EXPIRED: &str = "EXPIRED";

/// Every `pub const` of this module by name, with its value as text (docs/fk-contract.md's
/// test checks that the table names each one with this value).
pub const ASSUMED: &[(&str, &str)] = &[
    ("CREATE_PATH", CREATE_PATH),
    ("STATUS_PATH_PREFIX", STATUS_PATH_PREFIX),
    ("SIGN_PAGE_PATH", SIGN_PAGE_PATH),
    ("SIGN_PAGE_FINGERPRINT", SIGN_PAGE_FINGERPRINT),
    ("DEFAULT_KEY_HEADER", DEFAULT_KEY_HEADER),
    ("JSON_CONTENT_TYPE", JSON_CONTENT_TYPE),
    ("RETURN_URL_FIELD", RETURN_URL_FIELD),
    ("SIGNAL_URL_FIELD", SIGNAL_URL_FIELD),
    ("FINGERPRINT_FIELD", FINGERPRINT_FIELD),
    ("STATUS_FIELD", STATUS_FIELD),
    ("ERRORS_FIELD", ERRORS_FIELD),
    ("ERROR_PATH_FIELD", ERROR_PATH_FIELD),
    ("ERROR_MESSAGE_FIELD", ERROR_MESSAGE_FIELD),
    ("INVALID_STATUSES", "400, 422"),
    ("UNAUTHORIZED_STATUSES", "401, 403"),
    ("UNKNOWN_FINGERPRINT_STATUS", "404"),
    ("OUTCOME_FINGERPRINT", OUTCOME_FINGERPRINT),
    ("OUTCOME_STATUS", OUTCOME_STATUS),
    ("STATUS_CREATED", STATUS_CREATED),
    ("STATUS_SIGNED", STATUS_SIGNED),
    ("STATUS_RECEIVED", STATUS_RECEIVED),
    ("STATUS_CANCELLED", STATUS_CANCELLED),
    ("STATUS_EXPIRED", STATUS_EXPIRED),
];

/// The path of the status call for `fingerprint`, below the base URL (the fingerprint
/// percent-encoded as a path segment).
pub fn status_path(fingerprint: &str) -> String {
    format!("{STATUS_PATH_PREFIX}{}", encode_path_segment(fingerprint))
}

/// FK's page where the user signs: `{base}/sign?fingerprint=…`.
pub fn sign_page_url(base: &str, fingerprint: &str) -> String {
    let encoded: String = url::form_urlencoded::byte_serialize(fingerprint.as_bytes()).collect();
    format!(
        "{}{SIGN_PAGE_PATH}?{SIGN_PAGE_FINGERPRINT}={encoded}",
        base.trim_end_matches('/')
    )
}

fn encode_path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The create body

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreateBody<'a> {
    supplier: SupplierJson<'a>,
    return_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    signal_url: Option<&'a str>,
    invoice: InvoiceJson<'a>,
}

#[derive(Serialize)]
struct SupplierJson<'a> {
    name: &'a str,
    id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InvoiceJson<'a> {
    scenario: &'static str,
    year: i32,
    month: u32,
    person: PersonJson<'a>,
    totals: TotalsJson,
    answers: AnswersJson,
    signer: SignerJson<'a>,
    phone: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PersonJson<'a> {
    personnummer: &'a str,
    first_name: &'a str,
    last_name: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TotalsJson {
    active_minutes: u32,
    waiting_minutes: u32,
    standby_minutes: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AnswersJson {
    lss_activity: LssJson,
    hospital_stay: HospitalJson,
    outside_eea: YesNoJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_payment: Option<PreviousPaymentJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_month_of_period: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    costs: Option<CostsJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<PeriodJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    money_left: Option<MoneyLeftJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    repayment: Option<&'static str>,
}

#[derive(Serialize)]
struct LssJson {
    answer: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    kinds: Option<Vec<&'static str>>,
}

#[derive(Serialize)]
struct HospitalJson {
    answer: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    dates: Option<Vec<FromToJson>>,
}

#[derive(Serialize)]
struct FromToJson {
    from: String,
    to: String,
}

#[derive(Serialize)]
struct YesNoJson {
    answer: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PreviousPaymentJson {
    answer: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    remaining_ore: Option<i64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CostsJson {
    wages_ore: i64,
    overheads_ore: i64,
    training_ore: i64,
    work_environment_ore: i64,
}

#[derive(Serialize)]
struct PeriodJson {
    from: String,
    to: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MoneyLeftJson {
    answer: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount_ore: Option<i64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SignerJson<'a> {
    role: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    personnummer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name_in_print: Option<&'a str>,
}

fn scenario_token(s: Scenario) -> &'static str {
    s.as_str()
}

fn lss_token(k: LssKind) -> &'static str {
    match k {
        LssKind::Barnomsorg => "barnomsorg",
        LssKind::Skola => "skola",
        LssKind::DagligVerksamhet => "dagligVerksamhet",
    }
}

fn repayment_token(r: Repayment) -> &'static str {
    match r {
        Repayment::DeductFromNextPayment => "deductFromNextPayment",
        Repayment::PayBack => "payBack",
    }
}

fn role_token(r: SignerRole) -> &'static str {
    match r {
        SignerRole::SelfSigner => "self",
        SignerRole::Vardnadshavare => "vardnadshavare",
        SignerRole::GodMan => "godMan",
        SignerRole::Forvaltare => "forvaltare",
    }
}

const LOCAL_TIME: &str = "%Y-%m-%dT%H:%M";
const DATE: &str = "%Y-%m-%d";

/// The JSON body of `POST /public/v1/create` for `invoice`.
pub fn create_body(
    invoice: &Invoice,
    supplier_name: &str,
    supplier_id: &str,
    return_url: &str,
    signal_url: Option<&str>,
) -> Vec<u8> {
    let a = &invoice.answers;
    let mut answers = AnswersJson {
        lss_activity: LssJson {
            answer: !a.lss_kinds.is_empty(),
            kinds: (!a.lss_kinds.is_empty())
                .then(|| a.lss_kinds.iter().copied().map(lss_token).collect()),
        },
        hospital_stay: HospitalJson {
            answer: !a.hospital_stays.is_empty(),
            dates: (!a.hospital_stays.is_empty()).then(|| {
                a.hospital_stays
                    .iter()
                    .map(|s| FromToJson {
                        from: s.from.format(LOCAL_TIME).to_string(),
                        to: s.to.format(LOCAL_TIME).to_string(),
                    })
                    .collect()
            }),
        },
        outside_eea: YesNoJson {
            answer: a.outside_eea,
        },
        previous_payment: None,
        last_month_of_period: None,
        costs: None,
        period: None,
        money_left: None,
        repayment: None,
    };
    match a.by_scenario {
        ScenarioAnswers::Buys { previous_payment } => {
            answers.previous_payment = Some(match previous_payment {
                PreviousPayment::Used => PreviousPaymentJson {
                    answer: true,
                    remaining_ore: None,
                },
                PreviousPayment::NotUsed { remaining } => PreviousPaymentJson {
                    answer: false,
                    remaining_ore: Some(remaining.get()),
                },
            });
        }
        ScenarioAnswers::Advance { period_end } => {
            answers.last_month_of_period = Some(period_end.is_some());
            if let Some(end) = period_end {
                answers.costs = Some(CostsJson {
                    wages_ore: end.costs.wages.get(),
                    overheads_ore: end.costs.overheads.get(),
                    training_ore: end.costs.training.get(),
                    work_environment_ore: end.costs.work_environment.get(),
                });
                answers.period = Some(PeriodJson {
                    from: end.period_from.format(DATE).to_string(),
                    to: end.period_to.format(DATE).to_string(),
                });
                answers.money_left = Some(MoneyLeftJson {
                    answer: end.money_left.is_some(),
                    amount_ore: end.money_left.map(|o| o.get()),
                });
                answers.repayment = Some(repayment_token(end.repayment));
            }
        }
    }
    let signer = match &invoice.signer {
        InvoiceSigner::Person => SignerJson {
            role: role_token(SignerRole::SelfSigner),
            personnummer: None,
            name_in_print: None,
        },
        InvoiceSigner::Representative {
            role,
            personnummer,
            name_in_print,
        } => SignerJson {
            role: role_token(*role),
            personnummer: Some(personnummer.as_str()),
            name_in_print: Some(name_in_print),
        },
    };
    let body = CreateBody {
        supplier: SupplierJson {
            name: supplier_name,
            id: supplier_id,
        },
        return_url,
        signal_url,
        invoice: InvoiceJson {
            scenario: scenario_token(invoice.scenario),
            year: invoice.month.year(),
            month: invoice.month.month(),
            person: PersonJson {
                personnummer: invoice.person.personnummer.as_str(),
                first_name: &invoice.person.first_name,
                last_name: &invoice.person.last_name,
            },
            totals: TotalsJson {
                active_minutes: invoice.totals.aktiv,
                waiting_minutes: invoice.totals.vantetid,
                standby_minutes: invoice.totals.beredskap,
            },
            answers,
            signer,
            phone: &invoice.phone,
        },
    };
    // Serializing these structs (strings, integers, booleans) cannot fail.
    serde_json::to_vec(&body).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Replies

/// One validation error of a 400 reply: the JSON path of the field and E-RÄK's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireFieldError {
    pub field: String,
    pub message: String,
}

impl WireFieldError {
    /// The wizard's field id this error belongs to; `None`: show it in the general list.
    pub fn invoice_field(&self) -> Option<String> {
        field_for_wire_path(&self.field)
    }
}

/// What E-RÄK answered to a create call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateReply {
    /// 200: accepted; the user signs it on FK's page.
    Created { fingerprint: String },
    /// 400: the invoice was refused; each error names its field.
    Invalid(Vec<WireFieldError>),
    /// 401/403: the supplier key is missing or wrong.
    Unauthorized { raw: String },
    /// Any other status (5xx, 404, 415, …): not handled; the invoice stays ready to send.
    Unavailable { status: u16, raw: String },
}

/// The status of an invoice in E-RÄK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErakStatus {
    /// Accepted, not signed yet.
    Created,
    Signed,
    /// FK has received the signed invoice.
    Received,
    /// The user chose Avbryt.
    Cancelled,
    /// Not signed in time.
    Expired,
}

impl ErakStatus {
    /// The wire token (`CREATED`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ErakStatus::Created => STATUS_CREATED,
            ErakStatus::Signed => STATUS_SIGNED,
            ErakStatus::Received => STATUS_RECEIVED,
            ErakStatus::Cancelled => STATUS_CANCELLED,
            ErakStatus::Expired => STATUS_EXPIRED,
        }
    }

    pub fn parse(token: &str) -> Option<ErakStatus> {
        [
            ErakStatus::Created,
            ErakStatus::Signed,
            ErakStatus::Received,
            ErakStatus::Cancelled,
            ErakStatus::Expired,
        ]
        .into_iter()
        .find(|s| s.as_str() == token)
    }

    /// Whether nothing more will happen to the invoice.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ErakStatus::Received | ErakStatus::Cancelled | ErakStatus::Expired
        )
    }
}

/// A status call's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReply {
    pub fingerprint: String,
    pub status: ErakStatus,
}

/// The string field `name` of a JSON object body.
fn text_field<'v>(
    object: &'v serde_json::Map<String, serde_json::Value>,
    name: &str,
) -> Option<&'v str> {
    object.get(name).and_then(serde_json::Value::as_str)
}

fn object_of(body: &[u8]) -> Option<serde_json::Map<String, serde_json::Value>> {
    serde_json::from_slice(body).ok()
}

/// The body as text, for keeping with an error (lossy UTF-8).
pub fn raw_text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

/// The longest fingerprint taken.
const MAX_FINGERPRINT: usize = 200;
/// The most validation errors a `400` may list.
const MAX_FIELD_ERRORS: usize = 200;
/// The longest error path (`field`) taken, in characters.
const MAX_ERROR_PATH: usize = 200;
/// The longest error message kept, in characters (longer ones are cut).
const MAX_ERROR_MESSAGE: usize = 1000;

/// A fingerprint: 1–[`MAX_FINGERPRINT`] characters of `A–Z a–z 0–9 -_.:+/=`
/// ([`crate::remote::token`]): it goes into a URL path and query, the database and logs.
fn fingerprint_ok(fp: &str) -> bool {
    crate::remote::token(fp, MAX_FINGERPRINT)
}

/// A reply over the cap: never parsed.
fn too_large(status: u16, body: &[u8]) -> Option<ErakError> {
    crate::remote::is_over_cap(body).then(|| ErakError::ReplyTooLarge {
        status,
        raw: raw_text(&crate::remote::kept_part(body)),
    })
}

/// E-RÄK's message, cut to [`MAX_ERROR_MESSAGE`] characters, control characters made spaces.
fn clean_message(message: &str) -> String {
    crate::remote::cut(message, MAX_ERROR_MESSAGE)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Reads the answer to a create call. An answer that does not have the expected shape is
/// [`ErakError::UnreadableReply`], with the raw body; one over the size cap
/// [`ErakError::ReplyTooLarge`]. A `400` with more than [`MAX_FIELD_ERRORS`] errors, or a
/// path that is not a short text, cannot be read; messages are cut to [`MAX_ERROR_MESSAGE`].
pub fn create_reply(status: u16, body: &[u8]) -> Result<CreateReply, ErakError> {
    if let Some(error) = too_large(status, body) {
        return Err(error);
    }
    let unreadable = || ErakError::UnreadableReply {
        status,
        raw: raw_text(body),
    };
    if (200..=299).contains(&status) {
        let object = object_of(body).ok_or_else(unreadable)?;
        return match text_field(&object, FINGERPRINT_FIELD) {
            Some(fp) if fingerprint_ok(fp) => Ok(CreateReply::Created {
                fingerprint: fp.to_string(),
            }),
            _ => Err(unreadable()),
        };
    }
    if INVALID_STATUSES.contains(&status) {
        let object = object_of(body).ok_or_else(unreadable)?;
        let Some(serde_json::Value::Array(list)) = object.get(ERRORS_FIELD) else {
            return Err(unreadable());
        };
        if list.is_empty() || list.len() > MAX_FIELD_ERRORS {
            return Err(unreadable());
        }
        let mut errors = Vec::with_capacity(list.len());
        for item in list {
            let item = item.as_object().ok_or_else(unreadable)?;
            let field = text_field(item, ERROR_PATH_FIELD).unwrap_or_default();
            if field.chars().count() > MAX_ERROR_PATH || field.chars().any(char::is_control) {
                return Err(unreadable());
            }
            errors.push(WireFieldError {
                field: field.to_string(),
                message: clean_message(text_field(item, ERROR_MESSAGE_FIELD).unwrap_or_default()),
            });
        }
        return Ok(CreateReply::Invalid(errors));
    }
    if UNAUTHORIZED_STATUSES.contains(&status) {
        return Ok(CreateReply::Unauthorized {
            raw: raw_text(body),
        });
    }
    Ok(CreateReply::Unavailable {
        status,
        raw: raw_text(body),
    })
}

/// Reads the answer to a status call for `fingerprint`.
pub fn status_reply(fingerprint: &str, status: u16, body: &[u8]) -> Result<StatusReply, ErakError> {
    if let Some(error) = too_large(status, body) {
        return Err(error);
    }
    let raw = || raw_text(body);
    if status == 200 {
        let object = object_of(body);
        let field = |name| object.as_ref().and_then(|o| text_field(o, name));
        return match (
            field(FINGERPRINT_FIELD),
            field(STATUS_FIELD).and_then(ErakStatus::parse),
        ) {
            (Some(fp), Some(parsed)) if fp == fingerprint => Ok(StatusReply {
                fingerprint: fp.to_string(),
                status: parsed,
            }),
            _ => Err(ErakError::UnreadableReply { status, raw: raw() }),
        };
    }
    if status == UNKNOWN_FINGERPRINT_STATUS {
        return Err(ErakError::UnknownFingerprint { raw: raw() });
    }
    if UNAUTHORIZED_STATUSES.contains(&status) {
        return Err(ErakError::Unauthorized { raw: raw() });
    }
    Err(ErakError::Unavailable { status, raw: raw() })
}

// ---------------------------------------------------------------------------------------------
// Error paths back to the wizard's fields

/// The wizard's field id ([`crate::invoice::field`]) for the JSON path E-RÄK named in an
/// error, or the nearest question that has one: `invoice.answers.hospitalStay.dates[0].from`
/// → `hospitalStay.stays[0].from`, `invoice.answers.costs.wagesOre` → `costs.wages`,
/// `invoice.person.firstName` → `person`. `None` for what the user cannot fix in the wizard
/// (`supplier.*`, `returnUrl`, `invoice.scenario`, `""`, unknown paths): show those in a
/// general list.
pub fn field_for_wire_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("invoice.")?;
    if let Some(tail) = rest.strip_prefix("answers.hospitalStay.dates") {
        if tail.is_empty() {
            return Some(field::HOSPITAL_STAYS.into());
        }
        let (index, after) = leading_index(tail)?;
        return Some(match after {
            ".from" => field::hospital_stay_from(index),
            ".to" => field::hospital_stay_to(index),
            _ => field::hospital_stay(index),
        });
    }
    if let Some(tail) = rest.strip_prefix("answers.lssActivity.kinds") {
        if tail.is_empty() || leading_index(tail).is_some() {
            return Some(field::LSS_KINDS.into());
        }
        return None;
    }
    let under = |prefix: &str| rest == prefix || rest.starts_with(&format!("{prefix}."));
    let id = match rest {
        "year" | "month" => field::MONTH,
        "answers.lssActivity" | "answers.lssActivity.answer" => field::LSS_ACTIVITY,
        "answers.hospitalStay" | "answers.hospitalStay.answer" => field::HOSPITAL_STAY,
        "answers.outsideEea" | "answers.outsideEea.answer" => field::OUTSIDE_EEA,
        "answers.previousPayment" | "answers.previousPayment.answer" => field::PREVIOUS_PAYMENT,
        "answers.previousPayment.remainingOre" => field::PREVIOUS_PAYMENT_REMAINING,
        "answers.lastMonthOfPeriod" => field::LAST_MONTH_OF_PERIOD,
        "answers.costs" => field::COSTS,
        "answers.costs.wagesOre" => field::COSTS_WAGES,
        "answers.costs.overheadsOre" => field::COSTS_OVERHEADS,
        "answers.costs.trainingOre" => field::COSTS_TRAINING,
        "answers.costs.workEnvironmentOre" => field::COSTS_WORK_ENVIRONMENT,
        "answers.period" => field::PERIOD,
        "answers.period.from" => field::PERIOD_FROM,
        "answers.period.to" => field::PERIOD_TO,
        "answers.moneyLeft" | "answers.moneyLeft.answer" => field::MONEY_LEFT,
        "answers.moneyLeft.amountOre" => field::MONEY_LEFT_AMOUNT,
        "answers.repayment" => field::REPAYMENT,
        "signer" => field::SIGNER,
        "signer.role" => field::SIGNER_ROLE,
        "signer.personnummer" => field::SIGNER_PERSONNUMMER,
        "signer.nameInPrint" => field::SIGNER_NAME_IN_PRINT,
        "phone" => field::PHONE,
        _ if under("person") => field::PERSON,
        _ if under("totals") => field::TOTALS,
        _ => return None,
    };
    Some(id.into())
}

/// `[n]` at the start of `s`: the index and what follows.
fn leading_index(s: &str) -> Option<(usize, &str)> {
    let inner = s.strip_prefix('[')?;
    let close = inner.find(']')?;
    let digits = &inner[..close];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, &inner[close + 1..]))
}
