import { describe, expect, it } from "vitest";
import { byTest, mountWithApp } from "../../test/mount";
import XComingSoon from "./XComingSoon.vue";

describe("XComingSoon", () => {
    it.each([
        ["month", "arbetspass"],
        ["timeReports", "BankID"],
        ["invoice", "räkningens frågor"],
        ["overview", "senast när"],
        ["settings", "säkerhetskopior"],
    ])("tells what %s will hold", async (screen, words) => {
        await mountWithApp(XComingSoon, { props: { screen } });
        const box = byTest("coming-soon");
        expect(box?.querySelector("h2")?.textContent).toBe("Kommer snart");
        expect(box?.textContent).toContain("inte klar än");
        expect(box?.textContent).toContain(words);
    });
});
