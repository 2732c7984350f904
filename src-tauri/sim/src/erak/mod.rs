//! E-RÄK: the invoice (räkning) API and FK's signing page, as Timbok assumes them
//! (erak.md, "Timbok's assumed wire contract"). Plain HTTP on loopback.
//!
//! # Endpoints
//!
//! - `POST /public/v1/create`: JSON body below; the supplier key in the header named by
//!   `SimConfig::erak_key_header` (default `X-Erak-Key`). Wrong or missing key: `401`.
//!   Body not JSON (or `Content-Type` not `application/json`): `400`/`415`. Validation errors:
//!   `400 {"errors":[{"field":"invoice.answers.hospitalStay.dates","message":"…"}]}` (every
//!   error found, each naming the JSON path of the field). Accepted: `200 {"fingerprint":"…"}`.
//! - `GET /public/v1/status/{fingerprint}` (same key header): `200 {"fingerprint","status"}`,
//!   `404` for a fingerprint never issued, `401` without the key.
//! - `GET /sign?fingerprint=…`: FK's page showing the invoice, with "Skriv under" and "Avbryt".
//! - `POST /sign/{fingerprint}/complete`, form field `action=sign|cancel`: what the buttons
//!   do. Sign: CREATED → SIGNED → RECEIVED; cancel: → CANCELLED. The answer is a page whose
//!   own script first POSTs `{"fingerprint","status"}` with `Content-Type: application/json`
//!   to `signalUrl` (cross-origin, so the browser sends a CORS preflight), then sends the
//!   browser to `returnUrl` with `fingerprint` and `status` appended to its query (its own
//!   parameters, such as `state`, are kept). For clients without a browser the same answer
//!   carries the headers `X-Erak-Redirect` (the full return URL), `X-Erak-Signal-Url` and
//!   `X-Erak-Signal-Body`; with `Accept: application/json` the answer is JSON instead:
//!   `{"fingerprint","status","redirect","signalUrl","signal":{"fingerprint","status"}}`.
//!   A second press on a finished invoice: `409`.
//! - Simulator options on that form (not FK's; its real page is not public, so these play the
//!   shapes it might use, for Timbok's tests): `signal=json|form|text|query` ([`SignalShape`]:
//!   the JSON POST above, a form POST, a `text/plain` POST of the JSON, or a `GET` with the
//!   fields in the signal URL's query; the last three are "simple" requests a browser sends
//!   without a preflight), `append=RAW` (its own parameters appended to both links, with `?`
//!   or `&`), `fragment=F` (`#F` on both links) and `lowercase=1` (the status in lower case).
//!   The answer then also carries `X-Erak-Signal-Method`, `X-Erak-Signal-Content-Type` (absent
//!   for `query`) and `X-Erak-Signal-Payload` (the bytes the script sends).
//!
//! Statuses: `CREATED`, `SIGNED`, `RECEIVED`, `CANCELLED`, `EXPIRED` (not signed within
//! `SimConfig::erak_invoice_ttl`).
//!
//! # The create body (all names camelCase)
//!
//! ```text
//! supplier.name                 string, required        the supplier's name
//! supplier.id                   string, required        the supplier's identifier
//! returnUrl                     http(s) URL, required
//! signalUrl                     http(s) URL, optional   (absent or null: no signal)
//! invoice.scenario              "A".."F", required      (domain.md, "Invoice scenarios")
//! invoice.year                  integer, required
//! invoice.month                 integer 1–12, required; the month must have ended
//!                               (Europe/Stockholm)
//! invoice.person.personnummer   12 digits YYYYMMDDNNNN, no separator; valid date, not in
//!                               the future, Luhn over the last 10 (a samordningsnummer,
//!                               day + 60, is accepted)
//! invoice.person.firstName      string, required
//! invoice.person.lastName       string, required
//! invoice.totals.activeMinutes  integer >= 0, required (aktiv tid, real minutes)
//! invoice.totals.waitingMinutes integer >= 0, required (väntetid)
//! invoice.totals.standbyMinutes integer >= 0, required (beredskapstid)
//! invoice.answers.lssActivity   {"answer": bool, "kinds": [..]}, required; kinds required
//!                               and non-empty when answer is true, each one of
//!                               "barnomsorg", "skola", "dagligVerksamhet"
//! invoice.answers.hospitalStay  {"answer": bool, "dates": [{"from","to"}]}, required; dates
//!                               required and non-empty when answer is true; from/to are
//!                               local "YYYY-MM-DDTHH:MM", from < to, overlapping the month
//! invoice.answers.outsideEea    {"answer": bool}, required
//!   scenarios A, B, C only:
//! invoice.answers.previousPayment {"answer": bool, "remainingOre": integer >= 0}, required;
//!                               answer = "used last month's payment to buy assistance?";
//!                               remainingOre required when answer is false
//!   scenarios D, E, F only:
//! invoice.answers.lastMonthOfPeriod bool, required
//!   scenarios D, E, F, only when lastMonthOfPeriod is true (then all required):
//! invoice.answers.costs         {"wagesOre","overheadsOre","trainingOre","workEnvironmentOre"}
//!                               integers >= 0 (lön och lönebikostnader,
//!                               assistansomkostnader, utbildning, arbetsmiljö och personal)
//! invoice.answers.period        {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}, from <= to,
//!                               to inside the invoice month
//! invoice.answers.moneyLeft     {"answer": bool, "amountOre": integer > 0}; amountOre
//!                               required when answer is true
//! invoice.answers.repayment     "deductFromNextPayment" | "payBack" (exactly one of the two)
//! invoice.signer.role           A, D: "self"; B, E: "vardnadshavare"; C, F: "godMan" or
//!                               "forvaltare"
//! invoice.signer.personnummer   B, C, E, F: required, valid, not the person's;
//!                               A, D: optional, and if given the person's
//! invoice.signer.nameInPrint    B, C, E, F: required (namnförtydligande); A, D: optional
//! invoice.phone                 string, required: at least 6 digits; digits, spaces, + - ( )
//! ```
//!
//! An answer that belongs to another scenario (or to the last month of the period when
//! `lastMonthOfPeriod` is false) is an error: the wizard must ask only its scenario's
//! questions. Other unknown fields are ignored. Amounts are integer öre.
//!
//! # Layout
//!
//! `mod.rs` the invoices E-RÄK holds (state); `routes.rs` the HTTP endpoints; `page.rs` the
//! HTML of FK's signing page; `validation.rs` what E-RÄK checks in a create request (the
//! assumed rules) and the lines the signing page shows.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Instant, SystemTime};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Result, SimError};
use crate::SimConfig;

