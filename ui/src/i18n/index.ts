import { createI18n } from "vue-i18n";
import { followLocale } from "./backend-messages";
import { en } from "./en";
import { sv, type Messages } from "./sv";

export type Locale = "sv" | "en";
export const LOCALES: readonly Locale[] = ["sv", "en"];
export const DEFAULT_LOCALE: Locale = "sv";

declare module "vue-i18n" {
    // Typed keys for t(): the Swedish texts are the schema.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- module augmentation
    export interface DefineLocaleMessage extends Messages {}
}

export function createAppI18n(locale: Locale = DEFAULT_LOCALE) {
    const i18n = createI18n<[Messages], Locale, false>({
        legacy: false,
        locale,
        fallbackLocale: DEFAULT_LOCALE,
        messages: { sv, en },
        missingWarn: false,
        fallbackWarn: false,
    });
    // Backend errors are worded in the window's language when they arrive.
    followLocale(() => i18n.global.locale.value);
    return i18n;
}

export type AppI18n = ReturnType<typeof createAppI18n>;

/** Where the chosen language is remembered (this computer's web view storage). */
export const LOCALE_STORAGE_KEY = "timbok.locale";

export function isLocale(value: unknown): value is Locale {
    return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The language chosen last time, else Swedish. */
export function storedLocale(): Locale {
    try {
        const value = window.localStorage.getItem(LOCALE_STORAGE_KEY);
        return isLocale(value) ? value : DEFAULT_LOCALE;
    } catch {
        return DEFAULT_LOCALE;
    }
}

export function rememberLocale(locale: Locale): void {
    try {
        window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
        /* Storage may be unavailable; the choice then lasts until the app closes. */
    }
}

export { sv, en, type Messages };
