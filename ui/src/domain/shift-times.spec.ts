import { describe, expect, it } from "vitest";
import { addDays, timesToEntry, type EntryShift } from "./shift-times";

const H = 60;

function shift(start: number, end: number, kind: EntryShift["kind"] = "aktiv"): EntryShift {
    return { start, end, kind };
}

describe("entry shifts and stored times", () => {
    it.each<[EntryShift, string, string]>([
        [shift(8 * H, 16 * H), "2026-10-24T08:00", "2026-10-24T16:00"],
        [shift(22 * H, 31 * H), "2026-10-24T22:00", "2026-10-25T07:00"],
        [shift(22 * H, 24 * H), "2026-10-24T22:00", "2026-10-25T00:00"],
        [shift(22 * H, 24 * H), "2026-10-31T22:00", "2026-11-01T00:00"],
        [shift(23 * H, 30 * H), "2026-12-31T23:00", "2027-01-01T06:00"],
    ])("%j", (entry, start, end) => {
        const date = start.slice(0, 10);
        expect(timesToEntry(date, { start, end, kind: entry.kind })).toEqual(entry);
    });

    it.each([
        ["starts on another day", "2026-10-23T22:00", "2026-10-24T07:00"],
        ["ends before it starts", "2026-10-24T10:00", "2026-10-24T08:00"],
        ["lasts more than a day", "2026-10-24T08:00", "2026-10-25T10:00"],
        ["is not a date-time", "2026-10-24 08:00", "2026-10-24T10:00"],
    ])("a stored shift that %s cannot be written as text", (_name, start, end) => {
        expect(timesToEntry("2026-10-24", { start, end, kind: "aktiv" })).toBeNull();
    });

    it("counts days across months and years", () => {
        expect(addDays("2026-10-31", 1)).toBe("2026-11-01");
        expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
        expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    });
});
