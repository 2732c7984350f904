//! The loopback listener: where FK's signing page sends the browser back (the return link) and
//! where its script reports the outcome (the signal) when an invoice is submitted to E-RÄK
//! (erak.md, "The loopback listener"; security.md; RFC 8252 §7.3 and §8.3).
//!
//! # The flow
//!
//! 1. [`start`] binds the literal `127.0.0.1` on a port the OS picks and makes two one-time
//!    states. The listener runs only while a submission is waiting.
//! 2. The app sends [`Waiting::return_url`] and [`Waiting::signal_url`] in the E-RÄK create
//!    request, gets the fingerprint back, and calls [`Waiting::expect`] with it before it opens
//!    the signing page in the browser.
//! 3. [`Waiting::next`] yields what comes back:
//!    - [`Arrival::Signalled`]: FK's page sent the signal to the signal URL (normally first:
//!      the page signals, then sends the browser back);
//!    - [`Arrival::Returned`]: the browser came back on the return link. The browser now shows
//!      "Klart – du kan stänga fliken och gå tillbaka till Timbok"; **this is the app's cue to
//!      bring its window to the front** (the listener has no window to raise itself);
//!    - [`Arrival::Unreadable`]: a return or signal with the right one-time state that the
//!      listener could not read (another shape, another fingerprint, an odd status): the app
//!      asks the status API at once instead of dropping it.
//!
//!    `next` yields `None` once the listener has closed: after `max_wait` from the start, or
//!    after [`Waiting::close`] / drop. Either way the port is released.
//!
//! Neither arrival proves anything by itself: the app confirms the outcome with E-RÄK's status
//! API. The listener is a doorbell, not a source of truth.
//!
//! # What FK may send (E-RÄK's reference implementation is not public: docs/fk-contract.md)
//!
//! - The signal as `POST` with a JSON object (`application/json`, or `…+json`), a form
//!   (`application/x-www-form-urlencoded`), `text/plain` or no content type (read as JSON
//!   when it starts with `{`, else as a form), or the fields in the signal URL's query (a
//!   `POST` without body, or a `GET`); query and body together. The field names are
//!   [`crate::erak::wire::OUTCOME_FINGERPRINT`] and [`crate::erak::wire::OUTCOME_STATUS`];
//!   other fields are ignored; a name given twice with different values cannot be read.
//! - The status in any case (`SIGNED`, `signed`, `Signed`): 1–32 letters, digits or `_`,
//!   handed on in upper case. A status is optional (the app then asks the status API).
//! - Its own parameters appended to our URLs: with `&`, or with a second `?` (read like `&`),
//!   even its own `state` (every `state` in the query is compared with ours), and a fragment
//!   (never sent to a server by a browser).
//!
//! # The rules
//!
//! - Only `GET /return`, `OPTIONS /signal`, `POST /signal` and `GET /signal` exist; anything
//!   else is `404`.
//! - `Host` must be exactly `127.0.0.1:PORT` (DNS rebinding: a page on `evil.example` that
//!   resolves to 127.0.0.1 sends its own name): missing or repeated `400`, other `421`.
//! - Every URL carries its own unguessable `state` (256 bits from the OS, base64url, 43
//!   characters): missing `400`, wrong `403`. Each state works once: the return state for one
//!   return, the signal state for one signal; a second use is `403`. A state is used up only
//!   by a request that is accepted in full, so a refused or unreadable request uses nothing.
//! - With the right, unused state, a request whose content cannot be read (no fingerprint, a
//!   malformed status, a body that is not one of the shapes above, too large) or that names a
//!   fingerprint other than the one passed to [`Waiting::expect`] is not accepted but is a
//!   knock: [`Arrival::Unreadable`] (at most one per second and route), answered `202` (a
//!   body too large: `413`), the return link with a Swedish page saying that Timbok asks FK.
//! - CORS: `OPTIONS /signal` is answered `204` with `Access-Control-Allow-Origin` = the
//!   configured origin (never `*`), `-Allow-Methods: POST, GET`, `-Allow-Headers:
//!   content-type` and any other header names the preflight asks for (at most 16),
//!   `-Max-Age: 60` and `Vary: Origin`, only when `Origin` equals the configured origin
//!   exactly and `Access-Control-Request-Method` is `POST` or `GET`; it also needs the right,
//!   unused signal state. Otherwise `403` without any `Access-Control-*` header. Chrome's
//!   Private Network Access preflight (`Access-Control-Request-Private-Network: true`, sent
//!   when a public site such as FK's calls loopback) gets
//!   `Access-Control-Allow-Private-Network: true`.
//! - The signal (`POST` or `GET`) with an `Origin` other than the configured one: `403`
//!   without ACAO. Without `Origin` it is taken (a browser sends `Origin` with every
//!   cross-origin `POST` and CORS `GET`; an image or a navigation sends none): the one-time
//!   state decides. Every other answer to the signal carries ACAO and `Vary: Origin`, so FK's
//!   script can read it; accepted: `204`. A body above `max_body` bytes is read and dropped up
//!   to 256 KiB first so the client sees the answer; a larger declared `Content-Length` is
//!   answered at once.
//! - The return link answers a small Swedish page (`lang="sv"`, no script, no external
//!   resources) with `Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline';
//!   base-uri 'none'; form-action 'none'; frame-ancestors 'none'`, `Cache-Control: no-store`,
//!   `Referrer-Policy: no-referrer` and `X-Content-Type-Options: nosniff`; refusals on the
//!   return link are Swedish pages too, saying what to do.
//! - Time and size: one request per connection (no keep-alive); each connection, from accept
//!   to the last byte of the answer, gets `request_timeout`, then it is cut (slow clients,
//!   slowloris). Request heads are capped at 16 KiB by hyper (`431` above). At most 16
//!   connections are served at once; more are closed at once.
//! - After closing no new connection is accepted; a request still being answered finishes
//!   (within `request_timeout`) but can no longer be accepted (`410`).
//!
//! # Decisions
//!
//! - hyper directly rather than an axum `Router`: the per-connection time limit, the head size
//!   cap and keep-alive off are hyper connection settings that `axum::serve` does not expose.
//!   axum is used only for its `Body` type.
//! - Random states come from `getrandom` 0.3 (the OS's CSPRNG, the same source `ring` and
//!   `rand` seed from), not from a UUID (v4 has 122 random bits and is not documented as
//!   cryptographically strong); two independent states so a leaked return link cannot be used
//!   to signal, and the other way round.
//! - States are compared in constant time (XOR-fold over the bytes; their length, 43, is
//!   public). Fingerprints are not secret (they appear in FK's URL) and are compared plainly.
//! - Logs name the refusal reason, never a state or any personal data.

