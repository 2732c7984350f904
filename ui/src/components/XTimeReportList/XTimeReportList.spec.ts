import { describe, expect, it } from "vitest";
import { BackendError } from "../../backend/errors";
import type { TimeReport } from "../../backend/types";
import { byTest, click, mountWithApp } from "../../test/mount";
import XTimeReportList from "./XTimeReportList.vue";

function report(assistantId: number, assistantName: string, status: TimeReport["status"]): TimeReport {
    return {
        assistantId,
        assistantName,
        idKind: "personnummer",
        status,
        reportId: status === "open" ? null : `0000000${assistantId}-0000-4000-8000-000000000000`,
        sha256: null,
        totals: { aktiv: 60, vantetid: 0, beredskap: 0 },
        rowCount: 1,
        blockingErrors: 0,
        lockedAt: "2026-11-01T10:00",
        assistantSignedAt: null,
        employerSignedAt: null,
        txId: null,
        sentAt: null,
        attempts: 0,
        problem: null,
    };
}

const reports = [report(1, "Anna Andersson", "open"), report(2, "Bo Berg", "locked"), report(3, "Cilla Ek", "uncertain")];

describe("XTimeReportList", () => {
    it("has a card per report, in order, under one heading", async () => {
        await mountWithApp(XTimeReportList, { props: { reports, month: "2026-10", monthEnded: true, busy: false, error: null } });
        expect(document.querySelector("h2")?.textContent).toBe("Assistenternas tidsredovisningar");
        expect(Array.from(document.querySelectorAll("li h3")).map((it) => it.textContent)).toEqual(["Anna Andersson", "Bo Berg", "Cilla Ek"]);
    });

    it("passes each card's request on with its report", async () => {
        const { wrapper } = await mountWithApp(XTimeReportList, {
            props: { reports, month: "2026-10", monthEnded: true, busy: false, error: null },
        });
        await click(byTest("lock-1"));
        await click(byTest("sign-2"));
        await click(byTest("unlock-2"));
        await click(byTest("resend-3"));
        await click(byTest("mark-received-3"));
        expect(wrapper.emitted("action")?.map(([action, it]) => [action, (it as TimeReport).assistantId])).toEqual([
            ["lock", 1],
            ["sign", 2],
            ["unlock", 2],
            ["resend", 3],
            ["mark-received", 3],
        ]);
    });

    it("shows an error only on the card it is about", async () => {
        await mountWithApp(XTimeReportList, {
            props: {
                reports,
                month: "2026-10",
                monthEnded: true,
                busy: false,
                error: { assistantId: 2, error: new BackendError("not_allowed", "Redan låst.") },
            },
        });
        expect(byTest("report-error-2")?.textContent).toContain("Redan låst.");
        expect(byTest("report-error-1")).toBeNull();
    });
});
