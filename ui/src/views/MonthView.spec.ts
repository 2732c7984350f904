import { beforeEach, describe, expect, it } from "vitest";
import App from "../App.vue";
import { BackendError } from "../backend/errors";
import { FakeBackend } from "../backend/fake";
import type { Assistant, Household, ReportStatus, Shift } from "../backend/types";
import { axeViolations } from "../test/axe";
import { allByTest, byTest, click, mountWithApp, selectById, settle } from "../test/mount";
import MonthView from "./MonthView.vue";

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
    grantedHoursPerMonth: 160,
    scenario: "D",
};

function fake(shifts: Shift[] = []): FakeBackend {
    return new FakeBackend({ today: TODAY, household, assistants: [anna, bo], shifts });
}

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

function shift(id: number, start: string, end: string, kind: Shift["kind"] = "aktiv", assistantId = anna.id): Shift {
    return { id, assistantId, start, end, kind, note: null };
}

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

/** The draft the database keeps for a day (null: none), as the month screen wrote it. */
function draft(backend: FakeBackend, date: string, assistantId = 1): string | null {
    return backend.safekeeping.allDrafts().find((it) => it.assistantId === assistantId && it.date === date)?.text ?? null;
}

async function mountMonth(backend: FakeBackend, route = "/month/2026-10") {
    return mountWithApp(MonthView, { backend, route });
}

describe("MonthView: picking the month and the assistant", () => {
    it("shows the month, its due date, the first assistant and a row per day", async () => {
        await mountMonth(fake());
        expect(document.querySelector("h1")?.textContent).toContain("Arbetstid oktober 2026");
        expect(byTest("month-label")?.textContent).toBe("oktober 2026");
        expect(byTest("due-date")?.textContent).toBe("Ska vara hos Försäkringskassan senast 5 december 2026");
        const select = selectById("month-assistant");
        expect(Array.from(select.options).map((o) => o.textContent?.trim())).toEqual(["Anna Andersson", "Bo Berg"]);
        expect(select.selectedOptions[0]?.textContent?.trim()).toBe("Anna Andersson");
        expect(allByTest("day-row")).toHaveLength(31);
        const label = document.querySelector('label[for="day-2026-10-24"]');
        expect(label?.textContent).toContain("Pass lördag 24 oktober");
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
        await mountMonth(fake(), "/month");
        // Today as the app sees it (mountWithApp sets the clock to the recordings' moment).
        const now = new Date();
        const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
        expect((document.getElementById("month-input") as HTMLInputElement).value).toBe(month);
    });

    it("goes to a typed month on Enter, and to the previous and next month", async () => {
        const { router } = await mountMonth(fake());
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
        const { router } = await mountMonth(fake(), "/month/2026-13");
        expect(router.currentRoute.value.fullPath).toBe("/month");
    });

    it("switches the sheet, the totals and the schedule to another assistant", async () => {
        await mountMonth(fake([shift(1, "2026-10-05T08:00", "2026-10-05T12:00", "aktiv", bo.id)]));
        expect(dayInput("2026-10-05").value).toBe("");
        const select = selectById("month-assistant");
        select.value = String(bo.id);
        select.dispatchEvent(new Event("change"));
        await settle();
        expect(dayInput("2026-10-05").value).toBe("8-12");
        expect(minutes("total-aktiv")).toBe(240);
        expect(document.getElementById("month-sheet-heading")?.textContent).toBe("Pass för Bo Berg");
    });

    it("says what to do when the household has no assistants", async () => {
        await mountMonth(new FakeBackend({ today: TODAY }));
        const empty = byTest("month-no-assistants");
        expect(empty?.textContent).toContain("inte lagt till några assistenter");
        expect(empty?.querySelector("a")?.getAttribute("href")).toBe("/household");
        expect(document.getElementById("month-assistant")).toBeNull();
        expect(allByTest("day-row")).toHaveLength(0);
    });
});

