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
//! The SOAP reply's XML nesting is limited in `elt/soap.rs` ([`crate::elt::soap`]).

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
