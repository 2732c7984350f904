/** The time reports screen on what Rust answered in demo (scenario time-reports-view). */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "../App.vue";
import { axeViolations } from "../test/axe";
import { allByTest, byTest, mountWithApp, settle } from "../test/mount";
import TimeReportsView from "./TimeReportsView.vue";

const OCT = "2026-10";
/* The demo's assistants: Johan Lind (1) and Sara Öberg (2) sign with BankID, Ali Haddad (3) has a samordningsnummer. */

async function mountReports(month: string | null = OCT) {
    return mountWithApp(TimeReportsView, {
        scenarios: ["time-reports-view"],
        route: month ? `/time-reports?month=${month}` : "/time-reports",
    });
}

/** Let fake time pass (polling is once a second), then let Vue and FKUI settle. */
async function later(ms: number): Promise<void> {
    await vi.advanceTimersByTimeAsync(ms);
    await settle();
}

/** Let a second pass at a time until `done` holds (at most `seconds`). */
async function until(done: () => boolean, seconds = 8): Promise<void> {
    for (let i = 0; i < seconds && !done(); i++) {
        await later(1000);
    }
    expect(done()).toBe(true);
}

async function press(test: string): Promise<void> {
    const element = byTest(test);
    if (!element) {
        throw new Error(`No [data-test="${test}"]`);
    }
    element.click();
    await settle();
}

function text(test: string): string {
    return byTest(test)?.textContent?.replace(/\s+/g, " ").trim() ?? "";
}

function badge(id: number): string {
    return byTest(`report-status-${id}`)?.getAttribute("data-status") ?? "";
}

function dialogText(): string {
    return document.querySelector('[role="dialog"]')?.textContent?.replace(/\s+/g, " ") ?? "";
}

/** Sign in the dialog with `device` and wait until the order is complete, then close the dialog. */
async function signInDialog(device: "other" | "this"): Promise<void> {
    await press(`signing-device-${device}`);
    await until(() => byTest("signing-status")?.getAttribute("data-state") === "complete");
    await press("signing-close");
}

beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
});

afterEach(() => {
    vi.useRealTimers();
});

describe("TimeReportsView: the month", () => {
    it("shows the month, its due date, a card per assistant and the employer", async () => {
        await mountReports();
        expect(document.querySelector("h1")?.textContent).toContain("Tidsredovisningar oktober 2026");
        expect(text("reports-due-date")).toBe("Ska vara hos Försäkringskassan senast 5 december 2026");
        expect(Array.from(document.querySelectorAll("article h3")).map((it) => it.textContent)).toEqual([
            "Ali Haddad",
            "Johan Lind",
            "Sara Öberg",
        ]);
        expect([badge(1), badge(2), badge(3)]).toEqual(["open", "open", "open"]);
        expect(text("report-status-1")).toBe("Inte låst");
        expect(text("employer-name")).toContain("Maria Demosson (vårdnadshavare) skriver under som arbetsgivare.");
        expect(byTest("sign-employer")?.getAttribute("aria-disabled")).toBe("true");
        expect(byTest("send-reports")?.getAttribute("aria-disabled")).toBe("true");
        expect(text("history-empty")).toBe("Inga tidsredovisningar har skickats än.");
    });

    it("opens last month by default and moves to the next", async () => {
        const { router } = await mountReports(null);
        expect(text("reports-month-label")).toBe("oktober 2026");
        await router.push("/time-reports?month=2026-11");
        await settle();
        expect(text("reports-month-label")).toBe("november 2026");
        await press("reports-prev-month");
        expect(router.currentRoute.value.fullPath).toBe("/time-reports?month=2026-10");
    });
});

