/**
 * The month screen against replies recorded from the real commands (tests/ipc_record.rs):
 * "month-days" (Anna Andersson and Sam Samordning in October 2026, Sam with 8-12 on the 5th),
 * "month-locked" (Anna's report locked, 8-16 on the 5th) and "month-empty" (no assistants).
 */
import { beforeEach, describe, expect, it } from "vitest";
import App from "../App.vue";
import type { Backend } from "../backend/types";
import { axeViolations } from "../test/axe";
import { allByTest, byTest, click, mountWithApp, selectById, settle } from "../test/mount";
import MonthView from "./MonthView.vue";

function dayInput(date: string): HTMLInputElement {
    const input = document.getElementById(`day-${date}`);
    if (!(input instanceof HTMLInputElement)) {
        throw new Error(`No day input for ${date}`);
    }
    return input;
}

/** Type into a day like a user, then press `key` (Tab by default). */
async function typeDay(date: string, text: string, key = "Tab"): Promise<void> {
    const input = dayInput(date);
    input.focus();
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true });
    input.dispatchEvent(event);
    if (!event.defaultPrevented && key === "Tab") {
        input.blur();
    }
    await settle();
}

function minutes(test: string): number {
    return Number(byTest(test)?.getAttribute("data-minutes"));
}

beforeEach(() => {
    localStorage.clear();
});

function rowOf(date: string): HTMLElement {
    const row = document.querySelector<HTMLElement>(`[data-test="day-row"][data-date="${date}"]`);
    if (!row) {
        throw new Error(`No row for ${date}`);
    }
    return row;
}

/** The findings shown under a day's row. */
function findingsUnder(date: string): HTMLElement[] {
    const rows = Array.from(document.querySelectorAll<HTMLElement>(`tr[data-date="${date}"]`));
    return rows.flatMap((row) => allByTest("finding", row));
}

