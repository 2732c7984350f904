/**
 * The invoice screen against replies recorded from the real commands (tests/ipc_record.rs):
 * "invoice-view" (the demo, scenario E, October 2026), "invoice-problems" (every answer given,
 * a hospital stay and the period outside October), "invoice-buys" (scenario A) and
 * "invoice-none" (no household).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import App from "../App.vue";
import type { Backend } from "../backend/types";
import { invoiceTiming } from "../components/XInvoiceWizard";
import { axeViolations } from "../test/axe";
import { byTest, check, click, fieldError, mountWithApp, selectById, settle } from "../test/mount";

const ROUTE = "/invoice?month=2026-10";

/** The whole app on the invoice screen (the shell gives the landmarks axe looks for). */
async function mountInvoice(scenario: string, backend?: Backend, route = ROUTE) {
    return mountWithApp(App, backend ? { backend, route } : { scenarios: [scenario, "fresh-demo"], route });
}

function input(id: string): HTMLInputElement {
    const element = document.getElementById(id);
    if (!(element instanceof HTMLInputElement)) {
        throw new Error(`no input #${id}`);
    }
    return element;
}

function shownQuestions(): string[] {
    return Array.from(document.querySelectorAll<HTMLElement>('[data-test^="invoice-question-"]')).map(
        (element) => element.dataset.test?.replace("invoice-question-", "") ?? "",
    );
}

/** Let the debounced save run (the delay is 0 in these tests). */
async function saved(): Promise<void> {
    await settle();
    await settle();
}

const defaultTiming = { ...invoiceTiming };

beforeEach(() => {
    invoiceTiming.saveDelayMs = 0;
});

afterEach(() => {
    Object.assign(invoiceTiming, defaultTiming);
});

describe("InvoiceView: granted hours", () => {
    it("warns when the month is above the granted hours (Rust's finding)", async () => {
        await mountInvoice("lss-activity");
        await settle();
        const warning = byTest("granted-hours-warning");
        expect(warning?.classList).toContain("message-box--warning-short");
        expect(warning?.textContent).toContain("beviljade");
    });
});

describe("InvoiceView: the questions", () => {
    it("shows the questions Rust asks for the household's scenario, in order", async () => {
        await mountInvoice("invoice-view");
        expect(byTest("invoice-scenario")?.dataset.scenario).toBe("E");
        expect(shownQuestions()).toEqual(["lssActivity", "hospitalStay", "outsideEea", "phone", "lastMonthOfPeriod", "signer"]);
        expect(document.getElementById("invoice-previous-payment")).toBeNull();
    });

    it("asks a household that buys its assistance about the previous payment, without a signer", async () => {
        await mountInvoice("invoice-buys");
        expect(byTest("invoice-scenario")?.dataset.scenario).toBe("A");
        expect(shownQuestions()).toEqual(["lssActivity", "hospitalStay", "outsideEea", "previousPayment", "phone"]);
        expect(document.getElementById("invoice-previous-payment")).not.toBeNull();
        expect(document.getElementById("invoice-signer-role")).toBeNull();
    });

    it("shows the month, the scenario explained, the totals and the due date", async () => {
        await mountInvoice("invoice-view");
        expect(selectById("invoice-month").value).toBe("2026-10");
        expect(document.querySelector("h2#invoice-facts-heading")?.textContent).toContain("oktober 2026");
        expect(byTest("invoice-scenario")?.closest("p")?.textContent).toContain("förälder (vårdnadshavare) och arbetsgivare");
        expect(byTest("invoice-household-link")?.getAttribute("href")).toMatch(/\/household$/);
        expect(byTest("invoice-total-aktiv")?.textContent?.trim()).toBe("380 tim 0 min");
        expect(byTest("invoice-total-vantetid")?.dataset.minutes).toBe("1320");
        expect(byTest("invoice-total-sum")?.textContent?.trim()).toBe("477 tim 0 min");
        expect(byTest("invoice-due")?.textContent).toContain("5 december 2026");
    });

    it("pre-fills the signer and the phone from the household", async () => {
        await mountInvoice("invoice-view");
        expect(input("invoice-signer-personnummer").value).toBe("19840307-9984");
        expect(input("invoice-signer-name-in-print").value).toBe("Maria Demosson");
        expect(input("invoice-phone").value).toBe("070-174 06 11");
    });
});

describe("InvoiceView: saving as typed", () => {
    it("saves an answer as it is given and shows it again after a restart", async () => {
        const first = await mountInvoice("invoice-view");
        await check("invoice-outside-eea-yes");
        await saved();
        expect(byTest("invoice-saved")).not.toBeNull();
        const save = first.replay.calls.find((c) => c.cmd === "save_invoice_answers");
        expect((save?.args.answers as { outsideEea: boolean }).outsideEea).toBe(true);
        first.wrapper.unmount();
        document.body.innerHTML = "";

        await mountInvoice("invoice-view", first.backend);
        expect(input("invoice-outside-eea-yes").checked).toBe(true);
    });
});

describe("InvoiceView: problems", () => {
    it("checks required answers before the summary, with an error list that takes the focus", async () => {
        await mountInvoice("invoice-view");
        await click(byTest("invoice-next"));
        await saved();
        const list = document.querySelector<HTMLElement>("#invoice-form > nav");
        expect(list).not.toBeNull();
        expect(document.activeElement).toBe(list);
        expect(list?.textContent).toContain("Har assistans utförts i barnomsorg, skola eller daglig verksamhet enligt LSS?");
        expect(byTest("invoice-summary")).toBeNull();
        expect(fieldError("invoice-lss-activity-yes")).toContain("Svara Ja eller Nej");
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("puts Rust's problems on the named fields after a submit, and moves focus to the list", async () => {
        const { replay } = await mountInvoice("invoice-problems");
        await click(byTest("invoice-next"));
        await saved();
        expect(byTest("invoice-summary")).not.toBeNull();
        await click(byTest("invoice-submit"));
        await saved();

        expect(replay.commands()).toContain("submit_invoice");
        expect(replay.commands()).not.toContain("save_invoice_answers");
        expect(byTest("invoice-summary")).toBeNull();
        expect(fieldError("invoice-hospital-0-from-date")).toBe(
            "Sjukhusvistelsen ska vara under räkningens månad, oktober 2026. Kontrollera datumen.",
        );
        expect(fieldError("invoice-period-to")).toBe("Perioden ska sluta i räkningens månad, oktober 2026. Kontrollera periodens sista dag.");
        const list = document.querySelector<HTMLElement>("#invoice-form > nav");
        expect(document.activeElement).toBe(list);
        expect(list?.querySelectorAll("a")).toHaveLength(2);
        expect(await axeViolations(document.body)).toEqual([]);
    });
});

describe("InvoiceView: without a household", () => {
    it("says to fill in the household first, with a link", async () => {
        await mountInvoice("invoice-none");
        const box = byTest("invoice-load-error");
        expect(box?.textContent).toContain("Fyll i hushållet först");
        expect(box?.querySelector("a")?.getAttribute("href")).toMatch(/\/household$/);
        expect(await axeViolations(document.body)).toEqual([]);
    });
});
