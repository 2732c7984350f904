import { describe, expect, it } from "vitest";
import { byTest, click, mountWithApp, settle } from "../../test/mount";
import XWeeklySchedule from "./XWeeklySchedule.vue";

function type(id: string, value: string): void {
    const input = document.getElementById(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event("input"));
}

describe("XWeeklySchedule", () => {
    it("shows the stored schedule in the month's syntax", async () => {
        await mountWithApp(XWeeklySchedule, { scenarios: ["schedule"], props: { assistantId: 1, name: "Anna Andersson", month: "2026-10" } });
        expect((document.getElementById("schedule-0") as HTMLInputElement).value).toBe("8-12, 13-17 v");
        expect((document.getElementById("schedule-1") as HTMLInputElement).value).toBe("");
        expect((document.getElementById("schedule-4") as HTMLInputElement).value).toBe("22-07 b");
        expect(document.querySelector('label[for="schedule-6"]')?.textContent).toBe("Söndag");
    });

    it("saves the schedule, and asks for the month to be filled", async () => {
        const { wrapper, replay } = await mountWithApp(XWeeklySchedule, {
            scenarios: ["schedule-save"],
            props: { assistantId: 1, name: "Anna Andersson", month: "2026-10" },
        });
        type("schedule-2", "22-24");
        await click(byTest("save-schedule"));
        expect(replay.calls.find((c) => c.cmd === "save_schedule")?.args).toEqual({
            assistantId: 1,
            days: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, text: weekday === 2 ? "22-24" : "" })),
        });
        expect((document.getElementById("schedule-2") as HTMLInputElement).value).toBe("22-24");
        expect(byTest("schedule-status")?.textContent).toContain("Schemat för Anna Andersson är sparat.");
        expect(wrapper.emitted("prefill")).toBeUndefined();
        await click(byTest("prefill-month"));
        expect(wrapper.emitted("prefill")).toHaveLength(1);
    });

    it("shows what the core cannot read, at the weekday, on leaving it and on saving", async () => {
        const { replay } = await mountWithApp(XWeeklySchedule, {
            scenarios: ["schedule-save"],
            props: { assistantId: 1, name: "A", month: "2026-10" },
        });
        type("schedule-3", "8-");
        document.getElementById("schedule-3")?.dispatchEvent(new Event("blur"));
        await settle();
        expect(replay.calls.find((c) => c.cmd === "check_field")?.args).toEqual({ field: "schedule.3", text: "8-" });
        expect(document.getElementById("schedule-3")?.getAttribute("aria-describedby")).toBe("schedule-3-error");
        expect(byTest("schedule-error")?.textContent).toContain("Skriv tiden som 8-16 eller 22-07");
        expect(byTest("schedule-error")?.textContent).toContain('"8-"');
        await click(byTest("save-schedule"));
        expect(replay.commands()).toEqual(["get_schedule", "check_field", "save_schedule"]);
        expect(byTest("schedule-status")?.textContent).toContain("Rätta");
        expect(document.activeElement?.id).toBe("schedule-3");
        /* What was typed stays. */
        expect((document.getElementById("schedule-3") as HTMLInputElement).value).toBe("8-");
    });
});
