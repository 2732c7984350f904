//! A bare Tauri 2 window. The one addition to the template: the window is created in `setup`
//! with a document-title handler: when the page sets the title `timbok:painted` (once it has
//! painted), the time is written to the file named by `TIMBOK_READY_FILE` (the benchmark's
//! marker; the same mechanism as Timbok's `src-tauri/window.rs`).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::time::{SystemTime, UNIX_EPOCH};

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            let config = app.config().app.windows[0].clone();
            tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
                .on_document_title_changed(|_, title| {
                    let path = std::env::var_os("TIMBOK_READY_FILE");
                    if let Some(path) = path.filter(|_| title == "timbok:painted") {
                        let now = SystemTime::now()
                            .duration_since(UNIX_EPOCH)
                            .unwrap_or_default();
                        let _ = std::fs::write(path, format!("{} {title}\n", now.as_nanos()));
                    }
                })
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running tauri application");
}
