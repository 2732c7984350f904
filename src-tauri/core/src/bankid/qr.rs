//! Starting the BankID app: the animated QR code (another device) and the autostart link
//! (this device), bankid.md "Starting the BankID app".
//!
//! - QR content: `bankid.<qrStartToken>.<seconds since the order started>.<qrAuthCode>`, where
//!   qrAuthCode is the lowercase hex HMAC-SHA256 with key `qrStartSecret` (its UTF-8 bytes)
//!   over the decimal seconds. The secret is a [`QrSecret`]; its `Debug` prints `[redacted]`
//!   and only this module reads it.
//! - QR image: [`qr_svg`] encodes with the `qrcode` crate (error correction L: the code is on a
//!   screen, and fewer modules are easier for a phone camera) and writes the SVG itself, so the
//!   image is always [`QR_SIZE_PX`] square whatever the QR version (the content grows a digit
//!   at 10 and 100 seconds) and has the 4-module quiet zone the QR standard asks for.
//! - Autostart: `bankid:///?autostarttoken=<token>&redirect=null` (the token percent-encoded,
//!   which leaves a UUID as it is).

use std::fmt;
use std::fmt::Write as _;

use hmac::{Hmac, Mac};
use qrcode::{Color, EcLevel, QrCode};
use sha2::Sha256;

/// The width and height of the QR image, in CSS pixels.
pub const QR_SIZE_PX: u32 = 256;

/// Modules of light margin around the code (the QR standard's quiet zone).
const QUIET_ZONE: usize = 4;

/// BankID's `qrStartSecret`. Never leaves the Rust side.
#[derive(Clone, PartialEq, Eq)]
pub struct QrSecret(String);

impl QrSecret {
    pub fn new(secret: impl Into<String>) -> QrSecret {
        QrSecret(secret.into())
    }

    fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for QrSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// qrAuthCode: lowercase hex HMAC-SHA256(secret, decimal seconds).
fn qr_auth_code(secret: &QrSecret, seconds: u64) -> String {
    // HMAC takes a key of any length; the error case cannot happen and gives no code.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.expose().as_bytes()) else {
        return String::new();
    };
    mac.update(seconds.to_string().as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The QR code's content `seconds` after the order started.
pub fn qr_content(qr_start_token: &str, secret: &QrSecret, seconds: u64) -> String {
    format!(
        "bankid.{qr_start_token}.{seconds}.{}",
        qr_auth_code(secret, seconds)
    )
}

/// The QR code of `content` as an SVG document, [`QR_SIZE_PX`] square, dark on white; `None`
/// when `content` does not fit a QR code (more than 2 953 bytes at level L). BankID's content
/// is about 115 bytes, and the client refuses tokens longer than
/// [`super::wire::MAX_TOKEN`], but a QR code is never a reason to stop the app.
pub fn qr_svg(content: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(content.as_bytes(), EcLevel::L).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let side = width + 2 * QUIET_ZONE;
    let mut path = String::new();
    for y in 0..width {
        let row = &colors[y * width..(y + 1) * width];
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let _ = write!(
                    path,
                    "M{} {}h{}v1h-{}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE,
                    x - start,
                    x - start
                );
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{QR_SIZE_PX}\" height=\"{QR_SIZE_PX}\" \
         viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\" role=\"img\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// The link that starts the BankID app on this device.
pub fn autostart_url(auto_start_token: &str) -> String {
    let token: String = url::form_urlencoded::byte_serialize(auto_start_token.as_bytes()).collect();
    format!("bankid:///?autostarttoken={token}&redirect=null")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "67df3917-fa0d-44e5-b327-edcc928297f8";
    const SECRET: &str = "d28db9a7-4cde-429e-a983-359be676944c";

    #[test]
    fn published_test_vector() {
        let secret = QrSecret::new(SECRET);
        assert_eq!(
            qr_content(TOKEN, &secret, 0),
            "bankid.67df3917-fa0d-44e5-b327-edcc928297f8.0.dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8"
        );
        assert_eq!(
            qr_content(TOKEN, &secret, 1),
            "bankid.67df3917-fa0d-44e5-b327-edcc928297f8.1.949d559bf23403952a94d103e67743126381eda00f0b3cbddbf7c96b1adcbce2"
        );
    }

    #[test]
    fn agrees_with_the_simulator() {
        let secret = QrSecret::new(SECRET);
        for seconds in [0, 1, 2, 9, 10, 59, 100, 179, 180] {
            let content = qr_content(TOKEN, &secret, seconds);
            let code = content.rsplit('.').next().unwrap();
            assert_eq!(code, timbok_sim::qr_auth_code(SECRET, seconds), "{seconds}");
        }
    }

    #[test]
    fn the_secret_is_redacted_in_debug() {
        let secret = QrSecret::new(SECRET);
        assert_eq!(format!("{secret:?}"), "[redacted]");
        assert!(!format!("{:?}", Some(&secret)).contains("d28db9a7"));
    }

    /// Reads the SVG's path back into a module grid (quiet zone included).
    fn modules_of(svg: &str) -> (usize, Vec<bool>) {
        let view_box = svg.split("viewBox=\"0 0 ").nth(1).unwrap();
        let side: usize = view_box.split(' ').next().unwrap().parse().unwrap();
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let mut grid = vec![false; side * side];
        for segment in d.split('M').filter(|s| !s.is_empty()) {
            let (xy, rest) = segment.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            let run: usize = rest.split('v').next().unwrap().parse().unwrap();
            for i in 0..run {
                assert!(!grid[y * side + x + i], "overlapping runs");
                grid[y * side + x + i] = true;
            }
        }
        (side, grid)
    }

    #[test]
    fn svg_draws_exactly_the_code_with_a_quiet_zone() {
        let content = qr_content(TOKEN, &QrSecret::new(SECRET), 42);
        let svg = qr_svg(&content).unwrap();
        assert!(svg
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\""));
        assert!(svg.ends_with("</svg>"));
        let code = QrCode::with_error_correction_level(content.as_bytes(), EcLevel::L).unwrap();
        let width = code.width();
        let (side, grid) = modules_of(&svg);
        assert_eq!(side, width + 8);
        let colors = code.to_colors();
        for y in 0..side {
            for x in 0..side {
                let inside = (4..4 + width).contains(&x) && (4..4 + width).contains(&y);
                let dark = inside && colors[(y - 4) * width + (x - 4)] == Color::Dark;
                assert_eq!(grid[y * side + x], dark, "module ({x}, {y})");
            }
        }
    }

    #[test]
    fn svg_size_is_fixed_whatever_the_seconds() {
        let secret = QrSecret::new(SECRET);
        for seconds in [0, 9, 10, 99, 100, 180] {
            let svg = qr_svg(&qr_content(TOKEN, &secret, seconds)).unwrap();
            assert!(svg.contains("width=\"256\" height=\"256\""), "{seconds}");
        }
        assert_ne!(
            qr_svg(&qr_content(TOKEN, &secret, 1)),
            qr_svg(&qr_content(TOKEN, &secret, 2))
        );
    }

    #[test]
    fn a_qr_start_token_too_long_for_a_qr_code_gives_no_image_and_no_panic() {
        let secret = QrSecret::new(SECRET);
        let content = qr_content(&"a".repeat(4000), &secret, 3);
        assert_eq!(qr_svg(&content), None);
        // At the client's limit the code still fits.
        let content = qr_content(&"a".repeat(super::super::wire::MAX_TOKEN), &secret, 180);
        assert!(qr_svg(&content).is_some());
    }

    #[test]
    fn autostart_link() {
        assert_eq!(
            autostart_url("7c40b5c9-fa74-49cf-b98c-bfe651f9a7c6"),
            "bankid:///?autostarttoken=7c40b5c9-fa74-49cf-b98c-bfe651f9a7c6&redirect=null"
        );
        assert_eq!(
            autostart_url("a&b=c"),
            "bankid:///?autostarttoken=a%26b%3Dc&redirect=null"
        );
    }
}
