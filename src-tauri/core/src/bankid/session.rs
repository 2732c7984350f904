//! Signing sessions: what the app's signing dialog and the CLI drive.
//!
//! [`Signings::start`] sends `sign` and spawns a task that calls `collect` every
//! [`COLLECT_INTERVAL`] (2 s, start to start, never sooner: BankID's rule) until the order is
//! complete, failed or cancelled. BankID orders live 3 minutes; after [`MAX_LIFE`] the task
//! collects once more (a signature made in the last second is not lost) and, if the order is
//! still pending, cancels it at BankID and ends as failed `expiredTransaction`. Network trouble
//! and BankID's transient errors (`tooManyRequests`/429, `requestTimeout`, `maintenance`,
//! `internalError`, 5xx) do not end a session: the client waits and asks again as BankID's RP
//! guidelines say (see [`super::client::retry_rule`]), and after that the next tick asks again.
//! A `sign` that still fails after the client's retries fails the start with RFA5's text.
//!
//! [`Signings::status`] gives a [`SessionView`]: the state with a Swedish text, and while
//! pending the QR image (another device; recomputed from the seconds since `sign` answered, so
//! it changes every second: call it once a second) or the autostart link (this device). The QR
//! secret stays in the registry: nothing outside it gets the secret.
//!
//! Finished sessions stay readable until [`Signings::take_completion`] or
//! [`Signings::remove`], and are dropped by the next [`Signings::start`] when they finished
//! more than [`KEEP_FINISHED`] ago (a completion holds personal data).
//!
//! Time is `tokio::time`, so tests run with paused time. Logs carry the session id and the
//! orderRef, never a personnummer or name.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::task::AbortHandle;
use tokio::time::{sleep_until, Instant};

use super::client::{
    BankIdClient, BankIdError, BankIdTransport, Collected, Completion, OrderRef, SignOrder,
};
use super::hints::{failed_text, pending_text};
use super::qr::{autostart_url, qr_content, qr_svg, QrSecret};
use super::Device;
use crate::identity::PersonalId;
use crate::message::Message;

/// How often `collect` is called (BankID: every 2 seconds).
pub const COLLECT_INTERVAL: Duration = Duration::from_secs(2);

/// How long an order is followed (BankID's orders live 3 minutes).
pub const MAX_LIFE: Duration = Duration::from_secs(180);

/// How long a finished session is kept when nobody takes it.
pub const KEEP_FINISHED: Duration = Duration::from_secs(15 * 60);

/// One signing, as the app and the CLI refer to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionId(uuid::Uuid);

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for SessionId {
    type Err = BankIdError;

    fn from_str(s: &str) -> Result<SessionId, BankIdError> {
        uuid::Uuid::parse_str(s.trim())
            .map(SessionId)
            .map_err(|_| BankIdError::UnknownSession)
    }
}

/// Where a signing stands. Texts are Swedish, for the person signing.
#[derive(Debug, Clone, PartialEq, Eq)]
// A handful of these exist at a time; boxing the completion would only make matching clumsy.
#[allow(clippy::large_enum_variant)]
pub enum SessionState {
    Pending { hint_text: Message },
    Complete(Completion),
    Failed { text: Message },
    Cancelled,
}

/// What the signing dialog shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionView {
    pub state: SessionState,
    /// Another device, while pending: the QR code for this second, as SVG.
    pub qr_svg: Option<String>,
    /// This device, while pending: the link that starts the BankID app.
    pub autostart_url: Option<String>,
}

/// The signature belongs to someone else than the report's signer; it has been discarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "{}",
    crate::message::Message::new(crate::message::Key::SigningWrongSigner)
)]
pub struct SignerMismatch;

/// Checks that `completion` was signed by `expected` (bankid.md "Trust"). On a mismatch the
/// caller must discard the signature.
pub fn check_signer(completion: &Completion, expected: &PersonalId) -> Result<(), SignerMismatch> {
    if completion.personal_number == expected.as_str() {
        Ok(())
    } else {
        tracing::warn!("bankid: signed by another person than the report names; discarded");
        Err(SignerMismatch)
    }
}

