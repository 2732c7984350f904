//! The IPC commands: each takes state and arguments, calls one method of the core's `Session`
//! and maps the reply and the error. Nothing else belongs here (docs/architecture.md,
//! "Architecture invariants").

use tauri::State;
use timbok_core::hours::{AssistantId, ShiftId};
use timbok_core::planning::ScheduleDay;
use timbok_core::reports::signing::Signer;
use timbok_core::session::Session;
use timbok_core::settings::Environment;

use crate::ipc::{self, IpcError};
use crate::state::AppState;

type Reply<T> = Result<T, IpcError>;

/// The session's reply for the IPC: the core's error mapped.
fn reply<T>(result: timbok_core::Result<T>) -> Reply<T> {
    result.map_err(IpcError::from)
}

fn session<'a>(state: &'a State<'_, AppState>) -> &'a Session {
    state.inner().session()
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Reply<ipc::AppInfo> {
    let session = session(&state);
    let environment = reply(session.environment())?;
    Ok(ipc::AppInfo::new(environment, session.data_dir()))
}

#[tauri::command]
pub fn get_household(state: State<'_, AppState>) -> Reply<Option<ipc::Household>> {
    let household = reply(session(&state).household())?;
    Ok(household.as_ref().map(ipc::Household::from))
}

#[tauri::command]
pub fn save_household(
    state: State<'_, AppState>,
    household: ipc::HouseholdInput,
) -> Reply<ipc::Household> {
    let contact = household.provider_contact();
    let draft = household.try_into()?;
    let saved = reply(session(&state).save_household(&draft, &contact))?;
    Ok(ipc::Household::from(&saved))
}

#[tauri::command]
pub fn list_assistants(state: State<'_, AppState>) -> Reply<Vec<ipc::Assistant>> {
    let list = reply(session(&state).assistants())?;
    Ok(list.iter().map(ipc::Assistant::from).collect())
}

#[tauri::command]
pub fn save_assistant(
    state: State<'_, AppState>,
    assistant: ipc::AssistantInput,
) -> Reply<ipc::Assistant> {
    let saved = reply(session(&state).save_assistant(&assistant.into()))?;
    Ok(ipc::Assistant::from(&saved))
}

#[tauri::command]
pub fn delete_assistant(state: State<'_, AppState>, id: i64) -> Reply<()> {
    reply(session(&state).delete_assistant(AssistantId(id)))
}

#[tauri::command]
pub fn get_month(state: State<'_, AppState>, month: String) -> Reply<ipc::MonthSheet> {
    let month = ipc::month(&month)?;
    let sheet = reply(session(&state).month_sheet(month))?;
    Ok(ipc::MonthSheet::from(&sheet))
}

#[tauri::command]
pub fn save_shift(state: State<'_, AppState>, shift: ipc::ShiftInput) -> Reply<ipc::Shift> {
    let saved = reply(session(&state).save_shift(&shift.into()))?;
    Ok(ipc::Shift::from(&saved))
}

/// The month screen's day text saved in one transaction; the new sheet of the date's month.
#[tauri::command]
pub fn save_day(state: State<'_, AppState>, day: ipc::DayInput) -> Reply<ipc::MonthSheet> {
    let (assistant, date, kind) = day.parts()?;
    let sheet = reply(session(&state).save_day(assistant, date, &day.text, kind))?;
    Ok(ipc::MonthSheet::from(&sheet))
}

#[tauri::command]
pub fn delete_shift(state: State<'_, AppState>, id: i64) -> Reply<()> {
    reply(session(&state).delete_shift(ShiftId(id)))
}

#[tauri::command]
pub fn undo_delete_shift(state: State<'_, AppState>, id: i64) -> Reply<ipc::Shift> {
    let shift = reply(session(&state).undo_delete_shift(ShiftId(id)))?;
    Ok(ipc::Shift::from(&shift))
}

#[tauri::command]
pub fn copy_shifts(
    state: State<'_, AppState>,
    source: ipc::CopyInput,
    assistant_id: Option<i64>,
) -> Reply<ipc::BatchResult> {
    let source = source.try_into()?;
    let result = reply(session(&state).copy_shifts(source, assistant_id.map(AssistantId)))?;
    Ok(result.into())
}

#[tauri::command]
pub fn get_schedule(
    state: State<'_, AppState>,
    assistant_id: i64,
) -> Reply<Vec<ipc::ScheduleDayWire>> {
    let days = reply(session(&state).schedule_days(AssistantId(assistant_id)))?;
    Ok(days.iter().map(Into::into).collect())
}

#[tauri::command]
pub fn save_schedule(
    state: State<'_, AppState>,
    assistant_id: i64,
    days: Vec<ipc::ScheduleDayWire>,
) -> Reply<Vec<ipc::ScheduleDayWire>> {
    let assistant = AssistantId(assistant_id);
    let days: Vec<ScheduleDay> = days.into_iter().map(Into::into).collect();
    let saved = reply(session(&state).save_schedule_days(assistant, &days))?;
    Ok(saved.iter().map(Into::into).collect())
}

#[tauri::command]
pub fn prefill_month(
    state: State<'_, AppState>,
    month: String,
    assistant_id: Option<i64>,
) -> Reply<ipc::BatchResult> {
    let month = ipc::month(&month)?;
    let result = reply(session(&state).prefill_month(month, assistant_id.map(AssistantId)))?;
    Ok(result.into())
}

/// Async: it stops the services of the environment it leaves.
#[tauri::command]
pub async fn set_environment(
    state: State<'_, AppState>,
    environment: String,
) -> Reply<ipc::AppInfo> {
    let environment = Environment::parse(&environment).ok_or_else(|| {
        IpcError::invalid(
            "environment",
            timbok_core::message::Key::IpcEnvironmentChoice,
        )
    })?;
    let session = session(&state);
    let environment = reply(session.set_environment(environment).await)?;
    Ok(ipc::AppInfo::new(environment, session.data_dir()))
}

/// Async: it stops the services before the demo database is removed.
#[tauri::command]
pub async fn reset_demo(state: State<'_, AppState>) -> Reply<()> {
    reply(session(&state).reset_demo().await)
}

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Reply<ipc::Settings> {
    let settings = reply(session(&state).settings())?;
    Ok(ipc::Settings::from(&settings))
}

#[tauri::command]
pub fn save_endpoints(
    state: State<'_, AppState>,
    endpoints: ipc::EndpointsWire,
) -> Reply<ipc::EndpointsWire> {
    let saved = reply(session(&state).save_endpoints(&endpoints.into()))?;
    Ok(ipc::EndpointsWire::from(&saved))
}

/// One form field checked by its save's rules (the forms' feedback on leaving a field).
#[tauri::command]
pub fn check_field(
    state: State<'_, AppState>,
    field: String,
    text: String,
) -> Reply<ipc::FieldCheck> {
    ipc::FieldCheck::from_result(session(&state).check_field(&field, &text))
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
    let present = reply(session(&state).store_credential(credential, secret))?;
    Ok(ipc::Credentials::from(&present))
}

#[tauri::command]
pub fn delete_credential(
    state: State<'_, AppState>,
    credential: String,
) -> Reply<ipc::Credentials> {
    let credential = ipc::credential(&credential)?;
    let present = reply(session(&state).delete_credential(credential))?;
    Ok(ipc::Credentials::from(&present))
}

/// Async: it waits for the network (and in demo may start the simulator first).
#[tauri::command]
pub async fn test_connection(state: State<'_, AppState>) -> Reply<Vec<ipc::ConnectionCheck>> {
    let checks = reply(session(&state).test_connection().await)?;
    Ok(checks.iter().map(ipc::ConnectionCheck::from).collect())
}

// ---- Time reports (docs/ipc.md, "Time reports (ELT)") ----

#[tauri::command]
pub fn get_time_reports(state: State<'_, AppState>, month: String) -> Reply<ipc::TimeReportsMonth> {
    let month = ipc::month(&month)?;
    let reports = reply(session(&state).time_reports(month))?;
    Ok(ipc::TimeReportsMonth::from(&reports))
}

#[tauri::command]
pub fn lock_report(
    state: State<'_, AppState>,
    month: String,
    assistant_id: i64,
) -> Reply<ipc::TimeReportsMonth> {
    let month = ipc::month(&month)?;
    let reports = reply(session(&state).lock_report(month, AssistantId(assistant_id)))?;
    Ok(ipc::TimeReportsMonth::from(&reports))
}

#[tauri::command]
pub fn unlock_report(
    state: State<'_, AppState>,
    month: String,
    assistant_id: i64,
) -> Reply<ipc::TimeReportsMonth> {
    let month = ipc::month(&month)?;
    let reports = reply(session(&state).unlock_report(month, AssistantId(assistant_id)))?;
    Ok(ipc::TimeReportsMonth::from(&reports))
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
    let started = reply(session(&state).start_signing(month, signer, device).await)?;
    Ok(ipc::SigningStarted::from(&started))
}

#[tauri::command]
pub async fn signing_status(
    state: State<'_, AppState>,
    session_id: String,
) -> Reply<ipc::SigningStatus> {
    let id = signing_session(&session_id)?;
    let progress = reply(session(&state).signing_status(id).await)?;
    Ok(ipc::SigningStatus::from(&progress))
}

#[tauri::command]
pub async fn cancel_signing(state: State<'_, AppState>, session_id: String) -> Reply<()> {
    let id = signing_session(&session_id)?;
    reply(session(&state).cancel_signing(id).await)
}

#[tauri::command]
pub async fn send_reports(
    state: State<'_, AppState>,
    month: String,
) -> Reply<ipc::TimeReportsMonth> {
    let month = ipc::month(&month)?;
    let reports = reply(session(&state).send_reports(month).await)?;
    Ok(ipc::TimeReportsMonth::from(&reports))
}

#[tauri::command]
pub async fn resend_report(
    state: State<'_, AppState>,
    month: String,
    assistant_id: i64,
) -> Reply<ipc::TimeReportsMonth> {
    let month = ipc::month(&month)?;
    let reports = reply(
        session(&state)
            .resend_report(month, AssistantId(assistant_id))
            .await,
    )?;
    Ok(ipc::TimeReportsMonth::from(&reports))
}

#[tauri::command]
pub fn mark_report_received(
    state: State<'_, AppState>,
    month: String,
    assistant_id: i64,
) -> Reply<ipc::TimeReportsMonth> {
    let month = ipc::month(&month)?;
    let reports = reply(session(&state).mark_report_received(month, AssistantId(assistant_id)))?;
    Ok(ipc::TimeReportsMonth::from(&reports))
}

/// The user printed, signed and sent the paper report (`sent: true`; it becomes `paper`, done),
/// or takes that back (`sent: false`; `paper_opened` again).
#[tauri::command]
pub fn mark_paper_sent(
    state: State<'_, AppState>,
    month: String,
    assistant_id: i64,
    sent: bool,
) -> Reply<ipc::TimeReportsMonth> {
    let month = ipc::month(&month)?;
    let reports = reply(session(&state).mark_paper_sent(month, AssistantId(assistant_id), sent))?;
    Ok(ipc::TimeReportsMonth::from(&reports))
}

/// Fills in FK's blankett 3059 (kept in the data folder; `blankett_missing` when there is
/// none yet), writes the PDF into the print folder (`utskrifter/`, emptied by the app) and
/// opens it with the default PDF viewer for printing. The report becomes `paper_opened` (not
/// done until the user confirms with `mark_paper_sent`).
#[tauri::command]
pub fn open_paper_report(
    state: State<'_, AppState>,
    month: String,
    assistant_id: i64,
) -> Reply<()> {
    let month = ipc::month(&month)?;
    let path = reply(session(&state).write_paper_report(month, AssistantId(assistant_id)))?;
    open::that_detached(&path).map_err(|e| IpcError::from(timbok_core::Error::Io(e)))?;
    Ok(())
}

/// Checks the file the user picked (its bytes) and keeps it as blankett 3059 in the data
/// folder; `blankett_unknown` when it is not FK 3059 (016 F 003) (nothing is changed).
#[tauri::command]
pub fn store_blankett_3059(state: State<'_, AppState>, bytes: Vec<u8>) -> Reply<()> {
    reply(session(&state).store_blankett_3059(&bytes))
}

#[tauri::command]
pub fn report_history(state: State<'_, AppState>) -> Reply<Vec<ipc::SentReport>> {
    let history = reply(session(&state).report_history())?;
    Ok(history.iter().map(ipc::SentReport::from).collect())
}

fn signing_session(id: &str) -> Reply<timbok_core::bankid::session::SessionId> {
    id.parse().map_err(|_| {
        IpcError::from(timbok_core::Error::NotFound(
            timbok_core::error::Entity::SigningSession,
        ))
    })
}

// ---- Invoice, overview, call journal (docs/ipc.md, "Invoice (E-RÄK)") ----

#[tauri::command]
pub fn get_invoice(state: State<'_, AppState>, month: String) -> Reply<ipc::InvoiceState> {
    let month = ipc::month(&month)?;
    let invoice = reply(session(&state).invoice_state(month))?;
    Ok(ipc::InvoiceState::from(&invoice))
}

#[tauri::command]
pub fn save_invoice_answers(
    state: State<'_, AppState>,
    month: String,
    answers: ipc::InvoiceAnswers,
) -> Reply<ipc::InvoiceState> {
    let month = ipc::month(&month)?;
    let invoice = reply(session(&state).save_invoice_answers(month, &answers.into()))?;
    Ok(ipc::InvoiceState::from(&invoice))
}

/// Async: it posts to E-RÄK (and in demo may start the simulator first).
#[tauri::command]
pub async fn submit_invoice(state: State<'_, AppState>, month: String) -> Reply<ipc::InvoiceState> {
    let month = ipc::month(&month)?;
    let invoice = reply(session(&state).submit_invoice(month).await)?;
    Ok(ipc::InvoiceState::from(&invoice))
}

#[tauri::command]
pub async fn reopen_invoice_page(state: State<'_, AppState>, month: String) -> Reply<()> {
    let month = ipc::month(&month)?;
    reply(session(&state).reopen_invoice_page(month).await)
}

#[tauri::command]
pub async fn cancel_invoice(state: State<'_, AppState>, month: String) -> Reply<ipc::InvoiceState> {
    let month = ipc::month(&month)?;
    let invoice = reply(session(&state).cancel_invoice(month).await)?;
    Ok(ipc::InvoiceState::from(&invoice))
}

#[tauri::command]
pub fn get_overview(state: State<'_, AppState>) -> Reply<Vec<ipc::OverviewMonth>> {
    let overview = reply(session(&state).overview())?;
    Ok(overview.iter().map(ipc::OverviewMonth::from).collect())
}

#[tauri::command]
pub fn get_call_journal(state: State<'_, AppState>) -> Reply<Vec<ipc::CallEntry>> {
    let journal = reply(session(&state).call_journal())?;
    Ok(journal.iter().map(ipc::CallEntry::from).collect())
}

/// Writes FK's support report (redacted) into the print folder (`utskrifter/`, emptied by the
/// app after an hour and at exit) and returns the file's path.
#[tauri::command]
pub async fn export_support_report(
    state: State<'_, AppState>,
    fingerprint: Option<String>,
) -> Reply<String> {
    let path = reply(
        session(&state)
            .export_support_report(env!("CARGO_PKG_VERSION"), fingerprint.as_deref())
            .await,
    )?;
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
    let saved = reply(session(&state).create_backup(&passphrase, &passphrase_again))?;
    Ok(ipc::BackupSaved::from(&saved))
}

/// What the picked backup file (base64) holds; replaces nothing.
#[tauri::command]
pub async fn preview_backup(
    state: State<'_, AppState>,
    base64: String,
    passphrase: String,
) -> Reply<ipc::BackupContents> {
    let bytes = ipc::backup_file(&base64)?;
    let contents = reply(session(&state).preview_backup(&bytes, &passphrase))?;
    Ok(ipc::BackupContents::from(&contents))
}

/// Async: it stops the services (their connections) before the database is replaced.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    base64: String,
    passphrase: String,
) -> Reply<ipc::RestoreDone> {
    let bytes = ipc::backup_file(&base64)?;
    let restored = reply(session(&state).restore_backup(&bytes, &passphrase).await)?;
    Ok(ipc::RestoreDone::from(&restored))
}

