import { describe, expect, it } from "vitest";
import { formatIdentityNumber, formatOrganisationsnummer } from "./identity";

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
