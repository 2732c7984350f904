/**
 * Calendar arithmetic on plain date strings ("YYYY-MM-DD", months "YYYY-MM"). Everything is
 * a wall-clock date in Europe/Stockholm; the arithmetic is done in UTC so that the computer's
 * own time zone never shifts a day.
 */
import { addDays } from "./shift-times";

export { addDays };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-10" → { year: 2026, month: 10 }, or null when it is not a month. */
export function parseMonth(text: string): { year: number; month: number } | null {
    const match = MONTH.exec(text.trim());
    if (!match) {
        return null;
    }
    const year = Number(match[1]);
    if (year < 1900 || year > 2999) {
        return null;
    }
    return { year, month: Number(match[2]) };
}

export function isMonth(text: string): boolean {
    return parseMonth(text) !== null;
}

function pad(value: number, length = 2): string {
    return String(value).padStart(length, "0");
}

export function formatMonth(year: number, month: number): string {
    const index = year * 12 + (month - 1);
    return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/** "2026-10" ± n months. */
export function addMonths(month: string, months: number): string {
    const parsed = parseMonth(month);
    if (!parsed) {
        throw new Error(`Not a month: ${month}`);
    }
    return formatMonth(parsed.year, parsed.month + months);
}

/** The month of a local `Date` (the computer's clock), "YYYY-MM". */
export function monthOf(now: Date): string {
    return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}`;
}

export function firstDay(month: string): string {
    return `${month}-01`;
}

/** Every day of the month, "YYYY-MM-DD". */
export function daysOfMonth(month: string): string[] {
    const days: string[] = [];
    for (let day = firstDay(month); day.startsWith(month); day = addDays(day, 1)) {
        days.push(day);
    }
    return days;
}

function utc(date: string): Date {
    const match = DATE.exec(date);
    if (!match) {
        throw new Error(`Not a date: ${date}`);
    }
    return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(date: string): number {
    return (utc(date).getUTCDay() + 6) % 7;
}

export function isWeekend(date: string): boolean {
    return weekdayOf(date) >= 5;
}

/** The Monday of the date's week. */
export function mondayOf(date: string): string {
    return addDays(date, -weekdayOf(date));
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: string): number {
    const thursday = utc(addDays(date, 3 - weekdayOf(date)));
    const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
    return Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
}

/** A `Date` for formatting a date string with Intl (use timeZone "UTC" when formatting). */
export function dateForFormat(date: string): Date {
    return utc(date);
}