#[tauri::command]
pub fn list_automatic_backups(state: State<'_, AppState>) -> Reply<Vec<ipc::AutomaticBackup>> {
    let list = reply(session(&state).automatic_backups())?;
    Ok(list.iter().map(ipc::AutomaticBackup::from).collect())
}

#[tauri::command]
pub async fn preview_automatic_backup(
    state: State<'_, AppState>,
    name: String,
) -> Reply<ipc::BackupContents> {
    let contents = reply(session(&state).preview_automatic_backup(&name))?;
    Ok(ipc::BackupContents::from(&contents))
}

#[tauri::command]
pub async fn restore_automatic_backup(
    state: State<'_, AppState>,
    name: String,
) -> Reply<ipc::RestoreDone> {
    let restored = reply(session(&state).restore_automatic_backup(&name).await)?;
    Ok(ipc::RestoreDone::from(&restored))
}

/// Writes the household as import JSON into the documents folder; returns the file's path.
#[tauri::command]
pub fn export_household(state: State<'_, AppState>) -> Reply<String> {
    let path = reply(session(&state).export_household())?;
    Ok(path.display().to_string())
}

/// "Visa i mappen": opens the folder backups and exports are written to.
#[tauri::command]
pub fn open_documents_folder(state: State<'_, AppState>) -> Reply<()> {
    let folder = session(&state).documents_dir();
    std::fs::create_dir_all(&folder).map_err(|e| IpcError::from(timbok_core::Error::Io(e)))?;
    open::that_detached(&folder).map_err(|e| IpcError::from(timbok_core::Error::Io(e)))
}

