//! Backup, restore and export on the wire (docs/ipc.md, "Backup, restore, export").

use base64::Engine;
use serde::Serialize;
use timbok_core::backup::{Manifest, Restored};
use timbok_core::safekeeping::{AutomaticBackup as CoreAutomaticBackup, SavedBackup};
use ts_rs::TS;

use super::IpcError;

/// What a backup holds (shown before anything is replaced).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupContents {
    /// `YYYY-MM-DDTHH:MM:SS`, Swedish time.
    pub created_at: String,
    /// `demo` | `fk_test` | `production`.
    pub environment: String,
    pub person_name: Option<String>,
    pub assistants: u64,
    pub shifts: u64,
    pub time_reports: u64,
    pub invoices: u64,
}

impl From<&Manifest> for BackupContents {
    fn from(m: &Manifest) -> BackupContents {
        BackupContents {
            created_at: m.created_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            environment: m.environment.clone(),
            person_name: m.person_name.clone(),
            assistants: m.assistants,
            shifts: m.shifts,
            time_reports: m.time_reports,
            invoices: m.invoices,
        }
    }
}

/// A backup the user made: the file and what it holds.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSaved {
    pub path: String,
    pub contents: BackupContents,
}

impl From<&SavedBackup> for BackupSaved {
    fn from(s: &SavedBackup) -> BackupSaved {
        BackupSaved {
            path: s.path.display().to_string(),
            contents: BackupContents::from(&s.manifest),
        }
    }
}

/// A restore done: what is in the database now, and where the replaced one was backed up.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreDone {
    pub contents: BackupContents,
    pub previous_backup: Option<String>,
}

impl From<&Restored> for RestoreDone {
    fn from(r: &Restored) -> RestoreDone {
        RestoreDone {
            contents: BackupContents::from(&r.manifest),
            previous_backup: r.previous.as_ref().map(|p| p.display().to_string()),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct AutomaticBackup {
    pub name: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `daily` | `before_restore`.
    #[ts(type = "AutomaticBackupKind")]
    pub kind: &'static str,
}

impl From<&CoreAutomaticBackup> for AutomaticBackup {
    fn from(b: &CoreAutomaticBackup) -> AutomaticBackup {
        AutomaticBackup {
            name: b.name.clone(),
            date: b.date.format("%Y-%m-%d").to_string(),
            kind: b.kind.as_str(),
        }
    }
}

/// The backup file the user picked, read by the web view and sent as base64.
pub fn backup_file(base64: &str) -> Result<Vec<u8>, IpcError> {
    base64::engine::general_purpose::STANDARD
        .decode(base64.trim())
        .map_err(|_| IpcError::invalid("file", timbok_core::message::Key::IpcBackupFileIncomplete))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn contents_are_camel_case_with_the_time_to_the_second() {
        let manifest = Manifest {
            format_version: 1,
            created_at: chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
                .unwrap()
                .and_hms_opt(9, 30, 5)
                .unwrap(),
            app_version: "0.1.0".into(),
            environment: "fk_test".into(),
            person_name: Some("Elsa Demosson".into()),
            assistants: 3,
            shifts: 40,
            time_reports: 2,
            invoices: 1,
        };
        assert_eq!(
            serde_json::to_value(BackupContents::from(&manifest)).unwrap(),
            json!({"createdAt": "2026-12-07T09:30:05", "environment": "fk_test",
                   "personName": "Elsa Demosson", "assistants": 3, "shifts": 40,
                   "timeReports": 2, "invoices": 1})
        );
    }

    #[test]
    fn a_broken_file_is_an_error_on_the_file_field() {
        assert_eq!(backup_file("AAEC").unwrap(), vec![0, 1, 2]);
        let error = backup_file("inte base64!").unwrap_err();
        assert_eq!(error.field.as_deref(), Some("file"));
    }
}
