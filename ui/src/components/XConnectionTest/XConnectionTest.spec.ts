import { describe, expect, it } from "vitest";
import { FakeBackend } from "../../backend/fake";
import { allByTest, byTest, click, mountWithApp, settle } from "../../test/mount";
import XConnectionTest from "./XConnectionTest.vue";

describe("XConnectionTest", () => {
    it("shows one result per service in a live region", async () => {
        await mountWithApp(XConnectionTest, { backend: new FakeBackend({ environment: "demo" }), props: { demo: true } });
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

    it("says what to do for a service that does not work", async () => {
        const backend = new FakeBackend({
            environment: "fk_test",
            connectionChecks: [
                { service: "erak", ok: false, message: "E-RÄK svarar men godtog inte nyckeln. Kontrollera nyckeln." },
                { service: "elt", ok: true, message: "ELT svarar och godtog certifikatet." },
                { service: "bankid", ok: true, message: "BankID svarar." },
            ],
        });
        await mountWithApp(XConnectionTest, { backend, props: { demo: false } });
        await click(byTest("test-connection"));
        await settle();
        const erak = document.querySelector<HTMLElement>('[data-test="connection-result"][data-service="erak"]');
        expect(erak?.dataset.ok).toBe("false");
        expect(erak?.textContent).toContain("Fungerar inte");
        expect(erak?.textContent).toContain("godtog inte nyckeln");
        expect(byTest("connection-summary")?.textContent).toContain("fungerar inte");
    });

    it("shows a refusal of the whole test", async () => {
        await mountWithApp(XConnectionTest, { backend: new FakeBackend({ environment: "production" }), props: { demo: false } });
        await click(byTest("test-connection"));
        await settle();
        expect(byTest("connection-error")?.textContent).toContain("spara dem först");
        expect(allByTest("connection-result")).toHaveLength(0);
    });
});
