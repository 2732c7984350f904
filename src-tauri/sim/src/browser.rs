//! A headless stand-in for a person's browser on the simulator's E-RÄK signing page, for
//! `timbok-cli demo-invoice` and tests: [`complete_signing`] does over plain HTTP/1.1 what a
//! browser does when the person opens the sign link and presses a button.
//!
//! 1. `GET` the sign page (`{erak}/sign?fingerprint=…`); it must answer `200` with the form.
//! 2. Press the button: read the form's `action` from the page, `POST` it with
//!    `Content-Type: application/x-www-form-urlencoded`, `action=sign|cancel` and the page's
//!    `Origin`, as a browser submits a form. The answer must be `200`; from it the browser takes
//!    what the answer page's script would use: `X-Erak-Redirect` (the return link with
//!    `fingerprint` and `status` added), `X-Erak-Signal-Url` (absent: no signal) and
//!    `X-Erak-Signal-Body` (the JSON the script sends), see [`crate::erak`].
//! 3. The script's `fetch(signalUrl, {method: "POST", mode: "cors", headers: {"Content-Type":
//!    "application/json"}})`, with the CORS rules of the Fetch standard: first a preflight,
//!    `OPTIONS signalUrl` with `Origin` (the page's origin), `Access-Control-Request-Method:
//!    POST` and `Access-Control-Request-Headers: content-type`. It allows the request when its
//!    status is 2xx, `Access-Control-Allow-Origin` is exactly the page's origin or `*` (the
//!    request carries no credentials), and `Access-Control-Allow-Headers` names `content-type`
//!    (or `*`). `POST` is a CORS-safelisted method, so, as in a browser,
//!    `Access-Control-Allow-Methods` is not required to name it. Only then is the JSON POSTed,
//!    with `Origin` and `Content-Type: application/json`; the page could read the answer only
//!    if it carries the same `Access-Control-Allow-Origin` ([`BrowserRun::signal_readable`]).
//!    With [`PageOptions`] (the simulator page's options) the script signals as a form,
//!    `text/plain` or a `GET` with the fields in the query instead: "simple" requests that the
//!    Fetch standard sends without a preflight, so none is sent; the answer must still carry
//!    `Access-Control-Allow-Origin` to be readable.
//! 4. Whatever happened to the signal (the script catches every failure), the browser goes to
//!    the return link: a plain `GET` with the usual `Host` and no `Origin`.
//!
//! Only failures before the signal (a URL it cannot open, no answer, a status other than
//! `200`, a page without the button, an answer without the headers) are errors; what happens
//! to the signal and the return link is reported in [`BrowserRun`], with connection failures
//! in [`BrowserRun::failures`]. Redirects are not followed, cookies not kept, only `http://`
//! is spoken (E-RÄK in the simulator and the app's loopback listener are plain HTTP). Each
//! request uses its own connection and must finish within 10 s.
//!
//! It does not use `timbok-core`: it plays the other side of the app's listener.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::header::{HeaderMap, HeaderValue};
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use url::{Position, Url};

pub use crate::erak::SignalShape;

/// Each request, from connecting to the last byte of the answer.
const TIMEOUT: Duration = Duration::from_secs(10);
const USER_AGENT: &str = concat!("timbok-sim-browser/", env!("CARGO_PKG_VERSION"));

/// The button pressed on the signing page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// "Skriv under".
    Sign,
    /// "Avbryt".
    Cancel,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Sign => "sign",
            Action::Cancel => "cancel",
        }
    }
}

/// Options for the signing page (the simulator's, not FK's; see [`crate::erak`]): how its
/// script signals, what it appends to the links, the status in lower case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageOptions {
    pub signal: SignalShape,
    /// A raw query FK's page appends to both links (`state=fk&foo=bar`).
    pub append: Option<String>,
    /// A fragment on both links (never sent to a server).
    pub fragment: Option<String>,
    pub lowercase_status: bool,
}

impl PageOptions {
    /// The form fields that ask the page for these options.
    fn form_fields(&self) -> String {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        form.append_pair("signal", self.signal.as_str());
        if let Some(append) = &self.append {
            form.append_pair("append", append);
        }
        if let Some(fragment) = &self.fragment {
            form.append_pair("fragment", fragment);
        }
        if self.lowercase_status {
            form.append_pair("lowercase", "1");
        }
        form.finish()
    }
}

