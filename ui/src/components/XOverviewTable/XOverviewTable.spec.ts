/** The overview's invoice problem: a backend message, worded in the window's language. */
import { describe, expect, it } from "vitest";
import type { OverviewMonth } from "../../backend/types";
import type { BackendMessage } from "../../i18n/backend-messages";
import { byTest, mountWithApp } from "../../test/mount";
import XOverviewTable from "./XOverviewTable.vue";

function month(problem: BackendMessage | null): OverviewMonth {
    return {
        month: "2026-10",
        due: "2026-12-05",
        overdue: false,
        reports: [],
        invoice: { status: "expired", fingerprint: "fp-1", problem, reported: null },
    };
}

describe("XOverviewTable: the invoice's problem", () => {
    it("words the stored message in English without Swedish letters", async () => {
        await mountWithApp(XOverviewTable, { props: { months: [month({ key: "invoice_desk.expired", params: {} })] }, locale: "en" });
        const text = byTest("overview-invoice-problem")?.textContent?.trim() ?? "";
        expect(text).toBe("The invoice was not signed in time and has expired at Försäkringskassan. Send it again and sign it straight away.");
        expect(text.replace(/Försäkringskassan/g, "")).not.toMatch(/[åäöÅÄÖ]/);
    });

    it("words it in Swedish", async () => {
        await mountWithApp(XOverviewTable, { props: { months: [month({ key: "invoice_desk.expired", params: {} })] } });
        expect(byTest("overview-invoice-problem")?.textContent?.trim()).toBe(
            "Räkningen skrevs inte under i tid och har gått ut hos Försäkringskassan. Skicka in den igen och skriv under direkt.",
        );
    });

    it("shows an older stored text as it is", async () => {
        await mountWithApp(XOverviewTable, {
            props: { months: [month({ key: "text.verbatim", params: { text: { type: "text", value: "Fyll i telefonnummer." } } })] },
            locale: "en",
        });
        expect(byTest("overview-invoice-problem")?.textContent?.trim()).toBe("Fyll i telefonnummer.");
    });

    it("shows no problem when there is none", async () => {
        await mountWithApp(XOverviewTable, { props: { months: [month(null)] }, locale: "en" });
        expect(byTest("overview-invoice-problem")).toBeNull();
    });
});
