//! Replies from remote servers (BankID, ELT, E-RÄK) are hostile input: a server that is broken,
//! or not the one it claims to be, must not be able to exhaust memory or crash the app
//! (release builds are `panic = "abort"`). The three clients share what is here:
//!
//! - [`read_capped`]: the HTTPS transports read a reply body chunk by chunk and stop at
//!   [`MAX_REPLY_BYTES`] (1 MiB) plus one byte, whatever `Content-Length` says, so the client
//!   can tell a body that was over the cap ([`is_over_cap`]) from one that fits. An answer over
//!   the cap is never parsed; its error keeps only the first [`KEPT_BYTES`] ([`kept_part`]).
//! - [`token`] and [`text`]: the length and shape of each field read from a reply (orderRef,
//!   tokens, hintCodes, tx-id, fingerprints, statuses, messages) are checked where the reply
//!   is parsed, so nothing further down (a QR code, a URL, the database, the UI) meets a value
//!   it was not made for.
//!
//! - [`RawReply`] and [`TransportError`]: what a transport hands its client, the same for the
//!   three clients and the connection test. [`classify`] is the ONE reading of a failed
//!   reqwest call; [`TransportError::may_have_arrived`] is where the clients' policies differ
//!   (see there).
//!
//! The SOAP reply's XML nesting is limited in `elt/soap.rs` ([`crate::elt::soap`]).

use std::error::Error as StdError;
use std::fmt;

/// What a transport got back: any HTTP status, and the body as received (read by
/// [`read_capped`]). `Debug` prints only the body's length: an answer may hold personal data.
#[derive(Clone, PartialEq, Eq)]
pub struct RawReply {
    pub status: u16,
    pub body: Vec<u8>,
}

impl RawReply {
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> RawReply {
        RawReply {
            status,
            body: body.into(),
        }
    }
}

impl fmt::Debug for RawReply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawReply({}, {} bytes)", self.status, self.body.len())
    }
}

/// Why a request to BankID, ELT or E-RÄK (or a check of the connection test) got no HTTP
/// answer. Each client words it for the user in its own message; `Display` is for logs.
///
/// The kinds are ordered by how far the request got: the first five never left this
/// computer's TLS layer (nothing reached the service), the last two may have reached it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum TransportError {
    /// The request could not be built (an address or header that cannot be sent).
    #[error("the request could not be built")]
    Unbuildable,
    /// No connection: refused, no route, or the name not found.
    #[error("no connection")]
    Unreachable,
    /// No connection within the time-out.
    #[error("no connection in time")]
    ConnectTimeout,
    /// The server's certificate was not accepted (unknown issuer, wrong name, expired).
    #[error("server certificate not accepted")]
    ServerCertificate,
    /// The server's TLS layer refused the handshake with an alert about certificates or the
    /// handshake: mostly the client certificate (or its absence).
    #[error("handshake refused by the server")]
    Refused,
    /// Any other failure of the TLS handshake.
    #[error("TLS handshake failed")]
    Handshake,
    /// No answer in time after the request was sent.
    #[error("no answer in time")]
    Timeout,
    /// The connection broke after the request was sent, or the answer broke off.
    #[error("the connection broke")]
    Broken,
}

impl TransportError {
    /// Whether the request may have reached the service: a time-out or a connection that
    /// broke after the request was written. This is where the clients differ on purpose:
    ///
    /// - ELT ([`crate::elt::client`]) splits on it: a report that may have reached FK is
    ///   `Uncertain` and never sent again without the user; the others are `NotSent`, safe to
    ///   send again.
    /// - BankID and the connection test word the kind itself (`Timeout` and `ConnectTimeout`
    ///   alike: "did not answer in time"); BankID asks again for the transient kinds
    ///   ([`TransportError::is_transient`]), since a sign, collect or cancel sent twice does no harm.
    /// - E-RÄK tells a time-out from the rest; sending an invoice again creates a new one and
    ///   only a signed one counts.
    pub fn may_have_arrived(self) -> bool {
        matches!(self, TransportError::Timeout | TransportError::Broken)
    }

