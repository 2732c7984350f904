//! `timbok-core`: everything in Timbok that is not a window.
//!
//! Domain rules, storage, the environment's endpoints and credentials, the connection test, and
//! (in later issues) the ELT, E-RÄK and BankID clients, the loopback listener and the outbox.
//! It never depends on tauri or on any GUI library; the app crate and `timbok-cli` are thin
//! edges over it. See `docs/architecture.md`.

pub mod backup;
pub mod bankid;
pub mod blankett3059;
pub mod connection;
pub mod credentials;
mod day;
pub mod demo;
pub mod drafts;
pub mod elt;
pub mod endpoints;
pub mod erak;
pub mod error;
pub mod export;
#[cfg(test)]
pub(crate) mod fuzz;
pub mod hours;
pub mod household;
pub mod identity;
pub mod import;
pub mod installation;
pub mod invoice;
pub mod journal;
pub mod listener;
pub mod message;
pub mod outbox;
pub mod overview;
pub mod pkcs12;
pub mod planning;
pub mod private_files;
pub mod remote;
pub mod reports;
pub mod safekeeping;
pub mod secret;
pub mod services;
pub mod session;
pub mod settings;
pub mod sheet;
pub mod start;
pub mod store;
pub mod testdata;
mod timbok;
pub mod typed_time;

pub use error::{Error, Result};
pub use installation::Installation;
pub use store::Store;
pub use timbok::{Clock, SettingsOverview, Timbok, DATABASE_FILE_NAME};
