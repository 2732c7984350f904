/**
 * The invoice (räkning, E-RÄK), the overview and the call journal of the in-memory fake
 * backend (docs/ipc.md, "Invoice (E-RÄK)"). The Rust side (timbok-core invoice + erak) is the
 * real implementation; this follows the same contract closely enough for the screens' tests:
 *
 * - questions per scenario in the order of FK's list (seed 000, "Scenarier – obligatoriska
 *   uppgifter per scenario"): A–C lssActivity, hospitalStay, outsideEea, previousPayment,
 *   phone, then signer (B, C); D–F lssActivity, hospitalStay, outsideEea, phone,
 *   lastMonthOfPeriod, then costs, period, moneyLeft, repayment (only while lastMonthOfPeriod
 *   is true), then signer (E, F). FK's list puts the phone number before the last-month block
 *   and before the guardian's / ställföreträdare's details; `lastMonthOfPeriod` is Timbok's
 *   own gate question ("Sista månaden i beviljandeperioden ska även detta fyllas i");
 * - answers pre-filled from the household the first time (signer, personnummer,
 *   namnförtydligande, phone), then stored as typed and never refused for their content;
 * - submit validates like E-RÄK (src-tauri/sim/src/erak.rs): every problem at once, each on
 *   the InvoiceAnswers path of its field ("hospitalStays[0].from", "costs.wages", "month" …),
 *   in Swedish; amounts "1 234,50" are read into öre;
 * - tests can make the next submit meet FK's 400 (`rejectNextSubmit`) or no answer
 *   (`failNextSubmitWithNetwork`); an accepted invoice waits for the signature and turns
 *   `received` (or `settings.outcome`) after `settings.pollsUntilDone` calls of getInvoice;
 *   with `settings.unconfirmedPolls`, FK's page reports the outcome first while the status
 *   API gives no answer for that many more calls (`reported`, still `waiting`);
 * - every request to "FK" is written to the call journal, redacted (no personnummer, name,
 *   phone or key), newest first; the support report is kept in memory (`supportReports`).
 *
 * Methods are synchronous and return stored objects: FakeBackend wraps them in its `run`
 * (failNext, cloning).
 */
import { addMonths, dateOf, dueDate, isMonth, monthOf } from "../domain/calendar";
import { isValidPhone } from "../domain/household";
import { formatIdentityNumber, parseIdentityNumber } from "../domain/identity";
import { parseKronor } from "../domain/money";
import { wallMinute } from "../domain/stockholm";
import { monthLabel } from "../i18n/dates";
import { sv } from "../i18n/sv";
import { BackendError } from "./errors";
import type {
    CallEntry,
    FieldProblem,
    Household,
    InvoiceAnswers,
    InvoiceState,
    InvoiceStatus,
    OverviewMonth,
    OverviewReport,
    QuestionId,
    ReportedOutcome,
    Scenario,
    ServiceName,
    Totals,
} from "./types";

/** What the invoice needs from the rest of the fake backend (read when needed). */
export interface InvoiceWorld {
    household(): Household | null;
    /** The fake's clock. */
    now(): Date;
    /** All assistants' minutes of the month (DST-correct, from the month sheet). */
    totals(month: string): Totals;
    /** Months that have hours ("YYYY-MM"). */
    monthsWithHours(): string[];
    /** The time reports of a month for the overview. */
    reports(month: string): OverviewReport[];
}

export interface FakeInvoiceSettings {
    /** How many getInvoice calls while waiting until FK's answer changes. */
    pollsUntilDone: number;
    /** What the signing ends in. */
    outcome: Extract<InvoiceStatus, "received" | "cancelled" | "expired">;
    /** After the outcome, how many more calls the status API gives no answer (reported only). */
    unconfirmedPolls?: number;
}

interface InvoiceRecord {
    answers: InvoiceAnswers;
    status: InvoiceStatus;
    fingerprint: string | null;
    submittedAt: string | null;
    receivedAt: string | null;
    problems: FieldProblem[];
    message: string | null;
    reported: ReportedOutcome | null;
    reportedAt: string | null;
    polls: number;
}

type NextSubmit = { kind: "fk400"; problems: FieldProblem[] } | { kind: "network" } | null;

