/**
 * Swedish identity numbers, as described in shared/spec/domain.md ("Identity numbers").
 *
 * - personnummer: YYYYMMDDNNNC. Accepted as 10 or 12 digits, with or without a `-` or `+`
 *   between the date and the last four digits. Ten digits get their century from "today":
 *   `-` (or no separator) means younger than 100 years, `+` means 100 years or older.
 *   C is the Luhn check digit over the last 10 digits. The date must exist.
 *   Always stored as 12 digits without separator.
 * - samordningsnummer: like a personnummer, with 60 added to the day (61–91).
 * - organisationsnummer: 10 digits (optionally NNNNNN-NNNN), Luhn over all 10,
 *   third digit at least 2. Stored as 10 digits.
 *
 * The results carry a reason code and a translation key (see src/i18n/sv.ts,
 * `validation.identity.*` and `validation.organisationsnummer.*`) so that the UI words
 * its errors in both languages.
 */

export type IdentityKind = "personnummer" | "samordningsnummer";

export type IdentityFailure =
    /** Nothing was typed. */
    | "empty"
    /** Not 10 or 12 digits with an optional -/+ separator (letters, 11 digits, ...). */
    | "format"
    /** The date part does not exist (Feb 30, month 13, day 0, ...). */
    | "date"
    /** The check digit does not match (Luhn). */
    | "checksum";

export type IdentityMessageKey = `validation.identity.${IdentityFailure}`;

export type IdentityResult =
    | {
          ok: true;
          kind: IdentityKind;
          /** 12 digits, no separator: YYYYMMDDNNNC. */
          normalized: string;
      }
    | {
          ok: false;
          reason: IdentityFailure;
          messageKey: IdentityMessageKey;
      };

export type OrganisationsnummerFailure = "empty" | "format" | "checksum" | "type";

export type OrganisationsnummerMessageKey = `validation.organisationsnummer.${OrganisationsnummerFailure}`;

export type OrganisationsnummerResult =
    | {
          ok: true;
          /** 10 digits, no separator. */
          normalized: string;
      }
    | {
          ok: false;
          reason: OrganisationsnummerFailure;
          messageKey: OrganisationsnummerMessageKey;
      };

/** Day offset that turns a birth day into a samordningsnummer day. */
const COORDINATION_OFFSET = 60;

const IDENTITY_PATTERN = /^(\d{6}|\d{8})([-+]?)(\d{4})$/;
const ORGANISATIONSNUMMER_PATTERN = /^(\d{6})-?(\d{4})$/;

function identityFailure(reason: IdentityFailure): IdentityResult {
    return { ok: false, reason, messageKey: `validation.identity.${reason}` };
}

function organisationsnummerFailure(reason: OrganisationsnummerFailure): OrganisationsnummerResult {
    return { ok: false, reason, messageKey: `validation.organisationsnummer.${reason}` };
}

/**
 * Luhn check ("modulus 10") over a string of digits: every other digit from the left is
 * doubled, starting with the first. True when the sum is divisible by 10.
 */
export function luhnValid(digits: string): boolean {
    if (!/^\d+$/.test(digits)) {
        return false;
    }
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
        let value = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
        if (value > 9) {
            value -= 9;
        }
        sum += value;
    }
    return sum % 10 === 0;
}

/** The Luhn check digit that completes the given 9 digits. */
export function luhnCheckDigit(nineDigits: string): number {
    for (let candidate = 0; candidate <= 9; candidate++) {
        if (luhnValid(`${nineDigits}${String(candidate)}`)) {
            return candidate;
        }
    }
    /* unreachable: exactly one digit completes a Luhn sum */
    throw new Error("no Luhn check digit");
}

function isLeapYear(year: number): boolean {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
    const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return days[month - 1] ?? 0;
}

