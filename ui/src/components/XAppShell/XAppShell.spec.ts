import { describe, expect, it, vi } from "vitest";
import App from "../../App.vue";
import { NAV_ITEMS } from "../../router";
import { byTest, click, mountWithApp, settle } from "../../test/mount";

describe("XAppShell and navigation", () => {
    it("shows the app name in FK's page header", async () => {
        await mountWithApp(App);
        expect(document.querySelector("header .page-header__app-name")?.textContent?.trim()).toBe("Timbok");
    });

    it("has one menu link per screen, with its test hook", async () => {
        await mountWithApp(App);
        const links = NAV_ITEMS.map((item) => byTest(item.testId));
        expect(links.map((link) => link?.textContent?.trim())).toEqual([
            "Hushåll",
            "Månad",
            "Tidsredovisningar",
            "Räkning",
            "Översikt",
            "Inställningar",
        ]);
        /* Tests use memory history; the app uses hash history ("#/household"), see router.spec.ts. */
        expect(links.map((link) => link?.getAttribute("href"))).toEqual(NAV_ITEMS.map((item) => item.path));
        expect(document.querySelector("nav[aria-label='Huvudmeny']")).not.toBeNull();
        expect(byTest("nav-household")?.getAttribute("aria-current")).toBe("page");
        expect(byTest("nav-month")?.hasAttribute("aria-current")).toBe(false);
    });

    it("nav-month opens the month screen and moves focus to its heading", async () => {
        const { router } = await mountWithApp(App);
        await click(byTest("nav-month"));
        /* The month screen is a lazily loaded chunk. */
        await vi.waitFor(() => expect(router.currentRoute.value.path).toBe("/month"), { timeout: 10_000 });
        await settle();
        const heading = document.querySelector("main h1");
        expect(heading?.textContent).toContain("Arbetstid");
        expect(heading?.querySelector('[data-test="month-label"]')).not.toBeNull();
        expect(document.activeElement).toBe(heading);
        expect(document.title).toBe("Månad – Timbok");
        expect(byTest("nav-month")?.getAttribute("aria-current")).toBe("page");
        expect(byTest("coming-soon")).toBeNull();
    });

    it("nav-time-reports opens the time reports screen and moves focus to its heading", async () => {
        const { router } = await mountWithApp(App);
        await click(byTest("nav-time-reports"));
        await vi.waitFor(() => expect(router.currentRoute.value.path).toBe("/time-reports"), { timeout: 10_000 });
        await settle();
        const heading = document.querySelector("main h1");
        expect(heading?.textContent).toContain("Tidsredovisningar");
        expect(heading?.querySelector('[data-test="reports-month-label"]')).not.toBeNull();
        expect(document.activeElement).toBe(heading);
        expect(document.title).toBe("Tidsredovisningar – Timbok");
        expect(byTest("nav-time-reports")?.getAttribute("aria-current")).toBe("page");
        expect(byTest("coming-soon")).toBeNull();
    });

    it.each([
        ["nav-invoice", "/invoice", "Räkning"],
        ["nav-overview", "/overview", "Översikt"],
    ])("%s opens %s and moves focus to its heading", async (testId, path, title) => {
        const { router } = await mountWithApp(App);
        await click(byTest(testId));
        await vi.waitFor(() => expect(router.currentRoute.value.path).toBe(path), { timeout: 10_000 });
        await settle();
        const heading = document.querySelector("main h1");
        expect(heading?.textContent).toBe(title);
        expect(document.activeElement).toBe(heading);
        expect(document.title).toBe(`${title} – Timbok`);
        expect(byTest("coming-soon")).toBeNull();
        expect(byTest(testId)?.getAttribute("aria-current")).toBe("page");
    });

    it.each([
        ["nav-settings", "/settings", "Inställningar"],
    ])("%s opens %s, now without 'Kommer snart'", async (testId, path, title) => {
        const { router } = await mountWithApp(App);
        await click(byTest(testId));
        /* Settings is a lazily loaded chunk. */
        await vi.waitFor(() => expect(router.currentRoute.value.path).toBe(path), { timeout: 10_000 });
        await settle();
        const heading = document.querySelector("main h1");
        expect(heading?.textContent).toBe(title);
        expect(document.activeElement).toBe(heading);
        expect(document.title).toBe(`${title} – Timbok`);
        /* Backups are there now: nothing on the screen is "coming soon". */
        await vi.waitFor(() => expect(byTest("backup")).not.toBeNull());
        expect(byTest("coming-soon")).toBeNull();
        /* The menu marks the current page. */
        expect(byTest(testId)?.closest("li")?.className).toContain("imenu__list__item--highlight");
        expect(byTest(testId)?.getAttribute("aria-current")).toBe("page");
        expect(byTest("nav-household")?.hasAttribute("aria-current")).toBe(false);
    });

    it("goes back to the household screen", async () => {
        const { router } = await mountWithApp(App, { route: "/settings" });
        await click(byTest("nav-household"));
        await settle();
        expect(router.currentRoute.value.path).toBe("/household");
        expect(document.getElementById("person-personnummer")).not.toBeNull();
    });

    it("sends unknown addresses to the household screen", async () => {
        const { router } = await mountWithApp(App, { route: "/nothing-here" });
        expect(router.currentRoute.value.path).toBe("/household");
    });

    it("moves focus to the main content from the skip link", async () => {
        await mountWithApp(App);
        await click(byTest("skip-link"));
        expect(document.activeElement?.id).toBe("main");
    });

    it("shows the demo banner in the demo environment", async () => {
        await mountWithApp(App, { scenarios: ["fresh-demo"] });
        expect(byTest("demo-banner")?.textContent).toContain("Demoläge – påhittade personer, inget skickas till Försäkringskassan");
    });

    it.each([
        ["settings", "fk_test"],
        ["household", "production"],
    ])("shows the environment instead of the demo banner outside demo (%s: %s)", async (scenario, environment) => {
        await mountWithApp(App, { scenarios: [scenario] });
        expect(byTest("demo-banner")).toBeNull();
        expect(byTest("environment-banner")?.dataset.environment).toBe(environment);
    });

    it("speaks English when asked", async () => {
        const { i18n } = await mountWithApp(App);
        i18n.global.locale.value = "en";
        await settle();
        expect(byTest("nav-time-reports")?.textContent?.trim()).toBe("Time reports");
        expect(document.documentElement.lang).toBe("en");
        i18n.global.locale.value = "sv";
        await settle();
        expect(document.documentElement.lang).toBe("sv");
    });
});