/// Whether the Fetch standard lets a page send this without a CORS preflight (a safelisted
/// method and, if any, a safelisted content type).
fn is_simple(method: &str, content_type: Option<&str>) -> bool {
    let method_ok = matches!(method, "GET" | "HEAD" | "POST");
    let type_ok = content_type.is_none_or(|t| {
        let essence = t
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        matches!(
            essence.as_str(),
            "application/x-www-form-urlencoded" | "multipart/form-data" | "text/plain"
        )
    });
    method_ok && type_ok
}

/// What the stand-in browser did and saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserRun {
    /// From the signal body E-RÄK gave the page.
    pub fingerprint: String,
    /// E-RÄK's status after the button (`RECEIVED`, `CANCELLED`).
    pub status: String,
    /// Where the page sent the browser: the return link with `fingerprint` and `status`.
    pub return_url: String,
    /// Where the page's script sends the signal; `None` when the invoice has no `signalUrl`.
    pub signal_url: Option<String>,
    /// The preflight's status; `None` when there was no signal URL, no answer, or the signal
    /// needed none (a simple request: form, text, GET).
    pub preflight_status: Option<u16>,
    /// Whether the signal could be sent: the preflight allowed it, or none was needed.
    pub preflight_allowed: bool,
    /// The signal's status; `None` when it was not sent (not allowed) or got no answer.
    pub signal_status: Option<u16>,
    /// Whether the POST's answer carried `Access-Control-Allow-Origin` for the page's origin,
    /// so that the script could read it.
    pub signal_readable: bool,
    /// The return link's status; `None` when it got no answer.
    pub return_status: Option<u16>,
    /// The page the browser ends on (the return link's answer), as received.
    pub page: String,
    /// What went wrong on the way, in order (CORS refusals, connection failures).
    pub failures: Vec<String>,
}

