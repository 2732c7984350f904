/**
 * Types of the IPC contract, docs/ipc.md. JSON field names are camelCase.
 * Keep this file in step with that document and with src-tauri/commands.rs.
 */

export type SignerRole = "self" | "vardnadshavare" | "god_man" | "forvaltare";
/** egen arbetsgivare (scenarios D–F) | köper assistans (scenarios A–C) */
export type Employment = "employer" | "buys";
/** Derived by the backend, never sent by the UI. */
export type Scenario = "A" | "B" | "C" | "D" | "E" | "F";

export interface PersonInput {
    personnummer: string;
    firstName: string;
    lastName: string;
    phone: string | null;
}

export interface Person {
    /** 12 digits, no dash. */
    personnummer: string;
    firstName: string;
    lastName: string;
    phone: string | null;
}

export interface ProviderInput {
    name: string;
    organisationsnummer: string;
    /** The anordnare's own contact person for FK (kontaktperson); optional. */
    contactPerson?: string | null;
    /** The anordnare's phone (telefonnummer), 7–15 digits; optional. */
    phone?: string | null;
}

export interface Provider {
    name: string;
    /** 10 digits, no dash. */
    organisationsnummer: string;
    contactPerson: string | null;
    phone: string | null;
}

/** Who employs an assistant the person does not employ (read when employment is "buys"). */
export type AssistantEmployer =
    | { kind: "provider" }
    | { kind: "other"; name: string | null; organisationsnummer: string }
    | { kind: "self_employed" };

export type AssistantEmployerKind = AssistantEmployer["kind"];

/** Beräkningsperioder: back-to-back periods of `weeks` weeks, one starting on `start`. */
export interface CalculationPeriods {
    /** YYYY-MM-DD */
    start: string;
    /** 1–4 under the law; up to 26 with a collective agreement. */
    weeks: number;
}

export interface HouseholdInput {
    person: PersonInput;
    signerRole: SignerRole;
    /** Required unless signerRole is "self". */
    signer: PersonInput | null;
    employment: Employment;
    /** Required when employment is "buys". */
    provider: ProviderInput | null;
    /** Whole hours, 1..=744. */
    grantedHoursPerMonth: number | null;
}

export interface Household {
    person: Person;
    signerRole: SignerRole;
    signer: Person | null;
    employment: Employment;
    provider: Provider | null;
    grantedHoursPerMonth: number | null;
    scenario: Scenario;
}

export type IdKind = "personnummer" | "samordningsnummer";

export interface AssistantInput {
    /** null creates a new assistant. */
    id: number | null;
    /** personnummer or samordningsnummer, 10/12 digits, -/+ allowed. */
    personnummer: string;
    firstName: string;
    lastName: string;
    phone: string | null;
    employedByPerson: boolean;
    collectiveAgreement: boolean;
    /** Missing: the anordnare. */
    employer?: AssistantEmployer | null;
    /** Missing: 4 weeks from 2024-01-01. */
    calculationPeriods?: CalculationPeriods | null;
}

export interface Assistant {
    id: number;
    /** 12 digits, no dash. */
    personnummer: string;
    idKind: IdKind;
    firstName: string;
    lastName: string;
    phone: string | null;
    employedByPerson: boolean;
    collectiveAgreement: boolean;
    employer: AssistantEmployer;
    calculationPeriods: CalculationPeriods;
}

export type Environment = "demo" | "fk_test" | "production";

export interface AppInfo {
    version: string;
    environment: Environment;
    dataDir: string;
}

/* ---- Month (hours), docs/ipc.md "Month (hours)" ---- */

export type Kind = "aktiv" | "vantetid" | "beredskap";

/** Minutes actually worked (real length in Europe/Stockholm), per kind of time. */
export interface Totals {
    aktiv: number;
    vantetid: number;
    beredskap: number;
}

export interface Shift {
    id: number;
    assistantId: number;
    /** Europe/Stockholm wall clock "YYYY-MM-DDTHH:MM". */
    start: string;
    /** Europe/Stockholm wall clock "YYYY-MM-DDTHH:MM"; on the next day for a night shift. */
    end: string;
    kind: Kind;
    note: string | null;
}

export interface ShiftInput {
    /** null creates a new shift. */
    id: number | null;
    assistantId: number;
    start: string;
    end: string;
    kind: Kind;
    note: string | null;
}

/** One row of the time report: a shift split at midnight and at the month's ends. */
export interface Row {
    shiftId: number;
    /** YYYY-MM-DD */
    date: string;
    /** HH:MM */
    from: string;
    /** HH:MM, "24:00" = midnight */
    to: string;
    kind: Kind;
    /** Minutes actually worked, DST-correct. */
    minutes: number;
    dstNote: string | null;
}