function describedBy(input: HTMLElement): string {
    return (input.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
        .join(" | ");
}

async function mountMonth(route = "/month/2026-10", scenario = "month-days", backend?: Backend) {
    return mountWithApp(MonthView, backend ? { backend, route } : { scenarios: [scenario], route });
}

describe("MonthView: picking the month and the assistant", () => {
    it("shows the month, its due date, the first assistant and a row per day", async () => {
        await mountMonth();
        expect(document.querySelector("h1")?.textContent).toContain("Arbetstid oktober 2026");
        expect(byTest("month-label")?.textContent).toBe("oktober 2026");
        expect(byTest("due-date")?.textContent).toBe("Ska vara hos Försäkringskassan senast 5 december 2026");
        const select = selectById("month-assistant");
        expect(Array.from(select.options).map((o) => o.textContent?.trim())).toEqual(["Anna Andersson", "Sam Samordning"]);
        expect(select.selectedOptions[0]?.textContent?.trim()).toBe("Anna Andersson");
        expect(allByTest("day-row")).toHaveLength(31);
        expect(document.querySelector('label[for="day-2026-10-24"]')?.textContent).toContain("Pass lördag 24 oktober");
        expect(document.querySelector('label[for="kind-2026-10-24"]')?.textContent).toContain("Typ av tid lördag 24 oktober");
        expect(rowOf("2026-10-24").classList.contains("x-day-row--weekend")).toBe(true);
        expect(rowOf("2026-10-23").classList.contains("x-day-row--weekend")).toBe(false);
        expect(allByTest("copy-week").map((b) => b.getAttribute("data-monday"))).toEqual([
            "2026-09-28",
            "2026-10-05",
            "2026-10-12",
            "2026-10-19",
            "2026-10-26",
        ]);
    });

    it("opens the current month at /month", async () => {
        await mountMonth("/month");
        expect((document.getElementById("month-input") as HTMLInputElement).value).toBe("2026-11");
        expect(allByTest("day-row")).toHaveLength(30);
    });

    it("goes to a typed month on Enter, and to the previous and next month", async () => {
        const { router } = await mountMonth();
        const input = document.getElementById("month-input") as HTMLInputElement;
        input.value = "2026-9";
        input.dispatchEvent(new Event("input"));
        input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
        await settle();
        expect(input.getAttribute("aria-invalid")).toBe("true");
        expect(describedBy(input)).toContain("Skriv månaden som ÅÅÅÅ-MM");
        expect(router.currentRoute.value.params.month).toBe("2026-10");

        input.value = "2027-02";
        input.dispatchEvent(new Event("input"));
        input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
        await settle();
        expect(router.currentRoute.value.fullPath).toBe("/month/2027-02");
        expect(byTest("month-label")?.textContent).toBe("februari 2027");
        expect(allByTest("day-row")).toHaveLength(28);
        expect(byTest("due-date")?.textContent).toContain("5 april 2027");

        await click(byTest("prev-month"));
        expect(byTest("month-label")?.textContent).toBe("januari 2027");
        await click(byTest("next-month"));
        await click(byTest("next-month"));
        expect(byTest("month-label")?.textContent).toBe("mars 2027");
    });

    it("replaces a month that does not exist with the current month", async () => {
        const { router } = await mountMonth("/month/2026-13");
        expect(router.currentRoute.value.fullPath).toBe("/month");
    });

    it("switches the sheet, the totals and the schedule to another assistant", async () => {
        await mountMonth();
        expect(dayInput("2026-10-05").value).toBe("");
        const select = selectById("month-assistant");
        select.value = selectById("month-assistant").options[1]?.value ?? "";
        select.dispatchEvent(new Event("change"));
        await settle();
        expect(dayInput("2026-10-05").value).toBe("8-12");
        expect(minutes("total-aktiv")).toBe(240);
        expect(document.getElementById("month-sheet-heading")?.textContent).toBe("Pass för Sam Samordning");
    });

    it("says what to do when the household has no assistants", async () => {
        await mountMonth("/month/2026-10", "month-empty");
        const empty = byTest("month-no-assistants");
        expect(empty?.textContent).toContain("inte lagt till några assistenter");
        expect(empty?.querySelector("a")?.getAttribute("href")).toBe("/household");
        expect(document.getElementById("month-assistant")).toBeNull();
        expect(allByTest("day-row")).toHaveLength(0);
    });
});

describe("MonthView: typing shifts", () => {
    it("saves a day with one save_day on Tab, moves to the next day and shows the backend's text and totals", async () => {
        const { replay } = await mountMonth();
        expect(minutes("total-aktiv")).toBe(0);
        await typeDay("2026-10-05", "8-16");
        expect(document.activeElement?.id).toBe("day-2026-10-06");
        expect(replay.calls.filter((c) => c.cmd === "save_day").map((c) => c.args)).toEqual([
            { day: { assistantId: 1, date: "2026-10-05", text: "8-16", defaultKind: "aktiv" } },
        ]);
        expect(minutes("total-aktiv")).toBe(480);
        expect(byTest("total-aktiv")?.textContent?.trim()).toBe("8 tim 0 min");
        expect(minutes("household-total-aktiv")).toBe(480 + 240);
        expect(dayInput("2026-10-05").value).toBe("8-16");

        await typeDay("2026-10-06", "0830-1615");
        await typeDay("2026-10-07", "8-16 v");
        await typeDay("2026-10-08", "22-07 b", "Enter");
        expect(document.activeElement?.id).toBe("day-2026-10-09");
        expect(dayInput("2026-10-06").value).toBe("8:30-16:15");
        expect(dayInput("2026-10-07").value).toBe("8-16 v");
        expect(minutes("total-aktiv")).toBe(480 + 465);
        expect(minutes("total-vantetid")).toBe(480);
        expect(minutes("total-beredskap")).toBe(540);
        expect(byTest("total-sum")?.textContent?.trim()).toBe("32 tim 45 min");
        /* One call a day, nothing else that writes shifts. */
        expect(replay.commands().filter((cmd) => /shift/.test(cmd))).toEqual([]);
        expect(replay.commands().filter((cmd) => cmd === "save_day")).toHaveLength(4);
        const annaRow = byTest("overview")?.querySelector('[data-assistant-id="1"]');
        expect(annaRow?.querySelector('[data-kind="sum"]')?.getAttribute("data-minutes")).toBe(String(1965));
        expect(byTest("overview-household")?.querySelector('[data-kind="beredskap"]')?.textContent?.trim()).toBe("9 tim 0 min");
    });

    it("shows how a night shift is split into report rows", async () => {
        await mountMonth();
        await typeDay("2026-10-09", "8-12, 22-07");
        expect(byTest("day-rows", rowOf("2026-10-09"))?.textContent?.replace(/\s+/g, " ").trim()).toBe(
            "08:00–12:00, 22:00–24:00, 00:00–07:00 nästa dag",
        );
        await typeDay("2026-10-31", "22-07", "Enter");
        expect(byTest("day-rows", rowOf("2026-10-31"))?.textContent).toContain("00:00–07:00 nästa dag (räknas i november 2026)");
    });

    it("counts the autumn night in real time and says so next to the row", async () => {
        await mountMonth();
        await typeDay("2026-10-25", "0-4");
        expect(byTest("dst-diff", rowOf("2026-10-25"))?.textContent).toContain("5 tim 0 min arbetad tid (4 tim 0 min enligt klockan)");
    });

    it("edits a day in place and saves the row's kind of time with it", async () => {
        const { replay } = await mountMonth();
        await typeDay("2026-10-05", "8-16");
        await typeDay("2026-10-05", "8-17");
        expect(dayInput("2026-10-05").value).toBe("8-17");
        const kind = selectById("kind-2026-10-05");
        kind.value = "vantetid";
        kind.dispatchEvent(new Event("change"));
        await settle();
        expect(replay.calls.filter((c) => c.cmd === "save_day").at(-1)?.args).toEqual({
            day: { assistantId: 1, date: "2026-10-05", text: "8-17", defaultKind: "vantetid" },
        });
        /* The backend writes the day as it is stored: a letter for a kind other than aktiv. */
        expect(dayInput("2026-10-05").value).toBe("8-17 v");
    });

    it("moves between days with the arrow keys without saving anything", async () => {
        const { replay } = await mountMonth();
        dayInput("2026-10-10").focus();
        dayInput("2026-10-10").dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp", bubbles: true, cancelable: true }));
        expect(document.activeElement?.id).toBe("day-2026-10-09");
        dayInput("2026-10-09").dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true, cancelable: true }));
        expect(document.activeElement?.id).toBe("day-2026-10-10");
        const shiftTab = new KeyboardEvent("keydown", { key: "Tab", shiftKey: true, bubbles: true, cancelable: true });
        dayInput("2026-10-10").dispatchEvent(shiftTab);
        expect(shiftTab.defaultPrevented).toBe(false);
        await settle();
        expect(replay.commands()).not.toContain("save_day");
    });

    it("leaves Tab alone on the last day of the month", async () => {
        await mountMonth();
        const tab = new KeyboardEvent("keydown", { key: "Tab", bubbles: true, cancelable: true });
        dayInput("2026-10-31").dispatchEvent(tab);
        expect(tab.defaultPrevented).toBe(false);
    });
});

