import { describe, expect, it } from "vitest";
import type { Employment, SignerRole } from "../backend/types";
import { deriveScenario, isValidGrantedHours, isValidPhone } from "./household";

describe("deriveScenario (docs/ipc.md)", () => {
    it.each([
        ["buys", "self", "A"],
        ["buys", "vardnadshavare", "B"],
        ["buys", "god_man", "C"],
        ["buys", "forvaltare", "C"],
        ["employer", "self", "D"],
        ["employer", "vardnadshavare", "E"],
        ["employer", "god_man", "F"],
        ["employer", "forvaltare", "F"],
    ] as const)("%s + %s = %s", (employment: Employment, role: SignerRole, scenario) => {
        expect(deriveScenario(employment, role)).toBe(scenario);
    });
});

describe("isValidPhone", () => {
    it.each(["", "070-123 45 67", "0701234567", "+46 70 123 45 67", "08-123 456", "(08) 123 45 67"])(
        "accepts %j",
        (phone) => {
            expect(isValidPhone(phone)).toBe(true);
        },
    );

    it.each(["12345", "070 abc", "070-123 45 67 89 01 23 45", "++46701234567", "070/1234567"])("refuses %j", (phone) => {
        expect(isValidPhone(phone)).toBe(false);
    });
});

describe("isValidGrantedHours", () => {
    it.each(["", "1", "160", "744", " 200 "])("accepts %j", (value) => {
        expect(isValidGrantedHours(value)).toBe(true);
    });

    it.each(["0", "745", "12.5", "-3", "tio", "1e2"])("refuses %j", (value) => {
        expect(isValidGrantedHours(value)).toBe(false);
    });
});
