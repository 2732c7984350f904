//! The app's `Surface` for the invoice flow: FK's signing page opens in the default browser
//! (the `open` crate), and when the browser comes back on the loopback return link the main
//! window is brought to the front.
//!
//! `TIMBOK_BROWSER`, when set, names the program that opens web pages instead of the system's
//! default browser (it gets the URL as its one argument): for support, and for the end-to-end
//! test that signs FK's page in a headless Chromium.

use tauri::{AppHandle, Manager};
use timbok_core::invoice::desk::Surface;

/// The environment variable naming the program that opens web pages.
pub const BROWSER_ENV: &str = "TIMBOK_BROWSER";

pub struct WindowSurface {
    app: AppHandle,
}

impl WindowSurface {
    pub fn new(app: AppHandle) -> WindowSurface {
        WindowSurface { app }
    }
}

impl Surface for WindowSurface {
    fn open_url(&self, url: &str) {
        if let Some(browser) = std::env::var_os(BROWSER_ENV) {
            if let Err(error) = std::process::Command::new(browser).arg(url).spawn() {
                tracing::warn!(%error, "the browser named by TIMBOK_BROWSER could not start");
            }
            return;
        }
        if let Err(error) = open::that_detached(url) {
            tracing::warn!(%error, "FK's signing page could not be opened in the browser");
        }
    }

    /// The BankID app's autostart link goes to the system's handler (never `TIMBOK_BROWSER`).
    fn start_bankid_app(&self, link: &str) {
        if let Err(error) = open::that_detached(link) {
            tracing::warn!(%error, "the BankID app could not be started");
        }
    }

    fn bring_to_front(&self) {
        if let Some(window) = self.app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
    }
}
