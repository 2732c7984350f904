//! ELT: the wire side of sending a signed time report (tidsredovisning) to Försäkringskassan
//! (elt.md). Three parts, each the one place for its format:
//!
//! - [`document`]: the tidredovisning document of one assistant and one month, written
//!   directly in Canonical XML 1.0; its SHA-256 and the `<id>,<sha256>` entry both signers
//!   sign with BankID ([`Document::signed_entry`], [`signed_text`] joins several with `;`).
//! - [`soap`]: the SOAP 1.1 envelope around the document (base64) and the two BankID
//!   signatures, and the reading of FK's reply (tx-id, or a fault with its kind and message).
//! - [`client`]: the transport trait, the HTTPS transport with the supplier's client
//!   certificate, and [`send`], which turns what happened into an [`Outcome`] the outbox can act
//!   on (sent, rejected, rate-limited, not sent, uncertain) and a Swedish text for the user.
//!
//! The flow: build the document when the month is locked, store its bytes (never rebuild
//! them), let the assistant and the employer sign [`signed_text`] with BankID, put both
//! signatures and the stored bytes in [`envelope`], [`send`] it once (the outbox paces: at most
//! one request per second for the installation), store the tx-id.
//!
//! # Decisions (details in each module)
//!
//! - Times `H.MM` (`0.00`, `7.30`, end of day `24.00`), raw wall-clock, never DST-adjusted;
//!   `dag` two digits; booleans `true`/`false`; identity numbers 12 digits, organisationsnummer
//!   10 digits, no separators.
//! - `assistansanordnare` only when the household buys assistance (scenarios A–C); then
//!   `kontaktperson`/`telefonnummer` are the name and phone of the one who signs for the
//!   person. The employer (signs `anordnare-signatur`, `telefonnummerAnordnare`) is the
//!   household's signer when its role needs one, else the person; a missing phone is an error.
//! - Both `datumForUnderskrift…` are the lock date, which must be after the month's end.
//! - The envelope has no XML declaration and no SOAP header; `SOAPAction` is quoted.
//! - The reply's service elements are matched by local name; the envelope must be SOAP 1.1.
//! - An unreadable reply is `Uncertain` (FK may have stored the report), except HTTP 503
//!   (`NotSent`) and 429 (`RateLimited`); a failed connect or TLS handshake is `NotSent`; a
//!   time-out or a broken connection after sending is `Uncertain`, never `NotSent`.
//!
//! # Open points (to settle against FK's XSD and WSDL)
//!
//! - `dag` with or without a leading zero; `H.MM` or `HH.MM`.
//! - Whether `assistansanordnare` is required for an egen arbetsgivare, and what FK expects in
//!   `kontaktperson`/`telefonnummer` when a private person buys assistance.
//! - The namespace of FK's response and fault detail elements; whether FK answers other
//!   statuses than 200/500.

mod c14n;
pub mod client;
pub mod document;
pub mod soap;
#[cfg(test)]
pub(crate) mod testing;

pub use client::{
    outcome_text_sv, send, EltTransport, HttpsTransport, Outcome, RawReply, TransportError,
};
pub use document::{build, signed_text, Document, DocumentError, DocumentInput};
pub use soap::{envelope, parse_reply, FaultKind, Reply, Signature, UnreadableReply};

/// FK's own files for the core's tests (one module for the whole crate: `elt`, `blankett3059`).
#[cfg(test)]
#[path = "../../../../tests/support/fk_files.rs"]
pub(crate) mod fk_files;
