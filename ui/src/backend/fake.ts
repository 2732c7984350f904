/**
 * In-memory Backend with the same rules as the Rust side (docs/ipc.md), for Vitest and for
 * `npm run dev` in a plain browser. Nothing is stored on disk; a reload starts empty.
 *
 * It rejects exactly like the real backend: a BackendError {code, message, field} with a
 * Swedish message, the first problem only.
 */
import {
    EMPLOYMENTS,
    GRANTED_HOURS_MAX,
    GRANTED_HOURS_MIN,
    NAME_MAX_LENGTH,
    SIGNER_ROLES,
    deriveScenario,
    isValidPhone,
} from "../domain/household";
import { addDays, dateOf, daysOfMonth, isMonth, mondayOf, weekdayOf } from "../domain/calendar";
import { parseIdentityNumber, parseOrganisationsnummer, type IdentityKind } from "../domain/identity";
import { KINDS, parseTime } from "../domain/shift-entry";
import { wallMinute } from "../domain/stockholm";
import { verbatimMessage } from "../i18n/backend-messages";
import { sv } from "../i18n/sv";
import { CREDENTIAL_NAMES, credentialField, isFileCredential } from "./credentials";
import { BackendError } from "./errors";
import { computeMonthSheet } from "./fake-month";
import { FakeInvoices } from "./fake-invoice";
import { FakeReports, type FakeReportsOptions, type TouchedShift } from "./fake-reports";
import { FakeSafekeeping, type FakeSafekeepingOptions } from "./fake-safekeeping";
import type {
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
    AppInfo,
    Assistant,
    AssistantEmployer,
    CalculationPeriods,
    AssistantInput,
    Backend,
    BatchResult,
    ConnectionCheck,
    CopyInput,
    CredentialName,
    Credentials,
    CredentialValue,
    Endpoints,
    Environment,
    Household,
    HouseholdInput,
    Kind,
    MonthSheet,
    Person,
    PersonInput,
    Provider,
    ScheduleEntry,
    ServiceName,
    Settings,
    Shift,
    ShiftInput,
    DayInput,
} from "./types";

export interface FakeBackendOptions {
    environment?: Environment;
    version?: string;
    /** The date 10-digit identity numbers are read against. Defaults to now. */
    today?: Date;
    household?: Household | null;
    assistants?: Assistant[];
    /** Ids of assistants that have shifts (cannot be deleted). */
    assistantsWithShifts?: number[];
    /** Shifts already stored (their ids are kept). */
    shifts?: Shift[];
    /** The weekly schedule already stored. */
    schedule?: ScheduleEntry[];
    /** Endpoints already saved, per environment (never in demo). */
    endpoints?: Partial<Record<Environment, Endpoints>>;
    /** Credentials already saved, per environment (the fake keeps their values in memory). */
    credentials?: Partial<Record<Environment, CredentialName[]>>;
    /** What `testConnection` answers (default: computed from what is saved). */
    connectionChecks?: ConnectionCheck[];
    /** Time reports: seeded states, signing speed, FK's answers (fake-reports.ts). */
    reports?: FakeReportsOptions;
    /** Backups and drafts (fake-safekeeping.ts). */
    safekeeping?: FakeSafekeepingOptions;
}

const ENDPOINT_URLS = [
    ["erakBaseUrl", "E-RÄK"],
    ["erakSigningOrigin", "Försäkringskassans signeringssida"],
    ["eltUrl", "ELT"],
    ["bankidBaseUrl", "BankID"],
] as const;

function checkEndpoints(input: Endpoints, environment: Environment): Endpoints {
    const texts = sv.backend.settings;
    const out = { ...input };
    for (const [field, service] of ENDPOINT_URLS) {
        const value = typeof input[field] === "string" ? input[field].trim() : "";
        if (value === "") {
            throw invalid(fill(texts.urlMissing, { service }), field);
        }
        let url: URL;
        try {
            url = new URL(value);
        } catch {
            throw invalid(fill(texts.urlUnreadable, { service }), field);
        }
        if (url.protocol !== "https:" && !(url.protocol === "http:" && environment === "demo")) {
            throw invalid(fill(url.protocol === "http:" ? texts.urlHttps : texts.urlUnreadable, { service }), field);
        }
        if (url.search !== "" || url.hash !== "") {
            throw invalid(fill(texts.urlQuery, { service }), field);
        }
        if (field === "erakSigningOrigin") {
            if (url.pathname !== "/") {
                throw invalid(fill(texts.urlOrigin, { service }), field);
            }
            out[field] = url.origin;
        } else {
            out[field] = field === "eltUrl" ? url.href : url.href.replace(/\/+$/, "");
        }
    }
    const header = (input.erakKeyHeader ?? "").trim();
    if (header !== "" && !/^[A-Za-z0-9_-]{1,64}$/.test(header)) {
        throw invalid(texts.header, "erakKeyHeader");
    }
    out.erakKeyHeader = header === "" ? "X-Erak-Key" : header;
    for (const [field, message] of [
        ["supplierName", texts.supplierName],
        ["supplierId", texts.supplierId],
    ] as const) {
        const value = typeof input[field] === "string" ? input[field].trim() : "";
        if (value === "") {
            throw invalid(message, field);
        }
        out[field] = value;
    }
    return out;
}