describe("MonthView: typing shifts", () => {
    it("saves 8-16 on Tab, moves to the next day and updates the totals", async () => {
        const backend = fake();
        await mountMonth(backend);
        expect(minutes("total-aktiv")).toBe(0);
        await typeDay("2026-10-05", "8-16");
        expect(document.activeElement?.id).toBe("day-2026-10-06");
        expect(backend.allShifts()).toEqual([shift(1, "2026-10-05T08:00", "2026-10-05T16:00")]);
        expect(minutes("total-aktiv")).toBe(480);
        expect(byTest("total-aktiv")?.textContent?.trim()).toBe("8 tim 0 min");
        expect(minutes("household-total-aktiv")).toBe(480);
        expect(dayInput("2026-10-05").value).toBe("8-16");

        await typeDay("2026-10-06", "0830-1615");
        await typeDay("2026-10-07", "8-16 v");
        await typeDay("2026-10-08", "22-07 b", "Enter");
        expect(document.activeElement?.id).toBe("day-2026-10-09");
        expect(dayInput("2026-10-06").value).toBe("8:30-16:15");
        expect(minutes("total-aktiv")).toBe(480 + 465);
        expect(minutes("total-vantetid")).toBe(480);
        expect(minutes("total-beredskap")).toBe(540);
        expect(byTest("total-sum")?.textContent?.trim()).toBe("32 tim 45 min");
        expect(byTest("granted")?.textContent).toContain("127 tim 15 min kvar");
        const overview = byTest("overview");
        const annaRow = overview?.querySelector('[data-assistant-id="1"]');
        expect(annaRow?.querySelector('[data-kind="sum"]')?.getAttribute("data-minutes")).toBe(String(1965));
        expect(byTest("overview-household")?.querySelector('[data-kind="beredskap"]')?.textContent?.trim()).toBe("9 tim 0 min");
    });

    it("shows how a night shift is split into report rows", async () => {
        await mountMonth(fake());
        await typeDay("2026-10-09", "8-12, 22-07");
        expect(byTest("day-rows", rowOf("2026-10-09"))?.textContent?.replace(/\s+/g, " ").trim()).toBe(
            "08:00–12:00, 22:00–24:00, 00:00–07:00 nästa dag",
        );
        await typeDay("2026-10-31", "22-07", "Enter");
        expect(byTest("day-rows", rowOf("2026-10-31"))?.textContent).toContain("00:00–07:00 nästa dag (räknas i november 2026)");
        expect(minutes("total-aktiv")).toBe(240 + 540 + 120);
    });

    it("counts the autumn night in real time and says so next to the row", async () => {
        await mountMonth(fake());
        await typeDay("2026-10-25", "0-4");
        expect(minutes("total-aktiv")).toBe(300);
        expect(byTest("dst-diff", rowOf("2026-10-25"))?.textContent).toContain("5 tim 0 min arbetad tid (4 tim 0 min enligt klockan)");
    });

    it("edits a day in place and uses the row's kind of time", async () => {
        const backend = fake([shift(7, "2026-10-05T08:00", "2026-10-05T16:00")]);
        await mountMonth(backend);
        expect(dayInput("2026-10-05").value).toBe("8-16");
        await typeDay("2026-10-05", "8-17");
        expect(backend.allShifts()).toEqual([shift(7, "2026-10-05T08:00", "2026-10-05T17:00")]);

        const kind = selectById("kind-2026-10-05");
        kind.value = "vantetid";
        kind.dispatchEvent(new Event("change"));
        await settle();
        expect(backend.allShifts()).toEqual([shift(7, "2026-10-05T08:00", "2026-10-05T17:00", "vantetid")]);
        expect(minutes("total-vantetid")).toBe(540);
        expect(dayInput("2026-10-05").value).toBe("8-17");
    });

    it("moves between days with the arrow keys without saving anything", async () => {
        const backend = fake();
        await mountMonth(backend);
        dayInput("2026-10-10").focus();
        dayInput("2026-10-10").dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp", bubbles: true, cancelable: true }));
        expect(document.activeElement?.id).toBe("day-2026-10-09");
        dayInput("2026-10-09").dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true, cancelable: true }));
        expect(document.activeElement?.id).toBe("day-2026-10-10");
        const shiftTab = new KeyboardEvent("keydown", { key: "Tab", shiftKey: true, bubbles: true, cancelable: true });
        dayInput("2026-10-10").dispatchEvent(shiftTab);
        expect(shiftTab.defaultPrevented).toBe(false);
        await settle();
        expect(backend.allShifts()).toEqual([]);
    });

    it("leaves Tab alone on the last day of the month", async () => {
        await mountMonth(fake());
        const tab = new KeyboardEvent("keydown", { key: "Tab", bubbles: true, cancelable: true });
        dayInput("2026-10-31").dispatchEvent(tab);
        expect(tab.defaultPrevented).toBe(false);
    });
});

