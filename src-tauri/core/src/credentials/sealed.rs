//! Credentials that fit every keyring: the small secrets (passphrases, the E-RÄK key) are
//! keyring entries, the .p12 files live in the data folder sealed with XChaCha20-Poly1305 (a
//! random 192-bit nonce per write, `timbok/<environment>/<credential>` as associated data) under
//! a random 256-bit key that is itself a keyring entry. Windows' Credential Manager refuses
//! entries over 2 560 bytes; a .p12 with its chain is larger.
//!
//! ```text
//! keyring  <environment>/<credential>            passphrases, the E-RÄK key (each < 2 KiB)
//! keyring  <environment>/credential_file_key     the sealing key, 64 hex digits
//! <data folder>/credentials/<environment>-<credential>.sealed
//! ```
//!
//! A .p12 that an older Timbok stored as a keyring entry is moved into its sealed file on first
//! use (written, read back, then the big entry removed). A missing or wrong key, or a file that
//! was changed, is a [`SealedProblem`]; nothing is ever deleted because of one.

use std::fs;
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

pub use super::problem::SealedProblem;
use super::{Credential, Keyring, SecretBytes, SecretStore};
use crate::error::{Error, Result};
use crate::settings::Environment;

/// The largest keyring entry Timbok writes (Windows refuses entries over 2 560 bytes).
pub const MAX_KEYRING_ENTRY_BYTES: usize = 2048;

const MAGIC: &[u8; 16] = b"TIMBOK-SEALED-1\n";
const NONCE_BYTES: usize = 24;
const FILE_KEY_ENTRY: &str = "credential_file_key";

/// The [`SecretStore`] Timbok uses: small secrets in `keyring`, files sealed in `data_dir`.
pub struct SealedSecrets<K: Keyring> {
    keyring: K,
    dir: PathBuf,
}

impl<K: Keyring> SealedSecrets<K> {
    /// Files go to `<data_dir>/credentials/` (created owner-only when first needed).
    pub fn new(keyring: K, data_dir: &Path) -> SealedSecrets<K> {
        SealedSecrets {
            keyring,
            dir: data_dir.join("credentials"),
        }
    }

    pub fn keyring(&self) -> &K {
        &self.keyring
    }

    /// Where `credential`'s sealed file is (it may not exist).
    pub fn file_path(&self, environment: Environment, credential: Credential) -> PathBuf {
        self.dir.join(format!(
            "{}-{}.sealed",
            environment.as_str(),
            credential.as_str()
        ))
    }

    fn key(&self, environment: Environment, create: bool) -> Result<Option<[u8; 32]>> {
        let name = entry_name(environment, FILE_KEY_ENTRY);
        if let Some(stored) = self.keyring.read(&name)? {
            let mut key = [0u8; 32];
            match stored
                .expose_str()
                .map(|hex_key| hex::decode_to_slice(hex_key, &mut key))
            {
                Some(Ok(())) => return Ok(Some(key)),
                // A key entry that is not 64 hex digits cannot open anything: as good as missing,
                // and never replaced (a sealed file may still belong to it in a copy somewhere).
                _ => return Ok(None),
            }
        }
        if !create {
            return Ok(None);
        }
        let mut key = [0u8; 32];
        getrandom::fill(&mut key)
            .map_err(|_| Error::Keyring(crate::message::Key::NoRandomKey.into()))?;
        self.keyring
            .write(&name, &SecretBytes::new(hex::encode(key)))?;
        Ok(Some(key))
    }

