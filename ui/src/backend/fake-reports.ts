/**
 * Time reports of the in-memory fake backend (docs/ipc.md, "Time reports (ELT)"): lock,
 * BankID signing sessions, the outbox, history and the paper path, with the contract's rules.
 * The Rust side (timbok-core's elt, bankid and outbox) is the real implementation; this is a
 * test double for Vitest and `npm run dev`, honest about what the screen shows.
 *
 * Decisions:
 * - One record per assistant and month, created on first use ("open").
 * - Lock is refused (`not_allowed`) before the month's last day has passed, with blocking
 *   errors (findings of severity "error" of the fake's month sheet), with no rows, for a
 *   samordningsnummer (paper only) and when already locked; a missing phone number is
 *   `invalid_input` on `assistant.phone` / `employer.phone` (the employer is the signer when
 *   the household has one, else the person).
 * - Signing: a session stays "pending" for `signingPolls` polls (default 2; a fresh QR SVG on
 *   each poll for the "other" device), then completes and stores the signature. The employer
 *   (`assistantId` null) signs every report of the month that is locked or signed by the
 *   assistant only. A report that changed while its session was pending fails the session.
 * - Outbox: `sendReports` queues every `signed` report that was never sent. Each later
 *   `getTimeReports` is one tick: the report being sent gets FK's answer (a tx-id by default;
 *   `setSendOutcome` makes it "rejected" or "uncertain") and the next queued one starts sending.
 * - Unlocking a `sent` report starts a correction: the report opens again, keeps the old tx-id
 *   until it is sent anew, and is then sent only with `resendReport` (never by `sendReports`).
 * - Editing hours (`touchShifts`, called by fake.ts before any shift change): a locked, signed,
 *   rejected or paper report of that assistant and month opens again (signatures discarded);
 *   queued, sending, sent and uncertain ones refuse the change (`not_allowed`).
 * - History: one entry per report document (reportId), updated with its latest outcome.
 * - Texts are Swedish, like the Rust side's; they are not translated (the UI shows them as is).
 */
import { addMonths, dateOf, isMonth, monthOf } from "../domain/calendar";
import { verbatimMessage } from "../i18n/backend-messages";
import { BackendError } from "./errors";
import type {
    Assistant,
    Household,
    MonthSheet,
    ReportStatus,
    SentReport,
    SignerRole,
    SigningDevice,
    SigningStarted,
    SigningStatus,
    TimeReport,
    TimeReportsMonth,
} from "./types";

export type SendOutcome = "sent" | "rejected" | "uncertain";

/** A report already in some state when the fake starts (for tests and screenshots). */
export interface SeedReport {
    month: string;
    assistantId: number;
    status: ReportStatus;
    txId?: string | null;
    problem?: string | null;
    attempts?: number;
}

export interface FakeReportsOptions {
    seed?: SeedReport[];
    /** How many `signingStatus` polls answer "pending" before the session completes (default 2). */
    signingPolls?: number;
    /** What FK answers per assistant id (default "sent"); change later with `setSendOutcome`. */
    sendOutcomes?: Record<number, SendOutcome>;
}

/** What the reports need from the rest of the fake backend. */
export interface ReportsWorld {
    now(): Date;
    household(): Household | null;
    assistants(): readonly Assistant[];
    /** The fake's month sheet (findings, rows, totals) of `month`. */
    sheet(month: string): MonthSheet;
}

/** A shift before or after a change: which assistant and months it touches. */
export interface TouchedShift {
    assistantId: number;
    start: string;
    end: string;
}

interface ReportRecord {
    month: string;
    assistantId: number;
    status: ReportStatus;
    reportId: string | null;
    sha256: string | null;
    lockedAt: string | null;
    assistantSignedAt: string | null;
    employerSignedAt: string | null;
    txId: string | null;
    sentAt: string | null;
    attempts: number;
    problem: string | null;
    /** Order in the outbox. */
    queuedAs: number;
}

interface Session {
    id: string;
    month: string;
    assistantId: number | null;
    device: SigningDevice;
    /** The reports (month, assistant, reportId) being signed. */
    reports: { assistantId: number; reportId: string }[];
    polls: number;
    state: SigningStatus["state"];
    message: string;
}

const IN_FLIGHT: readonly ReportStatus[] = ["queued", "sending", "sent", "uncertain"];

const MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

