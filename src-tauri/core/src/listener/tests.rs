//! The listener over real TCP on 127.0.0.1, with a small raw HTTP/1.1 client (so that a test
//! can send any `Host`, `Origin` or a request that never ends), and the whole E-RÄK loop with
//! the simulator and its stand-in browser.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::*;

const FK: &str = "http://127.0.0.1:4711";
const DONE: &str = "Klart – du kan stänga fliken och gå tillbaka till Timbok";

fn config() -> ListenerConfig {
    ListenerConfig::new(FK)
}

async fn listen() -> Waiting {
    start(config()).await.expect("listener starts")
}

#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn has_cors(&self) -> bool {
        self.headers
            .iter()
            .any(|(n, _)| n.to_ascii_lowercase().starts_with("access-control-"))
    }
}

/// Writes the bytes, reads the answer to the end (the listener closes every connection).
async fn raw(addr: SocketAddr, request: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).await.expect("connects");
    stream.write_all(request).await.expect("writes");
    let mut buf = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut buf))
        .await
        .expect("answers in time")
        .expect("reads");
    let text = String::from_utf8(buf).expect("UTF-8 answer");
    let (head, body) = text.split_once("\r\n\r\n").expect("a head");
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.trim().to_string(), v.trim().to_string())
        })
        .collect();
    Answer {
        status,
        headers,
        body: body.to_string(),
    }
}

