//! The session: the one façade the app's commands and the CLI call. It owns the installation
//! (data folder, chosen environment), the open `Timbok` of that environment, where secrets are
//! kept, and the remote side (the environment's services, the BankID signing desk, the invoice
//! desk and the outbox's sender), started on first need. Every use case is one method here; the
//! errors are the core's.
//!
//! What only the shell has comes in behind small traits: the [`Surface`] (where FK's signing
//! page and the BankID app open, which window comes forward) and, in demo, the [`DemoRemote`]
//! (the simulator the app runs inside itself).

mod local;
mod remote;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use uuid::Uuid;

use crate::backup::Restored;
use crate::bankid::session::SessionId;
use crate::bankid::Device;
use crate::blankett3059::Form3059;
use crate::connection::{self, Check};
use crate::credentials::{Credential, Keyring, MemoryKeyring, SecretBytes, SecretStore};
use crate::endpoints::{Endpoints, EndpointsDraft};
use crate::hours::{AssistantId, YearMonth};
use crate::invoice::desk::Surface;
use crate::invoice::InvoiceState;
use crate::message::Key;
use crate::reports::signing::{Signer, SigningProgress};
use crate::reports::TimeReportsMonth;
use crate::safekeeping::Safekeeping;
use crate::settings::Environment;
use crate::{Clock, Error, Installation, Result, SettingsOverview, Timbok};

use remote::Runtime;
pub use remote::{elt_sender, DemoAccess, DemoRemote, Remote};

/// A started BankID signing: its session and the reports it signs.
#[derive(Debug, Clone)]
pub struct SigningStarted {
    pub session: SessionId,
    pub report_ids: Vec<Uuid>,
}

/// The façade over one installation (see the module's documentation).
pub struct Session {
    installation: Installation,
    /// `Err` when the database could not be opened: every use case then answers with that
    /// error, so the window can still show the user what is wrong and what to do.
    timbok: Mutex<Result<Timbok>>,
    /// The credentials of FK test and production.
    secrets: Arc<dyn SecretStore>,
    /// Demo's remote side, started on first need (`None`: demo has none, e.g. the CLI).
    demo: Option<Arc<dyn DemoRemote>>,
    demo_access: tokio::sync::Mutex<Option<DemoAccess>>,
    /// The current environment's services, started on first need.
    runtime: tokio::sync::Mutex<Option<Arc<Runtime>>>,
    /// Bumped when endpoints or credentials change: the runtime is then built anew.
    settings_generation: AtomicU64,
    /// Where FK's signing page opens and which window comes forward.
    surface: RwLock<Arc<dyn Surface>>,
    /// The keyring of the automatic backups' key.
    keyring: Arc<dyn Keyring>,
    /// Where backups and exports are written.
    documents: RwLock<PathBuf>,
    /// The clock every use case reads (the system's; fixed in tests and recordings).
    clock: Clock,
}

/// A surface without a window that opens nothing (the shell sets its own).
struct NoSurface;

impl Surface for NoSurface {
    fn open_url(&self, _url: &str) {
        tracing::info!("no surface to open a page on");
    }

    fn bring_to_front(&self) {}
}

impl Session {
    /// The session over the data folder `data_dir`, with FK test's and production's
    /// credentials in `secrets`, the automatic backups' key in `keyring`, time from `clock`.
    pub fn new(
        data_dir: impl Into<PathBuf>,
        secrets: Arc<dyn SecretStore>,
        keyring: Arc<dyn Keyring>,
        clock: Clock,
    ) -> Session {
        let installation = Installation::new(data_dir);
        let documents = installation.data_dir().join("documents");
        let timbok = installation.open_current(clock);
        if let Err(error) = &timbok {
            tracing::error!(%error, "the database could not be opened");
        }
        Session {
            installation,
            timbok: Mutex::new(timbok),
            secrets,
            demo: None,
            demo_access: tokio::sync::Mutex::new(None),
            runtime: tokio::sync::Mutex::new(None),
            settings_generation: AtomicU64::new(0),
            surface: RwLock::new(Arc::new(NoSurface)),
            keyring,
            documents: RwLock::new(documents),
            clock,
        }
    }

