/**
 * Real time in Europe/Stockholm, for the in-memory fake backend's totals (the Rust core is the
 * real implementation).
 *
 * Sweden follows the EU rule since 1996: summer time (UTC+2) from the last Sunday of March at
 * 01:00 UTC (the clock jumps 02:00 → 03:00) to the last Sunday of October at 01:00 UTC (the
 * clock goes back 03:00 → 02:00); the rest of the year UTC+1.
 *
 * Wall-clock times are read like the Rust core reads them: a time that does not exist (02:xx
 * in the spring night) counts as 03:00, a time that exists twice (02:xx in the autumn night)
 * as the first of the two (summer time).
 */

/** 1-based day of the month of the last Sunday of `month` (1–12) in `year`. */
export function lastSunday(year: number, month: number): number {
    const last = new Date(Date.UTC(year, month, 0));
    return last.getUTCDate() - last.getUTCDay();
}

/** The spring change (YYYY-MM-DD, last Sunday of March) and the autumn change (last Sunday of October). */
export function dstChanges(year: number): { spring: string; autumn: string } {
    return {
        spring: `${year}-03-${String(lastSunday(year, 3)).padStart(2, "0")}`,
        autumn: `${year}-10-${String(lastSunday(year, 10)).padStart(2, "0")}`,
    };
}

export type Reading = "exact" | "nonexistent" | "ambiguous";

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Minutes since 1970 of a wall-clock time read as if it were UTC (a "wall minute"). */
export function wallMinute(value: string): number | null {
    const match = WALL.exec(value);
    if (!match) {
        return null;
    }
    const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
    const time = Date.UTC(y, mo - 1, d, h, mi);
    const check = new Date(time);
    if (
        check.getUTCFullYear() !== y ||
        check.getUTCMonth() !== mo - 1 ||
        check.getUTCDate() !== d ||
        h > 23 ||
        mi > 59
    ) {
        return null;
    }
    return time / 60_000;
}

/** A wall minute back to "YYYY-MM-DDTHH:MM". */
export function wallText(minute: number): string {
    return new Date(minute * 60_000).toISOString().slice(0, 16);
}

/** The real instant (minutes since 1970 UTC) of a wall minute in Europe/Stockholm, and how it was read. */
export function realMinute(wall: number): { minute: number; reading: Reading } {
    const text = wallText(wall);
    const year = Number(text.slice(0, 4));
    const date = text.slice(0, 10);
    const hour = Number(text.slice(11, 13));
    const { spring, autumn } = dstChanges(year);
    const WINTER = 60;
    const SUMMER = 120;
    if (date === spring && hour === 2) {
        /* Does not exist: counted as 03:00 (summer time). */
        const three = wall - (wall % 60) + 60;
        return { minute: three - SUMMER, reading: "nonexistent" };
    }
    if (date === autumn && hour === 2) {
        /* Exists twice: counted as the first time (summer time). */
        return { minute: wall - SUMMER, reading: "ambiguous" };
    }
    let summer: boolean;
    if (date < spring || date > autumn) {
        summer = false;
    } else if (date > spring && date < autumn) {
        summer = true;
    } else if (date === spring) {
        summer = hour >= 3;
    } else {
        summer = hour < 2;
    }
    return { minute: wall - (summer ? SUMMER : WINTER), reading: "exact" };
}

/** Real minutes between two wall-clock minutes (0 when the end is not after the start). */
export function realLength(from: number, to: number): number {
    if (to <= from) {
        return 0;
    }
    return Math.max(0, realMinute(to).minute - realMinute(from).minute);
}
