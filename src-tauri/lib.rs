//! `timbok`: the Tauri shell. Thin commands over `timbok-core`; no domain logic lives here.
//!
//! - `commands`: one function per IPC command, each a few lines: take state and arguments,
//!   call one `timbok_core::Timbok` method, map the error.
//! - `ipc`: the wire types of the IPC boundary (camelCase JSON) and the `{code, message, field}`
//!   error, converted to and from the core's domain types here and nowhere else.
//! - `state`: where the database lives and how the app opens it; where secrets are kept.
//! - `simulator`: demo mode's `timbok-sim`, run inside the app.

mod commands;
pub mod ipc;
pub mod simulator;
pub mod state;
mod window;

use tauri::Manager;

/// Starts the app: opens the database in the data folder and shows the main window. At exit
/// the in-app simulator (if demo started it) is stopped.
pub fn run() {
    state::init_logging();
    let app = tauri::Builder::default()
        .setup(|app| {
            let data_dir = state::data_dir(app.handle())?;
            let state = state::AppState::open(&data_dir);
            state.set_surface(std::sync::Arc::new(window::WindowSurface::new(
                app.handle().clone(),
            )));
            state.set_documents_dir(state::documents_dir(app.handle(), &data_dir));
            app.manage(state);
            // Printed and support reports older than an hour are removed while the app runs.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                let mut tick = tokio::time::interval(std::time::Duration::from_secs(10 * 60));
                loop {
                    tick.tick().await;
                    let state = handle.state::<state::AppState>();
                    let data_dir = state.installation.data_dir();
                    if let Err(error) = timbok_core::private_files::empty_print_folder(
                        data_dir,
                        Some(timbok_core::private_files::PRINT_LIFETIME),
                    ) {
                        tracing::warn!(%error, "the print folder could not be emptied");
                    }
                }
            });
            // The daily automatic backup, off the window's way; a failure is only logged.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn_blocking(move || {
                handle.state::<state::AppState>().daily_backup();
            });
            // Reports waiting to be sent and invoices waiting for FK's answer carry on.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                let state = handle.state::<state::AppState>();
                if state.has_pending_work() {
                    if let Err(error) = state.runtime().await {
                        tracing::warn!(code = ?error.code, "services could not start at launch");
                    }
                }
            });
            Ok(())
        })
        .invoke_handler(invoke_handler())
        .build(tauri::generate_context!())
        .expect("Timbok kunde inte starta");
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            if let Some(state) = handle.try_state::<state::AppState>() {
                tauri::async_runtime::block_on(state.stop_simulator());
                // Printed and support reports are plain files: gone when Timbok closes.
                let data_dir = state.installation.data_dir();
                if let Err(error) = timbok_core::private_files::empty_print_folder(data_dir, None) {
                    tracing::warn!(%error, "the print folder could not be emptied at exit");
                }
            }
        }
    });
}

/// Every IPC command of docs/ipc.md. Public so that tests and benchmarks can drive the real
/// commands through Tauri's mock runtime.
pub fn invoke_handler<R: tauri::Runtime>(
) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        commands::app_info,
        commands::get_household,
        commands::save_household,
        commands::list_assistants,
        commands::save_assistant,
        commands::delete_assistant,
        commands::get_month,
        commands::save_shift,
        commands::save_day,
        commands::delete_shift,
        commands::undo_delete_shift,
        commands::copy_shifts,
        commands::get_schedule,
        commands::save_schedule,
        commands::prefill_month,
        commands::set_environment,
        commands::reset_demo,
        commands::get_settings,
        commands::save_endpoints,
        commands::store_credential,
        commands::delete_credential,
        commands::test_connection,
        commands::get_time_reports,
        commands::lock_report,
        commands::unlock_report,
        commands::start_signing,
        commands::signing_status,
        commands::cancel_signing,
        commands::send_reports,
        commands::resend_report,
        commands::mark_report_received,
        commands::open_paper_report,
        commands::store_blankett_3059,
        commands::report_history,
        commands::get_invoice,
        commands::save_invoice_answers,
        commands::submit_invoice,
        commands::reopen_invoice_page,
        commands::cancel_invoice,
        commands::get_overview,
        commands::get_call_journal,
        commands::export_support_report,
        commands::create_backup,
        commands::preview_backup,
        commands::restore_backup,
        commands::list_automatic_backups,
        commands::preview_automatic_backup,
        commands::restore_automatic_backup,
        commands::export_household,
        commands::open_documents_folder,
        commands::get_drafts,
        commands::save_draft,
        commands::remove_draft,
    ]
}
