//! Answers one request to the listener: the `Host` check, the routes, the states, the shapes
//! of the signal, CORS, the body limit, and the pages. The rules are listed in the module doc
//! of `listener`; the names FK uses come from [`crate::erak::wire`].

use std::pin::Pin;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, Response, StatusCode, Uri};
use hyper::body::Body as HttpBody;

use super::{same_state, Arrival, Shared, KNOCK_GAP};
use crate::erak::wire;
use crate::message::{Key, Locale, Message};

/// A signal body larger than `max_body` is still read (and dropped) up to this size, so that
/// the client is not reset before it reads the `413`; a larger one is answered at once.
const DRAIN_LIMIT: usize = 256 * 1024;

const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; \
                   form-action 'none'; frame-ancestors 'none'";

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;\
                     max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1b1e23;line-height:1.5}\
                     h1{font-size:1.5rem}";

/// A request refused: the status and a short reason for the log (never request data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Refusal {
    status: StatusCode,
    reason: &'static str,
}

const fn refuse(status: StatusCode, reason: &'static str) -> Refusal {
    Refusal { status, reason }
}

/// A request body as the handler reads it: hyper's `Incoming` when served, any in-memory body
/// in tests (the fuzz test drives [`handle`] directly).
pub(super) trait RequestBody: HttpBody<Data = Bytes> + Unpin + Send {}

impl<B: HttpBody<Data = Bytes> + Unpin + Send> RequestBody for B {}

pub(super) async fn handle<B: RequestBody>(request: Request<B>, shared: &Shared) -> Response<Body> {
    if let Err(refusal) = check_host(&request, shared) {
        return refused_plain(refusal, None);
    }
    match (request.uri().path(), request.method()) {
        ("/return", &Method::GET) => return_link(request.uri(), shared),
        ("/signal", &Method::OPTIONS) => preflight(&request, shared),
        ("/signal", &Method::POST) | ("/signal", &Method::GET) => signal(request, shared).await,
        _ => refused_plain(refuse(StatusCode::NOT_FOUND, "no such route"), None),
    }
}

