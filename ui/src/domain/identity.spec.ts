/**
 * Fixtures are only Skatteverket's published test personnummer (191212121212 "Tolvan",
 * 198112189876), the samordningsnummer example from Skatteverket's SKV 707 (701063-2391),
 * and the organisationsnummer of two public authorities (Försäkringskassan 202100-5521,
 * Skatteverket 202100-5489). Invalid cases are variations of those.
 *
 * 194910279825 was handed to us as a test personnummer, but its check digit is wrong
 * (Luhn sum 56): it is used here as an invalid case only.
 */
import { describe, expect, it } from "vitest";
import {
    formatIdentityNumber,
    formatOrganisationsnummer,
    isPersonnummer,
    luhnCheckDigit,
    luhnValid,
    parseIdentityNumber,
    parseOrganisationsnummer,
} from "./identity";

const TODAY = new Date(2026, 10, 23); // 23 November 2026

describe("luhn", () => {
    it.each([
        ["1212121212", true],
        ["8112189876", true],
        ["4910279825", false],
        ["7010632391", true],
        ["2021005521", true],
        ["1212121213", false],
        ["12121212a2", false],
        ["", false],
    ])("luhnValid(%s) is %s", (digits, expected) => {
        expect(luhnValid(digits)).toBe(expected);
    });

    it("computes the check digits of the test personnummer", () => {
        expect(luhnCheckDigit("121212121")).toBe(2);
        expect(luhnCheckDigit("811218987")).toBe(6);
    });
});

describe("parseIdentityNumber: valid", () => {
    it.each([
        // input, normalized, kind
        ["191212121212", "191212121212", "personnummer"],
        ["19121212-1212", "191212121212", "personnummer"],
        ["121212+1212", "191212121212", "personnummer"],
        ["121212-1212", "201212121212", "personnummer"],
        ["1212121212", "201212121212", "personnummer"],
        ["198112189876", "198112189876", "personnummer"],
        ["19811218-9876", "198112189876", "personnummer"],
        ["811218-9876", "198112189876", "personnummer"],
        ["8112189876", "198112189876", "personnummer"],
        ["  19121212-1212  ", "191212121212", "personnummer"],
        ["701063-2391", "197010632391", "samordningsnummer"],
        ["197010632391", "197010632391", "samordningsnummer"],
        ["19701063-2391", "197010632391", "samordningsnummer"],
    ] as const)("%s → %s (%s)", (input, normalized, kind) => {
        expect(parseIdentityNumber(input, { today: TODAY })).toEqual({ ok: true, kind, normalized });
    });
});

describe("parseIdentityNumber: century of 10 digits", () => {
    it("takes the last century when the birthday would be after today", () => {
        const dayBefore = new Date(2012, 11, 11); // 11 December 2012
        expect(parseIdentityNumber("121212-1212", { today: dayBefore })).toMatchObject({
            ok: true,
            normalized: "191212121212",
        });
    });

    it("takes this century when the birthday is today", () => {
        const sameDay = new Date(2012, 11, 12);
        expect(parseIdentityNumber("121212-1212", { today: sameDay })).toMatchObject({
            ok: true,
            normalized: "201212121212",
        });
    });

    it("goes back another 100 years with +", () => {
        const sameDay = new Date(2012, 11, 12);
        expect(parseIdentityNumber("121212+1212", { today: sameDay })).toMatchObject({
            ok: true,
            normalized: "191212121212",
        });
    });
});

describe("parseIdentityNumber: invalid", () => {
    it.each([
        ["", "empty"],
        ["   ", "empty"],
        ["191212121213", "checksum"],
        ["19121212-1213", "checksum"],
        ["121212-1213", "checksum"],
        ["198112189877", "checksum"],
        ["194910279825", "checksum"],
        ["491027-9825", "checksum"],
        ["701063-2392", "checksum"],
        ["191202301212", "date"], // 30 February
        ["19120230-1212", "date"],
        ["191213121212", "date"], // month 13
        ["191200121212", "date"], // month 0
        ["191212001212", "date"], // day 0
        ["190002291212", "date"], // 1900 was not a leap year
        ["701060-2391", "date"], // day 60: neither a date nor a samordningsnummer
        ["701092-2391", "date"], // samordningsnummer day 92 = 32
        ["19121212121", "format"], // 11 digits
        ["1912121212123", "format"], // 13 digits
        ["121212121", "format"], // 9 digits
        ["19121212-12A2", "format"], // a letter
        ["abcdefghij", "format"],
        ["1912-1212-1212", "format"],
        ["19121212 1212", "format"],
        ["19121212--1212", "format"],
    ] as const)("%j is rejected: %s", (input, reason) => {
        const result = parseIdentityNumber(input, { today: TODAY });
        expect(result).toEqual({ ok: false, reason, messageKey: `validation.identity.${reason}` });
    });
});

describe("isPersonnummer", () => {
    it("accepts a personnummer and refuses a samordningsnummer", () => {
        expect(isPersonnummer("19121212-1212", { today: TODAY })).toBe(true);
        expect(isPersonnummer("701063-2391", { today: TODAY })).toBe(false);
        expect(isPersonnummer("19121212-1213", { today: TODAY })).toBe(false);
    });
});

describe("parseOrganisationsnummer", () => {
    it.each([
        ["202100-5521", "2021005521"],
        ["2021005521", "2021005521"],
        ["202100-5489", "2021005489"],
        [" 202100-5489 ", "2021005489"],
    ])("%s → %s", (input, normalized) => {
        expect(parseOrganisationsnummer(input)).toEqual({ ok: true, normalized });
    });

    it.each([
        ["", "empty"],
        ["202100-5522", "checksum"],
        ["2021005488", "checksum"],
        ["121212-1212", "type"], // Tolvan: third digit 1 < 2, a personnummer
        ["811218-9876", "type"],
        ["20210055", "format"],
        ["202100-552A", "format"],
        ["20210-055211", "format"],
        ["16202100-5521", "format"],
    ] as const)("%j is rejected: %s", (input, reason) => {
        expect(parseOrganisationsnummer(input)).toEqual({
            ok: false,
            reason,
            messageKey: `validation.organisationsnummer.${reason}`,
        });
    });
});

describe("formatting", () => {
    it("formats 12 digits as YYYYMMDD-NNNN", () => {
        expect(formatIdentityNumber("191212121212")).toBe("19121212-1212");
        expect(formatIdentityNumber("not a number")).toBe("not a number");
    });

    it("formats 10 digits as NNNNNN-NNNN", () => {
        expect(formatOrganisationsnummer("2021005521")).toBe("202100-5521");
        expect(formatOrganisationsnummer("123")).toBe("123");
    });
});
