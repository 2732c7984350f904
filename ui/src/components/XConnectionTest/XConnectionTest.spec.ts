import { describe, expect, it } from "vitest";
import { allByTest, byTest, click, mountWithApp, settle } from "../../test/mount";
import XConnectionTest from "./XConnectionTest.vue";

describe("XConnectionTest", () => {
    it("shows one result per service in a live region", async () => {
        // Demo tests the connection against the in-app simulator.
        await mountWithApp(XConnectionTest, { scenarios: ["demo-connection"], props: { demo: true } });
        expect(allByTest("connection-result")).toHaveLength(0);
        await click(byTest("test-connection"));
        await settle();
        const results = allByTest("connection-result");
        expect(results.map((r) => [r.dataset.service, r.dataset.ok])).toEqual([
            ["erak", "true"],
            ["elt", "true"],
            ["bankid", "true"],
        ]);
        expect(results[0]?.closest('[aria-live="polite"]')).not.toBeNull();
        expect(byTest("connection-summary")?.textContent).toContain("Alla tre");
        expect(document.body.textContent).toContain("simulatorns");
    });

    it("words each result in the window's language from the core's catalogue", async () => {
        await mountWithApp(XConnectionTest, { scenarios: ["demo-connection"], props: { demo: true }, locale: "en" });
        await click(byTest("test-connection"));
        await settle();
        const texts = allByTest("connection-result").map((r) => r.querySelector(".x-connection-test__message")?.textContent);
        expect(texts).toEqual(["E-RÄK answers and accepted the key.", "ELT answers and accepted the certificate.", "BankID answers."]);
    });

    it("shows a refusal of the whole test", async () => {
        await mountWithApp(XConnectionTest, { scenarios: ["settings"], props: { demo: false } });
        // FK test without saved endpoints: the first test_connection of the scenario.
        await click(byTest("test-connection"));
        await settle();
        expect(byTest("connection-error")?.textContent).toContain("spara dem först");
        expect(allByTest("connection-result")).toHaveLength(0);
    });
});
