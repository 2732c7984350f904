/** The invoice screen with the fake backend: wizard, saving, problems, sending, waiting, receipt. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "../App.vue";
import { BackendError } from "../backend/errors";
import { FakeBackend } from "../backend/fake";
import type { Assistant, Employment, FieldProblem, Household, QuestionId, Scenario, Shift, SignerRole } from "../backend/types";
import { invoiceTiming } from "../components/XInvoiceWizard";
import { addMonths, monthOf } from "../domain/calendar";
import { axeViolations } from "../test/axe";
import { allByTest, byTest, check, click, fieldError, mountWithApp, selectById, settle, typeInto } from "../test/mount";

const TODAY = new Date(2026, 10, 23, 14, 5, 0);
const ROUTE = "/invoice?month=2026-10";

const person = { personnummer: "191212121212", firstName: "Tolvan", lastName: "Tolvansson", phone: "070-111 22 33" };
const guardian = { personnummer: "198112189876", firstName: "Vera", lastName: "Vårdnadshavare", phone: "070-123 45 67" };

const ROLES: Record<Scenario, [Employment, SignerRole]> = {
    A: ["buys", "self"],
    B: ["buys", "vardnadshavare"],
    C: ["buys", "god_man"],
    D: ["employer", "self"],
    E: ["employer", "vardnadshavare"],
    F: ["employer", "forvaltare"],
};

function household(scenario: Scenario): Household {
    const [employment, signerRole] = ROLES[scenario];
    return {
        person,
        signerRole,
        signer: signerRole === "self" ? null : guardian,
        employment,
        provider: employment === "buys" ? { name: "Exempelassistans AB", organisationsnummer: "2021005521", contactPerson: null, phone: null, } : null,
        grantedHoursPerMonth: 160,
        scenario,
    };
}

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

const shifts: Shift[] = [
    { id: 1, assistantId: 1, start: "2026-10-05T08:00", end: "2026-10-05T16:30", kind: "aktiv", note: null },
    { id: 2, assistantId: 1, start: "2026-10-06T08:00", end: "2026-10-06T10:00", kind: "vantetid", note: null },
];

function fake(scenario: Scenario = "E"): FakeBackend {
    return new FakeBackend({ today: TODAY, household: household(scenario), assistants: [anna], shifts });
}

/** The whole app on the invoice screen (the shell gives the landmarks axe looks for). */
async function mountInvoice(backend: FakeBackend, route = ROUTE) {
    return mountWithApp(App, { backend, route });
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

/** Answers every question of scenario E (last month of the period) the way a user would. */
async function fillE(): Promise<void> {
    await check("invoice-lss-activity-yes");
    await check("invoice-lss-kind-skola");
    await check("invoice-lss-kind-dagligVerksamhet");
    await check("invoice-hospital-stay-yes");
    await typeInto("invoice-hospital-0-from-date", "2026-10-03");
    await typeInto("invoice-hospital-0-from-time", "14:00");
    await typeInto("invoice-hospital-0-to-date", "2026-10-05");
    await typeInto("invoice-hospital-0-to-time", "10:00");
    await check("invoice-outside-eea-no");
    await check("invoice-last-month-of-period-yes");
    await typeInto("invoice-costs-wages", "123456,5");
    await typeInto("invoice-costs-overheads", "10 000");
    await typeInto("invoice-costs-training", "0");
    await typeInto("invoice-costs-work-environment", "1500");
    await typeInto("invoice-period-from", "2026-05-01");
    await typeInto("invoice-period-to", "2026-10-31");
    await check("invoice-money-left-yes");
    await typeInto("invoice-money-left-amount", "2 000");
    await check("invoice-repayment-deductFromNextPayment");
    await saved();
}

async function next(): Promise<void> {
    await click(byTest("invoice-next"));
    await saved();
}

async function submit(): Promise<void> {
    await click(byTest("invoice-submit"));
    await saved();
}

const defaultTiming = { ...invoiceTiming };

beforeEach(() => {
    invoiceTiming.saveDelayMs = 0;
});

afterEach(() => {
    Object.assign(invoiceTiming, defaultTiming);
    vi.useRealTimers();
});

describe("InvoiceView: the questions", () => {
    it.each([
        ["A", ["lssActivity", "hospitalStay", "outsideEea", "previousPayment", "phone"]],
        ["B", ["lssActivity", "hospitalStay", "outsideEea", "previousPayment", "phone", "signer"]],
        ["C", ["lssActivity", "hospitalStay", "outsideEea", "previousPayment", "phone", "signer"]],
        ["D", ["lssActivity", "hospitalStay", "outsideEea", "phone", "lastMonthOfPeriod"]],
        ["E", ["lssActivity", "hospitalStay", "outsideEea", "phone", "lastMonthOfPeriod", "signer"]],
        ["F", ["lssActivity", "hospitalStay", "outsideEea", "phone", "lastMonthOfPeriod", "signer"]],
    ] as [Scenario, QuestionId[]][])("scenario %s shows only its questions, in order", async (scenario, expected) => {
        await mountInvoice(fake(scenario));
        expect(byTest("invoice-scenario")?.dataset.scenario).toBe(scenario);
        expect(shownQuestions()).toEqual(expected);
        expect(document.getElementById("invoice-previous-payment") !== null).toBe(["A", "B", "C"].includes(scenario));
        expect(document.getElementById("invoice-signer-role") !== null).toBe(["C", "F"].includes(scenario));
        if (["D", "E", "F"].includes(scenario)) {
            await check("invoice-last-month-of-period-yes");
            const withLastMonth = [...expected];
            withLastMonth.splice(expected.indexOf("lastMonthOfPeriod") + 1, 0, "costs", "period", "moneyLeft", "repayment");
            expect(shownQuestions()).toEqual(withLastMonth);
            await check("invoice-last-month-of-period-no");
            expect(shownQuestions()).toEqual(expected);
        }
    });

    it("shows the month, the scenario explained, the totals and the due date", async () => {
        await mountInvoice(fake("E"));
        expect(selectById("invoice-month").value).toBe("2026-10");
        expect(document.querySelector("h2#invoice-facts-heading")?.textContent).toContain("oktober 2026");
        expect(byTest("invoice-scenario")?.closest("p")?.textContent).toContain("Vårdnadshavaren är arbetsgivare");
        expect(byTest("invoice-household-link")?.getAttribute("href")).toMatch(/\/household$/);
        expect(byTest("invoice-total-aktiv")?.textContent?.trim()).toBe("8 tim 30 min");
        expect(byTest("invoice-total-vantetid")?.dataset.minutes).toBe("120");
        expect(byTest("invoice-total-sum")?.textContent?.trim()).toBe("10 tim 30 min");
        expect(byTest("invoice-due")?.textContent).toContain("5 december 2026");
    });

    it("starts on last month, and another month can be chosen (kept in the address)", async () => {
        const backend = fake("E");
        const { router } = await mountInvoice(backend, "/invoice");
        const lastMonth = addMonths(monthOf(new Date()), -1);
        expect(selectById("invoice-month").value).toBe(lastMonth);
        expect(selectById("invoice-month").options).toHaveLength(12);

        await check("invoice-outside-eea-yes");
        await saved();
        const select = selectById("invoice-month");
        select.value = addMonths(lastMonth, -1);
        select.dispatchEvent(new Event("change", { bubbles: true }));
        await saved();
        expect(router.currentRoute.value.query.month).toBe(addMonths(lastMonth, -1));
        expect(input("invoice-outside-eea-yes").checked).toBe(false);
        expect((await backend.getInvoice(lastMonth)).answers.outsideEea).toBe(true);
    });

    it("opens the follow-ups with Ja (and Nej for the previous payment)", async () => {
        await mountInvoice(fake("A"));
        expect(document.getElementById("invoice-lss-kinds")).toBeNull();
        await check("invoice-lss-activity-yes");
        expect(document.getElementById("invoice-lss-kind-barnomsorg")).not.toBeNull();
        expect(document.getElementById("invoice-lss-kind-dagligVerksamhet")).not.toBeNull();

        expect(byTest("invoice-hospital-stays")).toBeNull();
        await check("invoice-hospital-stay-yes");
        expect(allByTest("invoice-hospital-stay")).toHaveLength(1);
        for (const part of ["from-date", "from-time", "to-date", "to-time"]) {
            expect(document.querySelector(`label[for="invoice-hospital-0-${part}"]`)?.textContent).toBeTruthy();
        }
        await click(byTest("invoice-add-hospital-stay"));
        expect(allByTest("invoice-hospital-stay")).toHaveLength(2);
        expect(document.activeElement?.id).toBe("invoice-hospital-1-from-date");
        await click(allByTest("invoice-remove-hospital-stay")[1] ?? null);
        expect(allByTest("invoice-hospital-stay")).toHaveLength(1);

        expect(document.getElementById("invoice-previous-payment-remaining")).toBeNull();
        await check("invoice-previous-payment-yes");
        expect(document.getElementById("invoice-previous-payment-remaining")).toBeNull();
        await check("invoice-previous-payment-no");
        expect(document.getElementById("invoice-previous-payment-remaining")).not.toBeNull();
    });

    it("pre-fills the signer and the phone from the household", async () => {
        await mountInvoice(fake("F"));
        expect(input("invoice-signer-personnummer").value).toBe("19811218-9876");
        expect(input("invoice-signer-name-in-print").value).toBe("Vera Vårdnadshavare");
        expect(input("invoice-phone").value).toBe("070-123 45 67");
        expect(input("invoice-signer-role-forvaltare").checked).toBe(true);
        expect(document.getElementById("invoice-signer-heading")?.textContent).toBe("Uppgift om ställföreträdare");
    });
});

describe("InvoiceView: saving as typed", () => {
    it("saves when a field is left and shows the saved answers after a restart", async () => {
        const backend = fake("A");
        const first = await mountInvoice(backend);
        await check("invoice-lss-activity-no");
        await check("invoice-previous-payment-no");
        await typeInto("invoice-previous-payment-remaining", "1 234,50");
        await check("invoice-hospital-stay-yes");
        await typeInto("invoice-hospital-0-from-date", "2026-10-0");
        await saved();
        expect(byTest("invoice-saved")).not.toBeNull();
        const stored = await backend.getInvoice("2026-10");
        expect(stored.answers).toMatchObject({
            lssActivity: false,
            previousPaymentUsed: false,
            previousPaymentRemaining: "1 234,50",
            hospitalStay: true,
            hospitalStays: [{ from: "2026-10-0T", to: "" }],
        });
        first.wrapper.unmount();
        document.body.innerHTML = "";

        await mountInvoice(backend);
        expect(input("invoice-lss-activity-no").checked).toBe(true);
        expect(input("invoice-previous-payment-no").checked).toBe(true);
        expect(input("invoice-previous-payment-remaining").value).toBe("1 234,50");
        expect(input("invoice-hospital-0-from-date").value).toBe("2026-10-0");
    });

    it("keeps what was typed when a save fails, and saves it with the next change", async () => {
        const backend = fake("A");
        await mountInvoice(backend);
        await check("invoice-previous-payment-no");
        await saved();
        backend.failNext("saveInvoiceAnswers", new BackendError("storage", "Disken är full."));
        await typeInto("invoice-previous-payment-remaining", "500");
        await saved();
        expect(byTest("invoice-save-error")?.textContent).toContain("Disken är full.");
        expect(byTest("invoice-save-error")?.closest('[role="status"]')).not.toBeNull();
        expect(input("invoice-previous-payment-remaining").value).toBe("500");
        await check("invoice-outside-eea-no");
        await saved();
        expect(byTest("invoice-save-error")).toBeNull();
        expect((await backend.getInvoice("2026-10")).answers).toMatchObject({ previousPaymentRemaining: "500", outsideEea: false });
    });
});

describe("InvoiceView: problems", () => {
    it("checks required answers before the summary, with an error list that takes the focus", async () => {
        await mountInvoice(fake("E"));
        await next();
        const list = document.querySelector<HTMLElement>("#invoice-form > nav");
        expect(list).not.toBeNull();
        expect(document.activeElement).toBe(list);
        expect(list?.textContent).toContain("Har assistans utförts i barnomsorg, skola eller daglig verksamhet enligt LSS?");
        expect(byTest("invoice-summary")).toBeNull();
        expect(fieldError("invoice-lss-activity-yes")).toContain("Svara Ja eller Nej");
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("puts the backend's problems on the named fields after a submit, and moves focus to the list", async () => {
        const backend = fake("E");
        await mountInvoice(backend);
        await fillE();
        await typeInto("invoice-hospital-0-from-date", "2026-12-01");
        await typeInto("invoice-hospital-0-to-date", "2026-12-02");
        await typeInto("invoice-period-to", "2026-09-30");
        await saved();
        await next();
        expect(byTest("invoice-summary")).not.toBeNull();
        await submit();

        expect(byTest("invoice-summary")).toBeNull();
        expect(fieldError("invoice-hospital-0-from-date")).toContain("Vistelsen ligger inte i oktober 2026");
        expect(fieldError("invoice-period-to")).toContain("Perioden ska sluta i oktober 2026");
        const list = document.querySelector<HTMLElement>("#invoice-form > nav");
        expect(document.activeElement).toBe(list);
        const links = Array.from(list?.querySelectorAll("a") ?? []).map((a) => a.textContent ?? "");
        expect(links.map((text) => text.trim())).toEqual(["Vistelse 1 på sjukhus: Från datum", "Uppgift om perioden: Till och med"]);
        expect(await axeViolations(document.body)).toEqual([]);

        /* Correcting a field clears its problem; the next submit goes through. */
        await typeInto("invoice-period-to", "2026-10-31");
        expect(fieldError("invoice-period-to")).toBe("");
        await typeInto("invoice-hospital-0-from-date", "2026-10-03");
        await typeInto("invoice-hospital-0-to-date", "2026-10-05");
        await saved();
        await next();
        await submit();
        expect(byTest("invoice-waiting")).not.toBeNull();
    });

    it("maps FK's 400 problems to their fields, and lists the rest above the form", async () => {
        const backend = fake("E");
        await mountInvoice(backend);
        await fillE();
        await next();
        backend.invoice.rejectNextSubmit([
            fkProblem("costs.training", "Utbildning: beloppet är för stort enligt Försäkringskassan."),
            fkProblem("hospitalStays[0].to", "Sluttiden godtogs inte."),
            fkProblem("signerPersonnummer", "Personnumret godtogs inte."),
            fkProblem("month", "Månaden är redan redovisad."),
            fkProblem("invoice.somethingElse", "Något annat är fel."),
        ]);
        await submit();
        expect(fieldError("invoice-costs-training")).toBe("Utbildning: beloppet är för stort enligt Försäkringskassan.");
        expect(fieldError("invoice-hospital-0-to-date")).toBe("Sluttiden godtogs inte.");
        expect(fieldError("invoice-signer-personnummer")).toBe("Personnumret godtogs inte.");
        expect(allByTest("invoice-problem-general").map((it) => it.textContent?.trim())).toEqual([
            "Månaden är redan redovisad.",
            "Något annat är fel.",
        ]);
        expect(document.activeElement).toBe(document.querySelector("#invoice-form > nav"));
        /* What was typed is still there. */
        expect(input("invoice-costs-training").value).toBe("0");
        expect(input("invoice-money-left-amount").value).toBe("2 000");
    });

    it("shows problems of a month that has not ended in the general list, with focus on it", async () => {
        const backend = fake("A");
        await mountInvoice(backend, "/invoice?month=2026-11");
        await check("invoice-lss-activity-no");
        await check("invoice-hospital-stay-no");
        await check("invoice-outside-eea-no");
        await check("invoice-previous-payment-yes");
        await saved();
        await next();
        await submit();
        const general = byTest("invoice-problems-general");
        expect(general?.textContent).toContain("Räkningen för november 2026 kan skickas först när månaden är slut.");
        expect(document.activeElement).toBe(general?.parentElement?.closest("[tabindex]"));
    });

    it("shows the problems of the last submit again after a restart", async () => {
        const backend = fake("E");
        const state = await backend.getInvoice("2026-10");
        await backend.saveInvoiceAnswers("2026-10", { ...state.answers, lssActivity: true, lssKinds: [], phone: "" });
        await backend.submitInvoice("2026-10");
        await mountInvoice(backend);
        expect(fieldError("invoice-lss-kinds")).toContain("Välj vilken typ av verksamhet");
        expect(fieldError("invoice-phone")).toBe("Fyll i ett telefonnummer.");
        expect(document.activeElement).toBe(document.querySelector("#invoice-form > nav"));
    });
});

describe("InvoiceView: summary and sending", () => {
    it("shows every answer in plain words, and Ändra goes back with the answers kept", async () => {
        const backend = fake("E");
        await mountInvoice(backend);
        await fillE();
        await next();
        expect(document.activeElement?.id).toBe("invoice-summary-heading");
        const row = (question: string) => byTest(`invoice-summary-${question}`)?.textContent?.replace(/\s+/g, " ").trim() ?? "";
        expect(row("lssActivity")).toContain("Ja: skola, daglig verksamhet");
        expect(row("hospitalStay")).toContain("3 oktober 2026 kl. 14:00 till 5 oktober 2026 kl. 10:00");
        expect(row("outsideEea")).toMatch(/Nej$/);
        expect(row("phone")).toContain("070-123 45 67");
        expect(row("lastMonthOfPeriod")).toMatch(/Ja$/);
        expect(row("costs")).toContain("Lön och lönebikostnader: 123 456,50 kr");
        expect(row("costs")).toContain("Assistansomkostnader: 10 000,00 kr");
        expect(row("costs")).toContain("Utbildning: 0,00 kr");
        expect(row("costs")).toContain("Arbetsmiljö och personal: 1 500,00 kr");
        expect(row("period")).toContain("Från och med: 1 maj 2026");
        expect(row("period")).toContain("Till och med: 31 oktober 2026");
        expect(row("moneyLeft")).toContain("Ja: 2 000,00 kr");
        expect(row("repayment")).toContain("Dra av från nästa utbetalning");
        expect(row("signer")).toContain("Namnförtydligande: Vera Vårdnadshavare");
        expect(row("signer")).toContain("Personnummer: 19811218-9876");
        expect(await axeViolations(document.body)).toEqual([]);

        await click(byTest("invoice-edit"));
        expect(document.activeElement?.id).toBe("invoice-questions-heading");
        expect(input("invoice-costs-wages").value).toBe("123456,5");
    });

    it("on a network error says the invoice is saved, keeps the answers and can send again", async () => {
        const backend = fake("E");
        await mountInvoice(backend);
        await fillE();
        await next();
        backend.invoice.failNextSubmitWithNetwork();
        await submit();
        const box = byTest("invoice-network-error");
        expect(box?.textContent).toContain("Räkningen är sparad i Timbok");
        expect(document.activeElement).toBe(box?.closest("[tabindex]"));
        expect(byTest("invoice-summary")).not.toBeNull();
        expect((await backend.getInvoice("2026-10")).answers.costs.wages).toBe("123456,5");

        await click(byTest("invoice-retry"));
        await saved();
        expect(byTest("invoice-waiting")).not.toBeNull();
        expect(document.activeElement?.id).toBe("invoice-waiting-heading");
        expect(backend.invoice.openedPages).toEqual(["2026-10"]);
    });
});

describe("InvoiceView: waiting for the signature", () => {
    async function waitingBackend(scenario: Scenario = "E"): Promise<FakeBackend> {
        const backend = fake(scenario);
        const state = await backend.getInvoice("2026-10");
        await backend.saveInvoiceAnswers("2026-10", {
            ...state.answers,
            lssActivity: false,
            hospitalStay: false,
            outsideEea: false,
            lastMonthOfPeriod: false,
        });
        expect((await backend.submitInvoice("2026-10")).status).toBe("waiting");
        return backend;
    }

    it("explains, polls every 2 seconds and shows the receipt when FK has received it", async () => {
        vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldAdvanceTime: true });
        const backend = await waitingBackend();
        backend.invoice.settings.pollsUntilDone = 3;
        const poll = vi.spyOn(backend, "getInvoice");
        await mountInvoice(backend);
        expect(byTest("invoice-waiting")?.textContent).toContain("BankID");
        expect(poll).toHaveBeenCalledTimes(1);
        expect(await axeViolations(document.body)).toEqual([]);

        await vi.advanceTimersByTimeAsync(2000);
        await settle();
        expect(poll).toHaveBeenCalledTimes(2);
        expect(byTest("invoice-receipt")).toBeNull();

        await vi.advanceTimersByTimeAsync(2000);
        await settle();
        expect(poll).toHaveBeenCalledTimes(3);
        const receipt = byTest("invoice-receipt");
        expect(receipt?.textContent).toContain("Försäkringskassan har tagit emot räkningen");
        const state = backend.invoice.get("2026-10");
        expect(byTest("invoice-fingerprint")?.textContent).toBe(state.fingerprint);
        expect(byTest("invoice-received-at")?.textContent).toBe("23 november 2026 14:05");
        expect(document.activeElement?.id).toBe("invoice-receipt-heading");
        expect(await axeViolations(document.body)).toEqual([]);

        await vi.advanceTimersByTimeAsync(6000);
        expect(poll).toHaveBeenCalledTimes(3);
    });

    it("says when FK's page reported the outcome that FK has not confirmed, and keeps asking until it does", async () => {
        vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldAdvanceTime: true });
        const backend = await waitingBackend();
        backend.invoice.settings.pollsUntilDone = 1;
        backend.invoice.settings.unconfirmedPolls = 2;
        const poll = vi.spyOn(backend, "getInvoice");
        await mountInvoice(backend);
        const reported = byTest("invoice-reported");
        expect(reported?.dataset.reported).toBe("received");
        expect(reported?.textContent).toContain("Meddelat men inte bekräftat");
        expect(reported?.textContent).toContain("räknas inte som mottagen");
        expect(byTest("invoice-reported-at")?.textContent).toBe("Meddelat 2026-11-23 14:05.");
        expect(byTest("invoice-receipt")).toBeNull();
        expect(byTest("invoice-waiting")).not.toBeNull();
        expect(await axeViolations(document.body)).toEqual([]);

        // Avbryt stays possible, with a warning about a second invoice.
        await click(byTest("invoice-cancel"));
        expect(byTest("invoice-cancel-reported-warning")?.textContent).toContain("två räkningar");
        await click(byTest("invoice-cancel-keep"));

        await vi.advanceTimersByTimeAsync(2000);
        await settle();
        expect(poll).toHaveBeenCalledTimes(2);
        expect(byTest("invoice-receipt")).toBeNull();
        expect(byTest("invoice-reported")).not.toBeNull();

        // The status API answers: the receipt.
        await vi.advanceTimersByTimeAsync(2000);
        await settle();
        expect(poll).toHaveBeenCalledTimes(3);
        expect(byTest("invoice-receipt")?.textContent).toContain("Försäkringskassan har tagit emot räkningen");
        expect((await backend.invoice.get("2026-10")).reported).toBeNull();
    });

    it("stops polling when the screen is left", async () => {
        vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldAdvanceTime: true });
        const backend = await waitingBackend();
        backend.invoice.settings.pollsUntilDone = 100;
        const poll = vi.spyOn(backend, "getInvoice");
        const { wrapper } = await mountInvoice(backend);
        await vi.advanceTimersByTimeAsync(2000);
        await settle();
        expect(poll).toHaveBeenCalledTimes(2);
        wrapper.unmount();
        await vi.advanceTimersByTimeAsync(10_000);
        expect(poll).toHaveBeenCalledTimes(2);
    });

    it("opens FK's page again", async () => {
        const backend = await waitingBackend();
        await mountInvoice(backend);
        await click(byTest("invoice-reopen"));
        expect(byTest("invoice-reopened")).not.toBeNull();
        expect(backend.invoice.openedPages).toEqual(["2026-10", "2026-10"]);
    });

    it("cancels after a confirmation and shows the questions again with the answers kept", async () => {
        const backend = await waitingBackend();
        backend.invoice.settings.pollsUntilDone = 100;
        await mountInvoice(backend);
        await click(byTest("invoice-cancel"));
        expect(document.querySelector('[role="dialog"]')).not.toBeNull();
        expect(await axeViolations(document.body)).toEqual([]);
        await click(byTest("invoice-cancel-keep"));
        expect(byTest("invoice-waiting")).not.toBeNull();
        expect((await backend.invoice.get("2026-10")).status).toBe("waiting");

        await click(byTest("invoice-cancel"));
        await click(byTest("invoice-cancel-confirm"));
        await saved();
        expect(byTest("invoice-waiting")).toBeNull();
        expect(byTest("invoice-notice")?.textContent).toContain("Du avbröt räkningen");
        expect(input("invoice-last-month-of-period-no").checked).toBe(true);
        expect(document.activeElement?.id).toBe("invoice-questions-heading");
        await next();
        await submit();
        expect(byTest("invoice-waiting")).not.toBeNull();
    });

    it("explains an invoice that expired at FK and lets it be sent again", async () => {
        vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldAdvanceTime: true });
        const backend = await waitingBackend();
        backend.invoice.settings.outcome = "expired";
        backend.invoice.settings.pollsUntilDone = 1;
        await mountInvoice(backend);
        expect(byTest("invoice-notice")?.textContent).toContain("gick ut");
        await next();
        await submit();
        expect(byTest("invoice-waiting")).not.toBeNull();
    });
});

describe("InvoiceView: without a household", () => {
    it("says to fill in the household first, with a link", async () => {
        await mountInvoice(new FakeBackend({ today: TODAY }));
        const box = byTest("invoice-load-error");
        expect(box?.textContent).toContain("Fyll i hushållet först");
        expect(box?.querySelector("a")?.getAttribute("href")).toMatch(/\/household$/);
        expect(await axeViolations(document.body)).toEqual([]);
    });
});

/** A validation text of FK's own, as the backend passes it on. */
function fkProblem(field: string, message: string): FieldProblem {
    return { field, message, key: "text.verbatim", params: { text: { type: "text", value: message } } };
}