describe("MonthView: nothing typed is lost", () => {
    it("keeps text the backend cannot read as typed, shows its message at the field, and keeps a draft", async () => {
        const first = await mountMonth();
        await typeDay("2026-10-12", "8-25");
        const input = dayInput("2026-10-12");
        expect(input.value).toBe("8-25");
        expect(input.getAttribute("aria-invalid")).toBe("true");
        expect(describedBy(input)).toBe('"25" är inget klockslag. Skriv till exempel 8, 08:30 eller 0830.');
        expect(byTest("day-error", rowOf("2026-10-12"))?.closest(".x-day-row__entry")).not.toBeNull();
        const drafts = first.replay.calls.filter((c) => c.cmd === "save_draft").map((c) => c.args);
        expect(drafts.length).toBeGreaterThan(0);
        expect(new Set(drafts.map((args) => JSON.stringify(args)))).toEqual(
            new Set([JSON.stringify({ draft: { assistantId: 1, date: "2026-10-12", month: "2026-10", text: "8-25" } })]),
        );
        expect(first.replay.commands()).not.toContain("remove_draft");
        /* The web view keeps nothing personal: only the language may be in its storage. */
        expect(Object.keys(localStorage).filter((key) => key !== "timbok.locale")).toEqual([]);

        await typeDay("2026-10-13", "8 till 16");
        expect(describedBy(dayInput("2026-10-13"))).toContain("Skriv tiden som 8-16 eller 22-07");
        /* Leaving the same text again does not ask again. */
        await typeDay("2026-10-12", "8-25");
        expect(first.replay.commands().filter((cmd) => cmd === "save_day")).toHaveLength(3);
    });

    it("puts the drafts back after a restart and saves them once corrected", async () => {
        const first = await mountMonth();
        await typeDay("2026-10-12", "8-25");
        await typeDay("2026-10-13", "8 till 16");
        const typed = dayInput("2026-10-14");
        typed.focus();
        typed.value = "9-17";
        typed.dispatchEvent(new Event("input", { bubbles: true }));
        await settle();
        first.wrapper.unmount();

        await mountMonth("/month/2026-10", "month-days", first.backend);
        expect(dayInput("2026-10-12").value).toBe("8-25");
        expect(dayInput("2026-10-13").value).toBe("8 till 16");
        expect(dayInput("2026-10-14").value).toBe("9-17");
        expect(byTest("day-unsaved", rowOf("2026-10-14"))?.textContent?.trim()).toBe("Inte sparat – tryck Enter för att spara");

        await typeDay("2026-10-12", "8-15");
        expect(dayInput("2026-10-12").value).toBe("8-15");
        expect(byTest("day-unsaved", rowOf("2026-10-12"))).toBeNull();
        expect(byTest("day-error", rowOf("2026-10-12"))).toBeNull();
        await typeDay("2026-10-14", "9-17", "Enter");
        expect(byTest("day-unsaved", rowOf("2026-10-14"))).toBeNull();
        expect(first.replay.calls.filter((c) => c.cmd === "remove_draft").map((c) => c.args.date)).toEqual(["2026-10-12", "2026-10-14"]);
    });

    it("removes a cleared day's shifts in one save and brings them back with Ångra", async () => {
        const { replay } = await mountMonth();
        await typeDay("2026-10-09", "8-12, 22-07");
        await typeDay("2026-10-09", "");
        expect(dayInput("2026-10-09").value).toBe("");
        expect(byTest("day-rows", rowOf("2026-10-09"))?.textContent?.trim() ?? "").toBe("");
        expect(replay.calls.filter((c) => c.cmd === "save_day").at(-1)?.args).toEqual({
            day: { assistantId: 1, date: "2026-10-09", text: "", defaultKind: "aktiv" },
        });
        const deleted = byTest("shifts-deleted");
        expect(deleted?.textContent).toContain("Passen 9 okt togs bort.");
        expect(deleted?.closest('[role="status"]')?.getAttribute("aria-live")).toBe("polite");

        await click(byTest("undo-delete"));
        expect(replay.calls.filter((c) => c.cmd === "undo_delete_shift")).toHaveLength(2);
        expect(dayInput("2026-10-09").value).toBe("8-12, 22-07");
        expect(byTest("month-status")?.textContent).toContain("Passen 9 okt är tillbaka.");
        expect(byTest("undo-delete")).toBeNull();
        expect(document.activeElement?.id).toBe("day-2026-10-09");
    });
});