describe("MonthView: nothing typed is lost", () => {
    it("keeps invalid text as typed, explains it, and restores it after a restart", async () => {
        const backend = fake();
        const first = await mountMonth(backend);
        await typeDay("2026-10-12", "8-25");
        const input = dayInput("2026-10-12");
        expect(input.value).toBe("8-25");
        expect(input.getAttribute("aria-invalid")).toBe("true");
        expect(describedBy(input)).toBe("”25” är inget klockslag. Skriv timmar 0–24 och minuter 0–59, till exempel 8 eller 8:30.");
        expect(byTest("day-error", rowOf("2026-10-12"))?.closest(".x-day-row__entry")).not.toBeNull();
        expect(backend.allShifts()).toEqual([]);
        expect(draft(backend, "2026-10-12")).toBe("8-25");
        /* The web view keeps nothing personal: only the language may be in its storage. */
        expect(Object.keys(localStorage).filter((key) => key !== "timbok.locale")).toEqual([]);

        await typeDay("2026-10-13", "8 till 16");
        expect(describedBy(dayInput("2026-10-13"))).toContain("Skriv tiden som 8-16 eller 22-07");

        first.wrapper.unmount();
        await mountMonth(backend);
        const restored = dayInput("2026-10-12");
        expect(restored.value).toBe("8-25");
        expect(describedBy(restored)).toContain("är inget klockslag");
        expect(describedBy(restored)).toContain("Inte sparat – rätta tiden");
        expect(byTest("day-unsaved", rowOf("2026-10-13"))?.textContent?.trim()).toBe("Inte sparat – rätta tiden");

        await typeDay("2026-10-12", "8-15");
        expect(backend.allShifts()).toEqual([shift(1, "2026-10-12T08:00", "2026-10-12T15:00")]);
        expect(byTest("day-unsaved", rowOf("2026-10-12"))).toBeNull();
        expect(byTest("day-error", rowOf("2026-10-12"))).toBeNull();
        expect(draft(backend, "2026-10-12")).toBeNull();
    });

    it("keeps text typed but never left (a crash) and saves it on the next Enter", async () => {
        const backend = fake();
        const first = await mountMonth(backend);
        const input = dayInput("2026-10-14");
        input.focus();
        input.value = "9-17";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await settle();
        expect(draft(backend, "2026-10-14")).toBe("9-17");
        first.wrapper.unmount();

        await mountMonth(backend);
        expect(dayInput("2026-10-14").value).toBe("9-17");
        expect(byTest("day-unsaved", rowOf("2026-10-14"))?.textContent?.trim()).toBe("Inte sparat – tryck Enter för att spara");
        await typeDay("2026-10-14", "9-17", "Enter");
        expect(backend.allShifts()).toEqual([shift(1, "2026-10-14T09:00", "2026-10-14T17:00")]);
        expect(byTest("day-unsaved", rowOf("2026-10-14"))).toBeNull();
    });

    it("keeps the text and says why when the backend refuses", async () => {
        const backend = fake();
        backend.failNext("saveShift", new BackendError("storage", "Det gick inte att skriva till databasen."));
        await mountMonth(backend);
        await typeDay("2026-10-15", "8-16");
        expect(dayInput("2026-10-15").value).toBe("8-16");
        expect(describedBy(dayInput("2026-10-15"))).toContain("Det gick inte att skriva till databasen.");
        expect(draft(backend, "2026-10-15")).toBe("8-16");
        await typeDay("2026-10-15", "8-16", "Enter");
        expect(backend.allShifts()).toHaveLength(1);
        expect(byTest("day-error", rowOf("2026-10-15"))).toBeNull();
    });

    it("deletes a cleared day's shifts and brings them back with Ångra", async () => {
        const backend = fake([shift(1, "2026-10-24T08:00", "2026-10-24T12:00"), shift(2, "2026-10-24T22:00", "2026-10-25T07:00", "beredskap")]);
        await mountMonth(backend);
        expect(dayInput("2026-10-24").value).toBe("8-12, 22-07 b");
        await typeDay("2026-10-24", "");
        expect(backend.allShifts()).toEqual([]);
        expect(minutes("total-beredskap")).toBe(0);
        const deleted = byTest("shifts-deleted");
        expect(deleted?.textContent).toContain("Passen 24 okt togs bort.");
        expect(deleted?.closest('[role="status"]')?.getAttribute("aria-live")).toBe("polite");

        await click(byTest("undo-delete"));
        expect(backend.allShifts().map((s) => s.id)).toEqual([1, 2]);
        expect(dayInput("2026-10-24").value).toBe("8-12, 22-07 b");
        expect(minutes("total-beredskap")).toBe(600);
        expect(byTest("month-status")?.textContent).toContain("Passen 24 okt är tillbaka.");
        expect(byTest("undo-delete")).toBeNull();
        expect(document.activeElement?.id).toBe("day-2026-10-24");
    });
});

