import { describe, expect, it } from "vitest";
import { createMemoryHistory } from "vue-router";
import { NAV_ITEMS, createAppRouter, isScreenName } from ".";

describe("router", () => {
    it("has the six screens of product.md in order", () => {
        expect(NAV_ITEMS.map((item) => [item.name, item.path, item.testId])).toEqual([
            ["household", "/household", "nav-household"],
            ["month", "/month", "nav-month"],
            ["timeReports", "/time-reports", "nav-time-reports"],
            ["invoice", "/invoice", "nav-invoice"],
            ["overview", "/overview", "nav-overview"],
            ["settings", "/settings", "nav-settings"],
        ]);
    });

    it("starts on the household screen", async () => {
        const router = createAppRouter(createMemoryHistory());
        await router.push("/");
        expect(router.currentRoute.value.name).toBe("household");
    });

    it.each(NAV_ITEMS.map((item) => [item.path, item.name]))("resolves %s to %s", async (path, name) => {
        const router = createAppRouter(createMemoryHistory());
        await router.push(path);
        expect(router.currentRoute.value.name).toBe(name);
    });

    it("uses hash addresses by default (Tauri's custom protocol)", () => {
        const router = createAppRouter();
        expect(router.resolve({ name: "invoice" }).href).toBe("#/invoice");
    });

    it("knows its screen names", () => {
        expect(isScreenName("month")).toBe(true);
        expect(isScreenName("nope")).toBe(false);
        expect(isScreenName(undefined)).toBe(false);
    });
});
