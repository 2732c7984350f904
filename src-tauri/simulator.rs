//! The simulator inside the app, for demo mode: `timbok-sim` on 127.0.0.1 with ports the OS
//! picks, started the first time demo needs it (the connection test, later sending), kept in
//! the app state, stopped when the app exits. Its data folder is `<data dir>/demo/simulator`
//! (its test CA is kept there across starts).
//!
//! What the core sees of it is plain core types: a `connection::Target` whose endpoints are the
//! simulator's URLs and whose trust is the simulator's CA and nothing else (demo only), and a
//! `MemorySecrets` with the simulator's own test credentials (its E-RÄK key, its client .p12
//! and passphrase) under `Environment::Demo`. They are never written to the OS keyring or to
//! SQLite, and they are new at every start.

use std::path::Path;
use std::sync::Arc;

use timbok_core::connection::Target;
use timbok_core::credentials::{MemorySecrets, SecretStore};
use timbok_core::services::SimulatorAccess;
use timbok_sim::{RunningSimulator, SimConfig, Simulator};

pub struct InAppSimulator {
    running: RunningSimulator,
    target: Target,
    secrets: Arc<MemorySecrets>,
}

/// Why the simulator could not start (the detail goes to the log).
#[derive(Debug)]
pub struct StartFailed;

impl InAppSimulator {
    /// Starts the simulator with its data in `data_dir`.
    pub async fn start(data_dir: &Path) -> Result<InAppSimulator, StartFailed> {
        let mut config = SimConfig::new(data_dir);
        // Demo: the simulator's "BankID app" signs every order as the requested person after a
        // few seconds, so the whole month can be walked without a phone.
        config.bankid_auto_complete = true;
        let running = Simulator::start(config).await.map_err(|error| {
            tracing::error!(%error, "the in-app simulator did not start");
            StartFailed
        })?;
        let p12 = std::fs::read(running.client_p12_path()).map_err(|error| {
            tracing::error!(%error, "the simulator's client .p12 could not be read");
            StartFailed
        })?;
        let (target, secrets) = SimulatorAccess {
            erak_url: running.erak_url(),
            elt_url: running.elt_url(),
            bankid_url: running.bankid_url(),
            erak_key_header: running.erak_key_header(),
            erak_key: running.erak_key(),
            ca_pem: running.ca_pem(),
            client_p12: p12,
            client_p12_passphrase: running.client_p12_passphrase(),
        }
        .connect()
        .map_err(|error| {
            tracing::error!(%error, "the simulator's endpoints or credentials are not usable");
            StartFailed
        })?;
        tracing::info!("in-app simulator started");
        Ok(InAppSimulator {
            running,
            target,
            secrets: Arc::new(secrets),
        })
    }

    /// What the connection test (and later the clients) talk to in demo.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The simulator's test credentials, under `Environment::Demo`.
    pub fn secrets(&self) -> Arc<dyn SecretStore> {
        self.secrets.clone()
    }

    pub fn running(&self) -> &RunningSimulator {
        &self.running
    }

    /// Stops the listeners and waits for them.
    pub async fn shutdown(self) {
        self.running.shutdown().await;
        tracing::info!("in-app simulator stopped");
    }
}
