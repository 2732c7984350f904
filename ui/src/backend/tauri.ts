/**
 * The Backend over Tauri's IPC (docs/ipc.md). Command names are snake_case, argument names
 * camelCase (Tauri maps them to snake_case in Rust). Every rejection is turned into a
 * BackendError.
 */
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { parseBackendError } from "./errors";
import type { Start } from "./types";
import type {
    AppInfo,
    AutomaticBackup,
    BackupContents,
    BackupSaved,
    Draft,
    RestoreDone,
    CallEntry,
    InvoiceAnswers,
    InvoiceState,
    OverviewMonth,
    SentReport,
    SigningDevice,
    SigningStarted,
    SigningStatus,
    TimeReportsMonth,
    Assistant,
    AssistantInput,
    Backend,
    BatchResult,
    ConnectionCheck,
    CopyInput,
    CredentialName,
    FieldCheck,
    Credentials,
    CredentialValue,
    Endpoints,
    Environment,
    Household,
    HouseholdInput,
    MonthSheet,
    ScheduleDay,
    Settings,
    Shift,
    ShiftInput,
    DayInput,
} from "./types";

/** How a command reaches the app: Tauri's `invoke` in the window, `bridgeInvoke` under `npm run dev`. */
export type Invoke = <T>(command: string, args?: InvokeArgs) => Promise<T>;

export class TauriBackend implements Backend {
    private readonly invoke: Invoke;

    /** `invokeFn` is the transport: Tauri's `invoke` in the app, the dev bridge's `fetch` in a browser, a stub in tests. */
    constructor(invokeFn: Invoke = invoke) {
        this.invoke = invokeFn;
    }

    private async call<T>(command: string, args?: InvokeArgs): Promise<T> {
        try {
            return await this.invoke<T>(command, args);
        } catch (error: unknown) {
            throw parseBackendError(error);
        }
    }

    appInfo(): Promise<AppInfo> {
        return this.call<AppInfo>("app_info");
    }

    getHousehold(): Promise<Household | null> {
        return this.call<Household | null>("get_household");
    }

    saveHousehold(household: HouseholdInput): Promise<Household> {
        return this.call<Household>("save_household", { household });
    }

    listAssistants(): Promise<Assistant[]> {
        return this.call<Assistant[]>("list_assistants");
    }

    saveAssistant(assistant: AssistantInput): Promise<Assistant> {
        return this.call<Assistant>("save_assistant", { assistant });
    }

    deleteAssistant(id: number): Promise<null> {
        return this.call<null>("delete_assistant", { id });
    }

    getMonth(month: string): Promise<MonthSheet> {
        return this.call<MonthSheet>("get_month", { month });
    }

    saveShift(shift: ShiftInput): Promise<Shift> {
        return this.call<Shift>("save_shift", { shift });
    }

    saveDay(day: DayInput): Promise<MonthSheet> {
        return this.call<MonthSheet>("save_day", { day });
    }

    deleteShift(id: number): Promise<null> {
        return this.call<null>("delete_shift", { id });
    }

    undoDeleteShift(id: number): Promise<Shift> {
        return this.call<Shift>("undo_delete_shift", { id });
    }

    copyShifts(source: CopyInput, assistantId: number | null): Promise<BatchResult> {
        return this.call<BatchResult>("copy_shifts", { source, assistantId });
    }

    getSchedule(assistantId: number): Promise<ScheduleDay[]> {
        return this.call<ScheduleDay[]>("get_schedule", { assistantId });
    }

    saveSchedule(assistantId: number, days: ScheduleDay[]): Promise<ScheduleDay[]> {
        return this.call<ScheduleDay[]>("save_schedule", { assistantId, days });
    }

    prefillMonth(month: string, assistantId: number | null): Promise<BatchResult> {
        return this.call<BatchResult>("prefill_month", { month, assistantId });
    }

    setEnvironment(environment: Environment): Promise<AppInfo> {
        return this.call<AppInfo>("set_environment", { environment });
    }

    resetDemo(): Promise<null> {
        return this.call<null>("reset_demo");
    }

    getSettings(): Promise<Settings> {
        return this.call<Settings>("get_settings");
    }

    saveEndpoints(endpoints: Endpoints): Promise<Endpoints> {
        return this.call<Endpoints>("save_endpoints", { endpoints });
    }

    checkField(field: string, text: string): Promise<FieldCheck> {
        return this.call<FieldCheck>("check_field", { field, text });
    }

    storeCredential(credential: CredentialName, value: CredentialValue): Promise<Credentials> {
        const text = "text" in value ? value.text : null;
        const base64 = "base64" in value ? value.base64 : null;
        return this.call<Credentials>("store_credential", { credential, text, base64 });
    }

    deleteCredential(credential: CredentialName): Promise<Credentials> {
        return this.call<Credentials>("delete_credential", { credential });
    }

    testConnection(): Promise<ConnectionCheck[]> {
        return this.call<ConnectionCheck[]>("test_connection");
    }

