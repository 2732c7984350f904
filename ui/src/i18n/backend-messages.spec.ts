import { describe, expect, it } from "vitest";
import en from "@core-messages/en.json";
import sv from "@core-messages/sv.json";
import { parseBackendError } from "../backend/errors";
import { createAppI18n } from "./index";
import { formatParam, renderBackendMessage, type BackendParam } from "./backend-messages";

function placeholders(template: string): string[] {
    return [...template.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] ?? "").sort();
}

describe("the core's message catalogue", () => {
    it("has every key in both languages, with the same placeholders", () => {
        const svKeys = Object.keys(sv).sort();
        const enKeys = Object.keys(en).sort();
        expect(enKeys).toEqual(svKeys);
        const catalogues: Record<string, Record<string, string>> = { sv, en };
        for (const key of svKeys) {
            const svText = catalogues.sv?.[key] ?? "";
            const enText = catalogues.en?.[key] ?? "";
            expect(svText.trim(), key).not.toBe("");
            expect(enText.trim(), key).not.toBe("");
            expect(placeholders(enText), key).toEqual(placeholders(svText));
        }
    });
});

describe("formatParam", () => {
    const cases: [BackendParam, string, string][] = [
        [{ type: "text", value: "ELT" }, "ELT", "ELT"],
        [{ type: "number", value: 12345 }, "12\u00a0345", "12,345"],
        [{ type: "date", value: "2026-04-03" }, "3 apr 2026", "3 Apr 2026"],
        [{ type: "time", value: "07:05" }, "07:05", "07:05"],
        [{ type: "date_time", value: "2026-10-25T02:30" }, "25 okt 2026 02:30", "25 Oct 2026 02:30"],
        [{ type: "minutes", value: 450 }, "7 tim 30 min", "7 h 30 min"],
        [{ type: "minutes", value: 120 }, "2 tim", "2 h"],
        [{ type: "minutes", value: -25 }, "-25 min", "-25 min"],
        [{ type: "month", value: "2026-05" }, "maj 2026", "May 2026"],
        [{ type: "key", value: "who.assistant" }, "assistenten", "the assistant"],
        [
            {
                type: "spans",
                value: ["2026-10-24T22:00/2026-10-25T07:00", "2026-05-04T22:00/2026-05-05T00:00", "2026-05-04T08:00/2026-05-06T09:00"],
            },
            "24 okt 22:00–07:00, 4 maj 22:00–24:00, 4 maj 08:00–6 maj 09:00",
            "24 Oct 22:00–07:00, 4 May 22:00–24:00, 4 May 08:00–6 May 09:00",
        ],
    ];
    it.each(cases)("formats %j in Swedish and English", (param, svText, enText) => {
        expect(formatParam(param, "sv")).toBe(svText);
        expect(formatParam(param, "en")).toBe(enText);
    });

    it("formats money in öre as kronor", () => {
        const svText = formatParam({ type: "ore", value: 12345678 }, "sv").replace(/\s/g, " ");
        const enText = formatParam({ type: "ore", value: 12345678 }, "en").replace(/\s/g, " ");
        expect(svText).toBe("123 456,78 kr");
        expect(enText).toBe("SEK 123,456.78");
    });
});

describe("renderBackendMessage", () => {
    const message = { key: "shift.note_too_long", params: { max: { type: "number", value: 500 } as BackendParam } };

    it("words a key with its parameters in the language asked for", () => {
        expect(renderBackendMessage(message, "sv")).toBe("Anteckningen får vara högst 500 tecken.");
        expect(renderBackendMessage(message, "en")).toBe("A note can be at most 500 characters long.");
    });

    it("capitalises a sentence that starts with a parameter", () => {
        const phone = { key: "household.phone_digits", params: { who: { type: "key", value: "who.assistant_owner" } as BackendParam } };
        expect(renderBackendMessage(phone, "sv")).toBe("Assistentens telefonnummer ska ha mellan 7 och 15 siffror.");
        expect(renderBackendMessage(phone, "en")).toBe("The assistant's phone number must have 7 to 15 digits.");
    });

    it("returns null for a key the catalogue lacks, and keeps a missing parameter's placeholder", () => {
        expect(renderBackendMessage({ key: "no.such_key", params: {} }, "en")).toBeNull();
        expect(renderBackendMessage({ key: "shift.note_too_long", params: {} }, "en")).toBe(
            "A note can be at most {max} characters long.",
        );
    });

    it("words a backend error in the window's language when it arrives", () => {
        const i18n = createAppI18n("en");
        const raw = {
            code: "invalid_input",
            message: "Anteckningen får vara högst 500 tecken.",
            field: "note",
            ...message,
        };
        expect(parseBackendError(raw).message).toBe("A note can be at most 500 characters long.");
        i18n.global.locale.value = "sv";
        expect(parseBackendError(raw).message).toBe("Anteckningen får vara högst 500 tecken.");
        // Without a key the Swedish message is all there is.
        i18n.global.locale.value = "en";
        expect(parseBackendError({ code: "storage", message: "Fel." }).message).toBe("Fel.");
        expect(parseBackendError(raw).text).toEqual(message);
    });
});
