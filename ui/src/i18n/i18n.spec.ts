import { describe, expect, it } from "vitest";
import { en } from "./en";
import { sv } from "./sv";

function keys(value: unknown, prefix = ""): string[] {
    if (typeof value !== "object" || value === null) {
        return [prefix];
    }
    return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key));
}

function values(value: unknown): string[] {
    if (typeof value === "string") {
        return [value];
    }
    return Object.values(value as Record<string, unknown>).flatMap(values);
}

describe("translations", () => {
    it("English has exactly the Swedish keys", () => {
        expect(keys(en).sort()).toEqual(keys(sv).sort());
    });

    it.each([
        ["sv", sv],
        ["en", en],
    ])("%s has no empty texts and none of vue-i18n's special characters", (_name, messages) => {
        for (const text of values(messages)) {
            expect(text.trim()).not.toBe("");
            expect(text).not.toMatch(/[@$|]/);
        }
    });

    it("uses the same placeholders in both languages", () => {
        const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
        const enByKey = new Map(keys(en).map((key, i) => [key, values(en)[i]]));
        keys(sv).forEach((key, i) => {
            expect(placeholders(enByKey.get(key) ?? ""), key).toEqual(placeholders(values(sv)[i] ?? ""));
        });
    });
});
