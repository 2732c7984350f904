//! The invoice desk: submits a month's invoice to E-RÄK and waits for the outcome
//! (erak.md, "The flow"; docs/ipc.md `submit_invoice`, `reopen_invoice_page`, `cancel_invoice`).
//!
//! It opens its own connection to the database (as [`crate::outbox::Sender`] does), so the app's
//! window never waits for the network; the app and `timbok-cli` share the same file.
//!
//! # Submitting ([`InvoiceDesk::submit`])
//!
//! 1. The answers (saved, or pre-filled from the household) are checked with
//!    [`super::validate`] for the household's scenario. Problems: the invoice stays a `draft`
//!    with the problems stored on their fields; `Ok(Submitted::Refused)`.
//! 2. The loopback listener starts ([`crate::listener`]; the allowed origin is FK's signing
//!    page), and the create request goes out with its return and signal URLs. The call is
//!    journalled (redacted body, see below).
//! 3. E-RÄK's answer:
//!    - accepted: `waiting` with the fingerprint and the time; the listener expects the
//!      fingerprint; a waiter task starts; the signing page is opened ([`Surface::open_url`]).
//!    - 400: `draft` with each error on the wizard field it names
//!      ([`crate::erak::field_for_wire_path`]; paths the user cannot fix go to
//!      [`GENERAL_FIELD`]); the listener closes.
//!    - a wrong key, 5xx, no network, an unreadable answer: `Err(Error::Network)` in Swedish
//!      (the invoice is saved and can be sent again); nothing about the invoice is written.
//!    - no answer in time: the same, but the message says that E-RÄK may have received it
//!      (its fingerprint is unknown, so nothing is stored as waiting; only a signed invoice
//!      counts, so sending again is safe).
//!
//! # Waiting
//!
//! The waiter takes the outcome from whichever comes first:
//! - the browser back on the return link ([`Arrival::Returned`]): the window is brought to the
//!   front ([`Surface::bring_to_front`]);
//! - the signal from FK's page ([`Arrival::Signalled`]);
//! - status polling (`GET /public/v1/status/{fp}` every `poll`, default 5 s).
//!
//! An arrival is a doorbell: the waiter asks the status API at once and takes only its
//! answer. `RECEIVED` → `received` (with the time and "Försäkringskassan har tagit emot
//! räkningen"), `CANCELLED` → `cancelled`, `EXPIRED` → `expired`, a fingerprint E-RÄK does not
//! know → `draft` with a message; `CREATED`/`SIGNED` → keep waiting. A request the listener
//! could not read ([`Arrival::Unreadable`]) is a doorbell too. After the outcome the listener
//! stays open up to a minute for the browser's return link (FK's page signals first, then
//! sends the browser back), so the person sees Timbok's "Klart" page.
//!
//! # Reported, not confirmed
//!
//! When the return link or the signal claims a final status (in any case) and the status API
//! does not confirm it (no answer, or still `CREATED`/`SIGNED`), the claim is stored as
//! `reported` (with the time and a message that says so, [`REPORTED_RECEIVED_MESSAGE`] …)
//! and the invoice stays `waiting`: never `received` (which would refuse sending again) nor
//! `cancelled`/`expired` without the status API's word. The waiter asks again within 2 s,
//! then every `poll`, backing off to 8 × `poll` while calls fail, and it does not stop at
//! `max_wait` while a report is open; after a restart [`InvoiceDesk::resume_open`] picks it
//! up from the store. The status API's final answer finishes the invoice and clears the
//! report (it wins over the claim). "Avbryt" in Timbok still ends the waiting, so a new
//! submission is always possible.
//!
//! After `max_wait` (default 30 min) a waiter without a report stops: the invoice stays
//! `waiting` with a message, the listener closes, and polling resumes at the next start
//! ([`InvoiceDesk::resume_open`]) or when the page is opened again ([`InvoiceDesk::reopen`]).
//! Only the waiter of the current fingerprint can finish an invoice (the store checks it).
//! When the last clone of the desk is dropped, its waiters stop (as when the app exits).
//!
//! # Journal and logs
//!
//! Every create and status call goes to the call journal: time, endpoint, HTTP status (as
//! read from E-RÄK's answer: 200, 400, 401, or the status of a reply that was not handled;
//! `None` when there was no answer), duration, fingerprint and the request body redacted with
//! [`crate::journal::redact`]; the listener's one-time states in the return and signal URLs are
//! replaced with `[state]`. The key never reaches the journal (the client adds it). Logs carry
//! months, statuses and fingerprints only.
//!
//! Open points: FK's real status API may lag behind its page (RECEIVED signalled before the
//! status says so); the quick re-ask covers a short lag, polling a long one, and until then
//! the person sees "reported, not confirmed".

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::{prefill, validate, Answers, FieldProblem, InvoiceStatus};
use crate::erak::{
    field_for_wire_path, sign_page_url, wire, CreateReply, ErakClient, ErakError, ErakStatus,
    Supplier,
};
use crate::error::{Entity, Error, Result};
use crate::hours::YearMonth;
use crate::household::Scenario;
use crate::journal::redact;
use crate::listener::{self, Arrival, ListenerConfig, Waiting};
use crate::message::{Key, Message};
use crate::store::{CallRecord, Store};
use crate::timbok::Clock;

/// How often E-RÄK's status is asked while waiting, by default.
pub const DEFAULT_POLL: Duration = Duration::from_secs(5);
/// How long a submission is waited for, by default (the listener's time too).
pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(30 * 60);
/// After the outcome, how long the listener still waits for the browser's return link.
const RETURN_GRACE: Duration = Duration::from_secs(60);
/// FK's page said it was done but the status API not yet: ask again this soon.
const RECHECK: Duration = Duration::from_secs(2);
/// After failed status calls the interval doubles, up to this many times the poll interval.
const MAX_BACKOFF: u32 = 8;

/// The field of a problem E-RÄK reported about something the wizard does not ask.
pub const GENERAL_FIELD: &str = "general";

/// The message of a received invoice.
pub const RECEIVED_MESSAGE: Key = Key::InvoiceDeskReceived;
pub const WAITING_MESSAGE: Key = Key::InvoiceDeskWaiting;
pub const REFUSED_BY_CHECK_MESSAGE: Key = Key::InvoiceDeskRefusedByCheck;
pub const REFUSED_BY_FK_MESSAGE: Key = Key::InvoiceDeskRefusedByFk;
pub const CANCELLED_AT_FK_MESSAGE: Key = Key::InvoiceDeskCancelledAtFk;
pub const EXPIRED_MESSAGE: Key = Key::InvoiceDeskExpired;
pub const CANCELLED_IN_TIMBOK_MESSAGE: Key = Key::InvoiceDeskCancelledInTimbok;
pub const UNKNOWN_AT_FK_MESSAGE: Key = Key::InvoiceDeskUnknownAtFk;
pub const STOPPED_WAITING_MESSAGE: Key = Key::InvoiceDeskStoppedWaiting;
/// FK's page (the return link or the signal) reported an outcome that the status API has not
/// confirmed: the invoice stays `waiting` and Timbok keeps asking.
pub const REPORTED_RECEIVED_MESSAGE: Key = Key::InvoiceDeskReportedReceived;
pub const REPORTED_CANCELLED_MESSAGE: Key = Key::InvoiceDeskReportedCancelled;
pub const REPORTED_EXPIRED_MESSAGE: Key = Key::InvoiceDeskReportedExpired;
const ALREADY_WAITING_MESSAGE: crate::message::Key = crate::message::Key::InvoiceAlreadyWaiting;
const ALREADY_RECEIVED_MESSAGE: crate::message::Key = crate::message::Key::InvoiceAlreadyReceived;
const NOT_WAITING_MESSAGE: crate::message::Key = crate::message::Key::InvoiceNotWaiting;
const TIMEOUT_MESSAGE: crate::message::Key = crate::message::Key::ErakTimeout;
const UNAUTHORIZED_MESSAGE: crate::message::Key = crate::message::Key::ErakKeyRefused;
const NO_RUNTIME_MESSAGE: crate::message::Key = crate::message::Key::InvoiceDeskNoRuntime;

/// What the desk needs to talk to E-RÄK.
#[derive(Debug, Clone)]
pub struct ErakSetup {
    pub client: ErakClient,
    /// E-RÄK's base URL, for the signing page's link (`{base}/sign?fingerprint=…`).
    pub base_url: String,
    /// The origin of FK's signing page: the only origin the listener answers CORS for.
    pub signing_origin: String,
    pub supplier: Supplier,
}

/// Where the person sees things: the app (the `open` crate and its window) or the CLI (the
/// simulator's headless browser).
pub trait Surface: Send + Sync {
    /// Opens FK's signing page (the system browser).
    fn open_url(&self, url: &str);
    /// The browser came back on the return link: bring the app's window to the front.
    fn bring_to_front(&self);
    /// Starts the BankID app on this device with its autostart link (signing a time report);
    /// by default as any page.
    fn start_bankid_app(&self, link: &str) {
        self.open_url(link);
    }
}

/// What a submit did, when E-RÄK or the check answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submitted {
    /// Accepted by E-RÄK; the signing page is open and a waiter runs.
    Waiting { fingerprint: String },
    /// Not sent (our check) or refused by E-RÄK (400): each problem on its field.
    Refused(Vec<FieldProblem>),
}

