//! Supplier credentials (the ELT client certificate and its passphrase, the E-RÄK key, the
//! BankID RP certificate and passphrase) in the OS keyring: Keychain on macOS, Credential
//! Manager on Windows, Secret Service on Linux, through the `keyring` crate. Never in SQLite,
//! files, logs or IPC replies (security.md); the settings screen only learns which are present.
//!
//! The store is behind the small [`SecretStore`] trait so that tests which are not about the
//! keyring use [`MemorySecrets`]; the real keyring is tested on Linux CI under a D-Bus session
//! with gnome-keyring (`tests/keyring.rs`). The app's store is [`SealedSecrets`] over the
//! [`OsKeyring`]: keyring entries hold only small secrets, the .p12 files are sealed in the data
//! folder with a key from the keyring (`sealed.rs`; Windows refuses entries over 2 560 bytes).

use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::error::{Error, Result};
pub use crate::secret::SecretBytes;
use crate::settings::Environment;

pub mod credential;
pub mod problem;
pub mod sealed;
pub use credential::Credential;
pub use sealed::{SealedProblem, SealedSecrets, MAX_KEYRING_ENTRY_BYTES};

/// The largest .p12 file accepted (a client certificate with its chain is a few kilobytes).
pub const MAX_P12_BYTES: usize = 64 * 1024;
/// The longest passphrase or key accepted, in bytes.
pub const MAX_TEXT_BYTES: usize = 1024;

/// Checks one credential before it is stored, against its partner when that is stored already:
/// a .p12 must open with its stored passphrase, a passphrase must open the stored .p12. So a
/// stored pair always belongs together. Returns the secret as it is to be stored (the E-RÄK
/// key without surrounding blanks from copying).
pub fn check(
    secrets: &dyn SecretStore,
    environment: Environment,
    credential: Credential,
    secret: SecretBytes,
) -> Result<SecretBytes> {
    let field = credential.field();
    if secret.expose().is_empty() {
        return Err(Error::invalid(
            field,
            if credential.is_file() {
                crate::message::Key::P12Empty
            } else {
                crate::message::Key::IpcFieldEmpty
            },
        ));
    }
    match credential {
        Credential::ErakKey => {
            let key = secret.expose_str().map(str::trim).unwrap_or_default();
            if key.is_empty()
                || key.len() > MAX_TEXT_BYTES
                || !key.bytes().all(|b| b.is_ascii_graphic())
            {
                return Err(Error::invalid(
                    field,
                    crate::message::Key::ErakKeyCharacters,
                ));
            }
            Ok(SecretBytes::new(key))
        }
        Credential::EltClientP12 | Credential::BankidRpP12 => {
            if secret.expose().len() > MAX_P12_BYTES {
                return Err(Error::invalid(field, crate::message::Key::P12TooLarge));
            }
            if !crate::pkcs12::looks_like_pkcs12(secret.expose()) {
                return Err(Error::invalid(
                    field,
                    crate::pkcs12::Problem::NotPkcs12.message(),
                ));
            }
            if let Some(passphrase) = secrets.get(environment, passphrase_of(credential))? {
                match crate::pkcs12::ClientIdentity::open(secret.expose(), &passphrase) {
                    Ok(_) => {}
                    Err(crate::pkcs12::Problem::WrongPassphrase) => {
                        return Err(Error::invalid(
                            field,
                            crate::message::Key::StoredPassphraseWrong,
                        ))
                    }
                    Err(problem) => return Err(Error::invalid(field, problem.message())),
                }
            }
            Ok(secret)
        }
        Credential::EltP12Passphrase | Credential::BankidRpPassphrase => {
            if secret.expose().len() > MAX_TEXT_BYTES || secret.expose_str().is_none() {
                return Err(Error::invalid(
                    field,
                    crate::message::Key::PassphraseUnusable,
                ));
            }
            let file = credential.partner().expect("a passphrase has a file");
            if let Some(p12) = secrets.get(environment, file)? {
                match crate::pkcs12::ClientIdentity::open(p12.expose(), &secret) {
                    Ok(_) => {}
                    Err(crate::pkcs12::Problem::WrongPassphrase) => {
                        return Err(Error::invalid(field, crate::message::Key::PassphraseWrong))
                    }
                    Err(problem) => return Err(Error::invalid(file.field(), problem.message())),
                }
            }
            Ok(secret)
        }
    }
}