/// Against DNS rebinding: the browser must have asked for `127.0.0.1:PORT` by that name.
fn check_host<B>(request: &Request<B>, shared: &Shared) -> Result<(), Refusal> {
    let mut hosts = request.headers().get_all(header::HOST).iter();
    let (Some(host), None) = (hosts.next(), hosts.next()) else {
        return Err(refuse(StatusCode::BAD_REQUEST, "Host missing or repeated"));
    };
    let authority_ok = request
        .uri()
        .authority()
        .is_none_or(|a| a.as_str() == shared.host);
    if host.as_bytes() != shared.host.as_bytes() || !authority_ok {
        return Err(refuse(StatusCode::MISDIRECTED_REQUEST, "wrong Host"));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The return link

fn return_link(uri: &Uri, shared: &Shared) -> Response<Body> {
    let query = Query::parse(uri);
    let accepted = (|| {
        query.check_state(&shared.return_state)?;
        open_and_unused(shared, Slot::Return)?;
        let claim = Claim::read(query.others()).map_err(Failed::Knock)?;
        accept(shared, Slot::Return, claim)
    })();
    match accepted {
        Ok(()) => {
            tracing::info!("listener: the browser came back on the return link");
            page(
                StatusCode::OK,
                Key::ListenerDoneTitle,
                Key::ListenerDoneHeading,
                Key::ListenerDoneText,
            )
        }
        Err(Failed::Knock(reason)) => {
            knock(shared, Slot::Return, reason);
            page(
                StatusCode::ACCEPTED,
                Key::ListenerBackTitle,
                Key::ListenerBackHeading,
                Key::ListenerBackText,
            )
        }
        Err(Failed::Refused(refusal)) => {
            tracing::info!(
                status = refusal.status.as_u16(),
                reason = refusal.reason,
                "listener: return link refused"
            );
            let (title, text) = match refusal.status {
                StatusCode::GONE => (Key::ListenerGoneTitle, Key::ListenerGoneText),
                StatusCode::BAD_REQUEST => {
                    (Key::ListenerIncompleteTitle, Key::ListenerIncompleteText)
                }
                _ => (Key::ListenerInvalidTitle, Key::ListenerInvalidText),
            };
            page(refusal.status, title, title, text)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The signal: preflight, then POST (JSON, form or text) or GET (query)

fn preflight<B>(request: &Request<B>, shared: &Shared) -> Response<Body> {
    let headers = request.headers();
    let checked = (|| {
        if single(headers, "origin") != Some(shared.origin.as_str()) {
            return Err(refuse(
                StatusCode::FORBIDDEN,
                "preflight from another origin",
            ));
        }
        if !matches!(
            single(headers, "access-control-request-method"),
            Some("POST" | "GET")
        ) {
            return Err(refuse(
                StatusCode::FORBIDDEN,
                "preflight for another method",
            ));
        }
        let requested = requested_headers(headers)
            .ok_or(refuse(StatusCode::FORBIDDEN, "preflight for odd headers"))?;
        Query::parse(request.uri())
            .check_state(&shared.signal_state)
            .map_err(|f| f.refusal())?;
        open_and_unused(shared, Slot::Signal).map_err(|f| f.refusal())?;
        Ok(requested)
    })();
    let requested = match checked {
        Ok(requested) => requested,
        Err(refusal) => {
            tracing::info!(
                status = refusal.status.as_u16(),
                reason = refusal.reason,
                "listener: preflight refused"
            );
            return refused_plain(refusal, None);
        }
    };
    let mut response = empty(StatusCode::NO_CONTENT);
    allow_origin(response.headers_mut(), shared);
    let out = response.headers_mut();
    out.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST, GET"),
    );
    if let Ok(value) = HeaderValue::from_str(&requested) {
        out.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, value);
    }
    out.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("60"),
    );
    if single(headers, "access-control-request-private-network") == Some("true") {
        out.insert(
            "access-control-allow-private-network",
            HeaderValue::from_static("true"),
        );
    }
    response
}

/// The header names a preflight asks for, lower case, joined with `, ` (`content-type`
/// always among them); `None` when one is not a header name or there are too many.
fn requested_headers(headers: &HeaderMap) -> Option<String> {
    let mut names = vec!["content-type".to_string()];
    for value in headers.get_all(header::ACCESS_CONTROL_REQUEST_HEADERS) {
        for name in value.to_str().ok()?.split(',').map(str::trim) {
            if name.is_empty() {
                continue;
            }
            header::HeaderName::from_bytes(name.as_bytes()).ok()?;
            let name = name.to_ascii_lowercase();
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    (names.len() <= 16).then(|| names.join(", "))
}

async fn signal<B: RequestBody>(request: Request<B>, shared: &Shared) -> Response<Body> {
    // A browser sends `Origin` with every cross-origin POST and CORS GET; an image or a
    // navigation sends none (the one-time state then decides). Another origin is refused.
    let origin = single(request.headers(), "origin");
    if request.headers().contains_key("origin") && origin != Some(shared.origin.as_str()) {
        let refusal = refuse(StatusCode::FORBIDDEN, "signal from another origin");
        tracing::info!(reason = refusal.reason, "listener: signal refused");
        return refused_plain(refusal, None);
    }
    match read_signal(request, shared).await {
        Ok(()) => {
            tracing::info!("listener: the signal came");
            let mut response = empty(StatusCode::NO_CONTENT);
            allow_origin(response.headers_mut(), shared);
            response
        }
        Err(Failed::Knock(reason)) => {
            let status = if reason == TOO_LARGE {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::ACCEPTED
            };
            knock(shared, Slot::Signal, reason);
            let mut response = Response::new(Body::from(swedish(Key::ListenerStatusCheck)));
            *response.status_mut() = status;
            let headers = response.headers_mut();
            common_headers(headers);
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            allow_origin(headers, shared);
            response
        }
        Err(Failed::Refused(refusal)) => {
            tracing::info!(
                status = refusal.status.as_u16(),
                reason = refusal.reason,
                "listener: signal refused"
            );
            refused_plain(refusal, Some(shared))
        }
    }
}

const TOO_LARGE: &str = "signal body too large";

/// How the signal's body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Json,
    Form,
    /// `text/plain` or no content type: JSON when it looks like an object, else a form.
    Guess,
}

fn body_kind(headers: &HeaderMap) -> Option<BodyKind> {
    if !headers.contains_key(header::CONTENT_TYPE) {
        return Some(BodyKind::Guess);
    }
    let value = single(headers, "content-type")?;
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => Some(BodyKind::Json),
        e if e.starts_with("application/") && e.ends_with("+json") => Some(BodyKind::Json),
        "application/x-www-form-urlencoded" => Some(BodyKind::Form),
        "text/plain" | "" => Some(BodyKind::Guess),
        _ => None,
    }
}

async fn read_signal<B: RequestBody>(request: Request<B>, shared: &Shared) -> Result<(), Failed> {
    let query = Query::parse(request.uri());
    query.check_state(&shared.signal_state)?;
    open_and_unused(shared, Slot::Signal)?;
    let knock = Failed::Knock;
    let kind = body_kind(request.headers());
    let declared = single(request.headers(), "content-length")
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    if declared > DRAIN_LIMIT as u64 {
        return Err(knock(TOO_LARGE));
    }
    let body = read_limited(request.into_body(), shared.max_body).await?;
    let mut pairs: Vec<(String, String)> = query.others().to_vec();
    if !body.iter().all(u8::is_ascii_whitespace) {
        let kind = kind.ok_or(knock("signal body of another content type"))?;
        pairs.extend(body_pairs(kind, &body).ok_or(knock("signal body unreadable"))?);
    }
    let claim = Claim::read(&pairs).map_err(knock)?;
    accept(shared, Slot::Signal, claim)
}

/// The fingerprint and status fields of a body (other fields are dropped); `None` when the
/// body cannot be read as its kind.
fn body_pairs(kind: BodyKind, body: &[u8]) -> Option<Vec<(String, String)>> {
    let json = match kind {
        BodyKind::Json => true,
        BodyKind::Form => false,
        BodyKind::Guess => body.trim_ascii_start().starts_with(b"{"),
    };
    let wanted = [wire::OUTCOME_FINGERPRINT, wire::OUTCOME_STATUS];
    if json {
        // An object only: serde would also read the fields from an array.
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(body).ok()?;
        let mut pairs = Vec::new();
        for name in wanted {
            match object.get(name) {
                None | Some(serde_json::Value::Null) => {}
                Some(serde_json::Value::String(v)) => pairs.push((name.to_string(), v.clone())),
                Some(_) => return None,
            }
        }
        return Some(pairs);
    }
    let text = std::str::from_utf8(body).ok()?;
    Some(
        url::form_urlencoded::parse(text.trim().as_bytes())
            .into_owned()
            .filter(|(k, _)| wanted.contains(&k.as_str()))
            .collect(),
    )
}

/// Reads at most `max` bytes; a larger body is drained up to [`DRAIN_LIMIT`] and refused.
async fn read_limited<B: RequestBody>(mut body: B, max: usize) -> Result<Vec<u8>, Failed> {
    let too_large = Failed::Knock(TOO_LARGE);
    let mut out = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|_| Failed::Knock("signal body broken"))?;
        if let Ok(data) = frame.into_data() {
            seen = seen.saturating_add(data.len());
            if seen > DRAIN_LIMIT {
                return Err(too_large);
            }
            if seen <= max {
                out.extend_from_slice(&data);
            }
        }
    }
    if seen > max {
        return Err(too_large);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Checks shared by the routes

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    Return,
    Signal,
}

/// Why a request was not accepted in full.
#[derive(Debug)]
enum Failed {
    /// Refused: it changes nothing (no right state, used up, closed, …).
    Refused(Refusal),
    /// It carries the right, unused state but could not be read, or names another
    /// fingerprint: not accepted, but it triggers a status check ([`Arrival::Unreadable`]).
    Knock(&'static str),
}

impl Failed {
    fn refusal(self) -> Refusal {
        match self {
            Failed::Refused(refusal) => refusal,
            Failed::Knock(reason) => refuse(StatusCode::BAD_REQUEST, reason),
        }
    }
}

impl From<Refusal> for Failed {
    fn from(refusal: Refusal) -> Failed {
        Failed::Refused(refusal)
    }
}

/// What a readable return or signal says: the fingerprint and, maybe, the status (upper
/// case: FK's status in any case is taken).
struct Claim {
    fingerprint: String,
    status: Option<String>,
}

impl Claim {
    /// From the parameters (query and body together). A name given twice with different
    /// values cannot be read (which one would count?); twice the same is the same.
    fn read(pairs: &[(String, String)]) -> Result<Claim, &'static str> {
        let one = |name: &str| -> Result<Option<String>, &'static str> {
            let mut values = pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
            let Some(first) = values.next() else {
                return Ok(None);
            };
            if values.any(|v| v != first) {
                return Err("parameter repeated with another value");
            }
            Ok(Some(first.clone()))
        };
        let fingerprint = one(wire::OUTCOME_FINGERPRINT)?
            .filter(|f| !f.is_empty())
            .ok_or("fingerprint missing")?;
        let status = one(wire::OUTCOME_STATUS)?
            .filter(|s| !s.is_empty())
            .map(valid_status)
            .transpose()?;
        Ok(Claim {
            fingerprint,
            status,
        })
    }
}

