import { describe, expect, it } from "vitest";
import { BackendError } from "./errors";
import { FakeBackend } from "./fake";
import type { Assistant, Household, Kind, Shift, ShiftInput } from "./types";

const TODAY = new Date(2026, 10, 23);

const anna: Assistant = {
    id: 1,
    personnummer: "198112189876",
    idKind: "personnummer",
    firstName: "Anna",
    lastName: "Andersson",
    phone: null,
    employedByPerson: true,
    collectiveAgreement: false, employer: { kind: "provider" }, calculationPeriods: { start: "2024-01-01", weeks: 4 },
};

const bo: Assistant = { ...anna, id: 2, personnummer: "191212121212", firstName: "Bo", lastName: "Berg" };

const household: Household = {
    person: { personnummer: "191212121212", firstName: "Tolvan", lastName: "Tolvansson", phone: null },
    signerRole: "self",
    signer: null,
    employment: "employer",
    provider: null,
    grantedHoursPerMonth: 10,
    scenario: "D",
};

function backend(options: { shifts?: Shift[]; granted?: boolean } = {}): FakeBackend {
    return new FakeBackend({
        today: TODAY,
        assistants: [bo, anna],
        household: options.granted ? household : null,
        shifts: options.shifts,
    });
}

function input(start: string, end: string, kind: Kind = "aktiv", assistantId = anna.id): ShiftInput {
    return { id: null, assistantId, start, end, kind, note: null };
}

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
    const error: unknown = await promise.then(
        () => undefined,
        (e: unknown) => e,
    );
    if (!(error instanceof BackendError)) {
        throw new Error(`expected a BackendError, got ${String(error)}`);
    }
    return error;
}

describe("FakeBackend: the month sheet", () => {
    it("lists every assistant by name, with zero totals and the due date", async () => {
        const sheet = await backend().getMonth("2026-10");
        expect(sheet).toMatchObject({
            month: "2026-10",
            dueDate: "2026-12-05",
            grantedHours: null,
            totals: { aktiv: 0, vantetid: 0, beredskap: 0 },
            findings: [],
        });
        expect(sheet.assistants.map((it) => [it.assistantId, it.firstName, it.shifts, it.rows])).toEqual([
            [1, "Anna", [], []],
            [2, "Bo", [], []],
        ]);
    });

    it("splits a night shift at midnight, with the end of day as 24:00", async () => {
        const fake = backend();
        const saved = await fake.saveShift(input("2026-10-10T22:00", "2026-10-11T07:00", "beredskap"));
        expect(saved).toEqual({ id: 1, assistantId: 1, start: "2026-10-10T22:00", end: "2026-10-11T07:00", kind: "beredskap", note: null });
        const sheet = await fake.getMonth("2026-10");
        const month = sheet.assistants[0];
        expect(month?.rows).toEqual([
            { shiftId: 1, date: "2026-10-10", from: "22:00", to: "24:00", kind: "beredskap", minutes: 120, dstNote: null },
            { shiftId: 1, date: "2026-10-11", from: "00:00", to: "07:00", kind: "beredskap", minutes: 420, dstNote: null },
        ]);
        expect(month?.totals).toEqual({ aktiv: 0, vantetid: 0, beredskap: 540 });
        expect(sheet.totals).toEqual({ aktiv: 0, vantetid: 0, beredskap: 540 });
    });

    it("splits at the month's end: each month has its part, and the shift in both", async () => {
        const fake = backend();
        await fake.saveShift(input("2026-10-31T22:00", "2026-11-01T07:00"));
        const october = await fake.getMonth("2026-10");
        const november = await fake.getMonth("2026-11");
        expect(october.assistants[0]?.rows.map((r) => [r.date, r.from, r.to, r.minutes])).toEqual([["2026-10-31", "22:00", "24:00", 120]]);
        expect(november.assistants[0]?.rows.map((r) => [r.date, r.from, r.to, r.minutes])).toEqual([["2026-11-01", "00:00", "07:00", 420]]);
        expect(october.assistants[0]?.shifts).toHaveLength(1);
        expect(november.assistants[0]?.shifts).toHaveLength(1);
        expect(october.totals.aktiv + november.totals.aktiv).toBe(540);
    });

    it.each([
        ["the autumn change (last Sunday of October)", "2026-10-25", "2026-10", 300],
        ["the spring change (last Sunday of March)", "2026-03-29", "2026-03", 180],
        ["the autumn change of 2027", "2027-10-31", "2027-10", 300],
        ["the spring change of 2027", "2027-03-28", "2027-03", 180],
        ["an ordinary night", "2026-10-18", "2026-10", 240],
    ])("counts 00:00–04:00 in the night of %s in real minutes", async (_name, date, month, minutes) => {
        const fake = new FakeBackend({ today: new Date(2028, 0, 1), assistants: [anna] });
        await fake.saveShift(input(`${date}T00:00`, `${date}T04:00`));
        const sheet = await fake.getMonth(month);
        expect(sheet.totals.aktiv).toBe(minutes);
        expect(sheet.assistants[0]?.rows[0]).toMatchObject({ from: "00:00", to: "04:00", minutes, dstNote: null });
        expect(sheet.findings).toEqual([]);
    });

    it("counts a night shift over the autumn change one hour longer than the clock", async () => {
        const fake = backend();
        await fake.saveShift(input("2026-10-24T22:00", "2026-10-25T07:00"));
        const sheet = await fake.getMonth("2026-10");
        expect(sheet.assistants[0]?.rows.map((r) => r.minutes)).toEqual([120, 480]);
        expect(sheet.totals.aktiv).toBe(600);
    });

    it("notes a time that does not exist (spring) or exists twice (autumn)", async () => {
        const fake = new FakeBackend({ today: TODAY, assistants: [anna] });
        await fake.saveShift(input("2026-03-29T02:30", "2026-03-29T06:00"));
        await fake.saveShift(input("2026-10-25T01:00", "2026-10-25T02:30"));
        const march = await fake.getMonth("2026-03");
        expect(march.assistants[0]?.rows[0]?.dstNote?.params.text?.value).toContain("fanns inte");
        expect(march.assistants[0]?.rows[0]?.minutes).toBe(180);
        expect(march.findings.map((f) => [f.code, f.severity, f.date])).toEqual([["dst_nonexistent", "warning", "2026-03-29"]]);
        const october = await fake.getMonth("2026-10");
        expect(october.assistants[0]?.rows[0]?.dstNote?.params.text?.value).toContain("fanns två gånger");
        expect(october.findings.map((f) => f.code)).toEqual(["dst_ambiguous"]);
    });
});

