//! The IPC commands: each takes state and arguments, calls one `timbok-core` function and maps
//! the error. Nothing else belongs here (docs/architecture.md, "Architecture invariants").

use tauri::State;
use timbok_core::blankett3059::Form3059;
use timbok_core::hours::{AssistantId, ShiftId};
use timbok_core::planning::ScheduleEntry;

use timbok_core::reports::signing::Signer;

use crate::ipc::{self, IpcError};
use crate::state::AppState;
use timbok_core::connection;
use timbok_core::settings::Environment;

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
    let contact = household.provider_contact();
    let draft = household.try_into()?;
    state
        .with(|t| t.save_household_with_provider_contact(&draft, &contact))
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

/// The month screen's day text saved in one transaction; the new sheet of the date's month.
#[tauri::command]
pub fn save_day(state: State<'_, AppState>, day: ipc::DayInput) -> Reply<ipc::MonthSheet> {
    let (assistant, date, kind) = day.parts()?;
    state
        .with(|t| t.save_day(assistant, date, &day.text, kind))
        .map(|s| ipc::MonthSheet::from(&s))
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
        IpcError::invalid(
            "environment",
            timbok_core::message::Key::IpcEnvironmentChoice,
        )
    })?;
    let environment = state.replace(|i| i.switch(environment, state.clock()))?;
    Ok(ipc::AppInfo::new(
        environment,
        state.installation.data_dir(),
    ))
}

#[tauri::command]
pub fn reset_demo(state: State<'_, AppState>) -> Reply<()> {
    state.with(|t| t.require_demo())?;
    state.replace(|i| i.reset_demo(state.clock())).map(|_| ())
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
    let saved = state.with(|t| t.save_endpoints(&endpoints.into()))?;
    state.settings_changed();
    Ok(ipc::EndpointsWire::from(&saved))
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
    let present = state.with(|t| t.store_credential(state.secrets(), credential, secret))?;
    state.settings_changed();
    Ok(ipc::Credentials::from(&present))
}

#[tauri::command]
pub fn delete_credential(
    state: State<'_, AppState>,
    credential: String,
) -> Reply<ipc::Credentials> {
    let credential = ipc::credential(&credential)?;
    let present = state.with(|t| t.delete_credential(state.secrets(), credential))?;
    state.settings_changed();
    Ok(ipc::Credentials::from(&present))
}

/// Async: it waits for the network (and in demo may start the simulator first).
#[tauri::command]
pub async fn test_connection(state: State<'_, AppState>) -> Reply<Vec<ipc::ConnectionCheck>> {
    let (target, secrets) = state.connection_target().await?;
    let checks = connection::test(&target, secrets.as_ref()).await;
    Ok(checks.iter().map(ipc::ConnectionCheck::from).collect())
}

// ---- Time reports (docs/ipc.md, "Time reports (ELT)") ----

#[tauri::command]
pub fn get_time_reports(state: State<'_, AppState>, month: String) -> Reply<ipc::TimeReportsMonth> {
    let month = ipc::month(&month)?;
    state
        .with(|t| t.time_reports(month))
        .map(|m| ipc::TimeReportsMonth::from(&m))
}

#[tauri::command]
pub fn lock_report(
    state: State<'_, AppState>,
    month: String,
    assistant_id: i64,
) -> Reply<ipc::TimeReportsMonth> {
    report_action(&state, &month, |t, month| {
        t.lock_report(month, AssistantId(assistant_id))
    })
}

#[tauri::command]
pub fn unlock_report(
    state: State<'_, AppState>,
    month: String,
    assistant_id: i64,
) -> Reply<ipc::TimeReportsMonth> {
    report_action(&state, &month, |t, month| {
        t.unlock_report(month, AssistantId(assistant_id))
    })
}