/** A shift to store, before it has an id. */
type NewShift = Omit<Shift, "id">;

type Method = keyof Backend;

function clone<T>(value: T): T {
    /* Like the JSON round trip through IPC: the caller never shares our objects. */
    return JSON.parse(JSON.stringify(value)) as T;
}

function fill(template: string, params: Record<string, string | number>): string {
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(params[name]) : whole,
    );
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

function invalid(message: string, field: string | null): BackendError {
    return new BackendError("invalid_input", message, field);
}

function join(prefix: string, name: string): string {
    return prefix === "" ? name : `${prefix}.${name}`;
}

type NameField = "firstName" | "lastName";

function checkName(value: unknown, field: string, label: string): string {
    const text = typeof value === "string" ? value.trim() : "";
    if (text === "") {
        throw invalid(fill(sv.backend.required, { field: label }), field);
    }
    if (text.length > NAME_MAX_LENGTH) {
        throw invalid(capitalize(fill(sv.backend.tooLong, { field: label, max: NAME_MAX_LENGTH })), field);
    }
    return text;
}

function checkPhone(value: unknown, field: string): string | null {
    if (value === null || value === undefined) {
        return null;
    }
    const text = typeof value === "string" ? value.trim() : "";
    if (text === "") {
        return null;
    }
    if (!isValidPhone(text)) {
        throw invalid(sv.validation.phone, field);
    }
    return text;
}

function checkIdentity(
    value: unknown,
    field: string,
    today: Date | undefined,
    allowSamordningsnummer: boolean,
): { normalized: string; kind: IdentityKind } {
    const text = typeof value === "string" ? value : "";
    const result = parseIdentityNumber(text, { today });
    if (!result.ok) {
        const message =
            result.reason === "empty"
                ? fill(sv.backend.required, { field: sv.backend.fields.personnummer })
                : sv.validation.identity[result.reason];
        throw invalid(message, field);
    }
    if (!allowSamordningsnummer && result.kind === "samordningsnummer") {
        throw invalid(sv.validation.identity.notPersonnummer, field);
    }
    return { normalized: result.normalized, kind: result.kind };
}

function checkPerson(input: PersonInput, prefix: string, today: Date | undefined): Person {
    const { normalized } = checkIdentity(input.personnummer, join(prefix, "personnummer"), today, false);
    const names = {} as Record<NameField, string>;
    for (const name of ["firstName", "lastName"] as const) {
        names[name] = checkName(input[name], join(prefix, name), sv.backend.fields[name]);
    }
    return {
        personnummer: normalized,
        firstName: names.firstName,
        lastName: names.lastName,
        phone: checkPhone(input.phone, join(prefix, "phone")),
    };
}

function checkProvider(input: HouseholdInput["provider"]): Provider {
    if (!input) {
        throw invalid(sv.backend.providerMissing, "provider");
    }
    const name = checkName(input.name, "provider.name", sv.backend.fields.providerName);
    const result = parseOrganisationsnummer(typeof input.organisationsnummer === "string" ? input.organisationsnummer : "");
    if (!result.ok) {
        throw invalid(sv.validation.organisationsnummer[result.reason], "provider.organisationsnummer");
    }
    const contactText = typeof input.contactPerson === "string" ? input.contactPerson.trim() : "";
    const contactPerson = contactText === "" ? null : checkName(contactText, "provider.contactPerson", sv.backend.fields.contactPerson);
    const phone = checkPhone(input.phone, "provider.phone");
    return { name, organisationsnummer: result.normalized, contactPerson, phone };
}

function checkEmployer(input: AssistantInput["employer"]): AssistantEmployer {
    if (!input || input.kind === "provider") {
        return { kind: "provider" };
    }
    if (input.kind === "self_employed") {
        return { kind: "self_employed" };
    }
    if (input.kind !== "other") {
        throw invalid(sv.assistants.form.required.employer, "employer.kind");
    }
    const nameText = typeof input.name === "string" ? input.name.trim() : "";
    const name = nameText === "" ? null : checkName(nameText, "employer.name", sv.backend.fields.employerName);
    const result = parseOrganisationsnummer(typeof input.organisationsnummer === "string" ? input.organisationsnummer : "");
    if (!result.ok) {
        throw invalid(sv.validation.organisationsnummer[result.reason], "employer.organisationsnummer");
    }
    return { kind: "other", name, organisationsnummer: result.normalized };
}

