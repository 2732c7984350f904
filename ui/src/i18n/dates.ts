/**
 * Dates and months in the user's language, with Intl. Date strings are Swedish wall-clock
 * dates ("YYYY-MM-DD"); they are formatted in UTC so that the computer's time zone never
 * moves a day.
 */
import { dateForFormat } from "../domain/calendar";

const TAGS: Record<string, string> = { sv: "sv-SE", en: "en-GB" };

function tag(locale: string): string {
    return TAGS[locale] ?? locale;
}

function format(date: string, locale: string, options: Intl.DateTimeFormatOptions): string {
    return new Intl.DateTimeFormat(tag(locale), { ...options, timeZone: "UTC" }).format(dateForFormat(date));
}

/** "oktober 2026" */
export function monthLabel(month: string, locale: string): string {
    return format(`${month}-01`, locale, { month: "long", year: "numeric" });
}

/** "5 december 2026" */
export function longDate(date: string, locale: string): string {
    return format(date, locale, { day: "numeric", month: "long", year: "numeric" });
}

/** "lördag 24 oktober" */
export function dayLabel(date: string, locale: string): string {
    return format(date, locale, { weekday: "long", day: "numeric", month: "long" });
}

/** "lör 24" */
export function dayShort(date: string, locale: string): string {
    return format(date, locale, { weekday: "short", day: "numeric" }).replace(/\./g, "");
}

/** "24 okt" */
export function shortDate(date: string, locale: string): string {
    return format(date, locale, { day: "numeric", month: "short" }).replace(/\.$/, "");
}