describe("MonthView: copying and the schedule", () => {
    it("copies last month and says how many were copied and skipped", async () => {
        const backend = fake([
            shift(1, "2026-09-07T08:00", "2026-09-07T16:00"),
            shift(2, "2026-09-28T08:00", "2026-09-28T16:00"),
            shift(3, "2026-10-26T09:00", "2026-10-26T10:00"),
            shift(4, "2026-09-08T08:00", "2026-09-08T16:00", "aktiv", bo.id),
        ]);
        await mountMonth(backend);
        await click(byTest("copy-previous-month"));
        expect(byTest("month-status")?.textContent?.trim()).toBe("1 pass kopierades, 1 hoppades över (fanns redan).");
        expect(dayInput("2026-10-05").value).toBe("8-16");
        expect(dayInput("2026-10-26").value).toBe("9-10");
        expect(backend.allShifts().filter((s) => s.assistantId === bo.id)).toHaveLength(1);
    });

    it("copies a day to the next day and a week to the next week", async () => {
        const backend = fake([shift(1, "2026-10-05T08:00", "2026-10-05T16:00"), shift(2, "2026-10-07T22:00", "2026-10-08T07:00")]);
        await mountMonth(backend);
        await click(byTest("copy-day", rowOf("2026-10-05")));
        expect(dayInput("2026-10-06").value).toBe("8-16");
        expect(byTest("month-status")?.textContent).toContain("1 pass kopierades, 0 hoppades över");
        await click(document.querySelector('[data-test="copy-week"][data-monday="2026-10-05"]'));
        expect(dayInput("2026-10-12").value).toBe("8-16");
        expect(dayInput("2026-10-13").value).toBe("8-16");
        expect(dayInput("2026-10-14").value).toBe("22-07");
        expect(minutes("total-aktiv")).toBe(4 * 480 + 2 * 540);
    });

    it("fills the month from the weekly schedule", async () => {
        const backend = fake([shift(1, "2026-10-05T10:00", "2026-10-05T11:00")]);
        await mountMonth(backend);
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
        expect(await backend.getSchedule()).toEqual([
            { assistantId: 1, weekday: 0, start: "08:00", end: "16:00", kind: "aktiv" },
            { assistantId: 1, weekday: 6, start: "22:00", end: "07:00", kind: "beredskap" },
        ]);
        expect(byTest("month-status")?.textContent?.trim()).toBe("7 pass lades till från schemat, 1 hoppades över (fanns redan).");
        expect(dayInput("2026-10-12").value).toBe("8-16");
        expect(dayInput("2026-10-25").value).toBe("22-07 b");
        expect(dayInput("2026-10-05").value).toBe("10-11");
    });

    it("refuses to fill the month from a schedule it cannot read", async () => {
        const backend = fake();
        await mountMonth(backend);
        await click(byTest("weekly-schedule")?.querySelector("button[aria-expanded]") ?? null);
        const tuesday = document.getElementById("schedule-1") as HTMLInputElement;
        tuesday.value = "8-16 x";
        tuesday.dispatchEvent(new Event("input"));
        await click(byTest("prefill-month"));
        expect(byTest("schedule-error")?.textContent).toContain("”x” är ingen typ av tid");
        expect(byTest("schedule-status")?.textContent).toContain("Rätta schemat först.");
        expect(await backend.getSchedule()).toEqual([]);
        expect(backend.allShifts()).toEqual([]);
    });
});