mod handler;
#[cfg(test)]
mod tests;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot, watch, OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::message::{Key, Message};

/// Connections served at the same time; more are closed at once.
const MAX_CONNECTIONS: usize = 16;
/// hyper's read buffer, which caps a request head (hyper's minimum is 8 KiB).
const MAX_HEAD: usize = 16 * 1024;
/// At most one [`Arrival::Unreadable`] per route this often (each one costs a status call).
const KNOCK_GAP: Duration = Duration::from_secs(1);

/// How a listener is set up. [`ListenerConfig::new`] gives the defaults documented per field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListenerConfig {
    /// The origin of FK's signing page, e.g. `https://www.forsakringskassan.se` or (the
    /// simulator) `http://127.0.0.1:PORT`: the only origin whose preflight and signal are
    /// answered. Scheme, host and port; a trailing `/` is allowed, any other path is not.
    pub allowed_origin: String,
    /// The listener closes this long after [`start`]. Default 30 minutes.
    pub max_wait: Duration,
    /// The largest signal body accepted, in bytes. Default 16 KiB.
    pub max_body: usize,
    /// Each connection is cut this long after it was accepted. Default 10 s.
    pub request_timeout: Duration,
}

impl ListenerConfig {
    pub fn new(allowed_origin: impl Into<String>) -> ListenerConfig {
        ListenerConfig {
            allowed_origin: allowed_origin.into(),
            max_wait: Duration::from_secs(30 * 60),
            max_body: 16 * 1024,
            request_timeout: Duration::from_secs(10),
        }
    }
}

/// What came back to the listener. A status is upper case (FK's in any case is taken).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arrival {
    /// The browser came back on the return link: bring the app's window to the front.
    /// `status` is FK's status from the link's query, when it gave one.
    Returned {
        fingerprint: String,
        status: Option<String>,
    },
    /// FK's page sent the signal (JSON, form or query); `status` when it gave one.
    Signalled {
        fingerprint: String,
        status: Option<String>,
    },
    /// A return (`returned`) or a signal with the right one-time state whose content could
    /// not be read, or that named another fingerprint: ask the status API now. The state
    /// stays unused, so a readable one can still come.
    Unreadable { returned: bool },
}

