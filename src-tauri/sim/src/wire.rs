//! What arrived on the wire (the record) and the faults a test has asked for.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;

/// One of the simulated services; each has its own listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Service {
    /// E-RÄK: the invoice API and FK's signing page (plain HTTP on loopback).
    Erak,
    /// ELT: the SOAP endpoint (HTTPS, client certificate required).
    Elt,
    /// BankID RP API v6.0 (HTTPS).
    BankId,
    /// The page that plays the BankID app, and its JSON API (plain HTTP on loopback).
    BankIdApp,
}

impl Service {
    pub const ALL: [Service; 4] = [
        Service::Erak,
        Service::Elt,
        Service::BankId,
        Service::BankIdApp,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Service::Erak => "erak",
            Service::Elt => "elt",
            Service::BankId => "bankid",
            Service::BankIdApp => "bankid_app",
        }
    }

    pub(crate) fn uses_tls(self) -> bool {
        matches!(self, Service::Elt | Service::BankId)
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A one-shot fault. Each queued fault applies to exactly one request (or, for
/// [`Fault::ExpiredCertificate`], one TLS handshake) of its service, in the order queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Wait this long before handling the request (then handle it normally).
    Slow(Duration),
    /// Answer with this HTTP status and a short text body; the request is not handled.
    ServerError(u16),
    /// Close the connection as soon as the request has arrived: no answer, nothing handled.
    DropConnection,
    /// Handle (and store) the request normally, then send no answer: the connection hangs
    /// for the configured `hang` time (or until shutdown) and is then closed.
    TimeoutAfterStore,
    /// The next TLS handshake of this service presents a certificate (issued by the
    /// simulator's CA) that expired in 2021. TLS services only.
    ExpiredCertificate,
    /// Answer with one of BankID's error answers (`{"errorCode","details"}` with its HTTP
    /// status); the request is not handled. Meant for [`Service::BankId`].
    RpError(RpErrorCode),
}

/// BankID RP API error answers a test can inject, with their HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RpErrorCode {
    /// `429 tooManyRequests`: the RP sends too often; wait and go on.
    TooManyRequests,
    /// `500 internalError`.
    InternalError,
    /// `408 requestTimeout`.
    RequestTimeout,
    /// `503 maintenance`.
    Maintenance,
}

impl RpErrorCode {
    pub fn error_code(self) -> &'static str {
        match self {
            RpErrorCode::TooManyRequests => "tooManyRequests",
            RpErrorCode::InternalError => "internalError",
            RpErrorCode::RequestTimeout => "requestTimeout",
            RpErrorCode::Maintenance => "maintenance",
        }
    }

    pub fn status(self) -> u16 {
        match self {
            RpErrorCode::TooManyRequests => 429,
            RpErrorCode::InternalError => 500,
            RpErrorCode::RequestTimeout => 408,
            RpErrorCode::Maintenance => 503,
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Slow(d) => write!(f, "Slow({} ms)", d.as_millis()),
            Fault::ServerError(code) => write!(f, "ServerError({code})"),
            Fault::DropConnection => f.write_str("DropConnection"),
            Fault::TimeoutAfterStore => f.write_str("TimeoutAfterStore"),
            Fault::ExpiredCertificate => f.write_str("ExpiredCertificate"),
            Fault::RpError(code) => write!(f, "RpError({})", code.error_code()),
        }
    }
}

/// One request as it arrived, and what became of it.
#[derive(Debug, Clone)]
pub struct Received {
    /// Order of arrival over all services, from 0.
    pub seq: u64,
    pub service: Service,
    pub method: String,
    /// Path and query, as sent.
    pub path: String,
    /// Every header, names in lower case, in the order sent.
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
    pub received_at: SystemTime,
    pub received_instant: Instant,
    /// Whether the client presented a TLS client certificate (always false on plain HTTP).
    pub client_certificate: bool,
    /// The injected fault applied to this request, if any.
    pub fault: Option<Fault>,
    /// The HTTP status answered; `None` if no answer was sent (dropped or hung).
    pub status: Option<u16>,
}

impl Received {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text (lossy UTF-8).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The path without its query.
    pub fn path_only(&self) -> &str {
        self.path.split('?').next().unwrap_or("")
    }
}

/// A snapshot of everything received so far, in order of arrival.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub entries: Vec<Received>,
}

impl Record {
    pub fn of(&self, service: Service) -> impl Iterator<Item = &Received> {
        self.entries.iter().filter(move |r| r.service == service)
    }

    /// Requests of `service` with this method and path (query ignored).
    pub fn requests(&self, service: Service, method: &str, path: &str) -> Vec<&Received> {
        self.of(service)
            .filter(|r| r.method.eq_ignore_ascii_case(method) && r.path_only() == path)
            .collect()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[derive(Default)]
struct WireState {
    record: Vec<Received>,
    faults: HashMap<Service, VecDeque<Fault>>,
    expired_pending: HashMap<Service, usize>,
    expired_served: HashMap<Service, usize>,
}

/// The record and the fault queues, shared by all listeners.
#[derive(Default)]
pub(crate) struct Wire {
    state: Mutex<WireState>,
}

impl Wire {
    fn lock(&self) -> std::sync::MutexGuard<'_, WireState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn push_fault(&self, service: Service, fault: Fault) {
        let mut state = self.lock();
        if fault == Fault::ExpiredCertificate {
            *state.expired_pending.entry(service).or_default() += 1;
        } else {
            state.faults.entry(service).or_default().push_back(fault);
        }
    }

    pub fn clear_faults(&self) {
        let mut state = self.lock();
        state.faults.clear();
        state.expired_pending.clear();
    }

    pub fn take_fault(&self, service: Service) -> Option<Fault> {
        self.lock()
            .faults
            .get_mut(&service)
            .and_then(VecDeque::pop_front)
    }

    /// Whether this handshake should present the expired certificate (consumes the fault).
    pub fn take_expired(&self, service: Service) -> bool {
        let mut state = self.lock();
        let pending = state.expired_pending.entry(service).or_default();
        if *pending == 0 {
            return false;
        }
        *pending -= 1;
        *state.expired_served.entry(service).or_default() += 1;
        true
    }

    pub fn expired_served(&self, service: Service) -> usize {
        self.lock()
            .expired_served
            .get(&service)
            .copied()
            .unwrap_or(0)
    }

    pub fn pending_faults(&self, service: Service) -> usize {
        let state = self.lock();
        state.faults.get(&service).map_or(0, VecDeque::len)
            + state.expired_pending.get(&service).copied().unwrap_or(0)
    }

    /// Stores a new entry and returns its sequence number.
    pub fn record(&self, mut entry: Received) -> u64 {
        let mut state = self.lock();
        entry.seq = state.record.len() as u64;
        let seq = entry.seq;
        state.record.push(entry);
        seq
    }

    pub fn set_outcome(&self, seq: u64, fault: Option<Fault>, status: Option<u16>) {
        let mut state = self.lock();
        if let Some(entry) = state.record.get_mut(seq as usize) {
            if fault.is_some() {
                entry.fault = fault;
            }
            entry.status = status;
        }
    }

    pub fn snapshot(&self) -> Record {
        Record {
            entries: self.lock().record.clone(),
        }
    }
}
