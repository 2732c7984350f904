/**
 * The keyboard-first entry of a day's shifts on the month screen, and back.
 *
 * A day's text is one or more shifts separated by `,` or `;`:
 *
 *     8-16            08-16          8:30-16:15      0830-1615      8.30-16.15
 *     22-07           (an end at or before the start is on the next day)
 *     22-24           (until midnight)
 *     8-12, 13-17     (two shifts)
 *     8-16 v          (a kind letter per shift: a = aktiv tid, v = väntetid, b = beredskapstid;
 *                      without one the shift gets the row's default kind)
 *
 * A dash may be `-`, `–` or `—`, with or without spaces. Times are wall-clock times in
 * Europe/Stockholm, exactly as worked; the backend computes the real length.
 *
 * The same syntax is used for the weekly schedule (one weekday's text).
 */
import type { Kind } from "../backend/types";

export const KINDS: readonly Kind[] = ["aktiv", "vantetid", "beredskap"];

/** The letter written after a shift for each kind. */
export const KIND_LETTERS: Readonly<Record<Kind, string>> = { aktiv: "a", vantetid: "v", beredskap: "b" };

const KIND_WORDS: Readonly<Record<string, Kind>> = {
    a: "aktiv",
    akt: "aktiv",
    aktiv: "aktiv",
    v: "vantetid",
    vänt: "vantetid",
    vant: "vantetid",
    väntetid: "vantetid",
    vantetid: "vantetid",
    b: "beredskap",
    ber: "beredskap",
    beredskap: "beredskap",
    beredskapstid: "beredskap",
};

export const MINUTES_PER_DAY = 24 * 60;

/** One shift of a day's text, in wall-clock minutes after the day's midnight. */
export interface EntryShift {
    /** 0..1439 */
    start: number;
    /** After `start`, at most 24 hours later: above 1440 means the next day, 1440 is midnight. */
    end: number;
    kind: Kind;
}

/**
 * Why a text could not be read. The key is under `shiftEntry.errors` in the i18n files;
 * `part` is the piece of text it is about (for the message).
 */
export type EntryErrorKey = "format" | "time" | "kind";

export type EntryResult =
    | { ok: true; shifts: EntryShift[] }
    | { ok: false; error: EntryErrorKey; part: string };

const PART = /^([0-9:.]+)\s*[-–—]\s*([0-9:.]+)\s*([a-zåäöA-ZÅÄÖ]*)$/;

/** "8", "08", "8:30", "8.30", "0830", "830" → minutes, or null. `allow24`: the end may be 24:00. */
export function parseTime(token: string, allow24: boolean): number | null {
    let hours: number;
    let minutes: number;
    let match = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(token);
    if (match) {
        hours = Number(match[1]);
        minutes = match[2] === undefined ? 0 : Number(match[2]);
    } else {
        match = /^(\d{1,2})(\d{2})$/.exec(token);
        if (!match) {
            return null;
        }
        hours = Number(match[1]);
        minutes = Number(match[2]);
    }
    if (minutes > 59) {
        return null;
    }
    if (hours === 24 && allow24 && minutes === 0) {
        return MINUTES_PER_DAY;
    }
    if (hours > 23) {
        return null;
    }
    return hours * 60 + minutes;
}

export function parseKind(word: string): Kind | null {
    return KIND_WORDS[word.toLowerCase()] ?? null;
}

/**
 * Read a day's text. Empty text (or only spaces and commas) is valid and means "no shifts".
 * Shifts come back sorted by start. Overlaps are not refused here: the backend saves them and
 * reports them as findings, so that nothing typed is lost.
 */
export function parseEntry(text: string, defaultKind: Kind = "aktiv"): EntryResult {
    const shifts: EntryShift[] = [];
    const parts = text
        .split(/[,;]/)
        .map((part) => part.trim())
        .filter((part) => part !== "");
    for (const part of parts) {
        const match = PART.exec(part);
        if (!match) {
            return { ok: false, error: "format", part };
        }
        const [, startText = "", endText = "", kindText = ""] = match;
        const start = parseTime(startText, false);
        if (start === null) {
            return { ok: false, error: "time", part: startText };
        }
        const endOfDay = parseTime(endText, true);
        if (endOfDay === null) {
            return { ok: false, error: "time", part: endText };
        }
        let kind = defaultKind;
        if (kindText !== "") {
            const parsed = parseKind(kindText);
            if (!parsed) {
                return { ok: false, error: "kind", part: kindText };
            }
            kind = parsed;
        }
        const end = endOfDay <= start ? endOfDay + MINUTES_PER_DAY : endOfDay;
        shifts.push({ start, end, kind });
    }
    shifts.sort((a, b) => a.start - b.start || a.end - b.end);
    return { ok: true, shifts };
}