describe("MonthView: copying and the schedule", () => {
    it("copies a day, a week and last month and says how many were copied and skipped beside the button", async () => {
        const { replay } = await mountMonth();
        const result = (place: string) => document.querySelector<HTMLElement>(`[data-test="action-result"][data-place="${place}"]`);
        const copyDay = byTest("copy-day", rowOf("2026-10-06"));
        copyDay?.focus();
        await click(copyDay);
        expect(result("day:2026-10-06")?.textContent?.trim()).toBe("0 pass kopierades, 1 hoppades över (fanns redan).");
        expect(result("day:2026-10-06")?.closest("tr")).toBe(rowOf("2026-10-06"));
        expect(document.activeElement).toBe(result("day:2026-10-06"));
        expect(byTest("month-status")).toBeNull();
        const copyWeek = document.querySelector<HTMLElement>('[data-test="copy-week"][data-monday="2026-10-05"]');
        copyWeek?.focus();
        await click(copyWeek);
        expect(result("week:2026-10-05")?.textContent?.trim()).toBe("4 pass kopierades, 2 hoppades över (fanns redan).");
        expect(result("week:2026-10-05")?.closest("td")).toBe(copyWeek?.closest("td"));
        expect(document.activeElement).toBe(result("week:2026-10-05"));
        /* One result at a time: the day's is gone. */
        expect(result("day:2026-10-06")).toBeNull();
        await click(byTest("copy-previous-month"));
        expect(result("previousMonth")?.textContent?.trim()).toBe("0 pass kopierades, 0 hoppades över (fanns redan).");
        expect(document.activeElement).toBe(result("previousMonth"));
        expect(replay.calls.filter((c) => c.cmd === "copy_shifts").map((c) => c.args.source)).toEqual([
            { kind: "day", from: "2026-10-06", to: "2026-10-07" },
            { kind: "week", from: "2026-10-05", to: "2026-10-12" },
            { kind: "previousMonth", month: "2026-10" },
        ]);
    });

    it("fills the month from the weekly schedule", async () => {
        const { replay } = await mountMonth();
        const panel = byTest("weekly-schedule");
        await click(panel?.querySelector("button[aria-expanded]") ?? null);
        expect(panel?.textContent).toContain("Veckoschema för Anna Andersson");
        const monday = document.getElementById("schedule-0") as HTMLInputElement;
        monday.value = "8-16";
        monday.dispatchEvent(new Event("input"));
        const sunday = document.getElementById("schedule-6") as HTMLInputElement;
        sunday.value = "22-07 b";
        sunday.dispatchEvent(new Event("input"));
        await click(byTest("prefill-month"));
        expect(replay.commands().slice(-3)).toEqual(["save_schedule", "prefill_month", "get_month"]);
        const result = panel?.querySelector<HTMLElement>('[data-test="action-result"][data-place="schedule"]');
        expect(result?.textContent?.trim()).toBe("6 pass lades till från schemat, 2 hoppades över (fanns redan).");
        expect(document.activeElement).toBe(result);
        expect(replay.calls.find((c) => c.cmd === "prefill_month")?.args).toEqual({ month: "2026-10", assistantId: 1 });
    });
});