describe("FakeBackend: findings", () => {
    it("reports an overlap of the same assistant as an error on the later shift's day", async () => {
        const fake = backend();
        await fake.saveShift(input("2026-10-24T22:00", "2026-10-25T07:00"));
        const second = await fake.saveShift(input("2026-10-25T06:00", "2026-10-25T14:00"));
        const { findings } = await fake.getMonth("2026-10");
        expect(findings).toMatchObject([
            {
                severity: "error",
                code: "overlap",
                message: "25 okt 06:00–14:00: passet överlappar ett annat pass för samma assistent (24 okt 22:00–07:00). Ändra tiderna eller ta bort ett av passen.",
                assistantId: anna.id,
                shiftId: second.id,
                date: "2026-10-25",
            },
        ]);
    });

    it("does not report shifts that only touch", async () => {
        const fake = backend();
        await fake.saveShift(input("2026-10-24T08:00", "2026-10-24T16:00"));
        await fake.saveShift(input("2026-10-24T16:00", "2026-10-24T22:00"));
        expect((await fake.getMonth("2026-10")).findings).toEqual([]);
    });

    it("warns when two assistants work at the same time", async () => {
        const fake = backend();
        await fake.saveShift(input("2026-10-24T08:00", "2026-10-24T16:00"));
        await fake.saveShift(input("2026-10-24T15:00", "2026-10-24T20:00", "aktiv", bo.id));
        const { findings } = await fake.getMonth("2026-10");
        expect(findings.map((f) => [f.severity, f.code, f.assistantId, f.date])).toEqual([
            ["warning", "double_assistance", bo.id, "2026-10-24"],
        ]);
        expect(findings[0]?.message).toContain("(24 okt 15:00–16:00)");
    });

    it("saves a shift whose end is not after its start and reports it as an error", async () => {
        const fake = backend();
        await fake.saveShift(input("2026-10-24T16:00", "2026-10-24T08:00"));
        const sheet = await fake.getMonth("2026-10");
        expect(sheet.findings.map((f) => [f.severity, f.code, f.date])).toEqual([["error", "end_not_after_start", "2026-10-24"]]);
        expect(sheet.assistants[0]?.rows).toEqual([]);
        expect(sheet.assistants[0]?.shifts).toHaveLength(1);
    });

    it("reports a shift in the future (after today) as an error", async () => {
        const fake = backend();
        await fake.saveShift(input("2026-11-23T08:00", "2026-11-23T16:00"));
        await fake.saveShift(input("2026-11-23T22:00", "2026-11-24T07:00"));
        const { findings } = await fake.getMonth("2026-11");
        expect(findings.map((f) => [f.severity, f.code, f.shiftId])).toEqual([["error", "in_future", 2]]);
    });

    it("warns when the household's total is above the granted hours (equal is fine)", async () => {
        const fake = backend({ granted: true });
        await fake.saveShift(input("2026-10-05T08:00", "2026-10-05T16:00"));
        await fake.saveShift(input("2026-10-06T08:00", "2026-10-06T10:00", "vantetid", bo.id));
        expect((await fake.getMonth("2026-10")).findings).toEqual([]);
        await fake.saveShift(input("2026-10-07T08:00", "2026-10-07T08:30", "beredskap"));
        const { findings } = await fake.getMonth("2026-10");
        expect(findings).toMatchObject([
            {
                severity: "warning",
                code: "above_granted_hours",
                message:
                    "Oktober 2026 har 10 tim 30 min assistans (aktiv tid, väntetid och beredskapstid, faktisk tid), mer än de 10 beviljade timmar du har angett. Kontrollera passen och beslutet om assistansersättning.",
                assistantId: null,
                shiftId: null,
                date: null,
            },
        ]);
    });

    it("sorts errors before warnings", async () => {
        const fake = backend({ granted: true });
        await fake.saveShift(input("2026-10-05T00:00", "2026-10-05T12:00"));
        await fake.saveShift(input("2026-10-20T08:00", "2026-10-20T16:00"));
        await fake.saveShift(input("2026-10-20T09:00", "2026-10-20T10:00"));
        const { findings } = await fake.getMonth("2026-10");
        expect(findings.map((f) => f.code)).toEqual(["overlap", "above_granted_hours"]);
    });
});

