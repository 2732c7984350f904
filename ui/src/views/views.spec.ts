/** Every view renders inside the app shell and passes axe with no violations. */
import { describe, expect, it } from "vitest";
import App from "../App.vue";
import { axeViolations } from "../test/axe";
import { byTest, click, mountWithApp, settle } from "../test/mount";

describe("views: accessibility (axe)", () => {
    it.each(["/household", "/month", "/time-reports", "/invoice", "/overview", "/settings"])(
        "%s has no violations",
        async (route) => {
            await mountWithApp(App, { route });
            expect(document.querySelector("main h1")).not.toBeNull();
            expect(await axeViolations(document.body)).toEqual([]);
        },
    );

    it("the filled household screen with assistants has no violations", async () => {
        await mountWithApp(App, { scenarios: ["fresh-demo"] });
        expect(byTest("scenario")?.textContent).toBe("E");
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("the household screen showing validation errors has no violations", async () => {
        await mountWithApp(App, { scenarios: ["household"] });
        await click(document.getElementById("save-household"));
        expect(document.querySelector("#household-form > nav")).not.toBeNull();
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("the open assistant form and the delete dialog have no violations", async () => {
        await mountWithApp(App, { scenarios: ["fresh-demo"] });
        await click(document.getElementById("add-assistant"));
        expect(await axeViolations(document.body)).toEqual([]);
        await click(document.getElementById("cancel-assistant"));
        await click(byTest("delete-assistant"));
        await settle();
        expect(document.querySelector('[role="dialog"]')).not.toBeNull();
        expect(await axeViolations(document.body)).toEqual([]);
    });
});
