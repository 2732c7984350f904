//! BankID signing (bankid.md): the RP API v6.0 client, QR codes and the autostart link, hint
//! texts, and the signing sessions the app and the CLI drive.
//!
//! - [`wire`]: the JSON of `sign`, `collect`, `cancel` and BankID's error shape (the only place
//!   that knows field names).
//! - [`client`]: [`BankIdTransport`] (one `post`), [`HttpsTransport`], [`BankIdClient`] and the
//!   domain types ([`SignOrder`], [`OrderStarted`], [`Collected`], [`Completion`],
//!   [`BankIdError`]).
//! - [`qr`]: [`QrSecret`], the QR content and image, the autostart link.
//! - [`hints`]: `hintCode` → Swedish sentence.
//! - [`session`]: [`Signings`], the registry of running signings (collect every 2 s, at most
//!   3 minutes), and [`check_signer`].
//!
//! The flow: `Signings::start(order, device)` → show `status(id)` each second (the QR image
//! changes every second) → `Complete` → `check_signer` against the person the report names →
//! `take_completion(id)`; the signature and OCSP response are stored as received.

pub mod client;
pub mod hints;
pub mod journalled;
pub mod qr;
pub mod session;
pub mod wire;

#[cfg(test)]
mod testing;

pub use client::{
    BankIdClient, BankIdError, BankIdTransport, Collected, Completion, HttpsTransport, OrderRef,
    OrderStarted, RawReply, SignOrder, TransportError,
};
pub use qr::{autostart_url, qr_content, qr_svg, QrSecret};
pub use session::{check_signer, SessionId, SessionState, SessionView, SignerMismatch, Signings};

/// Where the BankID app that signs is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Device {
    /// On another device (a phone): it scans the animated QR code.
    OtherDevice,
    /// On this computer: started with the autostart link.
    ThisDevice,
}
