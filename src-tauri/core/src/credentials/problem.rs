//! [`SealedProblem`]: why a sealed credential could not be read. A leaf (carried by
//! [`crate::error::Error`]), so it depends only on [`super::credential`].

use super::credential::Credential;
use crate::message::{Key, Message};

/// Why a sealed credential could not be read. The file is left as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SealedProblem {
    /// The sealed file is there, its key is not in the keyring.
    #[error("{}", self.message())]
    KeyMissing { credential: Credential },
    /// The file does not open with the key: it was changed or damaged, or the key is another.
    #[error("{}", self.message())]
    Unreadable { credential: Credential },
}

impl SealedProblem {
    /// What to tell the user.
    pub fn message(&self) -> Message {
        Message::new(match self {
            SealedProblem::KeyMissing { .. } => Key::SealedKeyMissing,
            SealedProblem::Unreadable { .. } => Key::SealedUnreadable,
        })
    }

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
