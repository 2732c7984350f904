//! The installation: the data folder, which environment is chosen, and one database per
//! environment, so demo data never mixes with real data and resetting the demo can never touch
//! a real household.
//!
//! ```text
//! <data folder>/environment          "demo" | "fk_test" | "production" (missing: demo)
//! <data folder>/demo/timbok.sqlite3   Demo: the sample household, resettable
//! <data folder>/fk-test/timbok.sqlite3
//! <data folder>/timbok.sqlite3        Production
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::private_files;
use crate::settings::Environment;
use crate::store::Store;
use crate::timbok::{Clock, Timbok, DATABASE_FILE_NAME};

const ENVIRONMENT_FILE: &str = "environment";

pub struct Installation {
    data_dir: PathBuf,
}

impl Installation {
    pub fn new(data_dir: impl Into<PathBuf>) -> Installation {
        Installation {
            data_dir: data_dir.into(),
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The chosen environment; a fresh install (no choice yet) is in demo mode.
    pub fn environment(&self) -> Result<Environment> {
        match fs::read_to_string(self.data_dir.join(ENVIRONMENT_FILE)) {
            Ok(text) => Environment::parse(text.trim())
                .ok_or_else(|| Error::invalid_input(crate::message::Key::EnvironmentFileDamaged)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Environment::Demo),
            Err(e) => Err(e.into()),
        }
    }

    /// Chooses the environment (written atomically: a crash leaves the old or the new choice).
    pub fn set_environment(&self, environment: Environment) -> Result<()> {
        private_files::create_dir_all(&self.data_dir)?;
        let path = self.data_dir.join(ENVIRONMENT_FILE);
        private_files::write_atomically(&path, environment.as_str().as_bytes())?;
        tracing::info!(environment = environment.as_str(), "environment chosen");
        Ok(())
    }

    pub fn database_path(&self, environment: Environment) -> PathBuf {
        match environment {
            Environment::Demo => self.data_dir.join("demo").join(DATABASE_FILE_NAME),
            Environment::FkTest => self.data_dir.join("fk-test").join(DATABASE_FILE_NAME),
            Environment::Production => self.data_dir.join(DATABASE_FILE_NAME),
        }
    }

    /// Opens the environment's database; a demo database that is new gets the sample household.
    pub fn open(&self, environment: Environment, clock: Clock) -> Result<Timbok> {
        let path = self.database_path(environment);
        let fresh = !path.exists();
        let mut store = Store::open(&path)?;
        if fresh && environment == Environment::Demo {
            crate::demo::seed(&mut store, clock.today())?;
        }
        // Whatever an older build, a crash or another program left looser: owner-only again.
        private_files::tighten_tree(&self.data_dir)?;
        Ok(Timbok::with_store(store, clock, environment))
    }

    /// Opens the chosen environment.
    pub fn open_current(&self, clock: Clock) -> Result<Timbok> {
        self.open(self.environment()?, clock)
    }

    /// Chooses `environment` and opens its database.
    pub fn switch(&self, environment: Environment, clock: Clock) -> Result<Timbok> {
        let timbok = self.open(environment, clock)?;
        self.set_environment(environment)?;
        Ok(timbok)
    }

    /// Throws the demo database away and opens a new one with the sample household. Only the
    /// demo database is ever removed.
    pub fn reset_demo(&self, clock: Clock) -> Result<Timbok> {
        let path = self.database_path(Environment::Demo);
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let file = PathBuf::from(format!("{}{suffix}", path.display()));
            match fs::remove_file(&file) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        tracing::info!("demo data reset");
        self.open(Environment::Demo, clock)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn clock() -> Clock {
        Clock::Fixed(
            NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        )
    }

    #[test]
    fn fresh_install_opens_demo_with_the_sample_household() {
        let dir = tempfile::tempdir().unwrap();
        let installation = Installation::new(dir.path());
        assert_eq!(installation.environment().unwrap(), Environment::Demo);
        let timbok = installation.open_current(clock()).unwrap();
        assert_eq!(timbok.environment().unwrap(), Environment::Demo);
        assert_eq!(timbok.assistants().unwrap().len(), 3);
        // Opening again does not seed twice.
        drop(timbok);
        assert_eq!(
            installation
                .open_current(clock())
                .unwrap()
                .assistants()
                .unwrap()
                .len(),
            3
        );
    }

    #[test]
    fn environments_have_their_own_databases_and_reset_touches_only_demo() {
        let dir = tempfile::tempdir().unwrap();
        let installation = Installation::new(dir.path());
        installation
            .set_environment(Environment::Production)
            .unwrap();
        assert_eq!(installation.environment().unwrap(), Environment::Production);
        let production = installation.open_current(clock()).unwrap();
        assert!(
            production.household().unwrap().is_none(),
            "no sample data in production"
        );
        assert_eq!(production.environment().unwrap(), Environment::Production);
        drop(production);
        let production_bytes =
            std::fs::read(installation.database_path(Environment::Production)).unwrap();

        let mut demo = installation.open(Environment::Demo, clock()).unwrap();
        let first = demo.assistants().unwrap()[0].id;
        demo.delete_shift(crate::hours::ShiftId(1)).unwrap();
        let _ = first;
        drop(demo);
        let demo = installation.reset_demo(clock()).unwrap();
        assert_eq!(demo.assistants().unwrap().len(), 3);
        assert_eq!(
            std::fs::read(installation.database_path(Environment::Production)).unwrap(),
            production_bytes
        );
    }

    #[test]
    fn a_damaged_choice_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("environment"), "marsmiljö").unwrap();
        assert!(Installation::new(dir.path())
            .environment()
            .unwrap_err()
            .to_string()
            .contains("Inställningar"));
    }
}
