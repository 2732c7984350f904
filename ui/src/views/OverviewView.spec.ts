/** The overview screen on what Rust answered after last month's reports were sent in demo. */
import { describe, expect, it } from "vitest";
import App from "../App.vue";
import { axeViolations } from "../test/axe";
import { allByTest, byTest, click, mountWithApp, settle, typeInto } from "../test/mount";

async function mountOverview() {
    return mountWithApp(App, { scenarios: ["overview"], route: "/overview" });
}

describe("OverviewView: months", () => {
    it("shows each month with due date, report statuses, FK's transaction ids and links", async () => {
        await mountOverview();
        const cards = allByTest("overview-month");
        expect(cards.map((it) => it.dataset.month)).toEqual(["2026-10"]);
        const october = cards[0] as HTMLElement;
        expect(october.querySelector("h2")?.textContent).toBe("oktober 2026");
        expect(byTest("overview-due", october)?.textContent).toBe("Ska vara hos Försäkringskassan senast 5 december 2026");
        expect(byTest("overview-overdue", october)).toBeNull();

        const reports = allByTest("overview-report", october);
        expect(reports.map((it) => it.dataset.status)).toEqual(["open", "sent", "sent"]);
        expect(reports[1]?.textContent).toContain("Johan Lind");
        expect(byTest("overview-report-txid", reports[1])?.textContent).toContain("00000000-0000-4000-8000-000000000001");
        expect(byTest("overview-report-problem", reports[1])).toBeNull();
        expect(byTest("overview-no-invoice", october)).not.toBeNull();

        expect(byTest("overview-link-invoice", october)?.getAttribute("href")).toMatch(/\/invoice\?month=2026-10$/);
        expect(byTest("overview-link-time-reports", october)?.getAttribute("href")).toMatch(/\/time-reports\?month=2026-10$/);
        expect(byTest("overview-link-invoice", october)?.textContent?.trim()).toBe("Räkningen för oktober 2026");
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("says when there is nothing yet", async () => {
        await mountWithApp(App, { scenarios: ["settings-fk-test", "empty-overview"], route: "/overview" });
        expect(byTest("overview-empty")).not.toBeNull();
        expect(byTest("journal-empty")).not.toBeNull();
    });
});

describe("OverviewView: call journal", () => {
    it("lists the calls, with the redacted body in a details element", async () => {
        await mountOverview();
        const rows = allByTest("journal-row");
        // The sends to ELT and the signings' calls to BankID.
        expect(new Set(rows.map((it) => it.dataset.service))).toEqual(new Set(["elt", "bankid"]));
        const elt = rows.find((it) => it.dataset.service === "elt");
        const cells = Array.from(elt?.querySelectorAll("td") ?? []).map((it) => it.textContent?.trim());
        expect(cells.slice(0, 3)).toEqual(["2026-11-10 10:00:00", "ELT", "POST ELT SkickaTidredovisning"]);
        for (const row of rows) {
            expect(row.textContent).not.toContain("199006219894");
        }
        const details = byTest("journal-body", elt);
        expect(details?.tagName).toBe("DETAILS");
        expect(details?.querySelector("summary")?.textContent).toBe("Visa innehållet");
        expect(details?.querySelector("pre")?.textContent).toContain("[tidsredovisning:");
        expect(details?.querySelector("pre")?.textContent).not.toContain("199006219894");
        expect(document.querySelector(".x-call-journal__table th")?.getAttribute("scope")).toBe("col");
        expect(await axeViolations(document.body)).toEqual([]);
    });
});

describe("OverviewView: support report", () => {
    it("creates the report and shows its path and that it has no personal data", async () => {
        await mountOverview();
        await click(byTest("support-export"));
        await settle();
        expect(byTest("support-path")?.textContent).toBe("/data/utskrifter/timbok-support-20261110-100000.json");
        expect(byTest("support-result")?.textContent).toContain("inga personnummer, namn");
        expect(byTest("support-result")?.closest('[role="status"]')).not.toBeNull();
    });

    it("passes the fingerprint; one Timbok does not know is written into the report as given", async () => {
        const { replay } = await mountOverview();
        await typeInto("support-fingerprint", "finns-inte");
        await click(byTest("support-export"));
        await settle();
        expect(replay.calls.at(-1)).toEqual({ cmd: "export_support_report", args: { fingerprint: "finns-inte" } });
        expect(byTest("support-path")).not.toBeNull();
    });
});

describe("OverviewView: where to start (get_start)", () => {
    it("shows demo mode's guide for last month, each step linked, until dismissed; then what to do", async () => {
        const { replay } = await mountWithApp(App, { scenarios: ["start"], route: "/overview" });
        const steps = allByTest("start-guide-step");
        expect(steps.map((s) => [s.dataset.screen, s.dataset.done])).toEqual([
            ["month", "false"],
            ["time_reports", "false"],
            ["invoice", "false"],
        ]);
        expect(byTest("start-guide")?.textContent).toContain("Prova med demomånaden oktober 2026");
        expect(byTest("start-guide-open-month")?.getAttribute("href")).toMatch(/\/month\/2026-10$/);
        expect(byTest("start-guide-open-time_reports")?.getAttribute("href")).toMatch(/\/time-reports\?month=2026-10$/);
        expect(byTest("start-guide-open-invoice")?.getAttribute("href")).toMatch(/\/invoice\?month=2026-10$/);
        expect(await axeViolations(document.body)).toEqual([]);

        await click(byTest("start-guide-dismiss"));
        await settle();
        expect(replay.commands()).toContain("dismiss_guide");
        expect(byTest("start-guide")).toBeNull();
        const items = allByTest("todo-item");
        expect(items.map((i) => [i.dataset.month, i.dataset.action])).toEqual([["2026-10", "lock"]]);
        expect(items[0]?.textContent).toContain("oktober 2026: senast 5 december 2026");
        expect(byTest("todo-action")?.textContent?.trim()).toBe("Se över timmarna och lås tidsredovisningarna");
        expect(byTest("todo-action")?.getAttribute("href")).toMatch(/\/time-reports\?month=2026-10$/);
        expect(byTest("todo-overdue")).toBeNull();
    });

    it("ticks off Månad once reports are locked and sent (Ali's, with a samordningsnummer, still open)", async () => {
        await mountOverview();
        expect(allByTest("start-guide-step").map((s) => s.dataset.done)).toEqual(["true", "false", "false"]);
        expect(byTest("start-guide-state")?.textContent?.trim()).toBe("Klart");
    });

    it("says there is nothing to do outside demo when nothing is due", async () => {
        await mountWithApp(App, { scenarios: ["settings-fk-test", "empty-overview"], route: "/overview" });
        expect(byTest("start-guide")).toBeNull();
        expect(byTest("todo-nothing")?.textContent).toContain("Inget att göra just nu");
    });
});