// ---- Drafts of the month screen (docs/ipc.md, "Drafts") ----

#[tauri::command]
pub fn get_drafts(state: State<'_, AppState>, month: String) -> Reply<Vec<ipc::DraftWire>> {
    let month = ipc::month(&month)?;
    let drafts = reply(session(&state).drafts(month))?;
    Ok(drafts.iter().map(ipc::DraftWire::from).collect())
}

#[tauri::command]
pub fn save_draft(state: State<'_, AppState>, draft: ipc::DraftWire) -> Reply<()> {
    let draft = draft.try_into()?;
    reply(session(&state).save_draft(&draft))
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
    reply(session(&state).remove_draft(month, AssistantId(assistant_id), date))
}

// ---- The start (docs/ipc.md, "Start") ----

#[tauri::command]
pub fn get_start(state: State<'_, AppState>) -> Reply<ipc::Start> {
    let start = reply(session(&state).start())?;
    Ok(ipc::Start::from(&start))
}

#[tauri::command]
pub fn dismiss_guide(state: State<'_, AppState>) -> Reply<()> {
    reply(session(&state).dismiss_guide())
}

#[tauri::command]
pub fn remember_month(state: State<'_, AppState>, month: String) -> Reply<()> {
    let month = ipc::month(&month)?;
    reply(session(&state).remember_month(month))
}