describe("FakeBackend: shifts", () => {
    it("changes a shift in place and refuses unknown ids", async () => {
        const fake = backend();
        const saved = await fake.saveShift(input("2026-10-24T08:00", "2026-10-24T16:00"));
        const changed = await fake.saveShift({ ...input("2026-10-24T08:00", "2026-10-24T17:00", "vantetid"), id: saved.id, note: " nyckel " });
        expect(changed).toEqual({ ...saved, end: "2026-10-24T17:00", kind: "vantetid", note: "nyckel" });
        expect(fake.allShifts()).toEqual([changed]);
        expect(await rejection(fake.saveShift({ ...input("2026-10-24T08:00", "2026-10-24T16:00"), id: 99 }))).toMatchObject({ code: "not_found" });
    });

    it.each([
        ["an unreadable start", input("2026-10-24 08:00", "2026-10-24T16:00"), "start"],
        ["a date that does not exist", input("2026-02-30T08:00", "2026-02-30T16:00"), "start"],
        ["an unreadable end", input("2026-10-24T08:00", "16:00"), "end"],
        ["an unknown kind", input("2026-10-24T08:00", "2026-10-24T16:00", "jour" as Kind), "kind"],
    ])("refuses %s with invalid_input on %s", async (_name, shift, field) => {
        const fake = backend();
        expect(await rejection(fake.saveShift(shift))).toMatchObject({ code: "invalid_input", field });
        expect(fake.allShifts()).toEqual([]);
    });

    it("refuses a shift of an assistant that does not exist", async () => {
        expect(await rejection(backend().saveShift(input("2026-10-24T08:00", "2026-10-24T16:00", "aktiv", 9)))).toMatchObject({ code: "not_found" });
    });

    it("refuses a month that is not YYYY-MM", async () => {
        expect(await rejection(backend().getMonth("2026-13"))).toMatchObject({ code: "invalid_input", field: "month" });
    });

    it("deletes a shift and brings it back with undo", async () => {
        const fake = backend();
        const saved = await fake.saveShift(input("2026-10-24T08:00", "2026-10-24T16:00"));
        expect(await fake.deleteShift(saved.id)).toBeNull();
        expect((await fake.getMonth("2026-10")).totals.aktiv).toBe(0);
        expect(await fake.undoDeleteShift(saved.id)).toEqual(saved);
        expect((await fake.getMonth("2026-10")).totals.aktiv).toBe(480);
        expect(await rejection(fake.undoDeleteShift(saved.id))).toMatchObject({ code: "not_found" });
        expect(await rejection(fake.deleteShift(99))).toMatchObject({ code: "not_found" });
    });

    it("refuses to delete an assistant who has shifts", async () => {
        const fake = backend();
        await fake.saveShift(input("2026-10-24T08:00", "2026-10-24T16:00"));
        expect(await rejection(fake.deleteAssistant(anna.id))).toMatchObject({ code: "invalid_input" });
    });
});

