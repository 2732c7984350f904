import { describe, expect, it } from "vitest";
import { formatOre, formatTypedKronor, parseKronor } from "./money";

describe("parseKronor", () => {
    it.each([
        ["0", 0],
        ["1234", 123400],
        ["1 234,50", 123450],
        ["1\u00a0234,5", 123450],
        ["1234.05", 123405],
        ["12 345 678", 1234567800],
        ["800 kr", 80000],
        ["800,00 kronor", 80000],
        [" 007 ", 700],
    ])("%j is %d öre", (text, ore) => {
        expect(parseKronor(text)).toBe(ore);
    });

    it.each(["", "abc", "-5", "1,234", "12,345", "1 23", "12 34,5", "1,2,3", "1.234,50", "1e3", "1234567890123"])(
        "%j is not an amount",
        (text) => {
            expect(parseKronor(text)).toBeNull();
        },
    );
});

describe("formatOre", () => {
    it.each([
        [0, "0,00 kr"],
        [5, "0,05 kr"],
        [123450, "1 234,50 kr"],
        [1234567800, "12 345 678,00 kr"],
    ])("%d öre is %j", (ore, text) => {
        expect(formatOre(ore)).toBe(text);
    });

    it("shows a typed amount formatted, or as typed when it cannot be read", () => {
        expect(formatTypedKronor("1234,5")).toBe("1 234,50 kr");
        expect(formatTypedKronor(" tusen ")).toBe("tusen");
    });
});
