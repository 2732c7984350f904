/**
 * FKUI's own texts follow the app's language: every key FKUI's bundle asks for has an English
 * text without Swedish letters, and a mounted FKUI component changes language with the app.
 */
import { FMessageBox } from "@fkui/vue";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { nextTick } from "vue";
import { mountWithApp } from "../test/mount";
import { FKUI_ENGLISH, FkuiTexts } from "./fkui";

const require = createRequire(import.meta.url);

function fkuiKeys(): string[] {
    const keys = new Set<string>();
    for (const bundle of ["@fkui/vue", "@fkui/logic"]) {
        const source = readFileSync(require.resolve(bundle), "utf8");
        for (const match of source.matchAll(/"(fkui\.[A-Za-z0-9._-]+)"/g)) {
            keys.add(match[1]);
        }
    }
    return [...keys].sort();
}

describe("FKUI's texts", () => {
    it("have an English text for every key FKUI asks for, without å, ä or ö", () => {
        const keys = fkuiKeys();
        expect(keys.length).toBeGreaterThan(50);
        expect(keys.filter((key) => !(key in FKUI_ENGLISH))).toEqual([]);
        expect(Object.entries(FKUI_ENGLISH).filter(([, text]) => /[åäöÅÄÖ]/.test(text))).toEqual([]);
    });

    it("are FKUI's Swedish defaults in Swedish and English in English, with arguments put in", () => {
        let locale: "sv" | "en" = "sv";
        const texts = new FkuiTexts(() => locale);
        expect(texts.translate("fkui.modal.close", "Stäng")).toBe("Stäng");
        expect(texts.translate("fkui.paginator.page-label", "Sida {{ page }}", { page: 3 })).toBe("Sida 3");
        locale = "en";
        expect(texts.currentLanguage).toBe("en");
        expect(texts.translate("fkui.modal.close", "Stäng")).toBe("Close");
        expect(texts.translate("fkui.paginator.page-label", "Sida {{ page }}", { page: 3 })).toBe("Page 3");
    });

    it("change language in a mounted FKUI component when the app's language changes", async () => {
        const { wrapper, i18n } = await mountWithApp(FMessageBox, { props: { type: "warning" }, locale: "sv" });
        expect(wrapper.text()).toContain("Varningsmeddelande");
        i18n.global.locale.value = "en";
        await nextTick();
        expect(wrapper.text()).toContain("Warning message");
        expect(wrapper.text()).not.toContain("Varningsmeddelande");
        wrapper.unmount();
    });
});
