//! BankID's `hintCode` as a message (catalogue keys `bankid.*`) for the person signing, following BankID's
//! recommended user messages (the "RFA" texts of the RP guidelines), worded for signing (Timbok
//! never identifies anyone) and for where the BankID app is ([`Device`]).
//!
//! | hintCode | status | RFA | text depends on the device |
//! |---|---|---|---|
//! | `outstandingTransaction`, `noClient` | pending | 1 (QR) / 13 (autostart) | yes |
//! | `started` | pending | 15 | no |
//! | `userMrtd` | pending | 23 | no |
//! | `userCallConfirm` | pending | (phone orders; Timbok makes none) | no |
//! | `userSign` | pending | 9 | no |
//! | other / none | pending | 21 | no |
//! | `expiredTransaction` | failed | 8 | no |
//! | `certificateErr` | failed | 16 | no |
//! | `userCancel` | failed | 6 | no |
//! | `cancelled` | failed | 3 | no |
//! | `startFailed` | failed | 17B (QR) / 17A (autostart) | yes |
//! | `userDeclinedCall` | failed | (phone orders) | no |
//! | `notSupportedByUserApp` | failed | (app too old) | no |
//! | `transactionRiskBlocked` | failed | 22 (its own sentence: BankID's risk check stopped it) | no |
//! | other | failed | 22 | no |
//!
//! An unknown code gets the neutral RFA 21/22 sentence, never a guess.

use super::Device;
use crate::message::{Key, Message};

/// What to tell the user while the order is pending.
pub fn pending_text(hint_code: Option<&str>, device: Device) -> Message {
    Message::new(match (hint_code, device) {
        (Some("outstandingTransaction" | "noClient"), Device::OtherDevice) => Key::BankidPendingQr,
        (Some("outstandingTransaction" | "noClient"), Device::ThisDevice) => {
            Key::BankidPendingAutostart
        }
        (Some("started"), _) => Key::BankidStarted,
        (Some("userMrtd"), _) => Key::BankidUserMrtd,
        (Some("userCallConfirm"), _) => Key::BankidUserCallConfirm,
        (Some("userSign"), _) => Key::BankidUserSign,
        _ => Key::BankidPending,
    })
}

/// What to tell the user when the order failed.
pub fn failed_text(hint_code: &str, device: Device) -> Message {
    Message::new(match (hint_code, device) {
        ("expiredTransaction", _) => Key::BankidExpired,
        ("certificateErr", _) => Key::BankidCertificateErr,
        ("userCancel", _) => Key::BankidUserCancel,
        ("cancelled", _) => Key::BankidCancelled,
        ("startFailed", Device::OtherDevice) => Key::BankidStartFailedQr,
        ("startFailed", Device::ThisDevice) => Key::BankidStartFailedHere,
        ("userDeclinedCall", _) => Key::BankidUserDeclinedCall,
        ("notSupportedByUserApp", _) => Key::BankidNotSupported,
        ("transactionRiskBlocked", _) => Key::BankidRiskBlocked,
        _ => Key::BankidFailed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(hint_code: Option<&str>, device: Device) -> String {
        pending_text(hint_code, device).to_string()
    }

    fn failed(hint_code: &str, device: Device) -> String {
        failed_text(hint_code, device).to_string()
    }

    const PENDING: [&str; 6] = [
        "outstandingTransaction",
        "noClient",
        "started",
        "userMrtd",
        "userCallConfirm",
        "userSign",
    ];

    const FAILED: [&str; 8] = [
        "expiredTransaction",
        "certificateErr",
        "userCancel",
        "cancelled",
        "startFailed",
        "userDeclinedCall",
        "notSupportedByUserApp",
        "transactionRiskBlocked",
    ];

    #[test]
    fn outstanding_differs_between_qr_and_this_device() {
        let qr = pending(Some("outstandingTransaction"), Device::OtherDevice);
        let here = pending(Some("outstandingTransaction"), Device::ThisDevice);
        assert!(qr.contains("QR-koden"), "{qr}");
        assert!(here.starts_with("Försöker starta BankID-appen"), "{here}");
        assert_eq!(pending(Some("noClient"), Device::OtherDevice), qr);
        assert_eq!(pending(Some("noClient"), Device::ThisDevice), here);
    }

    #[test]
    fn pending_codes_have_their_own_sentences() {
        assert_eq!(
            pending(Some("userSign"), Device::OtherDevice),
            "Skriv in din säkerhetskod i BankID-appen och välj Skriv under."
        );
        assert_eq!(
            pending(Some("userMrtd"), Device::ThisDevice),
            "Fotografera och läs av din ID-handling med BankID-appen."
        );
        assert!(pending(Some("started"), Device::OtherDevice).starts_with("Söker efter BankID"));
        assert!(pending(Some("userCallConfirm"), Device::OtherDevice).contains("telefon"));
        let unknown = "En underskrift pågår i BankID-appen.";
        for device in [Device::OtherDevice, Device::ThisDevice] {
            for code in PENDING {
                assert_ne!(pending(Some(code), device), unknown, "{code}");
            }
            assert_eq!(pending(Some("somethingNew"), device), unknown);
            assert_eq!(pending(None, device), unknown);
        }
    }

    #[test]
    fn failed_codes_have_their_own_sentences() {
        let unknown = "Något gick fel i BankID. Försök igen.";
        for device in [Device::OtherDevice, Device::ThisDevice] {
            let texts: Vec<String> = FAILED.iter().map(|c| failed(c, device)).collect();
            for (code, text) in FAILED.iter().zip(&texts) {
                assert_ne!(text, unknown, "{code}");
                assert!(text.ends_with('.'), "{code}: {text}");
            }
            let mut distinct = texts.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), texts.len(), "two codes share a sentence");
            assert!(failed("transactionRiskBlocked", device).contains("säkerhetsskäl"));
            assert_eq!(failed("", device), unknown);
        }
        assert!(failed("expiredTransaction", Device::OtherDevice).contains("internetanslutning"));
        assert!(failed("certificateErr", Device::OtherDevice).contains("spärrat"));
        assert!(failed("userCancel", Device::OtherDevice).contains("avbröts"));
    }

    #[test]
    fn start_failed_differs_between_qr_and_this_device() {
        assert!(failed("startFailed", Device::OtherDevice).contains("QR-koden"));
        assert!(failed("startFailed", Device::ThisDevice).contains("Installera"));
    }
}
