//! The app's `Surface` for the invoice flow: FK's signing page opens in the default browser
//! (the `open` crate), and when the browser comes back on the loopback return link the main
//! window is brought to the front.
//!
//! `TIMBOK_BROWSER`, when set, names the program that opens web pages instead of the system's
//! default browser (it gets the URL as its one argument): for support, and for the end-to-end
//! test that signs FK's page in a headless Chromium.
//!
//! The main window itself is created here (`create_main`, from `tauri.conf.json`'s window,
//! which is marked `"create": false`) so that it can carry a document-title handler: once its
//! first screen has painted, the UI sets the page's title to `PAINTED_TITLE` for a moment
//! (`ui/src/main.ts`), and when `TIMBOK_READY_FILE` names a file, the time of that moment is
//! written to it. That is the launch benchmark's "first painted, usable window"
//! (bench/launch/README.md); without the variable nothing is written.

use tauri::{AppHandle, Manager};
use timbok_core::invoice::desk::Surface;

/// The environment variable naming the program that opens web pages.
pub const BROWSER_ENV: &str = "TIMBOK_BROWSER";

/// The environment variable naming the file the moment of the first paint is written to.
pub const READY_FILE_ENV: &str = "TIMBOK_READY_FILE";

/// The title the UI sets for a moment once its first screen has painted.
pub const PAINTED_TITLE: &str = "timbok:painted";

/// Creates the main window from the configuration, with the title handler described above.
pub fn create_main(app: &AppHandle) -> tauri::Result<()> {
    let Some(config) = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
    else {
        return Ok(());
    };
    let ready_file = std::env::var_os(READY_FILE_ENV);
    let window = tauri::WebviewWindowBuilder::from_config(app, &config)?
        .on_document_title_changed(move |_, title| {
            if let Some(path) = ready_file.as_ref().filter(|_| title == PAINTED_TITLE) {
                let since_epoch = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap_or_default();
                // Only the time and the marker: nothing personal.
                if let Err(error) =
                    std::fs::write(path, format!("{} {title}\n", since_epoch.as_nanos()))
                {
                    tracing::warn!(%error, "the ready file could not be written");
                }
            }
        })
        .build()?;
    #[cfg(target_os = "linux")]
    window.with_webview(|webview| lean_webkit(&webview.inner()))?;
    Ok(())
}

/// WebKitGTK set for what Timbok's pages are: forms and tables, no video, audio, WebGL or
/// animations worth a GPU compositor. Each setting's effect on the start and the memory is
/// measured in docs/performance.md ("Launch and memory against a bare Tauri app").
#[cfg(target_os = "linux")]
fn lean_webkit(view: &webkit2gtk::WebView) {
    use webkit2gtk::{
        CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
    };
    if let Some(settings) = WebViewExt::settings(view) {
        settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        settings.set_enable_webgl(false);
        settings.set_enable_webaudio(false);
        settings.set_enable_media(false);
        settings.set_enable_page_cache(false);
    }
    // One page, no browsing: WebKit keeps no memory cache of earlier pages.
    if let Some(context) = view.context() {
        context.set_cache_model(CacheModel::DocumentViewer);
    }
}

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
