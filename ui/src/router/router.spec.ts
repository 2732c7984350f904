import { describe, expect, it } from "vitest";
import { createMemoryHistory } from "vue-router";
import App from "../App.vue";
import { replayBackend } from "../backend/replay";
import { byTest, mountWithApp, settle } from "../test/mount";
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

describe("router with Rust's start (get_start)", () => {
    async function startRouter(scenario: string) {
        const { backend, replay } = replayBackend(scenario);
        const router = createAppRouter(createMemoryHistory(), backend);
        return { router, replay };
    }

    it("opens Översikt when there is a household", async () => {
        const { router } = await startRouter("fresh-demo");
        await router.push("/");
        expect(router.currentRoute.value.name).toBe("overview");
    });

    it("opens Hushåll with the reason when there is no household yet", async () => {
        const { router } = await startRouter("empty-overview");
        await router.push("/");
        expect(router.currentRoute.value.name).toBe("household");
        expect(router.currentRoute.value.query.start).toBe("new");
    });

    it.each([
        ["/month", "/month/2026-10"],
        ["/time-reports", "/time-reports?month=2026-10"],
        ["/invoice", "/invoice?month=2026-10"],
    ])("opens %s on the month that needs work (%s) and remembers it", async (path, expected) => {
        const { router, replay } = await startRouter("start");
        await router.push(path);
        expect(router.currentRoute.value.fullPath).toBe(expected);
        await settle();
        expect(replay.calls.at(-1)).toEqual({ cmd: "remember_month", args: { month: "2026-10" } });
    });

    it("keeps a month given in the address", async () => {
        const { router, replay } = await startRouter("start");
        await router.push("/month/2026-10");
        expect(router.currentRoute.value.fullPath).toBe("/month/2026-10");
        expect(replay.commands()).not.toContain("get_start");
    });
});

describe("Hushåll opened from the start", () => {
    it("says why it opened when there is no household yet", async () => {
        await mountWithApp(App, { scenarios: ["household"], route: "/household?start=new" });
        expect(byTest("start-no-household")?.textContent).toContain("Börja här: fyll i vem som får assistans");
    });

    it("says nothing extra when opened from the menu", async () => {
        await mountWithApp(App, { scenarios: ["household"], route: "/household" });
        expect(byTest("start-no-household")).toBeNull();
    });
});