/// Submits invoices and waits for their outcome; see the module doc. Clones share the waiters.
#[derive(Clone)]
pub struct InvoiceDesk {
    core: Arc<Core>,
    registry: Arc<Registry>,
    poll: Duration,
    max_wait: Duration,
}

impl fmt::Debug for InvoiceDesk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InvoiceDesk")
            .field("poll", &self.poll)
            .field("max_wait", &self.max_wait)
            .finish_non_exhaustive()
    }
}

/// What the waiters need (they hold it; the desk's handles need not live).
struct Core {
    db_path: PathBuf,
    setup: ErakSetup,
    surface: Arc<dyn Surface>,
    clock: Clock,
    /// Bumped whenever an invoice's status may have changed (for [`InvoiceDesk::wait_settled`]).
    changes: watch::Sender<u64>,
}

impl Core {
    fn stamp(&self) -> String {
        self.clock.now().format("%Y-%m-%dT%H:%M:%S").to_string()
    }

    fn changed(&self) {
        self.changes.send_modify(|n| *n = n.wrapping_add(1));
    }

    fn open_store(&self) -> Result<Store> {
        Store::open(&self.db_path)
    }
}

/// The running waiters, one per month. Dropped with the last desk: every waiter stops.
#[derive(Default)]
struct Registry {
    waiters: Mutex<HashMap<YearMonth, Slot>>,
    next_id: AtomicU64,
}

struct Slot {
    id: u64,
    task: JoinHandle<()>,
}

impl Registry {
    fn lock(&self) -> MutexGuard<'_, HashMap<YearMonth, Slot>> {
        self.waiters.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        for (_, slot) in self.lock().drain() {
            slot.task.abort();
        }
    }
}

/// A tokio `Instant` `after` from now (far in the future when that overflows).
fn later(after: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(after)
        .unwrap_or_else(|| now + Duration::from_secs(10 * 365 * 24 * 3600))
}

/// The household's totals of `month`, read narrowly (the month's shifts, not a whole sheet).
fn month_totals(store: &Store, month: YearMonth) -> Result<crate::hours::Totals> {
    let shifts = store.shifts_overlapping(month.start(), month.end())?;
    Ok(crate::hours::month_totals(&shifts, month).household)
}

fn journal(store: &mut Store, record: &CallRecord) {
    if let Err(e) = store.journal_call(record) {
        tracing::warn!(error = %e, endpoint = %record.endpoint, "erak: the call could not be journalled");
    }
}

/// The one-time state of a listener URL (`…?state=X`).
fn state_of(url: &str) -> Option<&str> {
    url.split_once("state=")
        .map(|(_, s)| s)
        .filter(|s| !s.is_empty())
}

/// The create body as the journal keeps it: personal data and the listener's states removed.
fn journal_body(body: &[u8], urls: [&str; 2]) -> String {
    let mut text = redact(body);
    for state in urls.into_iter().filter_map(state_of) {
        text = text.replace(state, "[state]");
    }
    text
}

/// The HTTP status as read from a create answer (`None`: no answer).
fn create_status(reply: &std::result::Result<CreateReply, ErakError>) -> Option<u16> {
    match reply {
        Ok(CreateReply::Created { .. }) => Some(200),
        Ok(CreateReply::Invalid(_)) => Some(400),
        Ok(CreateReply::Unauthorized { .. }) => Some(401),
        Ok(CreateReply::Unavailable { status, .. }) => Some(*status),
        Err(e) => error_status(e),
    }
}

fn error_status(e: &ErakError) -> Option<u16> {
    match e {
        ErakError::Unauthorized { .. } => Some(401),
        ErakError::UnknownFingerprint { .. } => Some(404),
        ErakError::Unavailable { status, .. }
        | ErakError::UnreadableReply { status, .. }
        | ErakError::ReplyTooLarge { status, .. } => Some(*status),
        ErakError::Timeout | ErakError::Network(_) | ErakError::Settings(_) => None,
    }
}

impl InvoiceDesk {
    /// A desk over the database at `db_path`, talking to E-RÄK through `setup`.
    pub fn new(
        db_path: &Path,
        setup: ErakSetup,
        surface: Arc<dyn Surface>,
        clock: Clock,
    ) -> InvoiceDesk {
        InvoiceDesk {
            core: Arc::new(Core {
                db_path: db_path.to_path_buf(),
                setup,
                surface,
                clock,
                changes: watch::channel(0).0,
            }),
            registry: Arc::new(Registry::default()),
            poll: DEFAULT_POLL,
            max_wait: DEFAULT_MAX_WAIT,
        }
    }

    /// How often the status is asked while waiting, and how long a submission is waited for
    /// (also the listener's lifetime). Applies to waiters started from this handle on.
    pub fn with_timing(mut self, poll: Duration, max_wait: Duration) -> InvoiceDesk {
        self.poll = poll.max(Duration::from_millis(10));
        self.max_wait = max_wait.max(Duration::from_millis(10));
        self
    }

    /// Submits the month's invoice as saved (or pre-filled) for the household's scenario; see
    /// the module doc. `Err(Error::Network)` when E-RÄK could not take it (nothing changed);
    /// `Err(Error::NotAllowed)` while it waits already or after it was received.
    pub async fn submit(&self, month: YearMonth) -> Result<Submitted> {
        self.submit_inner(month, None, None).await
    }

    /// Submits `answers` as the invoice of `scenario` (which may differ from the household's:
    /// the demo command). The answers are stored only when E-RÄK accepted the invoice; a
    /// refusal (ours or E-RÄK's) is returned and nothing is written.
    pub async fn submit_as(
        &self,
        month: YearMonth,
        scenario: Scenario,
        answers: &Answers,
    ) -> Result<Submitted> {
        self.submit_inner(month, Some(scenario), Some(answers))
            .await
    }

    async fn submit_inner(
        &self,
        month: YearMonth,
        scenario: Option<Scenario>,
        given: Option<&Answers>,
    ) -> Result<Submitted> {
        let core = &self.core;
        // A narrow read: the household, the invoice and the month's totals, not a whole `Timbok`.
        let mut store = core.open_store()?;
        let household = store
            .household()?
            .ok_or(Error::NotFound(Entity::Household))?;
        let stored = store.invoice(month)?;
        match stored.as_ref().map(|s| s.status) {
            Some(InvoiceStatus::Waiting) => {
                return Err(Error::NotAllowed(ALREADY_WAITING_MESSAGE.into()))
            }
            Some(InvoiceStatus::Received) => {
                return Err(Error::NotAllowed(ALREADY_RECEIVED_MESSAGE.into()))
            }
            _ => {}
        }
        let scenario = scenario.unwrap_or_else(|| household.scenario());
        let answers = match given {
            Some(answers) => answers.clone(),
            None => stored
                .map(|s| s.answers)
                .unwrap_or_else(|| prefill(&household)),
        };
        let totals = month_totals(&store, month)?;
        let today = core.clock.today();
        let invoice = match validate(scenario, &answers, &household, month, totals, today) {
            Ok(invoice) => invoice,
            Err(problems) => {
                tracing::info!(%month, problems = problems.len(), "invoice not sent: problems");
                if given.is_none() {
                    store.invoice_refused(month, &answers, &problems, REFUSED_BY_CHECK_MESSAGE)?;
                    core.changed();
                }
                return Ok(Submitted::Refused(problems));
            }
        };

        let mut config = ListenerConfig::new(core.setup.signing_origin.clone());
        config.max_wait = self.max_wait;
        let listener = listener::start(config).await?;
        let (return_url, signal_url) = (listener.return_url(), listener.signal_url());
        let supplier = &core.setup.supplier;
        let body = wire::create_body(
            &invoice,
            &supplier.name,
            &supplier.id,
            &return_url,
            Some(&signal_url),
        );
        let at = core.stamp();
        let started = std::time::Instant::now();
        let reply = core.setup.client.send_create_body(body.clone()).await;
        let fingerprint = match &reply {
            Ok(CreateReply::Created { fingerprint }) => Some(fingerprint.clone()),
            _ => None,
        };
        journal(
            &mut store,
            &CallRecord {
                at,
                service: "erak".into(),
                endpoint: format!("POST {}", wire::CREATE_PATH),
                status: create_status(&reply),
                duration_ms: started.elapsed().as_millis() as u64,
                fingerprint,
                body: journal_body(&body, [&return_url, &signal_url]),
            },
        );

        match reply {
            Ok(CreateReply::Created { fingerprint }) => {
                listener.expect(&fingerprint);
                let submitted_at = core.stamp();
                store.invoice_waiting(
                    month,
                    &answers,
                    &fingerprint,
                    &submitted_at,
                    WAITING_MESSAGE,
                )?;
                drop(store);
                self.spawn_waiter(month, fingerprint.clone(), Some(listener))?;
                core.surface
                    .open_url(&sign_page_url(&core.setup.base_url, &fingerprint));
                core.changed();
                Ok(Submitted::Waiting { fingerprint })
            }
            Ok(CreateReply::Invalid(errors)) => {
                drop(listener);
                let problems: Vec<FieldProblem> = errors
                    .into_iter()
                    .map(|e| FieldProblem {
                        field: field_for_wire_path(&e.field)
                            .unwrap_or_else(|| GENERAL_FIELD.to_string()),
                        message: if e.message.trim().is_empty() {
                            Message::new(Key::InvoiceFkRefusedField)
                        } else {
                            Message::fk_words(e.message)
                        },
                    })
                    .collect();
                tracing::info!(%month, problems = problems.len(), "invoice refused by E-RÄK");
                if given.is_none() {
                    store.invoice_refused(month, &answers, &problems, REFUSED_BY_FK_MESSAGE)?;
                    core.changed();
                }
                Ok(Submitted::Refused(problems))
            }
            Ok(CreateReply::Unauthorized { .. }) => {
                Err(Error::Network(UNAUTHORIZED_MESSAGE.into()))
            }
            Ok(CreateReply::Unavailable { status, .. }) => Err(Error::Network(
                Message::new(Key::ErakUnavailable).number("status", status),
            )),
            Err(ErakError::Timeout) => Err(Error::Network(TIMEOUT_MESSAGE.into())),
            Err(e) => Err(Error::Network(e.message())),
        }
    }

