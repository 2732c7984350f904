//! The one error that crosses the IPC boundary: `{code, message, field, key, params}`
//! (docs/ipc.md). `Code` is generated into `ui/src/backend/ipc.gen.ts` and listed in `ui/src/backend/errors.ts`
//! (its typecheck fails when one is missing); the UI branches on it, never
//! on text, and words `key` + `params` from the core's catalogue in its own language
//! (`message` is the Swedish rendering, for logs and older callers).

use serde::Serialize;
use timbok_core::backup::BackupProblem;
use timbok_core::message::{Key, Message};
use timbok_core::Error;

/// Generated into `ui/src/backend/ipc.gen.ts` (the UI's `CODES` must list every one: its
/// typecheck fails otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    InvalidInput,
    NotFound,
    DatabaseCorrupt,
    DatabaseTooNew,
    /// The database is encrypted and its key is not in this computer's keyring.
    DatabaseKeyMissing,
    /// The key in the keyring does not open the database.
    DatabaseKeyWrong,
    Storage,
    Keyring,
    Network,
    NotAllowed,
    /// Blankett 3059 is not stored yet: the UI asks for FK's file.
    BlankettMissing,
    /// The picked file is not the version of blankett 3059 Timbok knows.
    BlankettUnknown,
    /// Backups (`BackupProblem`): nothing was written or replaced.
    BackupPassphraseTooShort,
    BackupPassphrasesDiffer,
    BackupWrongPassphrase,
    BackupDamaged,
    BackupTooNew,
    BackupKeyMissing,
    BackupOtherEnvironment,
    BackupNothingToBackUp,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpcError {
    pub code: Code,
    /// The Swedish rendering of `text`.
    pub message: String,
    pub field: Option<String>,
    /// `key` and `params` on the wire.
    #[serde(flatten)]
    pub text: Message,
}

impl IpcError {
    fn new(code: Code, text: Message, field: Option<String>) -> IpcError {
        IpcError {
            code,
            message: text.to_string(),
            field,
            text,
        }
    }

    pub fn invalid(field: &str, key: Key) -> IpcError {
        IpcError::new(Code::InvalidInput, key.into(), Some(field.into()))
    }

    /// Demo mode's simulator did not start (the detail is in the log).
    pub fn simulator_failed() -> IpcError {
        IpcError::new(Code::Internal, Key::SimulatorFailed.into(), None)
    }

    pub fn internal() -> IpcError {
        IpcError::new(Code::Internal, Key::Internal.into(), None)
    }
}

impl From<&Error> for IpcError {
    fn from(error: &Error) -> IpcError {
        let code = match error {
            Error::InvalidId { .. } | Error::Invalid { .. } | Error::ImportRejected(_) => {
                Code::InvalidInput
            }
            Error::NotFound(_) => Code::NotFound,
            Error::DatabaseCorrupt { .. } => Code::DatabaseCorrupt,
            Error::DatabaseTooNew { .. } => Code::DatabaseTooNew,
            Error::DatabaseKeyMissing => Code::DatabaseKeyMissing,
            Error::DatabaseKeyWrong => Code::DatabaseKeyWrong,
            Error::Storage(_) | Error::Io(_) => Code::Storage,
            Error::Keyring(_) | Error::Sealed(_) => Code::Keyring,
            Error::Backup(problem) => match problem {
                BackupProblem::PassphraseTooShort { .. } => Code::BackupPassphraseTooShort,
                BackupProblem::PassphrasesDiffer => Code::BackupPassphrasesDiffer,
                BackupProblem::WrongPassphrase => Code::BackupWrongPassphrase,
                BackupProblem::Damaged => Code::BackupDamaged,
                BackupProblem::TooNew { .. } => Code::BackupTooNew,
                BackupProblem::KeyMissing => Code::BackupKeyMissing,
                BackupProblem::OtherEnvironment { .. } => Code::BackupOtherEnvironment,
                BackupProblem::NothingToBackUp => Code::BackupNothingToBackUp,
            },
            Error::Network(_) => Code::Network,
            Error::Internal(_) => Code::Internal,
            Error::NotAllowed(_) => Code::NotAllowed,
            Error::Blankett(e) => match e.code() {
                "blankett_missing" => Code::BlankettMissing,
                "blankett_unknown" => Code::BlankettUnknown,
                "invalid_input" => Code::InvalidInput,
                _ => Code::Internal,
            },
        };
        if code == Code::Storage {
            // The detail goes to the log (it names no person), the user gets the Swedish text.
            tracing::warn!(error = ?error, "storage error");
        }
        IpcError::new(code, error.message(), error.field().map(str::to_owned))
    }
}

