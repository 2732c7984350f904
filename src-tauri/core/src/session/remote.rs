//! The session's remote side: the environment's services, the BankID signing desk, the invoice
//! desk and the outbox's sender, built on first need and anew when the environment or the
//! settings change; in demo they talk to the shell's simulator ([`DemoRemote`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use crate::bankid::journalled::JournalledTransport;
use crate::connection::{Target, Trust};
use crate::credentials::SecretStore;
use crate::elt::client::HttpsTransport as EltHttps;
use crate::endpoints::Endpoints;
use crate::invoice::desk::Surface;
use crate::invoice::desk::{ErakSetup, InvoiceDesk};
use crate::message::Key;
use crate::outbox::Sender;
use crate::pkcs12::ClientIdentity;
use crate::reports::signing::SigningDesk;
use crate::services::Services;
use crate::settings::Environment;
use crate::{Clock, Error, Result};

use super::Session;

/// What demo's remote side gives the session: the endpoints and trust to talk to, and the
/// credentials to talk with (the simulator's own, never written to the keyring).
#[derive(Clone)]
pub struct DemoAccess {
    pub target: Target,
    pub secrets: Arc<dyn SecretStore>,
}

/// Demo's remote side, which the shell runs (the app: `timbok-sim` inside the app). Started on
/// the first need, with its data in `dir` and on the session's clock (its BankID signs at the
/// session's time, so the signature's date is the one the reports carry).
#[async_trait::async_trait]
pub trait DemoRemote: Send + Sync {
    /// Starts it; the error is the core's (the detail goes to the log).
    async fn start(&self, dir: &std::path::Path, clock: Clock) -> Result<DemoAccess>;

    /// Stops it and waits for it.
    async fn stop(&self);
}

/// The remote side of one database: the environment's services, the BankID signing desk (every
/// call journalled) and the invoice desk. The session keeps one for the current environment;
/// the CLI's demo commands build one on the simulator they start. Nothing else builds these.
pub struct Remote {
    pub environment: Environment,
    database: PathBuf,
    services: Services,
    secrets: Arc<dyn SecretStore>,
    signing: SigningDesk,
    invoices: Result<InvoiceDesk>,
    clock: Clock,
}

impl Remote {
    /// Connects the services of `target` with the credentials in `secrets`, for the database
    /// at `database` (its call journal, outbox and invoices). FK's signing page opens on
    /// `surface`. Invoices still waiting when it last ran are asked after.
    pub fn connect(
        database: &Path,
        target: &Target,
        secrets: Arc<dyn SecretStore>,
        surface: Arc<dyn Surface>,
        clock: Clock,
    ) -> Result<Remote> {
        let services = Services::connect(target, secrets.as_ref())?;
        // Every BankID call goes to the call journal (redacted).
        let signing = SigningDesk::new(Arc::new(JournalledTransport::new(
            services.bankid.clone(),
            database,
            clock,
        )));
        let endpoints = services.endpoints().clone();
        // Each service needs its own credential; one that is missing stops only that service.
        let invoices = services.erak(secrets.as_ref()).map(|erak| {
            InvoiceDesk::new(
                database,
                ErakSetup {
                    client: erak,
                    base_url: endpoints.erak_base_url.clone(),
                    signing_origin: endpoints.erak_signing_origin.clone(),
                    supplier: services.supplier(),
                },
                surface,
                clock,
            )
        });
        // Invoices still waiting when the app last closed: ask E-RÄK how they went.
        if let Ok(desk) = &invoices {
            if let Err(error) = desk.resume_open() {
                tracing::warn!(%error, "waiting invoices could not be resumed");
            }
        }
        Ok(Remote {
            environment: target.environment,
            database: database.to_path_buf(),
            services,
            secrets,
            signing,
            invoices,
            clock,
        })
    }

    /// How often the invoice desk asks E-RÄK and how long it waits for a signature.
    pub fn with_invoice_timing(mut self, poll: Duration, max_wait: Duration) -> Remote {
        self.invoices = self.invoices.map(|desk| desk.with_timing(poll, max_wait));
        self
    }

    /// The BankID signing desk.
    pub fn signing(&self) -> &SigningDesk {
        &self.signing
    }

    /// The invoice desk, or why there is none (the E-RÄK key is not saved).
    pub fn invoices(&self) -> Result<&InvoiceDesk> {
        self.invoices.as_ref().map_err(super::duplicate)
    }