function pad2(value: number): string {
    return String(value).padStart(2, "0");
}

/** 480 → "8", 510 → "8:30"; `padHour` → "08", "08:30". */
function formatTime(minutes: number, padHour: boolean): string {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    const hourText = padHour ? pad2(hours) : String(hours);
    return rest === 0 ? hourText : `${hourText}:${pad2(rest)}`;
}

/** One shift as text: "8-16", "22-07", "22-24", "8:30-16:15 v" (letter when not `defaultKind`). */
export function formatEntryShift(shift: EntryShift, defaultKind: Kind = "aktiv"): string {
    let end: string;
    if (shift.end === MINUTES_PER_DAY) {
        end = "24";
    } else if (shift.end > MINUTES_PER_DAY) {
        end = formatTime(shift.end - MINUTES_PER_DAY, true);
    } else {
        end = formatTime(shift.end, false);
    }
    const suffix = shift.kind === defaultKind ? "" : ` ${KIND_LETTERS[shift.kind]}`;
    return `${formatTime(shift.start, false)}-${end}${suffix}`;
}

/** Shifts as a day's text, sorted by start: "8-12, 13-17 v". */
export function formatEntry(shifts: readonly EntryShift[], defaultKind: Kind = "aktiv"): string {
    return [...shifts]
        .sort((a, b) => a.start - b.start || a.end - b.end)
        .map((shift) => formatEntryShift(shift, defaultKind))
        .join(", ");
}

/* ---- Between a day's text and stored shifts ("YYYY-MM-DDTHH:MM" wall-clock times) ---- */

/** "2026-10-24" + n days. */
export function addDays(date: string, days: number): string {
    const [y, m, d] = date.split("-").map(Number);
    const value = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
    return value.toISOString().slice(0, 10);
}

function dayNumber(date: string): number {
    const [y, m, d] = date.split("-").map(Number);
    return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000);
}

/**
 * A stored shift as an entry shift of `date`, or null when the entry syntax cannot express it
 * (it does not start on `date`, its end is not after its start, or it is longer than 24 hours).
 */
export function timesToEntry(date: string, shift: { start: string; end: string; kind: Kind }): EntryShift | null {
    const read = (value: string) => {
        const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value);
        if (!match) {
            return null;
        }
        const [, day = "", h = "0", m = "0"] = match;
        return (dayNumber(day) - dayNumber(date)) * MINUTES_PER_DAY + Number(h) * 60 + Number(m);
    };
    const start = read(shift.start);
    const end = read(shift.end);
    if (start === null || end === null || start < 0 || start >= MINUTES_PER_DAY) {
        return null;
    }
    if (end <= start || end > start + MINUTES_PER_DAY) {
        return null;
    }
    return { start, end, kind: shift.kind };
}

/** A schedule line's "HH:MM" times from an entry shift (the end "24:00" at midnight). */
export function entryToScheduleTimes(shift: EntryShift): { start: string; end: string } {
    const clock = (minutes: number) => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
    const end = shift.end === MINUTES_PER_DAY ? "24:00" : clock(shift.end % MINUTES_PER_DAY);
    return { start: clock(shift.start), end };
}

/** An entry shift from a schedule line (an end at or before the start is the next day). */
export function scheduleTimesToEntry(entry: { start: string; end: string; kind: Kind }): EntryShift | null {
    const start = parseTime(entry.start, false);
    const endOfDay = parseTime(entry.end, true);
    if (start === null || endOfDay === null) {
        return null;
    }
    return { start, end: endOfDay <= start ? endOfDay + MINUTES_PER_DAY : endOfDay, kind: entry.kind };
}