    /// As `new`, with the automatic backups' key in memory (tests, the CLI's demo commands).
    pub fn in_memory(
        data_dir: impl Into<PathBuf>,
        secrets: Arc<dyn SecretStore>,
        clock: Clock,
    ) -> Session {
        Session::new(data_dir, secrets, Arc::new(MemoryKeyring::default()), clock)
    }

    /// What demo talks to (started on first need, on this session's clock).
    pub fn with_demo_remote(mut self, demo: Arc<dyn DemoRemote>) -> Session {
        self.demo = Some(demo);
        self
    }

    pub fn installation(&self) -> &Installation {
        &self.installation
    }

    pub fn data_dir(&self) -> &Path {
        self.installation.data_dir()
    }

    /// The clock the use cases read.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Where FK's signing page opens and which window comes forward on the return link.
    pub fn set_surface(&self, surface: Arc<dyn Surface>) {
        *self.surface.write().unwrap_or_else(|p| p.into_inner()) = surface;
    }

    fn surface(&self) -> Arc<dyn Surface> {
        self.surface
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Where backups and exports go.
    pub fn set_documents_dir(&self, dir: PathBuf) {
        *self.documents.write().unwrap_or_else(|p| p.into_inner()) = dir;
    }

    pub fn documents_dir(&self) -> PathBuf {
        self.documents
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    // ---- The open Timbok (the local use cases are in `local.rs`) ----

    /// Runs one use case of the open Timbok (the session's methods; not for the shells).
    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut Timbok) -> Result<T>) -> Result<T> {
        let mut guard = self
            .timbok
            .lock()
            .map_err(|_| Error::Internal(Key::Internal.into()))?;
        match guard.as_mut() {
            Ok(timbok) => f(timbok),
            Err(error) => Err(duplicate(error)),
        }
    }

    /// The environment of the open database.
    pub fn environment(&self) -> Result<Environment> {
        self.with(|t| t.environment())
    }

    /// Whether something waits to be sent or answered (start the services at launch).
    pub fn has_pending_work(&self) -> bool {
        self.with(|t| t.has_pending_work()).unwrap_or(false)
    }

    /// What the settings screen shows (which credentials are saved, never their values).
    pub fn settings(&self) -> Result<SettingsOverview> {
        self.with(|t| t.settings(self.secrets.as_ref()))
    }

    /// One form field checked by its save's rules ([`Timbok::check_field`]).
    pub fn check_field(&self, field: &str, text: &str) -> Result<Option<String>> {
        self.with(|t| t.check_field(field, text))
    }

    /// Saves the endpoints; the services are built anew on their next use.
    pub fn save_endpoints(&self, endpoints: &EndpointsDraft) -> Result<Endpoints> {
        let saved = self.with(|t| t.save_endpoints(endpoints))?;
        self.settings_changed();
        Ok(saved)
    }

    /// Saves a credential; the services are built anew on their next use.
    pub fn store_credential(
        &self,
        credential: Credential,
        secret: SecretBytes,
    ) -> Result<std::collections::BTreeMap<Credential, bool>> {
        let present =
            self.with(|t| t.store_credential(self.secrets.as_ref(), credential, secret))?;
        self.settings_changed();
        Ok(present)
    }

    /// Removes a credential; the services are built anew on their next use.
    pub fn delete_credential(
        &self,
        credential: Credential,
    ) -> Result<std::collections::BTreeMap<Credential, bool>> {
        let present = self.with(|t| t.delete_credential(self.secrets.as_ref(), credential))?;
        self.settings_changed();
        Ok(present)
    }

