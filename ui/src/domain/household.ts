/**
 * The household form's scenario shown before saving and its length limits, both taken from the
 * core (`SCENARIO_OF`, `TEXT_LIMITS` in the generated ipc.gen.ts). The field rules (identity
 * numbers, phone, granted hours) are the core's too: `check_field`, docs/ipc.md.
 */
import { SCENARIO_OF, TEXT_LIMITS } from "../backend/ipc.gen";
import type { Employment, Scenario, SignerRole } from "../backend/types";

/** Longest name (first name, last name) the UI lets through. */
export const NAME_MAX_LENGTH = TEXT_LIMITS.name;
/** Longest provider (assistansanordnare) name the UI lets through. */
export const PROVIDER_NAME_MAX_LENGTH = TEXT_LIMITS.providerName;
/** Longest phone number, counting spaces and dashes. */
export const PHONE_MAX_LENGTH = TEXT_LIMITS.phone;

/** The scenario of the answers (the core's table). */
export function scenarioOf(employment: Employment, signerRole: SignerRole): Scenario {
    return SCENARIO_OF[employment][signerRole];
}