describe("MonthView: findings", () => {
    it("shows a finding under its row and in the list, and the list's button goes to the row", async () => {
        await mountMonth();
        await typeDay("2026-10-20", "8-16, 12-20");
        const under = findingsUnder("2026-10-20");
        expect(under.map((f) => [f.getAttribute("data-code"), f.getAttribute("data-severity")])).toEqual([["overlap", "error"]]);
        expect(under[0]?.classList.contains("message-box--error-short")).toBe(true);
        expect(findingsUnder("2026-10-19")).toEqual([]);
        const items = allByTest("finding-item");
        const overlap = items.find((item) => item.getAttribute("data-code") === "overlap");
        expect(overlap?.textContent).toContain("Anna Andersson: 20 okt 12:00–20:00: passet överlappar");
        dayInput("2026-10-01").focus();
        await click(byTest("finding-link", overlap ?? document));
        expect(document.activeElement?.id).toBe("day-2026-10-20");
    });

    it("shows a warning about another assistant working at the same time in yellow", async () => {
        await mountMonth();
        await typeDay("2026-10-05", "8-16");
        const under = findingsUnder("2026-10-05");
        expect(under.map((f) => [f.getAttribute("data-code"), f.getAttribute("data-severity")])).toEqual([["double_assistance", "warning"]]);
        expect(under[0]?.classList.contains("message-box--warning-short")).toBe(true);
        expect(under[0]?.textContent).toMatch(/Anna Andersson och \S+ \S+: Två assistenter arbetar samtidigt/);
        expect(byTest("findings-summary")?.textContent).toContain("Fel: 0. Varningar: 1.");
        /* One warning for the pair, naming both and every time they work together. */
        const pair = allByTest("finding-item").filter((item) => item.getAttribute("data-code") === "double_assistance");
        expect(pair).toHaveLength(1);
        expect(pair[0]?.textContent).toMatch(/Anna Andersson och \S+ \S+: Två assistenter arbetar samtidigt: 5 okt/);
    });

    it("counts a day entry that could not be saved as an error, with a link to the field", async () => {
        await mountMonth();
        await typeDay("2026-10-12", "8-25");
        expect(byTest("day-error", rowOf("2026-10-12"))).not.toBeNull();
        expect(byTest("findings-summary")?.textContent).toContain("Fel: 1.");
        const item = allByTest("finding-item").find((it) => it.getAttribute("data-code") === "unsaved");
        expect(item?.textContent?.replace(/\s+/g, " ")).toContain("Anna Andersson: 12 okt: ”8-25” är inte sparat.");
        dayInput("2026-10-01").focus();
        await click(byTest("finding-link", item ?? document));
        expect(document.activeElement?.id).toBe("day-2026-10-12");
        await typeDay("2026-10-12", "8-15");
        expect(allByTest("finding-item").some((it) => it.getAttribute("data-code") === "unsaved")).toBe(false);
    });

    it("says when the month has nothing to check", async () => {
        await mountMonth();
        expect(byTest("findings-none")?.textContent).toBe("Inga fel eller varningar i oktober 2026.");
    });
});