mod page;
mod routes;
mod validation;

pub(crate) use routes::router;
pub use routes::SignalShape;

/// The status of an invoice in E-RÄK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErakStatus {
    Created,
    Signed,
    Received,
    Cancelled,
    Expired,
}

impl ErakStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ErakStatus::Created => "CREATED",
            ErakStatus::Signed => "SIGNED",
            ErakStatus::Received => "RECEIVED",
            ErakStatus::Cancelled => "CANCELLED",
            ErakStatus::Expired => "EXPIRED",
        }
    }
}

/// An accepted invoice as E-RÄK holds it.
#[derive(Debug, Clone)]
pub struct InvoiceSnapshot {
    pub fingerprint: String,
    pub status: ErakStatus,
    /// Every status it has had, with when.
    pub history: Vec<(ErakStatus, SystemTime)>,
    /// The create request's body as received.
    pub body: Value,
    pub return_url: String,
    pub signal_url: Option<String>,
    pub received_at: SystemTime,
}

struct Invoice {
    snapshot: InvoiceSnapshot,
    created: Instant,
    page: Vec<(String, String)>,
}

/// E-RÄK's invoices, by fingerprint.
#[derive(Default)]
pub(crate) struct ErakState {
    invoices: Mutex<(Vec<String>, HashMap<String, Invoice>)>,
}

impl ErakState {
    fn lock(&self) -> std::sync::MutexGuard<'_, (Vec<String>, HashMap<String, Invoice>)> {
        self.invoices.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn expire_if_due(invoice: &mut Invoice, config: &SimConfig) {
        if invoice.snapshot.status == ErakStatus::Created
            && invoice.created.elapsed() >= config.erak_invoice_ttl
        {
            set_status(invoice, ErakStatus::Expired);
        }
    }

    pub fn snapshots(&self, config: &SimConfig) -> Vec<InvoiceSnapshot> {
        let mut guard = self.lock();
        let (order, map) = &mut *guard;
        let mut out = Vec::with_capacity(order.len());
        for fp in order.iter() {
            if let Some(invoice) = map.get_mut(fp) {
                Self::expire_if_due(invoice, config);
                out.push(invoice.snapshot.clone());
            }
        }
        out
    }

    pub fn status(&self, fingerprint: &str, config: &SimConfig) -> Option<ErakStatus> {
        let mut guard = self.lock();
        let invoice = guard.1.get_mut(fingerprint)?;
        Self::expire_if_due(invoice, config);
        Some(invoice.snapshot.status)
    }

    pub fn expire(&self, fingerprint: &str) -> Result<()> {
        let mut guard = self.lock();
        let invoice = guard
            .1
            .get_mut(fingerprint)
            .ok_or(SimError::NoSuchInvoice)?;
        if invoice.snapshot.status == ErakStatus::Created {
            set_status(invoice, ErakStatus::Expired);
        }
        Ok(())
    }
}

fn set_status(invoice: &mut Invoice, status: ErakStatus) {
    invoice.snapshot.status = status;
    invoice.snapshot.history.push((status, SystemTime::now()));
}