export type Severity = "error" | "warning";

export interface Finding {
    severity: Severity;
    /** Stable token, e.g. "overlap". */
    code: string;
    /** Swedish. */
    message: string;
    assistantId: number | null;
    shiftId: number | null;
    /** YYYY-MM-DD */
    date: string | null;
}

export interface AssistantMonth {
    assistantId: number;
    firstName: string;
    lastName: string;
    totals: Totals;
    shifts: Shift[];
    rows: Row[];
    /** The status of this assistant's time report for the month: warn before editing a locked one. */
    reportStatus: ReportStatus;
}

export interface MonthSheet {
    /** YYYY-MM */
    month: string;
    /** The 5th of the second month after, YYYY-MM-DD. */
    dueDate: string;
    grantedHours: number | null;
    totals: Totals;
    /** Every assistant of the household. */
    assistants: AssistantMonth[];
    findings: Finding[];
}

export type CopyInput =
    | { kind: "day"; from: string; to: string }
    | { kind: "week"; from: string; to: string }
    | { kind: "previousMonth"; month: string };

export interface BatchResult {
    added: Shift[];
    /** Copies that would overlap a shift already entered. */
    skipped: number;
}

export interface ScheduleEntry {
    assistantId: number;
    /** 0 = Monday … 6 = Sunday */
    weekday: number;
    /** "HH:MM" */
    start: string;
    /** "HH:MM"; at or before the start means the next day, "24:00" is midnight. */
    end: string;
    kind: Kind;
}

/* ---- Settings, docs/ipc.md "Settings" ---- */

/** Connection settings of FK test and production (never secret). */
export interface Endpoints {
    erakBaseUrl: string;
    /** Origin of FK's signing page, https://host[:port]. */
    erakSigningOrigin: string;
    /** Empty means "X-Erak-Key". */
    erakKeyHeader: string;
    eltUrl: string;
    bankidBaseUrl: string;
    supplierName: string;
    supplierId: string;
}

/** Which credentials are saved in the computer's keyring; never their values. */
export interface Credentials {
    eltClientP12: boolean;
    eltP12Passphrase: boolean;
    erakKey: boolean;
    bankidRpP12: boolean;
    bankidRpPassphrase: boolean;
}

export type CredentialName =
    | "elt_client_p12"
    | "elt_p12_passphrase"
    | "erak_key"
    | "bankid_rp_p12"
    | "bankid_rp_passphrase";

/** A credential to save: a file (.p12) as base64, or a text (passphrase, key). */
export type CredentialValue = { base64: string } | { text: string };

export interface Settings {
    environment: Environment;
    /** null in demo (the simulator's) and until saved. */
    endpoints: Endpoints | null;
    /** All false in demo: the simulator brings its own test credentials. */
    credentials: Credentials;
}

export type ServiceName = "erak" | "elt" | "bankid";

export interface ConnectionCheck {
    service: ServiceName;
    ok: boolean;
    /** Swedish; says what to do when ok is false. */
    message: string;
}


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
    | "paper";

export interface TimeReport {
    assistantId: number;
    assistantName: string;
    idKind: IdKind;
    status: ReportStatus;
    reportId: string | null;
    sha256: string | null;
    totals: Totals;
    rowCount: number;
    blockingErrors: number;
    lockedAt: string | null;
    assistantSignedAt: string | null;
    employerSignedAt: string | null;
    txId: string | null;
    sentAt: string | null;
    attempts: number;
    /** Swedish: FK's rejection or the uncertain/network explanation and what to do. */
    problem: string | null;
}

export interface TimeReportsMonth {
    month: string;
    monthEnded: boolean;
    employerName: string;
    employerRole: SignerRole;
    reports: TimeReport[];
    sending: boolean;
}

export type SigningDevice = "other" | "this";

export interface SigningStarted {
    sessionId: string;
    reportIds: string[];
}

export type SigningState = "pending" | "complete" | "failed" | "cancelled";

export interface SigningStatus {
    state: SigningState;
    /** Swedish hint text or the result. */
    message: string;
    /** Only for "other" while pending: a fresh SVG each second. */
    qrSvg: string | null;
}

export interface SentReport {
    reportId: string;
    month: string;
    assistantName: string;
    txId: string | null;
    sentAt: string;
    status: ReportStatus;
}

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

export interface HospitalStayInput {
    /** "YYYY-MM-DDTHH:MM" as typed */
    from: string;
    to: string;
}