const texts = sv.invoice.backend;
const questionTexts = sv.invoice.questions;

const COMMON_QUESTIONS: readonly QuestionId[] = ["lssActivity", "hospitalStay", "outsideEea"];
const LAST_MONTH_QUESTIONS: readonly QuestionId[] = ["costs", "period", "moneyLeft", "repayment"];
const COST_FIELDS = ["wages", "overheads", "training", "workEnvironment"] as const;
const REDACTED = "[borttaget]";

/** The scenario's questions in FK's order; the last-month block only while it is answered Yes. */
export function questionsFor(scenario: Scenario, lastMonthOfPeriod: boolean | null): QuestionId[] {
    const hasSigner = !["A", "D"].includes(scenario);
    const questions: QuestionId[] = [...COMMON_QUESTIONS];
    if (["A", "B", "C"].includes(scenario)) {
        questions.push("previousPayment", "phone");
    } else {
        questions.push("phone", "lastMonthOfPeriod");
        if (lastMonthOfPeriod === true) {
            questions.push(...LAST_MONTH_QUESTIONS);
        }
    }
    if (hasSigner) {
        questions.push("signer");
    }
    return questions;
}

export function emptyAnswers(): InvoiceAnswers {
    return {
        lssActivity: null,
        lssKinds: [],
        hospitalStay: null,
        hospitalStays: [],
        outsideEea: null,
        previousPaymentUsed: null,
        previousPaymentRemaining: "",
        lastMonthOfPeriod: null,
        costs: { wages: "", overheads: "", training: "", workEnvironment: "" },
        periodFrom: "",
        periodTo: "",
        moneyLeft: null,
        moneyLeftAmount: "",
        repayment: null,
        signerRole: null,
        signerPersonnummer: "",
        signerNameInPrint: "",
        phone: "",
    };
}

/** The answers pre-filled from the household. */
export function prefilledAnswers(household: Household): InvoiceAnswers {
    const answers = emptyAnswers();
    const signer = household.signerRole === "self" ? null : household.signer;
    answers.signerRole = household.signerRole;
    if (signer) {
        answers.signerPersonnummer = formatIdentityNumber(signer.personnummer);
        answers.signerNameInPrint = `${signer.firstName} ${signer.lastName}`;
    }
    answers.phone = signer?.phone ?? household.person.phone ?? "";
    return answers;
}

function fill(template: string, params: Record<string, string | number>): string {
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function isBool(value: unknown): value is boolean {
    return typeof value === "boolean";
}

function text(value: unknown): string {
    return typeof value === "string" ? value : "";
}

/** Answers as stored: every field present with its type, the text exactly as typed. */
function normalized(input: Partial<InvoiceAnswers> | null | undefined): InvoiceAnswers {
    const raw = (input ?? {}) as Partial<InvoiceAnswers>;
    const empty = emptyAnswers();
    const bool = (value: unknown) => (isBool(value) ? value : null);
    return {
        lssActivity: bool(raw.lssActivity),
        lssKinds: Array.isArray(raw.lssKinds)
            ? raw.lssKinds.filter((kind) => ["barnomsorg", "skola", "dagligVerksamhet"].includes(kind))
            : [],
        hospitalStay: bool(raw.hospitalStay),
        hospitalStays: Array.isArray(raw.hospitalStays)
            ? raw.hospitalStays.map((stay) => ({ from: text(stay?.from), to: text(stay?.to) }))
            : [],
        outsideEea: bool(raw.outsideEea),
        previousPaymentUsed: bool(raw.previousPaymentUsed),
        previousPaymentRemaining: text(raw.previousPaymentRemaining),
        lastMonthOfPeriod: bool(raw.lastMonthOfPeriod),
        costs: {
            wages: text(raw.costs?.wages),
            overheads: text(raw.costs?.overheads),
            training: text(raw.costs?.training),
            workEnvironment: text(raw.costs?.workEnvironment),
        },
        periodFrom: text(raw.periodFrom),
        periodTo: text(raw.periodTo),
        moneyLeft: bool(raw.moneyLeft),
        moneyLeftAmount: text(raw.moneyLeftAmount),
        repayment: raw.repayment === "deductFromNextPayment" || raw.repayment === "payBack" ? raw.repayment : null,
        signerRole:
            raw.signerRole && ["self", "vardnadshavare", "god_man", "forvaltare"].includes(raw.signerRole)
                ? raw.signerRole
                : empty.signerRole,
        signerPersonnummer: text(raw.signerPersonnummer),
        signerNameInPrint: text(raw.signerNameInPrint),
        phone: text(raw.phone),
    };
}

function pad(value: number): string {
    return String(value).padStart(2, "0");
}

function localTime(date: Date): string {
    return `${dateOf(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function monthName(month: string): string {
    return monthLabel(month, "sv");
}

/** A fingerprint in FK's style: 32 hex digits, made from a counter (deterministic in tests). */
function makeFingerprint(seed: string): string {
    let hash = 0x811c9dc5;
    let out = "";
    for (let round = 0; round < 4; round++) {
        for (const char of `${seed}#${String(round)}`) {
            hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
        }
        out += hash.toString(16).padStart(8, "0");
    }
    return out;
}

