//! The app's `Surface` for the invoice flow: FK's signing page opens in the default browser
//! (the `open` crate), and when the browser comes back on the loopback return link the main
//! window is brought to the front.

use tauri::{AppHandle, Manager};
use timbok_core::invoice::desk::Surface;

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
        if let Err(error) = open::that_detached(url) {
            tracing::warn!(%error, "FK's signing page could not be opened in the browser");
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
