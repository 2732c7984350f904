/**
 * The backend's messages (errors, findings, …) in the window's language.
 *
 * The core sends a message as `{key, params}` (docs/ipc.md, "Messages"); the texts are the
 * core's own catalogue, src-tauri/core/messages/{sv,en}.json, imported here as they are (the
 * `@core-messages` alias), so Rust and the UI word a key the same way. Each parameter is typed
 * and formatted here in the user's language: dates, times, durations, money, months.
 */
import en from "@core-messages/en.json";
import sv from "@core-messages/sv.json";
import { dateForFormat } from "../domain/calendar";
import type { Locale } from "./index";

export type BackendParam =
    | { type: "text"; value: string }
    | { type: "number"; value: number }
    | { type: "date"; value: string /* YYYY-MM-DD */ }
    | { type: "time"; value: string /* HH:MM */ }
    | { type: "date_time"; value: string /* YYYY-MM-DDTHH:MM */ }
    | { type: "minutes"; value: number }
    | { type: "ore"; value: number }
    | { type: "month"; value: string /* YYYY-MM */ }
    /** A phrase of the catalogue (a role, a label), worded in the same language. */
    | { type: "key"; value: string };

export interface BackendMessage {
    key: string;
    params: Record<string, BackendParam>;
}

export const CATALOGUES: Record<Locale, Record<string, string>> = { sv, en };

const TAGS: Record<Locale, string> = { sv: "sv-SE", en: "en-GB" };

function dateText(date: string, locale: Locale, options: Intl.DateTimeFormatOptions): string {
    return new Intl.DateTimeFormat(TAGS[locale], { ...options, timeZone: "UTC" })
        .format(dateForFormat(date))
        .replace(/\./g, "");
}

function minutesText(minutes: number, locale: Locale): string {
    const sign = minutes < 0 ? "-" : "";
    const whole = Math.abs(Math.trunc(minutes));
    const hours = Math.floor(whole / 60);
    const rest = whole % 60;
    const h = locale === "sv" ? "tim" : "h";
    if (hours === 0) {
        return `${sign}${rest} min`;
    }
    return rest === 0 ? `${sign}${hours} ${h}` : `${sign}${hours} ${h} ${rest} min`;
}

/** One parameter in `locale`'s way. */
export function formatParam(param: BackendParam, locale: Locale): string {
    switch (param.type) {
        case "text":
            return param.value;
        case "number":
            return new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 0 }).format(param.value);
        case "date":
            return dateText(param.value, locale, { day: "numeric", month: "short", year: "numeric" });
        case "time":
            return param.value;
        case "date_time": {
            const [date, time] = param.value.split("T");
            return `${dateText(date ?? "", locale, { day: "numeric", month: "short", year: "numeric" })} ${time ?? ""}`;
        }
        case "minutes":
            return minutesText(param.value, locale);
        case "ore":
            return new Intl.NumberFormat(TAGS[locale], {
                style: "currency",
                currency: "SEK",
                minimumFractionDigits: 2,
                maximumFractionDigits: 2,
            }).format(param.value / 100);
        case "month":
            return dateText(`${param.value}-01`, locale, { month: "long", year: "numeric" });
        case "key":
            return CATALOGUES[locale][param.value] ?? param.value;
    }
}

export function isBackendMessage(value: unknown): value is BackendMessage {
    if (typeof value !== "object" || value === null) {
        return false;
    }
    const { key, params } = value as Record<string, unknown>;
    return typeof key === "string" && typeof params === "object" && params !== null && !Array.isArray(params);
}

/**
 * The text of a backend message in `locale`, or null when the catalogue has no such key (a
 * newer core than this UI): the caller then shows the Swedish `message` the backend also sent.
 * A placeholder whose parameter is missing stays as it is.
 */
export function renderBackendMessage(message: BackendMessage, locale: Locale): string | null {
    const template = CATALOGUES[locale][message.key];
    if (template === undefined) {
        return null;
    }
    return template.replace(/\{([a-z_]+)\}/g, (whole, name: string, offset: number) => {
        const param = message.params[name];
        if (param === undefined) {
            return whole;
        }
        const text = formatParam(param, locale);
        // A sentence that starts with a parameter starts with a capital letter.
        return offset === 0 ? text.charAt(0).toUpperCase() + text.slice(1) : text;
    });
}

/** Free text the backend passes as it is (a `text.verbatim` message). */
export function verbatimMessage(text: string): BackendMessage {
    return { key: "text.verbatim", params: { text: { type: "text", value: text } } };
}

/**
 * A message of a reply (a connection check, a signing's state) in the window's language now;
 * `swedish`, the rendering the backend sent along, for a key this UI does not know.
 */
export function replyText(message: BackendMessage, swedish: string): string {
    return renderBackendMessage(message, backendLocale()) ?? swedish;
}

let currentLocale: () => Locale = () => "sv";

/** The app's i18n tells which language errors are worded in when they arrive. */
export function followLocale(source: () => Locale): void {
    currentLocale = source;
}

/** The language backend messages are worded in now. */
export function backendLocale(): Locale {
    return currentLocale();
}