/// A request with exactly these headers (no `Host` unless given) and body.
async fn send(
    w: &Waiting,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let mut request = format!("{method} {target} HTTP/1.1\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("Connection: close\r\n\r\n");
    let mut bytes = request.into_bytes();
    bytes.extend_from_slice(body);
    raw(w.local_addr(), &bytes).await
}

fn host(w: &Waiting) -> String {
    format!("127.0.0.1:{}", w.local_addr().port())
}

/// Path and query of one of the listener's URLs.
fn target(url: &str) -> String {
    let url = url::Url::parse(url).unwrap();
    format!("{}?{}", url.path(), url.query().unwrap_or(""))
}

fn state_of(url: &str) -> String {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned()
}

async fn get(w: &Waiting, target: &str) -> Answer {
    send(w, "GET", target, &[("Host", &host(w))], b"").await
}

async fn preflight(w: &Waiting, target: &str, origin: Option<&str>) -> Answer {
    let host = host(w);
    let mut headers = vec![
        ("Host", host.as_str()),
        ("Access-Control-Request-Method", "POST"),
        ("Access-Control-Request-Headers", "content-type"),
    ];
    if let Some(origin) = origin {
        headers.push(("Origin", origin));
    }
    send(w, "OPTIONS", target, &headers, b"").await
}

async fn post(w: &Waiting, target: &str, origin: Option<&str>, body: &str) -> Answer {
    let host = host(w);
    let mut headers = vec![
        ("Host", host.as_str()),
        ("Content-Type", "application/json"),
    ];
    if let Some(origin) = origin {
        headers.push(("Origin", origin));
    }
    send(w, "POST", target, &headers, body.as_bytes()).await
}

fn signal_body(fingerprint: &str, status: &str) -> String {
    serde_json::json!({ "fingerprint": fingerprint, "status": status }).to_string()
}

fn return_target(w: &Waiting, fingerprint: &str, status: &str) -> String {
    format!(
        "{}&fingerprint={fingerprint}&status={status}",
        target(&w.return_url())
    )
}

/// Nothing has arrived (an arrival is queued before the answer is written).
async fn assert_nothing_arrived(w: &mut Waiting) {
    if let Ok(arrival) = tokio::time::timeout(Duration::from_millis(30), w.next()).await {
        panic!("unexpected arrival: {arrival:?}");
    }
}

async fn refused_when_connecting(addr: SocketAddr) -> bool {
    let until = Instant::now() + Duration::from_secs(2);
    loop {
        if TcpStream::connect(addr).await.is_err() {
            return true;
        }
        if Instant::now() > until {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn binds_127_0_0_1_on_a_new_port_with_fresh_one_time_states() {
    let a = listen().await;
    let b = listen().await;
    assert_eq!(a.local_addr().ip(), IpAddr::V4(Ipv4Addr::LOCALHOST));
    assert_eq!(b.local_addr().ip(), IpAddr::V4(Ipv4Addr::LOCALHOST));
    assert_ne!(a.local_addr().port(), 0);
    assert_ne!(a.local_addr().port(), b.local_addr().port());
    let prefix = format!("http://127.0.0.1:{}/", a.local_addr().port());
    assert!(a
        .return_url()
        .starts_with(&format!("{prefix}return?state=")));
    assert!(a
        .signal_url()
        .starts_with(&format!("{prefix}signal?state=")));
    let states = [
        state_of(&a.return_url()),
        state_of(&a.signal_url()),
        state_of(&b.return_url()),
        state_of(&b.signal_url()),
    ];
    for (i, s) in states.iter().enumerate() {
        assert_eq!(s.len(), 43, "256 bits in base64url");
        assert_eq!(URL_SAFE_NO_PAD.decode(s).unwrap().len(), 32);
        for t in &states[i + 1..] {
            assert_ne!(s, t);
        }
    }
    // Not reachable on any other address of the machine's loopback.
    let other = SocketAddr::from(([127, 0, 0, 2], a.local_addr().port()));
    assert!(TcpStream::connect(other).await.is_err());
}

#[tokio::test]
async fn the_right_return_arrives_once_and_shows_the_swedish_page() {
    let mut w = listen().await;
    w.expect("fp1");
    let t = return_target(&w, "fp1", "RECEIVED");
    let answer = get(&w, &t).await;
    assert_eq!(answer.status, 200);
    assert!(answer.body.contains("<html lang=\"sv\">"));
    assert!(answer.body.contains(DONE));
    assert!(!answer.body.contains("<script"));
    assert!(!answer.body.contains("src="));
    assert!(!answer.body.contains("href="));
    assert_eq!(
        answer.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let csp = answer.header("content-security-policy").unwrap();
    assert!(csp.starts_with("default-src 'none'"));
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    assert_eq!(answer.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(answer.header("connection"), Some("close"));
    assert_eq!(
        w.next().await,
        Some(Arrival::Returned {
            fingerprint: "fp1".into(),
            status: Some("RECEIVED".into())
        })
    );

    // The same state again: refused, nothing new.
    let again = get(&w, &t).await;
    assert_eq!(again.status, 403);
    assert!(again.body.contains("Länken gäller inte"));
    assert_eq!(again.header("cache-control"), Some("no-store"));
    assert_nothing_arrived(&mut w).await;
}

#[tokio::test]
async fn a_return_without_status_arrives_without_one() {
    let mut w = listen().await;
    w.expect("fp1");
    let t = format!("{}&fingerprint=fp1", target(&w.return_url()));
    assert_eq!(get(&w, &t).await.status, 200);
    assert_eq!(
        w.next().await,
        Some(Arrival::Returned {
            fingerprint: "fp1".into(),
            status: None
        })
    );
}

#[tokio::test]
async fn returns_with_a_missing_wrong_or_borrowed_state_are_refused_and_change_nothing() {
    let mut w = listen().await;
    w.expect("fp1");
    let right = state_of(&w.return_url());
    let mut wrong = right.clone().into_bytes();
    wrong[42] = if wrong[42] == b'A' { b'B' } else { b'A' };
    let wrong = String::from_utf8(wrong).unwrap();
    let signal_state = state_of(&w.signal_url());
    for (t, status) in [
        ("/return?fingerprint=fp1&status=RECEIVED".to_string(), 400),
        (format!("/return?state={wrong}&fingerprint=fp1"), 403),
        (
            format!("/return?state={}&fingerprint=fp1", &right[..42]),
            403,
        ),
        ("/return?state=&fingerprint=fp1".to_string(), 403),
        // The signal's state does not open the return link.
        (format!("/return?state={signal_state}&fingerprint=fp1"), 403),
        (
            format!("/return?state={wrong}&state={signal_state}&fingerprint=fp1"),
            403,
        ),
    ] {
        let answer = get(&w, &t).await;
        assert_eq!(answer.status, status, "{t}: {}", answer.body);
        assert!(answer.body.contains("lang=\"sv\""));
        assert!(!answer.body.contains(DONE));
    }
    assert_nothing_arrived(&mut w).await;
    // Nothing was used up.
    assert_eq!(
        get(&w, &return_target(&w, "fp1", "RECEIVED")).await.status,
        200
    );
    assert!(matches!(w.next().await, Some(Arrival::Returned { .. })));
}

#[tokio::test]
async fn a_return_it_cannot_read_asks_for_a_status_check_and_uses_nothing() {
    let mut w = listen().await;
    w.expect("fp1");
    let right = state_of(&w.return_url());
    for t in [
        // No fingerprint, a malformed status, the fingerprint twice with different values.
        format!("/return?state={right}"),
        format!("/return?state={right}&fingerprint=fp1&status=%3Cb%3E"),
        format!("/return?state={right}&fingerprint=fp1&fingerprint=fp2"),
        format!("/return?state={right}&fingerprint="),
    ] {
        let answer = get(&w, &t).await;
        assert_eq!(answer.status, 202, "{t}: {}", answer.body);
        assert!(answer.body.contains("lang=\"sv\""));
        assert!(answer.body.contains("Timbok frågar Försäkringskassan"));
        assert!(!answer.body.contains(DONE));
    }
    // One status check for the lot (at most one a second).
    assert_eq!(w.next().await, Some(Arrival::Unreadable { returned: true }));
    assert_nothing_arrived(&mut w).await;
    // A second later, the next one knocks again.
    tokio::time::sleep(KNOCK_GAP).await;
    assert_eq!(get(&w, &format!("/return?state={right}")).await.status, 202);
    assert_eq!(w.next().await, Some(Arrival::Unreadable { returned: true }));
    // The state was not used up.
    assert_eq!(
        get(&w, &return_target(&w, "fp1", "RECEIVED")).await.status,
        200
    );
    assert!(matches!(w.next().await, Some(Arrival::Returned { .. })));
}

#[tokio::test]
async fn fks_own_parameters_on_the_return_link_do_not_hide_the_state() {
    let base = |w: &Waiting| target(&w.return_url());
    // Appended with `&`, FK's own `state` among them (before or after ours); with a second `?`
    // where `&` belonged; the status in any case.
    type Build = fn(&str) -> String;
    let cases: [(Build, &str); 4] = [
        (
            |b: &str| format!("{b}&state=fk-own&foo=bar&fingerprint=fp1&status=RECEIVED"),
            "RECEIVED",
        ),
        (
            |b: &str| {
                let ours = b.trim_start_matches("/return?");
                format!("/return?state=fk-own&{ours}&fingerprint=fp1&status=signed&x=%23y")
            },
            "SIGNED",
        ),
        (
            |b: &str| format!("{b}?fingerprint=fp1&status=Cancelled&state=fk-own"),
            "CANCELLED",
        ),
        (
            |b: &str| format!("{b}&fingerprint=fp1&fingerprint=fp1&status=received"),
            "RECEIVED",
        ),
    ];
    for (t, status) in cases {
        let mut w = listen().await;
        w.expect("fp1");
        let t = t(&base(&w));
        let answer = get(&w, &t).await;
        assert_eq!(answer.status, 200, "{t}: {}", answer.body);
        assert!(answer.body.contains(DONE));
        assert_eq!(
            w.next().await,
            Some(Arrival::Returned {
                fingerprint: "fp1".into(),
                status: Some(status.into())
            }),
            "{t}"
        );
    }
}

#[tokio::test]
async fn a_fingerprint_it_does_not_wait_for_asks_for_a_status_check_and_uses_nothing() {
    let mut w = listen().await;
    // Before `expect`: nothing is waited for.
    assert_eq!(
        get(&w, &return_target(&w, "fp1", "RECEIVED")).await.status,
        202
    );
    let answer = post(
        &w,
        &target(&w.signal_url()),
        Some(FK),
        &signal_body("fp1", "RECEIVED"),
    )
    .await;
    assert_eq!(answer.status, 202);
    assert_eq!(answer.header("access-control-allow-origin"), Some(FK));
    assert_eq!(w.next().await, Some(Arrival::Unreadable { returned: true }));
    assert_eq!(
        w.next().await,
        Some(Arrival::Unreadable { returned: false })
    );
    w.expect("fp1");
    assert_eq!(
        get(&w, &return_target(&w, "fp2", "RECEIVED")).await.status,
        202
    );
    let answer = post(
        &w,
        &target(&w.signal_url()),
        Some(FK),
        &signal_body("fp2", "RECEIVED"),
    )
    .await;
    assert_eq!(answer.status, 202);
    // Within a second of the last: no second check.
    assert_nothing_arrived(&mut w).await;
    // Both states still work for the expected one.
    let answer = post(
        &w,
        &target(&w.signal_url()),
        Some(FK),
        &signal_body("fp1", "RECEIVED"),
    )
    .await;
    assert_eq!(answer.status, 204);
    assert_eq!(
        get(&w, &return_target(&w, "fp1", "RECEIVED")).await.status,
        200
    );
    assert!(matches!(w.next().await, Some(Arrival::Signalled { .. })));
    assert!(matches!(w.next().await, Some(Arrival::Returned { .. })));
}

#[tokio::test]
async fn a_host_other_than_127_0_0_1_and_its_port_is_refused() {
    let mut w = listen().await;
    w.expect("fp1");
    let t = return_target(&w, "fp1", "RECEIVED");
    let port = w.local_addr().port();
    for (host, status) in [
        (format!("localhost:{port}"), 421),
        (format!("evil.example:{port}"), 421),
        ("127.0.0.1".to_string(), 421),
        (format!("127.0.0.1:{}", port.wrapping_add(1)), 421),
        (format!("[::1]:{port}"), 421),
    ] {
        let answer = send(&w, "GET", &t, &[("Host", &host)], b"").await;
        assert_eq!(answer.status, status, "{host}");
        assert!(!answer.body.contains(DONE));
    }
    // No Host, or two.
    assert_eq!(send(&w, "GET", &t, &[], b"").await.status, 400);
    let right = host(&w);
    let two = [("Host", right.as_str()), ("Host", right.as_str())];
    assert_eq!(send(&w, "GET", &t, &two, b"").await.status, 400);
    // An absolute target naming another authority.
    let absolute = format!("http://evil.example:{port}{t}");
    assert_eq!(
        send(&w, "GET", &absolute, &[("Host", &right)], b"")
            .await
            .status,
        421
    );
    // The signal is checked the same way.
    let headers = [
        ("Host", "evil.example"),
        ("Origin", FK),
        ("Content-Type", "application/json"),
    ];
    let body = signal_body("fp1", "RECEIVED");
    let answer = send(
        &w,
        "POST",
        &target(&w.signal_url()),
        &headers,
        body.as_bytes(),
    )
    .await;
    assert_eq!(answer.status, 421);
    assert!(!answer.has_cors());
    assert_nothing_arrived(&mut w).await;
    // Still usable with the right Host.
    assert_eq!(get(&w, &t).await.status, 200);
}

#[tokio::test]
async fn only_its_routes_exist() {
    let mut w = listen().await;
    w.expect("fp1");
    let state = state_of(&w.return_url());
    let signal = target(&w.signal_url());
    let right = host(&w);
    for (method, t) in [
        ("GET", "/".to_string()),
        ("GET", "/favicon.ico".to_string()),
        ("GET", format!("/return/?state={state}&fingerprint=fp1")),
        ("POST", format!("/return?state={state}&fingerprint=fp1")),
        ("HEAD", format!("/return?state={state}&fingerprint=fp1")),
        ("GET", format!("/signal/?state={state}&fingerprint=fp1")),
        ("PUT", signal.clone()),
        ("DELETE", signal),
    ] {
        let answer = send(&w, method, &t, &[("Host", &right), ("Origin", FK)], b"").await;
        assert_eq!(answer.status, 404, "{method} {t}");
        assert!(!answer.has_cors());
    }
    assert_nothing_arrived(&mut w).await;
}

#[tokio::test]
async fn the_preflight_is_answered_for_the_configured_origin_only() {
    let w = listen().await;
    let t = target(&w.signal_url());
    let answer = preflight(&w, &t, Some(FK)).await;
    assert_eq!(answer.status, 204, "{}", answer.body);
    assert_eq!(answer.header("access-control-allow-origin"), Some(FK));
    assert_eq!(
        answer.header("access-control-allow-methods"),
        Some("POST, GET")
    );
    assert_eq!(
        answer.header("access-control-allow-headers"),
        Some("content-type")
    );
    assert_eq!(answer.header("access-control-max-age"), Some("60"));
    assert_eq!(answer.header("vary"), Some("Origin"));
    assert_eq!(answer.header("access-control-allow-private-network"), None);

    for origin in [
        "http://127.0.0.1:4712",
        "https://127.0.0.1:4711",
        "http://localhost:4711",
        "http://evil.example",
        "null",
        "http://127.0.0.1:4711/",
        "http://127.0.0.1:4711.evil.example",
    ] {
        let answer = preflight(&w, &t, Some(origin)).await;
        assert_eq!(answer.status, 403, "{origin}");
        assert!(!answer.has_cors(), "{origin}: {:?}", answer.headers);
    }
    let answer = preflight(&w, &t, None).await;
    assert_eq!(answer.status, 403);
    assert!(!answer.has_cors());

    // Other header names FK's script might ask for are allowed (the signal is only a
    // doorbell); a GET too.
    let right = host(&w);
    for (method, asked, allowed) in [
        (
            "POST",
            "Content-Type, X-Requested-With",
            "content-type, x-requested-with",
        ),
        ("GET", "accept", "content-type, accept"),
        ("POST", "", "content-type"),
    ] {
        let answer = send(
            &w,
            "OPTIONS",
            &t,
            &[
                ("Host", &right),
                ("Origin", FK),
                ("Access-Control-Request-Method", method),
                ("Access-Control-Request-Headers", asked),
            ],
            b"",
        )
        .await;
        assert_eq!(answer.status, 204, "{method} {asked}");
        assert_eq!(answer.header("access-control-allow-origin"), Some(FK));
        assert_eq!(answer.header("access-control-allow-headers"), Some(allowed));
    }
    // Another method, or something that is not a header name.
    for (method, headers) in [
        ("PUT", "content-type"),
        ("DELETE", "content-type"),
        ("POST", "x evil"),
    ] {
        let answer = send(
            &w,
            "OPTIONS",
            &t,
            &[
                ("Host", &right),
                ("Origin", FK),
                ("Access-Control-Request-Method", method),
                ("Access-Control-Request-Headers", headers),
            ],
            b"",
        )
        .await;
        assert_eq!(answer.status, 403, "{method} {headers}");
        assert!(!answer.has_cors());
    }
    // The wrong state, or the return link's.
    let wrong = format!("/signal?state={}", state_of(&w.return_url()));
    let answer = preflight(&w, &wrong, Some(FK)).await;
    assert_eq!(answer.status, 403);
    assert!(!answer.has_cors());
    assert_eq!(preflight(&w, "/signal", Some(FK)).await.status, 400);

    // Chrome's Private Network Access preflight from a public FK page.
    let answer = send(
        &w,
        "OPTIONS",
        &t,
        &[
            ("Host", &right),
            ("Origin", FK),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Private-Network", "true"),
        ],
        b"",
    )
    .await;
    assert_eq!(answer.status, 204);
    assert_eq!(
        answer.header("access-control-allow-private-network"),
        Some("true")
    );
}

#[tokio::test]
async fn the_right_preflight_and_signal_arrive_once() {
    let mut w = listen().await;
    w.expect("fp1");
    let t = target(&w.signal_url());
    assert_eq!(preflight(&w, &t, Some(FK)).await.status, 204);
    assert_nothing_arrived(&mut w).await;
    let answer = post(&w, &t, Some(FK), &signal_body("fp1", "RECEIVED")).await;
    assert_eq!(answer.status, 204, "{}", answer.body);
    assert_eq!(answer.header("access-control-allow-origin"), Some(FK));
    assert_eq!(answer.header("vary"), Some("Origin"));
    assert_eq!(
        w.next().await,
        Some(Arrival::Signalled {
            fingerprint: "fp1".into(),
            status: Some("RECEIVED".into())
        })
    );
    // Used: the signal, and its preflight, are refused now.
    let again = post(&w, &t, Some(FK), &signal_body("fp1", "RECEIVED")).await;
    assert_eq!(again.status, 403);
    assert_eq!(again.header("access-control-allow-origin"), Some(FK));
    let answer = preflight(&w, &t, Some(FK)).await;
    assert_eq!(answer.status, 403);
    assert!(!answer.has_cors());
    assert_nothing_arrived(&mut w).await;
}

#[tokio::test]
async fn signals_that_break_a_rule_are_refused_and_change_nothing() {
    let mut w = listen().await;
    w.expect("fp1");
    let t = target(&w.signal_url());
    let good = signal_body("fp1", "RECEIVED");

    // Another origin: 403 and nothing a browser would let the page read.
    for origin in [
        Some("http://evil.example"),
        Some("null"),
        Some("http://127.0.0.1:4711/"),
    ] {
        let answer = post(&w, &t, origin, &good).await;
        assert_eq!(answer.status, 403, "{origin:?}");
        assert!(!answer.has_cors());
    }
    let right = host(&w);
    let two_origins = [
        ("Host", right.as_str()),
        ("Origin", FK),
        ("Origin", FK),
        ("Content-Type", "application/json"),
    ];
    let answer = send(&w, "POST", &t, &two_origins, good.as_bytes()).await;
    assert_eq!(answer.status, 403);
    // State missing, wrong, or the return link's.
    assert_eq!(post(&w, "/signal", Some(FK), &good).await.status, 400);
    let wrong = format!("/signal?state={}", state_of(&w.return_url()));
    assert_eq!(post(&w, &wrong, Some(FK), &good).await.status, 403);
    assert_nothing_arrived(&mut w).await;

    // Accepted: used up; again refused.
    assert_eq!(post(&w, &t, Some(FK), &good).await.status, 204);
    assert!(matches!(w.next().await, Some(Arrival::Signalled { .. })));
    let again = post(&w, &t, Some(FK), &good).await;
    assert_eq!(again.status, 403);
    assert_nothing_arrived(&mut w).await;
}

/// The signal with this content type and body to the signal URL with `query` appended,
/// from FK's origin (or none).
async fn signal_as(
    w: &Waiting,
    method: &str,
    query: &str,
    content_type: Option<&str>,
    origin: Option<&str>,
    body: &str,
) -> Answer {
    let host = host(w);
    let mut headers = vec![("Host", host.as_str())];
    if let Some(origin) = origin {
        headers.push(("Origin", origin));
    }
    if let Some(content_type) = content_type {
        headers.push(("Content-Type", content_type));
    }
    let t = format!("{}{query}", target(&w.signal_url()));
    send(w, method, &t, &headers, body.as_bytes()).await
}

#[tokio::test]
async fn the_signal_is_read_in_every_shape_fk_might_use_with_cors_on_each_answer() {
    let json = signal_body("fp1", "RECEIVED");
    /// (what, method, appended query, content type, origin, body, status handed on)
    type Case<'a> = (
        &'a str,
        &'a str,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        String,
        &'a str,
    );
    let cases: Vec<Case> = vec![
        // (what, method, appended query, content type, origin, body, status handed on)
        (
            "JSON",
            "POST",
            "",
            Some("application/json"),
            Some(FK),
            json.clone(),
            "RECEIVED",
        ),
        (
            "JSON with charset",
            "POST",
            "",
            Some("application/json; charset=utf-8"),
            Some(FK),
            signal_body("fp1", "signed"),
            "SIGNED",
        ),
        (
            "form",
            "POST",
            "",
            Some("application/x-www-form-urlencoded"),
            Some(FK),
            "fingerprint=fp1&status=Received&other=1".into(),
            "RECEIVED",
        ),
        (
            "text/plain JSON (sendBeacon with a string)",
            "POST",
            "",
            Some("text/plain;charset=UTF-8"),
            Some(FK),
            json.clone(),
            "RECEIVED",
        ),
        (
            "text/plain form",
            "POST",
            "",
            Some("text/plain"),
            Some(FK),
            "fingerprint=fp1&status=cancelled".into(),
            "CANCELLED",
        ),
        (
            "no content type",
            "POST",
            "",
            None,
            Some(FK),
            json.clone(),
            "RECEIVED",
        ),
        (
            "query, POST without body",
            "POST",
            "&fingerprint=fp1&status=expired",
            None,
            Some(FK),
            String::new(),
            "EXPIRED",
        ),
        (
            "query, GET (fetch)",
            "GET",
            "&fingerprint=fp1&status=RECEIVED",
            None,
            Some(FK),
            String::new(),
            "RECEIVED",
        ),
        (
            "query, GET without Origin (an image)",
            "GET",
            "&fingerprint=fp1&status=Received",
            None,
            None,
            String::new(),
            "RECEIVED",
        ),
        (
            "query and body together",
            "POST",
            "&fingerprint=fp1",
            Some("application/x-www-form-urlencoded"),
            Some(FK),
            "status=RECEIVED".into(),
            "RECEIVED",
        ),
        (
            "FK's own parameters appended, its own state too",
            "POST",
            "&state=fk-own&foo=bar",
            Some("application/json"),
            Some(FK),
            json.clone(),
            "RECEIVED",
        ),
        (
            "FK's parameters after a second ?",
            "GET",
            "?fingerprint=fp1&status=RECEIVED&state=fk-own",
            None,
            Some(FK),
            String::new(),
            "RECEIVED",
        ),
    ];
    for (what, method, query, content_type, origin, body, status) in cases {
        let mut w = listen().await;
        w.expect("fp1");
        let answer = signal_as(&w, method, query, content_type, origin, &body).await;
        assert_eq!(answer.status, 204, "{what}: {}", answer.body);
        assert_eq!(
            answer.header("access-control-allow-origin"),
            Some(FK),
            "{what}"
        );
        assert_eq!(answer.header("vary"), Some("Origin"), "{what}");
        assert_eq!(
            w.next().await,
            Some(Arrival::Signalled {
                fingerprint: "fp1".into(),
                status: Some(status.into())
            }),
            "{what}"
        );
    }
    // A signal without a status is a signal all the same (the app asks the status API).
    let mut w = listen().await;
    w.expect("fp1");
    let answer = signal_as(
        &w,
        "POST",
        "",
        Some("application/json"),
        Some(FK),
        r#"{"fingerprint":"fp1"}"#,
    )
    .await;
    assert_eq!(answer.status, 204);
    assert_eq!(
        w.next().await,
        Some(Arrival::Signalled {
            fingerprint: "fp1".into(),
            status: None
        })
    );
}

#[tokio::test]
async fn a_signal_it_cannot_read_asks_for_a_status_check_and_uses_nothing() {
    let long = serde_json::json!({
        "fingerprint": "fp1", "status": "RECEIVED", "padding": "x".repeat(2000)
    })
    .to_string();
    let cases: Vec<(&str, Option<&str>, String, u16)> = vec![
        (
            "multipart",
            Some("multipart/form-data; boundary=x"),
            "--x\r\n".into(),
            202,
        ),
        ("an image", Some("image/png"), "PNG".into(), 202),
        ("not JSON", Some("application/json"), "not json".into(), 202),
        (
            "an array",
            Some("application/json"),
            r#"["fp1","RECEIVED"]"#.into(),
            202,
        ),
        (
            "a number as fingerprint",
            Some("application/json"),
            r#"{"fingerprint":1}"#.into(),
            202,
        ),
        (
            "no fingerprint",
            Some("application/json"),
            r#"{"status":"RECEIVED"}"#.into(),
            202,
        ),
        (
            "a malformed status",
            Some("application/json"),
            signal_body("fp1", "RECEIVED<script>"),
            202,
        ),
        (
            "a status too long",
            Some("application/json"),
            signal_body("fp1", &"A".repeat(33)),
            202,
        ),
        (
            "two fingerprints",
            Some("application/x-www-form-urlencoded"),
            "fingerprint=fp1&fingerprint=fp2&status=RECEIVED".into(),
            202,
        ),
        ("over max_body", Some("application/json"), long, 413),
    ];
    for (what, content_type, body, status) in cases {
        let mut w = start(ListenerConfig {
            max_body: 1024,
            ..config()
        })
        .await
        .unwrap();
        w.expect("fp1");
        let answer = signal_as(&w, "POST", "", content_type, Some(FK), &body).await;
        assert_eq!(answer.status, status, "{what}: {}", answer.body);
        assert_eq!(
            answer.header("access-control-allow-origin"),
            Some(FK),
            "{what}"
        );
        assert_eq!(
            w.next().await,
            Some(Arrival::Unreadable { returned: false }),
            "{what}"
        );
        // Nothing was used up: the readable signal still comes through.
        let good = signal_as(
            &w,
            "POST",
            "",
            Some("application/json"),
            Some(FK),
            &signal_body("fp1", "RECEIVED"),
        )
        .await;
        assert_eq!(good.status, 204, "{what}");
        assert!(
            matches!(w.next().await, Some(Arrival::Signalled { .. })),
            "{what}"
        );
    }

    // A Content-Length beyond what is ever read is answered before the body.
    let mut w = listen().await;
    w.expect("fp1");
    let right = host(&w);
    let headers = [
        ("Host", right.as_str()),
        ("Origin", FK),
        ("Content-Type", "application/json"),
        ("Content-Length", "100000000"),
    ];
    let answer = send(&w, "POST", &target(&w.signal_url()), &headers, b"").await;
    assert_eq!(answer.status, 413);
    assert_eq!(
        w.next().await,
        Some(Arrival::Unreadable { returned: false })
    );
}

#[tokio::test]
async fn slow_requests_are_cut() {
    let mut w = start(ListenerConfig {
        request_timeout: Duration::from_millis(300),
        ..config()
    })
    .await
    .unwrap();
    w.expect("fp1");
    let head = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\n",
        return_target(&w, "fp1", "RECEIVED"),
        host(&w)
    );
    let body_head = format!(
        "POST {} HTTP/1.1\r\nHost: {}\r\nOrigin: {FK}\r\nContent-Type: application/json\r\n\
         Content-Length: 200\r\n\r\n{{\"fingerprint\":",
        target(&w.signal_url()),
        host(&w)
    );
    // A head that never ends, and a body that never ends.
    for partial in [head, body_head] {
        let started = Instant::now();
        let mut stream = TcpStream::connect(w.local_addr()).await.unwrap();
        stream.write_all(partial.as_bytes()).await.unwrap();
        let mut buf = Vec::new();
        // Closed (EOF or reset) by the listener, not by this time-out.
        let _closed = tokio::time::timeout(Duration::from_secs(3), stream.read_to_end(&mut buf))
            .await
            .expect("the listener cut the connection");
        assert!(
            buf.is_empty(),
            "no answer: {}",
            String::from_utf8_lossy(&buf)
        );
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(250), "{took:?}");
    }
    assert_nothing_arrived(&mut w).await;
    // A prompt request is still served.
    assert_eq!(
        get(&w, &return_target(&w, "fp1", "RECEIVED")).await.status,
        200
    );
}

#[tokio::test]
async fn closes_after_max_wait_and_releases_the_port() {
    let mut w = start(ListenerConfig {
        max_wait: Duration::from_millis(300),
        ..config()
    })
    .await
    .unwrap();
    let addr = w.local_addr();
    w.expect("fp1");
    assert_eq!(
        get(&w, &return_target(&w, "fp1", "RECEIVED")).await.status,
        200
    );
    let started = Instant::now();
    // What came before the end is still yielded, then the end.
    assert!(matches!(w.next().await, Some(Arrival::Returned { .. })));
    assert_eq!(w.next().await, None);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(TcpStream::connect(addr).await.is_err(), "connect refused");
    assert_eq!(w.next().await, None);
}

#[tokio::test]
async fn closes_after_max_wait_even_when_nobody_asks() {
    let w = start(ListenerConfig {
        max_wait: Duration::from_millis(200),
        ..config()
    })
    .await
    .unwrap();
    let addr = w.local_addr();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(refused_when_connecting(addr).await);
    drop(w);
}

#[tokio::test]
async fn close_and_drop_release_the_port() {
    let w = listen().await;
    let addr = w.local_addr();
    assert!(TcpStream::connect(addr).await.is_ok());
    w.close();
    assert!(refused_when_connecting(addr).await);

    let w = listen().await;
    let addr = w.local_addr();
    drop(w);
    assert!(refused_when_connecting(addr).await);
}

#[tokio::test]
async fn a_request_still_being_answered_at_close_is_not_accepted() {
    // Whether the listener accepted the connection before it closed is up to the scheduler;
    // a connection it never accepted is reset. Try until one was accepted.
    for _ in 0..5 {
        let mut w = listen().await;
        w.expect("fp1");
        let addr = w.local_addr();
        let request = format!(
            "GET {} HTTP/1.1\r\nHost: {}\r\n",
            return_target(&w, "fp1", "RECEIVED"),
            host(&w)
        );
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        // Let the listener accept the connection, then close, then finish the request.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let _ = w.stop.send(true);
        assert!(refused_when_connecting(addr).await);
        let _ = stream.write_all(b"Connection: close\r\n\r\n").await;
        let mut buf = Vec::new();
        let _ = stream.read_to_end(&mut buf).await;
        assert_eq!(w.next().await, None, "closed, and nothing arrived");
        if buf.is_empty() {
            continue;
        }
        let text = String::from_utf8(buf).unwrap();
        assert!(text.starts_with("HTTP/1.1 410"), "{text}");
        assert!(text.contains("Timbok väntar inte längre"));
        return;
    }
    panic!("the listener never accepted the connection before closing");
}

#[tokio::test]
async fn the_configuration_is_checked() {
    for bad in [
        "",
        "127.0.0.1:4711",
        "ftp://fk.example",
        "https://fk.example/sign",
        "https://fk.example/?x=1",
        "https://user@fk.example",
    ] {
        let err = start(ListenerConfig::new(bad)).await.err().expect(bad);
        assert!(matches!(err, ListenerError::InvalidOrigin), "{bad}");
        assert!(err.to_string().contains("inställningarna"));
    }
    assert_eq!(
        origin_of("HTTPS://Www.Forsakringskassan.SE:443/").unwrap(),
        "https://www.forsakringskassan.se"
    );
    assert_eq!(
        origin_of("http://127.0.0.1:4711").unwrap(),
        "http://127.0.0.1:4711"
    );
    for broken in [
        ListenerConfig {
            max_wait: Duration::ZERO,
            ..config()
        },
        ListenerConfig {
            request_timeout: Duration::ZERO,
            ..config()
        },
        ListenerConfig {
            max_body: 0,
            ..config()
        },
    ] {
        let err = start(broken).await.err().unwrap();
        assert!(matches!(err, ListenerError::InvalidConfig(_)));
    }
    let e: crate::Error = ListenerError::InvalidOrigin.into();
    assert_eq!(e.field(), Some("erak.origin"));
}

#[tokio::test]
async fn a_configured_origin_with_a_trailing_slash_matches_the_browsers_origin() {
    let mut w = start(ListenerConfig::new(format!("{FK}/"))).await.unwrap();
    w.expect("fp1");
    let t = target(&w.signal_url());
    let answer = preflight(&w, &t, Some(FK)).await;
    assert_eq!(answer.status, 204);
    assert_eq!(answer.header("access-control-allow-origin"), Some(FK));
    let answer = post(&w, &t, Some(FK), &signal_body("fp1", "RECEIVED")).await;
    assert_eq!(answer.status, 204);
    assert!(matches!(w.next().await, Some(Arrival::Signalled { .. })));
}

#[test]
fn states_compare_whole() {
    let s = new_state().unwrap();
    assert!(same_state(&s, &s.clone()));
    assert!(!same_state(&s[..42], &s));
    assert!(!same_state(&format!("{s}A"), &s));
    assert!(!same_state("", &s));
    let mut other = s.clone().into_bytes();
    other[0] ^= 1;
    assert!(!same_state(std::str::from_utf8(&other).unwrap(), &s));
    assert_ne!(new_state().unwrap(), s);
}

// ---------------------------------------------------------------------------------------------
// The whole loop: the listener, the simulator's E-RÄK and its stand-in browser.

mod with_the_simulator {
    use chrono::Datelike;
    use timbok_sim::browser::{
        complete_signing, complete_signing_with, Action, PageOptions, SignalShape,
    };
    use timbok_sim::{ErakStatus, RunningSimulator, SimConfig, Simulator};

    use super::*;

    async fn simulator() -> (RunningSimulator, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let sim = Simulator::start(SimConfig::new(dir.path())).await.unwrap();
        (sim, dir)
    }

    /// Creates a minimal scenario A invoice for last month; its fingerprint.
    async fn create(sim: &RunningSimulator, w: &Waiting) -> String {
        let today = chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Stockholm)
            .date_naive();
        let last = today.with_day(1).unwrap().pred_opt().unwrap();
        let body = serde_json::json!({
            "supplier": { "name": "Timbok", "id": "timbok-test" },
            "returnUrl": w.return_url(),
            "signalUrl": w.signal_url(),
            "invoice": {
                "scenario": "A", "year": last.year(), "month": last.month(),
                "person": { "personnummer": crate::demo::PERSON, "firstName": "Alva", "lastName": "Ek" },
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
        .to_string();
        let addr = sim.addrs().erak;
        let request = format!(
            "POST /public/v1/create HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             {}: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            sim.erak_key_header(),
            sim.erak_key(),
            body.len()
        );
        let answer = raw(addr, request.as_bytes()).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        serde_json::from_str::<serde_json::Value>(&answer.body).unwrap()["fingerprint"]
            .as_str()
            .unwrap()
            .to_string()
    }

    fn sign_url(sim: &RunningSimulator, fingerprint: &str) -> String {
        format!("{}/sign?fingerprint={fingerprint}", sim.erak_url())
    }

    #[tokio::test]
    async fn signing_on_fks_page_brings_the_signal_and_the_browser_back() {
        let (sim, _dir) = simulator().await;
        let mut w = start(ListenerConfig::new(sim.erak_url())).await.unwrap();
        let fingerprint = create(&sim, &w).await;
        w.expect(&fingerprint);

        let run = complete_signing(&sign_url(&sim, &fingerprint), Action::Sign)
            .await
            .unwrap();
        assert!(run.preflight_allowed, "{run:?}");
        assert_eq!(run.preflight_status, Some(204));
        assert_eq!(run.signal_status, Some(204));
        assert!(run.signal_readable);
        assert_eq!(run.return_status, Some(200));
        assert!(run.page.contains(DONE));
        assert!(run.failures.is_empty(), "{:?}", run.failures);

        assert_eq!(
            w.next().await,
            Some(Arrival::Signalled {
                fingerprint: fingerprint.clone(),
                status: Some("RECEIVED".into())
            })
        );
        assert_eq!(
            w.next().await,
            Some(Arrival::Returned {
                fingerprint: fingerprint.clone(),
                status: Some("RECEIVED".into())
            })
        );
        assert_eq!(sim.erak_status(&fingerprint), Some(ErakStatus::Received));

        // Reloading the return link: refused, nothing new.
        let again = get(&w, &target(&run.return_url)).await;
        assert_eq!(again.status, 403);
        assert_nothing_arrived(&mut w).await;
    }

    #[tokio::test]
    async fn cancelling_is_signalled_and_returned_as_cancelled() {
        let (sim, _dir) = simulator().await;
        let mut w = start(ListenerConfig::new(sim.erak_url())).await.unwrap();
        let fingerprint = create(&sim, &w).await;
        w.expect(&fingerprint);
        let run = complete_signing(&sign_url(&sim, &fingerprint), Action::Cancel)
            .await
            .unwrap();
        assert_eq!(run.status, "CANCELLED");
        assert_eq!(
            w.next().await,
            Some(Arrival::Signalled {
                fingerprint: fingerprint.clone(),
                status: Some("CANCELLED".into())
            })
        );
        assert_eq!(
            w.next().await,
            Some(Arrival::Returned {
                fingerprint,
                status: Some("CANCELLED".into())
            })
        );
    }

    #[tokio::test]
    async fn a_signing_page_from_another_origin_cannot_signal() {
        let (sim, _dir) = simulator().await;
        // The listener waits for FK's real origin; the page is the simulator's.
        let mut w = start(ListenerConfig::new("https://www.forsakringskassan.se"))
            .await
            .unwrap();
        let fingerprint = create(&sim, &w).await;
        w.expect(&fingerprint);
        let run = complete_signing(&sign_url(&sim, &fingerprint), Action::Sign)
            .await
            .unwrap();
        assert_eq!(run.preflight_status, Some(403));
        assert!(!run.preflight_allowed);
        assert_eq!(run.signal_status, None);
        // The browser still comes back (a top-level navigation has no Origin to check).
        assert_eq!(run.return_status, Some(200));
        assert_eq!(
            w.next().await,
            Some(Arrival::Returned {
                fingerprint,
                status: Some("RECEIVED".into())
            })
        );
        assert_nothing_arrived(&mut w).await;
    }

    #[tokio::test]
    async fn fks_page_in_every_signal_shape_with_its_own_parameters_is_understood() {
        let (sim, _dir) = simulator().await;
        for (shape, append, lowercase) in [
            (SignalShape::Json, Some("state=fk-own&foo=bar"), false),
            (SignalShape::Form, None, true),
            (SignalShape::Text, Some("foo=bar"), false),
            (SignalShape::Query, Some("state=fk-own"), true),
        ] {
            let mut w = start(ListenerConfig::new(sim.erak_url())).await.unwrap();
            let fingerprint = create(&sim, &w).await;
            w.expect(&fingerprint);
            let options = PageOptions {
                signal: shape,
                append: append.map(str::to_string),
                fragment: Some("fk-fragment".into()),
                lowercase_status: lowercase,
            };
            let run = complete_signing_with(&sign_url(&sim, &fingerprint), Action::Sign, &options)
                .await
                .unwrap();
            let what = format!("{shape:?} {append:?}");
            assert!(run.failures.is_empty(), "{what}: {:?}", run.failures);
            // A preflight only for the JSON POST (the others are simple requests).
            assert_eq!(
                run.preflight_status.is_some(),
                shape == SignalShape::Json,
                "{what}"
            );
            assert_eq!(run.signal_status, Some(204), "{what}");
            assert!(run.signal_readable, "{what}: CORS on the answer");
            assert_eq!(run.return_status, Some(200), "{what}");
            assert!(run.page.contains(DONE), "{what}");
            if let Some(append) = append {
                assert!(run.return_url.contains(append), "{}", run.return_url);
                assert!(run.signal_url.as_deref().unwrap().contains(append));
            }
            assert!(
                run.return_url.ends_with("#fk-fragment"),
                "{}",
                run.return_url
            );
            assert_eq!(
                w.next().await,
                Some(Arrival::Signalled {
                    fingerprint: fingerprint.clone(),
                    status: Some("RECEIVED".into())
                }),
                "{what}"
            );
            assert_eq!(
                w.next().await,
                Some(Arrival::Returned {
                    fingerprint: fingerprint.clone(),
                    status: Some("RECEIVED".into())
                }),
                "{what}"
            );
        }
    }
}

/// No request panics the handler (driven directly, in memory, so 100 000 requests take
/// seconds): random and structure-aware mutations of the return link and the signal (method,
/// path, the right and wrong states, FK's parameters, `Host`, `Origin`, content types, bodies).
/// Every answer has one of the listener's statuses, and CORS names only FK's origin.
#[test]
fn fuzz_listener_requests_never_panic() {
    use axum::body::Body;
    use axum::http::{HeaderValue, Request};
    use proptest::prelude::*;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let w = runtime.block_on(listen());
    w.expect("fp-1");
    let shared = w.shared.clone();
    let right_host = shared.host.clone();
    let port = w.local_addr().port();
    let values: Vec<String> = vec![
        shared.return_state.clone(),
        shared.signal_state.clone(),
        "wrong".into(),
        "fp-1".into(),
        "fp-2".into(),
        String::new(),
        "SIGNED".into(),
        "received".into(),
        "bad status!".into(),
        "%00".into(),
        "a".repeat(40),
        "%E2%80%93".into(),
    ];
    let hosts: Vec<String> = vec![
        right_host.clone(),
        format!("localhost:{port}"),
        "127.0.0.1".into(),
        "evil.example".into(),
        String::new(),
        format!("{right_host} "),
        format!("{right_host}.evil.example"),
    ];
    const METHODS: [&str; 8] = [
        "GET", "POST", "OPTIONS", "PUT", "HEAD", "DELETE", "PATCH", "BREW",
    ];
    const PATHS: [&str; 8] = [
        "/return",
        "/signal",
        "/",
        "/signal/",
        "/RETURN",
        "//signal",
        "/signal%00",
        "/x/../signal",
    ];
    const KEYS: [&str; 5] = ["state", "fingerprint", "status", "x", "state "];
    const ORIGINS: [&str; 5] = [
        FK,
        "http://evil.example",
        "null",
        "http://127.0.0.1:4711/",
        "",
    ];
    const TYPES: [&str; 7] = [
        "application/json",
        "application/x-www-form-urlencoded",
        "text/plain",
        "application/problem+json",
        "multipart/form-data",
        "text/plain; charset=utf-8",
        "",
    ];
    let seeds = vec![
        signal_body("fp-1", "SIGNED").into_bytes(),
        b"fingerprint=fp-1&status=RECEIVED".to_vec(),
        b"{\"fingerprint\":\"fp-1\"}".to_vec(),
    ];
    let strategy = (
        (0..METHODS.len(), 0..PATHS.len()),
        proptest::collection::vec((0..KEYS.len(), 0..values.len(), any::<bool>()), 0..6),
        proptest::collection::vec(any::<u8>(), 0..12),
        (0..hosts.len() + 1, proptest::option::of(0..ORIGINS.len())),
        proptest::option::of(0..TYPES.len()),
        proptest::option::of(any::<u64>()),
        proptest::option::of(proptest::collection::vec(any::<u8>(), 0..40)),
        crate::fuzz::input(seeds),
    );
    let mut runner = proptest::test_runner::TestRunner::new(crate::fuzz::config());
    runner
        .run(
            &strategy,
            |((method, path), pairs, noise, (host, origin), kind, length, acr, body)| {
                let mut query = String::new();
                for (key, value, question) in pairs {
                    query.push(if question { '?' } else { '&' });
                    query.push_str(KEYS[key]);
                    query.push('=');
                    query.push_str(&values[value]);
                }
                for b in noise {
                    query.push_str(&format!("%{b:02X}"));
                }
                let target = format!("{}?{}", PATHS[path], query.trim_start_matches('&'));
                let mut request = Request::builder().method(METHODS[method]).uri(target);
                let mut add = |name: &str, value: &[u8]| {
                    if let Ok(value) = HeaderValue::from_bytes(value) {
                        request = std::mem::take(&mut request).header(name, value);
                    }
                };
                match host {
                    0 => {}
                    h => add("host", hosts[h - 1].as_bytes()),
                }
                if let Some(origin) = origin {
                    add("origin", ORIGINS[origin].as_bytes());
                }
                if let Some(kind) = kind {
                    add("content-type", TYPES[kind].as_bytes());
                }
                if let Some(length) = length {
                    add("content-length", length.to_string().as_bytes());
                }
                if let Some(acr) = acr {
                    add("access-control-request-method", b"POST");
                    add("access-control-request-headers", &acr);
                    add("access-control-request-private-network", b"true");
                }
                let Ok(request) = request.body(Body::from(body)) else {
                    return Ok(()); // hyper would not have parsed it either
                };
                let response = runtime.block_on(handler::handle(request, &shared));
                prop_assert!(
                    [200, 202, 204, 400, 403, 404, 410, 413, 421]
                        .contains(&response.status().as_u16()),
                    "{}",
                    response.status()
                );
                if let Some(allowed) = response.headers().get("access-control-allow-origin") {
                    prop_assert_eq!(allowed.as_bytes(), FK.as_bytes());
                }
                Ok(())
            },
        )
        .unwrap();
    drop(w);
}
