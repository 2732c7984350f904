//! Supplier credentials (the ELT client certificate and its passphrase, the E-RÄK key, the
//! BankID RP certificate and passphrase) in the OS keyring: Keychain on macOS, Credential
//! Manager on Windows, Secret Service on Linux, through the `keyring` crate. Never in SQLite,
//! files, logs or IPC replies (security.md); the settings screen only learns which are present.
//!
//! The store is behind the small [`SecretStore`] trait so that tests which are not about the
//! keyring use [`MemorySecrets`]; the real keyring is tested on Linux CI under a D-Bus session
//! with gnome-keyring (`tests/keyring.rs`).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::settings::Environment;

/// Bytes that must not be printed: `Debug` shows `[redacted]`, there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretBytes(Vec<u8>);

impl SecretBytes {
    pub fn new(bytes: impl Into<Vec<u8>>) -> SecretBytes {
        SecretBytes(bytes.into())
    }

    /// The secret itself; call only where it is used (a TLS identity, a request header).
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// As UTF-8 text (passphrases, keys), if it is text.
    pub fn expose_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretBytes([redacted])")
    }
}

/// Which credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Credential {
    /// The supplier's ELT client certificate, a PKCS#12 (.p12) file.
    EltClientP12,
    EltP12Passphrase,
    /// The supplier's key (nyckel) for E-RÄK.
    ErakKey,
    /// The BankID relying-party certificate (.p12), when the app calls BankID directly.
    BankidRpP12,
    BankidRpPassphrase,
}

impl Credential {
    pub const ALL: [Credential; 5] = [
        Credential::EltClientP12,
        Credential::EltP12Passphrase,
        Credential::ErakKey,
        Credential::BankidRpP12,
        Credential::BankidRpPassphrase,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Credential::EltClientP12 => "elt_client_p12",
            Credential::EltP12Passphrase => "elt_p12_passphrase",
            Credential::ErakKey => "erak_key",
            Credential::BankidRpP12 => "bankid_rp_p12",
            Credential::BankidRpPassphrase => "bankid_rp_passphrase",
        }
    }

    pub fn parse(token: &str) -> Option<Credential> {
        Credential::ALL.into_iter().find(|c| c.as_str() == token)
    }
}

/// Where secrets live. Implementations must never log a secret.
pub trait SecretStore: Send + Sync {
    fn get(&self, environment: Environment, credential: Credential) -> Result<Option<SecretBytes>>;
    fn set(
        &self,
        environment: Environment,
        credential: Credential,
        secret: &SecretBytes,
    ) -> Result<()>;
    /// Removes it; removing one that is not there is fine.
    fn delete(&self, environment: Environment, credential: Credential) -> Result<()>;

    /// Which credentials are present, never their values.
    fn presence(&self, environment: Environment) -> Result<BTreeMap<Credential, bool>> {
        Credential::ALL
            .into_iter()
            .map(|c| Ok((c, self.get(environment, c)?.is_some())))
            .collect()
    }
}

/// The OS keyring, under the service name `se.timbok.app` (one entry per environment and
/// credential, e.g. `fk_test/erak_key`).
pub struct OsKeyring {
    service: String,
}

impl OsKeyring {
    pub const SERVICE: &'static str = "se.timbok.app";

    pub fn new() -> OsKeyring {
        OsKeyring {
            service: Self::SERVICE.into(),
        }
    }

    /// Another service name (tests, so they never touch a user's real entries).
    pub fn with_service(service: impl Into<String>) -> OsKeyring {
        OsKeyring {
            service: service.into(),
        }
    }

    fn entry(&self, environment: Environment, credential: Credential) -> Result<keyring::Entry> {
        let user = format!("{}/{}", environment.as_str(), credential.as_str());
        keyring::Entry::new(&self.service, &user).map_err(keyring_error)
    }
}

impl Default for OsKeyring {
    fn default() -> Self {
        OsKeyring::new()
    }
}