describe("TimeReportsView: lock, sign, send", () => {
    it("lock → the assistant signs with a QR code → the employer signs → send → FK's answer", async () => {
        const { replay } = await mountReports();

        await press("lock-1");
        expect(badge(1)).toBe("locked");
        /* The result is on the card that was used, and the focus is on it (the lock button is gone). */
        expect(text("report-result-1")).toBe("Tidsredovisningen för Johan Lind är låst.");
        expect(byTest("report-result-1")?.closest("article")).toBe(byTest("lock-1") ?? byTest("report-next-1")?.closest("article"));
        expect(document.activeElement).toBe(byTest("report-result-1"));
        expect(byTest("reports-status")).toBeNull();

        await press("sign-1");
        expect(dialogText()).toContain("Johan Lind skriver under");
        await press("signing-device-other");
        expect(byTest("signing-qr")?.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
        await until(() => byTest("signing-status")?.getAttribute("data-state") === "complete");
        expect(badge(1)).toBe("signed_by_assistant");
        await press("signing-close");
        expect(document.querySelector('[role="dialog"]')).toBeNull();

        await press("sign-employer");
        expect(dialogText()).toContain("Maria Demosson skriver under som arbetsgivare");
        await signInDialog("this");
        expect(badge(1)).toBe("signed");
        expect(text("send-ready")).toBe("1 tidsredovisning är klar att skicka.");

        await press("send-reports");
        await until(() => badge(1) === "sent");
        /* Nothing says "being sent" once it is sent. */
        await until(() => byTest("send-progress") === null);
        expect(document.body.textContent).not.toContain("skickas nu");
        /* The in-app simulator signs on the recording's clock, so FK (the simulator) accepts the signing date. */
        expect(byTest("report-problem-1")).toBeNull();
        expect(byTest("tx-id-1")?.textContent).toBe("00000000-0000-4000-8000-000000000004");
        await settle();
        expect(allByTest("history-row")).toHaveLength(1);
        expect(byTest("history-row")?.textContent).toContain("Johan Lind");

        /* Polling stops once nothing is queued or sending. */
        const calls = replay.calls.length;
        await later(5000);
        expect(replay.calls.length).toBe(calls);
    });
});

describe("TimeReportsView: before signing", () => {
    it("warns when the month is above the granted hours (Rust's finding)", async () => {
        await mountWithApp(TimeReportsView, { scenarios: ["lss-activity"], route: `/time-reports?month=${OCT}` });
        await settle();
        const warning = byTest("granted-hours-warning");
        expect(warning?.classList).toContain("message-box--warning-short");
        expect(warning?.textContent).toContain("beviljade");
    });
});

describe("TimeReportsView: paper", () => {
    it("a samordningsnummer prints FK 3059 instead of BankID; without FK's blankett it asks for the file", async () => {
        await mountReports();
        expect(text("report-next-3")).toContain("Ali Haddad har samordningsnummer och kan inte skriva under med BankID.");
        expect(byTest("lock-3")).toBeNull();
        expect(byTest("sign-3")).toBeNull();
        await press("paper-3");
        expect(byTest("blankett-needed")).not.toBeNull();
    });
});

describe("TimeReportsView: paper sent (scenario paper-report)", () => {
    it("opened is not sent until the user confirms; the result is focused; undo goes back", async () => {
        await mountWithApp(TimeReportsView, { scenarios: ["paper-report"], route: `/time-reports?month=${OCT}` });
        expect(badge(3)).toBe("paper_opened");
        expect(text("report-next-3")).toContain("Blanketten är ifylld och öppnad");
        expect(byTest("send-ready")?.getAttribute("data-state")).not.toBe("all_sent");
        await press("paper-sent-3");
        expect(badge(3)).toBe("paper");
        expect(text("report-next-3")).toMatch(/^Skickad på papper \d+ nov/);
        expect(text("report-result-3")).toBe("Tidsredovisningen för Ali Haddad är markerad som skickad på papper.");
        expect(document.activeElement).toBe(byTest("report-result-3"));
        await press("paper-undo-3");
        expect(badge(3)).toBe("paper_opened");
        expect(byTest("paper-sent-3")).not.toBeNull();
        expect(document.activeElement).toBe(byTest("report-result-3"));
    });
});

describe("TimeReportsView: accessibility", () => {
    it("the screen inside the app has no axe violations", async () => {
        await mountWithApp(App, { scenarios: ["time-reports-view"], route: `/time-reports?month=${OCT}` });
        expect(document.querySelector("main h1")).not.toBeNull();
        expect(await axeViolations(document.body)).toEqual([]);
    });
});