function checkPeriods(input: AssistantInput["calculationPeriods"], collectiveAgreement: boolean): CalculationPeriods {
    if (!input) {
        return { start: "2024-01-01", weeks: 4 };
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.start) || Number.isNaN(Date.parse(input.start))) {
        throw invalid(sv.assistants.form.periods.startInvalid, "calculationPeriods.start");
    }
    const max = collectiveAgreement ? 26 : 4;
    if (!Number.isInteger(input.weeks) || input.weeks < 1 || input.weeks > max) {
        throw invalid(collectiveAgreement ? sv.assistants.form.periods.weeksAgreement : sv.assistants.form.periods.weeksLaw, "calculationPeriods.weeks");
    }
    return { start: input.start, weeks: input.weeks };
}

function checkGrantedHours(value: unknown): number | null {
    if (value === null || value === undefined) {
        return null;
    }
    if (
        typeof value !== "number" ||
        !Number.isInteger(value) ||
        value < GRANTED_HOURS_MIN ||
        value > GRANTED_HOURS_MAX
    ) {
        throw invalid(sv.validation.grantedHours, "grantedHoursPerMonth");
    }
    return value;
}

function checkMonth(month: unknown): string {
    if (typeof month !== "string" || !isMonth(month)) {
        throw invalid(sv.backend.monthFormat, "month");
    }
    return month;
}

function checkDate(value: unknown, field: string): string {
    if (typeof value !== "string" || wallMinute(`${value}T00:00`) === null) {
        throw invalid(sv.backend.dateFormat, field);
    }
    return value;
}

function isKind(value: unknown): value is Kind {
    return typeof value === "string" && (KINDS as readonly string[]).includes(value);
}

/** Moves a wall-clock "YYYY-MM-DDTHH:MM" by whole days. */
function moveDays(value: string, days: number): string {
    return `${addDays(value.slice(0, 10), days)}${value.slice(10)}`;
}

function dayDifference(from: string, to: string): number {
    return Math.round(((wallMinute(`${to}T00:00`) ?? 0) - (wallMinute(`${from}T00:00`) ?? 0)) / 1440);
}

function compareAssistants(a: Assistant, b: Assistant): number {
    return (
        a.lastName.localeCompare(b.lastName, "sv") ||
        a.firstName.localeCompare(b.firstName, "sv") ||
        a.id - b.id
    );
}

/** A connection check with the fake's Swedish text (as the core's `text.verbatim`). */
function check(service: ServiceName, ok: boolean, message: string): ConnectionCheck {
    return { service, ok, message, text: verbatimMessage(message) };
}

export class FakeBackend implements Backend {
    private info: AppInfo;
    private readonly today: Date | undefined;
    private household: Household | null;
    private assistants: Assistant[];
    private readonly withShifts: Set<number>;
    private nextId: number;
    private shifts = new Map<number, Shift>();
    /** Deleted shifts, for undo. */
    private readonly deletedShifts = new Map<number, Shift>();
    private nextShiftId: number;
    private schedule: ScheduleEntry[];
    private readonly failures = new Map<Method, BackendError>();
    private readonly sample: FakeBackendOptions;
    private readonly endpoints = new Map<Environment, Endpoints>();
    private readonly secrets = new Map<Environment, Map<CredentialName, string>>();
    private readonly connectionChecks: ConnectionCheck[] | undefined;
    /** How many times `resetDemo` ran (for tests). */
    resets = 0;
    /** Time reports (fake-reports.ts); tests choose FK's answers and signing failures through it. */
    reports: FakeReports;

    constructor(options: FakeBackendOptions = {}) {
        this.sample = clone(options);
        for (const [environment, endpoints] of Object.entries(options.endpoints ?? {})) {
            this.endpoints.set(environment as Environment, clone(endpoints));
        }
        for (const [environment, names] of Object.entries(options.credentials ?? {})) {
            this.secrets.set(environment as Environment, new Map(names.map((name) => [name, "(sparad)"])));
        }
        this.connectionChecks = options.connectionChecks ? clone(options.connectionChecks) : undefined;
        this.info = {
            version: options.version ?? "0.0.0-fake",
            environment: options.environment ?? "demo",
            dataDir: "(minne)",
        };
        this.today = options.today;
        this.household = options.household ? clone(options.household) : null;
        this.assistants = clone(options.assistants ?? []);
        this.withShifts = new Set(options.assistantsWithShifts ?? []);
        this.nextId = Math.max(0, ...this.assistants.map((it) => it.id)) + 1;
        for (const shift of clone(options.shifts ?? [])) {
            this.shifts.set(shift.id, shift);
        }
        this.nextShiftId = Math.max(0, ...this.shifts.keys()) + 1;
        this.schedule = clone(options.schedule ?? []);
        this.reports = this.createReports();
        this.safekeeping = new FakeSafekeeping(clone(options.safekeeping ?? {}));
    }

    /* ---- Time reports: the model lives in fake-reports.ts ---- */
    private createReports(): FakeReports {
        return new FakeReports(
            {
                now: () => this.today ?? new Date(),
                household: () => this.household,
                assistants: () => this.assistants,
                sheet: (month) => this.monthSheet(month),
            },
            clone(this.sample.reports ?? {}),
        );
    }

