/**
 * The month sheet of the in-memory fake backend: rows, totals and findings computed from the
 * stored shifts the way the Rust core does (src-tauri/core/src/hours), simplified. The Rust
 * core is the real implementation; this is a test double that is honest about what the
 * screen shows:
 *
 * - rows: every shift with a part in the month, split at midnight (end of day "24:00") and at
 *   the month's ends, wall-clock times as worked;
 * - minutes: the real length in Europe/Stockholm (00:00–04:00 is 300 minutes in the autumn
 *   night, 180 in the spring night), with a note for a time that does not exist or exists twice;
 * - findings (Swedish, errors first): end_not_after_start, in_future, overlap (errors);
 *   double_assistance, above_granted_hours, dst_nonexistent, dst_ambiguous (warnings).
 *   The working-time rules of lag 1970:943, hospital stays and LSS activities are left to Rust.
 */
import { addMonths, dueDate } from "../domain/calendar";
import { realLength, realMinute, wallMinute, wallText, type Reading } from "../domain/stockholm";
import { backendText } from "../i18n/backend-messages";
import type {
    ReportStatus, Assistant, AssistantMonth, BackendMessage, Finding, Kind, MonthSheet, Row, Shift, Totals } from "./types";

const MINUTES_PER_DAY = 1440;
const MONTHS_SHORT = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const MONTHS_LONG = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

export interface MonthInput {
    month: string;
    shifts: readonly Shift[];
    assistants: readonly Assistant[];
    grantedHours: number | null;
    /** YYYY-MM-DD: shifts ending after this day are in the future. */
    today: string;
    /** The status of an assistant's time report for the month (default "open"). */
    reportStatus?: (assistantId: number) => ReportStatus;
}

export function emptyTotals(): Totals {
    return { aktiv: 0, vantetid: 0, beredskap: 0 };
}

function addTo(totals: Totals, kind: Kind, minutes: number): void {
    totals[kind] += minutes;
}

/* ---- Swedish wording, as in the Rust core (hours/sv.rs) ---- */

function dateLabel(date: string): string {
    return `${Number(date.slice(8, 10))} ${MONTHS_SHORT[Number(date.slice(5, 7)) - 1] ?? ""}`;
}

function monthLabel(month: string): string {
    return `${MONTHS_LONG[Number(month.slice(5, 7)) - 1] ?? ""} ${month.slice(0, 4)}`;
}

export function duration(minutes: number): string {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (h === 0) {
        return `${m} min`;
    }
    return m === 0 ? `${h} tim` : `${h} tim ${m} min`;
}

/** "24 okt 22:00–07:00" (like sv::shift_label). */
function label(from: number, to: number): string {
    const a = wallText(from);
    const b = wallText(to);
    const startDay = a.slice(0, 10);
    const nextDay = wallText(from - (from % MINUTES_PER_DAY) + MINUTES_PER_DAY).slice(0, 10);
    const endDay = b.slice(0, 10);
    let end: string;
    if (endDay === startDay && to > from) {
        end = b.slice(11);
    } else if (endDay === nextDay && b.slice(11) === "00:00") {
        end = "24:00";
    } else if (endDay === nextDay && b.slice(11) < a.slice(11)) {
        end = b.slice(11);
    } else {
        end = `${dateLabel(endDay)} ${b.slice(11)}`;
    }
    return `${dateLabel(startDay)} ${a.slice(11)}–${end}`;
}

interface Span {
    shift: Shift;
    start: number;
    end: number;
}

function spanOf(shift: Shift): Span | null {
    const start = wallMinute(shift.start);
    const end = wallMinute(shift.end);
    return start === null || end === null ? null : { shift, start, end };
}

function dstNote(rowLabel: string, from: Reading, to: Reading, times: string[], real: number, wall: number): string | null {
    if (from === "exact" && to === "exact") {
        return null;
    }
    const listed = times.join(" och ");
    const counted = `raden blir ${duration(real)} arbetad tid (${duration(wall)} enligt klockan)`;
    if (from === "nonexistent" || to === "nonexistent") {
        return (
            `${rowLabel}: klockan ${listed} fanns inte den natten, eftersom klockan ställdes fram från 02:00 till 03:00 ` +
            `när sommartiden började. Timbok räknar det som 03:00, så ${counted}. Ändra till den tid klockan faktiskt visade.`
        );
    }
    return (
        `${rowLabel}: klockan ${listed} fanns två gånger den natten, eftersom klockan ställdes tillbaka från 03:00 till ` +
        `02:00 när sommartiden slutade. Timbok räknar med den första gången (sommartid), så ${counted}. Kontrollera tiden.`
    );
}

