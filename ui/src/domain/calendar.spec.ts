import { describe, expect, it } from "vitest";
import { addMonths, daysOfMonth, isMonth, isoWeek, mondayOf, parseMonth, weekdayOf } from "./calendar";

describe("calendar", () => {
    it.each([
        ["2026-10", true],
        ["2026-1", false],
        ["2026-13", false],
        ["26-10", false],
        ["oktober", false],
    ])("isMonth(%j) is %s", (text, ok) => {
        expect(isMonth(text)).toBe(ok);
    });

    it("moves between months and years", () => {
        expect(addMonths("2026-12", 1)).toBe("2027-01");
        expect(addMonths("2026-01", -1)).toBe("2025-12");
        expect(parseMonth("2026-10")).toEqual({ year: 2026, month: 10 });
    });

    it("lists the days of a month, leap years too", () => {
        expect(daysOfMonth("2026-10")).toHaveLength(31);
        expect(daysOfMonth("2028-02").at(-1)).toBe("2028-02-29");
        expect(daysOfMonth("2026-02").at(-1)).toBe("2026-02-28");
    });

    it("knows weekdays, Mondays and ISO weeks", () => {
        expect(weekdayOf("2026-10-24")).toBe(5); // Saturday
        expect(mondayOf("2026-10-25")).toBe("2026-10-19");
        expect(isoWeek("2026-10-24")).toBe(43);
        expect(isoWeek("2027-01-01")).toBe(53);
        expect(isoWeek("2026-01-01")).toBe(1);
    });
});