    private monthSheet(month: string): MonthSheet {
        return computeMonthSheet({
            month,
            shifts: [...this.shifts.values()],
            assistants: this.assistants,
            grantedHours: this.household?.grantedHoursPerMonth ?? null,
            today: this.todayText(),
            reportStatus: (assistantId) => this.reports.statusOf(month, assistantId),
        });
    }

    /** Before any change of hours: unlocks locked reports, refuses sent ones (fake-reports.ts). */
    private touch(shifts: readonly TouchedShift[]): void {
        this.reports.touchShifts(shifts);
    }

    /** Puts the household, assistants, shifts and schedule of the options back (resetDemo). */
    private restoreSample(): void {
        const options = clone(this.sample);
        this.household = options.household ?? null;
        this.assistants = options.assistants ?? [];
        this.nextId = Math.max(0, ...this.assistants.map((it) => it.id)) + 1;
        this.shifts.clear();
        this.deletedShifts.clear();
        for (const shift of options.shifts ?? []) {
            this.shifts.set(shift.id, shift);
        }
        this.nextShiftId = Math.max(0, ...this.shifts.keys()) + 1;
        this.schedule = options.schedule ?? [];
        this.reports = this.createReports();
    }

    private secretsOf(environment: Environment): Map<CredentialName, string> {
        let map = this.secrets.get(environment);
        if (!map) {
            map = new Map();
            this.secrets.set(environment, map);
        }
        return map;
    }

    private presence(): Credentials {
        const demo = this.info.environment === "demo";
        const saved = this.secretsOf(this.info.environment);
        const entries = CREDENTIAL_NAMES.map((name) => [credentialField(name), !demo && saved.has(name)]);
        return Object.fromEntries(entries) as Credentials;
    }

    private refuseInDemo(message: string): void {
        if (this.info.environment === "demo") {
            throw invalid(message, null);
        }
    }

