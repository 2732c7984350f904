import { describe, expect, it } from "vitest";
import { scenario } from "../../backend/replay";
import type { GuideStep, Start } from "../../backend/types";
import { allByTest, byTest, click, mountWithApp } from "../../test/mount";
import XStartGuide from "./XStartGuide.vue";

/** The guide as `get_start` gave it right after a fresh demo (recorded). */
const fresh = (scenario("start").find((call) => call.cmd === "get_start")?.ok as Start).guide;

describe("XStartGuide", () => {
    it("shows Rust's steps in order, each with its link to the screen on the month", async () => {
        await mountWithApp(XStartGuide, { props: { steps: fresh, month: "2026-10" } });
        const steps = allByTest("start-guide-step");
        expect(steps.map((step) => step.dataset.screen)).toEqual(["month", "time_reports", "invoice"]);
        expect(steps.map((step) => step.dataset.done)).toEqual(["false", "false", "false"]);
        expect(byTest("start-guide-open-month")?.getAttribute("href")).toMatch(/\/month\/2026-10$/);
        expect(byTest("start-guide-open-invoice")?.getAttribute("href")).toMatch(/\/invoice\?month=2026-10$/);
    });

    it("marks the next step and the done ones as Rust says", async () => {
        const steps: GuideStep[] = fresh.map((step, index) => ({ ...step, done: index === 0 }));
        await mountWithApp(XStartGuide, { props: { steps, month: "2026-10" } });
        const shown = allByTest("start-guide-step");
        expect(shown[0]?.classList).toContain("x-start-guide__step--done");
        expect(shown[1]?.classList).toContain("x-start-guide__step--next");
        expect(byTest("start-guide-state", shown[0])?.textContent?.trim()).toBe("Klart");
    });

    it("asks to be dismissed", async () => {
        const { wrapper } = await mountWithApp(XStartGuide, { props: { steps: fresh, month: "2026-10" } });
        await click(byTest("start-guide-dismiss"));
        expect(wrapper.emitted("dismiss")).toHaveLength(1);
    });
});
