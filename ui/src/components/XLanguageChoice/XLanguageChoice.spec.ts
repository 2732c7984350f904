import { afterEach, describe, expect, it } from "vitest";
import { LOCALE_STORAGE_KEY, storedLocale } from "../../i18n";
import { check, mountWithApp } from "../../test/mount";
import XLanguageChoice from "./XLanguageChoice.vue";

afterEach(() => {
    localStorage.clear();
});

describe("XLanguageChoice", () => {
    it("switches the language at once and remembers it", async () => {
        const { i18n } = await mountWithApp(XLanguageChoice);
        expect((document.getElementById("language-sv") as HTMLInputElement).checked).toBe(true);
        expect(document.querySelector("h2")?.textContent).toBe("Språk");
        await check("language-en");
        expect(i18n.global.locale.value).toBe("en");
        expect(document.querySelector("h2")?.textContent).toBe("Language");
        expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe("en");
        expect(storedLocale()).toBe("en");
        expect(document.documentElement.lang).toBe("en");
        await check("language-sv");
        expect(storedLocale()).toBe("sv");
    });

    it("starts from a remembered choice and ignores a strange one", () => {
        localStorage.setItem(LOCALE_STORAGE_KEY, "en");
        expect(storedLocale()).toBe("en");
        localStorage.setItem(LOCALE_STORAGE_KEY, "klingon");
        expect(storedLocale()).toBe("sv");
    });
});
