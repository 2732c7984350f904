import { describe, expect, it } from "vitest";
import { FakeBackend } from "../../backend/fake";
import type { Assistant } from "../../backend/types";
import { byTest, click, mountWithApp, settle } from "../../test/mount";
import XDemoReset from "./XDemoReset.vue";

const anna: Assistant = {
    id: 1,
    personnummer: "198112189876",
    idKind: "personnummer",
    firstName: "Anna",
    lastName: "Andersson",
    phone: null,
    employedByPerson: true,
    collectiveAgreement: true, employer: { kind: "provider" }, calculationPeriods: { start: "2024-01-01", weeks: 4 },
};

describe("XDemoReset", () => {
    it("resets the sample data after a confirmation", async () => {
        const backend = new FakeBackend({ environment: "demo", assistants: [anna] });
        await backend.deleteAssistant(1);
        const { wrapper } = await mountWithApp(XDemoReset, { backend });
        await click(byTest("reset-demo"));
        const dialog = document.querySelector('[role="dialog"]');
        expect(dialog?.textContent).toContain("Återställa exempeldata?");
        expect(dialog?.getAttribute("aria-labelledby")).toBe("confirm-reset-dialog-heading");
        await click(byTest("confirm-reset"));
        await settle();
        expect(backend.resets).toBe(1);
        expect(await backend.listAssistants()).toHaveLength(1);
        expect(wrapper.emitted("reset")).toHaveLength(1);
        expect(byTest("reset-done")?.textContent).toContain("återställd");
        expect(document.querySelector('[role="dialog"]')).toBeNull();
    });

    it("cancelling keeps everything", async () => {
        const backend = new FakeBackend({ environment: "demo" });
        const { wrapper } = await mountWithApp(XDemoReset, { backend });
        await click(byTest("reset-demo"));
        await click(byTest("cancel-reset"));
        await settle();
        expect(backend.resets).toBe(0);
        expect(wrapper.emitted("reset")).toBeUndefined();
    });

    it("says why a reset was refused", async () => {
        const backend = new FakeBackend({ environment: "production" });
        await mountWithApp(XDemoReset, { backend });
        await click(byTest("reset-demo"));
        await click(byTest("confirm-reset"));
        await settle();
        expect(byTest("reset-error")?.textContent).toContain("bara i demoläget");
    });

    it("keeps the question's hooks", async () => {
        await mountWithApp(XDemoReset, { backend: new FakeBackend({ environment: "demo" }) });
        await click(byTest("reset-demo"));
        expect(document.getElementById("confirm-reset-dialog")?.dataset.test).toBe("confirm-reset-dialog");
        expect(document.getElementById("confirm-reset-dialog-heading")?.textContent).toBe("Återställa exempeldata?");
        expect(byTest("confirm-reset")).not.toBeNull();
        expect(byTest("cancel-reset")).not.toBeNull();
    });
});