    /// A sender of the database's outbox through ELT, or why there is none (no ELT
    /// certificate).
    pub fn sender(&self) -> Result<Sender> {
        Ok(Sender::new(
            &self.database,
            self.services.elt()?,
            self.clock,
        ))
    }

    pub fn endpoints(&self) -> &Endpoints {
        self.services.endpoints()
    }

    pub(super) fn secrets(&self) -> &dyn SecretStore {
        self.secrets.as_ref()
    }
}

/// A sender of the outbox of the database at `database` to the ELT endpoint `elt_url`, with the
/// supplier's client certificate `identity`, trusting `trust` (`timbok-cli send-queued`).
pub fn elt_sender(
    database: &Path,
    elt_url: &str,
    trust: &Trust,
    identity: &ClientIdentity,
    clock: Clock,
) -> Result<Sender> {
    let transport = EltHttps::new(elt_url, trust, identity).map_err(Error::invalid_input)?;
    Ok(Sender::new(database, Arc::new(transport), clock))
}

/// The remote side of the session's current environment, with the outbox's sender running.
pub(super) struct Runtime {
    pub remote: Remote,
    /// The settings generation it was built from.
    generation: u64,
    wake: Arc<tokio::sync::Notify>,
    /// The outbox's sender; `None` without an ELT certificate.
    sender: Option<tokio::task::JoinHandle<()>>,
}

impl Runtime {
    /// Refuses, naming what to save, when there is no ELT certificate to send with.
    pub fn require_sender(&self) -> Result<()> {
        match self.sender {
            Some(_) => Ok(()),
            None => self.remote.services.elt().map(|_| ()),
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

impl Session {
    /// The services of the current environment (in demo: the shell's simulator, started now if
    /// needed), with the outbox's sender running. A report left `sending` by a crash becomes
    /// uncertain when the sender starts. Must run inside a tokio runtime.
    pub(super) async fn runtime(&self) -> Result<Arc<Runtime>> {
        let environment = self.environment()?;
        let generation = self.settings_generation.load(Ordering::SeqCst);
        let mut guard = self.runtime.lock().await;
        if let Some(runtime) = guard
            .as_ref()
            .filter(|r| r.remote.environment == environment && r.generation == generation)
        {
            return Ok(runtime.clone());
        }
        *guard = None;
        let (target, secrets) = self.connection_target().await?;
        let database = self.installation.database_path(environment);
        let remote = Remote::connect(&database, &target, secrets, self.surface(), self.clock)?;
        let wake = Arc::new(tokio::sync::Notify::new());
        let sender = match remote.sender() {
            Ok(sender) => {
                sender.recover()?;
                Some(tokio::spawn(sender.run_forever(wake.clone())))
            }
            Err(error) => {
                tracing::info!(%error, "no ELT certificate: the outbox does not send");
                None
            }
        };
        let runtime = Arc::new(Runtime {
            remote,
            generation,
            wake,
            sender,
        });
        *guard = Some(runtime.clone());
        tracing::info!(environment = environment.as_str(), "services started");
        Ok(runtime)
    }

    /// Stops the services (switching environment, resetting the demo, at exit).
    pub(super) async fn stop_runtime(&self) {
        self.runtime.lock().await.take();
    }

    /// Stops the services and waits until the outbox's sender has let go of its connection
    /// (a file that is open cannot be replaced on Windows). A use case still holding the
    /// services keeps them until it ends.
    pub(super) async fn stop_runtime_and_wait(&self) {
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

    /// What the services talk to, with the store its credentials come from: in demo the
    /// shell's simulator (started now if it is not running), else the saved endpoints and the
    /// session's secrets.
    pub(super) async fn connection_target(&self) -> Result<(Target, Arc<dyn SecretStore>)> {
        if self.environment()? != Environment::Demo {
            let target = self.with(|t| t.connection_target())?;
            return Ok((target, self.secrets.clone()));
        }
        let demo = self
            .demo
            .as_ref()
            .ok_or_else(|| Error::Internal(Key::SimulatorFailed.into()))?;
        let mut access = self.demo_access.lock().await;
        if access.is_none() {
            let dir = self.installation.data_dir().join("demo").join("simulator");
            *access = Some(demo.start(&dir, self.clock).await?);
        }
        let running = access.as_ref().expect("started above");
        Ok((running.target.clone(), running.secrets.clone()))
    }
}