    fn settings_changed(&self) {
        self.settings_generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Fills in FK's blankett 3059 (kept in the data folder), writes the PDF into the print
    /// folder (its files older than an hour removed first) and returns its path. The report
    /// becomes `paper`.
    pub fn write_paper_report(&self, month: YearMonth, assistant: AssistantId) -> Result<PathBuf> {
        let form = Form3059::load(self.data_dir())?;
        let folder = self.print_folder();
        self.with(|t| t.write_paper_report(month, assistant, &form, &folder))
    }

    /// Checks the picked file and keeps it as blankett 3059 in the data folder.
    pub fn store_blankett_3059(&self, bytes: &[u8]) -> Result<()> {
        Form3059::store(self.data_dir(), bytes)?;
        Ok(())
    }

    /// Writes the household as import JSON into the documents folder.
    pub fn export_household(&self) -> Result<PathBuf> {
        let folder = self.documents_dir();
        self.with(|t| t.export_household_to(&folder))
    }

    /// The print folder (`<data folder>/utskrifter/`), its files older than an hour removed.
    fn print_folder(&self) -> PathBuf {
        let data_dir = self.data_dir();
        if let Err(error) = crate::private_files::empty_print_folder(
            data_dir,
            Some(crate::private_files::PRINT_LIFETIME),
        ) {
            tracing::warn!(%error, "the print folder could not be emptied");
        }
        crate::private_files::print_folder(data_dir)
    }

    // ---- Environments ----

    /// Switches to `environment` (its own database), stopping the services first.
    pub async fn set_environment(&self, environment: Environment) -> Result<Environment> {
        self.stop_runtime().await;
        self.replace(|i| i.switch(environment, self.clock))
    }

    /// Demo only: removes the demo database and opens a fresh sample household.
    pub async fn reset_demo(&self) -> Result<()> {
        self.with(|t| t.require_demo())?;
        self.stop_runtime().await;
        self.replace(|i| i.reset_demo(self.clock)).map(|_| ())
    }

    /// Replaces the open Timbok with the one `open` gives. On failure the old one stays open.
    fn replace(&self, open: impl FnOnce(&Installation) -> Result<Timbok>) -> Result<Environment> {
        let mut guard = self
            .timbok
            .lock()
            .map_err(|_| Error::Internal(Key::Internal.into()))?;
        // Close the old database first: resetting the demo removes its file.
        let old = std::mem::replace(&mut *guard, Err(Error::Internal(Key::Internal.into())));
        drop(old);
        let opened = open(&self.installation);
        let result = opened
            .as_ref()
            .map_err(duplicate)
            .and_then(|t| t.environment());
        *guard = match opened {
            Ok(timbok) => Ok(timbok),
            Err(error) => self
                .installation
                .open_current(self.clock)
                .map_err(|_| error),
        };
        result
    }

    // ---- Backup and restore ----

    /// Runs `f` with backup and restore of the current environment (also when its database
    /// cannot be opened).
    pub(crate) fn with_safekeeping<T>(
        &self,
        f: impl FnOnce(&Safekeeping<'_>) -> Result<T>,
    ) -> Result<T> {
        let environment = self.installation.environment()?;
        let safekeeping = Safekeeping::new(
            &self.installation,
            environment,
            self.keyring.as_ref(),
            self.clock,
        );
        f(&safekeeping)
    }

    /// Writes a backup locked by the passphrase (typed twice) into the documents folder.
    pub fn create_backup(
        &self,
        passphrase: &str,
        passphrase_again: &str,
    ) -> Result<crate::safekeeping::SavedBackup> {
        let folder = self.documents_dir();
        self.with_safekeeping(|s| s.back_up_to(&folder, passphrase, passphrase_again))
    }

    /// The daily automatic backup (at start). A failure is logged with its code only and stops
    /// nothing.
    pub fn daily_backup(&self) {
        match self.with_safekeeping(|s| s.daily()) {
            Ok(Some(_)) => tracing::info!("daily backup made"),
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, "daily backup failed"),
        }
    }

    /// Runs a restore with every connection to the database closed (the services stopped,
    /// the open Timbok closed), then opens the restored database. On failure nothing was
    /// replaced and the database is opened again as it was.
    pub(crate) async fn restore(
        &self,
        restore: impl FnOnce(&Safekeeping<'_>) -> Result<Restored>,
    ) -> Result<Restored> {
        // The chosen environment, also when its database cannot be opened (a lost key): a
        // restore is the way back then.
        let environment = self.installation.environment()?;
        self.stop_runtime_and_wait().await;
        let mut restored = None;
        self.replace(|installation| {
            let safekeeping =
                Safekeeping::new(installation, environment, self.keyring.as_ref(), self.clock);
            restored = Some(restore(&safekeeping)?);
            installation.open(environment, self.clock)
        })?;
        // Reports or invoices of the restored data that wait go on, as at launch.
        self.resume_pending_work().await;
        restored.ok_or_else(|| Error::Internal(Key::Internal.into()))
    }

    // ---- The remote side ----

    /// Starts the services when reports wait to be sent or invoices for FK's answer (at launch,
    /// after a restore). A failure is logged with its code only.
    pub async fn resume_pending_work(&self) {
        if self.has_pending_work() {
            if let Err(error) = self.runtime().await {
                tracing::warn!(%error, "services could not start");
            }
        }
    }

    /// Tests the connection to every service of the environment (in demo the simulator,
    /// started now if needed).
    pub async fn test_connection(&self) -> Result<Vec<Check>> {
        let (target, secrets) = self.connection_target().await?;
        Ok(connection::test(&target, secrets.as_ref()).await)
    }

    /// Starts the BankID signing of the month's locked reports by `signer`. On this device the
    /// BankID app is started with the autostart link (not in demo: the simulator signs).
    pub async fn start_signing(
        &self,
        month: YearMonth,
        signer: Signer,
        device: Device,
    ) -> Result<SigningStarted> {
        let request = self.with(|t| t.signing_request(month, signer))?;
        let runtime = self.runtime().await?;
        let (session, autostart) = runtime.remote.signing().start(request, device).await?;
        if let Some(link) = autostart.filter(|_| runtime.remote.environment != Environment::Demo) {
            self.surface().start_bankid_app(&link);
        }
        Ok(SigningStarted {
            session,
            report_ids: runtime.remote.signing().report_ids(session),
        })
    }

    /// Where a signing stands; on completion the signature is checked and stored.
    pub async fn signing_status(&self, session: SessionId) -> Result<SigningProgress> {
        let runtime = self.runtime().await?;
        runtime
            .remote
            .signing()
            .poll(session, |request, completion| {
                self.with(|t| t.record_signature(request, completion))
            })
    }

    /// Cancels a signing.
    pub async fn cancel_signing(&self, session: SessionId) -> Result<()> {
        let runtime = self.runtime().await?;
        runtime.remote.signing().cancel(session).await
    }

    /// Queues the month's signed reports and wakes the sender; the month's reports after it.
    pub async fn send_reports(&self, month: YearMonth) -> Result<TimeReportsMonth> {
        let runtime = self.runtime().await?;
        runtime.require_sender()?;
        let reports = self.with(|t| {
            t.queue_reports(month)?;
            t.time_reports(month)
        })?;
        runtime.wake_sender();
        Ok(reports)
    }

    /// Queues one report again and wakes the sender; the month's reports after it.
    pub async fn resend_report(
        &self,
        month: YearMonth,
        assistant: AssistantId,
    ) -> Result<TimeReportsMonth> {
        let runtime = self.runtime().await?;
        runtime.require_sender()?;
        let reports = self.with(|t| {
            t.resend_report(month, assistant)?;
            t.time_reports(month)
        })?;
        runtime.wake_sender();
        Ok(reports)
    }

    /// Posts the month's invoice to E-RÄK and opens FK's signing page; the invoice after it.
    pub async fn submit_invoice(&self, month: YearMonth) -> Result<InvoiceState> {
        let runtime = self.runtime().await?;
        runtime.remote.invoices()?.submit(month).await?;
        self.with(|t| t.invoice_state(month))
    }

    /// Opens FK's signing page of the month's waiting invoice again.
    pub async fn reopen_invoice_page(&self, month: YearMonth) -> Result<()> {
        let runtime = self.runtime().await?;
        runtime.remote.invoices()?.reopen(month)
    }

    /// Withdraws the month's waiting invoice; the invoice after it.
    pub async fn cancel_invoice(&self, month: YearMonth) -> Result<InvoiceState> {
        let runtime = self.runtime().await?;
        runtime.remote.invoices()?.cancel(month).await?;
        self.with(|t| t.invoice_state(month))
    }

    /// Waits until the month's submitted invoice is settled (signed, withdrawn or expired).
    pub async fn wait_invoice_settled(
        &self,
        month: YearMonth,
        timeout: std::time::Duration,
    ) -> Result<crate::invoice::InvoiceStatus> {
        let runtime = self.runtime().await?;
        runtime
            .remote
            .invoices()?
            .wait_settled(month, timeout)
            .await
    }

    /// Writes FK's support report (redacted) into the print folder; its path.
    pub async fn export_support_report(
        &self,
        app_version: &str,
        fingerprint: Option<&str>,
    ) -> Result<PathBuf> {
        let runtime = self.runtime().await?;
        let folder = self.print_folder();
        self.with(|t| {
            t.write_support_report(
                app_version,
                runtime.remote.endpoints(),
                runtime.remote.secrets(),
                fingerprint,
                &folder,
            )
        })
    }

    /// Stops the services and demo's remote side (at exit).
    pub async fn shut_down(&self) {
        self.stop_runtime().await;
        if self.demo_access.lock().await.take().is_some() {
            if let Some(demo) = &self.demo {
                demo.stop().await;
            }
        }
    }
}

/// The same error again (the one the database failed to open with is kept and answered to every
/// use case; the core's error holds I/O and SQLite errors, which do not clone).
fn duplicate(error: &Error) -> Error {
    match error {
        Error::InvalidId { field, source } => Error::InvalidId {
            field: field.clone(),
            source: *source,
        },
        Error::Invalid { field, message } => Error::Invalid {
            field: field.clone(),
            message: message.clone(),
        },
        Error::ImportRejected(problems) => Error::ImportRejected(problems.clone()),
        Error::Keyring(message) => Error::Keyring(message.clone()),
        Error::Sealed(problem) => Error::Sealed(*problem),
        Error::Backup(problem) => Error::Backup(problem.clone()),
        Error::NotFound(entity) => Error::NotFound(*entity),
        Error::DatabaseCorrupt { path } => Error::DatabaseCorrupt { path: path.clone() },
        Error::DatabaseTooNew { found, supported } => Error::DatabaseTooNew {
            found: *found,
            supported: *supported,
        },
        Error::DatabaseKeyMissing => Error::DatabaseKeyMissing,
        Error::DatabaseKeyWrong => Error::DatabaseKeyWrong,
        Error::Storage(error) => {
            Error::Storage(rusqlite::Error::InvalidParameterName(error.to_string()))
        }
        Error::Network(message) => Error::Network(message.clone()),
        Error::NotAllowed(message) => Error::NotAllowed(message.clone()),
        Error::Blankett(problem) => Error::Blankett(problem.clone()),
        Error::Io(error) => Error::Io(std::io::Error::new(error.kind(), error.to_string())),
        other => Error::Internal(other.message()),
    }
}

#[cfg(test)]
mod tests;