/// Async: it starts the BankID order (and in demo may start the simulator first).
#[tauri::command]
pub async fn start_signing(
    state: State<'_, AppState>,
    month: String,
    assistant_id: Option<i64>,
    device: String,
) -> Reply<ipc::SigningStarted> {
    let month = ipc::month(&month)?;
    let device = ipc::device(&device)?;
    let signer = match assistant_id {
        Some(id) => Signer::Assistant(AssistantId(id)),
        None => Signer::Employer,
    };
    let request = state.with(|t| t.signing_request(month, signer))?;
    let runtime = state.runtime().await?;
    let (session, autostart) = runtime.signing.start(request, device).await?;
    if let Some(link) = autostart.filter(|_| runtime.environment != Environment::Demo) {
        if let Err(error) = open::that_detached(&link) {
            tracing::warn!(%error, "the BankID app could not be started");
        }
    }
    Ok(ipc::SigningStarted {
        session_id: session.to_string(),
        report_ids: runtime
            .signing
            .report_ids(session)
            .iter()
            .map(|id| id.hyphenated().to_string())
            .collect(),
    })
}

#[tauri::command]
pub async fn signing_status(
    state: State<'_, AppState>,
    session_id: String,
) -> Reply<ipc::SigningStatus> {
    let session = session_id
        .parse()
        .map_err(|_| IpcError::from(not_found_session()))?;
    let runtime = state.runtime().await?;
    let progress = runtime.signing.poll(session, |request, completion| {
        state.with_core(|t| t.record_signature(request, completion))
    })?;
    Ok(ipc::SigningStatus::from(&progress))
}

#[tauri::command]
pub async fn cancel_signing(state: State<'_, AppState>, session_id: String) -> Reply<()> {
    let session = session_id
        .parse()
        .map_err(|_| IpcError::from(not_found_session()))?;
    let runtime = state.runtime().await?;
    runtime.signing.cancel(session).await?;
    Ok(())
}

#[tauri::command]
pub async fn send_reports(
    state: State<'_, AppState>,
    month: String,
) -> Reply<ipc::TimeReportsMonth> {
    let month = ipc::month(&month)?;
    let runtime = state.runtime().await?;
    runtime.require_sender()?;
    let reports = state.with(|t| {
        t.queue_reports(month)?;
        t.time_reports(month)
    })?;
    runtime.wake_sender();
    Ok(ipc::TimeReportsMonth::from(&reports))
}

#[tauri::command]
pub async fn resend_report(
    state: State<'_, AppState>,
    month: String,
    assistant_id: i64,
) -> Reply<ipc::TimeReportsMonth> {
    let month = ipc::month(&month)?;
    let runtime = state.runtime().await?;
    runtime.require_sender()?;
    let reports = state.with(|t| {
        t.resend_report(month, AssistantId(assistant_id))?;
        t.time_reports(month)
    })?;
    runtime.wake_sender();
    Ok(ipc::TimeReportsMonth::from(&reports))
}

#[tauri::command]
pub fn mark_report_received(
    state: State<'_, AppState>,
    month: String,
    assistant_id: i64,
) -> Reply<ipc::TimeReportsMonth> {
    report_action(&state, &month, |t, month| {
        t.mark_report_received(month, AssistantId(assistant_id))
    })
}

/// The print folder (`<data folder>/utskrifter/`), its files older than an hour removed first:
/// the only plain files Timbok writes, for the PDF viewer and for FK's support. The app empties
/// it at start and at exit too.
fn print_folder(state: &AppState) -> std::path::PathBuf {
    let data_dir = state.installation.data_dir();
    if let Err(error) = timbok_core::private_files::empty_print_folder(
        data_dir,
        Some(timbok_core::private_files::PRINT_LIFETIME),
    ) {
        tracing::warn!(%error, "the print folder could not be emptied");
    }
    timbok_core::private_files::print_folder(data_dir)
}

/// Fills in FK's blankett 3059 (kept in the data folder; `blankett_missing` when there is
/// none yet), writes the PDF into the print folder (`utskrifter/`, emptied by the app) and
/// opens it with the default PDF viewer for printing. The report becomes `paper`.
#[tauri::command]
pub fn open_paper_report(
    state: State<'_, AppState>,
    month: String,
    assistant_id: i64,
) -> Reply<()> {
    let month = ipc::month(&month)?;
    let form = Form3059::load(state.installation.data_dir())?;
    let folder = print_folder(&state);
    let path =
        state.with(|t| t.write_paper_report(month, AssistantId(assistant_id), &form, &folder))?;
    open::that_detached(&path).map_err(|e| IpcError::from(timbok_core::Error::Io(e)))?;
    Ok(())
}

