//! The session's remote side: the environment's services, the BankID signing desk, the invoice
//! desk and the outbox's sender, built on first need and anew when the environment or the
//! settings change; in demo they talk to the shell's simulator ([`DemoRemote`]).

use std::sync::atomic::Ordering;
use std::sync::Arc;

use crate::bankid::journalled::JournalledTransport;
use crate::connection::Target;
use crate::credentials::SecretStore;
use crate::invoice::desk::{ErakSetup, InvoiceDesk};
use crate::message::Key;
use crate::outbox::Sender;
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

/// The remote side of the current environment.
pub(super) struct Runtime {
    pub environment: Environment,
    /// The settings generation it was built from.
    generation: u64,
    pub services: Services,
    pub secrets: Arc<dyn SecretStore>,
    pub signing: SigningDesk,
    invoices: Result<InvoiceDesk>,
    wake: Arc<tokio::sync::Notify>,
    /// The outbox's sender; `None` without an ELT certificate.
    sender: Option<tokio::task::JoinHandle<()>>,
}

impl Runtime {
    /// The invoice desk, or why there is none (the E-RÄK key is not saved).
    pub fn invoices(&self) -> Result<&InvoiceDesk> {
        self.invoices.as_ref().map_err(super::duplicate)
    }

    /// Refuses, naming what to save, when there is no ELT certificate to send with.
    pub fn require_sender(&self) -> Result<()> {
        match self.sender {
            Some(_) => Ok(()),
            None => self.services.elt().map(|_| ()),
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
            .filter(|r| r.environment == environment && r.generation == generation)
        {
            return Ok(runtime.clone());
        }
        *guard = None;
        let (target, secrets) = self.connection_target().await?;
        let services = Services::connect(&target, secrets.as_ref())?;
        let database = self.installation.database_path(environment);
        // Every BankID call goes to the call journal (redacted).
        let signing = SigningDesk::new(Arc::new(JournalledTransport::new(
            services.bankid.clone(),
            &database,
            self.clock,
        )));
        let endpoints = services.endpoints().clone();
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
                self.surface(),
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
                sender.recover()?;
                Some(tokio::spawn(sender.run_forever(wake.clone())))
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
