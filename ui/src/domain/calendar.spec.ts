import { describe, expect, it } from "vitest";
import { addMonths, daysOfMonth, dueDate, isMonth, isoWeek, mondayOf, parseMonth, weekdayOf } from "./calendar";
import { diffDay } from "./day-diff";
import { dstChanges, realLength, realMinute, wallMinute } from "./stockholm";
import type { Shift } from "../backend/types";

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

    it("puts the due date on the 5th of the second month after", () => {
        expect(dueDate("2026-03")).toBe("2026-05-05");
        expect(dueDate("2026-10")).toBe("2026-12-05");
        expect(dueDate("2026-11")).toBe("2027-01-05");
    });
});

describe("Europe/Stockholm", () => {
    it.each([
        [2026, "2026-03-29", "2026-10-25"],
        [2027, "2027-03-28", "2027-10-31"],
        [2028, "2028-03-26", "2028-10-29"],
    ])("the changes of %i", (year, spring, autumn) => {
        expect(dstChanges(year)).toEqual({ spring, autumn });
    });

    it.each([
        ["2026-10-25T00:00", "2026-10-25T04:00", 300],
        ["2026-03-29T00:00", "2026-03-29T04:00", 180],
        ["2027-10-31T00:00", "2027-10-31T04:00", 300],
        ["2027-03-28T00:00", "2027-03-28T04:00", 180],
        ["2026-10-24T22:00", "2026-10-25T07:00", 600],
        ["2026-07-01T08:00", "2026-07-01T16:00", 480],
        ["2026-01-10T08:00", "2026-01-10T16:00", 480],
    ])("%s–%s is %i real minutes", (from, to, minutes) => {
        expect(realLength(wallMinute(from) ?? 0, wallMinute(to) ?? 0)).toBe(minutes);
    });

    it("agrees with the platform's time zone data outside the doubtful hours", () => {
        for (const text of ["2026-01-15T12:00", "2026-03-29T01:59", "2026-03-29T03:00", "2026-10-25T01:30", "2026-10-25T03:00", "2026-07-15T12:00"]) {
            const utc = new Date(realMinute(wallMinute(text) ?? 0).minute * 60_000);
            const local = new Intl.DateTimeFormat("sv-SE", {
                timeZone: "Europe/Stockholm",
                year: "numeric",
                month: "2-digit",
                day: "2-digit",
                hour: "2-digit",
                minute: "2-digit",
                hourCycle: "h23",
            })
                .format(utc)
                .replace(" ", "T");
            expect(local).toBe(text);
        }
    });

    it("reads 02:30 in the spring night as 03:00 and in the autumn night as the first time", () => {
        expect(realMinute(wallMinute("2026-03-29T02:30") ?? 0)).toEqual({
            minute: realMinute(wallMinute("2026-03-29T03:00") ?? 0).minute,
            reading: "nonexistent",
        });
        expect(realMinute(wallMinute("2026-10-25T02:30") ?? 0).reading).toBe("ambiguous");
    });

    it("refuses dates that do not exist", () => {
        expect(wallMinute("2026-02-30T08:00")).toBeNull();
        expect(wallMinute("2026-10-24T24:00")).toBeNull();
    });
});

describe("diffDay", () => {
    const stored = (id: number, start: string, end: string, kind: Shift["kind"] = "aktiv"): Shift => ({
        id,
        assistantId: 1,
        start,
        end,
        kind,
        note: id === 1 ? "nyckel" : null,
    });

    it("leaves equal shifts alone, updates changed ones in place, creates and deletes the rest", () => {
        const a = stored(1, "2026-10-24T08:00", "2026-10-24T12:00");
        const b = stored(2, "2026-10-24T13:00", "2026-10-24T17:00");
        const c = stored(3, "2026-10-24T22:00", "2026-10-25T07:00");
        expect(diffDay([a, b], [{ start: a.start, end: a.end, kind: "aktiv" }, { start: b.start, end: b.end, kind: "aktiv" }])).toEqual({
            updates: [],
            creates: [],
            deletes: [],
        });
        const plan = diffDay([a, b, c], [{ start: "2026-10-24T08:00", end: "2026-10-24T13:00", kind: "aktiv" }]);
        expect(plan.updates).toEqual([{ shift: a, to: { start: "2026-10-24T08:00", end: "2026-10-24T13:00", kind: "aktiv" } }]);
        expect(plan.deletes).toEqual([b, c]);
        expect(diffDay([], [{ start: a.start, end: a.end, kind: "vantetid" }]).creates).toHaveLength(1);
        expect(diffDay([a], []).deletes).toEqual([a]);
    });
});
