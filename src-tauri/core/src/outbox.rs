//! The outbox: sends queued, fully signed time reports to ELT, one at a time, never two
//! requests less than [`SPACING`] apart for the whole installation (elt.md, "Rate").
//!
//! The queue is the `time_reports` table (`queued → sending → sent | rejected | uncertain`);
//! the pace is the `elt_pace` row, written in the same transaction that claims a report and
//! again when its answer arrives, so the spacing holds across retries, restarts and processes
//! (the app and `timbok-cli` open the same file). The sender opens its own connection to the
//! database, so the app's window never waits for the network.
//!
//! What each answer does (elt::client::Outcome):
//! - `Sent` → `sent` with the tx-id.
//! - `Rejected` (XmlValidationError / SignatureValidationError) → `rejected` with FK's message
//!   in plain Swedish and the raw reply; the user corrects, signs again and sends.
//! - `RateLimited`, `NotSent` (no connection) → back to `queued` with a later retry time.
//! - `Uncertain` (time-out or a broken connection after the request went out) → `uncertain`:
//!   FK may have it, so it is never re-sent without the user (who can check with FK and then
//!   mark it received or send it again).
//! - A crash while `sending`: on the next start the report becomes `uncertain` for the same
//!   reason ([`Sender::recover`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;

use crate::elt::client::{outcome_message, send, EltTransport, Outcome};
use crate::elt::soap::{envelope, Signature};
use crate::error::Result;
use crate::journal::redact;
use crate::message::Key;
use crate::store::{CallRecord, Claim, SendResult, Store, StoredReport, StoredSignature};
use crate::timbok::Clock;

/// The least time between the end of one ELT request and the start of the next (FK allows
/// about one request per second; the margin keeps clock granularity on the right side).
pub const SPACING: Duration = Duration::from_millis(1_100);

/// The problem text of a report found `sending` after a restart.
pub const INTERRUPTED: Key = Key::OutboxInterrupted;

/// How long to wait before retrying a report FK did not get.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub first: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Backoff {
        Backoff {
            first: Duration::from_secs(30),
            max: Duration::from_secs(15 * 60),
        }
    }
}

impl Backoff {
    fn after(&self, attempts: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(16));
        self.first.saturating_mul(factor).min(self.max)
    }
}

/// What one pass of the sender did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Progress {
    pub sent: usize,
    pub rejected: usize,
    pub uncertain: usize,
    pub retried: usize,
}

/// The installation's one ELT sender.
pub struct Sender {
    db_path: PathBuf,
    transport: Arc<dyn EltTransport>,
    clock: Clock,
    backoff: Backoff,
    spacing: Duration,
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

fn signature(stored: &StoredSignature) -> Signature {
    let date = stored
        .signed_at
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    Signature {
        signature: stored.signature.clone(),
        ocsp_response: stored.ocsp_response.clone(),
        date,
    }
}

impl Sender {
    pub fn new(db_path: &Path, transport: Arc<dyn EltTransport>, clock: Clock) -> Sender {
        Sender {
            db_path: db_path.to_path_buf(),
            transport,
            clock,
            backoff: Backoff::default(),
            spacing: SPACING,
        }
    }

    pub fn with_backoff(mut self, backoff: Backoff) -> Sender {
        self.backoff = backoff;
        self
    }

    /// Marks reports left `sending` by a crash as uncertain. Call once when the app starts,
    /// before the first pass.
    pub fn recover(&self) -> Result<usize> {
        Store::open(&self.db_path)?.recover_interrupted_sends(INTERRUPTED)
    }

    fn local_now(&self, offset: Duration) -> String {
        (self.clock.now() + chrono::Duration::from_std(offset).unwrap_or_default())
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string()
    }

    /// How long until a stored local time (`YYYY-MM-DDTHH:MM:SS`); `None` if it has passed.
    fn until(&self, local: &str) -> Option<Duration> {
        chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S")
            .ok()
            .and_then(|at| (at - self.clock.now()).to_std().ok())
    }

