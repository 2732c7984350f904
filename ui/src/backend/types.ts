/**
 * Types of the IPC contract, docs/ipc.md. JSON field names are camelCase. The shapes of the
 * commands' arguments and replies are generated from the Rust wire types (ipc.gen.ts, see
 * src-tauri/ipc/typescript.rs) and re-exported here; the string unions they name and the
 * `Backend` interface are written here.
 */

/* The shapes generated from the Rust wire types (ipc.gen.ts): Rust decides them. */
import type {
    AppInfo,
    Assistant,
    AssistantInput,
    AutomaticBackup,
    BackupContents,
    BackupSaved,
    BatchResult,
    CallEntry,
    ConnectionCheck,
    CopyInput,
    Credentials,
    DayInput,
    Draft,
    Endpoints,
    FieldCheck,
    Household,
    HouseholdInput,
    InvoiceAnswers,
    InvoiceState,
    MonthSheet,
    OverviewMonth,
    RestoreDone,
    ScheduleDay,
    SentReport,
    Settings,
    Shift,
    ShiftInput,
    SigningStarted,
    SigningStatus,
    TimeReportsMonth,
} from "./ipc.gen";
/* The start (docs/ipc.md "Start"). */
import type { Start } from "./ipc.gen";
export type { DueMonth, GuideStep, Start } from "./ipc.gen";
export type {
    AppInfo,
    Assistant,
    AssistantInput,
    AssistantMonth,
    AutomaticBackup,
    BackupContents,
    BackupSaved,
    BatchResult,
    CalculationPeriods,
    CallEntry,
    ConnectionCheck,
    CopyInput,
    CostsInput,
    Credentials,
    DayInput,
    DayText,
    Draft,
    Endpoints,
    FieldCheck,
    FieldProblem,
    Finding,
    HospitalStayInput,
    Household,
    HouseholdInput,
    InvoiceAnswers,
    InvoiceState,
    MonthSheet,
    OverviewInvoice,
    OverviewMonth,
    OverviewReport,
    Person,
    PersonInput,
    Provider,
    ProviderInput,
    RestoreDone,
    Row,
    ScheduleDay,
    SentReport,
    Settings,
    Shift,
    ShiftInput,
    SigningStarted,
    SigningStatus,
    TimeReport,
    TimeReportsMonth,
    Totals,
} from "./ipc.gen";

/** A message of the core's catalogue, `{key, params}` (docs/ipc.md, "Messages"), as errors, findings, notes, connection checks and signing states carry it (worded by the UI). */
export type { BackendMessage, BackendParams } from "../i18n/backend-messages";

export type SignerRole = "self" | "vardnadshavare" | "god_man" | "forvaltare";
/** egen arbetsgivare (scenarios D–F) | köper assistans (scenarios A–C) */
export type Employment = "employer" | "buys";
/** Derived by the backend, never sent by the UI. */
export type Scenario = "A" | "B" | "C" | "D" | "E" | "F";

/** Who employs an assistant the person does not employ (read when employment is "buys"). */
export type AssistantEmployer =
    | { kind: "provider" }
    | { kind: "other"; name: string | null; organisationsnummer: string }
    | { kind: "self_employed" };

export type AssistantEmployerKind = AssistantEmployer["kind"];

export type IdKind = "personnummer" | "samordningsnummer";

/** `AutomaticBackup.kind`. */
export type AutomaticBackupKind = "daily" | "before_restore";

export type Environment = "demo" | "fk_test" | "production";

/** A screen the start leads to (docs/ipc.md "Start"). */
export type StartScreen = "month" | "time_reports" | "invoice";

/* ---- Month (hours), docs/ipc.md "Month (hours)" ---- */

export type Kind = "aktiv" | "vantetid" | "beredskap";

export type Severity = "error" | "warning";

/* ---- Settings, docs/ipc.md "Settings" ---- */

export type CredentialName =
    | "elt_client_p12"
    | "elt_p12_passphrase"
    | "erak_key"
    | "bankid_rp_p12"
    | "bankid_rp_passphrase";

/** A credential to save: a file (.p12) as base64, or a text (passphrase, key). */
export type CredentialValue = { base64: string } | { text: string };

export type ServiceName = "erak" | "elt" | "bankid";


/* ---- Time reports (ELT), docs/ipc.md "Time reports (ELT)" ---- */

export type ReportStatus =
    | "open"
    | "locked"
    | "signed_by_assistant"
    | "signed_by_employer"
    | "signed"
    | "queued"
    | "sending"
    | "sent"
    | "rejected"
    | "uncertain"
    | "paper"
    | "paper_opened";