/* ---- Swedish texts, as the Rust side words them ---- */
export const REPORT_TEXTS = {
    monthFormat: "Månaden ska skrivas ÅÅÅÅ-MM.",
    assistantNotFound: "Assistenten finns inte längre. Listan har uppdaterats.",
    notEnded: "{month} är inte slut än. Du kan låsa tidsredovisningen från och med {date}.",
    blocking: "Tidsredovisningen för {name} har {count} fel som måste rättas först. Rätta dem under Månad.",
    noRows: "{name} har inga arbetspass i {month}, så det finns inget att redovisa.",
    noHousehold: "Fyll i uppgifterna under Hushåll först.",
    employerPhone:
        "Telefonnumret till den som skriver under som arbetsgivare saknas. Försäkringskassan kräver det i tidsredovisningen (telefonnummer till arbetsgivaren). Fyll i det under Hushåll och lås sedan rapporten.",
    paperOnly: "{name} har samordningsnummer och kan inte skriva under med BankID. Skriv ut tidsredovisningen och skicka den på papper.",
    notPaper: "{name} kan skriva under med BankID. Lås tidsredovisningen och skriv under i stället.",
    blankettMissing:
        'Timbok behöver Försäkringskassans blankett 3059 för att skriva ut tidsredovisningen på papper. Hämta den på forsakringskassan.se under Blanketter ("Tidsredovisning assistansersättning 3059") och välj filen i Timbok.',
    blankettUnknown:
        'Filen är inte den blankett 3059 som Timbok kan fylla i (version FK 3059 (016 F 003)). Hämta blanketten "Tidsredovisning assistansersättning 3059" på forsakringskassan.se och välj den filen. Om Försäkringskassan har gett ut en ny version behöver du en nyare Timbok.',
    alreadyLocked: "Tidsredovisningen för {name} är redan låst.",
    notLocked: "Tidsredovisningen för {name} är inte låst.",
    inOutbox: "Tidsredovisningen för {name} håller på att skickas. Vänta tills den är skickad.",
    uncertainUnlock: "Det är osäkert om Försäkringskassan har tagit emot tidsredovisningen för {name}. Kontrollera det först: markera den som mottagen eller skicka den igen.",
    signNotLocked: "Tidsredovisningen för {name} måste vara låst innan någon skriver under. Lås den först.",
    assistantSigned: "{name} har redan skrivit under.",
    employerNothing: "Ingen låst tidsredovisning i {month} väntar på arbetsgivarens underskrift. Lås tidsredovisningarna först.",
    sessionNotFound: "Underskriften finns inte längre. Börja om.",
    nothingToSend: "Ingen tidsredovisning i {month} är klar att skicka. Både assistenten och arbetsgivaren måste skriva under först.",
    notResendable: "Tidsredovisningen för {name} kan inte skickas igen nu. Skicka igen går för en osäker sändning, eller för en rättelse som båda har skrivit under.",
    notUncertain: "Tidsredovisningen för {name} är inte osäker, så det finns inget att markera.",
    editSent: "Tidsredovisningen för {name} i {month} är skickad till Försäkringskassan, eller på väg dit, och kan inte ändras här. Vill du rätta den: välj Rätta under Tidsredovisningar först.",
    editUncertain: "Det är osäkert om Försäkringskassan har tagit emot tidsredovisningen för {name} i {month}. Kontrollera det under Tidsredovisningar innan du ändrar passen.",
    pendingOther: "Starta BankID-appen i mobilen och tryck på Skanna QR-kod. Rikta kameran mot QR-koden här.",
    pendingThis: "Starta BankID-appen på den här datorn. Skriv in din säkerhetskod och välj Skriv under.",
    completeAssistant: "{name} har skrivit under tidsredovisningen för {month}.",
    completeEmployer: "{name} har skrivit under {count} tidsredovisningar som arbetsgivare.",
    changedWhileSigning: "Tidsredovisningen ändrades medan den skrevs under, så underskriften sparades inte. Lås den igen och skriv under på nytt.",
    failed: "BankID-ordern avbröts eller tog för lång tid. Ingen underskrift sparades. Försök igen.",
    cancelled: "Underskriften avbröts. Ingen underskrift sparades.",
    rejected: "Försäkringskassan tog inte emot tidsredovisningen: uppgifterna om assistenten stämmer inte med ärendet. Kontrollera personnumret under Hushåll, lås upp tidsredovisningen, lås den igen och skriv under på nytt.",
    uncertain: "Försäkringskassan svarade inte i tid, så Timbok vet inte om tidsredovisningen kom fram. Kontrollera med Försäkringskassan innan du skickar igen, så att den inte kommer fram två gånger.",
} as const;