    getTimeReports(month: string): Promise<TimeReportsMonth> {
        return this.call<TimeReportsMonth>("get_time_reports", { month });
    }

    lockReport(month: string, assistantId: number): Promise<TimeReportsMonth> {
        return this.call<TimeReportsMonth>("lock_report", { month, assistantId });
    }

    unlockReport(month: string, assistantId: number): Promise<TimeReportsMonth> {
        return this.call<TimeReportsMonth>("unlock_report", { month, assistantId });
    }

    startSigning(month: string, assistantId: number | null, device: SigningDevice): Promise<SigningStarted> {
        return this.call<SigningStarted>("start_signing", { month, assistantId, device });
    }

    signingStatus(sessionId: string): Promise<SigningStatus> {
        return this.call<SigningStatus>("signing_status", { sessionId });
    }

    cancelSigning(sessionId: string): Promise<null> {
        return this.call<null>("cancel_signing", { sessionId });
    }

    sendReports(month: string): Promise<TimeReportsMonth> {
        return this.call<TimeReportsMonth>("send_reports", { month });
    }

    resendReport(month: string, assistantId: number): Promise<TimeReportsMonth> {
        return this.call<TimeReportsMonth>("resend_report", { month, assistantId });
    }

    markReportReceived(month: string, assistantId: number): Promise<TimeReportsMonth> {
        return this.call<TimeReportsMonth>("mark_report_received", { month, assistantId });
    }

    openPaperReport(month: string, assistantId: number): Promise<null> {
        return this.call<null>("open_paper_report", { month, assistantId });
    }

    markPaperSent(month: string, assistantId: number, sent: boolean): Promise<TimeReportsMonth> {
        return this.call<TimeReportsMonth>("mark_paper_sent", { month, assistantId, sent });
    }

    storeBlankett3059(bytes: number[]): Promise<null> {
        return this.call<null>("store_blankett_3059", { bytes });
    }

    reportHistory(): Promise<SentReport[]> {
        return this.call<SentReport[]>("report_history");
    }

    getInvoice(month: string): Promise<InvoiceState> {
        return this.call<InvoiceState>("get_invoice", { month });
    }

    saveInvoiceAnswers(month: string, answers: InvoiceAnswers): Promise<InvoiceState> {
        return this.call<InvoiceState>("save_invoice_answers", { month, answers });
    }

    submitInvoice(month: string): Promise<InvoiceState> {
        return this.call<InvoiceState>("submit_invoice", { month });
    }

    reopenInvoicePage(month: string): Promise<null> {
        return this.call<null>("reopen_invoice_page", { month });
    }

    cancelInvoice(month: string): Promise<InvoiceState> {
        return this.call<InvoiceState>("cancel_invoice", { month });
    }

    getOverview(): Promise<OverviewMonth[]> {
        return this.call<OverviewMonth[]>("get_overview");
    }

    getCallJournal(): Promise<CallEntry[]> {
        return this.call<CallEntry[]>("get_call_journal");
    }

    exportSupportReport(fingerprint: string | null): Promise<string> {
        return this.call<string>("export_support_report", { fingerprint });
    }

    createBackup(passphrase: string, passphraseAgain: string): Promise<BackupSaved> {
        return this.call<BackupSaved>("create_backup", { passphrase, passphraseAgain });
    }

    previewBackup(base64: string, passphrase: string): Promise<BackupContents> {
        return this.call<BackupContents>("preview_backup", { base64, passphrase });
    }

    restoreBackup(base64: string, passphrase: string): Promise<RestoreDone> {
        return this.call<RestoreDone>("restore_backup", { base64, passphrase });
    }

    listAutomaticBackups(): Promise<AutomaticBackup[]> {
        return this.call<AutomaticBackup[]>("list_automatic_backups");
    }

    previewAutomaticBackup(name: string): Promise<BackupContents> {
        return this.call<BackupContents>("preview_automatic_backup", { name });
    }

    restoreAutomaticBackup(name: string): Promise<RestoreDone> {
        return this.call<RestoreDone>("restore_automatic_backup", { name });
    }

    exportHousehold(): Promise<string> {
        return this.call<string>("export_household");
    }

    openDocumentsFolder(): Promise<null> {
        return this.call<null>("open_documents_folder");
    }

    getDrafts(month: string): Promise<Draft[]> {
        return this.call<Draft[]>("get_drafts", { month });
    }

    saveDraft(draft: Draft): Promise<null> {
        return this.call<null>("save_draft", { draft });
    }

    removeDraft(month: string, assistantId: number, date: string): Promise<null> {
        return this.call<null>("remove_draft", { month, assistantId, date });
    }

    getStart(): Promise<Start> {
        return this.call<Start>("get_start");
    }

    dismissGuide(): Promise<null> {
        return this.call<null>("dismiss_guide");
    }

    rememberMonth(month: string): Promise<null> {
        return this.call<null>("remember_month", { month });
    }
}