impl From<Error> for IpcError {
    fn from(error: Error) -> IpcError {
        IpcError::from(&error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use timbok_core::error::Entity;
    use timbok_core::identity::{IdError, IdType};

    #[test]
    fn serialises_as_code_message_field_key_params() {
        let error = IpcError::from(Error::invalid_id(
            "person.personnummer",
            IdError::BadCheckDigit(IdType::Personal),
        ));
        let value = serde_json::to_value(&error).unwrap();
        assert_eq!(value["code"], json!("invalid_input"));
        assert_eq!(value["field"], json!("person.personnummer"));
        assert!(
            value["message"]
                .as_str()
                .unwrap()
                .contains("kontrollsiffra"),
            "{value}"
        );
        assert_eq!(value["key"], json!("id.personnummer_check_digit"));
        assert_eq!(value["params"], json!({}));
        assert_eq!(value.as_object().unwrap().len(), 5);

        let value = serde_json::to_value(IpcError::from(Error::DatabaseTooNew {
            found: 9,
            supported: 8,
        }))
        .unwrap();
        assert_eq!(value["key"], json!("error.database_too_new"));
        assert_eq!(
            value["params"]["found"],
            json!({"type": "number", "value": 9})
        );
        assert!(value["message"]
            .as_str()
            .unwrap()
            .contains("databasversion 9"));
    }

    #[test]
    fn every_code_has_the_token_the_ui_mirrors() {
        // Keep in step with ui/src/backend/errors.ts.
        let tokens: Vec<_> = [
            Code::InvalidInput,
            Code::NotFound,
            Code::DatabaseCorrupt,
            Code::DatabaseTooNew,
            Code::DatabaseKeyMissing,
            Code::DatabaseKeyWrong,
            Code::Storage,
            Code::Keyring,
            Code::Network,
            Code::NotAllowed,
            Code::BlankettMissing,
            Code::BlankettUnknown,
            Code::BackupPassphraseTooShort,
            Code::BackupPassphrasesDiffer,
            Code::BackupWrongPassphrase,
            Code::BackupDamaged,
            Code::BackupTooNew,
            Code::BackupKeyMissing,
            Code::BackupOtherEnvironment,
            Code::BackupNothingToBackUp,
            Code::Internal,
        ]
        .iter()
        .map(|c| serde_json::to_value(c).unwrap())
        .collect();
        assert_eq!(
            tokens,
            [
                json!("invalid_input"),
                json!("not_found"),
                json!("database_corrupt"),
                json!("database_too_new"),
                json!("database_key_missing"),
                json!("database_key_wrong"),
                json!("storage"),
                json!("keyring"),
                json!("network"),
                json!("not_allowed"),
                json!("blankett_missing"),
                json!("blankett_unknown"),
                json!("backup_passphrase_too_short"),
                json!("backup_passphrases_differ"),
                json!("backup_wrong_passphrase"),
                json!("backup_damaged"),
                json!("backup_too_new"),
                json!("backup_key_missing"),
                json!("backup_other_environment"),
                json!("backup_nothing_to_back_up"),
                json!("internal")
            ]
        );
    }

    #[test]
    fn core_errors_map_to_codes() {
        assert_eq!(
            IpcError::from(Error::NotFound(Entity::Assistant)).code,
            Code::NotFound
        );
        assert_eq!(
            IpcError::from(Error::DatabaseTooNew {
                found: 9,
                supported: 1
            })
            .code,
            Code::DatabaseTooNew
        );
        assert_eq!(
            IpcError::from(Error::DatabaseKeyMissing).code,
            Code::DatabaseKeyMissing
        );
        assert_eq!(
            IpcError::from(Error::DatabaseKeyWrong).code,
            Code::DatabaseKeyWrong
        );
        // Every backup problem keeps the core's own code, and its field.
        for problem in [
            BackupProblem::PassphraseTooShort { min: 10 },
            BackupProblem::PassphrasesDiffer,
            BackupProblem::WrongPassphrase,
            BackupProblem::Damaged,
            BackupProblem::TooNew { found: 2 },
            BackupProblem::KeyMissing,
            BackupProblem::OtherEnvironment {
                found: "demo".into(),
                expected: "skarp drift".into(),
            },
            BackupProblem::NothingToBackUp,
        ] {
            let error = IpcError::from(Error::Backup(problem.clone()));
            assert_eq!(
                serde_json::to_value(error.code).unwrap(),
                json!(problem.code())
            );
            assert_eq!(error.field.as_deref(), problem.field());
        }
        let no_field = IpcError::from(Error::NotFound(Entity::Assistant));
        assert_eq!(
            serde_json::to_value(&no_field).unwrap()["field"],
            json!(null)
        );
    }
}