interface RowWithAssistant extends Row {
    assistantId: number;
}

/** The rows of one shift inside [lo, hi) (wall minutes). */
function rowsOf(span: Span, lo: number, hi: number): RowWithAssistant[] {
    const rows: RowWithAssistant[] = [];
    const from = Math.max(span.start, lo);
    const to = Math.min(span.end, hi);
    for (let cur = from; cur < to; ) {
        const midnight = cur - (cur % MINUTES_PER_DAY);
        const end = Math.min(to, midnight + MINUTES_PER_DAY);
        const a = realMinute(cur);
        const b = realMinute(end);
        const toText = end === midnight + MINUTES_PER_DAY ? "24:00" : wallText(end).slice(11);
        const times: string[] = [];
        if (a.reading !== "exact") {
            times.push(wallText(cur).slice(11));
        }
        if (b.reading !== "exact") {
            times.push(toText);
        }
        const date = wallText(midnight).slice(0, 10);
        const minutes = realLength(cur, end);
        const rowLabel = `${dateLabel(date)} ${wallText(cur).slice(11)}–${toText}`;
        rows.push({
            shiftId: span.shift.id,
            assistantId: span.shift.assistantId,
            date,
            from: wallText(cur).slice(11),
            to: toText,
            kind: span.shift.kind,
            minutes,
            dstNote: asMessage(dstNote(rowLabel, a.reading, b.reading, times, minutes, end - cur)),
        });
        cur = end;
    }
    return rows;
}

/** The fake's own Swedish text as a message (the real backend sends catalogue keys). */
function asMessage(text: string): BackendMessage;
function asMessage(text: string | null): BackendMessage | null;
function asMessage(text: string | null): BackendMessage | null {
    return text === null ? null : { key: "text.verbatim", params: { text: { type: "text", value: text } } };
}

function finding(
    severity: Finding["severity"],
    code: string,
    message: string,
    about: { assistantId: number | null; shiftId: number | null; date: string | null },
): Finding {
    return { severity, code, message, ...asMessage(message), ...about };
}

function compareFindings(a: Finding, b: Finding): number {
    const severity = (f: Finding) => (f.severity === "error" ? 0 : 1);
    const opt = (x: string | number | null, y: string | number | null) => (x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1);
    return (
        severity(a) - severity(b) ||
        opt(a.date, b.date) ||
        opt(a.assistantId, b.assistantId) ||
        opt(a.shiftId, b.shiftId) ||
        opt(a.code, b.code)
    );
}

export function compareAssistants(a: Assistant, b: Assistant): number {
    return (
        a.lastName.localeCompare(b.lastName, "sv") ||
        a.firstName.localeCompare(b.firstName, "sv") ||
        a.id - b.id
    );
}

