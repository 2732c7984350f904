import { describe, expect, it } from "vitest";
import { byTest, mountWithApp } from "../../test/mount";
import XActionResult from "./XActionResult.vue";

describe("XActionResult", () => {
    it("shows the result only at the place the action was started, in a live region", async () => {
        const result = { place: "week:2026-10-05", kind: "info" as const, text: "3 pass kopierades." };
        const { wrapper } = await mountWithApp(XActionResult, { props: { place: "week:2026-10-12", result } });
        expect(byTest("action-result")).toBeNull();
        expect(wrapper.find('[role="status"]').attributes("aria-live")).toBe("polite");
        await wrapper.setProps({ place: "week:2026-10-05" });
        const text = byTest("action-result");
        expect(text?.textContent?.trim()).toBe("3 pass kopierades.");
        expect(text?.getAttribute("tabindex")).toBe("-1");
        expect(text?.dataset.kind).toBe("info");
    });

    it("marks a failure as an error", async () => {
        await mountWithApp(XActionResult, {
            props: { place: "schedule", result: { place: "schedule", kind: "error", text: "Det gick inte." } },
        });
        expect(byTest("action-result")?.classList).toContain("x-action-result__text--error");
    });
});
