import { describe, expect, it } from "vitest";
import type { Employment, SignerRole } from "../backend/types";
import { deriveScenario } from "./household";

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
