/**
 * Household rules the form checks for comfort before saving.
 * The Rust side re-validates everything; see docs/ipc.md.
 */
import type { Employment, Scenario, SignerRole } from "../backend/types";

export const SCENARIOS: readonly Scenario[] = ["A", "B", "C", "D", "E", "F"];

/** Longest name (first name, last name, provider name) the UI lets through. */
export const NAME_MAX_LENGTH = 100;
/** Longest phone number, counting spaces and dashes. */
export const PHONE_MAX_LENGTH = 20;
export const GRANTED_HOURS_MIN = 1;
/** 31 days × 24 hours. */
export const GRANTED_HOURS_MAX = 744;

/**
 * Scenario from docs/ipc.md: buys+self=A, buys+vardnadshavare=B, buys+god_man/forvaltare=C,
 * employer+self=D, employer+vardnadshavare=E, employer+god_man/forvaltare=F.
 */
export function deriveScenario(employment: Employment, signerRole: SignerRole): Scenario {
    const signerIndex = signerRole === "self" ? 0 : signerRole === "vardnadshavare" ? 1 : 2;
    const base = employment === "buys" ? 0 : 3;
    return SCENARIOS[base + signerIndex] as Scenario;
}

/**
 * A phone number: digits, spaces, dashes and parentheses, an optional leading +,
 * 7 to 15 digits in all. Empty is valid (the phone number is optional).
 */
export function isValidPhone(input: string): boolean {
    const value = input.trim();
    if (value === "") {
        return true;
    }
    if (value.length > PHONE_MAX_LENGTH || !/^\+?[\d\s()-]+$/.test(value)) {
        return false;
    }
    const digits = value.replace(/\D/g, "").length;
    return digits >= 7 && digits <= 15;
}

/** Whole hours 1..=744 written with digits only. Empty is valid (the field is optional). */
export function isValidGrantedHours(input: string): boolean {
    const value = input.trim();
    if (value === "") {
        return true;
    }
    if (!/^\d+$/.test(value)) {
        return false;
    }
    const hours = Number(value);
    return hours >= GRANTED_HOURS_MIN && hours <= GRANTED_HOURS_MAX;
}
