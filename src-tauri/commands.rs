//! The IPC commands: each takes state and arguments, calls one `timbok-core` function and maps
//! the error. Nothing else belongs here (docs/architecture.md, "Architecture invariants").

use tauri::State;
use timbok_core::hours::{AssistantId, ShiftId};
use timbok_core::planning::ScheduleEntry;

use crate::ipc::{self, IpcError};
use crate::state::AppState;
use timbok_core::connection;
use timbok_core::settings::Environment;
use timbok_core::Clock;

type Reply<T> = Result<T, IpcError>;

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Reply<ipc::AppInfo> {
    state
        .with(|t| t.environment())
        .map(|env| ipc::AppInfo::new(env, state.installation.data_dir()))
}

#[tauri::command]
pub fn get_household(state: State<'_, AppState>) -> Reply<Option<ipc::Household>> {
    state
        .with(|t| t.household())
        .map(|h| h.as_ref().map(ipc::Household::from))
}

#[tauri::command]
pub fn save_household(
    state: State<'_, AppState>,
    household: ipc::HouseholdInput,
) -> Reply<ipc::Household> {
    let draft = household.try_into()?;
    state
        .with(|t| t.save_household(&draft))
        .map(|h| ipc::Household::from(&h))
}

#[tauri::command]
pub fn list_assistants(state: State<'_, AppState>) -> Reply<Vec<ipc::Assistant>> {
    state
        .with(|t| t.assistants())
        .map(|list| list.iter().map(ipc::Assistant::from).collect())
}

#[tauri::command]
pub fn save_assistant(
    state: State<'_, AppState>,
    assistant: ipc::AssistantInput,
) -> Reply<ipc::Assistant> {
    state
        .with(|t| t.save_assistant(&assistant.into()))
        .map(|a| ipc::Assistant::from(&a))
}

#[tauri::command]
pub fn delete_assistant(state: State<'_, AppState>, id: i64) -> Reply<()> {
    state.with(|t| t.delete_assistant(AssistantId(id)))
}

#[tauri::command]
pub fn get_month(state: State<'_, AppState>, month: String) -> Reply<ipc::MonthSheet> {
    let month = ipc::month(&month)?;
    state
        .with(|t| t.month_sheet(month))
        .map(|s| ipc::MonthSheet::from(&s))
}

#[tauri::command]
pub fn save_shift(state: State<'_, AppState>, shift: ipc::ShiftInput) -> Reply<ipc::Shift> {
    state
        .with(|t| t.save_shift(&shift.into()))
        .map(|s| ipc::Shift::from(&s))
}

#[tauri::command]
pub fn delete_shift(state: State<'_, AppState>, id: i64) -> Reply<()> {
    state.with(|t| t.delete_shift(ShiftId(id)))
}

#[tauri::command]
pub fn undo_delete_shift(state: State<'_, AppState>, id: i64) -> Reply<ipc::Shift> {
    state
        .with(|t| t.undo_delete_shift(ShiftId(id)))
        .map(|s| ipc::Shift::from(&s))
}

#[tauri::command]
pub fn copy_shifts(
    state: State<'_, AppState>,
    source: ipc::CopyInput,
    assistant_id: Option<i64>,
) -> Reply<ipc::BatchResult> {
    let source = source.try_into()?;
    state
        .with(|t| t.copy_shifts(source, assistant_id.map(AssistantId)))
        .map(Into::into)
}

#[tauri::command]
pub fn get_schedule(state: State<'_, AppState>) -> Reply<Vec<ipc::ScheduleEntryWire>> {
    state
        .with(|t| t.schedule())
        .map(|entries| entries.iter().map(Into::into).collect())
}

#[tauri::command]
pub fn save_schedule(
    state: State<'_, AppState>,
    assistant_id: i64,
    entries: Vec<ipc::ScheduleEntryWire>,
) -> Reply<()> {
    let entries = entries
        .iter()
        .map(ScheduleEntry::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    state.with(|t| t.save_schedule(AssistantId(assistant_id), &entries))
}

#[tauri::command]
pub fn prefill_month(
    state: State<'_, AppState>,
    month: String,
    assistant_id: Option<i64>,
) -> Reply<ipc::BatchResult> {
    let month = ipc::month(&month)?;
    state
        .with(|t| t.prefill_from_schedule(month, assistant_id.map(AssistantId)))
        .map(Into::into)
}

#[tauri::command]
pub fn set_environment(state: State<'_, AppState>, environment: String) -> Reply<ipc::AppInfo> {
    let environment = Environment::parse(&environment).ok_or_else(|| {
        IpcError::invalid("environment", "Välj Demo, FK:s testmiljö eller Produktion.")
    })?;
    let environment = state.replace(|i| i.switch(environment, Clock::System))?;
    Ok(ipc::AppInfo::new(
        environment,
        state.installation.data_dir(),
    ))
}

#[tauri::command]
pub fn reset_demo(state: State<'_, AppState>) -> Reply<()> {
    state.with(|t| t.require_demo())?;
    state.replace(|i| i.reset_demo(Clock::System)).map(|_| ())
}

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Reply<ipc::Settings> {
    state
        .with(|t| t.settings(state.secrets()))
        .map(|s| ipc::Settings::from(&s))
}

#[tauri::command]
pub fn save_endpoints(
    state: State<'_, AppState>,
    endpoints: ipc::EndpointsWire,
) -> Reply<ipc::EndpointsWire> {
    state
        .with(|t| t.save_endpoints(&endpoints.into()))
        .map(|e| ipc::EndpointsWire::from(&e))
}

#[tauri::command]
pub fn store_credential(
    state: State<'_, AppState>,
    credential: String,
    text: Option<String>,
    base64: Option<String>,
) -> Reply<ipc::Credentials> {
    let credential = ipc::credential(&credential)?;
    let secret = ipc::secret(credential, text, base64)?;
    state
        .with(|t| t.store_credential(state.secrets(), credential, secret))
        .map(|p| ipc::Credentials::from(&p))
}

#[tauri::command]
pub fn delete_credential(
    state: State<'_, AppState>,
    credential: String,
) -> Reply<ipc::Credentials> {
    let credential = ipc::credential(&credential)?;
    state
        .with(|t| t.delete_credential(state.secrets(), credential))
        .map(|p| ipc::Credentials::from(&p))
}

/// Async: it waits for the network (and in demo may start the simulator first).
#[tauri::command]
pub async fn test_connection(state: State<'_, AppState>) -> Reply<Vec<ipc::ConnectionCheck>> {
    let (target, secrets) = state.connection_target().await?;
    let checks = connection::test(&target, secrets.as_ref()).await;
    Ok(checks.iter().map(ipc::ConnectionCheck::from).collect())
}