function dateExists(year: number, month: number, day: number): boolean {
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Compare (y, m, d) with a local calendar date; negative when earlier. */
function compareDate(year: number, month: number, day: number, today: Date): number {
    const a = year * 10000 + month * 100 + day;
    const b = today.getFullYear() * 10000 + (today.getMonth() + 1) * 100 + today.getDate();
    return a - b;
}

/**
 * Full year for a 10-digit number. Without `+`: the latest year ending in `yy` whose
 * birthday is not after today (so the person is under 100). With `+`: 100 years before that.
 * The day is the real birth day (samordningsnummer offset already removed); an impossible
 * month/day only needs to give some year, the date check rejects it afterwards.
 */
function inferYear(yy: number, month: number, day: number, plus: boolean, today: Date): number {
    const thisYear = today.getFullYear();
    let year = thisYear - ((((thisYear - yy) % 100) + 100) % 100);
    if (compareDate(year, month, day, today) > 0) {
        year -= 100;
    }
    if (plus) {
        year -= 100;
    }
    return year;
}

export interface IdentityOptions {
    /** The date that 10-digit numbers are read against (century). Defaults to now. */
    today?: Date;
}

/**
 * Validate and normalise a personnummer or samordningsnummer.
 *
 * Surrounding whitespace is ignored; anything else that is not a digit or one -/+ between
 * the date and the last four digits is a format error.
 */
export function parseIdentityNumber(input: string, options: IdentityOptions = {}): IdentityResult {
    const value = input.trim();
    if (value === "") {
        return identityFailure("empty");
    }
    const match = IDENTITY_PATTERN.exec(value);
    if (!match) {
        return identityFailure("format");
    }
    const [, datePart = "", separator = "", lastFour = ""] = match;
    const today = options.today ?? new Date();

    const monthDay = datePart.slice(-4);
    const month = Number(monthDay.slice(0, 2));
    const rawDay = Number(monthDay.slice(2, 4));
    const kind: IdentityKind = rawDay > COORDINATION_OFFSET ? "samordningsnummer" : "personnummer";
    const day = kind === "samordningsnummer" ? rawDay - COORDINATION_OFFSET : rawDay;

    let year: number;
    if (datePart.length === 8) {
        year = Number(datePart.slice(0, 4));
    } else {
        year = inferYear(Number(datePart.slice(0, 2)), month, day, separator === "+", today);
    }

    if (!dateExists(year, month, day)) {
        return identityFailure("date");
    }

    const fullYear = String(year).padStart(4, "0");
    const tenDigits = `${fullYear.slice(2)}${monthDay}${lastFour}`;
    if (!luhnValid(tenDigits)) {
        return identityFailure("checksum");
    }

    return { ok: true, kind, normalized: `${fullYear}${monthDay}${lastFour}` };
}

/** Validate a personnummer only: a samordningsnummer is reported as `kind` "samordningsnummer". */
export function isPersonnummer(input: string, options: IdentityOptions = {}): boolean {
    const result = parseIdentityNumber(input, options);
    return result.ok && result.kind === "personnummer";
}

/**
 * Validate and normalise an organisationsnummer: 10 digits, an optional `-` after the sixth,
 * Luhn over all 10, and the third digit at least 2 (so that it cannot be a personnummer).
 */
export function parseOrganisationsnummer(input: string): OrganisationsnummerResult {
    const value = input.trim();
    if (value === "") {
        return organisationsnummerFailure("empty");
    }
    const match = ORGANISATIONSNUMMER_PATTERN.exec(value);
    if (!match) {
        return organisationsnummerFailure("format");
    }
    const digits = `${match[1] ?? ""}${match[2] ?? ""}`;
    if (Number(digits[2]) < 2) {
        return organisationsnummerFailure("type");
    }
    if (!luhnValid(digits)) {
        return organisationsnummerFailure("checksum");
    }
    return { ok: true, normalized: digits };
}

/** "YYYYMMDDNNNN" → "YYYYMMDD-NNNN". Anything else is returned unchanged. */
export function formatIdentityNumber(normalized: string): string {
    return /^\d{12}$/.test(normalized) ? `${normalized.slice(0, 8)}-${normalized.slice(8)}` : normalized;
}

/** "NNNNNNNNNN" → "NNNNNN-NNNN". Anything else is returned unchanged. */
export function formatOrganisationsnummer(normalized: string): string {
    return /^\d{10}$/.test(normalized) ? `${normalized.slice(0, 6)}-${normalized.slice(6)}` : normalized;
}
