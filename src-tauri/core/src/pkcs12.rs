//! Client certificates from PKCS#12 (.p12) files: the supplier's ELT certificate and the
//! BankID RP certificate, as FK and BankID deliver them. Read with `p12-keystore`, which opens
//! both modern files (PBES2/AES, HMAC-SHA256, as OpenSSL 3 writes) and legacy ones
//! (RC2/3DES, SHA-1), and turned into what rustls presents in the TLS handshake: the
//! certificate chain (leaf first) and the PKCS#8 private key.
//!
//! The key never leaves memory: it is not written to a file, a log or the database.

use std::fmt;

use p12_keystore::{KeyStore, Pkcs12ImportPolicy};
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::secret::SecretBytes;

/// Why a .p12 could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The bytes are not a PKCS#12 file (or a damaged one).
    NotPkcs12,
    /// The passphrase does not open it.
    WrongPassphrase,
    /// It opens, but holds no private key with its certificate.
    NoKey,
}

impl Problem {
    /// What to tell the user, naming what to do.
    pub fn message(self) -> crate::message::Message {
        use crate::message::Key;
        crate::message::Message::new(match self {
            Problem::NotPkcs12 => Key::P12NotPkcs12,
            Problem::WrongPassphrase => Key::P12PassphraseWrong,
            Problem::NoKey => Key::P12NoKey,
        })
    }
}

/// A certificate chain (leaf first) and its private key, ready for a TLS client.
pub struct ClientIdentity {
    chain: Vec<CertificateDer<'static>>,
    key: PrivatePkcs8KeyDer<'static>,
}

impl fmt::Debug for ClientIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientIdentity")
            .field("certificates", &self.chain.len())
            .field("key", &"[redacted]")
            .finish()
    }
}

impl ClientIdentity {
    /// Opens a .p12 with its passphrase.
    pub fn open(p12: &[u8], passphrase: &SecretBytes) -> Result<ClientIdentity, Problem> {
        if !looks_like_pkcs12(p12) {
            return Err(Problem::NotPkcs12);
        }
        // PKCS#12 passwords are text; bytes that are not UTF-8 cannot be the right one.
        let passphrase = passphrase.expose_str().ok_or(Problem::WrongPassphrase)?;
        let store =
            KeyStore::from_pkcs12(p12, passphrase, Pkcs12ImportPolicy::Strict).map_err(classify)?;
        let (_, chain) = store.private_key_chain().ok_or(Problem::NoKey)?;
        if chain.certs().is_empty() {
            return Err(Problem::NoKey);
        }
        Ok(ClientIdentity {
            chain: chain
                .certs()
                .iter()
                .map(|c| CertificateDer::from(c.as_der().to_vec()))
                .collect(),
            key: PrivatePkcs8KeyDer::from(chain.key().as_der().to_vec()),
        })
    }

    /// The chain, leaf first.
    pub fn chain(&self) -> &[CertificateDer<'static>] {
        &self.chain
    }

    /// The private key (PKCS#8), for rustls.
    pub fn key(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(self.key.clone_key())
    }
}

/// A cheap first look: a PKCS#12 file is a DER SEQUENCE.
pub(crate) fn looks_like_pkcs12(bytes: &[u8]) -> bool {
    bytes.len() > 16 && bytes[0] == 0x30
}

fn classify(error: p12_keystore::error::Error) -> Problem {
    use p12_keystore::error::Error as E;
    match error {
        // A wrong password fails the MAC check, or (files without a MAC) the decryption's
        // padding or the decrypted structure.
        E::MacError(_) | E::UnpadError | E::Pkcs5Error(_) => Problem::WrongPassphrase,
        E::InvalidPrivateKey => Problem::NoKey,
        _ => Problem::NotPkcs12,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use p12_keystore::{Certificate, KeyStoreEntry, PrivateKey, PrivateKeyChain};

    /// A self-signed client certificate in a .p12 (test helper, also for other modules).
    pub(crate) fn self_signed_p12(passphrase: &str) -> Vec<u8> {
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["timbok-test".into()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        p12_of(cert.der(), &key.serialize_der(), &[], passphrase)
    }

    pub(crate) fn p12_of(
        leaf: &[u8],
        key_pkcs8: &[u8],
        more: &[&[u8]],
        passphrase: &str,
    ) -> Vec<u8> {
        let key = PrivateKey::from_der(key_pkcs8).unwrap();
        let mut certs = vec![Certificate::from_der(leaf).unwrap()];
        certs.extend(more.iter().map(|c| Certificate::from_der(c).unwrap()));
        let chain = PrivateKeyChain::new([7u8; 20].as_slice(), key, certs);
        let mut store = KeyStore::new();
        store.add_entry("client", KeyStoreEntry::PrivateKeyChain(chain));
        store.writer(passphrase).write().unwrap()
    }

    /// Files made by OpenSSL 3 (tests/fixtures/pkcs12/): `-legacy` (RC2-40 certificates,
    /// 3DES key, SHA-1 MAC, as older issuers deliver them) and the modern default (PBES2 with
    /// AES-256, HMAC-SHA256). Both open with pure-Rust parsing, to one certificate and its key.
    #[test]
    fn opens_legacy_and_modern_files_from_openssl() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/pkcs12/");
        for name in ["legacy-3des-rc2.p12", "modern-aes.p12"] {
            let bytes = std::fs::read(format!("{dir}{name}")).unwrap();
            let identity = ClientIdentity::open(&bytes, &SecretBytes::new("timbok-test"))
                .unwrap_or_else(|p| panic!("{name}: {p:?}"));
            assert_eq!(identity.chain().len(), 1, "{name}");
            assert!(matches!(identity.key(), PrivateKeyDer::Pkcs8(_)), "{name}");
            assert_eq!(
                ClientIdentity::open(&bytes, &SecretBytes::new("fel")).unwrap_err(),
                Problem::WrongPassphrase,
                "{name}"
            );
        }
    }

    #[test]
    fn opens_with_the_right_passphrase_only() {
        let p12 = self_signed_p12("rätt lösen");
        let identity = ClientIdentity::open(&p12, &SecretBytes::new("rätt lösen")).unwrap();
        assert_eq!(identity.chain().len(), 1);
        assert!(matches!(identity.key(), PrivateKeyDer::Pkcs8(_)));
        assert!(!format!("{identity:?}").contains("0x"), "{identity:?}");
        assert_eq!(
            ClientIdentity::open(&p12, &SecretBytes::new("fel")).unwrap_err(),
            Problem::WrongPassphrase
        );
        assert_eq!(
            ClientIdentity::open(&p12, &SecretBytes::new(vec![0xff, 0xfe])).unwrap_err(),
            Problem::WrongPassphrase
        );
    }

    #[test]
    fn other_files_are_not_pkcs12() {
        for bytes in [
            b"-----BEGIN CERTIFICATE-----\nMIIB...\n".as_slice(),
            b"".as_slice(),
            &[
                0x30, 0x82, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            ],
        ] {
            assert_eq!(
                ClientIdentity::open(bytes, &SecretBytes::new("x")).unwrap_err(),
                Problem::NotPkcs12
            );
        }
    }
}