    /// Whether the same request may work later without a change of settings: not for a
    /// request that cannot be built or a certificate that is refused.
    pub fn is_transient(self) -> bool {
        !matches!(
            self,
            TransportError::Unbuildable
                | TransportError::ServerCertificate
                | TransportError::Refused
        )
    }

    /// Whether the time-out ran out (connecting or waiting for the answer).
    pub fn is_timeout(self) -> bool {
        matches!(
            self,
            TransportError::Timeout | TransportError::ConnectTimeout
        )
    }

    /// A short token for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            TransportError::Unbuildable => "unbuildable",
            TransportError::Unreachable => "unreachable",
            TransportError::ConnectTimeout => "connect_timeout",
            TransportError::ServerCertificate => "server_certificate",
            TransportError::Refused => "refused",
            TransportError::Handshake => "handshake",
            TransportError::Timeout => "timeout",
            TransportError::Broken => "broken",
        }
    }
}

/// The one classifier of a failed reqwest call (sending, or reading the answer), for every
/// client. The error's chain is logged (it names no person: addresses, TLS alerts, I/O kinds).
pub fn classify(error: &reqwest::Error) -> TransportError {
    let kind = classify_parts(
        Signals {
            builder: error.is_builder(),
            connect: error.is_connect(),
            timeout: error.is_timeout(),
        },
        error,
    );
    tracing::warn!(
        kind = kind.as_str(),
        error = %error_chain(error),
        "remote: request failed"
    );
    kind
}

/// What reqwest says about an error itself (its chain says the rest).
#[derive(Debug, Clone, Copy, Default)]
struct Signals {
    builder: bool,
    connect: bool,
    timeout: bool,
}

fn classify_parts(signals: Signals, error: &(dyn StdError + 'static)) -> TransportError {
    if signals.builder {
        return TransportError::Unbuildable;
    }
    let mut timed_out = signals.timeout;
    let mut refused_connection = false;
    let mut tls = None;
    for cause in causes(error) {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::TimedOut => timed_out = true,
                std::io::ErrorKind::ConnectionRefused => refused_connection = true,
                _ => {}
            }
        }
        if tls.is_none() {
            tls = cause.downcast_ref::<rustls::Error>();
        }
    }
    match tls {
        Some(rustls::Error::InvalidCertificate(_)) => return TransportError::ServerCertificate,
        // With TLS 1.3 the server checks the client certificate after the client has finished
        // its side of the handshake, so its refusal arrives after the request was written; but
        // the service behind the TLS layer never saw the request.
        Some(rustls::Error::AlertReceived(alert)) if refuses_handshake(*alert) => {
            return TransportError::Refused
        }
        _ => {}
    }
    if signals.connect || refused_connection {
        return if timed_out {
            TransportError::ConnectTimeout
        } else if tls.is_some() {
            TransportError::Handshake
        } else {
            TransportError::Unreachable
        };
    }
    if timed_out {
        TransportError::Timeout
    } else {
        TransportError::Broken
    }
}

/// Alerts by which a server's TLS layer refuses the handshake (mostly the client
/// certificate): the request cannot have reached the service behind it.
fn refuses_handshake(alert: rustls::AlertDescription) -> bool {
    use rustls::AlertDescription as A;
    matches!(
        alert,
        A::HandshakeFailure
            | A::BadCertificate
            | A::UnsupportedCertificate
            | A::CertificateRevoked
            | A::CertificateExpired
            | A::CertificateUnknown
            | A::UnknownCA
            | A::AccessDenied
            | A::DecryptError
            | A::CertificateRequired
    )
}

/// `error` and its causes, also inside (nested) `io::Error`s, whose `source` skips what they
/// wrap. At most 32 deep.
fn causes<'e>(error: &'e (dyn StdError + 'static)) -> Vec<&'e (dyn StdError + 'static)> {
    let mut found = Vec::new();
    let mut next = Some(error);
    while let Some(current) = next {
        if found.len() == 32 {
            break;
        }
        found.push(current);
        next = match current
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => current.source(),
        };
    }
    found
}