/// The listener is open and the slot's state unused; else a refusal that changes nothing.
fn open_and_unused(shared: &Shared, slot: Slot) -> Result<(), Failed> {
    let inner = shared.lock();
    if inner.arrivals.is_none() {
        return Err(refuse(StatusCode::GONE, "closed").into());
    }
    let used = match slot {
        Slot::Return => inner.return_used,
        Slot::Signal => inner.signal_used,
    };
    if used {
        return Err(refuse(StatusCode::FORBIDDEN, "state used").into());
    }
    Ok(())
}

/// Uses up the slot's state and hands the arrival to [`super::Waiting::next`], if the listener
/// is still open, the state unused and the fingerprint the expected one (another fingerprint
/// is a knock: the status API decides). All under one lock.
fn accept(shared: &Shared, slot: Slot, claim: Claim) -> Result<(), Failed> {
    let mut inner = shared.lock();
    let Some(sender) = inner.arrivals.clone() else {
        return Err(refuse(StatusCode::GONE, "closed").into());
    };
    let used = match slot {
        Slot::Return => inner.return_used,
        Slot::Signal => inner.signal_used,
    };
    if used {
        return Err(refuse(StatusCode::FORBIDDEN, "state used").into());
    }
    if inner.expected.as_deref() != Some(claim.fingerprint.as_str()) {
        return Err(Failed::Knock("fingerprint not expected"));
    }
    let arrival = match slot {
        Slot::Return => {
            inner.return_used = true;
            Arrival::Returned {
                fingerprint: claim.fingerprint,
                status: claim.status,
            }
        }
        Slot::Signal => {
            inner.signal_used = true;
            Arrival::Signalled {
                fingerprint: claim.fingerprint,
                status: claim.status,
            }
        }
    };
    // The receiver is gone only when the `Waiting` is, and then the listener is closing.
    let _ = sender.send(arrival);
    Ok(())
}

