/**
 * The household form's limits of length and its scenario shown before saving. The field
 * rules (identity numbers, phone, granted hours) are the core's: `check_field`, docs/ipc.md.
 */
import type { Employment, Scenario, SignerRole } from "../backend/types";

export const SCENARIOS: readonly Scenario[] = ["A", "B", "C", "D", "E", "F"];

/** Longest name (first name, last name, provider name) the UI lets through. */
export const NAME_MAX_LENGTH = 100;
/** Longest phone number, counting spaces and dashes. */
export const PHONE_MAX_LENGTH = 20;

/**
 * Scenario from docs/ipc.md: buys+self=A, buys+vardnadshavare=B, buys+god_man/forvaltare=C,
 * employer+self=D, employer+vardnadshavare=E, employer+god_man/forvaltare=F.
 */
export function deriveScenario(employment: Employment, signerRole: SignerRole): Scenario {
    const signerIndex = signerRole === "self" ? 0 : signerRole === "vardnadshavare" ? 1 : 2;
    const base = employment === "buys" ? 0 : 3;
    return SCENARIOS[base + signerIndex] as Scenario;
}
