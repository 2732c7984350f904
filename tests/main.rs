//! Timbok's cross-crate tests, one integration binary (see docs/architecture.md, "Testing").
//!
//! - `e2e`: the real app window driven through WebDriver (tauri-driver + WebKitWebDriver under
//!   Xvfb). Linux only: that is where WebKitWebDriver exists.
//! - `keyring`: the real OS keyring (on Linux under a D-Bus session with gnome-keyring).

#[cfg(target_os = "linux")]
mod e2e;

mod architecture;
mod ipc;
mod ipc_record;
mod keyring;
