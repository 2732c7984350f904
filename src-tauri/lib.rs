//! `timbok`: the Tauri shell. Thin commands over `timbok-core`; no domain logic lives here.
//!
//! - `commands`: one function per IPC command, each a few lines: take state and arguments,
//!   call one method of the core's `timbok_core::session::Session`, map the reply and error.
//! - `ipc`: the wire types of the IPC boundary (camelCase JSON) and the `{code, message, field}`
//!   error, converted to and from the core's domain types here and nowhere else.
//! - `state`: the session Tauri manages, and what only the shell knows (folders, logging).
//! - `simulator`: demo mode's `timbok-sim`, run inside the app (the session's `DemoRemote`).

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
            window::create_main(app.handle())?;
            let data_dir = state::data_dir(app.handle())?;
            let state = state::AppState::open(&data_dir);
            state
                .session()
                .set_surface(std::sync::Arc::new(window::WindowSurface::new(
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
                    let data_dir = state.session().data_dir();
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
                state.session().resume_pending_work().await;
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
                let data_dir = state.session().data_dir();
                if let Err(error) = timbok_core::private_files::empty_print_folder(data_dir, None) {
                    tracing::warn!(%error, "the print folder could not be emptied at exit");
                }
            }
        }
    });
}

include!("command_list.rs");

macro_rules! command_names {
    ($($command:ident,)*) => {
        &[$(stringify!($command)),*]
    };
}

macro_rules! command_handler {
    ($($command:ident,)*) => {
        tauri::generate_handler![$(commands::$command),*]
    };
}

/// The name of every IPC command of docs/ipc.md, from the one list (`command_list.rs`).
pub const COMMANDS: &[&str] = with_commands!(command_names);

/// Every IPC command of docs/ipc.md. Public so that tests and benchmarks can drive the real
/// commands through Tauri's mock runtime.
pub fn invoke_handler<R: tauri::Runtime>(
) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    with_commands!(command_handler)
}