/** Where a month's sending stands (Rust's `SendState`). */
export type SendState = "nothing_to_send" | "sending" | "ready" | "all_sent" | "paper_to_send" | "waiting_for_signatures";

export type SigningDevice = "other" | "this";

export type SigningState = "pending" | "complete" | "failed" | "cancelled";

/* ---- Invoice (E-RÄK), docs/ipc.md "Invoice (E-RÄK)" ---- */

export type QuestionId =
    | "lssActivity"
    | "hospitalStay"
    | "outsideEea"
    | "previousPayment"
    | "lastMonthOfPeriod"
    | "costs"
    | "period"
    | "moneyLeft"
    | "repayment"
    | "signer"
    | "phone";

export type LssKind = "barnomsorg" | "skola" | "dagligVerksamhet";
export type Repayment = "deductFromNextPayment" | "payBack";

export type InvoiceStatus = "draft" | "waiting" | "received" | "cancelled" | "expired";

/** An outcome FK's page reported (return link or signal) that the status API has not confirmed. */
export type ReportedOutcome = Extract<InvoiceStatus, "received" | "cancelled" | "expired">;

/**
 * One method per command of docs/ipc.md. Every method rejects with a `BackendError`
 * (src/backend/errors.ts), never with anything else.
 */
export interface Backend {
    /** `app_info` */
    appInfo(): Promise<AppInfo>;
    /** `get_household` */
    getHousehold(): Promise<Household | null>;
    /** `save_household { household }` */
    saveHousehold(household: HouseholdInput): Promise<Household>;
    /** `list_assistants`, sorted by last name, first name */
    listAssistants(): Promise<Assistant[]>;
    /** `save_assistant { assistant }` */
    saveAssistant(assistant: AssistantInput): Promise<Assistant>;
    /** `delete_assistant { id }`; refused with invalid_input if the assistant has shifts */
    deleteAssistant(id: number): Promise<null>;
    /** `get_month { month }` ("YYYY-MM") */
    getMonth(month: string): Promise<MonthSheet>;
    /** `save_shift { shift }`; saved even if it breaks a rule (the rule shows as a finding) */
    saveShift(shift: ShiftInput): Promise<Shift>;
    /** One assistant's day as typed, saved in one transaction; the date's month sheet back. */
    saveDay(day: DayInput): Promise<MonthSheet>;
    /** `delete_shift { id }` */
    deleteShift(id: number): Promise<null>;
    /** `undo_delete_shift { id }` */
    undoDeleteShift(id: number): Promise<Shift>;
    /** `copy_shifts { source, assistantId }`; copies that would overlap are skipped */
    copyShifts(source: CopyInput, assistantId: number | null): Promise<BatchResult>;
    /** `get_schedule { assistantId }`: the assistant's weekly schedule, a text per weekday */
    getSchedule(assistantId: number): Promise<ScheduleDay[]>;
    /** `save_schedule { assistantId, days }`; replaces that assistant's schedule, returns it as saved */
    saveSchedule(assistantId: number, days: ScheduleDay[]): Promise<ScheduleDay[]>;
    /** `prefill_month { month, assistantId }` */
    prefillMonth(month: string, assistantId: number | null): Promise<BatchResult>;
    /** `set_environment { environment }`; opens that environment's own database */
    setEnvironment(environment: Environment): Promise<AppInfo>;
    /** `reset_demo`; demo only: the sample household comes back */
    resetDemo(): Promise<null>;
    /** `get_settings` */
    getSettings(): Promise<Settings>;
    /** `save_endpoints { endpoints }`; refused in demo */
    saveEndpoints(endpoints: Endpoints): Promise<Endpoints>;
    /** `check_field { field, text }`: one form field checked by its save's rules */
    checkField(field: string, text: string): Promise<FieldCheck>;
    /** `store_credential { credential, text?, base64? }`; refused in demo */
    storeCredential(credential: CredentialName, value: CredentialValue): Promise<Credentials>;
    /** `delete_credential { credential }` */
    deleteCredential(credential: CredentialName): Promise<Credentials>;
    /** `test_connection`: one check per service (E-RÄK, ELT, BankID) */
    testConnection(): Promise<ConnectionCheck[]>;

