//! The one error type of `timbok-core`.
//!
//! Every `Display` text is Swedish, for the user, and names what to fix. No message, here or in
//! any variant's payload that is printed, carries a personnummer, a name or a phone number: say
//! "personnumret", never the number. The IPC edge maps variants to codes (`docs/ipc.md`); it must
//! not match on the text. This module depends on no tauri and no network code.

use std::path::PathBuf;

use crate::identity::IdError;

pub type Result<T> = std::result::Result<T, Error>;

/// What a [`Error::NotFound`] could not find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    Household,
    Assistant,
    Shift,
    TimeReport,
    Invoice,
    SigningSession,
}

impl std::fmt::Display for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Entity::Household => {
                "Uppgifterna om hushållet finns inte. Fyll i och spara dem först."
            }
            Entity::Assistant => {
                "Assistenten finns inte längre. Den kan ha tagits bort; uppdatera listan och försök igen."
            }
            Entity::Shift => {
                "Passet finns inte längre. Det kan ha tagits bort; uppdatera listan och försök igen."
            }
            Entity::TimeReport => {
                "Tidsredovisningen finns inte. Lås månaden för assistenten först."
            }
            Entity::Invoice => "Räkningen för månaden finns inte. Öppna räkningen och fyll i den först.",
            Entity::SigningSession => {
                "Signeringen finns inte längre. Starta en ny signering."
            }
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An identity number in the input failed its check. `field` is the dotted input path
    /// (`person.personnummer`, `provider.organisationsnummer`, `personnummer`, …).
    #[error("{source}")]
    InvalidId { field: String, source: IdError },

    /// The input breaks a rule. `field` is the dotted input path, or `None` when the rule is not
    /// about one field. `message` is the Swedish text for the user.
    #[error("{message}")]
    Invalid {
        field: Option<String>,
        message: String,
    },

    /// An import file was refused as a whole; nothing was written. Every problem is listed.
    #[error("Filen importerades inte, inget har ändrats. Rätta det här och försök igen:\n{}", list_problems(.0))]
    ImportRejected(Vec<crate::import::problem::ImportProblem>),

    /// The OS keyring could not be used. The message says what to do; it never holds a secret.
    #[error("{0}")]
    Keyring(String),

    /// A sealed credential file (a .p12 in the data folder) could not be opened; it is left as
    /// it is. `SealedProblem::code` names which problem.
    #[error("{0}")]
    Sealed(#[from] crate::credentials::problem::SealedProblem),

    /// A backup could not be written, read or restored; nothing was replaced.
    #[error("{0}")]
    Backup(#[from] crate::backup::problem::BackupProblem),

    /// The thing referred to (by id) does not exist.
    #[error("{0}")]
    NotFound(Entity),

    /// The database file is not a Timbok database or is damaged. It has not been changed.
    /// (The path is for the program; it is not part of the message, it may contain a user name.)
    #[error("Databasfilen går inte att läsa: den är skadad eller är inte en Timbok-databas. Filen har inte ändrats. Återställ en säkerhetskopia eller kontakta supporten.")]
    DatabaseCorrupt { path: PathBuf },

    /// The database was written by a newer Timbok. It has not been changed.
    #[error("Databasen har sparats av en nyare version av Timbok (databasversion {found}, den här versionen kan läsa till och med {supported}). Installera den senaste versionen av Timbok.")]
    DatabaseTooNew { found: u32, supported: u32 },

    /// The database file is encrypted and its key (the keyring entry named after the file's
    /// salt) is not in this computer's keyring: the file comes from another computer, or the
    /// keyring was reset. The file has not been changed. Code `database_key_missing`.
    #[error("Databasen är krypterad och nyckeln till den finns inte i den här datorns nyckelring (filen kan komma från en annan dator, eller nyckelringen har återställts). Databasfilen har inte ändrats. Återställ en säkerhetskopia med ditt lösenord under Inställningar, eller kontakta supporten.")]
    DatabaseKeyMissing,

    /// The key in the keyring does not open the database file (another key under the same name,
    /// or the file's first page is damaged). The file has not been changed. Code
    /// `database_key_wrong`.
    #[error("Nyckeln i datorns nyckelring öppnar inte databasen: nyckeln hör inte till filen, eller filen är skadad. Databasfilen har inte ändrats. Återställ en säkerhetskopia med ditt lösenord under Inställningar, eller kontakta supporten.")]
    DatabaseKeyWrong,

    /// Any other database failure.
    #[error("Det gick inte att läsa eller spara i databasen. Försök igen. Om felet finns kvar, starta om Timbok eller kontakta supporten.")]
    Storage(#[source] rusqlite::Error),

    /// FK or BankID could not be reached, or answered with a server error. Nothing is lost; the
    /// message (Swedish) says to try again later.
    #[error("{0}")]
    Network(String),

    /// The action does not fit the state of the report or invoice; the message says what to do
    /// first.
    #[error("{0}")]
    NotAllowed(String),

    /// Blankett 3059 is missing, not the version Timbok knows, or could not be filled in.
    #[error("{0}")]
    Blankett(#[from] crate::blankett3059::problem::BlankettError),

    /// A file-system failure.
    #[error("Det gick inte att läsa eller skriva en fil. Kontrollera att det finns plats på disken och att du har behörighet till mappen.")]
    Io(#[from] std::io::Error),
}

/// The message of the schema's trigger that refuses a change to the hours of a report that is
/// queued, being sent or sent (store/schema.rs, migration 3).
pub(crate) const REPORT_IN_OUTBOX: &str = "timbok:report_in_outbox";

/// Swedish text for [`REPORT_IN_OUTBOX`].
pub(crate) const REPORT_IN_OUTBOX_TEXT: &str = "Tidsredovisningen för den här assistenten och månaden är skickad eller på väg till Försäkringskassan, så passen kan inte ändras. Vill du rätta något: lås upp tidsredovisningen under Tidsredovisningar (det blir en rättelse som skrivs under och skickas igen).";

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Error {
        if let rusqlite::Error::SqliteFailure(_, Some(message)) = &error {
            if message.contains(REPORT_IN_OUTBOX) {
                return Error::NotAllowed(REPORT_IN_OUTBOX_TEXT.into());
            }
        }
        Error::Storage(error)
    }
}

impl Error {
    /// A rule broken by the input, about `field` (a dotted input path).
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Invalid {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    /// A rule broken by the input that is not about one field.
    pub fn invalid_input(message: impl Into<String>) -> Error {
        Error::Invalid {
            field: None,
            message: message.into(),
        }
    }

    /// An identity number at `field` that failed its check.
    pub fn invalid_id(field: impl Into<String>, source: IdError) -> Error {
        Error::InvalidId {
            field: field.into(),
            source,
        }
    }

    /// The dotted input path the error is about, if it is about one field.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidId { field, .. } => Some(field),
            Error::Invalid { field, .. } => field.as_deref(),
            Error::Sealed(problem) => Some(problem.credential().field()),
            Error::Backup(problem) => problem.field(),
            _ => None,
        }
    }

    /// Whether the error is the input's fault (`invalid_input` on the wire).
    pub fn is_invalid_input(&self) -> bool {
        matches!(
            self,
            Error::InvalidId { .. } | Error::Invalid { .. } | Error::ImportRejected(_)
        )
    }
}

fn list_problems(problems: &[crate::import::problem::ImportProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("- {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::IdType;

    #[test]
    fn field_and_message() {
        let e = Error::invalid_id(
            "person.personnummer",
            IdError::BadCheckDigit(IdType::Personal),
        );
        assert_eq!(e.field(), Some("person.personnummer"));
        assert_eq!(
            e.to_string(),
            "Personnumret har fel kontrollsiffra. Kontrollera den sista siffran."
        );
        assert!(e.is_invalid_input());

        let e = Error::invalid_input("Assistenten har pass.");
        assert_eq!(e.field(), None);
        assert_eq!(Error::NotFound(Entity::Assistant).field(), None);
        assert!(!Error::NotFound(Entity::Shift).is_invalid_input());
    }

    #[test]
    fn storage_message_hides_the_sql_detail() {
        let e = Error::from(rusqlite::Error::QueryReturnedNoRows);
        assert!(e
            .to_string()
            .starts_with("Det gick inte att läsa eller spara"));
        assert!(std::error::Error::source(&e).is_some());
    }
}