fn keyring_error(error: keyring::Error) -> Error {
    // The error names the platform failure, never the secret.
    tracing::warn!(kind = ?std::mem::discriminant(&error), "keyring error");
    Error::Keyring(match error {
        keyring::Error::NoStorageAccess(_) => {
            "Nyckelringen är låst eller går inte att nå. Lås upp den (logga in på nytt) och försök igen.".into()
        }
        keyring::Error::PlatformFailure(_) => {
            "Datorns nyckelring svarar inte. Starta om datorn och försök igen; hjälper inte det, kontakta supporten.".into()
        }
        other => format!("Nyckelringen kunde inte användas ({other})."),
    })
}

impl SecretStore for OsKeyring {
    fn get(&self, environment: Environment, credential: Credential) -> Result<Option<SecretBytes>> {
        match self.entry(environment, credential)?.get_secret() {
            Ok(bytes) => Ok(Some(SecretBytes(bytes))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(keyring_error(error)),
        }
    }

    fn set(
        &self,
        environment: Environment,
        credential: Credential,
        secret: &SecretBytes,
    ) -> Result<()> {
        self.entry(environment, credential)?
            .set_secret(secret.expose())
            .map_err(keyring_error)?;
        tracing::info!(
            environment = environment.as_str(),
            credential = credential.as_str(),
            "credential stored"
        );
        Ok(())
    }

    fn delete(&self, environment: Environment, credential: Credential) -> Result<()> {
        match self.entry(environment, credential)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(keyring_error(error)),
        }
    }
}

/// Secrets in memory, for tests that are not about the keyring.
#[derive(Default)]
pub struct MemorySecrets {
    entries: Mutex<BTreeMap<(&'static str, Credential), SecretBytes>>,
}

impl SecretStore for MemorySecrets {
    fn get(&self, environment: Environment, credential: Credential) -> Result<Option<SecretBytes>> {
        Ok(self
            .entries
            .lock()
            .expect("not poisoned")
            .get(&(environment.as_str(), credential))
            .cloned())
    }

    fn set(
        &self,
        environment: Environment,
        credential: Credential,
        secret: &SecretBytes,
    ) -> Result<()> {
        self.entries
            .lock()
            .expect("not poisoned")
            .insert((environment.as_str(), credential), secret.clone());
        Ok(())
    }

    fn delete(&self, environment: Environment, credential: Credential) -> Result<()> {
        self.entries
            .lock()
            .expect("not poisoned")
            .remove(&(environment.as_str(), credential));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_debug_is_redacted() {
        let secret = SecretBytes::new("hemlig-nyckel-123");
        let printed = format!("{secret:?} {:?}", Some(&secret));
        assert!(!printed.contains("hemlig"), "{printed}");
        assert!(printed.contains("[redacted]"));
        assert_eq!(secret.expose_str(), Some("hemlig-nyckel-123"));
    }

    #[test]
    fn memory_store_keeps_environments_apart_and_reports_presence_only() {
        let store = MemorySecrets::default();
        store
            .set(
                Environment::FkTest,
                Credential::ErakKey,
                &SecretBytes::new("k"),
            )
            .unwrap();
        let test = store.presence(Environment::FkTest).unwrap();
        assert!(test[&Credential::ErakKey]);
        assert!(!test[&Credential::EltClientP12]);
        assert!(!store.presence(Environment::Production).unwrap()[&Credential::ErakKey]);
        store
            .delete(Environment::FkTest, Credential::ErakKey)
            .unwrap();
        store
            .delete(Environment::FkTest, Credential::ErakKey)
            .unwrap();
        assert_eq!(
            store.get(Environment::FkTest, Credential::ErakKey).unwrap(),
            None
        );
    }

    #[test]
    fn credential_tokens_round_trip() {
        for c in Credential::ALL {
            assert_eq!(Credential::parse(c.as_str()), Some(c));
        }
    }
}
