//! The simulator inside the app, for demo mode: `timbok-sim` on 127.0.0.1 with ports the OS
//! picks, started by the session the first time demo needs it (the connection test, signing,
//! sending), stopped when the app exits. Its data folder is `<data dir>/demo/simulator` (its
//! test CA is kept there across starts). It runs on the session's clock: its BankID signs at
//! the session's time, so a report signed on a fixed clock carries a date ELT accepts.
//!
//! What the core sees of it is plain core types ([`DemoAccess`]): a `connection::Target` whose
//! endpoints are the simulator's URLs and whose trust is the simulator's CA and nothing else
//! (demo only), and a `MemorySecrets` with the simulator's own test credentials (its E-RÄK key,
//! its client .p12 and passphrase) under `Environment::Demo`. They are never written to the OS
//! keyring or to SQLite, and they are new at every start.

use std::path::Path;
use std::sync::Arc;

use timbok_core::message::Key;
use timbok_core::services::SimulatorAccess;
use timbok_core::session::{DemoAccess, DemoRemote};
use timbok_core::Clock;
use timbok_sim::{RunningSimulator, SimConfig, Simulator};

/// Demo's remote side: the in-app simulator, once started.
#[derive(Default)]
pub struct InAppSimulator {
    running: tokio::sync::Mutex<Option<RunningSimulator>>,
}

fn failed() -> timbok_core::Error {
    timbok_core::Error::Internal(Key::SimulatorFailed.into())
}

#[async_trait::async_trait]
impl DemoRemote for InAppSimulator {
    async fn start(&self, data_dir: &Path, clock: Clock) -> timbok_core::Result<DemoAccess> {
        let mut config = SimConfig::new(data_dir);
        // Demo: the simulator's "BankID app" signs every order as the requested person after a
        // few seconds, so the whole month can be walked without a phone.
        config.bankid_auto_complete = true;
        config.now = clock.fixed_instant();
        let running = Simulator::start(config).await.map_err(|error| {
            tracing::error!(%error, "the in-app simulator did not start");
            failed()
        })?;
        let p12 = std::fs::read(running.client_p12_path()).map_err(|error| {
            tracing::error!(%error, "the simulator's client .p12 could not be read");
            failed()
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
            failed()
        })?;
        tracing::info!("in-app simulator started");
        if let Some(old) = self.running.lock().await.replace(running) {
            old.shutdown().await;
        }
        Ok(DemoAccess {
            target,
            secrets: Arc::new(secrets),
        })
    }

    async fn stop(&self) {
        if let Some(running) = self.running.lock().await.take() {
            running.shutdown().await;
            tracing::info!("in-app simulator stopped");
        }
    }
}
