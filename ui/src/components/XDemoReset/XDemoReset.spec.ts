import { describe, expect, it } from "vitest";
import { byTest, click, mountWithApp, settle } from "../../test/mount";
import XDemoReset from "./XDemoReset.vue";

describe("XDemoReset", () => {
    it("resets the sample data after a confirmation", async () => {
        const { wrapper, replay } = await mountWithApp(XDemoReset, { scenarios: ["demo-reset"] });
        await click(byTest("reset-demo"));
        const dialog = document.querySelector('[role="dialog"]');
        expect(dialog?.textContent).toContain("Återställa exempeldata?");
        expect(dialog?.getAttribute("aria-labelledby")).toBe("confirm-reset-dialog-heading");
        await click(byTest("confirm-reset"));
        await settle();
        expect(replay.commands()).toEqual(["reset_demo"]);
        expect(wrapper.emitted("reset")).toHaveLength(1);
        expect(byTest("reset-done")?.textContent).toContain("återställd");
        expect(document.querySelector('[role="dialog"]')).toBeNull();
    });

    it("cancelling keeps everything", async () => {
        const { wrapper, replay } = await mountWithApp(XDemoReset, { scenarios: ["demo-reset"] });
        await click(byTest("reset-demo"));
        await click(byTest("cancel-reset"));
        await settle();
        expect(replay.commands()).toEqual([]);
        expect(wrapper.emitted("reset")).toBeUndefined();
    });

    it("says why a reset was refused", async () => {
        // Production refuses to reset (the household scenario).
        await mountWithApp(XDemoReset, { scenarios: ["household"] });
        await click(byTest("reset-demo"));
        await click(byTest("confirm-reset"));
        await settle();
        expect(byTest("reset-error")?.textContent).toContain("bara i demoläget");
    });

    it("keeps the question's hooks", async () => {
        await mountWithApp(XDemoReset, { scenarios: ["demo-reset"] });
        await click(byTest("reset-demo"));
        expect(document.getElementById("confirm-reset-dialog")?.dataset.test).toBe("confirm-reset-dialog");
        expect(document.getElementById("confirm-reset-dialog-heading")?.textContent).toBe("Återställa exempeldata?");
        expect(byTest("confirm-reset")).not.toBeNull();
        expect(byTest("cancel-reset")).not.toBeNull();
    });
});
