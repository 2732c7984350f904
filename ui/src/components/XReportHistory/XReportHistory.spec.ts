import { describe, expect, it } from "vitest";
import type { SentReport } from "../../backend/types";
import { allByTest, byTest, mountWithApp } from "../../test/mount";
import XReportHistory from "./XReportHistory.vue";

const entries: SentReport[] = [
    { reportId: "r2", month: "2026-10", assistantName: "Bo Berg", txId: null, sentAt: "2026-11-05T10:00", status: "paper" },
    { reportId: "r1", month: "2026-09", assistantName: "Anna Andersson", txId: "tx-1", sentAt: "2026-10-03T08:30", status: "sent" },
];

describe("XReportHistory", () => {
    it("lists month, assistant, tx-id, date and status in the given order", async () => {
        await mountWithApp(XReportHistory, { props: { entries, error: null } });
        const rows = allByTest("history-row").map((row) => Array.from(row.querySelectorAll("td")).map((td) => td.textContent?.trim()));
        expect(rows).toEqual([
            ["oktober 2026", "Bo Berg", "Inget transaktionsnummer", "5 november 2026 10:00", "Skickad på papper"],
            ["september 2026", "Anna Andersson", "tx-1", "3 oktober 2026 08:30", "Skickad"],
        ]);
        expect(document.querySelector("caption")?.textContent?.trim()).toBe("Alla tidsredovisningar som har skickats, den senaste först");
    });

    it("says when nothing has been sent, and when the history could not be read", async () => {
        const { wrapper } = await mountWithApp(XReportHistory, { props: { entries: [], error: null } });
        expect(byTest("history-empty")?.textContent).toBe("Inga tidsredovisningar har skickats än.");
        await wrapper.setProps({ error: "Databasen är låst." });
        expect(byTest("history-error")?.textContent).toContain("Databasen är låst.");
    });
});