/// A request with the right state that could not be used as it is: hand an
/// [`Arrival::Unreadable`] on (at most one per [`KNOCK_GAP`] and route), so the app asks the
/// status API. The state stays unused.
fn knock(shared: &Shared, slot: Slot, reason: &'static str) {
    tracing::info!(reason, route = ?slot, "listener: unreadable, asking for a status check");
    let mut inner = shared.lock();
    let now = std::time::Instant::now();
    let last = match slot {
        Slot::Return => &mut inner.last_knock[0],
        Slot::Signal => &mut inner.last_knock[1],
    };
    if last.is_some_and(|at| now.duration_since(at) < KNOCK_GAP) {
        return;
    }
    *last = Some(now);
    if let Some(sender) = inner.arrivals.clone() {
        let _ = sender.send(Arrival::Unreadable {
            returned: slot == Slot::Return,
        });
    }
}

/// FK's statuses are short words (`RECEIVED`, `cancelled`, …): 1–32 letters, digits or `_`,
/// in any case; taken in upper case.
fn valid_status(status: String) -> Result<String, &'static str> {
    let ok = (1..=32).contains(&status.len())
        && status
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if ok {
        Ok(status.to_ascii_uppercase())
    } else {
        Err("status malformed")
    }
}

/// The header's value when it occurs exactly once and is visible ASCII.
fn single<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    let mut values = headers.get_all(name).iter();
    match (values.next(), values.next()) {
        (Some(value), None) => value.to_str().ok(),
        _ => None,
    }
}

