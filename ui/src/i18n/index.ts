import { createI18n } from "vue-i18n";
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
    return createI18n<[Messages], Locale, false>({
        legacy: false,
        locale,
        fallbackLocale: DEFAULT_LOCALE,
        messages: { sv, en },
        missingWarn: false,
        fallbackWarn: false,
    });
}

export type AppI18n = ReturnType<typeof createAppI18n>;

export { sv, en, type Messages };
