import { describe, expect, it } from "vitest";
import { sv } from "../i18n/sv";
import {
    entryToScheduleTimes,
    formatEntry,
    parseEntry,
    scheduleTimesToEntry,
    timesToEntry,
    type EntryShift,
} from "./shift-entry";

const H = 60;

function shift(start: number, end: number, kind: EntryShift["kind"] = "aktiv"): EntryShift {
    return { start, end, kind };
}

describe("parseEntry: what can be typed", () => {
    it.each<[string, EntryShift[]]>([
        ["8-16", [shift(8 * H, 16 * H)]],
        ["08-16", [shift(8 * H, 16 * H)]],
        [" 8 - 16 ", [shift(8 * H, 16 * H)]],
        ["8–16", [shift(8 * H, 16 * H)]],
        ["8:30-16:15", [shift(8 * H + 30, 16 * H + 15)]],
        ["0830-1615", [shift(8 * H + 30, 16 * H + 15)]],
        ["830-1615", [shift(8 * H + 30, 16 * H + 15)]],
        ["8.30-16.15", [shift(8 * H + 30, 16 * H + 15)]],
        ["22-07", [shift(22 * H, 31 * H)]],
        ["22:00-07:00", [shift(22 * H, 31 * H)]],
        ["22-24", [shift(22 * H, 24 * H)]],
        ["22-0", [shift(22 * H, 24 * H)]],
        ["22-2400", [shift(22 * H, 24 * H)]],
        ["0-24", [shift(0, 24 * H)]],
        ["0-4", [shift(0, 4 * H)]],
        ["8-8", [shift(8 * H, 32 * H)]],
        ["8-12, 13-17", [shift(8 * H, 12 * H), shift(13 * H, 17 * H)]],
        ["8-12,13-17", [shift(8 * H, 12 * H), shift(13 * H, 17 * H)]],
        ["13-17 ; 8-12", [shift(8 * H, 12 * H), shift(13 * H, 17 * H)]],
        ["8-16 v", [shift(8 * H, 16 * H, "vantetid")]],
        ["8-16v", [shift(8 * H, 16 * H, "vantetid")]],
        ["22-07 b", [shift(22 * H, 31 * H, "beredskap")]],
        ["22-07 B", [shift(22 * H, 31 * H, "beredskap")]],
        ["8-16 a", [shift(8 * H, 16 * H)]],
        ["8-16 vänt", [shift(8 * H, 16 * H, "vantetid")]],
        ["8-16 beredskap", [shift(8 * H, 16 * H, "beredskap")]],
        ["8-16, 22-07 b", [shift(8 * H, 16 * H), shift(22 * H, 31 * H, "beredskap")]],
        ["", []],
        ["   ", []],
        [" , ", []],
        ["8-16,", [shift(8 * H, 16 * H)]],
    ])("%j", (text, expected) => {
        expect(parseEntry(text)).toEqual({ ok: true, shifts: expected });
    });

    it("uses the row's kind for shifts without a letter", () => {
        expect(parseEntry("8-16, 22-07 a", "vantetid")).toEqual({
            ok: true,
            shifts: [shift(8 * H, 16 * H, "vantetid"), shift(22 * H, 31 * H, "aktiv")],
        });
    });

    it("keeps overlapping shifts (the backend reports them as findings)", () => {
        expect(parseEntry("8-16, 12-18")).toMatchObject({ ok: true, shifts: [shift(8 * H, 16 * H), shift(12 * H, 18 * H)] });
    });
});

describe("parseEntry: what cannot be read", () => {
    it.each([
        ["8", "format", "8"],
        ["8 16", "format", "8 16"],
        ["åtta-sexton", "format", "åtta-sexton"],
        ["8-16-18", "format", "8-16-18"],
        ["8-12 13-17", "format", "8-12 13-17"],
        ["25-07", "time", "25"],
        ["24-07", "time", "24"],
        ["8-25", "time", "25"],
        ["8:60-16", "time", "8:60"],
        ["8-24:30", "time", "24:30"],
        ["8:5-16", "time", "8:5"],
        ["12345-16", "time", "12345"],
        ["8-16 x", "kind", "x"],
        ["8-16, 22-07 q", "kind", "q"],
    ])("%j is refused with %s", (text, error, part) => {
        expect(parseEntry(text)).toEqual({ ok: false, error, part });
    });

    it("has a Swedish message for every error, the first one as the spec words it", () => {
        expect(sv.shiftEntry.errors.format).toMatch(/^Skriv tiden som 8-16 eller 22-07/);
        expect(Object.keys(sv.shiftEntry.errors).sort()).toEqual(["format", "kind", "time"]);
    });
});

describe("formatEntry: back to text", () => {
    it.each<[EntryShift[], string]>([
        [[shift(8 * H, 16 * H)], "8-16"],
        [[shift(8 * H + 30, 16 * H + 15)], "8:30-16:15"],
        [[shift(22 * H, 31 * H)], "22-07"],
        [[shift(22 * H, 31 * H + 30)], "22-07:30"],
        [[shift(22 * H, 24 * H)], "22-24"],
        [[shift(0, 24 * H)], "0-24"],
        [[shift(8 * H, 32 * H)], "8-08"],
        [[shift(13 * H, 17 * H), shift(8 * H, 12 * H)], "8-12, 13-17"],
        [[shift(8 * H, 16 * H), shift(22 * H, 31 * H, "beredskap")], "8-16, 22-07 b"],
        [[shift(8 * H, 16 * H, "vantetid")], "8-16 v"],
        [[], ""],
    ])("%j → %j", (shifts, text) => {
        expect(formatEntry(shifts)).toBe(text);
    });

    it("leaves out the letter of the row's kind", () => {
        expect(formatEntry([shift(8 * H, 16 * H, "vantetid"), shift(17 * H, 18 * H)], "vantetid")).toBe("8-16, 17-18 a");
    });

    it.each(["8-16", "8:30-16:15", "22-07", "22-24", "0-24", "8-08", "8-12, 13-17 v", "8-16, 22-07 b", "23:45-00:15"])(
        "reads back what it writes: %j",
        (text) => {
            const parsed = parseEntry(text);
            if (!parsed.ok) {
                throw new Error(text);
            }
            expect(formatEntry(parsed.shifts)).toBe(text);
            expect(parseEntry(formatEntry(parsed.shifts))).toEqual(parsed);
        },
    );
});

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

    it.each<[EntryShift, string, string]>([
        [shift(8 * H, 16 * H), "08:00", "16:00"],
        [shift(22 * H, 31 * H), "22:00", "07:00"],
        [shift(22 * H, 24 * H), "22:00", "24:00"],
        [shift(8 * H, 32 * H), "08:00", "08:00"],
    ])("schedule times of %j", (entry, start, end) => {
        expect(entryToScheduleTimes(entry)).toEqual({ start, end });
        expect(scheduleTimesToEntry({ start, end, kind: entry.kind })).toEqual(entry);
    });
});
