/**
 * Stored shifts ("YYYY-MM-DDTHH:MM" wall-clock times) as minutes of the day they start on, for
 * drawing them on the month sheet's day rows. Reading and writing a day's text ("8-16, 22-07
 * b") is the core's (`save_day`, the month's `days`, the schedule's texts): no copy here.
 */
import type { Kind } from "../backend/types";

export const KINDS: readonly Kind[] = ["aktiv", "vantetid", "beredskap"];

export const MINUTES_PER_DAY = 24 * 60;

/** One shift of a day, in wall-clock minutes after the day's midnight. */
export interface EntryShift {
    /** 0..1439 */
    start: number;
    /** After `start`, at most 24 hours later: above 1440 means the next day, 1440 is midnight. */
    end: number;
    kind: Kind;
}

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