describe("MonthView: findings", () => {
    it("shows a finding under its row and in the list, and the list's button goes to the row", async () => {
        await mountMonth(fake());
        await typeDay("2026-10-20", "8-16, 12-18");
        const under = findingsUnder("2026-10-20");
        expect(under.map((f) => [f.getAttribute("data-code"), f.getAttribute("data-severity")])).toEqual([["overlap", "error"]]);
        expect(under[0]?.classList.contains("message-box--error-short")).toBe(true);
        expect(findingsUnder("2026-10-19")).toEqual([]);
        expect(byTest("findings-summary")?.textContent).toContain("Fel: 1. Varningar: 0.");
        const item = byTest("finding-item");
        expect(item?.getAttribute("data-code")).toBe("overlap");
        expect(item?.textContent).toContain("Anna Andersson: 20 okt 12:00–18:00: passet överlappar");
        dayInput("2026-10-01").focus();
        await click(byTest("finding-link", item ?? document));
        expect(document.activeElement?.id).toBe("day-2026-10-20");
    });

    it("shows warnings in yellow, and month-wide findings only in the list", async () => {
        const backend = fake([
            shift(1, "2026-10-20T08:00", "2026-10-20T16:00"),
            shift(2, "2026-10-20T12:00", "2026-10-20T20:00", "aktiv", bo.id),
            ...Array.from({ length: 20 }, (_, i) => shift(10 + i, `2026-10-${String(i + 1).padStart(2, "0")}T00:00`, `2026-10-${String(i + 1).padStart(2, "0")}T08:00`, "beredskap", bo.id)),
        ]);
        await mountMonth(backend);
        expect(findingsUnder("2026-10-20")).toEqual([]);
        expect(allByTest("finding-item").map((f) => f.getAttribute("data-code"))).toEqual(["above_granted_hours", "double_assistance"]);
        expect(byTest("findings-summary")?.textContent).toContain("Fel: 0. Varningar: 2.");

        expect(allByTest("finding-item")[0]?.querySelector('[data-test="finding-link"]')).toBeNull();
        expect(allByTest("finding-item")[0]?.textContent).toContain("Gäller hela månaden");
        await click(byTest("finding-link"));
        expect(selectById("month-assistant").value).toBe(String(bo.id));
        expect(document.activeElement?.id).toBe("day-2026-10-20");
        const under = findingsUnder("2026-10-20");
        expect(under.map((f) => [f.getAttribute("data-code"), f.getAttribute("data-severity")])).toEqual([["double_assistance", "warning"]]);
        expect(under[0]?.classList.contains("message-box--warning-short")).toBe(true);
    });

    it("says when the month has nothing to check", async () => {
        await mountMonth(fake());
        expect(byTest("findings-none")?.textContent).toBe("Inga fel eller varningar i oktober 2026.");
    });
});