    fn seal(
        &self,
        environment: Environment,
        credential: Credential,
        secret: &SecretBytes,
    ) -> Result<()> {
        let key = self
            .key(environment, true)?
            .expect("a key is created when missing");
        let mut nonce = [0u8; NONCE_BYTES];
        getrandom::fill(&mut nonce)
            .map_err(|_| Error::Keyring(crate::message::Key::NoRandom.into()))?;
        let aad = associated_data(environment, credential);
        let sealed = XChaCha20Poly1305::new(&key.into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: secret.expose(),
                    aad: aad.as_bytes(),
                },
            )
            .expect("encryption of a bounded message does not fail");
        let mut bytes = Vec::with_capacity(MAGIC.len() + NONCE_BYTES + sealed.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&nonce);
        bytes.extend_from_slice(&sealed);
        crate::store::create_private_dir_all(&self.dir)?;
        write_atomically(&self.file_path(environment, credential), &bytes)
    }

    fn unseal(
        &self,
        environment: Environment,
        credential: Credential,
        bytes: &[u8],
    ) -> Result<SecretBytes> {
        let key = self
            .key(environment, false)?
            .ok_or(Error::Sealed(SealedProblem::KeyMissing { credential }))?;
        let unreadable = Error::Sealed(SealedProblem::Unreadable { credential });
        if bytes.len() < MAGIC.len() + NONCE_BYTES || &bytes[..MAGIC.len()] != MAGIC {
            return Err(unreadable);
        }
        let (nonce, sealed) = bytes[MAGIC.len()..].split_at(NONCE_BYTES);
        let aad = associated_data(environment, credential);
        XChaCha20Poly1305::new(&key.into())
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: aad.as_bytes(),
                },
            )
            .map(SecretBytes::new)
            .map_err(|_| unreadable)
    }

    fn read_file(
        &self,
        environment: Environment,
        credential: Credential,
    ) -> Result<Option<Vec<u8>>> {
        match fs::read(self.file_path(environment, credential)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// A .p12 an older Timbok kept in the keyring: sealed into its file, read back, and only
    /// then the big entry removed (a crash in between leaves both, and the next use finishes).
    fn migrate(
        &self,
        environment: Environment,
        credential: Credential,
        legacy: SecretBytes,
    ) -> Result<SecretBytes> {
        self.seal(environment, credential, &legacy)?;
        let written = self
            .read_file(environment, credential)?
            .ok_or(Error::Sealed(SealedProblem::Unreadable { credential }))?;
        if self.unseal(environment, credential, &written)? != legacy {
            return Err(Error::Sealed(SealedProblem::Unreadable { credential }));
        }
        self.keyring
            .remove(&entry_name(environment, credential.as_str()))?;
        tracing::info!(
            environment = environment.as_str(),
            credential = credential.as_str(),
            "credential moved from the keyring into its sealed file"
        );
        Ok(legacy)
    }
}

impl<K: Keyring> SecretStore for SealedSecrets<K> {
    fn get(&self, environment: Environment, credential: Credential) -> Result<Option<SecretBytes>> {
        let name = entry_name(environment, credential.as_str());
        if !credential.is_file() {
            return self.keyring.read(&name);
        }
        if let Some(bytes) = self.read_file(environment, credential)? {
            return self.unseal(environment, credential, &bytes).map(Some);
        }
        match self.keyring.read(&name)? {
            Some(legacy) => self.migrate(environment, credential, legacy).map(Some),
            None => Ok(None),
        }
    }

    fn set(
        &self,
        environment: Environment,
        credential: Credential,
        secret: &SecretBytes,
    ) -> Result<()> {
        let name = entry_name(environment, credential.as_str());
        if !credential.is_file() {
            if secret.expose().len() > MAX_KEYRING_ENTRY_BYTES {
                return Err(Error::invalid(
                    credential.field(),
                    crate::message::Key::CredentialTooLong,
                ));
            }
            return self.keyring.write(&name, secret);
        }
        self.seal(environment, credential, secret)?;
        // An entry left from before sealed files were used is stale now.
        self.keyring.remove(&name)
    }

    fn delete(&self, environment: Environment, credential: Credential) -> Result<()> {
        let name = entry_name(environment, credential.as_str());
        if credential.is_file() {
            match fs::remove_file(self.file_path(environment, credential)) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        self.keyring.remove(&name)
    }

    /// Presence without opening anything: a sealed file, or an entry not migrated yet.
    fn presence(
        &self,
        environment: Environment,
    ) -> Result<std::collections::BTreeMap<Credential, bool>> {
        Credential::ALL
            .into_iter()
            .map(|c| {
                let present = (c.is_file() && self.file_path(environment, c).exists())
                    || self
                        .keyring
                        .read(&entry_name(environment, c.as_str()))?
                        .is_some();
                Ok((c, present))
            })
            .collect()
    }
}

/// The keyring entry's name (the "user" under Timbok's service), e.g. `fk_test/erak_key`.
pub fn entry_name(environment: Environment, name: &str) -> String {
    format!("{}/{name}", environment.as_str())
}

fn associated_data(environment: Environment, credential: Credential) -> String {
    format!("timbok/{}/{}", environment.as_str(), credential.as_str())
}

pub use crate::private_files::write_atomically;

#[cfg(test)]
mod tests;