struct Session {
    order_ref: OrderRef,
    device: Device,
    started: Instant,
    qr_start_token: String,
    qr_secret: QrSecret,
    auto_start_token: String,
    state: SessionState,
    finished: Option<Instant>,
    task: Option<AbortHandle>,
}

impl Session {
    fn is_pending(&self) -> bool {
        matches!(self.state, SessionState::Pending { .. })
    }

    /// Ends the session in `state`.
    fn finish(&mut self, state: SessionState) {
        self.state = state;
        self.finished = Some(Instant::now());
    }
}

struct Inner {
    client: BankIdClient,
    sessions: Mutex<HashMap<SessionId, Session>>,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, HashMap<SessionId, Session>> {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The running signings. Cheap to clone; clones share the registry.
#[derive(Clone)]
pub struct Signings {
    inner: Arc<Inner>,
}

impl fmt::Debug for Signings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signings({} sessions)", self.inner.lock().len())
    }
}

impl Signings {
    pub fn new(transport: Arc<dyn BankIdTransport>) -> Signings {
        Signings {
            inner: Arc::new(Inner {
                client: BankIdClient::new(transport),
                sessions: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// `endUserIp` for the next order: this device's address towards BankID.
    pub async fn end_user_ip(&self) -> std::net::IpAddr {
        self.inner.client.end_user_ip().await
    }

    /// Sends `sign` and starts following the order. Must run inside a tokio runtime.
    pub async fn start(&self, order: SignOrder, device: Device) -> Result<SessionId, BankIdError> {
        self.purge_finished();
        let started = self.inner.client.sign(&order).await?;
        let now = Instant::now();
        let id = SessionId(uuid::Uuid::new_v4());
        let order_ref = started.order_ref.clone();
        self.inner.lock().insert(
            id,
            Session {
                order_ref: started.order_ref,
                device,
                started: now,
                qr_start_token: started.qr_start_token,
                qr_secret: started.qr_start_secret,
                auto_start_token: started.auto_start_token,
                state: SessionState::Pending {
                    hint_text: pending_text(Some("outstandingTransaction"), device),
                },
                finished: None,
                task: None,
            },
        );
        let task = tokio::spawn(follow(self.inner.clone(), id, order_ref, device, now));
        if let Some(session) = self.inner.lock().get_mut(&id) {
            if session.is_pending() {
                session.task = Some(task.abort_handle());
            }
        }
        tracing::info!(session = %id, ?device, "bankid: signing started");
        Ok(id)
    }

    /// What to show now; `None` for an unknown (or removed) session.
    pub fn status(&self, id: SessionId) -> Option<SessionView> {
        let (state, qr, autostart) = {
            let sessions = self.inner.lock();
            let session = sessions.get(&id)?;
            let pending = session.is_pending();
            let qr = (pending && session.device == Device::OtherDevice).then(|| {
                let seconds = Instant::now().duration_since(session.started).as_secs();
                (
                    session.qr_start_token.clone(),
                    session.qr_secret.clone(),
                    seconds,
                )
            });
            let autostart = (pending && session.device == Device::ThisDevice)
                .then(|| autostart_url(&session.auto_start_token));
            (session.state.clone(), qr, autostart)
        };
        // The image is drawn outside the lock.
        let qr_svg =
            qr.and_then(|(token, secret, seconds)| qr_svg(&qr_content(&token, &secret, seconds)));
        Some(SessionView {
            state,
            qr_svg,
            autostart_url: autostart,
        })
    }

    /// Cancels a pending signing: stops collecting and sends `cancel` to BankID. A finished
    /// session is left as it is. The session is `Cancelled` even when BankID could not be
    /// told (the error says why).
    pub async fn cancel(&self, id: SessionId) -> Result<(), BankIdError> {
        let order_ref = {
            let mut sessions = self.inner.lock();
            let session = sessions.get_mut(&id).ok_or(BankIdError::UnknownSession)?;
            if !session.is_pending() {
                return Ok(());
            }
            if let Some(task) = session.task.take() {
                task.abort();
            }
            session.finish(SessionState::Cancelled);
            session.order_ref.clone()
        };
        tracing::info!(session = %id, "bankid: signing cancelled by the user");
        self.inner.client.cancel(&order_ref).await
    }

    /// Takes the completion of a completed session and removes the session. `None` (and the
    /// session left as it is) when it is not complete.
    pub fn take_completion(&self, id: SessionId) -> Option<Completion> {
        let mut sessions = self.inner.lock();
        if !matches!(sessions.get(&id)?.state, SessionState::Complete(_)) {
            return None;
        }
        match sessions.remove(&id)?.state {
            SessionState::Complete(completion) => Some(completion),
            _ => None,
        }
    }

    /// Forgets a session; a pending one is cancelled at BankID first (failures only logged).
    pub async fn remove(&self, id: SessionId) {
        let Some(mut session) = self.inner.lock().remove(&id) else {
            return;
        };
        if let Some(task) = session.task.take() {
            task.abort();
        }
        if session.is_pending() {
            if let Err(error) = self.inner.client.cancel(&session.order_ref).await {
                tracing::warn!(session = %id, ?error, "bankid: could not cancel a removed signing");
            }
        }
    }

    fn purge_finished(&self) {
        let now = Instant::now();
        self.inner.lock().retain(|_, session| {
            session
                .finished
                .is_none_or(|at| now.duration_since(at) < KEEP_FINISHED)
        });
    }
}

/// The collect loop of one session.
async fn follow(
    inner: Arc<Inner>,
    id: SessionId,
    order_ref: OrderRef,
    device: Device,
    started: Instant,
) {
    let expired = || SessionState::Failed {
        text: failed_text("expiredTransaction", device),
    };
    let mut next = started + COLLECT_INTERVAL;
    loop {
        sleep_until(next).await;
        let at = Instant::now();
        next = at + COLLECT_INTERVAL;
        let last_chance = at.duration_since(started) >= MAX_LIFE;
        let outcome = inner.client.collect(&order_ref).await;
        let end = match outcome {
            Ok(Collected::Pending { hint }) if !last_chance => {
                let text = pending_text(hint.as_deref(), device);
                if !update(&inner, id, |s| {
                    s.state = SessionState::Pending { hint_text: text }
                }) {
                    return;
                }
                continue;
            }
            Ok(Collected::Pending { .. }) => {
                tracing::info!(session = %id, %order_ref, "bankid: order not signed in time");
                if let Err(error) = inner.client.cancel(&order_ref).await {
                    tracing::warn!(session = %id, ?error, "bankid: could not cancel an expired order");
                }
                expired()
            }
            Ok(Collected::Failed { hint }) => {
                tracing::info!(session = %id, %order_ref, hint_code = %hint, "bankid: order failed");
                SessionState::Failed {
                    text: failed_text(&hint, device),
                }
            }
            Ok(Collected::Complete(completion)) => {
                tracing::info!(session = %id, %order_ref, "bankid: order complete");
                SessionState::Complete(completion)
            }
            Err(error) if error.is_transient() && !last_chance => {
                tracing::warn!(session = %id, ?error, "bankid: collect failed; asking again");
                continue;
            }
            Err(error) if error.is_transient() => expired(),
            Err(error) => {
                tracing::warn!(session = %id, ?error, "bankid: collect refused");
                SessionState::Failed {
                    text: error.message(),
                }
            }
        };
        update(&inner, id, |s| {
            s.task = None;
            s.finish(end);
        });
        return;
    }
}

/// Applies `change` to a session that is still pending; false when it is gone or finished.
fn update(inner: &Inner, id: SessionId, change: impl FnOnce(&mut Session)) -> bool {
    let mut sessions = inner.lock();
    match sessions.get_mut(&id) {
        Some(session) if session.is_pending() => {
            change(session);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
