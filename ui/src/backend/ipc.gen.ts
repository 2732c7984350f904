// Generated from the Rust wire types (src-tauri/ipc/) by src-tauri/ipc/typescript.rs.
// Do not edit: `TIMBOK_WRITE_IPC_TYPES=1 cargo test -p timbok --test integration typescript::`
// rewrites this file. Import these types through ./types.

import type { AssistantEmployer, AutomaticBackupKind, BackendMessage, BackendParams, Employment, Environment, IdKind, InvoiceStatus, Kind, LssKind, QuestionId, Repayment, ReportStatus, ReportedOutcome, Scenario, SendState, ServiceName, Severity, SignerRole, SigningState, StartScreen } from "./types";

export type AppInfo = { version: string, environment: Environment, dataDir: string, };

export type Assistant = { id: number, personnummer: string, idKind: IdKind, firstName: string, lastName: string, phone: string | null, employedByPerson: boolean, collectiveAgreement: boolean, employer: AssistantEmployer, calculationPeriods: CalculationPeriods, };

export type AssistantInput = { id: number | null, personnummer: string, firstName: string, lastName: string, phone: string | null, employedByPerson: boolean, collectiveAgreement: boolean, 
/**
 * Missing: the anordnare employs the assistant.
 */
employer?: AssistantEmployer | null, 
/**
 * Missing: 4-week periods from Monday 2024-01-01.
 */
calculationPeriods?: CalculationPeriods | null, };

export type AssistantMonth = { assistantId: number, firstName: string, lastName: string, totals: Totals, shifts: Array<Shift>, rows: Array<Row>, reportStatus: ReportStatus, 
/**
 * The text of each day of the month on which a shift of this assistant starts, as the
 * day-text syntax writes it (kind `aktiv` without a letter), by date.
 */
dayTexts: Array<DayText>, };

export type AutomaticBackup = { name: string, 
/**
 * `YYYY-MM-DD`.
 */
date: string, 
/**
 * `daily` | `before_restore`.
 */
kind: AutomaticBackupKind, };

/**
 * What a backup holds (shown before anything is replaced).
 */
export type BackupContents = { 
/**
 * `YYYY-MM-DDTHH:MM:SS`, Swedish time.
 */
createdAt: string, 
/**
 * `demo` | `fk_test` | `production`.
 */
environment: string, personName: string | null, assistants: number, shifts: number, timeReports: number, invoices: number, };

/**
 * A backup the user made: the file and what it holds.
 */
export type BackupSaved = { path: string, contents: BackupContents, };

export type BatchResult = { added: Array<Shift>, skipped: number, };

/**
 * An assistant's calculation periods: back-to-back periods of `weeks` weeks, one starting on
 * `start` (`YYYY-MM-DD`).
 */
export type CalculationPeriods = { start: string, weeks: number, };

export type CallEntry = { at: string, service: string, endpoint: string, status: number | null, durationMs: number, body: string, };

/**
 * Generated into `ui/src/backend/ipc.gen.ts` (the UI's `CODES` must list every one: its
 * typecheck fails otherwise).
 */
export type Code = "invalid_input" | "not_found" | "database_corrupt" | "database_too_new" | "database_key_missing" | "database_key_wrong" | "storage" | "keyring" | "network" | "not_allowed" | "blankett_missing" | "blankett_unknown" | "backup_passphrase_too_short" | "backup_passphrases_differ" | "backup_wrong_passphrase" | "backup_damaged" | "backup_too_new" | "backup_key_missing" | "backup_other_environment" | "backup_nothing_to_back_up" | "internal";

export type ConnectionCheck = { service: ServiceName, ok: boolean, 
/**
 * The Swedish rendering of `text`.
 */
message: string, 
/**
 * What the check found, worded by the UI in its language.
 */
text: BackendMessage, };

export type CopyInput = { "kind": "day", from: string, to: string, } | { "kind": "week", from: string, to: string, } | { "kind": "previousMonth", month: string, };

export type CostsInput = { wages: string, overheads: string, training: string, workEnvironment: string, };

/**
 * Which credentials are saved in the OS keyring for the environment.
 */
export type Credentials = { eltClientP12: boolean, eltP12Passphrase: boolean, erakKey: boolean, bankidRpP12: boolean, bankidRpPassphrase: boolean, };

/**
 * `save_day`'s argument: one assistant's day as typed.
 */
export type DayInput = { assistantId: number, date: string, text: string, defaultKind: Kind, };

/**
 * One day's shifts as text (`save_day` reads the same syntax back).
 */