    /** Every stored shift, by start (for tests). */
    allShifts(): Shift[] {
        return clone([...this.shifts.values()].sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id));
    }

    private todayText(): string {
        return dateOf(this.today ?? new Date());
    }

    private insert(shift: NewShift): Shift {
        const stored: Shift = { ...shift, id: this.nextShiftId++ };
        this.shifts.set(stored.id, stored);
        return stored;
    }

    /** Whether `shift` would overlap a stored shift of the same assistant. */
    private overlapsStored(shift: NewShift): boolean {
        const start = wallMinute(shift.start) ?? 0;
        const end = wallMinute(shift.end) ?? 0;
        return [...this.shifts.values()].some(
            (other) =>
                other.assistantId === shift.assistantId &&
                (wallMinute(other.start) ?? 0) < end &&
                (wallMinute(other.end) ?? 0) > start,
        );
    }

    /** Inserts the shifts in order, skipping any that would overlap (like the Rust store). */
    private insertSkippingOverlaps(shifts: NewShift[]): BatchResult {
        const added: Shift[] = [];
        let skipped = 0;
        this.touch(shifts.filter((it) => (wallMinute(it.end) ?? 0) > (wallMinute(it.start) ?? 0) && !this.overlapsStored(it)));
        for (const shift of shifts) {
            if ((wallMinute(shift.end) ?? 0) <= (wallMinute(shift.start) ?? 0) || this.overlapsStored(shift)) {
                skipped += 1;
                continue;
            }
            added.push(this.insert(shift));
        }
        return { added, skipped };
    }

    private hasAssistant(id: number): boolean {
        return this.assistants.some((it) => it.id === id);
    }

    /** Make the next call of `method` reject with `error` (for tests of failure paths). */
    failNext(method: Method, error: BackendError): void {
        this.failures.set(method, error);
    }

    /** Mark an assistant as having shifts, so that deleting it is refused. */
    addShiftFor(id: number): void {
        this.withShifts.add(id);
    }

    private async run<T>(method: Method, body: () => T): Promise<T> {
        await Promise.resolve();
        const failure = this.failures.get(method);
        if (failure) {
            this.failures.delete(method);
            throw failure;
        }
        return clone(body());
    }

    appInfo(): Promise<AppInfo> {
        return this.run("appInfo", () => this.info);
    }

    getHousehold(): Promise<Household | null> {
        return this.run("getHousehold", () => this.household);
    }

    saveHousehold(input: HouseholdInput): Promise<Household> {
        return this.run("saveHousehold", () => {
            const person = checkPerson(input.person, "person", this.today);
            if (!SIGNER_ROLES.includes(input.signerRole)) {
                throw invalid(sv.household.signerRole.required, "signerRole");
            }
            let signer: Person | null = null;
            if (input.signerRole !== "self") {
                if (!input.signer) {
                    throw invalid(sv.backend.signerMissing, "signer");
                }
                signer = checkPerson(input.signer, "signer", this.today);
            }
            if (!EMPLOYMENTS.includes(input.employment)) {
                throw invalid(sv.household.employment.required, "employment");
            }
            const provider = input.employment === "buys" ? checkProvider(input.provider) : null;
            const grantedHoursPerMonth = checkGrantedHours(input.grantedHoursPerMonth);
            const household: Household = {
                person,
                signerRole: input.signerRole,
                signer,
                employment: input.employment,
                provider,
                grantedHoursPerMonth,
                scenario: deriveScenario(input.employment, input.signerRole),
            };
            this.household = household;
            return household;
        });
    }

    listAssistants(): Promise<Assistant[]> {
        return this.run("listAssistants", () => [...this.assistants].sort(compareAssistants));
    }

    saveAssistant(input: AssistantInput): Promise<Assistant> {
        return this.run("saveAssistant", () => {
            const existing = input.id === null ? undefined : this.assistants.find((it) => it.id === input.id);
            if (input.id !== null && !existing) {
                throw new BackendError("not_found", sv.backend.assistantNotFound, null);
            }
            const identity = checkIdentity(input.personnummer, "personnummer", this.today, true);
            const firstName = checkName(input.firstName, "firstName", sv.backend.fields.firstName);
            const lastName = checkName(input.lastName, "lastName", sv.backend.fields.lastName);
            const phone = checkPhone(input.phone, "phone");
            const duplicate = this.assistants.some(
                (it) => it.personnummer === identity.normalized && it.id !== input.id,
            );
            if (duplicate) {
                throw invalid(sv.backend.duplicateAssistant, "personnummer");
            }
            const assistant: Assistant = {
                id: existing ? existing.id : this.nextId++,
                personnummer: identity.normalized,
                idKind: identity.kind,
                firstName,
                lastName,
                phone,
                employedByPerson: Boolean(input.employedByPerson),
                collectiveAgreement: Boolean(input.collectiveAgreement),
                employer: checkEmployer(input.employer),
                calculationPeriods: checkPeriods(input.calculationPeriods, Boolean(input.collectiveAgreement)),
            };
            this.assistants = existing
                ? this.assistants.map((it) => (it.id === assistant.id ? assistant : it))
                : [...this.assistants, assistant];
            return assistant;
        });
    }

    deleteAssistant(id: number): Promise<null> {
        return this.run("deleteAssistant", () => {
            if (!this.assistants.some((it) => it.id === id)) {
                throw new BackendError("not_found", sv.backend.assistantNotFound, null);
            }
            if (this.withShifts.has(id) || [...this.shifts.values()].some((it) => it.assistantId === id)) {
                throw invalid(sv.backend.assistantHasShifts, null);
            }
            this.assistants = this.assistants.filter((it) => it.id !== id);
            return null;
        });
    }

    getMonth(month: string): Promise<MonthSheet> {
        return this.run("getMonth", () => this.monthSheet(checkMonth(month)));
    }

    saveDay(_day: DayInput): Promise<MonthSheet> {
        // Being retired: the day text is read by the core only (tests replay its replies).
        return Promise.reject(new BackendError("internal", "save_day: only the real core reads a day's text", null));
    }

    saveShift(input: ShiftInput): Promise<Shift> {
        return this.run("saveShift", () => {
            if (input.id !== null && !this.shifts.has(input.id)) {
                throw new BackendError("not_found", sv.backend.shiftNotFound, null);
            }
            if (!this.hasAssistant(input.assistantId)) {
                throw new BackendError("not_found", sv.backend.assistantNotFound, null);
            }
            if (typeof input.start !== "string" || wallMinute(input.start) === null) {
                throw invalid(sv.backend.startFormat, "start");
            }
            if (typeof input.end !== "string" || wallMinute(input.end) === null) {
                throw invalid(sv.backend.endFormat, "end");
            }
            if (!isKind(input.kind)) {
                throw invalid(sv.backend.kindInvalid, "kind");
            }
            const note = typeof input.note === "string" && input.note.trim() !== "" ? input.note.trim() : null;
            const shift: NewShift = {
                assistantId: input.assistantId,
                start: input.start,
                end: input.end,
                kind: input.kind,
                note,
            };
            const previous = input.id === null ? undefined : this.shifts.get(input.id);
            this.touch(previous ? [previous, shift] : [shift]);
            if (input.id === null) {
                return this.insert(shift);
            }
            const updated: Shift = { ...shift, id: input.id };
            this.shifts.set(updated.id, updated);
            return updated;
        });
    }

    deleteShift(id: number): Promise<null> {
        return this.run("deleteShift", () => {
            const shift = this.shifts.get(id);
            if (!shift) {
                throw new BackendError("not_found", sv.backend.shiftNotFound, null);
            }
            this.touch([shift]);
            this.shifts.delete(id);
            this.deletedShifts.set(id, shift);
            return null;
        });
    }

    undoDeleteShift(id: number): Promise<Shift> {
        return this.run("undoDeleteShift", () => {
            const shift = this.deletedShifts.get(id);
            if (!shift) {
                throw new BackendError("not_found", sv.backend.shiftNotFound, null);
            }
            this.touch([shift]);
            this.deletedShifts.delete(id);
            this.shifts.set(id, shift);
            return shift;
        });
    }

    copyShifts(source: CopyInput, assistantId: number | null): Promise<BatchResult> {
        return this.run("copyShifts", () => {
            const wanted = (shift: Shift) => assistantId === null || shift.assistantId === assistantId;
            const stored = [...this.shifts.values()].filter(wanted).sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id);
            const moved = (shift: Shift, days: number): NewShift => ({
                assistantId: shift.assistantId,
                start: moveDays(shift.start, days),
                end: moveDays(shift.end, days),
                kind: shift.kind,
                note: shift.note,
            });
            const startingOn = (day: string) => stored.filter((shift) => shift.start.slice(0, 10) === day);
            let copies: NewShift[];
            switch (source.kind) {
                case "day": {
                    const from = checkDate(source.from, "from");
                    const to = checkDate(source.to, "to");
                    copies = startingOn(from).map((shift) => moved(shift, dayDifference(from, to)));
                    break;
                }
                case "week": {
                    const from = mondayOf(checkDate(source.from, "from"));
                    const to = mondayOf(checkDate(source.to, "to"));
                    const days = dayDifference(from, to);
                    copies = [0, 1, 2, 3, 4, 5, 6].flatMap((offset) =>
                        startingOn(addDays(from, offset)).map((shift) => moved(shift, days)),
                    );
                    break;
                }
                case "previousMonth": {
                    const month = checkMonth(source.month);
                    copies = daysOfMonth(month).flatMap((target) => {
                        const four = addDays(target, -28);
                        const from = four.startsWith(month) ? addDays(target, -35) : four;
                        return startingOn(from).map((shift) => moved(shift, dayDifference(from, target)));
                    });
                    break;
                }
                default:
                    throw invalid(sv.backend.copySource, null);
            }
            return this.insertSkippingOverlaps(copies);
        });
    }

    getSchedule(): Promise<ScheduleEntry[]> {
        return this.run("getSchedule", () =>
            [...this.schedule].sort((a, b) => a.assistantId - b.assistantId || a.weekday - b.weekday || a.start.localeCompare(b.start)),
        );
    }

    saveSchedule(assistantId: number, entries: ScheduleEntry[]): Promise<null> {
        return this.run("saveSchedule", () => {
            for (const entry of entries) {
                if (entry.assistantId !== assistantId || !Number.isInteger(entry.weekday) || entry.weekday < 0 || entry.weekday > 6) {
                    throw invalid(sv.backend.scheduleInvalid, null);
                }
                if (!/^\d{2}:\d{2}$/.test(entry.start) || parseTime(entry.start, false) === null) {
                    throw invalid(sv.backend.clockFormat, "start");
                }
                if (!/^\d{2}:\d{2}$/.test(entry.end) || parseTime(entry.end, true) === null) {
                    throw invalid(sv.backend.clockFormat, "end");
                }
                if (!isKind(entry.kind)) {
                    throw invalid(sv.backend.kindInvalid, "kind");
                }
            }
            if (!this.hasAssistant(assistantId)) {
                throw new BackendError("not_found", sv.backend.assistantNotFound, null);
            }
            this.schedule = [...this.schedule.filter((it) => it.assistantId !== assistantId), ...clone(entries)];
            return null;
        });
    }

    prefillMonth(month: string, assistantId: number | null): Promise<BatchResult> {
        return this.run("prefillMonth", () => {
            const checked = checkMonth(month);
            const shifts: NewShift[] = [];
            for (const day of daysOfMonth(checked)) {
                const weekday = weekdayOf(day);
                for (const entry of this.schedule) {
                    if (entry.weekday !== weekday || (assistantId !== null && entry.assistantId !== assistantId)) {
                        continue;
                    }
                    const start = `${day}T${entry.start}`;
                    const startMinutes = parseTime(entry.start, false) ?? 0;
                    const endMinutes = parseTime(entry.end, true) ?? 0;
                    const endDay = endMinutes <= startMinutes || endMinutes === 1440 ? addDays(day, 1) : day;
                    const endClock = endMinutes === 1440 ? "00:00" : entry.end;
                    shifts.push({ assistantId: entry.assistantId, start, end: `${endDay}T${endClock}`, kind: entry.kind, note: null });
                }
            }
            return this.insertSkippingOverlaps(shifts);
        });
    }

    setEnvironment(environment: Environment): Promise<AppInfo> {
        return this.run("setEnvironment", () => {
            if (!["demo", "fk_test", "production"].includes(environment)) {
                throw invalid(sv.backend.settings.environment, "environment");
            }
            this.info = { ...this.info, environment };
            return this.info;
        });
    }

    resetDemo(): Promise<null> {
        return this.run("resetDemo", () => {
            if (this.info.environment !== "demo") {
                throw invalid(sv.backend.settings.demoOnly, null);
            }
            this.restoreSample();
            this.resets += 1;
            return null;
        });
    }

    getSettings(): Promise<Settings> {
        return this.run("getSettings", () => ({
            environment: this.info.environment,
            endpoints: this.info.environment === "demo" ? null : (this.endpoints.get(this.info.environment) ?? null),
            credentials: this.presence(),
        }));
    }

    saveEndpoints(endpoints: Endpoints): Promise<Endpoints> {
        return this.run("saveEndpoints", () => {
            this.refuseInDemo(sv.backend.settings.demoEndpoints);
            const checked = checkEndpoints(endpoints, this.info.environment);
            this.endpoints.set(this.info.environment, checked);
            return checked;
        });
    }

    storeCredential(credential: CredentialName, value: CredentialValue): Promise<Credentials> {
        return this.run("storeCredential", () => {
            this.refuseInDemo(sv.backend.settings.demoCredentials);
            if (!CREDENTIAL_NAMES.includes(credential)) {
                throw invalid(sv.backend.settings.unknownCredential, "credential");
            }
            const field = credentialField(credential);
            let stored: string;
            if (isFileCredential(credential)) {
                const base64 = "base64" in value ? value.base64 : "";
                let bytes: string;
                try {
                    bytes = atob(base64);
                } catch {
                    throw invalid(sv.backend.settings.fileBroken, field);
                }
                /* A PKCS#12 file is a DER SEQUENCE. */
                if (bytes.length < 16 || bytes.charCodeAt(0) !== 0x30) {
                    throw invalid(sv.backend.settings.notP12, field);
                }
                stored = base64;
            } else {
                const text = "text" in value ? value.text : "";
                if (text.trim() === "") {
                    throw invalid(sv.backend.settings.empty, field);
                }
                stored = credential === "erak_key" ? text.trim() : text;
            }
            this.secretsOf(this.info.environment).set(credential, stored);
            return this.presence();
        });
    }

    deleteCredential(credential: CredentialName): Promise<Credentials> {
        return this.run("deleteCredential", () => {
            this.refuseInDemo(sv.backend.settings.demoCredentials);
            this.secretsOf(this.info.environment).delete(credential);
            return this.presence();
        });
    }

    testConnection(): Promise<ConnectionCheck[]> {
        return this.run("testConnection", () => {
            if (this.connectionChecks) {
                return this.connectionChecks;
            }
            const texts = sv.backend.settings.checks;
            const all = (ok: boolean, message: (service: ServiceName) => string): ConnectionCheck[] =>
                (["erak", "elt", "bankid"] as const).map((service) => check(service, ok, message(service)));
            if (this.info.environment === "demo") {
                return all(true, (service) => texts.ok[service]);
            }
            if (!this.endpoints.has(this.info.environment)) {
                throw invalid(sv.backend.settings.saveEndpointsFirst, null);
            }
            const saved = this.secretsOf(this.info.environment);
            return [
                saved.has("erak_key") ? check("erak", true, texts.ok.erak) : check("erak", false, texts.missing.erak),
                saved.has("elt_client_p12") && saved.has("elt_p12_passphrase")
                    ? check("elt", true, texts.ok.elt)
                    : check("elt", false, texts.missing.elt),
                check("bankid", true, texts.ok.bankid),
            ];
        });
    }

    /* ---- Time reports: delegated to fake-reports.ts ---- */
    getTimeReports(month: string): Promise<TimeReportsMonth> {
        return this.run("getTimeReports", () => this.reports.getTimeReports(month));
    }
    lockReport(month: string, assistantId: number): Promise<TimeReportsMonth> {
        return this.run("lockReport", () => this.reports.lockReport(month, assistantId));
    }
    unlockReport(month: string, assistantId: number): Promise<TimeReportsMonth> {
        return this.run("unlockReport", () => this.reports.unlockReport(month, assistantId));
    }
    startSigning(month: string, assistantId: number | null, device: SigningDevice): Promise<SigningStarted> {
        return this.run("startSigning", () => this.reports.startSigning(month, assistantId, device));
    }
    signingStatus(sessionId: string): Promise<SigningStatus> {
        return this.run("signingStatus", () => this.reports.signingStatus(sessionId));
    }
    cancelSigning(sessionId: string): Promise<null> {
        return this.run("cancelSigning", () => this.reports.cancelSigning(sessionId));
    }
    sendReports(month: string): Promise<TimeReportsMonth> {
        return this.run("sendReports", () => this.reports.sendReports(month));
    }
    resendReport(month: string, assistantId: number): Promise<TimeReportsMonth> {
        return this.run("resendReport", () => this.reports.resendReport(month, assistantId));
    }
    markReportReceived(month: string, assistantId: number): Promise<TimeReportsMonth> {
        return this.run("markReportReceived", () => this.reports.markReportReceived(month, assistantId));
    }
    openPaperReport(month: string, assistantId: number): Promise<null> {
        return this.run("openPaperReport", () => this.reports.openPaperReport(month, assistantId));
    }
    storeBlankett3059(bytes: number[]): Promise<null> {
        return this.run("storeBlankett3059", () => this.reports.storeBlankett3059(bytes));
    }
    reportHistory(): Promise<SentReport[]> {
        return this.run("reportHistory", () => this.reports.reportHistory());
    }

    /* ---- Invoice, overview, call journal: src/backend/fake-invoice.ts (branch h-ui-invoice) ---- */
    /** The invoice part of the fake; tests use its controls (rejectNextSubmit, settings, …). */
    readonly invoice = new FakeInvoices({
        household: () => this.household,
        now: () => this.today ?? new Date(),
        totals: (month) => this.invoiceSheet(month).totals,
        monthsWithHours: () => [...new Set([...this.shifts.values()].map((shift) => shift.start.slice(0, 7)))],
        /* Every assistant with hours in the month, with the time-report fake's status. */
        reports: (month) =>
            this.invoiceSheet(month)
                .assistants.filter((it) => it.rows.length > 0)
                .map((it) => ({ assistantName: `${it.firstName} ${it.lastName}`, status: it.reportStatus, txId: null, problem: null })),
    });
    private invoiceSheet(month: string): MonthSheet {
        return computeMonthSheet({
            month,
            shifts: [...this.shifts.values()],
            assistants: this.assistants,
            grantedHours: this.household?.grantedHoursPerMonth ?? null,
            today: this.todayText(),
            reportStatus: (assistantId) => this.reports.statusOf(month, assistantId),
        });
    }
    getInvoice(month: string): Promise<InvoiceState> { return this.run("getInvoice", () => this.invoice.get(month)); }
    saveInvoiceAnswers(month: string, answers: InvoiceAnswers): Promise<InvoiceState> { return this.run("saveInvoiceAnswers", () => this.invoice.save(month, answers)); }
    submitInvoice(month: string): Promise<InvoiceState> { return this.run("submitInvoice", () => this.invoice.submit(month)); }
    reopenInvoicePage(month: string): Promise<null> { return this.run("reopenInvoicePage", () => this.invoice.reopen(month)); }
    cancelInvoice(month: string): Promise<InvoiceState> { return this.run("cancelInvoice", () => this.invoice.cancel(month)); }
    getOverview(): Promise<OverviewMonth[]> { return this.run("getOverview", () => this.invoice.overview()); }
    getCallJournal(): Promise<CallEntry[]> { return this.run("getCallJournal", () => this.invoice.callJournal()); }
    exportSupportReport(fingerprint: string | null): Promise<string> { return this.run("exportSupportReport", () => this.invoice.exportSupportReport(fingerprint)); }
    /* ---- end of the invoice part ---- */

    /* ---- Backup, restore, export and drafts: src/backend/fake-safekeeping.ts ---- */
    /** Records what the screens sent; tests seed and read it. */
    readonly safekeeping: FakeSafekeeping;
    createBackup(passphrase: string, _again: string): Promise<BackupSaved> { return this.run("createBackup", () => this.safekeeping.createBackup(passphrase)); }
    previewBackup(_base64: string, passphrase: string): Promise<BackupContents> { return this.run("previewBackup", () => this.safekeeping.previewBackup(passphrase)); }
    restoreBackup(base64: string, passphrase: string): Promise<RestoreDone> { return this.run("restoreBackup", () => this.safekeeping.restoreBackup(base64, passphrase)); }
    listAutomaticBackups(): Promise<AutomaticBackup[]> { return this.run("listAutomaticBackups", () => this.safekeeping.automatic); }
    previewAutomaticBackup(name: string): Promise<BackupContents> { return this.run("previewAutomaticBackup", () => this.safekeeping.previewAutomaticBackup(name)); }
    restoreAutomaticBackup(name: string): Promise<RestoreDone> { return this.run("restoreAutomaticBackup", () => this.safekeeping.restoreAutomaticBackup(name)); }
    exportHousehold(): Promise<string> { return this.run("exportHousehold", () => this.safekeeping.exportHousehold()); }
    openDocumentsFolder(): Promise<null> { return this.run("openDocumentsFolder", () => { this.safekeeping.foldersOpened += 1; return null; }); }
    getDrafts(month: string): Promise<Draft[]> { return this.run("getDrafts", () => this.safekeeping.getDrafts(month)); }
    saveDraft(draft: Draft): Promise<null> { return this.run("saveDraft", () => this.safekeeping.saveDraft(draft)); }
    removeDraft(month: string, assistantId: number, date: string): Promise<null> { return this.run("removeDraft", () => this.safekeeping.removeDraft(month, assistantId, date)); }
    /* ---- end of the safekeeping part ---- */
}