    /// Sends until nothing is ready to send now. Returns what it did and, when something waits
    /// for a retry, the local time of the earliest one.
    pub async fn run_once(&self) -> Result<(Progress, Option<String>)> {
        let mut store = Store::open(&self.db_path)?;
        let mut progress = Progress::default();
        loop {
            let claim = store.claim_next_send(
                now_ms(),
                &self.local_now(Duration::ZERO),
                self.spacing.as_millis() as i64,
            )?;
            match claim {
                Claim::Idle(next) => return Ok((progress, next)),
                Claim::WaitUntilMs(at) => {
                    let wait = (at - now_ms()).max(1) as u64;
                    tokio::time::sleep(Duration::from_millis(wait)).await;
                }
                Claim::Send(report) => {
                    let started = std::time::Instant::now();
                    let (result, call) = self.send_one(&report).await;
                    let record = CallRecord {
                        at: self.local_now(Duration::ZERO),
                        service: "elt".into(),
                        endpoint: "POST ELT SkickaTidredovisning".into(),
                        status: call.status,
                        duration_ms: started.elapsed().as_millis() as u64,
                        fingerprint: None,
                        body: redact(&call.body),
                    };
                    if let Err(error) = store.journal_call(&record) {
                        tracing::warn!(%error, "outbox: the call journal could not be written");
                    }
                    match &result {
                        SendResult::Sent { .. } => progress.sent += 1,
                        SendResult::Rejected { .. } => progress.rejected += 1,
                        SendResult::Uncertain { .. } => progress.uncertain += 1,
                        SendResult::Retry { .. } => progress.retried += 1,
                    }
                    store.finish_send(report.row_id, &result, now_ms())?;
                }
            }
        }
    }

    /// Sends until the queue is empty or only holds reports waiting longer than `patience` for
    /// a retry (the CLI). Returns the sum of every pass.
    pub async fn run_until_done(&self, patience: Duration) -> Result<Progress> {
        let deadline = tokio::time::Instant::now() + patience;
        let mut total = Progress::default();
        loop {
            let (progress, next) = self.run_once().await?;
            total.sent += progress.sent;
            total.rejected += progress.rejected;
            total.uncertain += progress.uncertain;
            total.retried += progress.retried;
            let Some(next) = next else { return Ok(total) };
            let wait = self.until(&next).unwrap_or(Duration::from_millis(200));
            if tokio::time::Instant::now() + wait > deadline {
                return Ok(total);
            }
            tokio::time::sleep(wait.max(Duration::from_millis(50))).await;
        }
    }

    /// The app's sender: passes until nothing is ready, then sleeps until the earliest retry
    /// (at most a minute) or until `wake` is notified (something was queued).
    pub async fn run_forever(self, wake: Arc<tokio::sync::Notify>) {
        loop {
            let wait = match self.run_once().await {
                Ok((_, next)) => next
                    .and_then(|next| self.until(&next))
                    .unwrap_or(Duration::from_secs(60))
                    .min(Duration::from_secs(60)),
                Err(error) => {
                    tracing::warn!(%error, "outbox: a pass failed; trying again shortly");
                    Duration::from_secs(5)
                }
            };
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(wait.max(Duration::from_millis(100))) => {}
            }
        }
    }

    async fn send_one(&self, report: &StoredReport) -> (SendResult, Call) {
        let (Some(assistant), Some(employer)) =
            (&report.assistant_signature, &report.employer_signature)
        else {
            // The schema refuses this; keep the report and say so.
            let result = SendResult::Rejected {
                problem: Key::OutboxSignatureMissing.into(),
                raw: String::new(),
            };
            return (result, Call::default());
        };
        let body = envelope(
            &report.document,
            &signature(assistant),
            &signature(employer),
        );
        let recording = Recording {
            inner: self.transport.as_ref(),
            status: std::sync::Mutex::new(None),
        };
        let outcome = send(&recording, body.clone()).await;
        let call = Call {
            status: *recording.status.lock().unwrap_or_else(|p| p.into_inner()),
            body,
        };
        let text = outcome_message(&outcome);
        let result = match outcome {
            Outcome::Sent { tx_id } => SendResult::Sent {
                tx_id,
                at: self.local_now(Duration::ZERO),
            },
            Outcome::Rejected { raw, .. } => SendResult::Rejected { problem: text, raw },
            Outcome::RateLimited { .. } | Outcome::NotSent { .. } => SendResult::Retry {
                problem: text,
                next_attempt_at: self.local_now(self.backoff.after(report.attempts)),
            },
            Outcome::Uncertain { .. } => SendResult::Uncertain { problem: text },
        };
        (result, call)
    }
}

/// What the journal keeps of one request.
#[derive(Default)]
struct Call {
    status: Option<u16>,
    body: Vec<u8>,
}

/// The transport, noting the HTTP status it got.
struct Recording<'a> {
    inner: &'a dyn EltTransport,
    status: std::sync::Mutex<Option<u16>>,
}

#[async_trait::async_trait]
impl EltTransport for Recording<'_> {
    async fn post(
        &self,
        envelope: Vec<u8>,
    ) -> std::result::Result<crate::elt::client::RawReply, crate::elt::client::TransportError> {
        let reply = self.inner.post(envelope).await;
        if let Ok(raw) = &reply {
            *self.status.lock().unwrap_or_else(|p| p.into_inner()) = Some(raw.status);
        }
        reply
    }
}

#[cfg(test)]
mod sim_tests;
#[cfg(test)]
mod tests;
