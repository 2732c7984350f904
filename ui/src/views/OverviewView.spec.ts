/** The overview screen: months with due dates and statuses, the call journal, the support report. */
import { afterEach, describe, expect, it, vi } from "vitest";
import App from "../App.vue";
import { BackendError } from "../backend/errors";
import { FakeBackend } from "../backend/fake";
import type { Assistant, Household, OverviewMonth, Shift } from "../backend/types";
import { axeViolations } from "../test/axe";
import { allByTest, byTest, click, fieldError, mountWithApp, settle, typeInto } from "../test/mount";

const TODAY = new Date(2026, 10, 23, 14, 5, 0);

const household: Household = {
    person: { personnummer: "191212121212", firstName: "Tolvan", lastName: "Tolvansson", phone: "070-111 22 33" },
    signerRole: "vardnadshavare",
    signer: { personnummer: "198112189876", firstName: "Vera", lastName: "Vårdnadshavare", phone: "070-123 45 67" },
    employment: "employer",
    provider: null,
    grantedHoursPerMonth: 160,
    scenario: "E",
};

const anna: Assistant = {
    id: 1,
    personnummer: "198112189876",
    idKind: "personnummer",
    firstName: "Anna",
    lastName: "Andersson",
    phone: null,
    employedByPerson: true,
    collectiveAgreement: false, employer: { kind: "provider" }, calculationPeriods: { start: "2024-01-01", weeks: 4 },
};

const shifts: Shift[] = [{ id: 1, assistantId: 1, start: "2026-10-05T08:00", end: "2026-10-05T16:30", kind: "aktiv", note: null }];