/// The error and its causes in one line, for logs.
fn error_chain(error: &(dyn StdError + 'static)) -> String {
    causes(error)
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}

/// The largest reply body any client reads: BankID's, ELT's and E-RÄK's answers are a few KiB
/// (a BankID signature about 10 KiB).
pub const MAX_REPLY_BYTES: usize = 1024 * 1024;

/// How much of a reply over the cap an error keeps (for the support journal).
pub const KEPT_BYTES: usize = 16 * 1024;

/// Reads `response`'s body, at most [`MAX_REPLY_BYTES`] + 1 bytes: one byte more than the cap,
/// so that [`is_over_cap`] tells a body that was cut. `Content-Length` is not trusted; the
/// rest of a larger body is never read (the connection is dropped with the response).
pub async fn read_capped(mut response: reqwest::Response) -> Result<Vec<u8>, reqwest::Error> {
    let limit = MAX_REPLY_BYTES + 1;
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = limit - body.len();
        if chunk.len() >= room {
            body.extend_from_slice(&chunk[..room]);
            break;
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Whether a body read by [`read_capped`] (or handed over by a test transport) is larger than
/// [`MAX_REPLY_BYTES`].
pub fn is_over_cap(body: &[u8]) -> bool {
    body.len() > MAX_REPLY_BYTES
}

/// The first [`KEPT_BYTES`] of a body, what an error about a reply over the cap keeps.
pub fn kept_part(body: &[u8]) -> Vec<u8> {
    body[..body.len().min(KEPT_BYTES)].to_vec()
}

/// An opaque identifier from a remote server (orderRef, tokens, hintCode, tx-id, fingerprint,
/// status): 1 to `max` bytes of `A–Z a–z 0–9` and `-_.:+/=`, no space, no control character,
/// nothing that needs escaping in a URL query, a QR code, a log line or HTML.
pub fn token(value: &str, max: usize) -> bool {
    (1..=max).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:+/=".contains(&b))
}

/// A free text from a remote server (a name, FK's explanation): at most `max` characters,
/// no control character but line breaks and tabs.
pub fn text(value: &str, max: usize) -> bool {
    value.chars().count() <= max
        && !value
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// `value` cut to at most `max` characters (on a character boundary).
pub fn cut(value: &str, max: usize) -> &str {
    match value.char_indices().nth(max) {
        Some((end, _)) => &value[..end],
        None => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// Serves one HTTP/1.1 answer: a head that claims `claimed` bytes, then `sent` bytes of
    /// body (chunked when `claimed` is `None`).
    async fn serve_once(claimed: Option<usize>, sent: usize) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut request = [0u8; 1024];
            let _ = stream.read(&mut request).await;
            let head = match claimed {
                Some(n) => format!("HTTP/1.1 200 OK\r\ncontent-length: {n}\r\n\r\n"),
                None => "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".to_string(),
            };
            let _ = stream.write_all(head.as_bytes()).await;
            let piece = vec![b'x'; 64 * 1024];
            let mut left = sent;
            while left > 0 {
                let n = left.min(piece.len());
                let written = match claimed {
                    Some(_) => stream.write_all(&piece[..n]).await,
                    None => {
                        let mut chunk = format!("{n:x}\r\n").into_bytes();
                        chunk.extend_from_slice(&piece[..n]);
                        chunk.extend_from_slice(b"\r\n");
                        stream.write_all(&chunk).await
                    }
                };
                if written.is_err() {
                    return; // the client stopped reading: what the cap is for
                }
                left -= n;
            }
            if claimed.is_none() {
                let _ = stream.write_all(b"0\r\n\r\n").await;
            }
        });
        format!("http://{addr}/")
    }

    async fn fetch(url: &str) -> Result<Vec<u8>, reqwest::Error> {
        // Plain HTTP; the client still needs a root store, so trust a throw-away CA.
        let ca = rcgen::generate_simple_self_signed(vec!["ca.invalid".into()]).unwrap();
        let trust = crate::connection::Trust::Only(vec![ca.cert.der().clone()]);
        let roots = crate::connection::root_store(&trust).unwrap();
        let response = crate::connection::client(&roots, None, url)
            .unwrap()
            .get(url)
            .send()
            .await?;
        read_capped(response).await
    }

    #[tokio::test]
    async fn a_small_body_is_read_whole() {
        let body = fetch(&serve_once(Some(1000), 1000).await).await.unwrap();
        assert_eq!(body.len(), 1000);
        assert!(!is_over_cap(&body));
    }

    #[tokio::test]
    async fn a_chunked_body_over_the_cap_stops_one_byte_past_it() {
        let body = fetch(&serve_once(None, 8 * MAX_REPLY_BYTES).await)
            .await
            .unwrap();
        assert_eq!(body.len(), MAX_REPLY_BYTES + 1);
        assert!(is_over_cap(&body));
        assert_eq!(kept_part(&body).len(), KEPT_BYTES);
    }

    #[tokio::test]
    async fn a_content_length_that_understates_the_body_is_not_trusted() {
        // A body exactly at the cap fits; the cap is counted on what arrives.
        let body = fetch(&serve_once(Some(MAX_REPLY_BYTES), MAX_REPLY_BYTES).await)
            .await
            .unwrap();
        assert_eq!(body.len(), MAX_REPLY_BYTES);
        assert!(!is_over_cap(&body));
        // A huge declared length is read only up to the cap.
        let body = fetch(&serve_once(Some(50 * MAX_REPLY_BYTES), 3 * MAX_REPLY_BYTES).await)
            .await
            .unwrap();
        assert_eq!(body.len(), MAX_REPLY_BYTES + 1);
    }

    fn wrapped(inner: impl StdError + Send + Sync + 'static) -> std::io::Error {
        // How hyper and tokio-rustls hand a TLS error up: inside an `io::Error`.
        std::io::Error::other(std::io::Error::new(std::io::ErrorKind::InvalidData, inner))
    }

    fn signals(connect: bool, timeout: bool) -> Signals {
        Signals {
            builder: false,
            connect,
            timeout,
        }
    }

    #[test]
    fn each_kind_of_failure_is_classified_from_the_signals_and_the_chain() {
        use rustls::{AlertDescription as A, CertificateError};
        use std::io::{Error as Io, ErrorKind};
        use TransportError as T;
        let refused = Io::from(ErrorKind::ConnectionRefused);
        let timed_out = Io::from(ErrorKind::TimedOut);
        let reset = Io::from(ErrorKind::ConnectionReset);
        let cases: Vec<(Signals, &(dyn StdError + 'static), TransportError)> = vec![
            (
                Signals {
                    builder: true,
                    ..Signals::default()
                },
                &reset,
                T::Unbuildable,
            ),
            (signals(true, false), &refused, T::Unreachable),
            (signals(false, false), &refused, T::Unreachable),
            (signals(true, true), &reset, T::ConnectTimeout),
            (signals(true, false), &timed_out, T::ConnectTimeout),
            (signals(false, true), &reset, T::Timeout),
            (signals(false, false), &timed_out, T::Timeout),
            (signals(false, false), &reset, T::Broken),
        ];
        for (signals, error, expected) in cases {
            assert_eq!(
                classify_parts(signals, error),
                expected,
                "{signals:?} {error}"
            );
        }
        let bad_certificate = wrapped(rustls::Error::InvalidCertificate(
            CertificateError::UnknownIssuer,
        ));
        assert_eq!(
            classify_parts(signals(true, false), &bad_certificate),
            T::ServerCertificate
        );
        // A refusal of the client certificate may come after the request was written (TLS 1.3):
        // it is still a refusal, and not a request that may have arrived.
        for alert in [
            A::CertificateRequired,
            A::BadCertificate,
            A::HandshakeFailure,
        ] {
            let error = wrapped(rustls::Error::AlertReceived(alert));
            for connect in [true, false] {
                assert_eq!(classify_parts(signals(connect, false), &error), T::Refused);
            }
        }
        let other_alert = wrapped(rustls::Error::AlertReceived(A::ProtocolVersion));
        assert_eq!(
            classify_parts(signals(true, false), &other_alert),
            T::Handshake
        );
        assert_eq!(
            classify_parts(signals(false, false), &other_alert),
            T::Broken
        );
    }

    #[test]
    fn only_a_time_out_or_a_broken_connection_may_have_arrived() {
        use TransportError as T;
        let all = [
            T::Unbuildable,
            T::Unreachable,
            T::ConnectTimeout,
            T::ServerCertificate,
            T::Refused,
            T::Handshake,
            T::Timeout,
            T::Broken,
        ];
        let arrived: Vec<_> = all.into_iter().filter(|k| k.may_have_arrived()).collect();
        assert_eq!(arrived, [T::Timeout, T::Broken]);
        let lasting: Vec<_> = all.into_iter().filter(|k| !k.is_transient()).collect();
        assert_eq!(lasting, [T::Unbuildable, T::ServerCertificate, T::Refused]);
        let timeouts: Vec<_> = all.into_iter().filter(|k| k.is_timeout()).collect();
        assert_eq!(timeouts, [T::ConnectTimeout, T::Timeout]);
    }

    fn plain_client(url: &str) -> reqwest::Client {
        let ca = rcgen::generate_simple_self_signed(vec!["ca.invalid".into()]).unwrap();
        let trust = crate::connection::Trust::Only(vec![ca.cert.der().clone()]);
        let roots = crate::connection::root_store(&trust).unwrap();
        crate::connection::client(&roots, None, url).unwrap()
    }

    /// A server that accepts one connection, reads the request and then does `then`.
    async fn server(answer: bool) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut request = [0u8; 1024];
            let _ = stream.read(&mut request).await;
            if answer {
                tokio::time::sleep(std::time::Duration::from_secs(30)).await;
            }
            drop(stream);
        });
        format!("http://{addr}/")
    }

    #[tokio::test]
    async fn real_failures_are_classified() {
        // Nothing listens on a port just given back.
        let closed = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            format!("http://{}/", listener.local_addr().unwrap())
        };
        let error = plain_client(&closed).get(&closed).send().await.unwrap_err();
        assert_eq!(classify(&error), TransportError::Unreachable);

        let silent = server(true).await;
        let error = plain_client(&silent)
            .get(&silent)
            .timeout(std::time::Duration::from_millis(300))
            .send()
            .await
            .unwrap_err();
        assert_eq!(classify(&error), TransportError::Timeout);

        let hangs_up = server(false).await;
        let error = plain_client(&hangs_up)
            .post(&hangs_up)
            .body("x")
            .send()
            .await
            .unwrap_err();
        assert_eq!(classify(&error), TransportError::Broken);

        let error = plain_client(&closed)
            .get("http://[::1")
            .send()
            .await
            .unwrap_err();
        assert_eq!(classify(&error), TransportError::Unbuildable);
    }

    #[test]
    fn a_raw_reply_prints_no_body() {
        let reply = RawReply::new(200, "personnummer 191212121212");
        assert_eq!(format!("{reply:?}"), "RawReply(200, 25 bytes)");
    }

    #[test]
    fn tokens_and_texts_have_a_length_and_a_shape() {
        assert!(token("131daac9-16c6-4618-beb0-365768f37288", 64));
        assert!(!token("", 64));
        assert!(!token(&"a".repeat(65), 64));
        for bad in ["a b", "a\u{0}", "a<b", "a&b", "a\"b", "å", "a\nb", "a%20"] {
            assert!(!token(bad, 64), "{bad:?}");
        }
        assert!(text("Försäkringskassan: fel i\nrad 2", 100));
        assert!(!text("a\u{1b}[31m", 100));
        assert!(!text(&"é".repeat(101), 100));
        assert_eq!(cut("åäö", 2), "åä");
        assert_eq!(cut("ab", 5), "ab");
    }
}