export interface CostsInput {
    wages: string;
    overheads: string;
    training: string;
    workEnvironment: string;
}

export interface InvoiceAnswers {
    lssActivity: boolean | null;
    lssKinds: LssKind[];
    hospitalStay: boolean | null;
    hospitalStays: HospitalStayInput[];
    outsideEea: boolean | null;
    previousPaymentUsed: boolean | null;
    /** kronor as typed, "1 234,50" */
    previousPaymentRemaining: string;
    lastMonthOfPeriod: boolean | null;
    costs: CostsInput;
    periodFrom: string;
    periodTo: string;
    moneyLeft: boolean | null;
    moneyLeftAmount: string;
    repayment: Repayment | null;
    signerRole: SignerRole | null;
    signerPersonnummer: string;
    signerNameInPrint: string;
    phone: string;
}

export interface FieldProblem {
    /** e.g. "hospitalStays[0].from", "costs.wages", "phone" */
    field: string;
    message: string;
}

export type InvoiceStatus = "draft" | "waiting" | "received" | "cancelled" | "expired";

/** An outcome FK's page reported (return link or signal) that the status API has not confirmed. */
export type ReportedOutcome = Extract<InvoiceStatus, "received" | "cancelled" | "expired">;

export interface InvoiceState {
    month: string;
    scenario: Scenario;
    questions: QuestionId[];
    answers: InvoiceAnswers;
    totals: Totals;
    status: InvoiceStatus;
    fingerprint: string | null;
    submittedAt: string | null;
    receivedAt: string | null;
    problems: FieldProblem[];
    message: string | null;
    /**
     * While "waiting": what FK's page reported that E-RÄK's status API has not confirmed yet
     * (Timbok keeps asking). Never final by itself.
     */
    reported: ReportedOutcome | null;
    /** Local "YYYY-MM-DDTHH:MM:SS". */
    reportedAt: string | null;
    /** YYYY-MM-DD */
    due: string;
}

export interface OverviewReport {
    assistantName: string;
    status: ReportStatus;
    txId: string | null;
    problem: string | null;
}

export interface OverviewInvoice {
    status: InvoiceStatus;
    fingerprint: string | null;
    problem: string | null;
    /** As in InvoiceState. */
    reported: ReportedOutcome | null;
}

export interface OverviewMonth {
    month: string;
    due: string;
    overdue: boolean;
    reports: OverviewReport[];
    invoice: OverviewInvoice | null;
}

export interface CallEntry {
    at: string;
    service: ServiceName;
    endpoint: string;
    status: number | null;
    durationMs: number;
    /** Redacted: no personnummer, name, phone or key. */
    body: string;
}

/**
 * One method per command of docs/ipc.md. Every method rejects with a `BackendError`
 * (src/backend/errors.ts), never with anything else.
 */
/* ---- Backup, restore, export (docs/ipc.md, "Backup, restore, export") ---- */

/** What a backup holds, shown before anything is replaced. */
export interface BackupContents {
    /** YYYY-MM-DDTHH:MM:SS, Swedish time. */
    createdAt: string;
    environment: Environment;
    personName: string | null;
    assistants: number;
    shifts: number;
    timeReports: number;
    invoices: number;
}

export interface BackupSaved {
    /** The file, in the user's documents folder (`<Documents>/Timbok`). */
    path: string;
    contents: BackupContents;
}

export interface RestoreDone {
    /** What the database holds now. */
    contents: BackupContents;
    /** The automatic backup of the data that was replaced (null when there was none). */
    previousBackup: string | null;
}

export interface AutomaticBackup {
    /** The file's name: sent back to preview or restore it. */
    name: string;
    /** YYYY-MM-DD */
    date: string;
    kind: "daily" | "before_restore";
}

/** A day's unsaved text on the month screen (docs/ipc.md, "Drafts"). */
export interface Draft {
    /** YYYY-MM */
    month: string;
    assistantId: number;
    /** YYYY-MM-DD, a day of `month`. */
    date: string;
    text: string;
}

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
    /** `delete_shift { id }` */
    deleteShift(id: number): Promise<null>;
    /** `undo_delete_shift { id }` */
    undoDeleteShift(id: number): Promise<Shift>;
    /** `copy_shifts { source, assistantId }`; copies that would overlap are skipped */
    copyShifts(source: CopyInput, assistantId: number | null): Promise<BatchResult>;
    /** `get_schedule` */
    getSchedule(): Promise<ScheduleEntry[]>;
    /** `save_schedule { assistantId, entries }`; replaces that assistant's schedule */
    saveSchedule(assistantId: number, entries: ScheduleEntry[]): Promise<null>;
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
}
