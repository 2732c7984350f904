import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AssistantMonth, DayText, Finding, Shift } from "../../backend/types";
import { byTest, mountWithApp, selectById, settle } from "../../test/mount";
import type { CommitDay } from "./types";
import XMonthSheet from "./XMonthSheet.vue";

function month(shifts: Shift[] = [], dayTexts: DayText[] = []): AssistantMonth {
    return {
        assistantId: 1,
        firstName: "Anna",
        lastName: "Andersson",
        totals: { aktiv: 0, vantetid: 0, beredskap: 0 },
        shifts,
        rows: [],
        reportStatus: "open",
        dayTexts,
    };
}

const night: Shift = { id: 9, assistantId: 1, start: "2026-02-27T22:00", end: "2026-02-28T07:00", kind: "beredskap", note: null };
/** The night as the backend writes it (`dayTexts`). */
const nightText: DayText = { date: "2026-02-27", text: "22-07 b", exact: true };

async function leave(date: string, text: string): Promise<void> {
    const input = document.getElementById(`day-${date}`) as HTMLInputElement;
    input.focus();
    input.value = text;
    input.dispatchEvent(new Event("input"));
    input.dispatchEvent(new Event("blur"));
    await settle();
}

beforeEach(() => {
    localStorage.clear();
});

describe("XMonthSheet", () => {
    it("has a row per day, grouped by ISO week, with the stored shifts as text", async () => {
        const commit = vi.fn<CommitDay>();
        await mountWithApp(XMonthSheet, { scenarios: ["month-sheet"], props: { month: "2026-02", assistant: month([night], [nightText]), findings: [], commit } });
        expect(document.querySelectorAll('[data-test="day-row"]')).toHaveLength(28);
        expect(Array.from(document.querySelectorAll("tbody")).map((t) => t.dataset.week)).toEqual(["5", "6", "7", "8", "9"]);
        expect((document.getElementById("day-2026-02-27") as HTMLInputElement).value).toBe("22-07 b");
        expect(byTest("month-sheet")?.querySelector("caption")?.textContent).toContain("Pass för Anna Andersson i februari 2026");
    });

    it("shows a finding of a day (a shift during a hospital stay) in the row under that day", async () => {
        const finding: Finding = {
            severity: "warning",
            code: "during_hospital_stay",
            message: "27 feb 22:00–07:00: 9 tim av passet ligger under en sjukhusvistelse du har angett (…).",
            key: "finding.during_hospital_stay",
            params: {
                shift: { type: "spans", value: ["2026-02-27T22:00/2026-02-28T07:00"] },
                inside: { type: "minutes", value: 540 },
                stays: { type: "spans", value: ["2026-02-27T12:00/2026-03-02T12:00"] },
            },
            assistantId: 3,
            otherAssistantId: null,
            shiftId: 9,
            date: "2026-02-27",
        };
        await mountWithApp(XMonthSheet, {
            scenarios: ["month-sheet"],
            props: { month: "2026-02", assistant: month([night], [nightText]), findings: [finding], commit: vi.fn<CommitDay>() },
        });
        const rows = document.querySelectorAll(".x-day-row__messages");
        expect(rows).toHaveLength(1);
        expect((rows[0] as HTMLElement).dataset.date).toBe("2026-02-27");
        const shown = rows[0].querySelector('[data-test="finding"]') as HTMLElement;
        expect(shown.dataset.code).toBe("during_hospital_stay");
        expect(shown.dataset.severity).toBe("warning");
        expect(shown.textContent).toContain("sjukhusvistelse");
        // Right under the day's own row.
        expect(rows[0].previousElementSibling?.querySelector("#day-2026-02-27")).not.toBeNull();
    });

    it("commits the text as typed with the row's kind, and keeps text the backend refuses", async () => {
        const refusal = '"x" är ingen typ av tid. Skriv a (aktiv tid), v (väntetid) eller b (beredskapstid).';
        const commit = vi
            .fn<CommitDay>()
            .mockResolvedValueOnce({ ok: false, message: refusal, text: true })
            .mockResolvedValue({ ok: true, dayText: { date: "2026-02-04", text: "8-16 v, 17-18", exact: true } });
        const { replay } = await mountWithApp(XMonthSheet, { scenarios: ["month-sheet"], props: { month: "2026-02", assistant: month(), findings: [], commit } });
        await leave("2026-02-03", "8-16 x");
        expect(commit).toHaveBeenCalledWith(1, "2026-02-03", "8-16 x", "aktiv");
        expect((document.getElementById("day-2026-02-03") as HTMLInputElement).value).toBe("8-16 x");
        expect(byTest("day-error")?.textContent?.trim()).toBe(refusal);
        expect(replay.calls.find((c) => c.cmd === "save_draft")?.args).toEqual({
            draft: { month: "2026-02", assistantId: 1, date: "2026-02-03", text: "8-16 x" },
        });
        expect(localStorage.length).toBe(0);

        const select = selectById("kind-2026-02-04");
        select.value = "vantetid";
        select.dispatchEvent(new Event("change"));
        await leave("2026-02-04", "8-16, 17-18 a");
        expect(commit).toHaveBeenLastCalledWith(1, "2026-02-04", "8-16, 17-18 a", "vantetid");
        expect((document.getElementById("day-2026-02-04") as HTMLInputElement).value).toBe("8-16 v, 17-18");
    });

    it("says why the backend refused a day it could read, keeps the text, and saves it on the next try", async () => {
        const outbox = "Tidsredovisningen för den här assistenten och månaden är skickad eller på väg till Försäkringskassan.";
        const commit = vi
            .fn<CommitDay>()
            .mockResolvedValueOnce({ ok: false, message: outbox, text: false })
            .mockResolvedValue({ ok: true, dayText: { date: "2026-02-04", text: "8-16, 17-18", exact: true } });
        await mountWithApp(XMonthSheet, { scenarios: ["month-sheet"], props: { month: "2026-02", assistant: month(), findings: [], commit } });
        await leave("2026-02-04", "8-16, 17-18 a");
        const input = document.getElementById("day-2026-02-04") as HTMLInputElement;
        expect(input.value).toBe("8-16, 17-18 a");
        expect(byTest("day-error")?.textContent?.trim()).toBe(`Det gick inte att spara dagen. ${outbox} Det du skrev finns kvar.`);
        /* Not a text error: leaving the day again tries again. */
        await leave("2026-02-04", "8-16, 17-18 a");
        expect(commit).toHaveBeenCalledTimes(2);
        expect(byTest("day-error")).toBeNull();
        expect(input.value).toBe("8-16, 17-18");
    });

    it("does not commit a day that was not changed", async () => {
        const commit = vi.fn<CommitDay>();
        await mountWithApp(XMonthSheet, { scenarios: ["month-sheet"], props: { month: "2026-02", assistant: month([night], [nightText]), findings: [], commit } });
        await leave("2026-02-27", "22-07 b");
        await leave("2026-02-26", "");
        expect(commit).not.toHaveBeenCalled();
    });

    it("asks the view to copy a day or a week", async () => {
        const { wrapper } = await mountWithApp(XMonthSheet, {
            scenarios: ["month-sheet"],
            props: { month: "2026-02", assistant: month(), findings: [], commit: vi.fn<CommitDay>() },
        });
        (document.querySelector('[data-date="2026-02-10"] [data-test="copy-day"]') as HTMLElement).click();
        (document.querySelector('[data-test="copy-week"][data-monday="2026-02-09"]') as HTMLElement).click();
        expect(wrapper.emitted("copy-day")).toEqual([["2026-02-10"]]);
        expect(wrapper.emitted("copy-week")).toEqual([["2026-02-09"]]);
    });

    it("puts back a draft the database kept, and drops one that equals what is stored", async () => {
        const commit = vi.fn<CommitDay>();
        const { replay } = await mountWithApp(XMonthSheet, {
            scenarios: ["month-sheet"],
            props: { month: "2026-02", assistant: month([night], [nightText]), findings: [], commit },
        });
        await settle();
        expect((document.getElementById("day-2026-02-05") as HTMLInputElement).value).toBe("9-1");
        expect((document.getElementById("day-2026-02-06") as HTMLInputElement).value).toBe("");
        expect(replay.calls.filter((c) => c.cmd === "remove_draft").map((c) => c.args.date)).toEqual(["2026-02-27"]);
        expect(commit).not.toHaveBeenCalled();
    });
});
