import { describe, expect, it } from "vitest";
import type { Employment, Scenario, SignerRole } from "../backend/types";
import { scenarioOf } from "./household";

/** Every household the core answered with in the recorded replies (its scenario included). */
function recordedHouseholds(): { employment: Employment; signerRole: SignerRole; scenario: Scenario }[] {
    const files = import.meta.glob<unknown>("../backend/fixtures/*.json", { eager: true, import: "default" });
    const found: { employment: Employment; signerRole: SignerRole; scenario: Scenario }[] = [];
    const walk = (value: unknown): void => {
        if (Array.isArray(value)) {
            value.forEach(walk);
        } else if (value !== null && typeof value === "object") {
            const record = value as Record<string, unknown>;
            if (typeof record.scenario === "string" && typeof record.employment === "string" && typeof record.signerRole === "string") {
                found.push(record as unknown as { employment: Employment; signerRole: SignerRole; scenario: Scenario });
            }
            Object.values(record).forEach(walk);
        }
    };
    Object.values(files).forEach(walk);
    return found;
}

describe("scenarioOf", () => {
    it("shows before saving the scenario the core gives the saved household", () => {
        const households = recordedHouseholds();
        expect(new Set(households.map((it) => it.scenario)).size).toBeGreaterThanOrEqual(3);
        for (const household of households) {
            expect(scenarioOf(household.employment, household.signerRole)).toBe(household.scenario);
        }
    });
});
