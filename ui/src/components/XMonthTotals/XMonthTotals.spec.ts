import { describe, expect, it } from "vitest";
import { byTest, mountWithApp } from "../../test/mount";
import XMonthTotals from "./XMonthTotals.vue";

const totals = { aktiv: 1080, vantetid: 45, beredskap: 0 };
const household = { aktiv: 1200, vantetid: 45, beredskap: 600 };

describe("XMonthTotals", () => {
    it("shows each kind of time in hours and minutes, with the minutes in data-minutes", async () => {
        await mountWithApp(XMonthTotals, { props: { name: "Anna Andersson", totals, household, grantedHours: 40 } });
        expect(byTest("total-aktiv")?.textContent?.trim()).toBe("18 tim 0 min");
        expect(byTest("total-aktiv")?.getAttribute("data-minutes")).toBe("1080");
        expect(byTest("total-vantetid")?.textContent?.trim()).toBe("0 tim 45 min");
        expect(byTest("total-beredskap")?.getAttribute("data-minutes")).toBe("0");
        expect(byTest("total-sum")?.getAttribute("data-minutes")).toBe("1125");
        expect(byTest("household-total-beredskap")?.getAttribute("data-minutes")).toBe("600");
        expect(byTest("household-total-sum")?.textContent?.trim()).toBe("30 tim 45 min");
        expect(document.querySelector("h2")?.textContent).toBe("Summa för Anna Andersson");
        expect(byTest("granted")?.textContent).toContain("Beviljade timmar: 40 tim i månaden. 9 tim 15 min kvar av de beviljade timmarna.");
    });

    it("says when the household is over the granted hours, or when none are entered", async () => {
        await mountWithApp(XMonthTotals, { props: { name: "A", totals, household, grantedHours: 30 } });
        expect(byTest("granted")?.textContent).toContain("0 tim 45 min mer än de beviljade timmarna");
        document.body.innerHTML = "";
        await mountWithApp(XMonthTotals, { props: { name: "A", totals, household, grantedHours: null } });
        expect(byTest("granted")?.textContent).toContain("inte angett beviljade timmar");
    });

    it("speaks English too", async () => {
        await mountWithApp(XMonthTotals, { props: { name: "A", totals, household, grantedHours: null }, locale: "en" });
        expect(byTest("total-aktiv")?.textContent?.trim()).toBe("18 h 0 min");
    });
});
