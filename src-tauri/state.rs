//! The app's state: the installation (data folder, chosen environment), the open `Timbok` of
//! that environment behind a mutex, where secrets are kept (the OS keyring; injectable for
//! tests), and demo mode's in-app simulator once something has needed it.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tauri::Manager;
use timbok_core::backup::Restored;
use timbok_core::connection::Target;
use timbok_core::credentials::{Keyring, MemoryKeyring, OsKeyring, SealedSecrets, SecretStore};
use timbok_core::safekeeping::Safekeeping;
use timbok_core::settings::Environment;
use timbok_core::{Clock, Installation, Timbok};

use timbok_core::bankid::journalled::JournalledTransport;
use timbok_core::invoice::desk::{ErakSetup, InvoiceDesk, Surface};
use timbok_core::outbox::Sender;
use timbok_core::reports::signing::SigningDesk;
use timbok_core::services::Services;

use crate::ipc::IpcError;
use crate::simulator::InAppSimulator;

/// The remote side of the current environment, started on first use: its services, the
/// BankID signing desk and the outbox's sender (a background task).
pub struct Runtime {
    pub environment: Environment,
    /// The settings generation it was built from (see `AppState::settings_changed`).
    generation: u64,
    pub services: Services,
    pub secrets: Arc<dyn SecretStore>,
    pub signing: SigningDesk,
    invoices: timbok_core::Result<InvoiceDesk>,
    wake: Arc<tokio::sync::Notify>,
    /// The outbox's sender; `None` without an ELT certificate.
    sender: Option<tauri::async_runtime::JoinHandle<()>>,
}

impl Runtime {
    /// The invoice desk, or why there is none (the E-RÄK key is not saved).
    pub fn invoices(&self) -> Result<&InvoiceDesk, IpcError> {
        self.invoices.as_ref().map_err(IpcError::from)
    }

    /// Refuses, naming what to save, when there is no ELT certificate to send with.
    pub fn require_sender(&self) -> Result<(), IpcError> {
        match self.sender {
            Some(_) => Ok(()),
            None => self.services.elt().map(|_| ()).map_err(IpcError::from),
        }
    }

    /// Tells the sender that something was queued.
    pub fn wake_sender(&self) {
        self.wake.notify_one();
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        if let Some(sender) = &self.sender {
            sender.abort();
        }
    }
}

/// Environment variable that points the app at another data folder (used by the end-to-end
/// tests and by support to open a copy of a user's data).
pub const DATA_DIR_ENV: &str = "TIMBOK_DATA_DIR";

/// Environment variable for the folder backups and exports are written to (the end-to-end
/// tests; default `<Documents>/Timbok`).
pub const DOCUMENTS_DIR_ENV: &str = "TIMBOK_DOCUMENTS_DIR";

pub struct AppState {
    pub installation: Installation,
    /// `Err` when the database could not be opened: every command then answers with that error,
    /// so the window can still show the user what is wrong and what to do.
    timbok: Mutex<Result<Timbok, timbok_core::Error>>,
    /// The credentials of FK test and production: the OS keyring.
    secrets: Arc<dyn SecretStore>,
    /// Demo's simulator, started on first use.
    simulator: tauri::async_runtime::Mutex<Option<InAppSimulator>>,
    /// The current environment's services, started on first use.
    runtime: tauri::async_runtime::Mutex<Option<Arc<Runtime>>>,
    /// Bumped when endpoints or credentials change: the runtime is then built anew.
    settings_generation: std::sync::atomic::AtomicU64,
    /// Where FK's signing page is opened and the window brought forward (set by `run()`; tests
    /// without a window keep the logging one).
    surface: std::sync::RwLock<Arc<dyn Surface>>,
    /// The keyring of the automatic backups' key (the OS keyring; in memory for tests).
    keyring: Arc<dyn Keyring>,
    /// Where backups and exports are written: `<Documents>/Timbok`, set by `run()`
    /// (tests: `<data folder>/documents`).
    documents: std::sync::RwLock<PathBuf>,
    /// The clock every use case reads (the system's; fixed in the IPC recordings).
    clock: Clock,
}

/// A surface without a window: opens pages with the system's handler, cannot raise a window.
struct SystemSurface;