function fill(template: string, params: Record<string, string | number>): string {
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function notAllowed(template: string, params: Record<string, string | number> = {}): BackendError {
    return new BackendError("not_allowed", fill(template, params), null);
}

function monthName(month: string): string {
    return `${MONTHS[Number(month.slice(5, 7)) - 1] ?? ""} ${month.slice(0, 4)}`;
}

function capitalized(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

function pad(value: number, length: number): string {
    return String(value).padStart(length, "0");
}

/** "YYYY-MM-DDTHH:MM" of a local Date. */
function wallClock(date: Date): string {
    return `${dateOf(date)}T${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}`;
}

/** A 32-bit FNV-1a hash, for stable fake identifiers. */
function fnv(text: string): number {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
}

function hex(text: string, length: number): string {
    let out = "";
    for (let round = 0; out.length < length; round++) {
        out += fnv(`${round}:${text}`).toString(16).padStart(8, "0");
    }
    return out.slice(0, length);
}

function uuidFrom(text: string): string {
    const h = hex(text, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A QR-like SVG (21×21 modules with finder squares), different for every `seed`. */
export function fakeQrSvg(seed: string): string {
    const size = 21;
    const bits = hex(seed, 120);
    const dark = (x: number, y: number): boolean => {
        const finder = (fx: number, fy: number) => {
            const dx = x - fx;
            const dy = y - fy;
            if (dx < 0 || dy < 0 || dx > 6 || dy > 6) {
                return null;
            }
            const ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
            return ring !== 2;
        };
        const f = finder(0, 0) ?? finder(size - 7, 0) ?? finder(0, size - 7);
        if (f !== null) {
            return f;
        }
        const index = y * size + x;
        const nibble = parseInt(bits[index % bits.length] ?? "0", 16);
        return ((nibble >> (index % 4)) & 1) === 1;
    };
    let path = "";
    for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
            if (dark(x, y)) {
                path += `M${x} ${y}h1v1h-1z`;
            }
        }
    }
    return (
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 25 25" width="200" height="200" shape-rendering="crispEdges">` +
        `<rect x="-2" y="-2" width="25" height="25" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
    );
}

export class FakeReports {
    private readonly records = new Map<string, ReportRecord>();
    private readonly sessions = new Map<string, Session>();
    private readonly history: SentReport[] = [];
    private readonly outcomes = new Map<number, SendOutcome>();
    private readonly signingPolls: number;
    private failNextSigningWith: string | null = null;
    private nextSession = 1;
    private nextDocument = 1;
    private nextTx = 1;
    private nextQueue = 1;

    constructor(
        private readonly world: ReportsWorld,
        options: FakeReportsOptions = {},
    ) {
        this.signingPolls = options.signingPolls ?? 2;
        for (const [id, outcome] of Object.entries(options.sendOutcomes ?? {})) {
            this.outcomes.set(Number(id), outcome);
        }
        for (const seed of options.seed ?? []) {
            const record = this.record(seed.month, seed.assistantId);
            record.status = seed.status;
            record.attempts = seed.attempts ?? 0;
            record.problem = seed.problem ?? null;
            if (seed.status !== "open") {
                this.freeze(record);
            }
            if (["signed_by_assistant", "signed"].includes(seed.status)) {
                record.assistantSignedAt = record.lockedAt;
            }
            if (["signed_by_employer", "signed"].includes(seed.status)) {
                record.employerSignedAt = record.lockedAt;
            }
            if (seed.status === "queued" || seed.status === "sending") {
                record.assistantSignedAt = record.lockedAt;
                record.employerSignedAt = record.lockedAt;
                record.queuedAs = this.nextQueue++;
            }
            if (seed.status === "sent") {
                record.txId = seed.txId === undefined ? this.newTxId() : seed.txId;
            }
            if (["sent", "rejected", "uncertain", "paper"].includes(seed.status)) {
                record.sentAt = record.lockedAt;
                this.remember(record);
            }
        }
    }

    /* ---- Hooks for tests ---- */

    /** What FK answers to this assistant's next sends (until changed). */
    setSendOutcome(assistantId: number, outcome: SendOutcome): void {
        this.outcomes.set(assistantId, outcome);
    }

    /** The next signing session ends "failed" with `message` instead of completing. */
    failNextSigning(message: string = REPORT_TEXTS.failed): void {
        this.failNextSigningWith = message;
    }

    /** How many times `signingStatus` was asked about a session (for tests of polling). */
    pollsOf(sessionId: string): number {
        return this.sessions.get(sessionId)?.polls ?? 0;
    }

    /** The state of a session, without polling it (for tests). */
    sessionState(sessionId: string): SigningStatus["state"] | null {
        return this.sessions.get(sessionId)?.state ?? null;
    }

    /* ---- For the rest of the fake ---- */

    /** The status of an assistant's report for `month` (MonthSheet.assistants[].reportStatus). */
    statusOf(month: string, assistantId: number): ReportStatus {
        return this.records.get(key(month, assistantId))?.status ?? "open";
    }

    /**
     * Called before shifts are saved, deleted, restored or copied: refuses (`not_allowed`) when
     * a touched report is queued, sending, sent or uncertain; else opens every locked or signed
     * one again (signatures discarded). Pass the shifts as they are before and after the change.
     */
    touchShifts(shifts: readonly TouchedShift[]): void {
        const touched = new Map<string, ReportRecord>();
        for (const shift of shifts) {
            for (const month of monthsOf(shift)) {
                const record = this.records.get(key(month, shift.assistantId));
                if (record) {
                    touched.set(key(month, shift.assistantId), record);
                }
            }
        }
        for (const record of touched.values()) {
            if (IN_FLIGHT.includes(record.status)) {
                const name = this.nameOf(record.assistantId);
                const template = record.status === "uncertain" ? REPORT_TEXTS.editUncertain : REPORT_TEXTS.editSent;
                throw notAllowed(template, { name, month: monthName(record.month) });
            }
        }
        for (const record of touched.values()) {
            if (record.status !== "open") {
                this.open(record);
            }
        }
    }

    /* ---- The commands ---- */

    getTimeReports(month: string): TimeReportsMonth {
        checkMonth(month);
        this.tick();
        return this.monthView(month);
    }

    lockReport(month: string, assistantId: number): TimeReportsMonth {
        checkMonth(month);
        const assistant = this.assistant(assistantId);
        const record = this.record(month, assistantId);
        const name = fullName(assistant);
        if (assistant.idKind === "samordningsnummer") {
            throw notAllowed(REPORT_TEXTS.paperOnly, { name });
        }
        if (record.status !== "open") {
            throw notAllowed(REPORT_TEXTS.alreadyLocked, { name });
        }
        this.checkReady(month, assistant);
        const household = this.world.household();
        if (!household) {
            throw notAllowed(REPORT_TEXTS.noHousehold);
        }
        /* As the core: FK's schema requires the employer's phone (telefonnummerAnordnare) and
         * makes the assistant's optional. The field is the household form's to open. */
        const employer = household.signer ?? household.person;
        if (!employer.phone) {
            throw new BackendError(
                "invalid_input",
                REPORT_TEXTS.employerPhone,
                household.signer ? "signer.phone" : "person.phone",
            );
        }
        record.status = "locked";
        this.freeze(record);
        return this.monthView(month);
    }

    unlockReport(month: string, assistantId: number): TimeReportsMonth {
        checkMonth(month);
        const name = fullName(this.assistant(assistantId));
        const record = this.record(month, assistantId);
        switch (record.status) {
            case "open":
                throw notAllowed(REPORT_TEXTS.notLocked, { name });
            case "queued":
            case "sending":
                throw notAllowed(REPORT_TEXTS.inOutbox, { name });
            case "uncertain":
                throw notAllowed(REPORT_TEXTS.uncertainUnlock, { name });
            default:
                /* A sent report keeps its tx-id: the correction is sent again with resendReport. */
                this.open(record);
        }
        return this.monthView(month);
    }

    startSigning(month: string, assistantId: number | null, device: SigningDevice): SigningStarted {
        checkMonth(month);
        let reports: ReportRecord[];
        if (assistantId !== null) {
            const assistant = this.assistant(assistantId);
            const name = fullName(assistant);
            const record = this.record(month, assistantId);
            if (assistant.idKind === "samordningsnummer") {
                throw notAllowed(REPORT_TEXTS.paperOnly, { name });
            }
            if (record.status === "signed_by_assistant" || record.status === "signed") {
                throw notAllowed(REPORT_TEXTS.assistantSigned, { name });
            }
            if (record.status !== "locked" && record.status !== "signed_by_employer") {
                throw notAllowed(REPORT_TEXTS.signNotLocked, { name });
            }
            reports = [record];
        } else {
            reports = this.recordsOf(month).filter((it) => it.status === "locked" || it.status === "signed_by_assistant");
            if (reports.length === 0) {
                throw notAllowed(REPORT_TEXTS.employerNothing, { month: monthName(month) });
            }
        }
        const id = `session-${this.nextSession++}`;
        this.sessions.set(id, {
            id,
            month,
            assistantId,
            device,
            reports: reports.map((it) => ({ assistantId: it.assistantId, reportId: it.reportId ?? "" })),
            polls: 0,
            state: "pending",
            message: device === "other" ? REPORT_TEXTS.pendingOther : REPORT_TEXTS.pendingThis,
        });
        return { sessionId: id, reportIds: reports.map((it) => it.reportId ?? "") };
    }

    signingStatus(sessionId: string): SigningStatus {
        const session = this.sessions.get(sessionId);
        if (!session) {
            throw new BackendError("not_found", REPORT_TEXTS.sessionNotFound, null);
        }
        session.polls += 1;
        if (session.state === "pending" && session.polls > this.signingPolls) {
            this.finish(session);
        }
        const pending = session.state === "pending";
        return {
            state: session.state,
            message: session.message,
            text: verbatimMessage(session.message),
            qrSvg: pending && session.device === "other" ? fakeQrSvg(`${session.id}:${session.polls}`) : null,
        };
    }

    cancelSigning(sessionId: string): null {
        const session = this.sessions.get(sessionId);
        if (session && session.state === "pending") {
            session.state = "cancelled";
            session.message = REPORT_TEXTS.cancelled;
        }
        return null;
    }

    sendReports(month: string): TimeReportsMonth {
        checkMonth(month);
        const ready = this.recordsOf(month).filter((it) => it.status === "signed" && it.txId === null);
        if (ready.length === 0) {
            throw notAllowed(REPORT_TEXTS.nothingToSend, { month: monthName(month) });
        }
        for (const record of ready) {
            this.enqueue(record);
        }
        return this.monthView(month);
    }

    resendReport(month: string, assistantId: number): TimeReportsMonth {
        checkMonth(month);
        const name = fullName(this.assistant(assistantId));
        const record = this.record(month, assistantId);
        const correction = record.status === "signed" && record.txId !== null;
        if (record.status !== "uncertain" && !correction) {
            throw notAllowed(REPORT_TEXTS.notResendable, { name });
        }
        this.enqueue(record);
        return this.monthView(month);
    }

    markReportReceived(month: string, assistantId: number): TimeReportsMonth {
        checkMonth(month);
        const name = fullName(this.assistant(assistantId));
        const record = this.record(month, assistantId);
        if (record.status !== "uncertain") {
            throw notAllowed(REPORT_TEXTS.notUncertain, { name });
        }
        record.status = "sent";
        record.txId = null;
        record.problem = null;
        record.sentAt = this.now();
        this.remember(record);
        return this.monthView(month);
    }

    /**
     * Whether FK's blankett 3059 is stored. The fake starts with it stored (so the rest of the
     * screen can be tried); set it to false to try the "pick FK's file" step.
     */
    blankettStored = true;

    openPaperReport(month: string, assistantId: number): null {
        checkMonth(month);
        const assistant = this.assistant(assistantId);
        const record = this.record(month, assistantId);
        if (assistant.idKind !== "samordningsnummer") {
            throw notAllowed(REPORT_TEXTS.notPaper, { name: fullName(assistant) });
        }
        if (!this.blankettStored) {
            throw new BackendError("blankett_missing", REPORT_TEXTS.blankettMissing);
        }
        if (record.status !== "paper") {
            this.checkReady(month, assistant);
            this.freeze(record);
        }
        record.status = "paper";
        record.sentAt = this.now();
        this.remember(record);
        return null;
    }

    /** The fake recognises "FK's file" by its first bytes only: `%PDF-` and `FK3059`. */
    storeBlankett3059(bytes: number[]): null {
        const head = String.fromCharCode(...bytes.slice(0, 16));
        if (!head.startsWith("%PDF-") || !head.includes("FK3059")) {
            throw new BackendError("blankett_unknown", REPORT_TEXTS.blankettUnknown);
        }
        this.blankettStored = true;
        return null;
    }

    reportHistory(): SentReport[] {
        return [...this.history].reverse().sort((a, b) => b.sentAt.localeCompare(a.sentAt));
    }

    /* ---- Inside ---- */

    private now(): string {
        return wallClock(this.world.now());
    }

    private monthEnded(month: string): boolean {
        return month < monthOf(this.world.now());
    }

    private record(month: string, assistantId: number): ReportRecord {
        const id = key(month, assistantId);
        let record = this.records.get(id);
        if (!record) {
            record = {
                month,
                assistantId,
                status: "open",
                reportId: null,
                sha256: null,
                lockedAt: null,
                assistantSignedAt: null,
                employerSignedAt: null,
                txId: null,
                sentAt: null,
                attempts: 0,
                problem: null,
                queuedAs: 0,
            };
            this.records.set(id, record);
        }
        return record;
    }

    private recordsOf(month: string): ReportRecord[] {
        return this.world
            .assistants()
            .filter((it) => it.idKind === "personnummer")
            .map((it) => this.record(month, it.id));
    }

    private assistant(assistantId: number): Assistant {
        const found = this.world.assistants().find((it) => it.id === assistantId);
        if (!found) {
            throw new BackendError("not_found", REPORT_TEXTS.assistantNotFound, null);
        }
        return found;
    }

    private nameOf(assistantId: number): string {
        const found = this.world.assistants().find((it) => it.id === assistantId);
        return found ? fullName(found) : "";
    }

    /** Month ended, no blocking errors, some rows: what both lock and paper need. */
    private checkReady(month: string, assistant: Assistant): void {
        const name = fullName(assistant);
        if (!this.monthEnded(month)) {
            throw notAllowed(REPORT_TEXTS.notEnded, {
                month: capitalized(monthName(month)),
                date: `1 ${monthName(addMonths(month, 1))}`,
            });
        }
        const sheet = this.world.sheet(month);
        const blocking = blockingErrors(sheet, assistant.id);
        if (blocking > 0) {
            throw notAllowed(REPORT_TEXTS.blocking, { name, count: blocking });
        }
        if (rowCount(sheet, assistant.id) === 0) {
            throw notAllowed(REPORT_TEXTS.noRows, { name, month: monthName(month) });
        }
    }

    /** A new document: reportId, hash and lock time. */
    private freeze(record: ReportRecord): void {
        const n = this.nextDocument++;
        record.reportId = uuidFrom(`report:${record.month}:${record.assistantId}:${n}`);
        record.sha256 = hex(`sha:${record.reportId}`, 64);
        record.lockedAt = this.now();
        record.assistantSignedAt = null;
        record.employerSignedAt = null;
    }

    /** Back to "open": the document and both signatures are discarded. */
    private open(record: ReportRecord): void {
        record.status = "open";
        record.reportId = null;
        record.sha256 = null;
        record.lockedAt = null;
        record.assistantSignedAt = null;
        record.employerSignedAt = null;
        record.problem = null;
        if (record.txId === null) {
            record.sentAt = null;
        }
    }

    private finish(session: Session): void {
        const records = session.reports.map((it) => this.record(session.month, it.assistantId));
        const unchanged = records.every((record, i) => record.reportId === session.reports[i]?.reportId);
        if (this.failNextSigningWith !== null) {
            session.state = "failed";
            session.message = this.failNextSigningWith;
            this.failNextSigningWith = null;
            return;
        }
        if (!unchanged) {
            session.state = "failed";
            session.message = REPORT_TEXTS.changedWhileSigning;
            return;
        }
        const at = this.now();
        for (const record of records) {
            if (session.assistantId !== null) {
                record.assistantSignedAt = at;
                record.status = record.status === "signed_by_employer" ? "signed" : "signed_by_assistant";
            } else {
                record.employerSignedAt = at;
                record.status = record.status === "signed_by_assistant" ? "signed" : "signed_by_employer";
            }
        }
        session.state = "complete";
        if (session.assistantId !== null) {
            session.message = fill(REPORT_TEXTS.completeAssistant, {
                name: this.nameOf(session.assistantId),
                month: monthName(session.month),
            });
        } else {
            session.message = fill(REPORT_TEXTS.completeEmployer, {
                name: employerOf(this.world.household()).name,
                count: records.length,
            });
        }
    }

    private enqueue(record: ReportRecord): void {
        record.status = "queued";
        record.problem = null;
        record.queuedAs = this.nextQueue++;
    }

    private newTxId(): string {
        return uuidFrom(`tx:${this.nextTx++}`);
    }

    /** One step of the outbox: FK answers the report being sent, the next queued one starts. */
    private tick(): void {
        const all = [...this.records.values()];
        for (const record of all.filter((it) => it.status === "sending")) {
            const outcome = this.outcomes.get(record.assistantId) ?? "sent";
            record.sentAt = this.now();
            if (outcome === "sent") {
                record.status = "sent";
                record.txId = this.newTxId();
                record.problem = null;
            } else if (outcome === "rejected") {
                record.status = "rejected";
                record.problem = REPORT_TEXTS.rejected;
            } else {
                record.status = "uncertain";
                record.problem = REPORT_TEXTS.uncertain;
            }
            this.remember(record);
        }
        const next = all.filter((it) => it.status === "queued").sort((a, b) => a.queuedAs - b.queuedAs)[0];
        if (next) {
            next.status = "sending";
            next.attempts += 1;
        }
    }

    private remember(record: ReportRecord): void {
        const reportId = record.reportId ?? "";
        const entry: SentReport = {
            reportId,
            month: record.month,
            assistantName: this.nameOf(record.assistantId),
            txId: record.status === "sent" ? record.txId : null,
            sentAt: record.sentAt ?? this.now(),
            status: record.status,
        };
        const index = this.history.findIndex((it) => it.reportId === reportId);
        if (index >= 0) {
            this.history.splice(index, 1);
        }
        this.history.push(entry);
    }

    private monthView(month: string): TimeReportsMonth {
        const sheet = this.world.sheet(month);
        const household = this.world.household();
        const employer = employerOf(household);
        const reports: TimeReport[] = sheet.assistants.map((assistantMonth) => {
            const assistant = this.assistant(assistantMonth.assistantId);
            const record = this.record(month, assistant.id);
            return {
                assistantId: assistant.id,
                assistantName: fullName(assistant),
                idKind: assistant.idKind,
                status: record.status,
                reportId: record.reportId,
                sha256: record.sha256,
                totals: assistantMonth.totals,
                rowCount: assistantMonth.rows.length,
                blockingErrors: blockingErrors(sheet, assistant.id),
                lockedAt: record.lockedAt,
                assistantSignedAt: record.assistantSignedAt,
                employerSignedAt: record.employerSignedAt,
                txId: record.txId,
                sentAt: record.sentAt,
                attempts: record.attempts,
                problem: record.problem,
            };
        });
        return {
            month,
            monthEnded: this.monthEnded(month),
            employerName: employer.name,
            employerRole: employer.role,
            reports,
            sending: [...this.records.values()].some((it) => it.status === "queued" || it.status === "sending"),
        };
    }
}

function key(month: string, assistantId: number): string {
    return `${month}:${assistantId}`;
}

function checkMonth(month: unknown): void {
    if (typeof month !== "string" || !isMonth(month)) {
        throw new BackendError("invalid_input", REPORT_TEXTS.monthFormat, "month");
    }
}

function fullName(assistant: Assistant): string {
    return `${assistant.firstName} ${assistant.lastName}`;
}

function employerOf(household: Household | null): { name: string; role: SignerRole } {
    if (!household) {
        return { name: "", role: "self" };
    }
    const who = household.signer ?? household.person;
    return { name: `${who.firstName} ${who.lastName}`, role: household.signerRole };
}

function blockingErrors(sheet: MonthSheet, assistantId: number): number {
    return sheet.findings.filter((it) => it.severity === "error" && it.assistantId === assistantId).length;
}

function rowCount(sheet: MonthSheet, assistantId: number): number {
    return sheet.assistants.find((it) => it.assistantId === assistantId)?.rows.length ?? 0;
}

/** The months a shift has time in (the end is exclusive: 24:00 on the last day stays in that month). */
function monthsOf(shift: TouchedShift): string[] {
    const first = shift.start.slice(0, 7);
    const months = [first];
    if (!isMonth(first) || typeof shift.end !== "string") {
        return months;
    }
    for (let month = addMonths(first, 1); `${month}-01T00:00` < shift.end && months.length < 3; month = addMonths(month, 1)) {
        months.push(month);
    }
    return months;
}