export type DayText = { date: string, text: string, 
/**
 * `false` when the syntax cannot say one of the day's shifts (longer than a day, or an end
 * not after its start): `text` is then a read-only description.
 */
exact: boolean, };

export type Draft = { 
/**
 * `YYYY-MM`.
 */
month: string, assistantId: number, 
/**
 * `YYYY-MM-DD`, a day of `month`.
 */
date: string, text: string, };

export type DueMonth = { month: string, due: string, overdue: boolean, action: "lock" | "sign" | "send" | "wait_for_sending" | "print_paper" | "check_report" | "send_invoice" | "sign_invoice", 
/**
 * The screen where the action is done.
 */
screen: StartScreen, };

export type Endpoints = { erakBaseUrl: string, erakSigningOrigin: string, 
/**
 * Empty or missing: `X-Erak-Key`.
 */
erakKeyHeader: string, eltUrl: string, bankidBaseUrl: string, supplierName: string, supplierId: string, };

export type FieldCheck = { 
/**
 * The value as the save would store it; `null` when empty or refused.
 */
normalized: string | null, 
/**
 * Why the save would refuse it, worded by the UI in its language; `null` when accepted.
 */
problem: BackendMessage | null, };

export type FieldProblem = { field: string, 
/**
 * The Swedish rendering of `key` + `params` (for logs); the UI words `key` + `params`.
 */
message: string, key: string, params: BackendParams, };

export type Finding = { severity: Severity, code: string, 
/**
 * The Swedish rendering of `key` + `params` (for logs); the UI words `key` + `params`.
 */
message: string, key: string, params: BackendParams, assistantId: number | null, 
/**
 * The other assistant of a pair (`double_assistance`).
 */
otherAssistantId: number | null, shiftId: number | null, date: string | null, };

export type GuideStep = { screen: StartScreen, done: boolean, };

export type HospitalStayInput = { from: string, to: string, };

export type Household = { person: Person, signerRole: SignerRole, signer: Person | null, employment: Employment, provider: Provider | null, grantedHoursPerMonth: number | null, scenario: Scenario, };

export type HouseholdInput = { person: PersonInput, signerRole: SignerRole, signer: PersonInput | null, employment: Employment, provider: ProviderInput | null, grantedHoursPerMonth: number | null, };

/**
 * `InvoiceAnswers` of docs/ipc.md: the answers as typed.
 */
export type InvoiceAnswers = { lssActivity: boolean | null, lssKinds: LssKind[], hospitalStay: boolean | null, hospitalStays: Array<HospitalStayInput>, outsideEea: boolean | null, previousPaymentUsed: boolean | null, previousPaymentRemaining: string, lastMonthOfPeriod: boolean | null, costs: CostsInput, periodFrom: string, periodTo: string, moneyLeft: boolean | null, moneyLeftAmount: string, repayment: Repayment | null, signerRole: SignerRole | null, signerPersonnummer: string, signerNameInPrint: string, phone: string, };

export type InvoiceState = { month: string, scenario: Scenario, questions: QuestionId[], 
/**
 * The Ja/Nej questions' texts as `{key, params}`, naming the person with assistance
 * when someone else fills in; the UI words them.
 */
questionTexts: Partial<Record<QuestionId, BackendMessage>>, answers: InvoiceAnswers, totals: Totals, status: InvoiceStatus, fingerprint: string | null, submittedAt: string | null, receivedAt: string | null, problems: Array<FieldProblem>, 
/**
 * What is happening or what went wrong, as `{key, params}`; the UI words it.
 */
message: BackendMessage | null, 
/**
 * While `waiting`: `received`, `cancelled` or `expired` as FK's page reported it, not
 * confirmed by E-RÄK's status API yet (Timbok keeps asking); otherwise `null`.
 */
reported: ReportedOutcome | null, reportedAt: string | null, due: string, 
/**
 * The month is above its granted hours (`{key, params}`), or `null`.
 */
grantedHoursWarning: BackendMessage | null, };

export type MonthSheet = { month: string, dueDate: string, grantedHours: number | null, totals: Totals, assistants: Array<AssistantMonth>, findings: Array<Finding>, };

export type OverviewInvoice = { status: InvoiceStatus, fingerprint: string | null, 
/**
 * The first problem of the invoice's last submit, or its message; the UI words it.
 */
problem: BackendMessage | null, 
/**
 * As in `InvoiceState`: an outcome reported by FK's page, not confirmed yet.
 */
reported: ReportedOutcome | null, };

export type OverviewMonth = { month: string, due: string, overdue: boolean, reports: Array<OverviewReport>, invoice: OverviewInvoice | null, };

