import { describe, expect, it } from "vitest";
import { BackendError } from "./errors";
import { FakeBackend } from "./fake";
import { questionsFor } from "./fake-invoice";
import type { Employment, FieldProblem, Household, InvoiceAnswers, Scenario, Shift, SignerRole } from "./types";

const TODAY = new Date(2026, 10, 23, 14, 5, 0);
const MONTH = "2026-10";

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

const anna = {
    id: 1,
    personnummer: "198112189876",
    idKind: "personnummer" as const,
    firstName: "Anna",
    lastName: "Andersson",
    phone: null,
    employedByPerson: true,
    collectiveAgreement: false,
    employer: { kind: "provider" as const },
    calculationPeriods: { start: "2024-01-01", weeks: 4 },
};

const shifts: Shift[] = [
    { id: 1, assistantId: 1, start: "2026-10-05T08:00", end: "2026-10-05T16:30", kind: "aktiv", note: null },
    { id: 2, assistantId: 1, start: "2026-10-24T22:00", end: "2026-10-25T07:00", kind: "beredskap", note: null },
];

function fake(scenario: Scenario = "E"): FakeBackend {
    return new FakeBackend({ today: TODAY, household: household(scenario), assistants: [anna], shifts });
}

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
    const error: unknown = await promise.then(
        () => undefined,
        (e: unknown) => e,
    );
    if (!(error instanceof BackendError)) {
        throw new Error(`expected a BackendError, got ${String(error)}`);
    }
    return error;
}

/** A complete answer for scenario E in the last month of the period. */
function completeE(answers: InvoiceAnswers): InvoiceAnswers {
    return {
        ...answers,
        lssActivity: true,
        lssKinds: ["skola"],
        hospitalStay: true,
        hospitalStays: [{ from: "2026-10-03T14:00", to: "2026-10-05T10:00" }],
        outsideEea: false,
        lastMonthOfPeriod: true,
        costs: { wages: "123 456,50", overheads: "10000", training: "0", workEnvironment: "1 500" },
        periodFrom: "2026-05-01",
        periodTo: "2026-10-31",
        moneyLeft: true,
        moneyLeftAmount: "2 000",
        repayment: "deductFromNextPayment",
    };
}

describe("fake invoice: questions", () => {
    it.each([
        ["A", ["lssActivity", "hospitalStay", "outsideEea", "previousPayment", "phone"]],
        ["B", ["lssActivity", "hospitalStay", "outsideEea", "previousPayment", "phone", "signer"]],
        ["C", ["lssActivity", "hospitalStay", "outsideEea", "previousPayment", "phone", "signer"]],
        ["D", ["lssActivity", "hospitalStay", "outsideEea", "phone", "lastMonthOfPeriod"]],
        ["E", ["lssActivity", "hospitalStay", "outsideEea", "phone", "lastMonthOfPeriod", "signer"]],
        ["F", ["lssActivity", "hospitalStay", "outsideEea", "phone", "lastMonthOfPeriod", "signer"]],
    ] as const)("scenario %s asks FK's questions in the seed's order", async (scenario, expected) => {
        const state = await fake(scenario).getInvoice(MONTH);
        expect(state.scenario).toBe(scenario);
        expect(state.questions).toEqual(expected);
    });

    it("asks the last-month block (D–F) only while lastMonthOfPeriod is Yes", async () => {
        const backend = fake("F");
        const state = await backend.getInvoice(MONTH);
        const saved = await backend.saveInvoiceAnswers(MONTH, { ...state.answers, lastMonthOfPeriod: true });
        expect(saved.questions).toEqual([
            "lssActivity",
            "hospitalStay",
            "outsideEea",
            "phone",
            "lastMonthOfPeriod",
            "costs",
            "period",
            "moneyLeft",
            "repayment",
            "signer",
        ]);
        expect(questionsFor("D", false)).not.toContain("costs");
    });

    it("fills the signer and the phone from the household the first time, with totals and due date", async () => {
        const state = await fake("E").getInvoice(MONTH);
        expect(state.answers).toMatchObject({
            signerRole: "vardnadshavare",
            signerPersonnummer: "19811218-9876",
            signerNameInPrint: "Vera Vårdnadshavare",
            phone: "070-123 45 67",
            lssActivity: null,
        });
        expect(state.status).toBe("draft");
        expect(state.due).toBe("2026-12-05");
        /* 22:00–07:00 in the night the clocks go back is 10 real hours. */
        expect(state.totals).toEqual({ aktiv: 510, vantetid: 0, beredskap: 600 });
        const a = await fake("A").getInvoice(MONTH);
        expect(a.answers).toMatchObject({ signerRole: "self", signerPersonnummer: "", phone: "070-111 22 33" });
    });

    it("refuses without a household, and a month that is not YYYY-MM", async () => {
        const empty = new FakeBackend({ today: TODAY });
        expect((await rejection(empty.getInvoice(MONTH))).code).toBe("not_allowed");
        const error = await rejection(fake().getInvoice("2026-13"));
        expect(error).toMatchObject({ code: "invalid_input", field: "month" });
    });
});

