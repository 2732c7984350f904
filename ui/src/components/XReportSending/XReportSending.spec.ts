import { describe, expect, it } from "vitest";
import { BackendError } from "../../backend/errors";
import type { ReportStatus, TimeReport, TimeReportsMonth } from "../../backend/types";
import { byTest, click, mountWithApp } from "../../test/mount";
import XReportSending from "./XReportSending.vue";

function report(assistantId: number, status: ReportStatus, txId: string | null = null): TimeReport {
    return {
        assistantId,
        assistantName: `Assistent ${assistantId}`,
        idKind: "personnummer",
        status,
        reportId: null,
        sha256: null,
        totals: { aktiv: 60, vantetid: 0, beredskap: 0 },
        rowCount: 1,
        blockingErrors: 0,
        lockedAt: null,
        assistantSignedAt: null,
        employerSignedAt: null,
        txId,
        sentAt: null,
        attempts: 0,
        problem: null,
    };
}

function month(statuses: ReportStatus[], overrides: Partial<TimeReportsMonth> = {}): TimeReportsMonth {
    return {
        month: "2026-10",
        dueDate: "2026-12-05",
        monthEnded: true,
        employerName: "Tolvan Tolvansson",
        employerRole: "self",
        reports: statuses.map((status, i) => report(i + 1, status)),
        sending: false,
        sendState: "waiting_for_signatures",
        grantedHoursWarning: null,
        ...overrides,
    };
}

function text(test: string): string {
    return byTest(test)?.textContent?.replace(/\s+/g, " ").trim() ?? "";
}

describe("XReportSending: the employer", () => {
    it("names the employer and counts the reports waiting for the employer", async () => {
        const { wrapper } = await mountWithApp(XReportSending, {
            props: { data: month(["locked", "signed_by_assistant", "signed_by_employer", "open"]), busy: false, error: null },
        });
        expect(text("employer-name")).toContain("Tolvan Tolvansson skriver under som arbetsgivare.");
        expect(text("employer-waiting")).toBe("2 tidsredovisningar väntar på arbetsgivarens underskrift.");
        expect(text("sign-employer")).toBe("Arbetsgivaren skriver under alla låsta tidsredovisningar");
        await click(byTest("sign-employer"));
        expect(wrapper.emitted("sign-employer")).toHaveLength(1);
    });

    it("names the role of a ställföreträdare, and waits when nothing is locked", async () => {
        await mountWithApp(XReportSending, {
            props: { data: month(["open", "signed"], { employerName: "Greta God", employerRole: "god_man" }), busy: false, error: null },
        });
        expect(text("employer-name")).toContain("Greta God (god man) skriver under som arbetsgivare.");
        expect(text("employer-waiting")).toBe("Ingen tidsredovisning väntar på arbetsgivarens underskrift just nu.");
        expect(byTest("sign-employer")?.getAttribute("aria-disabled")).toBe("true");
    });

    it("without a household there is no employer yet", async () => {
        await mountWithApp(XReportSending, { props: { data: month(["locked"], { employerName: "" }), busy: false, error: null } });
        expect(text("employer-missing")).toContain("Fyll i vem som skriver under under Hushåll först.");
        expect(byTest("sign-employer")).toBeNull();
    });
});

describe("XReportSending: sending", () => {
    it("sends when a report has both signatures (not a correction, which is sent from its card)", async () => {
        const data = month(["signed", "signed", "locked"]);
        data.reports[1] = report(2, "signed", "old-tx");
        const { wrapper } = await mountWithApp(XReportSending, { props: { data, busy: false, error: null } });
        expect(text("send-ready")).toBe("1 tidsredovisning är klar att skicka.");
        await click(byTest("send-reports"));
        expect(wrapper.emitted("send")).toHaveLength(1);
    });

    it("cannot send before both have signed", async () => {
        const { wrapper } = await mountWithApp(XReportSending, { props: { data: month(["signed_by_employer"]), busy: false, error: null } });
        expect(text("send-ready")).toContain("Ingen tidsredovisning är klar att skicka än.");
        await click(byTest("send-reports"));
        expect(wrapper.emitted("send")).toBeUndefined();
    });

    it("shows the progress of the reports being sent, and that Timbok may be closed", async () => {
        const { wrapper } = await mountWithApp(XReportSending, {
            props: { data: month(["queued", "queued", "open"], { sending: true }), busy: false, error: null },
        });
        expect(text("send-progress")).toContain("Skickar tidsredovisningarna: 0 av 2 klara.");
        expect(byTest("send-ready")).toBeNull();
        expect(text("send-progress")).toContain("Du kan stänga Timbok");
        expect(byTest("send-progress")?.closest('[role="status"]')).not.toBeNull();
        await wrapper.setProps({ data: month(["sent", "sending", "open"], { sending: true }) });
        expect(text("send-progress")).toContain("1 av 2 klara");
        expect(byTest("send-progress")?.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow")).toBe("50");
        await wrapper.setProps({ data: month(["sent", "uncertain", "open"], { sending: false }) });
        expect(byTest("send-progress")).toBeNull();
    });

    it("says the outbox works for another month without counting this one's", async () => {
        await mountWithApp(XReportSending, { props: { data: month(["open"], { sending: true }), busy: false, error: null } });
        expect(text("send-progress")).toBe("Du kan stänga Timbok medan tidsredovisningarna skickas. Det som inte hunnit skickas skickas nästa gång du öppnar Timbok.");
    });

    it("words the month's send state from Rust: all sent, no hours, or still signing", async () => {
        const { wrapper } = await mountWithApp(XReportSending, {
            props: { data: month(["sent", "paper"], { sendState: "all_sent" }), busy: false, error: null },
        });
        expect(text("send-ready")).toBe("Alla tidsredovisningar för oktober 2026 är skickade. Det finns inget kvar att skicka.");
        expect(text("send-ready")).not.toContain("skriva under");
        await wrapper.setProps({ data: month([], { sendState: "nothing_to_send" }) });
        expect(text("send-ready")).toBe("Det finns inga arbetspass i oktober 2026, så det finns inget att skicka.");
        await wrapper.setProps({ data: month(["sent", "locked"], { sendState: "waiting_for_signatures" }) });
        expect(text("send-ready")).toContain("Ingen tidsredovisning är klar att skicka än.");
        // Only a paper report left, opened but not confirmed sent: neither "all sent" nor "sign first".
        await wrapper.setProps({ data: month(["sent", "paper_opened"], { sendState: "paper_to_send" }) });
        expect(text("send-ready")).toContain("Blankett 3059 är ifylld men inte markerad som skickad.");
        expect(text("send-ready")).not.toContain("skriva under först");
    });

    it("shows the error of a shared action", async () => {
        await mountWithApp(XReportSending, {
            props: { data: month(["signed"]), busy: false, error: new BackendError("network", "Försök igen senare.") },
        });
        expect(text("reports-action-error")).toContain("Ingen kontakt med Försäkringskassan eller BankID");
        expect(document.querySelector('[data-test="reports-action-error"] h3')).not.toBeNull();
    });
});
