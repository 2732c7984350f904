import { longDate, shortDate } from "../../i18n/dates";

/** "2026-11-23T14:05" → "23 nov 14:05" (or "23 november 2026 14:05" with `long`). */
export function dateTime(value: string, locale: string, long = false): string {
    const date = value.slice(0, 10);
    const time = value.slice(11, 16);
    const day = long ? longDate(date, locale) : shortDate(date, locale);
    return time === "" ? day : `${day} ${time}`;
}

/** The first group of a report's UUID: enough to tell reports apart on screen. */
export function shortReportId(reportId: string): string {
    return reportId.split("-")[0] ?? reportId;
}
