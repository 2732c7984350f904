//! End-to-end tests in the real window. Each test gets its own data folder and its own
//! tauri-driver; `App::restart` closes the window and starts the app again on the same data.

mod backup;
mod harness;
mod household;
mod installed;
mod invoice;
mod month;
mod new_user;
mod reports;
mod settings;
