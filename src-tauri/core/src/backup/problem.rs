//! [`BackupProblem`]: why a backup could not be made, read or restored. A leaf (carried by
//! [`crate::error::Error`]), so it imports nothing of the crate.

/// Why a backup could not be made, read or restored. Nothing was replaced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupProblem {
    #[error("backup passphrase shorter than {min} characters")]
    PassphraseTooShort { min: usize },
    #[error("the two backup passphrases differ")]
    PassphrasesDiffer,
    #[error("wrong passphrase for the backup")]
    WrongPassphrase,
    #[error("not a Timbok backup, or damaged")]
    Damaged,
    #[error("backup format {found} is newer than this Timbok")]
    TooNew { found: u32 },
    #[error("the automatic backup's key is not in the keyring")]
    KeyMissing,
    /// `found` and `expected` are environment tokens (`demo`, `fk_test`, `production`).
    #[error("backup of environment {found}, Timbok is in {expected}")]
    OtherEnvironment { found: String, expected: String },
    #[error("no database to back up")]
    NothingToBackUp,
}

impl BackupProblem {
    /// A stable code for programs (logs, the CLI, the IPC edge).
    pub fn code(&self) -> &'static str {
        match self {
            BackupProblem::PassphraseTooShort { .. } => "backup_passphrase_too_short",
            BackupProblem::PassphrasesDiffer => "backup_passphrases_differ",
            BackupProblem::WrongPassphrase => "backup_wrong_passphrase",
            BackupProblem::Damaged => "backup_damaged",
            BackupProblem::TooNew { .. } => "backup_too_new",
            BackupProblem::KeyMissing => "backup_key_missing",
            BackupProblem::OtherEnvironment { .. } => "backup_other_environment",
            BackupProblem::NothingToBackUp => "backup_nothing_to_back_up",
        }
    }

    /// The input field it is about (the passphrase fields of the settings screen).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            BackupProblem::PassphraseTooShort { .. } | BackupProblem::WrongPassphrase => {
                Some("passphrase")
            }
            BackupProblem::PassphrasesDiffer => Some("passphraseAgain"),
            _ => None,
        }
    }
}