fn passphrase_of(file: Credential) -> Credential {
    file.partner().expect("a .p12 has a passphrase")
}

/// Runs a keyring call where it cannot clash with tokio. The keyring crate's Secret Service
/// backend (Linux) drives D-Bus with its own runtime's `block_on`, which panics on a thread
/// that is already running tokio tasks (an async command, the connection test): there the call
/// runs on a short-lived thread of its own.
fn off_runtime<T: Send>(call: impl FnOnce() -> T + Send) -> T {
    if tokio::runtime::Handle::try_current().is_ok() {
        std::thread::scope(|scope| match scope.spawn(call).join() {
            Ok(value) => value,
            Err(panic) => std::panic::resume_unwind(panic),
        })
    } else {
        call()
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

/// Named entries in a keyring, each a small secret (under [`MAX_KEYRING_ENTRY_BYTES`]). Only
/// [`SealedSecrets`] and the automatic backups' key (`backup.rs`) use it directly.
pub trait Keyring: Send + Sync {
    fn read(&self, name: &str) -> Result<Option<SecretBytes>>;
    fn write(&self, name: &str, secret: &SecretBytes) -> Result<()>;
    /// Removes it; removing one that is not there is fine.
    fn remove(&self, name: &str) -> Result<()>;
}

impl<K: Keyring + ?Sized> Keyring for std::sync::Arc<K> {
    fn read(&self, name: &str) -> Result<Option<SecretBytes>> {
        (**self).read(name)
    }
    fn write(&self, name: &str, secret: &SecretBytes) -> Result<()> {
        (**self).write(name, secret)
    }
    fn remove(&self, name: &str) -> Result<()> {
        (**self).remove(name)
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

    /// The environment variable that names another service (tests set it, so that a test run
    /// never writes into a developer's real entries).
    pub const SERVICE_ENV: &'static str = "TIMBOK_KEYRING_SERVICE";

    /// The service named by [`OsKeyring::SERVICE_ENV`], else [`OsKeyring::SERVICE`]. The app and
    /// the CLI use this one.
    pub fn from_env() -> OsKeyring {
        match std::env::var(Self::SERVICE_ENV) {
            Ok(service) if !service.trim().is_empty() => OsKeyring::with_service(service),
            _ => OsKeyring::new(),
        }
    }

    /// Another service name (tests, so they never touch a user's real entries).
    pub fn with_service(service: impl Into<String>) -> OsKeyring {
        OsKeyring {
            service: service.into(),
        }
    }

    fn entry(&self, name: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, name).map_err(keyring_error)
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
    use crate::message::{Key, Message};
    Error::Keyring(match error {
        keyring::Error::NoStorageAccess(_) => Key::KeyringLocked.into(),
        keyring::Error::PlatformFailure(_) => Key::KeyringNotAnswering.into(),
        other => Message::new(Key::KeyringFailed).text("reason", other.to_string()),
    })
}

impl Keyring for OsKeyring {
    fn read(&self, name: &str) -> Result<Option<SecretBytes>> {
        let entry = self.entry(name)?;
        match off_runtime(|| entry.get_secret()) {
            Ok(bytes) => Ok(Some(SecretBytes::new(bytes))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(keyring_error(error)),
        }
    }

    fn write(&self, name: &str, secret: &SecretBytes) -> Result<()> {
        let entry = self.entry(name)?;
        off_runtime(|| entry.set_secret(secret.expose())).map_err(keyring_error)?;
        tracing::info!(entry = name, "keyring entry stored");
        Ok(())
    }

    fn remove(&self, name: &str) -> Result<()> {
        let entry = self.entry(name)?;
        match off_runtime(|| entry.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(keyring_error(error)),
        }
    }
}

/// Keyring entries in memory, refusing what Windows' Credential Manager refuses (over 2 560
/// bytes); tests read back every entry that was written.
#[derive(Default)]
pub struct MemoryKeyring {
    entries: Mutex<BTreeMap<String, SecretBytes>>,
}

impl MemoryKeyring {
    /// Windows' limit for one entry's secret (keyring 3.x, `windows.rs`).
    pub const WINDOWS_LIMIT: usize = 2560;

    /// Every entry's name and size in bytes, never its value.
    pub fn sizes(&self) -> BTreeMap<String, usize> {
        self.entries
            .lock()
            .expect("not poisoned")
            .iter()
            .map(|(name, secret)| (name.clone(), secret.expose().len()))
            .collect()
    }
}

impl Keyring for MemoryKeyring {
    fn read(&self, name: &str) -> Result<Option<SecretBytes>> {
        Ok(self
            .entries
            .lock()
            .expect("not poisoned")
            .get(name)
            .cloned())
    }

    fn write(&self, name: &str, secret: &SecretBytes) -> Result<()> {
        if secret.expose().len() > Self::WINDOWS_LIMIT {
            return Err(Error::Keyring(crate::message::Key::KeyringTooLarge.into()));
        }
        self.entries
            .lock()
            .expect("not poisoned")
            .insert(name.into(), secret.clone());
        Ok(())
    }

    fn remove(&self, name: &str) -> Result<()> {
        self.entries.lock().expect("not poisoned").remove(name);
        Ok(())
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

    fn checked(
        store: &MemorySecrets,
        credential: Credential,
        value: impl Into<Vec<u8>>,
    ) -> Result<()> {
        let secret = check(
            store,
            Environment::FkTest,
            credential,
            SecretBytes::new(value),
        )?;
        store.set(Environment::FkTest, credential, &secret)
    }

    #[test]
    fn a_stored_p12_and_its_passphrase_always_open_together() {
        let store = MemorySecrets::default();
        let p12 = crate::pkcs12::tests::self_signed_p12("hemligt");
        // File first, then a wrong and the right passphrase.
        checked(&store, Credential::EltClientP12, p12.clone()).unwrap();
        let wrong = checked(&store, Credential::EltP12Passphrase, "fel").unwrap_err();
        assert_eq!(wrong.field(), Some("eltP12Passphrase"));
        assert!(wrong.to_string().contains("öppnar inte"), "{wrong}");
        assert!(
            !wrong.to_string().contains("fel"),
            "no secret in the message"
        );
        checked(&store, Credential::EltP12Passphrase, "hemligt").unwrap();
        // Another file that the stored passphrase does not open is refused on the file.
        let other = crate::pkcs12::tests::self_signed_p12("annat");
        let error = checked(&store, Credential::EltClientP12, other).unwrap_err();
        assert_eq!(error.field(), Some("eltClientP12"));
        assert!(error.to_string().contains("Ta bort det sparade lösenordet"));
        // The BankID pair is checked the same way, separately.
        checked(&store, Credential::BankidRpPassphrase, "annat").unwrap();
        let error = checked(&store, Credential::BankidRpP12, p12).unwrap_err();
        assert_eq!(error.field(), Some("bankidRpP12"));
    }

    #[test]
    fn files_and_texts_are_checked() {
        let store = MemorySecrets::default();
        let not_p12 = checked(
            &store,
            Credential::EltClientP12,
            "-----BEGIN CERTIFICATE-----",
        )
        .unwrap_err();
        assert_eq!(not_p12.field(), Some("eltClientP12"));
        assert!(not_p12.to_string().contains("PKCS#12"));
        let big = vec![0x30; MAX_P12_BYTES + 1];
        assert!(checked(&store, Credential::BankidRpP12, big).is_err());
        assert_eq!(
            checked(&store, Credential::ErakKey, "")
                .unwrap_err()
                .field(),
            Some("erakKey")
        );
        assert!(checked(&store, Credential::ErakKey, "nyckel med\nradbrytning").is_err());
        // Blanks around a pasted key are dropped.
        checked(&store, Credential::ErakKey, "  abc-123\n").unwrap();
        assert_eq!(
            store
                .get(Environment::FkTest, Credential::ErakKey)
                .unwrap()
                .unwrap()
                .expose(),
            b"abc-123"
        );
        assert!(checked(&store, Credential::EltP12Passphrase, vec![0xff, 0x00]).is_err());
    }

    #[test]
    fn credential_tokens_round_trip() {
        for c in Credential::ALL {
            assert_eq!(Credential::parse(c.as_str()), Some(c));
            if let Some(partner) = c.partner() {
                assert_eq!(partner.partner(), Some(c));
                assert_ne!(partner.is_file(), c.is_file());
            }
        }
    }
}
