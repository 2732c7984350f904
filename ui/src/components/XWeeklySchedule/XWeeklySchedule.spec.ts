import { describe, expect, it } from "vitest";
import { BackendError } from "../../backend/errors";
import { FakeBackend } from "../../backend/fake";
import type { Assistant } from "../../backend/types";
import { byTest, click, mountWithApp, settle } from "../../test/mount";
import XWeeklySchedule from "./XWeeklySchedule.vue";

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

function type(id: string, value: string): void {
    const input = document.getElementById(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event("input"));
}

describe("XWeeklySchedule", () => {
    it("shows the stored schedule in the month's syntax", async () => {
        const backend = new FakeBackend({
            assistants: [anna],
            schedule: [
                { assistantId: 1, weekday: 0, start: "08:00", end: "12:00", kind: "aktiv" },
                { assistantId: 1, weekday: 0, start: "13:00", end: "17:00", kind: "vantetid" },
                { assistantId: 1, weekday: 4, start: "22:00", end: "07:00", kind: "beredskap" },
                { assistantId: 2, weekday: 1, start: "08:00", end: "16:00", kind: "aktiv" },
            ],
        });
        await mountWithApp(XWeeklySchedule, { backend, props: { assistantId: 1, name: "Anna Andersson", month: "2026-10" } });
        expect((document.getElementById("schedule-0") as HTMLInputElement).value).toBe("8-12, 13-17 v");
        expect((document.getElementById("schedule-1") as HTMLInputElement).value).toBe("");
        expect((document.getElementById("schedule-4") as HTMLInputElement).value).toBe("22-07 b");
        expect(document.querySelector('label[for="schedule-6"]')?.textContent).toBe("Söndag");
    });

    it("saves the schedule, and asks for the month to be filled", async () => {
        const backend = new FakeBackend({ assistants: [anna] });
        const { wrapper } = await mountWithApp(XWeeklySchedule, { backend, props: { assistantId: 1, name: "Anna Andersson", month: "2026-10" } });
        type("schedule-2", "22-24");
        await click(byTest("save-schedule"));
        expect(await backend.getSchedule()).toEqual([{ assistantId: 1, weekday: 2, start: "22:00", end: "24:00", kind: "aktiv" }]);
        expect(byTest("schedule-status")?.textContent).toContain("Schemat för Anna Andersson är sparat.");
        expect(wrapper.emitted("prefill")).toBeUndefined();
        await click(byTest("prefill-month"));
        expect(wrapper.emitted("prefill")).toHaveLength(1);
    });

    it("shows what cannot be read, and what the backend says", async () => {
        const backend = new FakeBackend({ assistants: [anna] });
        await mountWithApp(XWeeklySchedule, { backend, props: { assistantId: 1, name: "A", month: "2026-10" } });
        type("schedule-3", "8-");
        document.getElementById("schedule-3")?.dispatchEvent(new Event("blur"));
        await settle();
        expect(document.getElementById("schedule-3")?.getAttribute("aria-describedby")).toBe("schedule-3-error");
        expect(byTest("schedule-error")?.textContent).toContain("Skriv tiden som 8-16 eller 22-07");
        type("schedule-3", "8-16");
        backend.failNext("saveSchedule", new BackendError("storage", "Disken är full."));
        await click(byTest("save-schedule"));
        expect(byTest("schedule-status")?.textContent).toContain("Det gick inte att spara schemat. Disken är full.");
    });
});