const months: OverviewMonth[] = [
    {
        month: "2026-10",
        due: "2026-12-05",
        overdue: false,
        reports: [
            { assistantName: "Anna Andersson", status: "sent", txId: "TX-4711", problem: null },
            { assistantName: "Bo Berg", status: "rejected", txId: null, problem: "Försäkringskassan avvisade rapporten: fel ordernummer." },
        ],
        invoice: { status: "received", fingerprint: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", problem: null, reported: null },
    },
    {
        month: "2026-09",
        due: "2026-11-05",
        overdue: false,
        reports: [],
        invoice: { status: "waiting", fingerprint: "fp-sep", problem: null, reported: "received" },
    },
    {
        month: "2026-08",
        due: "2026-10-05",
        overdue: true,
        reports: [{ assistantName: "Anna Andersson", status: "uncertain", txId: null, problem: "Osäkert om rapporten kom fram. Kontrollera med Försäkringskassan." }],
        invoice: { status: "draft", fingerprint: null, problem: "2 uppgifter behöver rättas.", reported: null },
    },
    { month: "2026-07", due: "2026-09-05", overdue: true, reports: [], invoice: null },
];

function fake(): FakeBackend {
    return new FakeBackend({ today: TODAY, household, assistants: [anna], shifts });
}

async function mountOverview(backend: FakeBackend) {
    return mountWithApp(App, { backend, route: "/overview" });
}

afterEach(() => {
    vi.restoreAllMocks();
});

describe("OverviewView: months", () => {
    it("shows each month with due date, overdue, report and invoice statuses and links", async () => {
        const backend = fake();
        vi.spyOn(backend, "getOverview").mockResolvedValue(months);
        await mountOverview(backend);

        const cards = allByTest("overview-month");
        expect(cards.map((it) => it.dataset.month)).toEqual(["2026-10", "2026-09", "2026-08", "2026-07"]);
        const [october, september, august, july] = cards as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
        expect(october.querySelector("h2")?.textContent).toBe("oktober 2026");
        expect(byTest("overview-due", october)?.textContent).toBe("Ska vara hos Försäkringskassan senast 5 december 2026");
        expect(byTest("overview-overdue", october)).toBeNull();
        expect(byTest("overview-overdue", august)?.textContent?.trim()).toBe("Försenad");

        const reports = allByTest("overview-report", october);
        expect(reports.map((it) => it.dataset.status)).toEqual(["sent", "rejected"]);
        expect(reports[0]?.textContent).toContain("Anna Andersson");
        expect(reports[0]?.querySelector(".badge--success")?.textContent?.trim()).toBe("Skickad");
        expect(byTest("overview-report-txid", reports[0])?.textContent?.trim()).toBe("Transaktions-id: TX-4711");
        expect(reports[1]?.querySelector(".badge--error")?.textContent?.trim()).toBe("Avvisad");
        expect(byTest("overview-report-problem", reports[1])?.textContent).toContain("fel ordernummer");
        expect(allByTest("overview-report", august)[0]?.querySelector(".badge--warning")?.textContent?.trim()).toBe("Osäker");

        const invoice = byTest("overview-invoice", october);
        expect(invoice?.dataset.status).toBe("received");
        expect(invoice?.textContent).toContain("Mottagen");
        expect(byTest("overview-invoice-fingerprint", october)?.textContent).toContain("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        expect(byTest("overview-invoice-problem", august)?.textContent?.trim()).toBe("2 uppgifter behöver rättas.");
        expect(byTest("overview-invoice-reported", october)).toBeNull();
        // Reported by FK's page, not confirmed by the status API: waiting, and said so.
        expect(byTest("overview-invoice", september)?.dataset.status).toBe("waiting");
        expect(byTest("overview-invoice", september)?.textContent).toContain("Väntar på underskrift");
        expect(byTest("overview-invoice-reported", september)?.textContent?.trim()).toBe("Meddelad som mottagen, inte bekräftad");
        expect(byTest("overview-invoice", september)?.textContent).not.toContain("Mottagen");
        expect(byTest("overview-no-reports", july)).not.toBeNull();
        expect(byTest("overview-no-invoice", july)).not.toBeNull();

        expect(byTest("overview-link-invoice", august)?.getAttribute("href")).toMatch(/\/invoice\?month=2026-08$/);
        expect(byTest("overview-link-time-reports", august)?.getAttribute("href")).toMatch(/\/time-reports\?month=2026-08$/);
        expect(byTest("overview-link-invoice", august)?.textContent?.trim()).toBe("Räkningen för augusti 2026");
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("reads the months from the backend: hours and invoices, newest first", async () => {
        const backend = fake();
        await backend.getInvoice("2026-09");
        await mountOverview(backend);
        expect(allByTest("overview-month").map((it) => it.dataset.month)).toEqual(["2026-10", "2026-09"]);
        const september = allByTest("overview-month")[1] ?? null;
        expect(byTest("overview-invoice", september ?? document)?.dataset.status).toBe("draft");
        expect(allByTest("overview-report", allByTest("overview-month")[0]).map((it) => it.textContent)).toEqual([
            expect.stringContaining("Anna Andersson"),
        ]);
    });

    it("says when there is nothing yet, and offers to try again when loading fails", async () => {
        const backend = new FakeBackend({ today: TODAY });
        backend.failNext("getOverview", new BackendError("storage", "Databasen kunde inte läsas."));
        await mountOverview(backend);
        expect(byTest("overview-load-error")?.textContent).toContain("Databasen kunde inte läsas.");
        await click(byTest("overview-retry"));
        expect(byTest("overview-empty")).not.toBeNull();
    });
});

describe("OverviewView: call journal", () => {
    it("lists the calls newest first, with the redacted body in a details element", async () => {
        const backend = fake();
        backend.invoice.addJournalEntry({
            at: "2026-11-20T09:00:00",
            service: "elt",
            endpoint: "POST /elt/tidsredovisning",
            status: 200,
            durationMs: 843,
            body: "<tidsredovisning>[borttaget]</tidsredovisning>",
        });
        const state = await backend.getInvoice("2026-10");
        await backend.saveInvoiceAnswers("2026-10", { ...state.answers, lssActivity: false, hospitalStay: false, outsideEea: false, lastMonthOfPeriod: false });
        backend.invoice.failNextSubmitWithNetwork();
        await backend.submitInvoice("2026-10").catch(() => undefined);
        await mountOverview(backend);

        const rows = allByTest("journal-row");
        expect(rows.map((it) => it.dataset.service)).toEqual(["erak", "elt"]);
        const cells = Array.from(rows[0]?.querySelectorAll("td") ?? []).map((it) => it.textContent?.trim());
        expect(cells.slice(0, 5)).toEqual(["2026-11-23 14:05:00", "E-RÄK", "POST /public/v1/create", "Inget svar", "10000 ms"]);
        const details = byTest("journal-body", rows[0]);
        expect(details?.tagName).toBe("DETAILS");
        expect(details?.querySelector("summary")?.textContent).toBe("Visa innehållet");
        expect(details?.querySelector("pre")?.textContent).toContain('"scenario": "E"');
        expect(details?.querySelector("pre")?.textContent).not.toContain("191212121212");
        expect(Array.from(rows[1]?.querySelectorAll("td") ?? []).map((it) => it.textContent?.trim()).slice(3, 5)).toEqual(["200", "843 ms"]);
        expect(document.querySelector(".x-call-journal__table th")?.getAttribute("scope")).toBe("col");
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("says when there are no calls, and refreshes", async () => {
        const backend = fake();
        await mountOverview(backend);
        expect(byTest("journal-empty")).not.toBeNull();
        backend.invoice.addJournalEntry({ at: "2026-11-23T10:00:00", service: "bankid", endpoint: "POST /rp/v6.0/auth", status: 200, durationMs: 90, body: "{}" });
        await click(byTest("journal-refresh"));
        expect(allByTest("journal-row")).toHaveLength(1);
        expect(allByTest("journal-row")[0]?.textContent).toContain("BankID");
    });
});

describe("OverviewView: support report", () => {
    it("creates the report and shows its path and that it has no personal data", async () => {
        const backend = fake();
        await mountOverview(backend);
        await click(byTest("support-export"));
        await settle();
        expect(byTest("support-path")?.textContent).toBe("(minne)/supportrapport-20261123-140500.txt");
        expect(byTest("support-result")?.textContent).toContain("inga personnummer, namn");
        expect(byTest("support-result")?.closest('[role="status"]')).not.toBeNull();
    });

    it("passes the fingerprint, and shows the backend's objection to it on the field", async () => {
        const backend = fake();
        const exported = vi.spyOn(backend, "exportSupportReport");
        await mountOverview(backend);
        await typeInto("support-fingerprint", "finns-inte");
        await click(byTest("support-export"));
        await settle();
        expect(exported).toHaveBeenCalledWith("finns-inte");
        expect(fieldError("support-fingerprint")).toContain("Timbok har ingen räkning med det kvittensnumret");
        expect(byTest("support-path")).toBeNull();
        expect(document.activeElement).toBe(document.querySelector("#support-form > nav"));
        expect(await axeViolations(document.body)).toEqual([]);
    });
});
