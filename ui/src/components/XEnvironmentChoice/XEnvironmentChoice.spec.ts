import { describe, expect, it } from "vitest";
import { byTest, check, click, mountWithApp, settle } from "../../test/mount";
import XEnvironmentChoice from "./XEnvironmentChoice.vue";

function radio(id: string): HTMLInputElement {
    return document.getElementById(id) as HTMLInputElement;
}

describe("XEnvironmentChoice", () => {
    it("shows the three environments with the current one chosen", async () => {
        await mountWithApp(XEnvironmentChoice, { props: { environment: "demo" } });
        expect(radio("environment-demo").checked).toBe(true);
        expect(radio("environment-fk_test").checked).toBe(false);
        expect(radio("environment-production").checked).toBe(false);
        expect(document.body.textContent).toContain("FK:s testmiljö");
        expect(document.body.textContent).toContain("Produktion");
        expect(document.body.textContent).toContain("Inget skickas till Försäkringskassan.");
    });

    it("asks before switching, and cancelling changes nothing", async () => {
        const { wrapper, replay } = await mountWithApp(XEnvironmentChoice, {
            scenarios: ["environments"],
            props: { environment: "demo" },
        });
        await check("environment-fk_test");
        const dialog = document.querySelector('[role="dialog"]');
        expect(dialog?.textContent).toContain(
            "Du byter till FK:s testmiljö. Dina uppgifter i varje miljö sparas var för sig.",
        );
        expect(dialog?.getAttribute("aria-labelledby")).toBe("confirm-environment-dialog-heading");
        await click(byTest("cancel-environment"));
        await settle();
        expect(document.querySelector('[role="dialog"]')).toBeNull();
        expect(radio("environment-demo").checked).toBe(true);
        expect(replay.commands()).toEqual([]);
        expect(wrapper.emitted("changed")).toBeUndefined();
    });

    it("switches after the confirmation and tells the screen", async () => {
        const { wrapper, replay } = await mountWithApp(XEnvironmentChoice, {
            scenarios: ["environments"],
            props: { environment: "demo" },
        });
        await check("environment-production");
        await click(byTest("confirm-environment"));
        await settle();
        expect(replay.calls).toEqual([{ cmd: "set_environment", args: { environment: "production" } }]);
        expect(wrapper.emitted("changed")?.[0]?.[0]).toMatchObject({ environment: "production" });
        expect(byTest("environment-changed")?.textContent).toContain("Produktion");
    });

    it("keeps the question's hooks", async () => {
        await mountWithApp(XEnvironmentChoice, { props: { environment: "demo" } });
        await check("environment-production");
        expect(document.getElementById("confirm-environment-dialog")?.dataset.test).toBe("confirm-environment-dialog");
        expect(document.getElementById("confirm-environment-dialog-heading")?.textContent).toBe("Byta miljö?");
        expect(document.querySelector('[role="dialog"]')?.textContent).toContain("Du byter till Produktion.");
        expect(byTest("confirm-environment")).not.toBeNull();
        expect(byTest("cancel-environment")).not.toBeNull();
    });
});
