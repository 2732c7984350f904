/** The settings screen inside the app: environments, demo reset, endpoints, credentials, test. */
import { afterEach, describe, expect, it } from "vitest";
import App from "../App.vue";
import { axeViolations } from "../test/axe";
import { allByTest, byTest, check, click, mountWithApp, settle, typeInto } from "../test/mount";

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
        const { replay } = await mountWithApp(App, { scenarios: ["settings-demo", "check-field-forms"], route: "/settings" });
        expect((document.getElementById("environment-demo") as HTMLInputElement).checked).toBe(true);
        expect(byTest("reset-demo")).not.toBeNull();
        expect(document.getElementById("endpoint-elt-url")).toBeNull();
        expect(allByTest("credential-status")).toHaveLength(0);
        await click(byTest("reset-demo"));
        await click(byTest("confirm-reset"));
        await settle();
        expect(replay.commands()).toContain("reset_demo");
        expect(byTest("reset-done")).not.toBeNull();
        expect(byTest("demo-banner")).not.toBeNull();
        await click(byTest("test-connection"));
        await settle();
        expect(allByTest("connection-result").every((r) => r.dataset.ok === "true")).toBe(true);
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("switching to FK test shows addresses and credentials, and the demo banner goes", async () => {
        await mountWithApp(App, { scenarios: ["settings-switch", "check-field-forms"], route: "/settings" });
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

    it("in FK test: save addresses and a key", async () => {
        await mountWithApp(App, { scenarios: ["settings-fk-test", "check-field-forms"], route: "/settings" });
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
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("shows saved addresses, and in English after a language switch", async () => {
        await mountWithApp(App, { scenarios: ["settings-production", "check-field-forms"], route: "/settings" });
        expect((document.getElementById("endpoint-bankid-base-url") as HTMLInputElement).value).toBe(endpoints.bankidBaseUrl);
        await check("language-en");
        expect(document.querySelector("main h1")?.textContent).toBe("Settings");
        expect(byTest("test-connection")?.textContent).toContain("Test the connection");
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("has backup, restore and export; a restore reloads the screen and the app frame", async () => {
        const { replay } = await mountWithApp(App, { scenarios: ["settings-restore", "check-field-forms"], route: "/settings" });
        expect(byTest("backup")).not.toBeNull();
        expect(byTest("export")).not.toBeNull();
        expect(byTest("coming-soon")).toBeNull();
        const before = replay.calls.length;
        await click(byTest("automatic-show"));
        await settle();
        expect(byTest("restore-preview")).not.toBeNull();
        expect(await axeViolations(document.body)).toEqual([]);
        await click(byTest("restore-confirm"));
        await settle();
        await click(byTest("confirm-restore"));
        await settle();
        const after = replay.commands().slice(before);
        expect(after).toContain("restore_automatic_backup");
        expect(after).toContain("get_settings");
        expect(after).toContain("app_info");
        expect(byTest("restore-done")).not.toBeNull();
    });
});
