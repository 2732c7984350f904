//! The app's state: the core's `Session` (every use case, the remote side, demo's in-app
//! simulator behind `DemoRemote`) and what only the shell knows: the data and documents folders
//! from the OS, logging, the surface that opens pages with the system's handler.

use std::path::PathBuf;
use std::sync::Arc;

use tauri::Manager;
use timbok_core::credentials::{Keyring, MemoryKeyring, OsKeyring, SealedSecrets, SecretStore};
use timbok_core::invoice::desk::Surface;
use timbok_core::session::Session;
use timbok_core::Clock;

use crate::simulator::InAppSimulator;

/// Environment variable that points the app at another data folder (used by the end-to-end
/// tests and by support to open a copy of a user's data).
pub const DATA_DIR_ENV: &str = "TIMBOK_DATA_DIR";

/// Environment variable for the folder backups and exports are written to (the end-to-end
/// tests; default `<Documents>/Timbok`).
pub const DOCUMENTS_DIR_ENV: &str = "TIMBOK_DOCUMENTS_DIR";

/// What Tauri manages: the session.
pub struct AppState {
    session: Session,
}

/// A surface without a window: opens pages with the system's handler, cannot raise a window.
struct SystemSurface;

impl Surface for SystemSurface {
    fn open_url(&self, url: &str) {
        if let Err(error) = open::that_detached(url) {
            tracing::warn!(%error, "a page could not be opened in the browser");
        }
    }

    fn start_bankid_app(&self, link: &str) {
        if let Err(error) = open::that_detached(link) {
            tracing::warn!(%error, "the BankID app could not be started");
        }
    }

    fn bring_to_front(&self) {}
}

impl AppState {
    /// The app's state with credentials in the OS keyring: small secrets as entries, the .p12
    /// files sealed in the data folder with a key from the keyring (credentials/sealed.rs).
    pub fn open(data_dir: impl Into<PathBuf>) -> AppState {
        let data_dir = data_dir.into();
        // What a crash or the last run left to print is not kept.
        if let Err(error) = timbok_core::private_files::empty_print_folder(&data_dir, None) {
            tracing::warn!(%error, "the print folder could not be emptied");
        }
        let secrets = Arc::new(SealedSecrets::new(OsKeyring::from_env(), &data_dir));
        AppState::with_keyring(data_dir, secrets, Arc::new(OsKeyring::from_env()))
    }

    /// The app's state with credentials in `secrets` and the automatic backups' key in memory
    /// (tests use `MemorySecrets`).
    pub fn with_secrets(data_dir: impl Into<PathBuf>, secrets: Arc<dyn SecretStore>) -> AppState {
        AppState::with_keyring(data_dir, secrets, Arc::new(MemoryKeyring::default()))
    }

    /// The app's state with credentials in `secrets` and the automatic backups' key in
    /// `keyring`.
    pub fn with_keyring(
        data_dir: impl Into<PathBuf>,
        secrets: Arc<dyn SecretStore>,
        keyring: Arc<dyn Keyring>,
    ) -> AppState {
        AppState::with_clock(data_dir, secrets, keyring, Clock::System)
    }

    /// As `with_keyring`, reading the time from `clock` (tests: `Clock::Fixed`; demo's
    /// simulator then runs on it too).
    pub fn with_clock(
        data_dir: impl Into<PathBuf>,
        secrets: Arc<dyn SecretStore>,
        keyring: Arc<dyn Keyring>,
        clock: Clock,
    ) -> AppState {
        let session = Session::new(data_dir, secrets, keyring, clock)
            .with_demo_remote(Arc::new(InAppSimulator::default()));
        session.set_surface(Arc::new(SystemSurface));
        AppState { session }
    }

    /// The core's façade: every use case.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Where backups and exports go (see `documents_dir`).
    pub fn set_documents_dir(&self, dir: PathBuf) {
        self.session.set_documents_dir(dir);
    }

    /// The daily automatic backup (at start).
    pub fn daily_backup(&self) {
        self.session.daily_backup();
    }

    /// Stops the services and the in-app simulator, if it runs (at exit).
    pub async fn stop_simulator(&self) {
        self.session.shut_down().await;
    }
}

/// The data folder: `$TIMBOK_DATA_DIR` if set, else the OS's app data folder.
pub fn data_dir(app: &tauri::AppHandle) -> Result<PathBuf, Box<dyn std::error::Error>> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV) {
        return Ok(PathBuf::from(dir));
    }
    Ok(app.path().app_data_dir()?)
}

/// Where backups and exports are written: `$TIMBOK_DOCUMENTS_DIR` if set, else
/// `<Documents>/Timbok` (the OS's documents folder, or `~/Documents` where none is configured).
pub fn documents_dir(app: &tauri::AppHandle, data_dir: &std::path::Path) -> PathBuf {
    if let Some(dir) = std::env::var_os(DOCUMENTS_DIR_ENV) {
        return PathBuf::from(dir);
    }
    app.path()
        .document_dir()
        .or_else(|_| app.path().home_dir().map(|home| home.join("Documents")))
        .map(|dir| dir.join("Timbok"))
        .unwrap_or_else(|_| data_dir.join("documents"))
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
