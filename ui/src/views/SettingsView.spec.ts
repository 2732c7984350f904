/** The settings screen inside the app: environments, demo reset, endpoints, credentials, test. */
import { afterEach, describe, expect, it, vi } from "vitest";
import App from "../App.vue";
import { FakeBackend } from "../backend/fake";
import type { Assistant } from "../backend/types";
import { axeViolations } from "../test/axe";
import { allByTest, byTest, check, click, mountWithApp, settle, typeInto } from "../test/mount";

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

const endpoints = {
    erakBaseUrl: "https://erak.test.example.se",
    erakSigningOrigin: "https://signera.test.example.se",
    erakKeyHeader: "X-Erak-Key",
    eltUrl: "https://elt.test.example.se/elt",
    bankidBaseUrl: "https://appapi2.test.bankid.com/rp/v6.0",
    supplierName: "Exempelleverantören AB",
    supplierId: "LEV-1",
};

afterEach(() => {
    localStorage.clear();
});

describe("SettingsView", () => {
    it("in demo: the sample data can be reset, no addresses or credentials are asked for", async () => {
        const backend = new FakeBackend({ environment: "demo", assistants: [anna] });
        await mountWithApp(App, { backend, route: "/settings" });
        expect((document.getElementById("environment-demo") as HTMLInputElement).checked).toBe(true);
        expect(byTest("reset-demo")).not.toBeNull();
        expect(document.getElementById("endpoint-elt-url")).toBeNull();
        expect(allByTest("credential-status")).toHaveLength(0);
        await backend.deleteAssistant(1);
        await click(byTest("reset-demo"));
        await click(byTest("confirm-reset"));
        await settle();
        expect(backend.resets).toBe(1);
        expect(byTest("reset-done")).not.toBeNull();
        expect(byTest("demo-banner")).not.toBeNull();
        await click(byTest("test-connection"));
        await settle();
        expect(allByTest("connection-result").every((r) => r.dataset.ok === "true")).toBe(true);
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("switching to FK test shows addresses and credentials, and the demo banner goes", async () => {
        const backend = new FakeBackend({ environment: "demo" });
        await mountWithApp(App, { backend, route: "/settings" });
        expect(byTest("demo-banner")).not.toBeNull();
        await check("environment-fk_test");
        expect(await axeViolations(document.body)).toEqual([]);
        await click(byTest("confirm-environment"));
        await settle();
        expect(byTest("demo-banner")).toBeNull();
        expect(byTest("reset-demo")).toBeNull();
        expect(document.getElementById("endpoint-elt-url")).not.toBeNull();
        expect(allByTest("credential-status").every((s) => s.dataset.present === "false")).toBe(true);
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("in FK test: save addresses and a key, then test the connection", async () => {
        const backend = new FakeBackend({ environment: "fk_test" });
        await mountWithApp(App, { backend, route: "/settings" });
        for (const [id, value] of [
            ["endpoint-erak-base-url", endpoints.erakBaseUrl],
            ["endpoint-erak-signing-origin", endpoints.erakSigningOrigin],
            ["endpoint-elt-url", endpoints.eltUrl],
            ["endpoint-bankid-base-url", endpoints.bankidBaseUrl],
            ["endpoint-supplier-name", endpoints.supplierName],
            ["endpoint-supplier-id", endpoints.supplierId],
        ] as const) {
            await typeInto(id, value);
        }
        await click(document.getElementById("save-endpoints"));
        await settle();
        expect(byTest("endpoints-saved")).not.toBeNull();
        await typeInto("credential-erak-key", "nyckel-1");
        await click(document.getElementById("save-erak-credentials"));
        await settle();
        const erak = document.querySelector<HTMLElement>('[data-test="credential-status"][data-credential="erak_key"]');
        expect(erak?.dataset.present).toBe("true");
        await click(byTest("test-connection"));
        await settle();
        const results = allByTest("connection-result");
        expect(results.map((r) => [r.dataset.service, r.dataset.ok])).toEqual([
            ["erak", "true"],
            ["elt", "false"],
            ["bankid", "true"],
        ]);
        expect(results[1]?.textContent).toContain("saknas");
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("shows saved addresses, and in English after a language switch", async () => {
        const backend = new FakeBackend({ environment: "production", endpoints: { production: endpoints } });
        await mountWithApp(App, { backend, route: "/settings" });
        expect((document.getElementById("endpoint-bankid-base-url") as HTMLInputElement).value).toBe(endpoints.bankidBaseUrl);
        await check("language-en");
        expect(document.querySelector("main h1")?.textContent).toBe("Settings");
        expect(byTest("test-connection")?.textContent).toContain("Test the connection");
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("a screen that cannot load says so and can try again", async () => {
        const backend = new FakeBackend({ environment: "fk_test" });
        const { BackendError } = await import("../backend/errors");
        backend.failNext("getSettings", new BackendError("keyring", "Nyckelringen är låst. Lås upp den och försök igen."));
        await mountWithApp(App, { backend, route: "/settings" });
        expect(byTest("settings-load-error")?.textContent).toContain("Lås upp");
        await click(byTest("retry-settings"));
        await settle();
        expect(byTest("settings-load-error")).toBeNull();
        expect(document.getElementById("endpoint-elt-url")).not.toBeNull();
    });

    it("when this computer's keyring no longer opens the database, a backup can still be restored", async () => {
        const backend = new FakeBackend({
            environment: "fk_test",
            safekeeping: { automatic: [{ name: "fk_test-2026-12-07-daily.age", date: "2026-12-07", kind: "daily" }] },
        });
        const { BackendError } = await import("../backend/errors");
        backend.failNext("getSettings", new BackendError("database_key_missing", "Databasen är krypterad och nyckeln till den finns inte i den här datorns nyckelring."));
        await mountWithApp(App, { backend, route: "/settings" });
        expect(byTest("settings-load-error")?.textContent).toContain("nyckelring");
        expect(byTest("backup")).toBeNull();
        await click(byTest("automatic-show"));
        await settle();
        await click(byTest("restore-confirm"));
        await settle();
        await click(byTest("confirm-restore"));
        await settle();
        expect(backend.safekeeping.restored).toEqual(["fk_test-2026-12-07-daily.age"]);
        expect(byTest("settings-load-error")).toBeNull();
        expect(byTest("backup")).not.toBeNull();
    });

    it("a screen that cannot load for another reason offers no restore", async () => {
        const backend = new FakeBackend({ environment: "fk_test" });
        const { BackendError } = await import("../backend/errors");
        backend.failNext("getSettings", new BackendError("storage", "Det gick inte att läsa eller spara i databasen."));
        await mountWithApp(App, { backend, route: "/settings" });
        expect(byTest("settings-load-error")).not.toBeNull();
        expect(byTest("restore")).toBeNull();
    });

    it("has backup, restore and export; a restore reloads the screen and the app frame", async () => {
        const backend = new FakeBackend({
            environment: "fk_test",
            safekeeping: { automatic: [{ name: "fk_test-2026-12-07-daily.age", date: "2026-12-07", kind: "daily" }] },
        });
        await mountWithApp(App, { backend, route: "/settings" });
        expect(byTest("backup")).not.toBeNull();
        expect(byTest("export")).not.toBeNull();
        expect(byTest("coming-soon")).toBeNull();
        const settings = vi.spyOn(backend, "getSettings");
        const info = vi.spyOn(backend, "appInfo");
        await click(byTest("automatic-show"));
        await settle();
        expect(byTest("restore-preview")).not.toBeNull();
        expect(await axeViolations(document.body)).toEqual([]);
        await click(byTest("restore-confirm"));
        await settle();
        await click(byTest("confirm-restore"));
        await settle();
        expect(backend.safekeeping.restored).toEqual(["fk_test-2026-12-07-daily.age"]);
        expect(settings).toHaveBeenCalled();
        expect(info).toHaveBeenCalled();
        expect(byTest("restore-done")).not.toBeNull();
    });
});
