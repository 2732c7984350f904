import { describe, expect, it } from "vitest";
import { byTest, mountWithApp } from "../../test/mount";
import XEnvironmentBanner from "./XEnvironmentBanner.vue";

describe("XEnvironmentBanner", () => {
    it.each([
        ["demo", "demo-banner", "Demoläge – påhittade personer, inget skickas till Försäkringskassan."],
        ["fk_test", "environment-banner", "FK:s testmiljö – det du skickar går till Försäkringskassans testmiljö, inte på riktigt."],
        ["production", "environment-banner", "Produktion – tidsredovisningar och räkningar skickas till Försäkringskassan på riktigt."],
    ])("says where things go in %s", async (environment, testId, text) => {
        await mountWithApp(XEnvironmentBanner, { props: { environment } });
        const banner = byTest(testId);
        expect(banner?.dataset.environment).toBe(environment);
        expect(banner?.textContent?.replace(/\s+/g, " ").trim()).toBe(`Miljö: ${text}`);
    });

    it("speaks English", async () => {
        await mountWithApp(XEnvironmentBanner, { props: { environment: "fk_test" }, locale: "en" });
        expect(byTest("environment-banner")?.textContent).toContain("FK's test environment");
    });
});
