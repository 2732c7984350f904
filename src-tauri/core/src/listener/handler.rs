//! Answers one request to the listener: the `Host` check, the three routes, the states, CORS,
//! the body limit, and the pages. The rules are listed in the module doc of `listener`.
//!
//! The signal body (the one wire format here, written by FK's page): a JSON object (not an
//! array) with the string fields `fingerprint` and `status`; other fields are ignored.

use std::pin::Pin;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, Response, StatusCode, Uri};
use hyper::body::{Body as _, Incoming};
use serde::Deserialize;

use super::{same_state, Arrival, Shared};

/// A signal body larger than `max_body` is still read (and dropped) up to this size, so that
/// the client is not reset before it reads the `413`; a larger one is answered at once.
const DRAIN_LIMIT: usize = 256 * 1024;

const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; \
                   form-action 'none'; frame-ancestors 'none'";

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;\
                     max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1b1e23;line-height:1.5}\
                     h1{font-size:1.5rem}";

/// The signal body as FK's page sends it.
#[derive(Deserialize)]
struct SignalBody {
    fingerprint: String,
    status: String,
}

/// A request refused: the status and a short reason for the log (never request data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Refusal {
    status: StatusCode,
    reason: &'static str,
}

const fn refuse(status: StatusCode, reason: &'static str) -> Refusal {
    Refusal { status, reason }
}

pub(super) async fn handle(request: Request<Incoming>, shared: &Shared) -> Response<Body> {
    if let Err(refusal) = check_host(&request, shared) {
        return refused_plain(refusal, None);
    }
    match (request.uri().path(), request.method()) {
        ("/return", &Method::GET) => return_link(request.uri(), shared),
        ("/signal", &Method::OPTIONS) => preflight(&request, shared),
        ("/signal", &Method::POST) => signal(request, shared).await,
        _ => refused_plain(refuse(StatusCode::NOT_FOUND, "no such route"), None),
    }
}

/// Against DNS rebinding: the browser must have asked for `127.0.0.1:PORT` by that name.
fn check_host(request: &Request<Incoming>, shared: &Shared) -> Result<(), Refusal> {
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
    let accepted = (|| {
        let query = Query::parse(uri);
        check_state(query.get("state")?, &shared.return_state)?;
        let fingerprint = query
            .get("fingerprint")?
            .ok_or(refuse(StatusCode::BAD_REQUEST, "fingerprint missing"))?;
        let status = query.get("status")?.map(valid_status).transpose()?;
        accept(
            shared,
            Slot::Return,
            &fingerprint,
            Arrival::Returned {
                fingerprint: fingerprint.clone(),
                status,
            },
        )
    })();
    match accepted {
        Ok(()) => {
            tracing::info!("listener: the browser came back on the return link");
            page(
                StatusCode::OK,
                "Klart",
                "Klart – du kan stänga fliken och gå tillbaka till Timbok",
                "Timbok har fått beskedet från Försäkringskassans e-tjänst och visar hur det gick.",
            )
        }
        Err(refusal) => {
            tracing::info!(
                status = refusal.status.as_u16(),
                reason = refusal.reason,
                "listener: return link refused"
            );
            let (title, text) = match refusal.status {
                StatusCode::GONE => (
                    "Timbok väntar inte längre",
                    "Gå tillbaka till Timbok. Där ser du om räkningen kom fram; annars kan du skicka den igen.",
                ),
                StatusCode::BAD_REQUEST => (
                    "Länken är ofullständig",
                    "Gå tillbaka till Timbok och se efter hur det gick med räkningen.",
                ),
                _ => (
                    "Länken gäller inte",
                    "Länken har redan använts eller hör inte till den räkning Timbok väntar på. \
                     Gå tillbaka till Timbok och se efter hur det gick med räkningen.",
                ),
            };
            page(refusal.status, title, title, text)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The signal: preflight and POST

fn preflight(request: &Request<Incoming>, shared: &Shared) -> Response<Body> {
    let headers = request.headers();
    let checked = (|| {
        if !origin_allowed(headers, shared) {
            return Err(refuse(
                StatusCode::FORBIDDEN,
                "preflight from another origin",
            ));
        }
        if single(headers, "access-control-request-method") != Some("POST") {
            return Err(refuse(
                StatusCode::FORBIDDEN,
                "preflight for another method",
            ));
        }
        let only_content_type = headers
            .get_all(header::ACCESS_CONTROL_REQUEST_HEADERS)
            .iter()
            .all(|value| {
                value.to_str().is_ok_and(|v| {
                    v.split(',')
                        .map(str::trim)
                        .filter(|name| !name.is_empty())
                        .all(|name| name.eq_ignore_ascii_case("content-type"))
                })
            });
        if !only_content_type {
            return Err(refuse(StatusCode::FORBIDDEN, "preflight for other headers"));
        }
        let query = Query::parse(request.uri());
        check_state(query.get("state")?, &shared.signal_state)?;
        let inner = shared.lock();
        if inner.arrivals.is_none() {
            return Err(refuse(StatusCode::GONE, "closed"));
        }
        if inner.signal_used {
            return Err(refuse(StatusCode::FORBIDDEN, "state used"));
        }
        Ok(())
    })();
    if let Err(refusal) = checked {
        tracing::info!(
            status = refusal.status.as_u16(),
            reason = refusal.reason,
            "listener: preflight refused"
        );
        return refused_plain(refusal, None);
    }
    let mut response = empty(StatusCode::NO_CONTENT);
    allow_origin(response.headers_mut(), shared);
    let out = response.headers_mut();
    out.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST"),
    );
    out.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type"),
    );
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

async fn signal(request: Request<Incoming>, shared: &Shared) -> Response<Body> {
    if !origin_allowed(request.headers(), shared) {
        let refusal = refuse(StatusCode::FORBIDDEN, "signal from another origin or none");
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
        Err(refusal) => {
            tracing::info!(
                status = refusal.status.as_u16(),
                reason = refusal.reason,
                "listener: signal refused"
            );
            refused_plain(refusal, Some(shared))
        }
    }
}

async fn read_signal(request: Request<Incoming>, shared: &Shared) -> Result<(), Refusal> {
    let query = Query::parse(request.uri());
    check_state(query.get("state")?, &shared.signal_state)?;
    let json = single(request.headers(), "content-type").is_some_and(|v| {
        v.split(';')
            .next()
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
    });
    if !json {
        return Err(refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "signal not application/json",
        ));
    }
    let too_large = refuse(StatusCode::PAYLOAD_TOO_LARGE, "signal body too large");
    let declared = single(request.headers(), "content-length")
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    if declared > DRAIN_LIMIT as u64 {
        return Err(too_large);
    }
    let body = read_limited(request.into_body(), shared.max_body).await?;
    let not_expected = refuse(StatusCode::BAD_REQUEST, "signal body not the expected JSON");
    // An object only: serde would also read the struct from an array.
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&body).map_err(|_| not_expected)?;
    let wire: SignalBody =
        serde_json::from_value(serde_json::Value::Object(object)).map_err(|_| not_expected)?;
    let status = valid_status(wire.status)?;
    accept(
        shared,
        Slot::Signal,
        &wire.fingerprint,
        Arrival::Signalled {
            fingerprint: wire.fingerprint.clone(),
            status,
        },
    )
}

