//! [`SealedProblem`]: why a sealed credential could not be read. A leaf (carried by
//! [`crate::error::Error`]), so it depends only on [`super::credential`].

use super::credential::Credential;

/// Why a sealed credential could not be read. The file is left as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SealedProblem {
    /// The sealed file is there, its key is not in the keyring.
    #[error("Nyckeln till den sparade certifikatfilen finns inte i datorns nyckelring (den kan ha tagits bort, eller datamappen kommer från en annan dator). Filen har inte ändrats. Spara certifikatfilen (.p12) igen under Inställningar.")]
    KeyMissing { credential: Credential },
    /// The file does not open with the key: it was changed or damaged, or the key is another.
    #[error("Den sparade certifikatfilen går inte att öppna: den är skadad eller ändrad, eller nyckeln i nyckelringen hör inte till den. Filen har inte ändrats. Spara certifikatfilen (.p12) igen under Inställningar.")]
    Unreadable { credential: Credential },
}

impl SealedProblem {
    /// A stable code for programs (logs, the IPC edge).
    pub fn code(&self) -> &'static str {
        match self {
            SealedProblem::KeyMissing { .. } => "credential_key_missing",
            SealedProblem::Unreadable { .. } => "credential_file_unreadable",
        }
    }

    pub fn credential(&self) -> Credential {
        match *self {
            SealedProblem::KeyMissing { credential } | SealedProblem::Unreadable { credential } => {
                credential
            }
        }
    }
}