describe("FakeBackend: copy and schedule", () => {
    it("copies a day, skipping copies that would overlap", async () => {
        const fake = backend();
        await fake.saveShift(input("2026-10-05T08:00", "2026-10-05T12:00"));
        await fake.saveShift(input("2026-10-05T22:00", "2026-10-06T07:00"));
        await fake.saveShift(input("2026-10-06T10:00", "2026-10-06T11:00"));
        const result = await fake.copyShifts({ kind: "day", from: "2026-10-05", to: "2026-10-06" }, anna.id);
        expect(result.added.map((s) => [s.start, s.end])).toEqual([["2026-10-06T22:00", "2026-10-07T07:00"]]);
        expect(result.skipped).toBe(1);
    });

    it("copies a week onto the next week, only the given assistant's", async () => {
        const fake = backend();
        await fake.saveShift(input("2026-10-05T08:00", "2026-10-05T16:00"));
        await fake.saveShift(input("2026-10-11T22:00", "2026-10-12T07:00", "beredskap"));
        await fake.saveShift(input("2026-10-07T08:00", "2026-10-07T16:00", "aktiv", bo.id));
        const result = await fake.copyShifts({ kind: "week", from: "2026-10-07", to: "2026-10-14" }, anna.id);
        expect(result).toMatchObject({ skipped: 0 });
        expect(result.added.map((s) => [s.start, s.end, s.kind])).toEqual([
            ["2026-10-12T08:00", "2026-10-12T16:00", "aktiv"],
            ["2026-10-18T22:00", "2026-10-19T07:00", "beredskap"],
        ]);
    });

    it("copies last month by weekday (four weeks back, or five when four is still in the month)", async () => {
        const fake = backend();
        // September 2026: Monday 7th; October: Mondays 5, 12, 19, 26.
        await fake.saveShift(input("2026-09-07T08:00", "2026-09-07T16:00"));
        await fake.saveShift(input("2026-09-28T08:00", "2026-09-28T16:00"));
        const result = await fake.copyShifts({ kind: "previousMonth", month: "2026-10" }, null);
        expect(result.added.map((s) => s.start)).toEqual(["2026-10-05T08:00", "2026-10-26T08:00"]);
        const again = await fake.copyShifts({ kind: "previousMonth", month: "2026-10" }, null);
        expect(again).toEqual({ added: [], skipped: 2 });
    });

    it("saves a schedule per assistant and fills a month from it", async () => {
        const fake = backend();
        await fake.saveSchedule(anna.id, [
            { assistantId: anna.id, weekday: 0, start: "08:00", end: "16:00", kind: "aktiv" },
            { assistantId: anna.id, weekday: 6, start: "22:00", end: "07:00", kind: "beredskap" },
        ]);
        await fake.saveSchedule(bo.id, [{ assistantId: bo.id, weekday: 2, start: "10:00", end: "24:00", kind: "vantetid" }]);
        expect(await fake.getSchedule()).toHaveLength(3);
        await fake.saveShift(input("2026-11-02T12:00", "2026-11-02T13:00"));
        // November 2026: Mondays 2, 9, 16, 23, 30; Sundays 1, 8, 15, 22, 29.
        const result = await fake.prefillMonth("2026-11", anna.id);
        expect(result.skipped).toBe(1);
        expect(result.added).toHaveLength(9);
        expect(result.added.at(-1)).toMatchObject({ start: "2026-11-30T08:00", end: "2026-11-30T16:00" });
        expect(result.added.find((s) => s.start === "2026-11-29T22:00")?.end).toBe("2026-11-30T07:00");
        const all = await fake.prefillMonth("2026-11", null);
        expect(all.added.map((s) => [s.assistantId, s.start, s.end])).toEqual(
            ["04", "11", "18", "25"].map((d) => [bo.id, `2026-11-${d}T10:00`, `2026-11-${String(Number(d) + 1).padStart(2, "0")}T00:00`]),
        );
    });

    it("refuses a schedule entry for another assistant or an unreadable time", async () => {
        const fake = backend();
        const other = { assistantId: bo.id, weekday: 0, start: "08:00", end: "16:00", kind: "aktiv" as Kind };
        expect(await rejection(fake.saveSchedule(anna.id, [other]))).toMatchObject({ code: "invalid_input" });
        expect(await rejection(fake.saveSchedule(anna.id, [{ ...other, assistantId: anna.id, start: "8" }]))).toMatchObject({ field: "start" });
        expect(await rejection(fake.saveSchedule(9, []))).toMatchObject({ code: "not_found" });
    });
});