/// Checks the file the user picked (its bytes) and keeps it as blankett 3059 in the data
/// folder; `blankett_unknown` when it is not FK 3059 (016 F 003) (nothing is changed).
#[tauri::command]
pub fn store_blankett_3059(state: State<'_, AppState>, bytes: Vec<u8>) -> Reply<()> {
    Form3059::store(state.installation.data_dir(), &bytes)?;
    Ok(())
}

#[tauri::command]
pub fn report_history(state: State<'_, AppState>) -> Reply<Vec<ipc::SentReport>> {
    state
        .with(|t| t.report_history())
        .map(|h| h.iter().map(ipc::SentReport::from).collect())
}

/// Runs one action on a month's reports and answers with the month's reports after it.
fn report_action(
    state: &AppState,
    month: &str,
    action: impl FnOnce(
        &mut timbok_core::Timbok,
        timbok_core::hours::YearMonth,
    ) -> timbok_core::Result<()>,
) -> Reply<ipc::TimeReportsMonth> {
    let month = ipc::month(month)?;
    state
        .with(|t| {
            action(t, month)?;
            t.time_reports(month)
        })
        .map(|m| ipc::TimeReportsMonth::from(&m))
}

fn not_found_session() -> timbok_core::Error {
    timbok_core::Error::NotFound(timbok_core::error::Entity::SigningSession)
}

// ---- Invoice, overview, call journal (docs/ipc.md, "Invoice (E-RÄK)") ----

#[tauri::command]
pub fn get_invoice(state: State<'_, AppState>, month: String) -> Reply<ipc::InvoiceState> {
    let month = ipc::month(&month)?;
    state
        .with(|t| t.invoice_state(month))
        .map(|s| ipc::InvoiceState::from(&s))
}

#[tauri::command]
pub fn save_invoice_answers(
    state: State<'_, AppState>,
    month: String,
    answers: ipc::InvoiceAnswers,
) -> Reply<ipc::InvoiceState> {
    let month = ipc::month(&month)?;
    state
        .with(|t| t.save_invoice_answers(month, &answers.into()))
        .map(|s| ipc::InvoiceState::from(&s))
}

/// Async: it posts to E-RÄK (and in demo may start the simulator first).
#[tauri::command]
pub async fn submit_invoice(state: State<'_, AppState>, month: String) -> Reply<ipc::InvoiceState> {
    let month = ipc::month(&month)?;
    let runtime = state.runtime().await?;
    runtime.invoices()?.submit(month).await?;
    state
        .with(|t| t.invoice_state(month))
        .map(|s| ipc::InvoiceState::from(&s))
}

#[tauri::command]
pub async fn reopen_invoice_page(state: State<'_, AppState>, month: String) -> Reply<()> {
    let month = ipc::month(&month)?;
    let runtime = state.runtime().await?;
    runtime.invoices()?.reopen(month)?;
    Ok(())
}

#[tauri::command]
pub async fn cancel_invoice(state: State<'_, AppState>, month: String) -> Reply<ipc::InvoiceState> {
    let month = ipc::month(&month)?;
    let runtime = state.runtime().await?;
    runtime.invoices()?.cancel(month).await?;
    state
        .with(|t| t.invoice_state(month))
        .map(|s| ipc::InvoiceState::from(&s))
}

#[tauri::command]
pub fn get_overview(state: State<'_, AppState>) -> Reply<Vec<ipc::OverviewMonth>> {
    state
        .with(|t| t.overview())
        .map(|o| o.iter().map(ipc::OverviewMonth::from).collect())
}

#[tauri::command]
pub fn get_call_journal(state: State<'_, AppState>) -> Reply<Vec<ipc::CallEntry>> {
    state
        .with(|t| t.call_journal(500))
        .map(|j| j.iter().map(ipc::CallEntry::from).collect())
}

/// Writes FK's support report (redacted) into the print folder (`utskrifter/`, emptied by the
/// app after an hour and at exit) and returns the file's path.
#[tauri::command]
pub async fn export_support_report(
    state: State<'_, AppState>,
    fingerprint: Option<String>,
) -> Reply<String> {
    let runtime = state.runtime().await?;
    let folder = print_folder(&state);
    let path = state.with(|t| {
        t.write_support_report(
            env!("CARGO_PKG_VERSION"),
            runtime.services.endpoints(),
            runtime.secrets.as_ref(),
            fingerprint.as_deref(),
            &folder,
        )
    })?;
    Ok(path.display().to_string())
}

