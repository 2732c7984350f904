//! Timbok's cross-crate tests, one integration binary (see docs/architecture.md, "Testing").
//!
//! - `e2e`: the real app window driven through WebDriver (tauri-driver + WebKitWebDriver under
//!   Xvfb). Linux only: that is where WebKitWebDriver exists.
//! - `commands`: the one command list against the capability, docs/ipc.md and the UI.
//! - `keyring`: the real OS keyring (on Linux under a D-Bus session with gnome-keyring).
//! - `typescript`: ui/src/backend/ipc.gen.ts is what the Rust wire types generate.

#[cfg(target_os = "linux")]
mod e2e;

mod architecture;
mod commands;
mod ipc;
mod ipc_record;
mod keyring;
mod typescript;