/// Why the browser could not get as far as the signal.
#[derive(Debug, thiserror::Error)]
pub enum BrowserError {
    #[error("the stand-in browser cannot open {url}: {reason}")]
    Url { url: String, reason: String },
    #[error("{what}: no answer: {reason}")]
    Connection { what: &'static str, reason: String },
    #[error("{what} answered {status}: {body}")]
    Status {
        what: &'static str,
        status: u16,
        body: String,
    },
    #[error("the signing page has no {0} button (the invoice may be finished already)")]
    NoButton(&'static str),
    #[error("the answer to the button lacks {0}")]
    Answer(&'static str),
}

/// Opens `sign_url` and presses `action`'s button, then signals and returns as the page's
/// script does; see the module doc.
pub async fn complete_signing(sign_url: &str, action: Action) -> Result<BrowserRun, BrowserError> {
    complete_signing_with(sign_url, action, &PageOptions::default()).await
}

/// [`complete_signing`] with the signing page's simulator options.
pub async fn complete_signing_with(
    sign_url: &str,
    action: Action,
    options: &PageOptions,
) -> Result<BrowserRun, BrowserError> {
    let sign_url = Url::parse(sign_url).map_err(|e| BrowserError::Url {
        url: sign_url.to_string(),
        reason: e.to_string(),
    })?;
    let page = fetch(
        Method::GET,
        &sign_url,
        &[("accept", "text/html")],
        Vec::new(),
    )
    .await
    .map_err(|reason| BrowserError::Connection {
        what: "the signing page",
        reason,
    })?;
    expect_ok("the signing page", &page)?;
    let (form_action, has_button) = form(&page.body, action);
    let form_action = form_action.ok_or(BrowserError::NoButton(action.as_str()))?;
    if !has_button {
        return Err(BrowserError::NoButton(action.as_str()));
    }
    let complete_url = sign_url.join(&form_action).map_err(|e| BrowserError::Url {
        url: form_action.clone(),
        reason: e.to_string(),
    })?;
    let sign_origin = sign_url.origin().ascii_serialization();
    let answer = fetch(
        Method::POST,
        &complete_url,
        &[
            ("accept", "text/html"),
            ("content-type", "application/x-www-form-urlencoded"),
            ("origin", &sign_origin),
        ],
        format!("action={}&{}", action.as_str(), options.form_fields()).into_bytes(),
    )
    .await
    .map_err(|reason| BrowserError::Connection {
        what: "the button",
        reason,
    })?;
    expect_ok("the button", &answer)?;
    let return_url = header(&answer.headers, "x-erak-redirect")
        .ok_or(BrowserError::Answer("X-Erak-Redirect"))?;
    let signal_url = header(&answer.headers, "x-erak-signal-url");
    let signal_body = header(&answer.headers, "x-erak-signal-body")
        .ok_or(BrowserError::Answer("X-Erak-Signal-Body"))?;
    let sending = Sending {
        method: header(&answer.headers, "x-erak-signal-method").unwrap_or_else(|| "POST".into()),
        content_type: header(&answer.headers, "x-erak-signal-content-type"),
        payload: header(&answer.headers, "x-erak-signal-payload")
            .unwrap_or_else(|| signal_body.clone()),
    };
    let signal: serde_json::Value = serde_json::from_str(&signal_body)
        .map_err(|_| BrowserError::Answer("a JSON X-Erak-Signal-Body"))?;
    let text = |name: &str| {
        signal
            .get(name)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let (Some(fingerprint), Some(status)) = (text("fingerprint"), text("status")) else {
        return Err(BrowserError::Answer(
            "fingerprint and status in X-Erak-Signal-Body",
        ));
    };

    let mut run = BrowserRun {
        fingerprint,
        status,
        return_url: return_url.clone(),
        signal_url: signal_url.clone(),
        preflight_status: None,
        preflight_allowed: false,
        signal_status: None,
        signal_readable: false,
        return_status: None,
        page: String::new(),
        failures: Vec::new(),
    };
    // The answer page is at `complete_url`: its origin sends the signal.
    let page_origin = complete_url.origin().ascii_serialization();
    if let Some(signal_url) = signal_url {
        send_signal(&mut run, &complete_url, &signal_url, &page_origin, &sending).await;
    }
    match complete_url.join(&return_url) {
        Ok(url) => match fetch(Method::GET, &url, &[("accept", "text/html")], Vec::new()).await {
            Ok(back) => {
                run.return_status = Some(back.status);
                run.page = back.body;
            }
            Err(reason) => run.failures.push(format!("the return link: {reason}")),
        },
        Err(e) => run
            .failures
            .push(format!("the return link is not a URL: {e}")),
    }
    Ok(run)
}

/// What the page's script sends as the signal.
struct Sending {
    method: String,
    content_type: Option<String>,
    payload: String,
}

/// The page script's `fetch`: a preflight unless the request is simple, then the signal if
/// allowed.
async fn send_signal(
    run: &mut BrowserRun,
    base: &Url,
    signal_url: &str,
    origin: &str,
    sending: &Sending,
) {
    let url = match base.join(signal_url) {
        Ok(url) => url,
        Err(e) => {
            run.failures
                .push(format!("the signal URL is not a URL: {e}"));
            return;
        }
    };
    let simple = is_simple(&sending.method, sending.content_type.as_deref());
    if simple {
        run.preflight_allowed = true;
    } else {
        let preflight = match fetch(
            Method::OPTIONS,
            &url,
            &[
                ("accept", "*/*"),
                ("origin", origin),
                ("access-control-request-method", &sending.method),
                ("access-control-request-headers", "content-type"),
            ],
            Vec::new(),
        )
        .await
        {
            Ok(preflight) => preflight,
            Err(reason) => {
                run.failures.push(format!("the preflight: {reason}"));
                return;
            }
        };
        run.preflight_status = Some(preflight.status);
        run.preflight_allowed = preflight_allows(preflight.status, &preflight.headers, origin);
        if !run.preflight_allowed {
            run.failures.push(format!(
                "CORS: the preflight ({}) does not allow a POST with content-type from {origin}",
                preflight.status
            ));
            return;
        }
    }
    let method = if sending.method == "GET" {
        Method::GET
    } else {
        Method::POST
    };
    let mut headers = vec![("accept", "*/*"), ("origin", origin)];
    if let Some(content_type) = &sending.content_type {
        headers.push(("content-type", content_type.as_str()));
    }
    match fetch(method, &url, &headers, sending.payload.as_bytes().to_vec()).await {
        Ok(answer) => {
            run.signal_status = Some(answer.status);
            run.signal_readable = origin_allowed(&answer.headers, origin);
            if !run.signal_readable {
                run.failures.push(format!(
                    "CORS: the signal's answer ({}) is not readable from {origin}",
                    answer.status
                ));
            }
        }
        Err(reason) => run.failures.push(format!("the signal: {reason}")),
    }
}

/// The Fetch standard's CORS-preflight check for a POST with `Content-Type: application/json`
/// and no credentials.
fn preflight_allows(status: u16, headers: &HeaderMap, origin: &str) -> bool {
    if !(200..300).contains(&status) || !origin_allowed(headers, origin) {
        return false;
    }
    let mut allowed = headers.get_all("access-control-allow-headers").iter();
    allowed.any(|value| {
        value.to_str().is_ok_and(|v| {
            v.split(',')
                .map(str::trim)
                .any(|name| name == "*" || name.eq_ignore_ascii_case("content-type"))
        })
    })
}

/// Exactly one `Access-Control-Allow-Origin`, and it is the origin or `*`.
fn origin_allowed(headers: &HeaderMap, origin: &str) -> bool {
    let mut values = headers.get_all("access-control-allow-origin").iter();
    match (values.next(), values.next()) {
        (Some(value), None) => value == "*" || value.as_bytes() == origin.as_bytes(),
        _ => false,
    }
}

/// The form's `action` (unescaped) and whether it has the button for `action`.
fn form(html: &str, action: Action) -> (Option<String>, bool) {
    let Some(start) = html.find("<form") else {
        return (None, false);
    };
    let form = &html[start..];
    let form = &form[..form.find("</form>").unwrap_or(form.len())];
    let tag = &form[..form.find('>').unwrap_or(form.len())];
    let target = attribute(tag, "action").map(|a| unescape(&a));
    let button = format!("name=\"action\" value=\"{}\"", action.as_str());
    (target, form.contains(&button))
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v: &HeaderValue| v.to_str().ok())
        .map(str::to_string)
}

fn expect_ok(what: &'static str, page: &Fetched) -> Result<(), BrowserError> {
    if page.status == 200 {
        return Ok(());
    }
    Err(BrowserError::Status {
        what,
        status: page.status,
        body: page.body.chars().take(500).collect(),
    })
}

struct Fetched {
    status: u16,
    headers: HeaderMap,
    body: String,
}

/// One request on its own connection, with the `Host` a browser sends for `url`.
async fn fetch(
    method: Method,
    url: &Url,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Result<Fetched, String> {
    if url.scheme() != "http" {
        return Err(format!("only http:// is spoken, not {}://", url.scheme()));
    }
    let host = url.host_str().ok_or("the URL names no host")?;
    let port = url.port_or_known_default().unwrap_or(80);
    let authority = &url[Position::BeforeHost..Position::AfterPort];
    let target = &url[Position::BeforePath..Position::AfterQuery];
    let mut request = Request::builder()
        .method(method)
        .uri(target)
        .header("host", authority)
        .header("user-agent", USER_AGENT);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(Full::new(Bytes::from(body)))
        .map_err(|e| e.to_string())?;
    let exchange = async {
        let stream = TcpStream::connect(format!("{host}:{port}"))
            .await
            .map_err(|e| e.to_string())?;
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| e.to_string())?;
        let connection = tokio::spawn(connection);
        let response = sender
            .send_request(request)
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        connection.abort();
        Ok(Fetched {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    };
    tokio::time::timeout(TIMEOUT, exchange)
        .await
        .map_err(|_| format!("no answer within {} s", TIMEOUT.as_secs()))?
}

#[cfg(test)]
mod tests {
    //! Against the simulator's own E-RÄK and a small stand-in for the app's listener that
    //! answers every preflight with the origin it is told to allow (so that it is the
    //! browser's own CORS check that is tested) and records what reached it.

    use std::sync::{Arc, Mutex};

    use axum::body::Body;
    use axum::http::{Request as AxumRequest, StatusCode};
    use axum::response::{Html, IntoResponse, Response};
    use chrono::Datelike;
    use serde_json::{json, Value};

    use super::*;
    use crate::{ErakStatus, RunningSimulator, SimConfig, Simulator};

    #[derive(Debug, Clone)]
    struct Seen {
        method: String,
        path: String,
        query: String,
        host: String,
        origin: Option<String>,
        content_type: Option<String>,
        body: String,
    }

    struct App {
        base: String,
        seen: Arc<Mutex<Vec<Seen>>>,
    }

    impl App {
        fn seen(&self) -> Vec<Seen> {
            self.seen.lock().unwrap().clone()
        }
    }

    async fn app(allowed_origin: &str) -> App {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let allowed = allowed_origin.to_string();
        let router = axum::Router::new().fallback(move |request: AxumRequest<Body>| {
            let (log, allowed) = (log.clone(), allowed.clone());
            async move { answer(request, &log, &allowed).await }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        App { base, seen }
    }

    async fn answer(request: AxumRequest<Body>, log: &Mutex<Vec<Seen>>, allowed: &str) -> Response {
        let (parts, body) = request.into_parts();
        let body = axum::body::to_bytes(body, 64 * 1024).await.unwrap();
        let text = |name: &str| {
            parts
                .headers
                .get(name)
                .map(|v| v.to_str().unwrap().to_string())
        };
        log.lock().unwrap().push(Seen {
            method: parts.method.to_string(),
            path: parts.uri.path().to_string(),
            query: parts.uri.query().unwrap_or("").to_string(),
            host: text("host").unwrap_or_default(),
            origin: text("origin"),
            content_type: text("content-type"),
            body: String::from_utf8(body.to_vec()).unwrap(),
        });
        let acao = ("access-control-allow-origin", allowed.to_string());
        match (parts.method.as_str(), parts.uri.path()) {
            ("OPTIONS", "/signal") => (
                StatusCode::NO_CONTENT,
                [
                    acao,
                    ("access-control-allow-headers", "Content-Type".to_string()),
                ],
            )
                .into_response(),
            ("POST", "/signal") => (StatusCode::NO_CONTENT, [acao]).into_response(),
            ("GET", "/return") => Html("<p>Klart (testlyssnare)</p>").into_response(),
            _ => StatusCode::NOT_FOUND.into_response(),
        }
    }

    async fn sim() -> (RunningSimulator, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let sim = Simulator::start(SimConfig::new(dir.path())).await.unwrap();
        (sim, dir)
    }

    /// A minimal scenario A invoice for last month.
    fn create_body(return_url: &str, signal_url: Option<&str>) -> Value {
        let today = chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Stockholm)
            .date_naive();
        let last = today.with_day(1).unwrap().pred_opt().unwrap();
        json!({
            "supplier": { "name": "Timbok", "id": "timbok-test" },
            "returnUrl": return_url,
            "signalUrl": signal_url,
            "invoice": {
                "scenario": "A", "year": last.year(), "month": last.month(),
                "person": { "personnummer": "201605129988", "firstName": "Alva", "lastName": "Ek" },
                "totals": { "activeMinutes": 600, "waitingMinutes": 0, "standbyMinutes": 0 },
                "answers": {
                    "lssActivity": { "answer": false },
                    "hospitalStay": { "answer": false },
                    "outsideEea": { "answer": false },
                    "previousPayment": { "answer": true }
                },
                "signer": { "role": "self" },
                "phone": "070-123 45 67"
            }
        })
    }

    /// Creates the invoice; the sign link.
    async fn create(sim: &RunningSimulator, body: &Value) -> (String, String) {
        let url = Url::parse(&format!("{}/public/v1/create", sim.erak_url())).unwrap();
        let answer = fetch(
            Method::POST,
            &url,
            &[
                ("content-type", "application/json"),
                (sim.erak_key_header(), sim.erak_key()),
            ],
            body.to_string().into_bytes(),
        )
        .await
        .unwrap();
        assert_eq!(answer.status, 200, "{}", answer.body);
        let fingerprint = serde_json::from_str::<Value>(&answer.body).unwrap()["fingerprint"]
            .as_str()
            .unwrap()
            .to_string();
        let sign = format!("{}/sign?fingerprint={fingerprint}", sim.erak_url());
        (fingerprint, sign)
    }

    fn query(seen: &Seen) -> Vec<(String, String)> {
        url::form_urlencoded::parse(seen.query.as_bytes())
            .into_owned()
            .collect()
    }

    #[tokio::test]
    async fn signs_preflights_signals_and_returns_like_a_browser() {
        let (sim, _dir) = sim().await;
        let app = app(sim.erak_url()).await;
        let return_url = format!("{}/return?state=s1", app.base);
        let signal_url = format!("{}/signal?state=s2", app.base);
        let (fingerprint, sign) = create(&sim, &create_body(&return_url, Some(&signal_url))).await;

        let run = complete_signing(&sign, Action::Sign).await.unwrap();
        assert_eq!(run.fingerprint, fingerprint);
        assert_eq!(run.status, "RECEIVED");
        assert_eq!(run.signal_url.as_deref(), Some(signal_url.as_str()));
        assert_eq!(run.preflight_status, Some(204));
        assert!(run.preflight_allowed);
        assert_eq!(run.signal_status, Some(204));
        assert!(run.signal_readable);
        assert_eq!(run.return_status, Some(200));
        assert!(run.page.contains("Klart (testlyssnare)"));
        assert!(run.failures.is_empty(), "{:?}", run.failures);
        assert_eq!(sim.erak_status(&fingerprint), Some(ErakStatus::Received));

        let seen = app.seen();
        let host = app.base.trim_start_matches("http://");
        let steps: Vec<_> = seen
            .iter()
            .map(|s| (s.method.as_str(), s.path.as_str()))
            .collect();
        assert_eq!(
            steps,
            [
                ("OPTIONS", "/signal"),
                ("POST", "/signal"),
                ("GET", "/return")
            ]
        );
        let (preflight, signal, back) = (&seen[0], &seen[1], &seen[2]);
        for s in &seen {
            assert_eq!(s.host, host);
        }
        assert_eq!(preflight.origin.as_deref(), Some(sim.erak_url()));
        assert_eq!(preflight.query, "state=s2");
        assert!(preflight.body.is_empty());
        assert_eq!(signal.origin.as_deref(), Some(sim.erak_url()));
        assert_eq!(signal.content_type.as_deref(), Some("application/json"));
        assert_eq!(signal.query, "state=s2");
        assert_eq!(
            serde_json::from_str::<Value>(&signal.body).unwrap(),
            json!({ "fingerprint": fingerprint, "status": "RECEIVED" })
        );
        assert_eq!(back.origin, None);
        assert_eq!(
            query(back),
            [
                ("state".to_string(), "s1".to_string()),
                ("fingerprint".to_string(), fingerprint.clone()),
                ("status".to_string(), "RECEIVED".to_string()),
            ]
        );
        assert_eq!(
            run.return_url,
            format!("{return_url}&fingerprint={fingerprint}&status=RECEIVED")
        );

        // The invoice is finished: the page has no button any more.
        let again = complete_signing(&sign, Action::Sign).await.unwrap_err();
        assert!(matches!(again, BrowserError::NoButton("sign")), "{again}");
        assert_eq!(app.seen().len(), 3);
    }

    #[tokio::test]
    async fn no_signal_when_the_preflight_allows_another_origin_but_still_returns() {
        let (sim, _dir) = sim().await;
        let app = app("http://127.0.0.1:1").await;
        let return_url = format!("{}/return?state=s1", app.base);
        let signal_url = format!("{}/signal?state=s2", app.base);
        let (_, sign) = create(&sim, &create_body(&return_url, Some(&signal_url))).await;

        let run = complete_signing(&sign, Action::Sign).await.unwrap();
        assert_eq!(run.preflight_status, Some(204));
        assert!(!run.preflight_allowed);
        assert_eq!(run.signal_status, None);
        assert!(!run.signal_readable);
        assert_eq!(run.return_status, Some(200));
        assert_eq!(run.failures.len(), 1, "{:?}", run.failures);
        assert!(run.failures[0].starts_with("CORS"));
        let methods: Vec<_> = app.seen().iter().map(|s| s.method.clone()).collect();
        assert_eq!(methods, ["OPTIONS", "GET"]);
    }

    #[tokio::test]
    async fn cancels_and_without_a_signal_url_only_returns() {
        let (sim, _dir) = sim().await;
        let app = app(sim.erak_url()).await;
        let return_url = format!("{}/return?state=s1", app.base);
        let (fingerprint, sign) = create(&sim, &create_body(&return_url, None)).await;

        let run = complete_signing(&sign, Action::Cancel).await.unwrap();
        assert_eq!(run.status, "CANCELLED");
        assert_eq!(run.signal_url, None);
        assert_eq!(run.preflight_status, None);
        assert_eq!(run.signal_status, None);
        assert_eq!(run.return_status, Some(200));
        assert_eq!(sim.erak_status(&fingerprint), Some(ErakStatus::Cancelled));
        let seen = app.seen();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].method, "GET");
        assert!(query(&seen[0]).contains(&("status".to_string(), "CANCELLED".to_string())));
    }

    #[tokio::test]
    async fn a_listener_that_is_gone_is_reported_not_an_error() {
        let (sim, _dir) = sim().await;
        // A port nobody listens on (bound, then released).
        let gone = {
            let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            l.local_addr().unwrap()
        };
        let return_url = format!("http://{gone}/return?state=s1");
        let signal_url = format!("http://{gone}/signal?state=s2");
        let (_, sign) = create(&sim, &create_body(&return_url, Some(&signal_url))).await;
        let run = complete_signing(&sign, Action::Sign).await.unwrap();
        assert_eq!(run.status, "RECEIVED");
        assert_eq!(run.preflight_status, None);
        assert_eq!(run.return_status, None);
        assert_eq!(run.failures.len(), 2, "{:?}", run.failures);
    }

    #[tokio::test]
    async fn urls_it_cannot_open_are_errors() {
        let (sim, _dir) = sim().await;
        assert!(matches!(
            complete_signing("not a url", Action::Sign).await,
            Err(BrowserError::Url { .. })
        ));
        assert!(matches!(
            complete_signing("https://127.0.0.1:1/sign?fingerprint=x", Action::Sign).await,
            Err(BrowserError::Connection { .. })
        ));
        let unknown = format!("{}/sign?fingerprint=nope", sim.erak_url());
        assert!(matches!(
            complete_signing(&unknown, Action::Sign).await,
            Err(BrowserError::Status { status: 404, .. })
        ));
    }

    #[test]
    fn the_preflight_check_follows_the_fetch_standard() {
        let origin = "http://127.0.0.1:4711";
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (n, v) in pairs {
                map.append(*n, HeaderValue::from_static(v));
            }
            map
        };
        let ok = headers(&[
            ("access-control-allow-origin", "http://127.0.0.1:4711"),
            ("access-control-allow-headers", "x-a, Content-Type"),
        ]);
        assert!(preflight_allows(204, &ok, origin));
        assert!(preflight_allows(200, &ok, origin));
        assert!(!preflight_allows(403, &ok, origin));
        assert!(!preflight_allows(301, &ok, origin));
        let star = headers(&[
            ("access-control-allow-origin", "*"),
            ("access-control-allow-headers", "*"),
        ]);
        assert!(preflight_allows(204, &star, origin));
        for bad in [
            headers(&[("access-control-allow-headers", "content-type")]),
            headers(&[
                ("access-control-allow-origin", "http://127.0.0.1:4711/"),
                ("access-control-allow-headers", "content-type"),
            ]),
            headers(&[
                ("access-control-allow-origin", "http://127.0.0.1:4711"),
                ("access-control-allow-origin", "http://127.0.0.1:4711"),
                ("access-control-allow-headers", "content-type"),
            ]),
            headers(&[("access-control-allow-origin", "http://127.0.0.1:4711")]),
            headers(&[
                ("access-control-allow-origin", "http://127.0.0.1:4711"),
                ("access-control-allow-headers", "content-length"),
            ]),
        ] {
            assert!(!preflight_allows(204, &bad, origin), "{bad:?}");
        }
    }

    #[test]
    fn the_form_and_its_buttons_are_read_from_the_page() {
        let html = "<p>x</p><form method=\"post\" action=\"/sign/a&amp;b/complete\"><button \
                    class=\"primary\" type=\"submit\" name=\"action\" value=\"sign\">Skriv under</button></form>";
        assert_eq!(
            form(html, Action::Sign),
            (Some("/sign/a&b/complete".to_string()), true)
        );
        assert_eq!(
            form(html, Action::Cancel),
            (Some("/sign/a&b/complete".to_string()), false)
        );
        assert_eq!(
            form("<p>Räkningen har status RECEIVED.</p>", Action::Sign),
            (None, false)
        );
    }
}