/** Submit-time validation (E-RÄK's rules, docs/ipc.md): every problem, each on its field. */
export function validateInvoice(
    month: string,
    scenario: Scenario,
    answers: InvoiceAnswers,
    household: Household,
    today: Date,
): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const add = (field: string, message: string) =>
        problems.push({ field, message, key: "text.verbatim", params: { text: { type: "text", value: message } } });
    const label = monthName(month);

    if (month >= monthOf(today)) {
        add("month", fill(texts.monthNotEnded, { month: label }));
    }

    if (answers.lssActivity === null) {
        add("lssActivity", questionTexts.lssActivity.required);
    } else if (answers.lssActivity && answers.lssKinds.length === 0) {
        add("lssKinds", questionTexts.lssKinds.required);
    }

    if (answers.hospitalStay === null) {
        add("hospitalStay", questionTexts.hospitalStay.required);
    } else if (answers.hospitalStay) {
        if (answers.hospitalStays.length === 0) {
            add("hospitalStays", texts.hospitalStaysMissing);
        }
        const monthStart = wallMinute(`${month}-01T00:00`) ?? 0;
        const monthEnd = wallMinute(`${addMonths(month, 1)}-01T00:00`) ?? 0;
        answers.hospitalStays.forEach((stay, index) => {
            const from = wallMinute(stay.from.trim());
            const to = wallMinute(stay.to.trim());
            if (from === null) {
                add(`hospitalStays[${String(index)}].from`, texts.stayFrom);
            }
            if (to === null) {
                add(`hospitalStays[${String(index)}].to`, texts.stayTo);
            }
            if (from !== null && to !== null) {
                if (to <= from) {
                    add(`hospitalStays[${String(index)}].to`, texts.stayOrder);
                } else if (from >= monthEnd || to <= monthStart) {
                    add(`hospitalStays[${String(index)}].from`, fill(texts.stayOutside, { month: label }));
                }
            }
        });
    }

    if (answers.outsideEea === null) {
        add("outsideEea", questionTexts.outsideEea.required);
    }

    const amount = (field: string, value: string, required: string, positive = false) => {
        if (value.trim() === "") {
            add(field, required);
            return;
        }
        const ore = parseKronor(value);
        if (ore === null) {
            add(field, questionTexts.amountFormat);
        } else if (positive && ore === 0) {
            add(field, texts.amountPositive);
        }
    };

    if (["A", "B", "C"].includes(scenario)) {
        if (answers.previousPaymentUsed === null) {
            add("previousPaymentUsed", questionTexts.previousPayment.required);
        } else if (!answers.previousPaymentUsed) {
            amount("previousPaymentRemaining", answers.previousPaymentRemaining, questionTexts.previousPayment.remainingRequired);
        }
    } else if (answers.lastMonthOfPeriod === null) {
        add("lastMonthOfPeriod", questionTexts.lastMonthOfPeriod.required);
    } else if (answers.lastMonthOfPeriod) {
        for (const cost of COST_FIELDS) {
            amount(`costs.${cost}`, answers.costs[cost], questionTexts.costs.required[cost]);
        }
        const dateOk = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) && wallMinute(`${value.trim()}T00:00`) !== null;
        const from = answers.periodFrom.trim();
        const to = answers.periodTo.trim();
        if (from === "") {
            add("periodFrom", questionTexts.period.required.from);
        } else if (!dateOk(from)) {
            add("periodFrom", questionTexts.dateFormat);
        }
        if (to === "") {
            add("periodTo", questionTexts.period.required.to);
        } else if (!dateOk(to)) {
            add("periodTo", questionTexts.dateFormat);
        } else if (dateOk(from) && to < from) {
            add("periodTo", texts.periodOrder);
        } else if (!to.startsWith(month)) {
            add("periodTo", fill(texts.periodEnd, { month: label }));
        }
        if (answers.moneyLeft === null) {
            add("moneyLeft", questionTexts.moneyLeft.required);
        } else if (answers.moneyLeft) {
            amount("moneyLeftAmount", answers.moneyLeftAmount, questionTexts.moneyLeft.amountRequired, true);
        }
        if (answers.repayment === null) {
            add("repayment", questionTexts.repayment.required);
        }
    }

    if (!["A", "D"].includes(scenario)) {
        if (["C", "F"].includes(scenario) && answers.signerRole !== "god_man" && answers.signerRole !== "forvaltare") {
            add("signerRole", questionTexts.signer.roleRequired);
        }
        const id = parseIdentityNumber(answers.signerPersonnummer, { today });
        if (!id.ok) {
            add(
                "signerPersonnummer",
                id.reason === "empty" ? questionTexts.signer.required.personnummer : sv.validation.identity[id.reason],
            );
        } else if (id.kind !== "personnummer") {
            add("signerPersonnummer", sv.validation.identity.notPersonnummer);
        } else if (id.normalized === household.person.personnummer) {
            add("signerPersonnummer", texts.signerIsPerson);
        }
        if (answers.signerNameInPrint.trim() === "") {
            add("signerNameInPrint", questionTexts.signer.required.nameInPrint);
        }
    }

    if (answers.phone.trim() === "") {
        add("phone", questionTexts.phone.required);
    } else if (!isValidPhone(answers.phone)) {
        add("phone", sv.validation.phone);
    }
    return problems;
}

