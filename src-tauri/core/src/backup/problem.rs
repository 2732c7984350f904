//! [`BackupProblem`]: why a backup could not be made, read or restored. A leaf (carried by
//! [`crate::error::Error`]), so it imports nothing of the crate.

/// Why a backup could not be made, read or restored. Nothing was replaced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupProblem {
    #[error("Lösenordet måste vara minst {min} tecken långt. Välj ett längre lösenord (gärna några ord) och skriv ner det på ett säkert ställe.")]
    PassphraseTooShort { min: usize },
    #[error("De två lösenorden är inte lika. Skriv samma lösenord i båda fälten.")]
    PassphrasesDiffer,
    #[error("Lösenordet stämmer inte för den här säkerhetskopian. Kontrollera lösenordet (stora och små bokstäver) och försök igen. Ingenting har ändrats.")]
    WrongPassphrase,
    #[error("Filen är inte en säkerhetskopia från Timbok, eller så är den skadad. Välj en annan fil. Ingenting har ändrats.")]
    Damaged,
    #[error("Säkerhetskopian har gjorts av en nyare version av Timbok (format {found}). Installera den senaste versionen av Timbok och försök igen. Ingenting har ändrats.")]
    TooNew { found: u32 },
    #[error("Den automatiska säkerhetskopian kan inte öppnas: nyckeln finns inte i den här datorns nyckelring. Använd en säkerhetskopia med lösenord. Ingenting har ändrats.")]
    KeyMissing,
    #[error("Säkerhetskopian gäller {found} men Timbok är i {expected}. Byt miljö under Inställningar först. Ingenting har ändrats.")]
    OtherEnvironment { found: String, expected: String },
    #[error("Databasen att säkerhetskopiera finns inte. Ingenting har skrivits.")]
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