// ---- Backup, restore, export (docs/ipc.md, "Backup, restore, export") ----

// The backup commands are async so that their work (scrypt takes about a second, by design)
// runs off the window's thread.

/// Writes a backup locked by the passphrase (typed twice) into the documents folder.
#[tauri::command]
pub async fn create_backup(
    state: State<'_, AppState>,
    passphrase: String,
    passphrase_again: String,
) -> Reply<ipc::BackupSaved> {
    let folder = state.documents_dir();
    state
        .with_safekeeping(|s| s.back_up_to(&folder, &passphrase, &passphrase_again))
        .map(|saved| ipc::BackupSaved::from(&saved))
}

/// What the picked backup file (base64) holds; replaces nothing.
#[tauri::command]
pub async fn preview_backup(
    state: State<'_, AppState>,
    base64: String,
    passphrase: String,
) -> Reply<ipc::BackupContents> {
    let bytes = ipc::backup_file(&base64)?;
    state
        .with_safekeeping(|s| s.preview(&bytes, &passphrase))
        .map(|m| ipc::BackupContents::from(&m))
}

/// Async: it stops the services (their connections) before the database is replaced.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    base64: String,
    passphrase: String,
) -> Reply<ipc::RestoreDone> {
    let bytes = ipc::backup_file(&base64)?;
    let restored = state.restore(|s| s.restore(&bytes, &passphrase)).await?;
    Ok(ipc::RestoreDone::from(&restored))
}

#[tauri::command]
pub fn list_automatic_backups(state: State<'_, AppState>) -> Reply<Vec<ipc::AutomaticBackup>> {
    state
        .with_safekeeping(|s| s.automatic())
        .map(|list| list.iter().map(ipc::AutomaticBackup::from).collect())
}

#[tauri::command]
pub async fn preview_automatic_backup(
    state: State<'_, AppState>,
    name: String,
) -> Reply<ipc::BackupContents> {
    state
        .with_safekeeping(|s| s.preview_automatic(&name))
        .map(|m| ipc::BackupContents::from(&m))
}

#[tauri::command]
pub async fn restore_automatic_backup(
    state: State<'_, AppState>,
    name: String,
) -> Reply<ipc::RestoreDone> {
    let restored = state.restore(|s| s.restore_automatic(&name)).await?;
    Ok(ipc::RestoreDone::from(&restored))
}

/// Writes the household as import JSON into the documents folder; returns the file's path.
#[tauri::command]
pub fn export_household(state: State<'_, AppState>) -> Reply<String> {
    let folder = state.documents_dir();
    state
        .with(|t| t.export_household_to(&folder))
        .map(|path| path.display().to_string())
}

/// "Visa i mappen": opens the folder backups and exports are written to.
#[tauri::command]
pub fn open_documents_folder(state: State<'_, AppState>) -> Reply<()> {
    let folder = state.documents_dir();
    std::fs::create_dir_all(&folder).map_err(|e| IpcError::from(timbok_core::Error::Io(e)))?;
    open::that_detached(&folder).map_err(|e| IpcError::from(timbok_core::Error::Io(e)))
}

// ---- Drafts of the month screen (docs/ipc.md, "Drafts") ----

#[tauri::command]
pub fn get_drafts(state: State<'_, AppState>, month: String) -> Reply<Vec<ipc::DraftWire>> {
    let month = ipc::month(&month)?;
    state
        .with(|t| t.drafts(month))
        .map(|list| list.iter().map(ipc::DraftWire::from).collect())
}

#[tauri::command]
pub fn save_draft(state: State<'_, AppState>, draft: ipc::DraftWire) -> Reply<()> {
    let draft = draft.try_into()?;
    state.with(|t| t.save_draft(&draft))
}

#[tauri::command]
pub fn remove_draft(
    state: State<'_, AppState>,
    month: String,
    assistant_id: i64,
    date: String,
) -> Reply<()> {
    let month = ipc::month(&month)?;
    let date = ipc::day(&date)?;
    state.with(|t| t.remove_draft(month, AssistantId(assistant_id), date))
}