describe("MonthView: a locked time report", () => {
    function dialog(): HTMLElement | null {
        return document.querySelector<HTMLElement>('[role="dialog"]');
    }

    it("asks before a day is changed; Avbryt changes nothing", async () => {
        const { replay } = await mountMonth("/month/2026-10", "month-locked");
        expect(byTest("report-locked-note")?.textContent).toContain("Tidsredovisningen för Anna Andersson i oktober 2026 är låst.");
        expect(byTest("report-locked-note")?.querySelector("a")?.getAttribute("href")).toBe("/time-reports?month=2026-10");
        await typeDay("2026-10-06", "8-16");
        expect(dialog()?.textContent).toContain(
            "Tidsredovisningen för Anna Andersson i oktober 2026 är låst. Om du ändrar en rad låses den upp och båda underskrifterna tas bort.",
        );
        expect(dialog()?.getAttribute("aria-labelledby")).toBe("confirm-unlock-edit-dialog-heading");
        expect(byTest("confirm-unlock-edit")?.textContent?.trim()).toBe("Ändra ändå");
        await click(byTest("cancel-unlock-edit"));
        await settle();
        expect(dialog()).toBeNull();
        expect(replay.commands()).not.toContain("save_day");
        expect(dayInput("2026-10-06").value).toBe("");
        expect(byTest("month-status")?.textContent).toContain("Inget ändrades. Tidsredovisningen för Anna Andersson är fortfarande låst.");
    });

    it("Ändra ändå saves the day and unlocks the report; the next change does not ask", async () => {
        const { replay } = await mountMonth("/month/2026-10", "month-locked");
        await typeDay("2026-10-06", "8-16");
        await click(byTest("confirm-unlock-edit"));
        await settle();
        expect(dialog()).toBeNull();
        expect(minutes("total-aktiv")).toBe(960);
        expect(byTest("report-locked-note")).toBeNull();
        await typeDay("2026-10-07", "8-16");
        expect(dialog()).toBeNull();
        expect(replay.commands().filter((cmd) => cmd === "save_day")).toHaveLength(2);
    });

    it("asks before copying last month into a locked report", async () => {
        const { replay } = await mountMonth("/month/2026-10", "month-locked");
        await click(byTest("copy-previous-month"));
        expect(dialog()).not.toBeNull();
        await click(byTest("cancel-unlock-edit"));
        await settle();
        expect(replay.commands()).not.toContain("copy_shifts");
    });

    it("does not ask for an open report", async () => {
        await mountMonth();
        expect(byTest("report-locked-note")).toBeNull();
        await typeDay("2026-10-06", "0830-1615");
        expect(dialog()).toBeNull();
    });
});

describe("MonthView: accessibility", () => {
    it("has no axe violations, also with errors, findings, a draft and the open schedule", async () => {
        await mountWithApp(App, { scenarios: ["month-days", "fresh-demo"], route: "/month/2026-10" });
        await typeDay("2026-10-20", "8-16, 12-20");
        await typeDay("2026-10-12", "8-25");
        await click(byTest("weekly-schedule")?.querySelector("button[aria-expanded]") ?? null);
        expect(findingsUnder("2026-10-20").length).toBeGreaterThan(0);
        expect(await axeViolations(document.body)).toEqual([]);
    }, 30_000);

    it("has no axe violations without assistants", async () => {
        await mountWithApp(App, { scenarios: ["month-empty", "fresh-demo"], route: "/month/2026-10" });
        expect(await axeViolations(document.body)).toEqual([]);
    });
});
