import { describe, expect, it } from "vitest";
import type { InvoiceAnswers, QuestionId, Scenario } from "../../backend/types";
import { byTest, mountWithApp } from "../../test/mount";
import type { QuestionTexts } from "../XInvoiceWizard/invoice-form";
import XInvoiceSummary from "./XInvoiceSummary.vue";

/** Nothing answered yet (what get_invoice holds before the household pre-fills the signer). */
function emptyAnswers(): InvoiceAnswers {
    return {
        lssActivity: null,
        lssKinds: [],
        hospitalStay: null,
        hospitalStays: [],
        outsideEea: null,
        previousPaymentUsed: null,
        previousPaymentRemaining: "",
        lastMonthOfPeriod: null,
        costs: { wages: "", overheads: "", training: "", workEnvironment: "" },
        periodFrom: "",
        periodTo: "",
        moneyLeft: null,
        moneyLeftAmount: "",
        repayment: null,
        signerRole: null,
        signerPersonnummer: "",
        signerNameInPrint: "",
        phone: "",
    };
}

const KEYS: Partial<Record<QuestionId, string>> = {
    lssActivity: "invoice_question.lss_activity",
    hospitalStay: "invoice_question.hospital_stay",
    outsideEea: "invoice_question.outside_eea",
    previousPayment: "invoice_question.previous_payment",
    lastMonthOfPeriod: "invoice_question.last_month_of_period",
    moneyLeft: "invoice_question.money_left",
};

/** The Ja/Nej texts as the backend sends them: naming the person in B, C, E, F (not LSS). */
function textsFor(scenario: Scenario): QuestionTexts {
    const named = !["A", "D"].includes(scenario);
    return Object.fromEntries(
        Object.entries(KEYS).map(([question, key]) =>
            named && question !== "lssActivity"
                ? [question, { key: `${key}_of`, params: { person: { type: "text", value: "Elsa" } } }]
                : [question, { key, params: {} }],
        ),
    ) as QuestionTexts;
}

async function rows(scenario: Scenario, questions: QuestionId[], answers: InvoiceAnswers): Promise<Record<string, string[]>> {
    await mountWithApp(XInvoiceSummary, { props: { scenario, questions, questionTexts: textsFor(scenario), answers } });
    return Object.fromEntries(
        questions.map((question) => [
            question,
            Array.from(byTest(`invoice-summary-${question}`)?.querySelectorAll("dd") ?? []).map((dd) => dd.textContent?.trim() ?? ""),
        ]),
    );
}

describe("XInvoiceSummary", () => {
    it("writes every question of FK with its answer, in the order given", async () => {
        const answers: InvoiceAnswers = {
            ...emptyAnswers(),
            lssActivity: true,
            lssKinds: ["barnomsorg"],
            hospitalStay: true,
            hospitalStays: [
                { from: "2026-10-03T14:00", to: "2026-10-05T10:00" },
                { from: "2026-10-3T1400", to: "" },
            ],
            outsideEea: true,
            previousPaymentUsed: false,
            previousPaymentRemaining: "1234,5",
            signerRole: "god_man",
            signerPersonnummer: "19811218-9876",
            signerNameInPrint: "Gunnar God",
            phone: "070-123 45 67",
        };
        const questions: QuestionId[] = ["phone", "lssActivity", "hospitalStay", "outsideEea", "previousPayment", "signer"];
        const result = await rows("C", questions, answers);
        expect(Array.from(document.querySelectorAll("dt")).map((dt) => dt.textContent?.trim())).toEqual([
            "Telefonnummer",
            "Har assistans utförts i barnomsorg, skola eller daglig verksamhet enligt LSS?",
            "Har Elsa vårdats på sjukhus den här månaden?",
            "Har Elsa vistats i ett land utanför EES-området och anlitat en assistent på plats?",
            "Har föregående månads utbetalning för Elsa använts till köp av personlig assistans?",
            "Uppgift om ställföreträdare",
        ]);
        expect(result).toEqual({
            phone: ["070-123 45 67"],
            lssActivity: ["Ja: barnomsorg"],
            hospitalStay: ["Ja", "3 oktober 2026 kl. 14:00 till 5 oktober 2026 kl. 10:00", "2026-10-3T1400 till Inte besvarad"],
            outsideEea: ["Ja"],
            previousPayment: ["Nej. Kvar: 1 234,50 kr"],
            signer: ["Roll: God man", "Namnförtydligande: Gunnar God", "Personnummer: 19811218-9876"],
        });
    });

    it("says what is not answered, and shows amounts it cannot read as typed", async () => {
        const answers: InvoiceAnswers = {
            ...emptyAnswers(),
            lastMonthOfPeriod: true,
            costs: { wages: "mycket", overheads: "", training: "0", workEnvironment: "12 345" },
            periodFrom: "2026-05-01",
            periodTo: "31/10",
            moneyLeft: false,
        };
        const result = await rows("D", ["lssActivity", "lastMonthOfPeriod", "costs", "period", "moneyLeft", "repayment", "phone"], answers);
        expect(result).toEqual({
            lssActivity: ["Inte besvarad"],
            lastMonthOfPeriod: ["Ja"],
            costs: [
                "Lön och lönebikostnader: mycket",
                "Assistansomkostnader: Inte besvarad",
                "Utbildning: 0,00 kr",
                "Arbetsmiljö och personal: 12 345,00 kr",
            ],
            period: ["Från och med: 1 maj 2026", "Till och med: 31/10"],
            moneyLeft: ["Nej"],
            repayment: ["Inte besvarad"],
            phone: ["Inte besvarad"],
        });
    });
});