export type OverviewReport = { assistantName: string, status: ReportStatus, txId: string | null, 
/**
 * FK's refusal or the outbox's problem, as `{key, params}`; the UI words it.
 */
problem: BackendMessage | null, };

export type Person = { personnummer: string, firstName: string, lastName: string, phone: string | null, };

export type PersonInput = { personnummer: string, firstName: string, lastName: string, phone: string | null, };

export type Provider = { name: string, organisationsnummer: string, contactPerson: string | null, phone: string | null, };

export type ProviderInput = { name: string, organisationsnummer: string, 
/**
 * The anordnare's contact person for FK; optional.
 */
contactPerson?: string | null, 
/**
 * The anordnare's phone; optional.
 */
phone?: string | null, };

/**
 * A restore done: what is in the database now, and where the replaced one was backed up.
 */
export type RestoreDone = { contents: BackupContents, previousBackup: string | null, };

export type Row = { shiftId: number, date: string, from: string, to: string, kind: Kind, 
/**
 * Minutes actually worked (differs from `to - from` across a DST change).
 */
minutes: number, 
/**
 * Why the row's length is doubtful (the daylight-saving change), as `{key, params}`.
 */
dstNote: BackendMessage | null, };

/**
 * One weekday of an assistant's weekly schedule (`get_schedule`'s reply, `save_schedule`'s
 * `days`): the month screen's day-text syntax, read and written by the core ("8-16, 22-07 b";
 * a shift without a letter is aktiv; empty: no shift).
 */
export type ScheduleDay = { 
/**
 * 0 = Monday … 6 = Sunday.
 */
weekday: number, text: string, };

export type SentReport = { reportId: string, month: string, assistantName: string, txId: string | null, sentAt: string, status: ReportStatus, };

export type Settings = { environment: Environment, 
/**
 * `null` in demo (the simulator's) and until saved.
 */
endpoints: Endpoints | null, credentials: Credentials, };

export type Shift = { id: number, assistantId: number, start: string, end: string, kind: Kind, note: string | null, };

export type ShiftInput = { id: number | null, assistantId: number, start: string, end: string, kind: Kind, note: string | null, };

export type SigningStarted = { sessionId: string, reportIds: Array<string>, };

export type SigningStatus = { state: SigningState, 
/**
 * The Swedish rendering of `text`.
 */
message: string, 
/**
 * BankID's hint while pending, else the result: worded by the UI in its language.
 */
text: BackendMessage, qrSvg: string | null, };

export type Start = { environment: Environment, hasHousehold: boolean, 
/**
 * The month the month, time-report and invoice screens open on (`YYYY-MM`).
 */
workMonth: string, 
/**
 * The months that need work, oldest first.
 */
due: Array<DueMonth>, 
/**
 * Demo mode's guide (Månad, Tidsredovisningar, Räkning), empty outside demo or dismissed.
 */
guide: Array<GuideStep>, };

export type TimeReport = { assistantId: number, assistantName: string, idKind: IdKind, status: ReportStatus, reportId: string | null, sha256: string | null, totals: Totals, rowCount: number, blockingErrors: number, lockedAt: string | null, assistantSignedAt: string | null, employerSignedAt: string | null, txId: string | null, sentAt: string | null, attempts: number, 
/**
 * FK's refusal or the outbox's problem, as `{key, params}`; the UI words it.
 */
problem: BackendMessage | null, };

export type TimeReportsMonth = { month: string, 
/**
 * The day the month's reports must reach FK (the core's `YearMonth::due_date`).
 */
dueDate: string, monthEnded: boolean, employerName: string, employerRole: SignerRole, reports: Array<TimeReport>, sending: boolean, 
/**
 * Where the month's sending stands (`nothing_to_send`, `sending`, `ready`, `all_sent`,
 * `paper_to_send`, `waiting_for_signatures`).
 */
sendState: SendState, 
/**
 * The month is above its granted hours: the warning to show before signing.
 */
grantedHoursWarning: BackendMessage | null, };

export type Totals = { aktiv: number, vantetid: number, beredskap: number, };

/** The scenario of each employment and signer role (the core's `Scenario::of`). */
export const SCENARIO_OF: Readonly<Record<Employment, Readonly<Record<SignerRole, Scenario>>>> = {
    "employer": { "self": "D", "vardnadshavare": "E", "god_man": "F", "forvaltare": "F" },
    "buys": { "self": "A", "vardnadshavare": "B", "god_man": "C", "forvaltare": "C" },
};

/** The longest texts the household's checks accept, in characters. */
export const TEXT_LIMITS = { name: 100, providerName: 200, phone: 20 } as const;
