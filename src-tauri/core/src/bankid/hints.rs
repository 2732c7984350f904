//! BankID's `hintCode` as a plain Swedish sentence for the person signing, following BankID's
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

/// What to tell the user while the order is pending.
pub fn pending_text(hint_code: Option<&str>, device: Device) -> &'static str {
    match (hint_code, device) {
        (Some("outstandingTransaction" | "noClient"), Device::OtherDevice) => {
            "Starta BankID-appen i din mobil eller surfplatta och läs av QR-koden."
        }
        (Some("outstandingTransaction" | "noClient"), Device::ThisDevice) => {
            "Försöker starta BankID-appen. Starta den själv om den inte öppnas."
        }
        (Some("started"), _) => {
            "Söker efter BankID. Se till att du har ett giltigt BankID i appen."
        }
        (Some("userMrtd"), _) => "Fotografera och läs av din ID-handling med BankID-appen.",
        (Some("userCallConfirm"), _) => {
            "Bekräfta i BankID-appen att du talar i telefon med den som bad dig skriva under."
        }
        (Some("userSign"), _) => "Skriv in din säkerhetskod i BankID-appen och välj Skriv under.",
        _ => "En underskrift pågår i BankID-appen.",
    }
}

/// What to tell the user when the order failed.
pub fn failed_text(hint_code: &str, device: Device) -> &'static str {
    match (hint_code, device) {
        ("expiredTransaction", _) => {
            "BankID-appen svarade inte i tid. Kontrollera att appen är startad och att du har internetanslutning, och försök sedan igen."
        }
        ("certificateErr", _) => {
            "Ditt BankID är för gammalt eller spärrat. Använd ett annat BankID eller skaffa ett nytt hos din bank."
        }
        ("userCancel", _) => "Underskriften avbröts i BankID-appen. Försök igen om du vill skriva under.",
        ("cancelled", _) => "Underskriften avbröts. Försök igen.",
        ("startFailed", Device::OtherDevice) => {
            "QR-koden kunde inte läsas av. Starta BankID-appen, välj att läsa av QR-kod och försök igen. Kontrollera att appen är uppdaterad."
        }
        ("startFailed", Device::ThisDevice) => {
            "BankID-appen verkar inte finnas på den här datorn. Installera den och skaffa ett BankID hos din bank, eller skriv under med BankID på en annan enhet."
        }
        ("userDeclinedCall", _) => "Du avböjde samtalet i BankID-appen. Försök igen.",
        ("notSupportedByUserApp", _) => {
            "Din BankID-app kan inte skriva under det här. Uppdatera BankID-appen och försök igen."
        }
        ("transactionRiskBlocked", _) => {
            "BankID stoppade underskriften av säkerhetsskäl. Försök igen senare; händer det igen, kontakta din bank."
        }
        _ => "Något gick fel i BankID. Försök igen.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let qr = pending_text(Some("outstandingTransaction"), Device::OtherDevice);
        let here = pending_text(Some("outstandingTransaction"), Device::ThisDevice);
        assert!(qr.contains("QR-koden"), "{qr}");
        assert!(here.starts_with("Försöker starta BankID-appen"), "{here}");
        assert_eq!(pending_text(Some("noClient"), Device::OtherDevice), qr);
        assert_eq!(pending_text(Some("noClient"), Device::ThisDevice), here);
    }

    #[test]
    fn pending_codes_have_their_own_sentences() {
        assert_eq!(
            pending_text(Some("userSign"), Device::OtherDevice),
            "Skriv in din säkerhetskod i BankID-appen och välj Skriv under."
        );
        assert_eq!(
            pending_text(Some("userMrtd"), Device::ThisDevice),
            "Fotografera och läs av din ID-handling med BankID-appen."
        );
        assert!(
            pending_text(Some("started"), Device::OtherDevice).starts_with("Söker efter BankID")
        );
        assert!(pending_text(Some("userCallConfirm"), Device::OtherDevice).contains("telefon"));
        let unknown = "En underskrift pågår i BankID-appen.";
        for device in [Device::OtherDevice, Device::ThisDevice] {
            for code in PENDING {
                assert_ne!(pending_text(Some(code), device), unknown, "{code}");
            }
            assert_eq!(pending_text(Some("somethingNew"), device), unknown);
            assert_eq!(pending_text(None, device), unknown);
        }
    }

    #[test]
    fn failed_codes_have_their_own_sentences() {
        let unknown = "Något gick fel i BankID. Försök igen.";
        for device in [Device::OtherDevice, Device::ThisDevice] {
            let texts: Vec<&str> = FAILED.iter().map(|c| failed_text(c, device)).collect();
            for (code, text) in FAILED.iter().zip(&texts) {
                assert_ne!(*text, unknown, "{code}");
                assert!(text.ends_with('.'), "{code}: {text}");
            }
            let mut distinct = texts.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), texts.len(), "two codes share a sentence");
            assert!(failed_text("transactionRiskBlocked", device).contains("säkerhetsskäl"));
            assert_eq!(failed_text("", device), unknown);
        }
        assert!(
            failed_text("expiredTransaction", Device::OtherDevice).contains("internetanslutning")
        );
        assert!(failed_text("certificateErr", Device::OtherDevice).contains("spärrat"));
        assert!(failed_text("userCancel", Device::OtherDevice).contains("avbröts"));
    }

    #[test]
    fn start_failed_differs_between_qr_and_this_device() {
        assert!(failed_text("startFailed", Device::OtherDevice).contains("QR-koden"));
        assert!(failed_text("startFailed", Device::ThisDevice).contains("Installera"));
    }
}