describe("fake invoice: saving", () => {
    it("stores the answers exactly as typed, and keeps them across calls", async () => {
        const backend = fake("A");
        const state = await backend.getInvoice(MONTH);
        await backend.saveInvoiceAnswers(MONTH, {
            ...state.answers,
            previousPaymentUsed: false,
            previousPaymentRemaining: "tolv kronor",
            hospitalStay: true,
            hospitalStays: [{ from: "2026-10-0", to: "" }],
        });
        const again = await backend.getInvoice(MONTH);
        expect(again.answers).toMatchObject({
            previousPaymentUsed: false,
            previousPaymentRemaining: "tolv kronor",
            hospitalStays: [{ from: "2026-10-0", to: "" }],
        });
    });
});

describe("fake invoice: submitting", () => {
    it("lists every missing answer on its field", async () => {
        const backend = fake("E");
        const state = await backend.submitInvoice(MONTH);
        expect(state.status).toBe("draft");
        expect(state.problems.map((it) => it.field)).toEqual(["lssActivity", "hospitalStay", "outsideEea", "lastMonthOfPeriod"]);
        expect(state.problems[0]?.message).toMatch(/Svara Ja eller Nej/);
        expect(state.message).toMatch(/Rätta/);
    });

    it("checks follow-ups: kinds, hospital stays, amounts, the period, the signer and the phone", async () => {
        const backend = fake("E");
        const state = await backend.getInvoice(MONTH);
        await backend.saveInvoiceAnswers(MONTH, {
            ...completeE(state.answers),
            lssKinds: [],
            hospitalStays: [
                { from: "2026-10-03T14:00", to: "2026-10-03T12:00" },
                { from: "2026-1003 14", to: "2026-10-05T10:00" },
                { from: "2026-12-01T10:00", to: "2026-12-02T10:00" },
            ],
            costs: { wages: "12,345", overheads: "", training: "0", workEnvironment: "1 500,5" },
            periodFrom: "2026-05-01",
            periodTo: "2026-09-30",
            moneyLeftAmount: "0",
            signerPersonnummer: "19121212-1212",
            signerNameInPrint: " ",
            phone: "abc",
        });
        const result = await backend.submitInvoice(MONTH);
        expect(result.problems.map((it) => it.field)).toEqual([
            "lssKinds",
            "hospitalStays[0].to",
            "hospitalStays[1].from",
            "hospitalStays[2].from",
            "costs.wages",
            "costs.overheads",
            "periodTo",
            "moneyLeftAmount",
            "signerPersonnummer",
            "signerNameInPrint",
            "phone",
        ]);
        const byField = new Map(result.problems.map((it) => [it.field, it.message]));
        expect(byField.get("costs.wages")).toContain("1 234,50");
        expect(byField.get("hospitalStays[2].from")).toContain("oktober 2026");
        expect(byField.get("signerPersonnummer")).toMatch(/den som skriver under/);
    });

    it("refuses a month that has not ended", async () => {
        const backend = fake("E");
        const state = await backend.submitInvoice("2026-11");
        expect(state.problems[0]).toMatchObject({ field: "month" });
        expect(state.problems[0]?.message).toContain("november 2026");
    });

    it("sends a complete invoice, waits for the signature and is received after a few polls", async () => {
        const backend = fake("E");
        const state = await backend.getInvoice(MONTH);
        await backend.saveInvoiceAnswers(MONTH, completeE(state.answers));
        const sent = await backend.submitInvoice(MONTH);
        expect(sent.status).toBe("waiting");
        expect(sent.fingerprint).toMatch(/^[0-9a-f]{32}$/);
        expect(sent.submittedAt).toBe("2026-11-23T14:05");
        expect(sent.problems).toEqual([]);
        expect(backend.invoice.openedPages).toEqual([MONTH]);

        expect((await rejection(backend.saveInvoiceAnswers(MONTH, sent.answers))).code).toBe("not_allowed");
        expect((await backend.getInvoice(MONTH)).status).toBe("waiting");
        const received = await backend.getInvoice(MONTH);
        expect(received).toMatchObject({ status: "received", fingerprint: sent.fingerprint, receivedAt: "2026-11-23T14:05" });
        expect((await rejection(backend.submitInvoice(MONTH))).code).toBe("not_allowed");

        const journal = await backend.getCallJournal();
        expect(journal.map((it) => it.endpoint)).toEqual([
            `GET /public/v1/status/${String(sent.fingerprint)}`,
            `GET /public/v1/status/${String(sent.fingerprint)}`,
            "POST /public/v1/create",
        ]);
        expect(journal[0]).toMatchObject({ service: "erak", status: 200, at: "2026-11-23T14:05:00" });
        const bodies = journal.map((it) => it.body).join("\n");
        expect(bodies).not.toContain("191212121212");
        expect(bodies).not.toContain("Tolvan");
        expect(bodies).not.toContain("070-123");
    });

    it("puts FK's 400 problems on the named fields and stays a draft", async () => {
        const backend = fake("E");
        const state = await backend.getInvoice(MONTH);
        await backend.saveInvoiceAnswers(MONTH, completeE(state.answers));
        backend.invoice.rejectNextSubmit([fkProblem("costs.training", "Beloppet är för stort.")]);
        const refused = await backend.submitInvoice(MONTH);
        expect(refused).toMatchObject({ status: "draft", problems: [{ field: "costs.training", message: "Beloppet är för stort." }] });
        expect((await backend.getCallJournal())[0]).toMatchObject({ endpoint: "POST /public/v1/create", status: 400 });
        expect((await backend.submitInvoice(MONTH)).status).toBe("waiting");
    });

    it("rejects with `network` when FK does not answer, and keeps the answers", async () => {
        const backend = fake("E");
        const state = await backend.getInvoice(MONTH);
        const answers = completeE(state.answers);
        await backend.saveInvoiceAnswers(MONTH, answers);
        backend.invoice.failNextSubmitWithNetwork();
        const error = await rejection(backend.submitInvoice(MONTH));
        expect(error.code).toBe("network");
        expect(error.message).toMatch(/sparad/);
        const after = await backend.getInvoice(MONTH);
        expect(after.status).toBe("draft");
        expect(after.answers).toEqual(answers);
        expect((await backend.getCallJournal())[0]).toMatchObject({ status: null });
    });

    it("cancels a waiting invoice back to a draft, and ends as FK says (cancelled, expired)", async () => {
        const backend = fake("E");
        const state = await backend.getInvoice(MONTH);
        await backend.saveInvoiceAnswers(MONTH, completeE(state.answers));
        expect((await rejection(backend.cancelInvoice(MONTH))).code).toBe("not_allowed");
        await backend.submitInvoice(MONTH);
        await backend.reopenInvoicePage(MONTH);
        expect(backend.invoice.openedPages).toEqual([MONTH, MONTH]);
        const cancelled = await backend.cancelInvoice(MONTH);
        expect(cancelled.status).toBe("draft");
        expect(cancelled.message).toMatch(/avbröt/);
        expect((await rejection(backend.reopenInvoicePage(MONTH))).code).toBe("not_allowed");

        backend.invoice.settings.outcome = "expired";
        backend.invoice.settings.pollsUntilDone = 1;
        await backend.submitInvoice(MONTH);
        const expired = await backend.getInvoice(MONTH);
        expect(expired.status).toBe("expired");
        expect((await backend.submitInvoice(MONTH)).status).toBe("waiting");
    });
});