export function computeMonthSheet(input: MonthInput): MonthSheet {
    const { month } = input;
    const lo = wallMinute(`${month}-01T00:00`) ?? 0;
    const hi = wallMinute(`${addMonths(month, 1)}-01T00:00`) ?? 0;
    const [ty, tm, td] = input.today.split("-").map(Number);
    const futureFrom = Date.UTC(ty ?? 1970, (tm ?? 1) - 1, (td ?? 1) + 1) / 60_000;

    const spans = input.shifts
        .map(spanOf)
        .filter((s): s is Span => s !== null)
        .filter((s) => s.start < hi && (s.end > lo || s.start >= lo))
        .sort((a, b) => a.start - b.start || a.end - b.end || a.shift.assistantId - b.shift.assistantId || a.shift.id - b.shift.id);

    const findings: Finding[] = [];
    const firstInMonth = (s: Span) => wallText(Math.max(s.start, lo)).slice(0, 10);
    const valid: Span[] = [];
    for (const s of spans) {
        const about = { assistantId: s.shift.assistantId, shiftId: s.shift.id };
        if (s.end <= s.start) {
            findings.push(
                finding(
                    "error",
                    "end_not_after_start",
                    `${label(s.start, s.end)}: sluttiden är inte efter starttiden. Ändra tiderna; går passet över midnatt ska det sluta nästa dag.`,
                    { ...about, date: s.shift.start.slice(0, 10) },
                ),
            );
            continue;
        }
        if (s.end > futureFrom) {
            findings.push(
                finding(
                    "error",
                    "in_future",
                    `${label(s.start, s.end)}: passet ligger helt eller delvis i framtiden (efter ${dateLabel(input.today)} ${input.today.slice(0, 4)}). Tidrapporten får bara innehålla tid som redan är arbetad; ändra tiderna eller vänta tills passet är slut.`,
                    { ...about, date: firstInMonth(s) },
                ),
            );
        }
        valid.push(s);
    }

    /* Overlaps: the same assistant (error), two assistants at once (warning). */
    const latest = new Map<number, Span>();
    let running: Span[] = [];
    for (const s of valid) {
        const about = { assistantId: s.shift.assistantId, shiftId: s.shift.id, date: firstInMonth(s) };
        const previous = latest.get(s.shift.assistantId);
        if (previous && previous.end > s.start) {
            findings.push(
                finding(
                    "error",
                    "overlap",
                    `${label(s.start, s.end)}: passet överlappar ett annat pass för samma assistent (${label(previous.start, previous.end)}). Ändra tiderna eller ta bort ett av passen.`,
                    about,
                ),
            );
        }
        if (!previous || previous.end < s.end) {
            latest.set(s.shift.assistantId, s);
        }
        running = running.filter((r) => r.end > s.start);
        const other = running.find(
            (r) => r.shift.assistantId !== s.shift.assistantId && Math.min(s.end, r.end, hi) > Math.max(s.start, lo),
        );
        if (other) {
            const from = Math.max(s.start, lo);
            const to = Math.min(s.end, other.end, hi);
            findings.push(
                finding(
                    "warning",
                    "double_assistance",
                    `${label(s.start, s.end)}: en annan assistent arbetar samtidigt (${label(from, to)}). Dubbel assistans ersätts bara om den är beviljad för den tiden; kontrollera tiderna och beslutet.`,
                    about,
                ),
            );
        }
        running.push(s);
    }

    /* Rows, totals, daylight-saving notes, granted hours. */
    const rows = valid
        .flatMap((s) => rowsOf(s, lo, hi))
        .sort(
            (a, b) =>
                a.date.localeCompare(b.date) ||
                a.from.localeCompare(b.from) ||
                a.assistantId - b.assistantId ||
                a.shiftId - b.shiftId,
        );
    const household = emptyTotals();
    const perAssistant = new Map<number, Totals>();
    for (const row of rows) {
        addTo(household, row.kind, row.minutes);
        const totals = perAssistant.get(row.assistantId) ?? emptyTotals();
        addTo(totals, row.kind, row.minutes);
        perAssistant.set(row.assistantId, totals);
        const note = row.dstNote ? backendText(row.dstNote, "sv") : null;
        if (note) {
            findings.push(
                finding("warning", note.includes("fanns inte") ? "dst_nonexistent" : "dst_ambiguous", note, {
                    assistantId: row.assistantId,
                    shiftId: row.shiftId,
                    date: row.date,
                }),
            );
        }
    }
    const total = household.aktiv + household.vantetid + household.beredskap;
    if (input.grantedHours !== null && total > input.grantedHours * 60) {
        const name = monthLabel(month);
        findings.push(
            finding(
                "warning",
                "above_granted_hours",
                `${name.charAt(0).toUpperCase()}${name.slice(1)} har ${duration(total)} assistans (aktiv tid, väntetid och beredskapstid, faktisk tid), mer än de ${input.grantedHours} beviljade timmar du har angett. Kontrollera passen och beslutet om assistansersättning.`,
                { assistantId: null, shiftId: null, date: null },
            ),
        );
    }
    findings.sort(compareFindings);

    const assistants: AssistantMonth[] = [...input.assistants].sort(compareAssistants).map((assistant) => ({
        assistantId: assistant.id,
        firstName: assistant.firstName,
        lastName: assistant.lastName,
        totals: perAssistant.get(assistant.id) ?? emptyTotals(),
        shifts: spans.filter((s) => s.shift.assistantId === assistant.id).map((s) => s.shift),
        rows: rows
            .filter((r) => r.assistantId === assistant.id)
            .map(({ assistantId: _omit, ...row }) => row),
        reportStatus: input.reportStatus?.(assistant.id) ?? "open",
        dayTexts: [],
    }));

    return {
        month,
        dueDate: dueDate(month),
        grantedHours: input.grantedHours,
        totals: household,
        assistants,
        findings,
    };
}
