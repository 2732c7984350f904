//! The keyring of the CLI's tests: the OS keyring (the CLI finds each database's key there, as
//! the app does) under a service name of its own, so a test run never writes into a user's real
//! entries. The CLI as a process gets it through `TIMBOK_KEYRING_SERVICE`, this test process
//! through `DatabaseKeys::use_for_process`. On Linux it needs a D-Bus session with an unlocked
//! gnome-keyring (`ui/scripts/test-all.mjs` runs the tests under `dbus-run-session`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use timbok_core::credentials::OsKeyring;
use timbok_core::store::{DatabaseKeys, Store};
use timbok_core::Timbok;

pub const SERVICE: &str = "se.timbok.test-cli";

/// `timbok-cli` with the test keyring.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_timbok-cli"));
    command.env(OsKeyring::SERVICE_ENV, SERVICE);
    command
}

/// `timbok-cli --db <db> <args>` with the test keyring, run to its end.
pub fn cli(db: &Path, args: &[&str]) -> Output {
    command()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("timbok-cli runs")
}

/// A file of the repository's shared `tests/fixtures/`.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(path)
}

/// This test process's database keys: the test keyring.
pub fn in_process() {
    DatabaseKeys::use_for_process(Arc::new(OsKeyring::with_service(SERVICE)));
}

pub fn open_store(db: &Path) -> timbok_core::Result<Store> {
    in_process();
    Store::open(db)
}

pub fn open_timbok(db: &Path) -> timbok_core::Result<Timbok> {
    in_process();
    Timbok::open(db)
}