describe("fake invoice: overview, journal, support report", () => {
    it("lists months with hours or an invoice, newest first, with due date, overdue, reports and invoice", async () => {
        const backend = fake("E");
        await backend.getInvoice("2026-08");
        const overview = await backend.getOverview();
        expect(overview.map((it) => it.month)).toEqual(["2026-10", "2026-08"]);
        expect(overview[0]).toMatchObject({
            due: "2026-12-05",
            overdue: false,
            reports: [{ assistantName: "Anna Andersson", status: "open", txId: null, problem: null }],
            invoice: null,
        });
        expect(overview[1]).toMatchObject({
            due: "2026-10-05",
            overdue: true,
            reports: [],
            invoice: { status: "draft", fingerprint: null, problem: null },
        });
        await backend.submitInvoice("2026-08");
        expect((await backend.getOverview())[1]?.invoice?.problem).toMatch(/uppgifter behöver rättas/);
    });

    it("writes a support report without personal data, for a known fingerprint or none", async () => {
        const backend = fake("E");
        const state = await backend.getInvoice(MONTH);
        await backend.saveInvoiceAnswers(MONTH, completeE(state.answers));
        const sent = await backend.submitInvoice(MONTH);
        const path = await backend.exportSupportReport(sent.fingerprint);
        expect(path).toBe("(minne)/supportrapport-20261123-140500.txt");
        const report = backend.invoice.supportReports.at(-1)?.content ?? "";
        expect(report).toContain(String(sent.fingerprint));
        expect(report).toContain("POST /public/v1/create");
        expect(report).not.toMatch(/191212121212|19811218|Tolvan|Vera|070-/);
        await expect(backend.exportSupportReport(null)).resolves.toMatch(/supportrapport/);
        const error = await rejection(backend.exportSupportReport("nope"));
        expect(error).toMatchObject({ code: "invalid_input", field: "fingerprint" });
    });
});

/** A validation text of FK's own, as the backend passes it on. */
function fkProblem(field: string, message: string): FieldProblem {
    return { field, message, key: "text.verbatim", params: { text: { type: "text", value: message } } };
}