    /// Starts the waiter of `month` (replacing one of an older submission).
    fn spawn_waiter(
        &self,
        month: YearMonth,
        fingerprint: String,
        listener: Option<Waiting>,
    ) -> Result<()> {
        let runtime = tokio::runtime::Handle::try_current()
            .map_err(|_| Error::Internal(NO_RUNTIME_MESSAGE.into()))?;
        let id = self.registry.next_id.fetch_add(1, Ordering::Relaxed);
        let waiter = Waiter {
            core: self.core.clone(),
            registry: Arc::downgrade(&self.registry),
            id,
            month,
            fingerprint,
            listener,
            poll: self.poll,
            max_wait: self.max_wait,
            reported: None,
            failures: 0,
        };
        // Under the lock, so the task cannot remove its slot before it is there.
        let mut waiters = self.registry.lock();
        let task = runtime.spawn(waiter.run());
        if let Some(old) = waiters.insert(month, Slot { id, task }) {
            old.task.abort();
        }
        Ok(())
    }

    fn has_waiter(&self, month: YearMonth) -> bool {
        self.registry
            .lock()
            .get(&month)
            .is_some_and(|slot| !slot.task.is_finished())
    }

    /// Opens FK's signing page of the waiting invoice again ("Öppna sidan igen"). When Timbok
    /// had stopped waiting for it, status polling starts again.
    pub fn reopen(&self, month: YearMonth) -> Result<()> {
        let invoice = self
            .core
            .open_store()?
            .invoice(month)?
            .ok_or(Error::NotFound(Entity::Invoice))?;
        let (InvoiceStatus::Waiting, Some(fingerprint)) = (invoice.status, invoice.fingerprint)
        else {
            return Err(Error::NotAllowed(NOT_WAITING_MESSAGE.into()));
        };
        if !self.has_waiter(month) {
            self.spawn_waiter(month, fingerprint.clone(), None)?;
        }
        self.core
            .surface
            .open_url(&sign_page_url(&self.core.setup.base_url, &fingerprint));
        Ok(())
    }

    /// Stops waiting ("Avbryt" in Timbok): the waiter and its listener stop, the invoice goes
    /// back to `draft` with a message; the answers stay.
    pub async fn cancel(&self, month: YearMonth) -> Result<()> {
        let slot = self.registry.lock().remove(&month);
        if let Some(slot) = slot {
            slot.task.abort();
            // Wait until it has stopped (and dropped its listener).
            let _ = slot.task.await;
        }
        let mut store = self.core.open_store()?;
        let invoice = store
            .invoice(month)?
            .ok_or(Error::NotFound(Entity::Invoice))?;
        let finished = match (invoice.status, invoice.fingerprint.as_deref()) {
            (InvoiceStatus::Waiting, Some(fingerprint)) => store.finish_invoice(
                month,
                fingerprint,
                InvoiceStatus::Draft,
                None,
                CANCELLED_IN_TIMBOK_MESSAGE,
            )?,
            _ => false,
        };
        self.core.changed();
        if finished {
            tracing::info!(%month, "invoice: waiting cancelled in Timbok");
            return Ok(());
        }
        match store.invoice(month)?.map(|i| i.status) {
            Some(InvoiceStatus::Received) => {
                Err(Error::NotAllowed(ALREADY_RECEIVED_MESSAGE.into()))
            }
            _ => Err(Error::NotAllowed(NOT_WAITING_MESSAGE.into())),
        }
    }

    /// At start: every invoice still waiting gets a waiter that polls its status (the
    /// listener of the earlier run is gone). Returns how many were started. Call it inside a
    /// Tokio runtime.
    pub fn resume_open(&self) -> Result<usize> {
        let waiting = self.core.open_store()?.waiting_invoices()?;
        let mut started = 0;
        for (month, fingerprint) in waiting {
            if self.has_waiter(month) {
                continue;
            }
            self.spawn_waiter(month, fingerprint, None)?;
            started += 1;
        }
        if started > 0 {
            tracing::info!(count = started, "invoice: resumed waiting after start");
        }
        Ok(started)
    }

    /// Waits until the month's invoice is no longer `waiting`, or `timeout`; returns its status
    /// then (the CLI and tests).
    pub async fn wait_settled(&self, month: YearMonth, timeout: Duration) -> Result<InvoiceStatus> {
        let mut changes = self.core.changes.subscribe();
        let deadline = later(timeout);
        let store = self.core.open_store()?;
        loop {
            let status = store
                .invoice(month)?
                .ok_or(Error::NotFound(Entity::Invoice))?
                .status;
            if status != InvoiceStatus::Waiting || Instant::now() >= deadline {
                return Ok(status);
            }
            tokio::select! {
                _ = changes.changed() => {}
                // Another process (or connection) may change it too.
                _ = tokio::time::sleep(Duration::from_millis(250)) => {}
                _ = tokio::time::sleep_until(deadline) => {}
            }
        }
    }
}

/// What one look at the status gave.
enum Checked {
    Status(ErakStatus),
    /// E-RÄK does not know the fingerprint.
    Unknown,
    /// No usable answer (network, 5xx, key); try again later.
    Failed,
}

/// What the waiter learnt from one event.
enum Seen {
    Final(ErakStatus),
    Unknown,
    Pending,
}

/// One submission's waiter: see the module doc.
struct Waiter {
    core: Arc<Core>,
    registry: Weak<Registry>,
    id: u64,
    month: YearMonth,
    fingerprint: String,
    listener: Option<Waiting>,
    poll: Duration,
    max_wait: Duration,
    /// The outcome FK's page reported that the status API has not confirmed (also after a
    /// restart: read from the store). While there is one, the waiter does not stop.
    reported: Option<ErakStatus>,
    /// Status calls without an answer in a row (the interval backs off).
    failures: u32,
}

/// The listener's next arrival; never resolves without a listener.
async fn next_arrival(listener: &mut Option<Waiting>) -> Option<Arrival> {
    match listener {
        Some(waiting) => waiting.next().await,
        None => std::future::pending().await,
    }
}

/// The stored status of E-RÄK's final `status`, and its message.
fn outcome(status: ErakStatus) -> (InvoiceStatus, Key) {
    match status {
        ErakStatus::Received => (InvoiceStatus::Received, RECEIVED_MESSAGE),
        ErakStatus::Cancelled => (InvoiceStatus::Cancelled, CANCELLED_AT_FK_MESSAGE),
        _ => (InvoiceStatus::Expired, EXPIRED_MESSAGE),
    }
}

fn reported_message(status: ErakStatus) -> Key {
    match status {
        ErakStatus::Received => REPORTED_RECEIVED_MESSAGE,
        ErakStatus::Cancelled => REPORTED_CANCELLED_MESSAGE,
        _ => REPORTED_EXPIRED_MESSAGE,
    }
}

fn erak_outcome(status: InvoiceStatus) -> Option<ErakStatus> {
    match status {
        InvoiceStatus::Received => Some(ErakStatus::Received),
        InvoiceStatus::Cancelled => Some(ErakStatus::Cancelled),
        InvoiceStatus::Expired => Some(ErakStatus::Expired),
        _ => None,
    }
}

impl Waiter {
    async fn run(mut self) {
        match self.core.open_store() {
            Ok(mut store) => self.wait(&mut store).await,
            Err(e) => {
                tracing::warn!(error = %e, month = %self.month, "invoice: the waiter could not open the database")
            }
        }
        // Leave the registry, unless a newer waiter took the month.
        if let Some(registry) = self.registry.upgrade() {
            let mut waiters = registry.lock();
            if waiters.get(&self.month).is_some_and(|s| s.id == self.id) {
                waiters.remove(&self.month);
            }
        }
        self.core.changed();
    }

    /// The interval to the next poll: `poll`, doubled after each failed call in a row, up to
    /// [`MAX_BACKOFF`] times.
    fn interval(&self) -> Duration {
        self.poll
            .saturating_mul(1 << self.failures.min(MAX_BACKOFF.trailing_zeros()))
    }