/// Why the listener could not start. [`ListenerError::message`] says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ListenerError {
    #[error("{}", self.message())]
    InvalidOrigin,
    #[error("{}", self.message())]
    InvalidConfig(&'static str),
    #[error("{}", self.message())]
    Bind(#[source] std::io::Error),
    #[error("{}", self.message())]
    Random,
}

impl ListenerError {
    pub fn message(&self) -> Message {
        match self {
            ListenerError::InvalidOrigin => Key::ListenerOriginInvalid.into(),
            ListenerError::InvalidConfig(detail) => {
                Message::new(Key::ListenerMisconfigured).text("detail", *detail)
            }
            ListenerError::Bind(_) => Key::ListenerNoPort.into(),
            ListenerError::Random => Key::ListenerNoRandom.into(),
        }
    }
}

impl From<ListenerError> for crate::Error {
    fn from(e: ListenerError) -> crate::Error {
        match e {
            ListenerError::InvalidOrigin => crate::Error::invalid("erak.origin", e.message()),
            ListenerError::Bind(source) => crate::Error::Io(source),
            other => crate::Error::Io(std::io::Error::other(other.to_string())),
        }
    }
}

/// State shared by the accept loop, every connection and [`Waiting`].
struct Shared {
    /// `127.0.0.1:PORT`, the only `Host` accepted.
    host: String,
    /// The configured origin, as a browser writes it in `Origin`.
    origin: String,
    max_body: usize,
    return_state: String,
    signal_state: String,
    inner: Mutex<Inner>,
}

struct Inner {
    expected: Option<String>,
    return_used: bool,
    signal_used: bool,
    /// When the last [`Arrival::Unreadable`] of the return link and of the signal was sent.
    last_knock: [Option<std::time::Instant>; 2],
    /// `None` once the listener has closed: nothing more is accepted, and `next` ends.
    arrivals: Option<mpsc::UnboundedSender<Arrival>>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn close(&self) {
        self.lock().arrivals = None;
    }
}

/// A listener waiting for one submission. Dropping it closes the listener too.
pub struct Waiting {
    shared: Arc<Shared>,
    addr: SocketAddr,
    deadline: Instant,
    arrivals: mpsc::UnboundedReceiver<Arrival>,
    stop: watch::Sender<bool>,
    released: Option<oneshot::Receiver<()>>,
}

/// Binds `127.0.0.1:0` and starts serving; see the module doc.
pub async fn start(config: ListenerConfig) -> Result<Waiting, ListenerError> {
    let origin = origin_of(&config.allowed_origin)?;
    if config.max_wait.is_zero() {
        return Err(ListenerError::InvalidConfig("max_wait"));
    }
    if config.request_timeout.is_zero() {
        return Err(ListenerError::InvalidConfig("request_timeout"));
    }
    if config.max_body == 0 {
        return Err(ListenerError::InvalidConfig("max_body"));
    }
    let return_state = new_state()?;
    let signal_state = new_state()?;
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .map_err(ListenerError::Bind)?;
    let addr = listener.local_addr().map_err(ListenerError::Bind)?;
    let (sender, arrivals) = mpsc::unbounded_channel();
    let shared = Arc::new(Shared {
        host: addr.to_string(),
        origin,
        max_body: config.max_body,
        return_state,
        signal_state,
        inner: Mutex::new(Inner {
            expected: None,
            return_used: false,
            signal_used: false,
            last_knock: [None, None],
            arrivals: Some(sender),
        }),
    });
    let deadline = Instant::now() + config.max_wait;
    let (stop, stop_rx) = watch::channel(false);
    let (released_tx, released) = oneshot::channel();
    tokio::spawn(serve(
        listener,
        shared.clone(),
        deadline,
        config.request_timeout,
        stop_rx,
        released_tx,
    ));
    tracing::info!(
        port = addr.port(),
        "listener: waiting for the return link and the signal"
    );
    Ok(Waiting {
        shared,
        addr,
        deadline,
        arrivals,
        stop,
        released: Some(released),
    })
}

impl Waiting {
    /// `http://127.0.0.1:PORT/return?state=…`: for E-RÄK's `returnUrl`.
    pub fn return_url(&self) -> String {
        format!(
            "http://{}/return?state={}",
            self.shared.host, self.shared.return_state
        )
    }

    /// `http://127.0.0.1:PORT/signal?state=…`: for E-RÄK's `signalUrl`.
    pub fn signal_url(&self) -> String {
        format!(
            "http://{}/signal?state={}",
            self.shared.host, self.shared.signal_state
        )
    }

    /// The address the listener is bound to (always `127.0.0.1`).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Accept only this fingerprint from now on (a later call replaces it). Until it is
    /// called every return and signal is refused.
    pub fn expect(&self, fingerprint: &str) {
        self.shared.lock().expected = Some(fingerprint.to_string());
    }

    /// The next arrival, in the order they came; `None` once the listener has closed (after
    /// `max_wait`; arrivals that came before are still yielded first). When `max_wait` passes
    /// while waiting here, the port has been released by the time this returns.
    pub async fn next(&mut self) -> Option<Arrival> {
        tokio::select! {
            biased;
            arrival = self.arrivals.recv() => arrival,
            _ = tokio::time::sleep_until(self.deadline) => {
                let _ = self.stop.send(true);
                if let Some(released) = self.released.take() {
                    let _ = released.await;
                }
                self.arrivals.recv().await
            }
        }
    }

    /// Closes the listener: no new connection is accepted and the port is released (as soon
    /// as the runtime runs the listener's task, which needs no further input).
    pub fn close(self) {}
}

impl Drop for Waiting {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// The accept loop; ends at the deadline or when told (or when the [`Waiting`] is gone).
async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    deadline: Instant,
    request_timeout: Duration,
    mut stop: watch::Receiver<bool>,
    released: oneshot::Sender<()>,
) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = tokio::time::sleep_until(deadline) => {
                tracing::info!("listener: the waiting time is over; closing");
                break;
            }
            _ = stop.changed() => break,
            accepted = listener.accept() => {
                while connections.try_join_next().is_some() {}
                match accepted {
                    Ok((stream, _peer)) => match slots.clone().try_acquire_owned() {
                        Ok(permit) => {
                            connections.spawn(serve_connection(
                                stream,
                                shared.clone(),
                                request_timeout,
                                permit,
                            ));
                        }
                        Err(_) => tracing::warn!("listener: too many connections; one closed"),
                    },
                    Err(e) => {
                        // Out of file descriptors and the like: wait a little, keep serving.
                        tracing::warn!(error = %e, "listener: accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                }
            }
        }
    }
    // The port first, then the arrivals: when `next` sees the end, the port is free.
    drop(listener);
    shared.close();
    let _ = released.send(());
    // Requests already being answered finish; each is bounded by `request_timeout`.
    while connections.join_next().await.is_some() {}
}

async fn serve_connection(
    stream: TcpStream,
    shared: Arc<Shared>,
    limit: Duration,
    _permit: OwnedSemaphorePermit,
) {
    let service = hyper::service::service_fn(move |request| {
        let shared = shared.clone();
        async move { Ok::<_, std::convert::Infallible>(handler::handle(request, &shared).await) }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .keep_alive(false)
        .max_buf_size(MAX_HEAD)
        .serve_connection(TokioIo::new(stream), service);
    match tokio::time::timeout(limit, connection).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::debug!(error = %e, "listener: connection ended with an error"),
        Err(_) => tracing::info!("listener: a request took too long; connection cut"),
    }
}

/// The configured origin as a browser writes it in `Origin` (`scheme://host[:port]`).
fn origin_of(configured: &str) -> Result<String, ListenerError> {
    let url = url::Url::parse(configured.trim()).map_err(|_| ListenerError::InvalidOrigin)?;
    let plain = matches!(url.scheme(), "http" | "https")
        && url.host().is_some()
        && url.username().is_empty()
        && url.password().is_none()
        && url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none();
    if !plain {
        return Err(ListenerError::InvalidOrigin);
    }
    Ok(url.origin().ascii_serialization())
}

/// 256 bits from the OS's CSPRNG, base64url without padding (43 characters).
fn new_state() -> Result<String, ListenerError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|_| ListenerError::Random)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// Compares a presented state with the real one in time that does not depend on where they
/// differ. The length is not secret (every state has 43 characters).
fn same_state(presented: &str, real: &str) -> bool {
    let (a, b) = (presented.as_bytes(), real.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let difference = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(difference) == 0
}