impl Surface for SystemSurface {
    fn open_url(&self, url: &str) {
        if let Err(error) = open::that_detached(url) {
            tracing::warn!(%error, "a page could not be opened in the browser");
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

    /// As `with_keyring`, reading the time from `clock` (tests: `Clock::Fixed`).
    pub fn with_clock(
        data_dir: impl Into<PathBuf>,
        secrets: Arc<dyn SecretStore>,
        keyring: Arc<dyn Keyring>,
        clock: Clock,
    ) -> AppState {
        let installation = Installation::new(data_dir);
        let documents = installation.data_dir().join("documents");
        let timbok = installation.open_current(clock);
        if let Err(error) = &timbok {
            tracing::error!(%error, "the database could not be opened");
        }
        AppState {
            installation,
            timbok: Mutex::new(timbok),
            secrets,
            simulator: tauri::async_runtime::Mutex::new(None),
            runtime: tauri::async_runtime::Mutex::new(None),
            surface: std::sync::RwLock::new(Arc::new(SystemSurface)),
            settings_generation: std::sync::atomic::AtomicU64::new(0),
            keyring,
            documents: std::sync::RwLock::new(documents),
            clock,
        }
    }

    /// The clock the use cases read.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Where backups and exports go (see `documents_dir`).
    pub fn set_documents_dir(&self, dir: PathBuf) {
        *self.documents.write().unwrap_or_else(|p| p.into_inner()) = dir;
    }

    pub fn documents_dir(&self) -> PathBuf {
        self.documents
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Runs `f` with backup and restore of the current environment.
    pub fn with_safekeeping<T>(
        &self,
        f: impl FnOnce(&Safekeeping<'_>) -> timbok_core::Result<T>,
    ) -> Result<T, IpcError> {
        // Backups are listed, previewed and restored also when the database cannot be opened.
        let environment = self.installation.environment().map_err(IpcError::from)?;
        let safekeeping = Safekeeping::new(
            &self.installation,
            environment,
            self.keyring.as_ref(),
            self.clock,
        );
        f(&safekeeping).map_err(IpcError::from)
    }

    /// Runs a restore with every connection to the database closed (the services stopped,
    /// the open Timbok closed), then opens the restored database. On failure nothing was
    /// replaced and the database is opened again as it was.
    pub async fn restore(
        &self,
        restore: impl FnOnce(&Safekeeping<'_>) -> timbok_core::Result<Restored>,
    ) -> Result<Restored, IpcError> {
        // The chosen environment, also when its database cannot be opened (a lost key): a
        // restore is the way back then.
        let environment = self.installation.environment().map_err(IpcError::from)?;
        self.stop_runtime_and_wait().await;
        let mut restored = None;
        self.replace(|installation| {
            let safekeeping =
                Safekeeping::new(installation, environment, self.keyring.as_ref(), self.clock);
            restored = Some(restore(&safekeeping)?);
            installation.open(environment, self.clock)
        })?;
        // Reports or invoices of the restored data that wait go on, as at launch.
        if self.has_pending_work() {
            if let Err(error) = self.runtime().await {
                tracing::warn!(code = ?error.code, "services could not start after a restore");
            }
        }
        restored.ok_or_else(IpcError::internal)
    }

    /// Stops the services and waits until the outbox's sender has let go of its connection
    /// (a file that is open cannot be replaced on Windows). A command still holding the
    /// services keeps them until it ends.
    async fn stop_runtime_and_wait(&self) {
        let Some(runtime) = self.runtime.lock().await.take() else {
            return;
        };
        if let Ok(mut runtime) = Arc::try_unwrap(runtime) {
            if let Some(sender) = runtime.sender.take() {
                sender.abort();
                let _ = sender.await;
            }
        }
    }

    /// The daily automatic backup (at start). A failure is logged with its code only and stops
    /// nothing.
    pub fn daily_backup(&self) {
        match self.with_safekeeping(|s| s.daily()) {
            Ok(Some(_)) => tracing::info!("daily backup made"),
            Ok(None) => {}
            Err(error) => tracing::warn!(code = ?error.code, "daily backup failed"),
        }
    }

    /// Endpoints or credentials changed: the next use of the services builds them anew (a
    /// signing or a submission already running keeps the services it started with).
    pub fn settings_changed(&self) {
        self.settings_generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// Where FK's signing page opens and which window comes forward on the return link.
    pub fn set_surface(&self, surface: Arc<dyn Surface>) {
        *self.surface.write().unwrap_or_else(|p| p.into_inner()) = surface;
    }

    /// The services of the current environment (in demo: the in-app simulator, started now if
    /// needed), with the outbox's sender running. A report left `sending` by a crash becomes
    /// uncertain when the sender starts.
    pub async fn runtime(&self) -> Result<Arc<Runtime>, IpcError> {
        let environment = self.with(|t| t.environment())?;
        let generation = self
            .settings_generation
            .load(std::sync::atomic::Ordering::SeqCst);
        let mut guard = self.runtime.lock().await;
        if let Some(runtime) = guard
            .as_ref()
            .filter(|r| r.environment == environment && r.generation == generation)
        {
            return Ok(runtime.clone());
        }
        *guard = None;
        let (target, secrets) = self.connection_target().await?;
        let services = Services::connect(&target, secrets.as_ref()).map_err(IpcError::from)?;
        let database = self.installation.database_path(environment);
        // Every BankID call goes to the call journal (redacted).
        let signing = SigningDesk::new(Arc::new(JournalledTransport::new(
            services.bankid.clone(),
            &database,
            self.clock,
        )));
        let endpoints = services.endpoints().clone();
        let surface = self
            .surface
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        // Each service needs its own credential; one that is missing stops only that service.
        let invoices = services.erak(secrets.as_ref()).map(|erak| {
            InvoiceDesk::new(
                &database,
                ErakSetup {
                    client: erak,
                    base_url: endpoints.erak_base_url.clone(),
                    signing_origin: endpoints.erak_signing_origin.clone(),
                    supplier: services.supplier(),
                },
                surface,
                self.clock,
            )
        });
        // Invoices still waiting when the app last closed: ask E-RÄK how they went.
        if let Ok(desk) = &invoices {
            if let Err(error) = desk.resume_open() {
                tracing::warn!(%error, "waiting invoices could not be resumed");
            }
        }
        let wake = Arc::new(tokio::sync::Notify::new());
        let sender = match services.elt() {
            Ok(elt) => {
                let sender = Sender::new(&database, elt, self.clock);
                sender.recover().map_err(IpcError::from)?;
                Some(tauri::async_runtime::spawn(
                    sender.run_forever(wake.clone()),
                ))
            }
            Err(error) => {
                tracing::info!(%error, "no ELT certificate: the outbox does not send");
                None
            }
        };
        let runtime = Arc::new(Runtime {
            environment,
            generation,
            services,
            secrets,
            signing,
            invoices,
            wake,
            sender,
        });
        *guard = Some(runtime.clone());
        tracing::info!(environment = environment.as_str(), "services started");
        Ok(runtime)
    }

    /// Whether something waits to be sent or answered (start the services at launch).
    pub fn has_pending_work(&self) -> bool {
        self.with(|t| t.has_pending_work()).unwrap_or(false)
    }

    /// Stops the services (switching environment, resetting the demo).
    pub async fn stop_runtime(&self) {
        self.runtime.lock().await.take();
    }

    /// The path of the current environment's database.
    pub fn database_path(&self) -> Result<PathBuf, IpcError> {
        let environment = self.with(|t| t.environment())?;
        Ok(self.installation.database_path(environment))
    }

    /// Where the credentials of FK test and production are kept.
    pub fn secrets(&self) -> &dyn SecretStore {
        self.secrets.as_ref()
    }

    /// What the connection test talks to, with the store its credentials come from: in demo
    /// the in-app simulator (started now if it is not running), else the saved endpoints and
    /// the OS keyring.
    pub async fn connection_target(&self) -> Result<(Target, Arc<dyn SecretStore>), IpcError> {
        if self.with(|t| t.environment())? != Environment::Demo {
            let target = self.with(|t| t.connection_target())?;
            return Ok((target, self.secrets.clone()));
        }
        let mut simulator = self.simulator.lock().await;
        if simulator.is_none() {
            let dir = self.installation.data_dir().join("demo").join("simulator");
            let started = InAppSimulator::start(&dir)
                .await
                .map_err(|_| IpcError::simulator_failed())?;
            *simulator = Some(started);
        }
        let running = simulator.as_ref().expect("started above");
        Ok((running.target().clone(), running.secrets()))
    }

    /// Stops the in-app simulator, if it runs (at exit).
    pub async fn stop_simulator(&self) {
        self.stop_runtime().await;
        if let Some(simulator) = self.simulator.lock().await.take() {
            simulator.shutdown().await;
        }
    }

    /// Runs `f` on the open Timbok and maps its error for the IPC boundary.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Timbok) -> timbok_core::Result<T>,
    ) -> Result<T, IpcError> {
        let mut guard = self.timbok.lock().map_err(|_| IpcError::internal())?;
        let timbok = guard.as_mut().map_err(|e| IpcError::from(&*e))?;
        f(timbok).map_err(IpcError::from)
    }

    /// Runs `f` on the open Timbok, keeping the core's error (for core callbacks).
    pub fn with_core<T>(
        &self,
        f: impl FnOnce(&mut Timbok) -> timbok_core::Result<T>,
    ) -> timbok_core::Result<T> {
        let mut guard = self
            .timbok
            .lock()
            .map_err(|_| timbok_core::Error::invalid_input("Timbok behöver startas om."))?;
        match guard.as_mut() {
            Ok(timbok) => f(timbok),
            Err(_) => Err(timbok_core::Error::invalid_input(
                "Databasen är inte öppen. Starta om Timbok.",
            )),
        }
    }

    /// Replaces the open Timbok with the one `open` gives (switching environment, resetting the
    /// demo). On failure the old one stays open.
    pub fn replace(
        &self,
        open: impl FnOnce(&Installation) -> timbok_core::Result<Timbok>,
    ) -> Result<Environment, IpcError> {
        let mut guard = self.timbok.lock().map_err(|_| IpcError::internal())?;
        // Close the old database first: resetting the demo removes its file.
        let old = std::mem::replace(
            &mut *guard,
            Err(timbok_core::Error::invalid_input("Databasen byts just nu.")),
        );
        drop(old);
        let opened = open(&self.installation);
        let result = opened
            .as_ref()
            .map_err(IpcError::from)
            .and_then(|t| t.environment().map_err(IpcError::from));
        *guard = match opened {
            Ok(timbok) => Ok(timbok),
            Err(error) => self
                .installation
                .open_current(self.clock)
                .map_err(|_| error),
        };
        result
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