    async fn wait(&mut self, store: &mut Store) {
        self.reported = match store.invoice(self.month) {
            Ok(Some(invoice))
                if invoice.status == InvoiceStatus::Waiting
                    && invoice.fingerprint.as_deref() == Some(self.fingerprint.as_str()) =>
            {
                invoice.reported.and_then(erak_outcome)
            }
            _ => None,
        };
        let deadline = later(self.max_wait);
        let mut next_poll = later(self.poll);
        let mut returned = false;
        loop {
            // An outcome FK's page reported is asked about until the status API answers.
            let may_stop = self.reported.is_none();
            let seen = tokio::select! {
                arrival = next_arrival(&mut self.listener) => match arrival {
                    None => {
                        self.listener = None;
                        continue;
                    }
                    Some(Arrival::Returned { status, .. }) => {
                        returned = true;
                        self.core.surface.bring_to_front();
                        self.confirm(store, status.as_deref(), &mut next_poll).await
                    }
                    Some(Arrival::Signalled { status, .. }) => {
                        self.confirm(store, status.as_deref(), &mut next_poll).await
                    }
                    Some(Arrival::Unreadable { returned: back }) => {
                        if back {
                            returned = true;
                            self.core.surface.bring_to_front();
                        }
                        self.confirm(store, None, &mut next_poll).await
                    }
                },
                _ = tokio::time::sleep_until(next_poll) => {
                    self.confirm(store, None, &mut next_poll).await
                }
                _ = tokio::time::sleep_until(deadline), if may_stop => {
                    tracing::info!(month = %self.month, fingerprint = %self.fingerprint, "invoice: stopped waiting");
                    if let Err(e) = store.note_waiting_invoice(self.month, &self.fingerprint, STOPPED_WAITING_MESSAGE) {
                        tracing::warn!(error = %e, "invoice: could not note the end of waiting");
                    }
                    return;
                }
            };
            match seen {
                Seen::Pending => continue,
                Seen::Unknown => {
                    self.finish(store, InvoiceStatus::Draft, None, UNKNOWN_AT_FK_MESSAGE);
                    return;
                }
                Seen::Final(status) => {
                    let (status, message) = outcome(status);
                    let received_at =
                        (status == InvoiceStatus::Received).then(|| self.core.stamp());
                    self.finish(store, status, received_at.as_deref(), message);
                    if !returned {
                        self.await_return(deadline).await;
                    }
                    return;
                }
            }
        }
    }

    fn finish(
        &self,
        store: &mut Store,
        status: InvoiceStatus,
        received_at: Option<&str>,
        message: Key,
    ) {
        match store.finish_invoice(self.month, &self.fingerprint, status, received_at, message) {
            Ok(true) => {}
            Ok(false) => {
                tracing::info!(month = %self.month, "invoice: no longer waiting for this fingerprint")
            }
            // Still waiting in the store: the next start asks again. Nothing is lost.
            Err(e) => {
                tracing::warn!(error = %e, month = %self.month, "invoice: the outcome could not be stored")
            }
        }
        self.core.changed();
    }

    /// Keeps the listener open a little for the browser's return link after the outcome.
    async fn await_return(&mut self, deadline: Instant) {
        let grace = later(RETURN_GRACE).min(deadline);
        while self.listener.is_some() {
            tokio::select! {
                arrival = next_arrival(&mut self.listener) => match arrival {
                    Some(Arrival::Returned { .. } | Arrival::Unreadable { returned: true }) => {
                        self.core.surface.bring_to_front();
                        return;
                    }
                    Some(_) => {}
                    None => return,
                },
                _ = tokio::time::sleep_until(grace) => return,
            }
        }
    }

    /// Asks the status API (the source of truth), after a poll's time or because FK's page
    /// knocked, claiming `claimed` or nothing. Only the API's final status is final; a final
    /// claim the API does not (yet) confirm is noted as reported, and asked about again soon.
    async fn confirm(
        &mut self,
        store: &mut Store,
        claimed: Option<&str>,
        next_poll: &mut Instant,
    ) -> Seen {
        let claimed = claimed.and_then(ErakStatus::parse).filter(|s| s.is_final());
        let checked = self.check(store).await;
        self.failures = match checked {
            Checked::Failed => self.failures.saturating_add(1),
            _ => 0,
        };
        *next_poll = later(self.interval());
        match checked {
            Checked::Status(status) if status.is_final() => Seen::Final(status),
            Checked::Unknown => Seen::Unknown,
            Checked::Status(_) | Checked::Failed => {
                if let Some(claim) = claimed {
                    self.note_reported(store, claim);
                    *next_poll = (*next_poll).min(later(RECHECK));
                }
                Seen::Pending
            }
        }
    }

    /// Notes `claim` as reported, not confirmed (the invoice stays waiting).
    fn note_reported(&mut self, store: &mut Store, claim: ErakStatus) {
        if self.reported == Some(claim) {
            return;
        }
        let Some(status) = [
            InvoiceStatus::Received,
            InvoiceStatus::Cancelled,
            InvoiceStatus::Expired,
        ]
        .into_iter()
        .find(|s| erak_outcome(*s) == Some(claim)) else {
            return;
        };
        match store.invoice_reported(
            self.month,
            &self.fingerprint,
            status,
            &self.core.stamp(),
            reported_message(claim),
        ) {
            Ok(_) => self.reported = Some(claim),
            Err(e) => {
                tracing::warn!(error = %e, month = %self.month, "invoice: the reported outcome could not be noted")
            }
        }
        self.core.changed();
    }