/** The create request's body as the journal shows it: the shape and the amounts, no personal data. */
function redactedCreateBody(month: string, scenario: Scenario, answers: InvoiceAnswers, totals: Totals): string {
    return JSON.stringify({
        supplier: { name: "Timbok", id: REDACTED },
        invoice: {
            scenario,
            year: Number(month.slice(0, 4)),
            month: Number(month.slice(5, 7)),
            person: { personnummer: REDACTED, firstName: REDACTED, lastName: REDACTED },
            totals: { activeMinutes: totals.aktiv, waitingMinutes: totals.vantetid, standbyMinutes: totals.beredskap },
            answers: {
                lssActivity: { answer: answers.lssActivity, kinds: answers.lssActivity ? answers.lssKinds : [] },
                hospitalStay: { answer: answers.hospitalStay, dates: answers.hospitalStay ? answers.hospitalStays : [] },
                outsideEea: { answer: answers.outsideEea },
            },
            signer: { personnummer: REDACTED, nameInPrint: REDACTED },
            phone: REDACTED,
        },
    });
}

export class FakeInvoices {
    readonly settings: FakeInvoiceSettings = { pollsUntilDone: 2, outcome: "received" };
    /** Every time FK's signing page was opened (submit and "Öppna sidan igen"), by month. */
    readonly openedPages: string[] = [];
    /** The support reports written, newest last: path and content. */
    readonly supportReports: { path: string; content: string }[] = [];
    private readonly records = new Map<string, InvoiceRecord>();
    private readonly journal: CallEntry[] = [];
    private nextSubmit: NextSubmit = null;
    private created = 0;

    constructor(private readonly world: InvoiceWorld) {}

    /* ---- test controls ---- */

    /** The next submit reaches FK, which answers 400 with these problems. */
    rejectNextSubmit(problems: FieldProblem[]): void {
        this.nextSubmit = { kind: "fk400", problems };
    }

    /** The next submit gets no answer from FK (code `network`). */
    failNextSubmitWithNetwork(): void {
        this.nextSubmit = { kind: "network" };
    }

