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

use timbok_core::connection::{Target, Trust};
use timbok_core::credentials::{Credential, MemorySecrets, SecretBytes, SecretStore};
use timbok_core::endpoints::EndpointsDraft;
use timbok_core::settings::Environment;
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
        let running = Simulator::start(config)
            .await
            .map_err(|error| {
                tracing::error!(%error, "the in-app simulator did not start");
                StartFailed
            })?;
        let endpoints = EndpointsDraft {
            erak_base_url: running.erak_url().into(),
            // FK's signing page is served by the simulator's E-RÄK listener.
            erak_signing_origin: running.erak_url().into(),
            erak_key_header: running.erak_key_header().into(),
            elt_url: running.elt_url().into(),
            bankid_base_url: running.bankid_url().into(),
            supplier_name: "Timbok demo".into(),
            supplier_id: "timbok-demo".into(),
        }
        .validate(Environment::Demo)
        .map_err(|error| {
            tracing::error!(%error, "the simulator's endpoints are not valid");
            StartFailed
        })?;
        let trust = Trust::only_pem(running.ca_pem()).map_err(|_| StartFailed)?;
        let p12 = std::fs::read(running.client_p12_path()).map_err(|error| {
            tracing::error!(%error, "the simulator's client .p12 could not be read");
            StartFailed
        })?;
        let secrets = MemorySecrets::default();
        for (credential, secret) in [
            (Credential::EltClientP12, SecretBytes::new(p12)),
            (
                Credential::EltP12Passphrase,
                SecretBytes::new(running.client_p12_passphrase()),
            ),
            (Credential::ErakKey, SecretBytes::new(running.erak_key())),
        ] {
            secrets
                .set(Environment::Demo, credential, &secret)
                .map_err(|_| StartFailed)?;
        }
        tracing::info!("in-app simulator started");
        Ok(InAppSimulator {
            running,
            target: Target {
                environment: Environment::Demo,
                endpoints,
                trust,
            },
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