describe("MonthView: a locked time report", () => {
    function lockedFake(status: ReportStatus, shifts: Shift[] = [shift(1, "2026-10-05T08:00", "2026-10-05T16:00")]): FakeBackend {
        return new FakeBackend({
            today: TODAY,
            household,
            assistants: [anna, bo],
            shifts,
            reports: { seed: [{ month: "2026-10", assistantId: anna.id, status }] },
        });
    }

    async function reportStatus(backend: FakeBackend): Promise<ReportStatus | undefined> {
        return (await backend.getTimeReports("2026-10")).reports.find((it) => it.assistantId === anna.id)?.status;
    }

    function dialog(): HTMLElement | null {
        return document.querySelector<HTMLElement>('[role="dialog"]');
    }

    it("asks before a day is changed; Avbryt keeps the hours and the signatures", async () => {
        const backend = lockedFake("signed");
        await mountMonth(backend);
        expect(byTest("report-locked-note")?.textContent).toContain("Tidsredovisningen för Anna Andersson i oktober 2026 är låst.");
        expect(byTest("report-locked-note")?.querySelector("a")?.getAttribute("href")).toBe("/time-reports?month=2026-10");
        await typeDay("2026-10-06", "8-16");
        expect(dialog()?.textContent).toContain(
            "Tidsredovisningen för Anna Andersson i oktober 2026 är låst. Om du ändrar en rad låses den upp och båda underskrifterna tas bort.",
        );
        expect(dialog()?.getAttribute("aria-labelledby")).toBe("confirm-unlock-edit-dialog-heading");
        expect(byTest("confirm-unlock-edit")?.textContent?.trim()).toBe("Ändra ändå");
        expect(backend.allShifts()).toHaveLength(1);
        await click(byTest("cancel-unlock-edit"));
        await settle();
        expect(dialog()).toBeNull();
        expect(backend.allShifts()).toHaveLength(1);
        expect(dayInput("2026-10-06").value).toBe("");
        expect(byTest("month-status")?.textContent).toContain("Inget ändrades. Tidsredovisningen för Anna Andersson är fortfarande låst.");
        expect(await reportStatus(backend)).toBe("signed");
    });

    it("Ändra ändå saves the day and unlocks the report; the next change does not ask", async () => {
        const backend = lockedFake("locked");
        await mountMonth(backend);
        await typeDay("2026-10-06", "8-16");
        await click(byTest("confirm-unlock-edit"));
        await settle();
        expect(dialog()).toBeNull();
        expect(backend.allShifts()).toHaveLength(2);
        expect(minutes("total-aktiv")).toBe(960);
        expect(await reportStatus(backend)).toBe("open");
        expect(byTest("report-locked-note")).toBeNull();
        await typeDay("2026-10-07", "8-12");
        expect(dialog()).toBeNull();
        expect(backend.allShifts()).toHaveLength(3);
    });

    it("does not ask for an open report", async () => {
        const backend = lockedFake("open");
        await mountMonth(backend);
        expect(byTest("report-locked-note")).toBeNull();
        await typeDay("2026-10-06", "8-16");
        expect(dialog()).toBeNull();
        expect(backend.allShifts()).toHaveLength(2);
    });

    it("asks before copying last month into a locked report", async () => {
        const backend = lockedFake("signed_by_assistant", [shift(1, "2026-09-07T08:00", "2026-09-07T16:00")]);
        await mountMonth(backend);
        await click(byTest("copy-previous-month"));
        expect(dialog()).not.toBeNull();
        await click(byTest("cancel-unlock-edit"));
        await settle();
        expect(backend.allShifts()).toHaveLength(1);
        expect(await reportStatus(backend)).toBe("signed_by_assistant");
    });

    it("shows the backend's refusal when the report is sent", async () => {
        const backend = lockedFake("sent");
        await mountMonth(backend);
        expect(byTest("report-locked-note")?.textContent).toContain("är skickad till Försäkringskassan eller på väg dit");
        await typeDay("2026-10-05", "8-17");
        expect(dialog()).toBeNull();
        const error = rowOf("2026-10-05").querySelector('[data-test="day-error"]') ?? byTest("day-error");
        expect(error?.textContent).toContain("Tidsredovisningen för Anna Andersson i oktober 2026 är skickad till Försäkringskassan");
        expect(backend.allShifts()[0]?.end).toBe("2026-10-05T16:00");
        expect(dayInput("2026-10-05").value).toBe("8-17");
    });
});

describe("MonthView: accessibility", () => {
    it("has no axe violations, also with errors, findings, a draft and the open schedule", async () => {
        const backend = fake([
            shift(1, "2026-10-20T08:00", "2026-10-20T16:00"),
            shift(2, "2026-10-20T12:00", "2026-10-20T20:00"),
            shift(3, "2026-10-20T13:00", "2026-10-20T14:00", "aktiv", bo.id),
            shift(4, "2026-10-25T01:00", "2026-10-25T02:30"),
        ]);
        await mountWithApp(App, { backend, route: "/month/2026-10" });
        await typeDay("2026-10-21", "8-99");
        await typeDay("2026-10-22", "");
        await click(byTest("weekly-schedule")?.querySelector("button[aria-expanded]") ?? null);
        expect(findingsUnder("2026-10-20").length).toBeGreaterThan(0);
        expect(await axeViolations(document.body)).toEqual([]);
    }, 30_000);

    it("has no axe violations without assistants", async () => {
        await mountWithApp(App, { backend: new FakeBackend({ today: TODAY }), route: "/month/2026-10" });
        expect(await axeViolations(document.body)).toEqual([]);
    });
});
