//! The one error type of `timbok-core`.
//!
//! Every error carries a [`Message`] for the user (`Error::message`, worded at the edge from the
//! catalogue, see `message.rs`); `Display` is its Swedish rendering and names what to fix. No message, here or in
//! any variant's payload that is printed, carries a personnummer, a name or a phone number: say
//! "personnumret", never the number. The IPC edge maps variants to codes (`docs/ipc.md`); it must
//! not match on the text. This module depends on no tauri and no network code.

use std::path::PathBuf;

use crate::backup::problem::BackupProblem;
use crate::blankett3059::problem::{BlankettError, FORM_VERSION};
use crate::identity::IdError;
use crate::message::{Key, Message, Param};

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

impl Entity {
    /// What to tell the user.
    pub fn message(self) -> Message {
        Message::new(match self {
            Entity::Household => Key::HouseholdNotFound,
            Entity::Assistant => Key::AssistantNotFound,
            Entity::Shift => Key::ShiftNotFound,
            Entity::TimeReport => Key::TimeReportNotFound,
            Entity::Invoice => Key::InvoiceNotFound,
            Entity::SigningSession => Key::SigningSessionNotFound,
        })
    }
}

impl std::fmt::Display for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An identity number in the input failed its check. `field` is the dotted input path
    /// (`person.personnummer`, `provider.organisationsnummer`, `personnummer`, …).
    #[error("{source}")]
    InvalidId { field: String, source: IdError },

    /// The input breaks a rule. `field` is the dotted input path, or `None` when the rule is not
    /// about one field. `message` says what to fix.
    #[error("{message}")]
    Invalid {
        field: Option<String>,
        message: Message,
    },

    /// An import file was refused as a whole; nothing was written. Every problem is listed.
    #[error("{}", import_rejected_text(.0))]
    ImportRejected(Vec<crate::import::problem::ImportProblem>),

    /// The OS keyring could not be used. The message says what to do; it never holds a secret.
    #[error("{0}")]
    Keyring(Message),

    /// A sealed credential file (a .p12 in the data folder) could not be opened; it is left as
    /// it is. `SealedProblem::code` names which problem.
    #[error("{0}")]
    Sealed(#[from] crate::credentials::problem::SealedProblem),

    /// A backup could not be written, read or restored; nothing was replaced.
    #[error("{}", self.message())]
    Backup(#[from] crate::backup::problem::BackupProblem),

    /// The thing referred to (by id) does not exist.
    #[error("{0}")]
    NotFound(Entity),

    /// The database file is not a Timbok database or is damaged. It has not been changed.
    /// (The path is for the program; it is not part of the message, it may contain a user name.)
    #[error("{}", self.message())]
    DatabaseCorrupt { path: PathBuf },

    /// The database was written by a newer Timbok. It has not been changed.
    #[error("{}", self.message())]
    DatabaseTooNew { found: u32, supported: u32 },

    /// The database file is encrypted and its key (the keyring entry named after the file's
    /// salt) is not in this computer's keyring: the file comes from another computer, or the
    /// keyring was reset. The file has not been changed. Code `database_key_missing`.
    #[error("{}", self.message())]
    DatabaseKeyMissing,

    /// The key in the keyring does not open the database file (another key under the same name,
    /// or the file's first page is damaged). The file has not been changed. Code
    /// `database_key_wrong`.
    #[error("{}", self.message())]
    DatabaseKeyWrong,

    /// Any other database failure.
    #[error("{}", self.message())]
    Storage(#[source] rusqlite::Error),

    /// FK or BankID could not be reached, or answered with a server error. Nothing is lost; the
    /// message (Swedish) says to try again later.
    #[error("{0}")]
    Network(Message),

    /// The action does not fit the state of the report or invoice; the message says what to do
    /// first.
    #[error("{0}")]
    NotAllowed(Message),

    /// Blankett 3059 is missing, not the version Timbok knows, or could not be filled in.
    #[error("{}", self.message())]
    Blankett(#[from] crate::blankett3059::problem::BlankettError),

    /// A file-system failure.
    #[error("{}", self.message())]
    Io(#[from] std::io::Error),

    /// Something that should not happen (a poisoned lock, demo's simulator that did not
    /// start); the detail is in the log.
    #[error("{0}")]
    Internal(Message),
}

/// The message of the schema's trigger that refuses a change to the hours of a report that is
/// queued, being sent or sent (store/schema.rs, migration 3).
pub(crate) const REPORT_IN_OUTBOX: &str = "timbok:report_in_outbox";

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Error {
        if let rusqlite::Error::SqliteFailure(_, Some(message)) = &error {
            if message.contains(REPORT_IN_OUTBOX) {
                return Error::NotAllowed(Key::ReportInOutbox.into());
            }
        }
        Error::Storage(error)
    }
}

impl Error {
    /// A rule broken by the input, about `field` (a dotted input path).
    pub fn invalid(field: impl Into<String>, message: impl Into<Message>) -> Error {
        Error::Invalid {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    /// A rule broken by the input that is not about one field.
    pub fn invalid_input(message: impl Into<Message>) -> Error {
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

    /// What to tell the user, as a key and parameters (`Display` is its Swedish rendering).
    pub fn message(&self) -> Message {
        match self {
            Error::InvalidId { source, .. } => source.message(),
            Error::Invalid { message, .. }
            | Error::Keyring(message)
            | Error::Network(message)
            | Error::NotAllowed(message)
            | Error::Internal(message) => message.clone(),
            Error::NotFound(entity) => entity.message(),
            Error::DatabaseCorrupt { .. } => Key::DatabaseCorrupt.into(),
            Error::DatabaseTooNew { found, supported } => Message::new(Key::DatabaseTooNew)
                .number("found", *found)
                .number("supported", *supported),
            Error::DatabaseKeyMissing => Key::DatabaseKeyMissing.into(),
            Error::DatabaseKeyWrong => Key::DatabaseKeyWrong.into(),
            Error::Storage(_) => Key::StorageFailed.into(),
            Error::Io(_) => Key::FileFailed.into(),
            Error::Backup(problem) => backup_message(problem),
            Error::Blankett(problem) => blankett_message(problem),
            Error::ImportRejected(problems) => {
                Message::new(Key::ImportRejected).number("count", problems.len() as i64)
            }
            Error::Sealed(problem) => problem.message(),
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

fn backup_message(problem: &BackupProblem) -> Message {
    let environment = |token: &str| match token {
        "demo" => Param::Key(Key::EnvironmentDemo),
        "fk_test" => Param::Key(Key::EnvironmentFkTest),
        "production" => Param::Key(Key::EnvironmentProduction),
        other => Param::Text(other.to_owned()),
    };
    match problem {
        BackupProblem::PassphraseTooShort { min } => {
            Message::new(Key::BackupPassphraseTooShort).number("min", *min as i64)
        }
        BackupProblem::PassphrasesDiffer => Key::BackupPassphrasesDiffer.into(),
        BackupProblem::WrongPassphrase => Key::BackupWrongPassphrase.into(),
        BackupProblem::Damaged => Key::BackupDamaged.into(),
        BackupProblem::TooNew { found } => Message::new(Key::BackupTooNew).number("found", *found),
        BackupProblem::KeyMissing => Key::BackupKeyMissing.into(),
        BackupProblem::OtherEnvironment { found, expected } => {
            Message::new(Key::BackupOtherEnvironment)
                .with("found", environment(found))
                .with("expected", environment(expected))
        }
        BackupProblem::NothingToBackUp => Key::BackupNothingToBackUp.into(),
    }
}

fn blankett_message(problem: &BlankettError) -> Message {
    match problem {
        BlankettError::Missing => Key::BlankettMissing.into(),
        BlankettError::NotPdf => Key::BlankettNotPdf.into(),
        BlankettError::UnknownVersion { .. } => {
            Message::new(Key::BlankettUnknownVersion).text("version", FORM_VERSION)
        }
        // The box's label is FK's own word on the form.
        BlankettError::TooLong { label, .. } => {
            Message::new(Key::BlankettTooLong).text("label", *label)
        }
        BlankettError::TooManyPeriods { count } => {
            Message::new(Key::BlankettTooManyPeriods).number("count", *count as i64)
        }
        BlankettError::Write(_) => Key::BlankettWriteFailed.into(),
    }
}

/// The Swedish text of a refused import with every problem on its own line (the CLI's output).
fn import_rejected_text(problems: &[crate::import::problem::ImportProblem]) -> String {
    let list = problems
        .iter()
        .map(|p| format!("- {p}"))
        .collect::<Vec<_>>()
        .join("\n");
    Message::new(Key::ImportRejectedList)
        .text("problems", list)
        .to_string()
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

        let e = Error::invalid_input(Key::AssistantDuplicate);
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