    /// One status call, journalled.
    async fn check(&self, store: &mut Store) -> Checked {
        let at = self.core.stamp();
        let started = std::time::Instant::now();
        let reply = self.core.setup.client.status(&self.fingerprint).await;
        journal(
            store,
            &CallRecord {
                at,
                service: "erak".into(),
                endpoint: format!("GET {}", wire::status_path(&self.fingerprint)),
                status: match &reply {
                    Ok(_) => Some(200),
                    Err(e) => error_status(e),
                },
                duration_ms: started.elapsed().as_millis() as u64,
                fingerprint: Some(self.fingerprint.clone()),
                body: String::new(),
            },
        );
        match reply {
            Ok(reply) => Checked::Status(reply.status),
            Err(ErakError::UnknownFingerprint { .. }) => Checked::Unknown,
            Err(e) => {
                tracing::info!(month = %self.month, fingerprint = %self.fingerprint, error = %e, "invoice: no status this time");
                Checked::Failed
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! The desk against the real simulator (E-RÄK over http on loopback, "today" 2025-04-10,
    //! the invoice of March 2025), and a stand-in for the person's browser.

    use std::sync::atomic::AtomicUsize;

    use chrono::{NaiveDate, NaiveDateTime};
    use serde_json::{json, Value};
    use timbok_sim::browser::{complete_signing, Action, BrowserError, BrowserRun};
    use timbok_sim::{Fault, RunningSimulator, Service, SimConfig, Simulator};

    use super::*;
    use crate::connection::Trust;
    use crate::credentials::SecretBytes;
    use crate::demo::{GUARDIAN, PERSON};
    use crate::erak::{ErakTransport, HttpRequest, HttpsTransport, RawReply, TransportError};
    use crate::household::SignerRole;
    use crate::invoice::testing::{
        full_answers, household, minimal_answers, month, today, SCENARIOS,
    };
    use crate::invoice::InvoiceState;
    use crate::Timbok;

    const LONG: Duration = Duration::from_secs(3600);
    const SETTLE: Duration = Duration::from_secs(20);

    fn now() -> NaiveDateTime {
        today().and_hms_opt(10, 0, 0).unwrap()
    }

    /// Records what the desk shows; with an action, plays the person's browser on FK's page.
    struct TestSurface {
        browser: Option<Action>,
        opened: Mutex<Vec<String>>,
        fronts: AtomicUsize,
        runs: Mutex<Vec<JoinHandle<std::result::Result<BrowserRun, BrowserError>>>>,
    }

    impl TestSurface {
        fn new(browser: Option<Action>) -> Arc<TestSurface> {
            Arc::new(TestSurface {
                browser,
                opened: Mutex::new(Vec::new()),
                fronts: AtomicUsize::new(0),
                runs: Mutex::new(Vec::new()),
            })
        }

        fn opened(&self) -> Vec<String> {
            self.opened.lock().unwrap().clone()
        }

        fn fronts(&self) -> usize {
            self.fronts.load(Ordering::SeqCst)
        }

        async fn runs(&self) -> Vec<BrowserRun> {
            let handles: Vec<_> = self.runs.lock().unwrap().drain(..).collect();
            let mut runs = Vec::new();
            for handle in handles {
                runs.push(handle.await.unwrap().unwrap());
            }
            runs
        }
    }

    impl Surface for TestSurface {
        fn open_url(&self, url: &str) {
            self.opened.lock().unwrap().push(url.to_string());
            if let Some(action) = self.browser {
                let url = url.to_string();
                let run = tokio::spawn(async move { complete_signing(&url, action).await });
                self.runs.lock().unwrap().push(run);
            }
        }

        fn bring_to_front(&self) {
            self.fronts.fetch_add(1, Ordering::SeqCst);
        }
    }

    async fn sim_on(sim_today: NaiveDate) -> (RunningSimulator, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let mut config = SimConfig::new(dir.path().join("sim"));
        config.today = Some(sim_today);
        config.hang = Duration::from_secs(1);
        (Simulator::start(config).await.unwrap(), dir)
    }

    fn transport(sim: &RunningSimulator) -> HttpsTransport {
        HttpsTransport::new(sim.erak_url(), &Trust::only_pem(sim.ca_pem()).unwrap()).unwrap()
    }

    fn client_over(sim: &RunningSimulator, transport: Arc<dyn ErakTransport>) -> ErakClient {
        ErakClient::new(
            transport,
            sim.erak_key_header(),
            SecretBytes::new(sim.erak_key()),
        )
        .unwrap()
    }

    fn setup_with(sim: &RunningSimulator, client: ErakClient) -> ErakSetup {
        ErakSetup {
            client,
            base_url: sim.erak_url().into(),
            signing_origin: sim.erak_url().into(),
            supplier: Supplier {
                name: "Timbok test".into(),
                id: "timbok-test".into(),
            },
        }
    }

    fn desk_with(
        db: &Path,
        setup: ErakSetup,
        surface: &Arc<TestSurface>,
        poll: Duration,
    ) -> InvoiceDesk {
        InvoiceDesk::new(db, setup, surface.clone(), Clock::Fixed(now())).with_timing(poll, LONG)
    }

    fn desk(
        db: &Path,
        sim: &RunningSimulator,
        surface: &Arc<TestSurface>,
        poll: Duration,
    ) -> InvoiceDesk {
        let client = client_over(sim, Arc::new(transport(sim)));
        desk_with(db, setup_with(sim, client), surface, poll)
    }

    /// A database with the household of `scenario`.
    fn db_of(dir: &Path, scenario: Scenario) -> PathBuf {
        let path = dir.join(format!("{}.sqlite3", scenario.as_str()));
        Store::open(&path)
            .unwrap()
            .save_household(&household(scenario))
            .unwrap();
        path
    }

    fn timbok(db: &Path) -> Timbok {
        Timbok::with_store(
            Store::open(db).unwrap(),
            Clock::Fixed(now()),
            crate::settings::Environment::Demo,
        )
    }

    fn save(db: &Path, answers: &Answers) {
        timbok(db).save_invoice_answers(month(), answers).unwrap();
    }

    fn state(db: &Path) -> InvoiceState {
        timbok(db).invoice_state(month()).unwrap()
    }

    fn journal_of(db: &Path) -> Vec<CallRecord> {
        Store::open(db).unwrap().journal(None, 100).unwrap()
    }

    fn waiting(submitted: Submitted) -> String {
        match submitted {
            Submitted::Waiting { fingerprint } => fingerprint,
            other => panic!("not waiting: {other:?}"),
        }
    }

    /// `check` becomes true within two seconds.
    async fn eventually(what: &str, check: impl Fn() -> bool) {
        for _ in 0..100 {
            if check() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("{what}: not within 2 s");
    }

    /// Nothing listens at the URL's port any more (within two seconds).
    async fn port_closed(url: &str) -> bool {
        let url = url::Url::parse(url).unwrap();
        let addr = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap());
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(&addr).await.is_err() {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        false
    }

    fn http(sim: &RunningSimulator) -> reqwest::Client {
        let roots = crate::connection::root_store(&Trust::only_pem(sim.ca_pem()).unwrap()).unwrap();
        crate::connection::client(&roots, None, sim.erak_url()).unwrap()
    }

    /// The person presses a button on FK's page, as a client without a browser: E-RÄK's JSON
    /// answer (`redirect`, `signalUrl`, `signal`). Neither the signal nor the return is sent.
    async fn press(sim: &RunningSimulator, fingerprint: &str, action: &str) -> Value {
        let answer = http(sim)
            .post(format!("{}/sign/{fingerprint}/complete", sim.erak_url()))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(format!("action={action}"))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200);
        answer.json().await.unwrap()
    }

    fn return_url_at_fk(sim: &RunningSimulator, fingerprint: &str) -> String {
        sim.invoices()
            .into_iter()
            .find(|i| i.fingerprint == fingerprint)
            .unwrap()
            .return_url
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_scenario_is_received_through_the_signal_and_the_return_link() {
        let (sim, dir) = sim_on(today()).await;
        for scenario in SCENARIOS {
            let db = db_of(dir.path(), scenario);
            let answers = minimal_answers(scenario);
            save(&db, &answers);
            let surface = TestSurface::new(Some(Action::Sign));
            // Polling is off: the outcome comes through the listener.
            let desk = desk(&db, &sim, &surface, LONG);

            let fingerprint = waiting(desk.submit(month()).await.unwrap());
            let at_fk = sim.invoices().pop().unwrap();
            assert_eq!(at_fk.fingerprint, fingerprint);
            assert_eq!(at_fk.body["invoice"]["scenario"], scenario.as_str());
            assert_eq!(
                surface.opened(),
                [sign_page_url(sim.erak_url(), &fingerprint)]
            );

            assert_eq!(
                desk.wait_settled(month(), SETTLE).await.unwrap(),
                InvoiceStatus::Received,
                "{scenario:?}"
            );
            let s = state(&db);
            assert_eq!(s.fingerprint.as_deref(), Some(fingerprint.as_str()));
            assert_eq!(s.submitted_at.as_deref(), Some("2025-04-10T10:00:00"));
            assert_eq!(s.received_at.as_deref(), Some("2025-04-10T10:00:00"));
            assert_eq!(s.message.as_ref().map(|m| m.key), Some(RECEIVED_MESSAGE));
            assert_eq!(s.answers, answers);
            assert!(s.problems.is_empty());

            // The browser signalled through the CORS preflight, then came back to "Klart".
            let runs = surface.runs().await;
            assert_eq!(runs.len(), 1);
            let run = &runs[0];
            assert_eq!(run.status, "RECEIVED");
            assert!(run.preflight_allowed, "{:?}", run.failures);
            assert_eq!(run.signal_status, Some(204));
            assert_eq!(run.return_status, Some(200));
            assert!(run.page.contains("Klart"), "{}", run.page);
            eventually("the window came to the front", || surface.fronts() == 1).await;

            // Received: neither answers nor a second submit are taken.
            assert!(matches!(
                desk.submit(month()).await,
                Err(Error::NotAllowed(_))
            ));
            assert!(matches!(
                timbok(&db).save_invoice_answers(month(), &answers),
                Err(Error::NotAllowed(_))
            ));
        }
        sim.shutdown().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn our_check_refuses_on_the_fields_and_sends_nothing() {
        let (sim, dir) = sim_on(today()).await;
        let db = db_of(dir.path(), Scenario::B);
        let surface = TestSurface::new(Some(Action::Sign));
        let desk = desk(&db, &sim, &surface, LONG);
        // Nothing saved: the household's pre-filled draft is checked (and then stored).
        let Submitted::Refused(problems) = desk.submit(month()).await.unwrap() else {
            panic!("sent")
        };
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "lssActivity",
                "hospitalStay",
                "outsideEea",
                "previousPayment"
            ]
        );
        let s = state(&db);
        assert_eq!(s.status, InvoiceStatus::Draft);
        assert_eq!(s.problems, problems);
        assert_eq!(
            s.message.as_ref().map(|m| m.key),
            Some(REFUSED_BY_CHECK_MESSAGE)
        );
        assert_eq!(s.answers, prefill(&household(Scenario::B)));
        assert!(sim.invoices().is_empty());
        assert!(journal_of(&db).is_empty());
        assert!(surface.opened().is_empty());
        sim.shutdown().await;
    }

    /// Sends the request with its JSON body edited (E-RÄK disagreeing with our check).
    struct Editing {
        inner: HttpsTransport,
        edit: fn(&mut Value),
    }

    #[async_trait::async_trait]
    impl ErakTransport for Editing {
        async fn send(
            &self,
            mut request: HttpRequest,
        ) -> std::result::Result<RawReply, TransportError> {
            if !request.body.is_empty() {
                let mut body: Value = serde_json::from_slice(&request.body).unwrap();
                (self.edit)(&mut body);
                request.body = serde_json::to_vec(&body).unwrap();
            }
            self.inner.send(request).await
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn e_raks_400_lands_on_the_wizards_fields() {
        // E-RÄK's "today" is in March: the month has not ended there. The body loses a
        // hospital stay's end and the supplier id on the way.
        let (sim, dir) = sim_on(NaiveDate::from_ymd_opt(2025, 3, 20).unwrap()).await;
        let db = db_of(dir.path(), Scenario::C);
        let answers = full_answers(Scenario::C);
        save(&db, &answers);
        let surface = TestSurface::new(Some(Action::Sign));
        let editing = Editing {
            inner: transport(&sim),
            edit: |body| {
                body["supplier"]["id"] = json!("");
                body["invoice"]["answers"]["hospitalStay"]["dates"][1]
                    .as_object_mut()
                    .unwrap()
                    .remove("to");
            },
        };
        let desk = desk_with(
            &db,
            setup_with(&sim, client_over(&sim, Arc::new(editing))),
            &surface,
            LONG,
        );
        let Submitted::Refused(problems) = desk.submit(month()).await.unwrap() else {
            panic!("accepted")
        };
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["general", "month", "hospitalStay.stays[1].to"]);
        assert!(problems.iter().all(|p| !p.message.to_string().is_empty()));
        assert!(
            problems[1].message.to_string().contains("inte tagit slut"),
            "{problems:?}"
        );

        let s = state(&db);
        assert_eq!(s.status, InvoiceStatus::Draft);
        assert_eq!(s.problems, problems);
        assert_eq!(
            s.message.as_ref().map(|m| m.key),
            Some(REFUSED_BY_FK_MESSAGE)
        );
        assert_eq!(s.answers, answers, "nothing typed is lost");
        assert_eq!(s.fingerprint, None);
        assert!(surface.opened().is_empty());
        let calls = journal_of(&db);
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].status, Some(400));
        assert_eq!(calls[0].fingerprint, None);
        sim.shutdown().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn without_an_answer_from_e_rak_nothing_changes_and_sending_again_works() {
        let (sim, dir) = sim_on(today()).await;
        let db = db_of(dir.path(), Scenario::E);
        let answers = full_answers(Scenario::E);
        save(&db, &answers);
        let before = state(&db);
        let surface = TestSurface::new(Some(Action::Sign));
        let desk = desk(&db, &sim, &surface, LONG);

        sim.set_fault(Service::Erak, Fault::ServerError(503))
            .unwrap();
        let e = desk.submit(month()).await.unwrap_err();
        let Error::Network(text) = &e else {
            panic!("{e:?}")
        };
        assert!(
            text.key == Key::ErakUnavailable && text.to_string().contains("felkod 503"),
            "{text}"
        );
        assert_eq!(state(&db), before);

        sim.set_fault(Service::Erak, Fault::DropConnection).unwrap();
        let e = desk.submit(month()).await.unwrap_err();
        assert!(
            matches!(&e, Error::Network(t) if t.to_string().contains("kan skickas igen")),
            "{e:?}"
        );
        assert_eq!(state(&db), before);

        let wrong_key = ErakClient::new(
            Arc::new(transport(&sim)),
            sim.erak_key_header(),
            SecretBytes::new("sim-not-the-key"),
        )
        .unwrap();
        let e = desk_with(&db, setup_with(&sim, wrong_key), &surface, LONG)
            .submit(month())
            .await
            .unwrap_err();
        assert!(
            matches!(&e, Error::Network(t) if t.key == UNAUTHORIZED_MESSAGE),
            "{e:?}"
        );

        // E-RÄK stores it but the answer never comes: it may be at FK; nothing waits here.
        let impatient = client_over(
            &sim,
            Arc::new(transport(&sim).with_timeout(Duration::from_millis(300))),
        );
        sim.set_fault(Service::Erak, Fault::TimeoutAfterStore)
            .unwrap();
        let e = desk_with(&db, setup_with(&sim, impatient), &surface, LONG)
            .submit(month())
            .await
            .unwrap_err();
        assert!(
            matches!(&e, Error::Network(t) if t.key == TIMEOUT_MESSAGE),
            "{e:?}"
        );
        assert_eq!(sim.invoices().len(), 1);
        assert_eq!(state(&db), before);
        assert!(surface.opened().is_empty());

        // Sent again, it goes through.
        sim.clear_faults();
        let fingerprint = waiting(desk.submit(month()).await.unwrap());
        assert_eq!(
            desk.wait_settled(month(), SETTLE).await.unwrap(),
            InvoiceStatus::Received
        );
        assert_eq!(state(&db).answers, answers);
        assert_eq!(sim.invoices().len(), 2);
        let creates: Vec<Option<u16>> = journal_of(&db)
            .iter()
            .rev()
            .filter(|c| c.endpoint == "POST /public/v1/create")
            .map(|c| c.status)
            .collect();
        assert_eq!(creates, [Some(503), None, Some(401), None, Some(200)]);
        assert_eq!(
            journal_of(&db)
                .iter()
                .find(|c| c.status == Some(200) && c.endpoint.starts_with("POST"))
                .unwrap()
                .fingerprint
                .as_deref(),
            Some(fingerprint.as_str())
        );
        sim.shutdown().await;
    }

    /// E-RÄK whose status API can be switched off (no answer), the create call unaffected;
    /// counts the status calls.
    struct StatusSwitch {
        inner: HttpsTransport,
        down: std::sync::atomic::AtomicBool,
        status_calls: AtomicUsize,
    }

    impl StatusSwitch {
        fn new(sim: &RunningSimulator) -> Arc<StatusSwitch> {
            Arc::new(StatusSwitch {
                inner: transport(sim),
                down: false.into(),
                status_calls: AtomicUsize::new(0),
            })
        }

        fn set_down(&self, down: bool) {
            self.down.store(down, Ordering::SeqCst);
        }

        fn calls(&self) -> usize {
            self.status_calls.load(Ordering::SeqCst)
        }
    }

    #[async_trait::async_trait]
    impl ErakTransport for StatusSwitch {
        async fn send(
            &self,
            request: HttpRequest,
        ) -> std::result::Result<RawReply, TransportError> {
            if request.method == crate::erak::Method::Get {
                self.status_calls.fetch_add(1, Ordering::SeqCst);
                if self.down.load(Ordering::SeqCst) {
                    return Err(TransportError::Unreachable);
                }
            }
            self.inner.send(request).await
        }
    }

    fn switched_desk(
        db: &Path,
        sim: &RunningSimulator,
        switch: &Arc<StatusSwitch>,
        surface: &Arc<TestSurface>,
        poll: Duration,
        max_wait: Duration,
    ) -> InvoiceDesk {
        let setup = setup_with(sim, client_over(sim, switch.clone()));
        InvoiceDesk::new(db, setup, surface.clone(), Clock::Fixed(now()))
            .with_timing(poll, max_wait)
    }

    /// Sends FK's signal as its page would (preflight, then the JSON POST).
    async fn signal(sim: &RunningSimulator, signal_url: &str, body: &Value) -> u16 {
        let http = http(sim);
        let origin = sim.erak_url();
        let preflight = http
            .request(reqwest::Method::OPTIONS, signal_url)
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
            .await
            .unwrap();
        assert_eq!(preflight.status(), 204);
        http.post(signal_url)
            .header("origin", origin)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    fn signal_url_at_fk(sim: &RunningSimulator, fingerprint: &str) -> String {
        sim.invoices()
            .into_iter()
            .find(|i| i.fingerprint == fingerprint)
            .unwrap()
            .signal_url
            .unwrap()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_return_link_alone_is_reported_not_confirmed_until_the_status_api_answers() {
        let (sim, dir) = sim_on(today()).await;
        let db = db_of(dir.path(), Scenario::A);
        save(&db, &minimal_answers(Scenario::A));
        let surface = TestSurface::new(None);
        let switch = StatusSwitch::new(&sim);
        let desk = switched_desk(
            &db,
            &sim,
            &switch,
            &surface,
            Duration::from_millis(100),
            LONG,
        );
        let fingerprint = waiting(desk.submit(month()).await.unwrap());

        let done = press(&sim, &fingerprint, "sign").await;
        assert_eq!(done["status"], "RECEIVED");
        // The status API is out of reach now: only the return link tells.
        switch.set_down(true);
        let back = http(&sim)
            .get(done["redirect"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(back.status(), 200);
        assert!(back.text().await.unwrap().contains("Klart"));
        eventually("the window came to the front", || surface.fronts() == 1).await;
        eventually("the report was noted", || state(&db).reported.is_some()).await;

        let s = state(&db);
        assert_eq!(
            s.status,
            InvoiceStatus::Waiting,
            "not final without the status API"
        );
        assert_eq!(s.reported, Some(InvoiceStatus::Received));
        assert_eq!(s.reported_at.as_deref(), Some("2025-04-10T10:00:00"));
        assert_eq!(s.received_at, None);
        assert_eq!(
            s.message.as_ref().map(|m| m.key),
            Some(REPORTED_RECEIVED_MESSAGE)
        );
        // Kept being checked (backing off, gently) while the API is down.
        let before = switch.calls();
        tokio::time::sleep(Duration::from_millis(1200)).await;
        assert!(
            switch.calls() >= before + 2,
            "{before} → {}",
            switch.calls()
        );
        assert_eq!(
            desk.wait_settled(month(), Duration::from_millis(50))
                .await
                .unwrap(),
            InvoiceStatus::Waiting
        );
        // Not received: a second submit is refused as waiting (Avbryt first), not as received.
        let e = desk.submit(month()).await.unwrap_err();
        assert!(
            matches!(&e, Error::NotAllowed(m) if m.key == ALREADY_WAITING_MESSAGE),
            "{e:?}"
        );

        // The status API answers: final, the report cleared.
        switch.set_down(false);
        assert_eq!(
            desk.wait_settled(month(), SETTLE).await.unwrap(),
            InvoiceStatus::Received
        );
        let s = state(&db);
        assert_eq!((s.reported, s.reported_at), (None, None));
        assert_eq!(s.message.as_ref().map(|m| m.key), Some(RECEIVED_MESSAGE));
        assert_eq!(s.received_at.as_deref(), Some("2025-04-10T10:00:00"));
        let statuses: Vec<Option<u16>> = journal_of(&db)
            .iter()
            .filter(|c| c.endpoint.starts_with("GET"))
            .map(|c| c.status)
            .collect();
        assert_eq!(
            statuses.first(),
            Some(&Some(200)),
            "newest first: {statuses:?}"
        );
        assert!(statuses[1..].iter().all(Option::is_none), "{statuses:?}");
        assert!(port_closed(&return_url_at_fk(&sim, &fingerprint)).await);
        sim.shutdown().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_claim_the_status_api_contradicts_never_becomes_final() {
        let (sim, dir) = sim_on(today()).await;
        let db = db_of(dir.path(), Scenario::D);
        save(&db, &minimal_answers(Scenario::D));
        let surface = TestSurface::new(None);
        let desk = desk(&db, &sim, &surface, Duration::from_millis(100));
        let fingerprint = waiting(desk.submit(month()).await.unwrap());
        // The signal says "received" (lower case) while FK still has CREATED.
        let url = signal_url_at_fk(&sim, &fingerprint);
        let body = json!({"fingerprint": fingerprint, "status": "received"});
        assert_eq!(signal(&sim, &url, &body).await, 204);
        eventually("the report was noted", || state(&db).reported.is_some()).await;
        let s = state(&db);
        assert_eq!(s.status, InvoiceStatus::Waiting);
        assert_eq!(s.reported, Some(InvoiceStatus::Received));
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert_eq!(state(&db).status, InvoiceStatus::Waiting);

        // The person cancels at FK: the status API's word wins over the claim.
        press(&sim, &fingerprint, "cancel").await;
        assert_eq!(
            desk.wait_settled(month(), SETTLE).await.unwrap(),
            InvoiceStatus::Cancelled
        );
        let s = state(&db);
        assert_eq!(s.reported, None);
        assert_eq!(
            s.message.as_ref().map(|m| m.key),
            Some(CANCELLED_AT_FK_MESSAGE)
        );
        sim.shutdown().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn after_a_restart_an_unconfirmed_outcome_is_asked_about_past_max_wait() {
        let (sim, dir) = sim_on(today()).await;
        let db = db_of(dir.path(), Scenario::B);
        save(&db, &minimal_answers(Scenario::B));
        let surface = TestSurface::new(None);
        let switch = StatusSwitch::new(&sim);
        let first = switched_desk(&db, &sim, &switch, &surface, LONG, LONG);
        let fingerprint = waiting(first.submit(month()).await.unwrap());
        press(&sim, &fingerprint, "sign").await;
        switch.set_down(true);
        let url = signal_url_at_fk(&sim, &fingerprint);
        let body = json!({"fingerprint": fingerprint, "status": "RECEIVED"});
        assert_eq!(signal(&sim, &url, &body).await, 204);
        eventually("the report was noted", || state(&db).reported.is_some()).await;
        drop(first);
        assert!(port_closed(&url).await);

        // Timbok starts again; the status API is still down. The waiter goes on past max_wait.
        let second = switched_desk(
            &db,
            &sim,
            &switch,
            &surface,
            Duration::from_millis(100),
            Duration::from_millis(300),
        );
        assert_eq!(second.resume_open().unwrap(), 1);
        tokio::time::sleep(Duration::from_millis(900)).await;
        assert!(
            second.has_waiter(month()),
            "an unconfirmed outcome keeps being checked"
        );
        let s = state(&db);
        assert_eq!(s.status, InvoiceStatus::Waiting);
        assert_eq!(s.reported, Some(InvoiceStatus::Received));
        assert_eq!(
            s.message.as_ref().map(|m| m.key),
            Some(REPORTED_RECEIVED_MESSAGE)
        );

        switch.set_down(false);
        assert_eq!(
            second.wait_settled(month(), SETTLE).await.unwrap(),
            InvoiceStatus::Received
        );
        sim.shutdown().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_unconfirmed_outcome_does_not_stop_sending_again() {
        let (sim, dir) = sim_on(today()).await;
        let db = db_of(dir.path(), Scenario::E);
        let answers = minimal_answers(Scenario::E);
        save(&db, &answers);
        let surface = TestSurface::new(None);
        let switch = StatusSwitch::new(&sim);
        let desk = switched_desk(
            &db,
            &sim,
            &switch,
            &surface,
            Duration::from_millis(100),
            LONG,
        );
        let first = waiting(desk.submit(month()).await.unwrap());
        switch.set_down(true);
        let url = signal_url_at_fk(&sim, &first);
        let body = json!({"fingerprint": first, "status": "CANCELLED"});
        assert_eq!(signal(&sim, &url, &body).await, 204);
        eventually("the report was noted", || state(&db).reported.is_some()).await;
        assert_eq!(
            state(&db).message.as_ref().map(|m| m.key),
            Some(REPORTED_CANCELLED_MESSAGE)
        );

        // "Avbryt" in Timbok, then send again.
        desk.cancel(month()).await.unwrap();
        let s = state(&db);
        assert_eq!(s.status, InvoiceStatus::Draft);
        assert_eq!(s.reported, None);
        assert_eq!(s.answers, answers);
        let second = waiting(desk.submit(month()).await.unwrap());
        assert_ne!(first, second);
        assert_eq!(state(&db).reported, None);
        sim.shutdown().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_signal_alone_delivers_the_outcome() {
        let (sim, dir) = sim_on(today()).await;
        let db = db_of(dir.path(), Scenario::F);
        save(&db, &minimal_answers(Scenario::F));
        let surface = TestSurface::new(None);
        let desk = desk(&db, &sim, &surface, LONG);
        let fingerprint = waiting(desk.submit(month()).await.unwrap());

        let done = press(&sim, &fingerprint, "sign").await;
        let signal_url = done["signalUrl"].as_str().unwrap().to_string();
        sim.set_fault(Service::Erak, Fault::ServerError(503))
            .unwrap();
        // FK's page script: the CORS preflight, then the POST, from FK's origin.
        let http = http(&sim);
        let origin = sim.erak_url();
        let preflight = http
            .request(reqwest::Method::OPTIONS, &signal_url)
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
            .await
            .unwrap();
        assert_eq!(preflight.status(), 204);
        assert_eq!(preflight.headers()["access-control-allow-origin"], origin);
        let signal = http
            .post(&signal_url)
            .header("origin", origin)
            .header("content-type", "application/json")
            .body(done["signal"].to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(signal.status(), 204);

        assert_eq!(
            desk.wait_settled(month(), SETTLE).await.unwrap(),
            InvoiceStatus::Received
        );
        assert_eq!(surface.fronts(), 0, "the browser never came back");
        assert_eq!(
            state(&db).message.as_ref().map(|m| m.key),
            Some(RECEIVED_MESSAGE)
        );
        sim.shutdown().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn status_polling_alone_delivers_the_outcome() {
        let (sim, dir) = sim_on(today()).await;
        let db = db_of(dir.path(), Scenario::D);
        save(&db, &minimal_answers(Scenario::D));
        let surface = TestSurface::new(None);
        let desk = desk(&db, &sim, &surface, Duration::from_millis(100));
        let fingerprint = waiting(desk.submit(month()).await.unwrap());
        // Still waiting after a few polls.
        tokio::time::sleep(Duration::from_millis(350)).await;
        assert_eq!(state(&db).status, InvoiceStatus::Waiting);

        press(&sim, &fingerprint, "sign").await;
        assert_eq!(
            desk.wait_settled(month(), SETTLE).await.unwrap(),
            InvoiceStatus::Received
        );
        assert_eq!(surface.fronts(), 0);
        let status_calls: Vec<CallRecord> = journal_of(&db)
            .into_iter()
            .filter(|c| c.endpoint == format!("GET /public/v1/status/{fingerprint}"))
            .collect();
        assert!(status_calls.len() >= 3, "{status_calls:?}");
        assert!(status_calls.iter().all(
            |c| c.status == Some(200) && c.fingerprint.as_deref() == Some(fingerprint.as_str())
        ));
        sim.shutdown().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn after_a_restart_polling_finishes_a_waiting_invoice() {
        let (sim, dir) = sim_on(today()).await;
        let db = db_of(dir.path(), Scenario::B);
        let answers = minimal_answers(Scenario::B);
        save(&db, &answers);
        let surface = TestSurface::new(None);
        let first = desk(&db, &sim, &surface, LONG);
        let fingerprint = waiting(first.submit(month()).await.unwrap());
        let twin = first.clone();
        drop(first);
        // A clone keeps the waiter; the last one gone stops it and its listener.
        let return_url = return_url_at_fk(&sim, &fingerprint);
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(!port_closed_now(&return_url).await);
        drop(twin);
        assert!(port_closed(&return_url).await);

        // Signed while Timbok was closed.
        press(&sim, &fingerprint, "sign").await;
        assert_eq!(state(&db).status, InvoiceStatus::Waiting);

        let second = desk(&db, &sim, &surface, Duration::from_millis(100));
        assert_eq!(second.resume_open().unwrap(), 1);
        assert_eq!(second.resume_open().unwrap(), 0, "already waiting");
        assert_eq!(
            second.wait_settled(month(), SETTLE).await.unwrap(),
            InvoiceStatus::Received
        );
        let s = state(&db);
        assert_eq!(s.fingerprint.as_deref(), Some(fingerprint.as_str()));
        assert_eq!(s.answers, answers);
        assert_eq!(second.resume_open().unwrap(), 0);
        sim.shutdown().await;
    }

    async fn port_closed_now(url: &str) -> bool {
        let url = url::Url::parse(url).unwrap();
        let addr = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap());
        tokio::net::TcpStream::connect(&addr).await.is_err()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn cancel_in_timbok_goes_back_to_draft_and_cancel_at_fk_is_cancelled() {
        let (sim, dir) = sim_on(today()).await;
        let db = db_of(dir.path(), Scenario::C);
        let answers = minimal_answers(Scenario::C);
        save(&db, &answers);
        let surface = TestSurface::new(None);
        let desk = desk(&db, &sim, &surface, LONG);
        let first = waiting(desk.submit(month()).await.unwrap());
        assert!(matches!(
            desk.submit(month()).await,
            Err(Error::NotAllowed(_))
        ));
        assert!(matches!(
            timbok(&db).save_invoice_answers(month(), &answers),
            Err(Error::NotAllowed(_))
        ));

        desk.cancel(month()).await.unwrap();
        let s = state(&db);
        assert_eq!(s.status, InvoiceStatus::Draft);
        assert_eq!(
            s.message.as_ref().map(|m| m.key),
            Some(CANCELLED_IN_TIMBOK_MESSAGE)
        );
        assert_eq!(s.answers, answers);
        assert!(port_closed(&return_url_at_fk(&sim, &first)).await);
        assert!(matches!(
            desk.cancel(month()).await,
            Err(Error::NotAllowed(_))
        ));
        assert!(matches!(desk.reopen(month()), Err(Error::NotAllowed(_))));

        // Changed and sent again; the page opened again; then "Avbryt" on FK's page.
        timbok(&db).save_invoice_answers(month(), &answers).unwrap();
        let second = waiting(desk.submit(month()).await.unwrap());
        assert_ne!(first, second);
        desk.reopen(month()).unwrap();
        let link = sign_page_url(sim.erak_url(), &second);
        assert_eq!(surface.opened()[1..], [link.clone(), link.clone()]);
        let run = complete_signing(&link, Action::Cancel).await.unwrap();
        assert_eq!(run.status, "CANCELLED");
        assert_eq!(
            desk.wait_settled(month(), SETTLE).await.unwrap(),
            InvoiceStatus::Cancelled
        );
        assert_eq!(
            state(&db).message.as_ref().map(|m| m.key),
            Some(CANCELLED_AT_FK_MESSAGE)
        );
        eventually("the window came to the front", || surface.fronts() == 1).await;
        sim.shutdown().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn expiry_and_the_end_of_waiting() {
        let (sim, dir) = sim_on(today()).await;
        let db = db_of(dir.path(), Scenario::D);
        save(&db, &minimal_answers(Scenario::D));
        let surface = TestSurface::new(None);

        // Not signed in time at FK.
        let polling = desk(&db, &sim, &surface, Duration::from_millis(100));
        let first = waiting(polling.submit(month()).await.unwrap());
        sim.expire_invoice(&first).unwrap();
        assert_eq!(
            polling.wait_settled(month(), SETTLE).await.unwrap(),
            InvoiceStatus::Expired
        );
        assert_eq!(
            state(&db).message.as_ref().map(|m| m.key),
            Some(EXPIRED_MESSAGE)
        );

        // Sent again; Timbok stops waiting after max_wait: still waiting, listener closed.
        let brief = InvoiceDesk::new(
            &db,
            polling.core.setup.clone(),
            surface.clone(),
            Clock::Fixed(now()),
        )
        .with_timing(LONG, Duration::from_millis(300));
        let second = waiting(brief.submit(month()).await.unwrap());
        assert!(port_closed(&return_url_at_fk(&sim, &second)).await);
        eventually("the waiter stopped", || !brief.has_waiter(month())).await;
        let s = state(&db);
        assert_eq!(s.status, InvoiceStatus::Waiting);
        assert_eq!(
            s.message.as_ref().map(|m| m.key),
            Some(STOPPED_WAITING_MESSAGE)
        );
        assert_eq!(
            brief
                .wait_settled(month(), Duration::from_millis(50))
                .await
                .unwrap(),
            InvoiceStatus::Waiting
        );

        // "Öppna sidan igen" asks FK again.
        let again = brief.clone().with_timing(Duration::from_millis(100), LONG);
        again.reopen(month()).unwrap();
        assert_eq!(
            surface.opened().last(),
            Some(&sign_page_url(sim.erak_url(), &second))
        );
        press(&sim, &second, "sign").await;
        assert_eq!(
            again.wait_settled(month(), SETTLE).await.unwrap(),
            InvoiceStatus::Received
        );
        sim.shutdown().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_journal_keeps_the_calls_without_personal_data_or_key() {
        let (sim, dir) = sim_on(today()).await;
        let db = db_of(dir.path(), Scenario::E);
        save(&db, &full_answers(Scenario::E));
        let surface = TestSurface::new(Some(Action::Sign));
        let desk = desk(&db, &sim, &surface, Duration::from_millis(200));
        let fingerprint = waiting(desk.submit(month()).await.unwrap());
        assert_eq!(
            desk.wait_settled(month(), SETTLE).await.unwrap(),
            InvoiceStatus::Received
        );
        surface.runs().await;

        let calls = journal_of(&db);
        let create = calls
            .iter()
            .find(|c| c.endpoint == "POST /public/v1/create")
            .unwrap();
        assert_eq!(create.service, "erak");
        assert_eq!(create.status, Some(200));
        assert_eq!(create.fingerprint.as_deref(), Some(fingerprint.as_str()));
        assert_eq!(create.at, "2025-04-10T10:00:00");
        assert!(create.body.contains(r#""scenario":"E""#), "{}", create.body);
        assert!(
            create.body.contains("return?state=[state]"),
            "{}",
            create.body
        );
        assert!(
            create.body.contains("signal?state=[state]"),
            "{}",
            create.body
        );
        let status = calls
            .iter()
            .find(|c| c.endpoint == format!("GET /public/v1/status/{fingerprint}"))
            .expect("the status was asked");
        assert_eq!(status.status, Some(200));

        let return_url = return_url_at_fk(&sim, &fingerprint);
        let state = state_of(&return_url).unwrap();
        for call in &calls {
            for secret in [
                PERSON,
                GUARDIAN,
                "19840307",
                "Elsa",
                "Maria",
                "Demosson",
                "070-174",
                "06 1",
                sim.erak_key(),
                state,
            ] {
                assert!(!call.body.contains(secret), "{secret} in {}", call.body);
                assert!(!call.endpoint.contains(secret));
            }
        }
        sim.shutdown().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_demo_household_submits_another_scenario_when_asked() {
        let (sim, dir) = sim_on(today()).await;
        let db = dir.path().join("demo.sqlite3");
        crate::demo::seed(&mut Store::open(&db).unwrap(), today()).unwrap();
        let totals = timbok(&db).month_sheet(month()).unwrap().totals;
        let surface = TestSurface::new(Some(Action::Sign));
        let desk = desk(&db, &sim, &surface, LONG);

        // Refused as C without a god man's role: nothing is stored.
        let mut answers = prefill(&timbok(&db).household().unwrap().unwrap());
        answers.lss_activity = Some(false);
        answers.hospital_stay = Some(false);
        answers.outside_eea = Some(false);
        answers.previous_payment_used = Some(true);
        let Submitted::Refused(problems) = desk
            .submit_as(month(), Scenario::C, &answers)
            .await
            .unwrap()
        else {
            panic!("sent")
        };
        assert_eq!(problems[0].field, "signer.role");
        assert_eq!(Store::open(&db).unwrap().invoice(month()).unwrap(), None);

        answers.signer_role = Some(SignerRole::GodMan);
        waiting(
            desk.submit_as(month(), Scenario::C, &answers)
                .await
                .unwrap(),
        );
        assert_eq!(
            desk.wait_settled(month(), SETTLE).await.unwrap(),
            InvoiceStatus::Received
        );
        let body = sim.invoices().pop().unwrap().body;
        assert_eq!(body["invoice"]["scenario"], "C");
        assert_eq!(body["invoice"]["signer"]["role"], "godMan");
        assert_eq!(body["invoice"]["signer"]["personnummer"], GUARDIAN);
        assert_eq!(body["invoice"]["totals"]["activeMinutes"], totals.aktiv);
        assert!(totals.aktiv > 0);
        let s = state(&db);
        assert_eq!(s.scenario, Scenario::E, "the household still decides");
        assert_eq!(s.answers, answers, "stored once E-RÄK accepted it");

        // Scenario A: the person signs; the guardian's details are not sent.
        let next = month().prev();
        let mut a = answers.clone();
        a.signer_role = None;
        let desk_a = desk.clone();
        waiting(desk_a.submit_as(next, Scenario::A, &a).await.unwrap());
        assert_eq!(
            desk_a.wait_settled(next, SETTLE).await.unwrap(),
            InvoiceStatus::Received
        );
        let body = sim.invoices().pop().unwrap().body;
        assert_eq!(body["invoice"]["scenario"], "A");
        assert_eq!(body["invoice"]["signer"], json!({"role": "self"}));
        sim.shutdown().await;
    }

    #[tokio::test]
    async fn nothing_without_a_household_or_a_saved_invoice() {
        let (sim, dir) = sim_on(today()).await;
        let db = dir.path().join("empty.sqlite3");
        let surface = TestSurface::new(None);
        let desk = desk(&db, &sim, &surface, LONG);
        assert!(matches!(
            desk.submit(month()).await,
            Err(Error::NotFound(Entity::Household))
        ));
        assert!(matches!(
            desk.reopen(month()),
            Err(Error::NotFound(Entity::Invoice))
        ));
        assert!(matches!(
            desk.cancel(month()).await,
            Err(Error::NotFound(Entity::Invoice))
        ));
        assert_eq!(desk.resume_open().unwrap(), 0);
        sim.shutdown().await;
    }

    #[test]
    fn the_desks_futures_can_run_on_any_thread() {
        fn send<T: Send>(_: &T) {}
        fn send_sync<T: Send + Sync>(_: &T) {}
        let client = ErakClient::new(
            Arc::new(HttpsTransport::new("https://erak.example", &Trust::System).unwrap()),
            "X-Erak-Key",
            SecretBytes::new("k"),
        )
        .unwrap();
        let desk = InvoiceDesk::new(
            Path::new("/nonexistent/t.sqlite3"),
            ErakSetup {
                client,
                base_url: "https://erak.example".into(),
                signing_origin: "https://erak.example".into(),
                supplier: Supplier {
                    name: "T".into(),
                    id: "t".into(),
                },
            },
            TestSurface::new(None),
            Clock::Fixed(now()),
        );
        send_sync(&desk);
        send(&desk.submit(month()));
        send(&desk.submit_as(month(), Scenario::A, &Answers::default()));
        send(&desk.cancel(month()));
        send(&desk.wait_settled(month(), SETTLE));
    }
}
