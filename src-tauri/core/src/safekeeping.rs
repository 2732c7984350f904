//! The settings screen's "Säkerhetskopiera", "Återställ" and "Exportera" for the open
//! environment, over [`crate::backup`] and [`crate::export`]: one method per use case, which the
//! app's commands call in one line each.
//!
//! Where files go: the user's own folder for Timbok's files (the app passes
//! `<Documents>/Timbok`), never the data folder, so that a backup is where the user looks for
//! it and can be copied to a USB stick or a cloud folder. A backup's file name carries the
//! date and time (`timbok-säkerhetskopia-2026-12-07-093000.age`); the environment is named too
//! outside production (`…-demo-…`, `…-fk-test-…`).
//!
//! The automatic backups (`AutoBackups`: daily, the last 14, and one before every restore) are
//! in the data folder under a key in this computer's keyring; they are named to the UI by their
//! file name, and only names that [`Safekeeping::automatic`] lists are ever opened.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};

use crate::backup::{self, AutoBackups, Lock, Manifest, Restored};
use crate::credentials::Keyring;
use crate::error::{Error, Result};
use crate::installation::Installation;
use crate::settings::Environment;
use crate::timbok::{Clock, Timbok};

/// A backup the user made: where it is and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedBackup {
    pub path: PathBuf,
    pub manifest: Manifest,
}

/// Which kind of automatic backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutomaticKind {
    /// The first start of a day.
    Daily,
    /// Made just before a restore replaced the database.
    BeforeRestore,
}

impl AutomaticKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AutomaticKind::Daily => "daily",
            AutomaticKind::BeforeRestore => "before_restore",
        }
    }
}

/// One automatic backup, as the settings screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutomaticBackup {
    /// The file's name: what the UI sends back to preview or restore it.
    pub name: String,
    pub date: NaiveDate,
    pub kind: AutomaticKind,
}

/// Backup, restore and export of one environment of an installation.
pub struct Safekeeping<'a> {
    installation: &'a Installation,
    environment: Environment,
    keyring: &'a dyn Keyring,
    clock: Clock,
}

impl<'a> Safekeeping<'a> {
    pub fn new(
        installation: &'a Installation,
        environment: Environment,
        keyring: &'a dyn Keyring,
        clock: Clock,
    ) -> Self {
        Safekeeping {
            installation,
            environment,
            keyring,
            clock,
        }
    }

    fn database(&self) -> PathBuf {
        self.installation.database_path(self.environment)
    }

    fn auto(&self) -> AutoBackups<'a> {
        AutoBackups::new(self.installation.data_dir(), self.environment, self.keyring)
    }

    /// Checks the passphrase (typed twice), writes a backup locked by it into `folder` and
    /// returns where it is and what it holds.
    pub fn back_up_to(&self, folder: &Path, passphrase: &str, again: &str) -> Result<SavedBackup> {
        backup::check_new_passphrase(passphrase, again)?;
        let now = self.clock.now();
        let (bytes, manifest) = backup::create(
            &self.database(),
            self.environment,
            now,
            Lock::Passphrase(passphrase),
        )?;
        let path = folder.join(file_name("säkerhetskopia", self.environment, now, "age"));
        backup::save(&path, &bytes)?;
        Ok(SavedBackup { path, manifest })
    }

    /// What a backup file holds, without replacing anything.
    pub fn preview(&self, bytes: &[u8], passphrase: &str) -> Result<Manifest> {
        backup::preview(bytes, Lock::Passphrase(passphrase))
    }

    /// Replaces the environment's database with the backup's, after an automatic backup of the
    /// one there. The caller must have closed its connection to the database.
    pub fn restore(&self, bytes: &[u8], passphrase: &str) -> Result<Restored> {
        backup::restore(
            bytes,
            Lock::Passphrase(passphrase),
            &self.database(),
            self.environment,
            &self.auto(),
            self.clock.now(),
        )
    }

    /// This environment's automatic backups, newest first.
    pub fn automatic(&self) -> Result<Vec<AutomaticBackup>> {
        let prefix = format!("{}-", self.environment.as_str());
        let mut list: Vec<AutomaticBackup> = self
            .auto()
            .list()?
            .iter()
            .filter_map(|path| {
                let name = path.file_name()?.to_str()?;
                let rest = name.strip_prefix(&prefix)?.strip_suffix(".age")?;
                let date = NaiveDate::parse_from_str(rest.get(..10)?, "%Y-%m-%d").ok()?;
                let kind = if rest.ends_with("-daily") {
                    AutomaticKind::Daily
                } else if rest.ends_with("-before-restore") {
                    AutomaticKind::BeforeRestore
                } else {
                    return None;
                };
                Some(AutomaticBackup {
                    name: name.to_owned(),
                    date,
                    kind,
                })
            })
            .collect();
        list.reverse();
        Ok(list)
    }

    /// What one of the automatic backups holds.
    pub fn preview_automatic(&self, name: &str) -> Result<Manifest> {
        let bytes = self.read_automatic(name)?;
        Ok(self.auto().open(&bytes)?.manifest)
    }

    /// Restores one of the automatic backups (after backing up the database it replaces). The
    /// caller must have closed its connection to the database.
    pub fn restore_automatic(&self, name: &str) -> Result<Restored> {
        let bytes = self.read_automatic(name)?;
        self.auto()
            .restore(&bytes, &self.database(), self.clock.now())
    }

    /// The daily automatic backup: made on the first call of a day, the last 14 kept. `None`
    /// when today's is there already, there is no database yet, or in demo (sample data, which
    /// "Återställ demodata" brings back anyway).
    pub fn daily(&self) -> Result<Option<PathBuf>> {
        if self.environment == Environment::Demo {
            return Ok(None);
        }
        self.auto().daily(&self.database(), self.clock.now())
    }

    /// Reads an automatic backup by a name [`Self::automatic`] lists; any other name (a path,
    /// another environment's file) is not found.
    fn read_automatic(&self, name: &str) -> Result<Vec<u8>> {
        let listed = self.automatic()?.into_iter().any(|b| b.name == name);
        if !listed {
            return Err(Error::invalid(
                "name",
                crate::message::Key::AutomaticBackupGone,
            ));
        }
        Ok(std::fs::read(self.auto().dir().join(name))?)
    }
}

impl Timbok {
    /// "Exportera": writes the household, its assistants and shifts as import JSON
    /// (docs/import.md) into `folder` and returns the file's path.
    pub fn export_household_to(&self, folder: &Path) -> Result<PathBuf> {
        let json = crate::export::household_json(self.store())?;
        let path = folder.join(file_name(
            "export",
            self.environment()?,
            self.clock().now(),
            "json",
        ));
        backup::save(&path, json.as_bytes())?;
        tracing::info!(bytes = json.len(), "household exported");
        Ok(path)
    }
}

/// `timbok-<what>[-<environment>]-YYYY-MM-DD-HHMMSS.<extension>`.
fn file_name(what: &str, environment: Environment, now: NaiveDateTime, extension: &str) -> String {
    let environment = match environment {
        Environment::Production => String::new(),
        Environment::FkTest => "-fk-test".into(),
        Environment::Demo => "-demo".into(),
    };
    format!(
        "timbok-{what}{environment}-{}.{extension}",
        now.format("%Y-%m-%d-%H%M%S")
    )
}

#[cfg(test)]
mod tests;