    /** Add an entry to the call journal (as if the ELT or BankID side had made a call). */
    addJournalEntry(entry: CallEntry): void {
        this.journal.unshift({ ...entry });
    }

    /* ---- the commands ---- */

    get(month: string): InvoiceState {
        const checked = this.checkMonth(month);
        const record = this.record(checked);
        if (record.status === "waiting") {
            this.poll(record);
        }
        return this.state(checked, record);
    }

    save(month: string, answers: InvoiceAnswers): InvoiceState {
        const checked = this.checkMonth(month);
        const record = this.record(checked);
        if (record.status === "waiting") {
            throw new BackendError("not_allowed", texts.waitingLocked, null);
        }
        if (record.status === "received") {
            throw new BackendError("not_allowed", fill(texts.receivedLocked, { month: monthName(checked) }), null);
        }
        record.answers = normalized(answers);
        return this.state(checked, record);
    }

    submit(month: string): InvoiceState {
        const checked = this.checkMonth(month);
        const record = this.record(checked);
        const household = this.household();
        if (record.status === "waiting") {
            throw new BackendError("not_allowed", texts.waitingLocked, null);
        }
        if (record.status === "received") {
            throw new BackendError("not_allowed", fill(texts.receivedLocked, { month: monthName(checked) }), null);
        }
        const problems = validateInvoice(checked, household.scenario, record.answers, household, this.world.now());
        if (problems.length > 0) {
            Object.assign(record, { status: "draft", problems, message: texts.fixProblems });
            return this.state(checked, record);
        }
        const next = this.nextSubmit;
        this.nextSubmit = null;
        const body = redactedCreateBody(checked, household.scenario, record.answers, this.world.totals(checked));
        if (next?.kind === "network") {
            this.log("erak", "POST /public/v1/create", null, body, 10_000);
            throw new BackendError("network", texts.network, null);
        }
        if (next?.kind === "fk400") {
            this.log("erak", "POST /public/v1/create", 400, body);
            Object.assign(record, { status: "draft", problems: next.problems, message: texts.refusedByFk });
            return this.state(checked, record);
        }
        this.created += 1;
        const fingerprint = makeFingerprint(`${checked}/${String(this.created)}`);
        this.log("erak", "POST /public/v1/create", 200, body);
        Object.assign(record, {
            status: "waiting",
            fingerprint,
            submittedAt: this.nowText(),
            receivedAt: null,
            problems: [],
            message: texts.waiting,
            reported: null,
            reportedAt: null,
            polls: 0,
        });
        this.openedPages.push(checked);
        return this.state(checked, record);
    }

    reopen(month: string): null {
        const checked = this.checkMonth(month);
        const record = this.record(checked);
        if (record.status !== "waiting") {
            throw new BackendError("not_allowed", texts.notWaiting, null);
        }
        this.openedPages.push(checked);
        return null;
    }

    cancel(month: string): InvoiceState {
        const checked = this.checkMonth(month);
        const record = this.record(checked);
        if (record.status !== "waiting") {
            throw new BackendError("not_allowed", texts.notWaiting, null);
        }
        Object.assign(record, { status: "draft", message: texts.cancelled, reported: null, reportedAt: null, polls: 0 });
        return this.state(checked, record);
    }

    overview(): OverviewMonth[] {
        const today = dateOf(this.world.now());
        const months = new Set([...this.world.monthsWithHours(), ...this.records.keys()]);
        return [...months]
            .sort()
            .reverse()
            .map((month) => {
                const record = this.records.get(month);
                const reports = this.world.reports(month);
                const due = dueDate(month);
                const reportsDone = reports.every((it) => it.status === "sent" || it.status === "paper");
                const invoiceDone = record?.status === "received";
                return {
                    month,
                    due,
                    overdue: today > due && !(reportsDone && invoiceDone),
                    reports,
                    invoice: record
                        ? { status: record.status, fingerprint: record.fingerprint, problem: this.problemOf(record), reported: record.reported }
                        : null,
                };
            });
    }

    callJournal(): CallEntry[] {
        return this.journal;
    }