/// A query or form parameter: name and value.
type Pair = (String, String);

/// The query's parameters. FK may append its own (even its own `state`, or with a second
/// `?` where `&` belonged): every `state` is compared with ours, a `?` inside the query
/// separates like `&`.
struct Query {
    states: Vec<String>,
    others: Vec<(String, String)>,
}

impl Query {
    fn parse(uri: &Uri) -> Query {
        let raw = uri.query().unwrap_or("").replace('?', "&");
        let (states, others): (Vec<Pair>, Vec<Pair>) = url::form_urlencoded::parse(raw.as_bytes())
            .into_owned()
            .partition(|(k, _)| k == "state");
        Query {
            states: states.into_iter().map(|(_, v)| v).collect(),
            others,
        }
    }

    /// Ours is among the `state`s (each compared in constant time).
    fn check_state(&self, real: &str) -> Result<(), Failed> {
        if self.states.is_empty() {
            return Err(refuse(StatusCode::BAD_REQUEST, "state missing").into());
        }
        let mut found = false;
        for presented in &self.states {
            found |= same_state(presented, real);
        }
        if found {
            Ok(())
        } else {
            Err(refuse(StatusCode::FORBIDDEN, "wrong state").into())
        }
    }

    fn others(&self) -> &[(String, String)] {
        &self.others
    }
}

// ---------------------------------------------------------------------------------------------
// Answers

fn empty(status: StatusCode) -> Response<Body> {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = status;
    common_headers(response.headers_mut());
    response
}

fn common_headers(headers: &mut HeaderMap) {
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

fn allow_origin(headers: &mut HeaderMap, shared: &Shared) {
    if let Ok(origin) = HeaderValue::from_str(&shared.origin) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
    headers.insert(header::VARY, HeaderValue::from_static("Origin"));
}

/// A short Swedish text answer; with `shared`, it carries ACAO for the allowed origin.
fn refused_plain(refusal: Refusal, cors: Option<&Shared>) -> Response<Body> {
    let text = match refusal.status {
        StatusCode::NOT_FOUND => Key::ListenerNotFound,
        StatusCode::GONE => Key::ListenerGone,
        StatusCode::MISDIRECTED_REQUEST => Key::ListenerWrongHost,
        StatusCode::PAYLOAD_TOO_LARGE => Key::ListenerTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => Key::ListenerWrongType,
        StatusCode::BAD_REQUEST => Key::ListenerBadRequest,
        _ => Key::ListenerRefused,
    };
    let mut response = Response::new(Body::from(swedish(text)));
    *response.status_mut() = refusal.status;
    let headers = response.headers_mut();
    common_headers(headers);
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    if let Some(shared) = cors {
        allow_origin(headers, shared);
    }
    response
}

/// A catalogue text in Swedish: the browser's page has no language of the app's to follow.
fn swedish(key: Key) -> String {
    Message::new(key).render(Locale::Sv)
}

/// `text` with `&`, `<`, `>` and `"` escaped for HTML.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A small Swedish page without script or external resources; the texts are the catalogue's,
/// escaped.
fn page(status: StatusCode, title: Key, heading: Key, text: Key) -> Response<Body> {
    let (title, heading, text) = (
        escaped(&swedish(title)),
        escaped(&swedish(heading)),
        escaped(&swedish(text)),
    );
    let html = format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – Timbok</title><style>{STYLE}</style></head>\
         <body><h1>{heading}</h1><p>{text}</p></body></html>"
    );
    let mut response = Response::new(Body::from(html));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    common_headers(headers);
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    response
}