    /* ---- Time reports ---- */
    /** `get_time_reports { month }` */
    getTimeReports(month: string): Promise<TimeReportsMonth>;
    /** `lock_report { month, assistantId }` */
    lockReport(month: string, assistantId: number): Promise<TimeReportsMonth>;
    /** `unlock_report { month, assistantId }`: discards both signatures */
    unlockReport(month: string, assistantId: number): Promise<TimeReportsMonth>;
    /** `start_signing { month, assistantId, device }`; assistantId null = the employer signs all */
    startSigning(month: string, assistantId: number | null, device: SigningDevice): Promise<SigningStarted>;
    /** `signing_status { sessionId }`: poll each second */
    signingStatus(sessionId: string): Promise<SigningStatus>;
    /** `cancel_signing { sessionId }` */
    cancelSigning(sessionId: string): Promise<null>;
    /** `send_reports { month }`: queues every signed report of the month */
    sendReports(month: string): Promise<TimeReportsMonth>;
    /** `resend_report { month, assistantId }` */
    resendReport(month: string, assistantId: number): Promise<TimeReportsMonth>;
    /** `mark_report_received { month, assistantId }` */
    markReportReceived(month: string, assistantId: number): Promise<TimeReportsMonth>;
    /**
     * `open_paper_report { month, assistantId }`: fills in FK's blankett 3059 and opens the PDF;
     * `blankett_missing` until the user has picked FK's file (`storeBlankett3059`).
     */
    openPaperReport(month: string, assistantId: number): Promise<null>;
    /**
     * `mark_paper_sent { month, assistantId, sent }`: the paper report was printed and sent
     * (`paper`, done), or with `sent: false` it is not (`paper_opened` again)
     */
    markPaperSent(month: string, assistantId: number, sent: boolean): Promise<TimeReportsMonth>;
    /** `store_blankett_3059 { bytes }`: FK's blankett 3059 as picked; `blankett_unknown` if not */
    storeBlankett3059(bytes: number[]): Promise<null>;
    /** `report_history` */
    reportHistory(): Promise<SentReport[]>;

    /* ---- Invoice ---- */
    /** `get_invoice { month }` */
    getInvoice(month: string): Promise<InvoiceState>;
    /** `save_invoice_answers { month, answers }` */
    saveInvoiceAnswers(month: string, answers: InvoiceAnswers): Promise<InvoiceState>;
    /** `submit_invoice { month }` */
    submitInvoice(month: string): Promise<InvoiceState>;
    /** `reopen_invoice_page { month }` */
    reopenInvoicePage(month: string): Promise<null>;
    /** `cancel_invoice { month }` */
    cancelInvoice(month: string): Promise<InvoiceState>;
    /** `get_overview` */
    getOverview(): Promise<OverviewMonth[]>;
    /** `get_call_journal` */
    getCallJournal(): Promise<CallEntry[]>;
    /** `export_support_report { fingerprint }`: returns the file's path */
    exportSupportReport(fingerprint: string | null): Promise<string>;

    /* ---- Backup, restore, export ---- */
    /** `create_backup { passphrase, passphraseAgain }`: a file in the documents folder */
    createBackup(passphrase: string, passphraseAgain: string): Promise<BackupSaved>;
    /** `preview_backup { base64, passphrase }`: what the picked file holds; replaces nothing */
    previewBackup(base64: string, passphrase: string): Promise<BackupContents>;
    /** `restore_backup { base64, passphrase }`: backs up the data first, then replaces it */
    restoreBackup(base64: string, passphrase: string): Promise<RestoreDone>;
    /** `list_automatic_backups`, newest first */
    listAutomaticBackups(): Promise<AutomaticBackup[]>;
    /** `preview_automatic_backup { name }` */
    previewAutomaticBackup(name: string): Promise<BackupContents>;
    /** `restore_automatic_backup { name }` */
    restoreAutomaticBackup(name: string): Promise<RestoreDone>;
    /** `export_household`: import JSON in the documents folder; returns the file's path */
    exportHousehold(): Promise<string>;
    /** `open_documents_folder`: "Visa i mappen" */
    openDocumentsFolder(): Promise<null>;

    /* ---- Drafts of the month screen ---- */
    /** `get_drafts { month }` */
    getDrafts(month: string): Promise<Draft[]>;
    /** `save_draft { draft }` */
    saveDraft(draft: Draft): Promise<null>;
    /** `remove_draft { month, assistantId, date }` */
    removeDraft(month: string, assistantId: number, date: string): Promise<null>;

    /* ---- The start ---- */
    /** `get_start`: the work month, what is due, demo's guide */
    getStart(): Promise<Start>;
    /** `dismiss_guide` */
    dismissGuide(): Promise<null>;
    /** `remember_month { month }`: the month last used */
    rememberMonth(month: string): Promise<null>;
}