/// Reads at most `max` bytes; a larger body is drained up to [`DRAIN_LIMIT`] and refused.
async fn read_limited(mut body: Incoming, max: usize) -> Result<Vec<u8>, Refusal> {
    let too_large = refuse(StatusCode::PAYLOAD_TOO_LARGE, "signal body too large");
    let mut out = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|_| refuse(StatusCode::BAD_REQUEST, "signal body broken"))?;
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

#[derive(Debug, Clone, Copy)]
enum Slot {
    Return,
    Signal,
}

/// Uses up the slot's state and hands the arrival to [`super::Waiting::next`], if the listener
/// is still open, the state unused and the fingerprint the expected one. All under one lock.
fn accept(shared: &Shared, slot: Slot, fingerprint: &str, arrival: Arrival) -> Result<(), Refusal> {
    let mut inner = shared.lock();
    let Some(sender) = inner.arrivals.clone() else {
        return Err(refuse(StatusCode::GONE, "closed"));
    };
    let used = match slot {
        Slot::Return => inner.return_used,
        Slot::Signal => inner.signal_used,
    };
    if used {
        return Err(refuse(StatusCode::FORBIDDEN, "state used"));
    }
    if inner.expected.as_deref() != Some(fingerprint) {
        return Err(refuse(StatusCode::NOT_FOUND, "fingerprint not expected"));
    }
    match slot {
        Slot::Return => inner.return_used = true,
        Slot::Signal => inner.signal_used = true,
    }
    // The receiver is gone only when the `Waiting` is, and then the listener is closing.
    let _ = sender.send(arrival);
    Ok(())
}

fn check_state(presented: Option<String>, real: &str) -> Result<(), Refusal> {
    match presented {
        None => Err(refuse(StatusCode::BAD_REQUEST, "state missing")),
        Some(state) if same_state(&state, real) => Ok(()),
        Some(_) => Err(refuse(StatusCode::FORBIDDEN, "wrong state")),
    }
}

/// FK's statuses are short upper-case words (`RECEIVED`, `CANCELLED`, …).
fn valid_status(status: String) -> Result<String, Refusal> {
    let ok = (1..=32).contains(&status.len())
        && status
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(status)
    } else {
        Err(refuse(StatusCode::BAD_REQUEST, "status malformed"))
    }
}

fn origin_allowed(headers: &HeaderMap, shared: &Shared) -> bool {
    single(headers, "origin") == Some(shared.origin.as_str())
}

/// The header's value when it occurs exactly once and is visible ASCII.
fn single<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    let mut values = headers.get_all(name).iter();
    match (values.next(), values.next()) {
        (Some(value), None) => value.to_str().ok(),
        _ => None,
    }
}

/// The query's parameters; a name given twice is refused (which one would count?).
struct Query(Vec<(String, String)>);

impl Query {
    fn parse(uri: &Uri) -> Query {
        Query(
            url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    fn get(&self, name: &str) -> Result<Option<String>, Refusal> {
        let mut found = self.0.iter().filter(|(k, _)| k == name);
        match (found.next(), found.next()) {
            (None, _) => Ok(None),
            (Some((_, v)), None) => Ok(Some(v.clone())),
            (Some(_), Some(_)) => Err(refuse(StatusCode::BAD_REQUEST, "parameter repeated")),
        }
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
        StatusCode::NOT_FOUND => "Finns inte.",
        StatusCode::GONE => "Timbok väntar inte längre på det här svaret.",
        StatusCode::MISDIRECTED_REQUEST => "Fel adress.",
        StatusCode::PAYLOAD_TOO_LARGE => "För stort.",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "Fel innehållstyp.",
        StatusCode::BAD_REQUEST => "Ogiltig begäran.",
        _ => "Nekad.",
    };
    let mut response = Response::new(Body::from(text));
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

/// A small Swedish page without script or external resources. The texts are constants.
fn page(status: StatusCode, title: &str, heading: &str, text: &str) -> Response<Body> {
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