    exportSupportReport(fingerprint: string | null): string {
        const wanted = fingerprint?.trim() ?? "";
        if (wanted !== "" && ![...this.records.values()].some((it) => it.fingerprint === wanted)) {
            throw new BackendError("invalid_input", texts.unknownFingerprint, "fingerprint");
        }
        const now = this.world.now();
        const stamp = localTime(now).replace(/[-:]/g, "").replace("T", "-");
        const path = `(minne)/supportrapport-${stamp}.txt`;
        const lines = [
            "Timbok supportrapport (utan personuppgifter)",
            `Skapad: ${localTime(now)}`,
            `Fingerprint: ${wanted === "" ? "-" : wanted}`,
            ...this.journal.map((it) => `${it.at} ${it.service} ${it.endpoint} ${String(it.status ?? "-")} ${String(it.durationMs)} ms ${it.body}`),
        ];
        this.supportReports.push({ path, content: lines.join("\n") });
        return path;
    }

    /* ---- inside ---- */

    private household(): Household {
        const household = this.world.household();
        if (!household) {
            throw new BackendError("not_allowed", texts.noHousehold, null);
        }
        return household;
    }

    private checkMonth(month: unknown): string {
        if (typeof month !== "string" || !isMonth(month)) {
            throw new BackendError("invalid_input", sv.backend.monthFormat, "month");
        }
        return month;
    }

    private record(month: string): InvoiceRecord {
        const household = this.household();
        let record = this.records.get(month);
        if (!record) {
            record = {
                answers: prefilledAnswers(household),
                status: "draft",
                fingerprint: null,
                submittedAt: null,
                receivedAt: null,
                problems: [],
                message: null,
                reported: null,
                reportedAt: null,
                polls: 0,
            };
            this.records.set(month, record);
        }
        return record;
    }

    private poll(record: InvoiceRecord): void {
        record.polls += 1;
        const done = record.polls >= this.settings.pollsUntilDone;
        const unconfirmed = this.settings.unconfirmedPolls ?? 0;
        const statusPath = `GET /public/v1/status/${record.fingerprint ?? ""}`;
        if (done && record.polls < this.settings.pollsUntilDone + unconfirmed) {
            // FK's page reported it; the status API does not answer.
            this.log("erak", statusPath, null, "", 10_000);
            if (record.reported === null) {
                record.reported = this.settings.outcome;
                record.reportedAt = localTime(this.world.now());
                record.message = texts.reported[this.settings.outcome];
            }
            return;
        }
        const status = done ? this.settings.outcome : "waiting";
        const fkStatus = { waiting: "CREATED", received: "RECEIVED", cancelled: "CANCELLED", expired: "EXPIRED" }[status];
        this.log("erak", statusPath, 200, JSON.stringify({ fingerprint: record.fingerprint, status: fkStatus }));
        if (!done) {
            return;
        }
        record.status = status;
        record.reported = null;
        record.reportedAt = null;
        if (status === "received") {
            record.receivedAt = this.nowText();
            record.message = texts.received;
        } else {
            record.message = status === "cancelled" ? texts.cancelledAtFk : texts.expired;
        }
    }

    private problemOf(record: InvoiceRecord): string | null {
        if (record.problems.length > 0) {
            return record.problems.length === 1
                ? (record.problems[0]?.message ?? null)
                : fill(texts.problemsCount, { count: record.problems.length });
        }
        return record.status === "cancelled" || record.status === "expired" ? record.message : null;
    }

    private state(month: string, record: InvoiceRecord): InvoiceState {
        const scenario = this.household().scenario;
        return {
            month,
            scenario,
            questions: questionsFor(scenario, record.answers.lastMonthOfPeriod),
            answers: record.answers,
            totals: this.world.totals(month),
            status: record.status,
            fingerprint: record.fingerprint,
            submittedAt: record.submittedAt,
            receivedAt: record.receivedAt,
            problems: record.problems,
            message: record.message,
            reported: record.reported,
            reportedAt: record.reportedAt,
            due: dueDate(month),
        };
    }

    private nowText(): string {
        return localTime(this.world.now()).slice(0, 16);
    }

    private log(service: ServiceName, endpoint: string, status: number | null, body: string, durationMs = 120): void {
        this.journal.unshift({ at: localTime(this.world.now()), service, endpoint, status, durationMs, body });
    }
}
