//! The app's state: the open Timbok installation (database and clock) behind a mutex.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::Manager;
use timbok_core::Timbok;

/// Environment variable that points the app at another data folder (used by the end-to-end
/// tests and by support to open a copy of a user's data).
pub const DATA_DIR_ENV: &str = "TIMBOK_DATA_DIR";

pub struct AppState {
    pub data_dir: PathBuf,
    /// `Err` when the database could not be opened: every command then answers with that error,
    /// so the window can still show the user what is wrong and what to do.
    pub timbok: Result<Mutex<Timbok>, timbok_core::Error>,
}

impl AppState {
    pub fn open(data_dir: &Path) -> AppState {
        let db = data_dir.join(timbok_core::DATABASE_FILE_NAME);
        let timbok = Timbok::open(&db).map(Mutex::new);
        if let Err(error) = &timbok {
            tracing::error!(%error, "the database could not be opened");
        }
        AppState {
            data_dir: data_dir.to_path_buf(),
            timbok,
        }
    }
}

/// The data folder: `$TIMBOK_DATA_DIR` if set, else the OS's app data folder.
pub fn data_dir(app: &tauri::AppHandle) -> Result<PathBuf, Box<dyn std::error::Error>> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV) {
        return Ok(PathBuf::from(dir));
    }
    Ok(app.path().app_data_dir()?)
}

/// Logs go to stderr; the level comes from `TIMBOK_LOG` (default `info`). Log lines never carry
/// personal data (see docs/architecture.md, "Logging").
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("TIMBOK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
