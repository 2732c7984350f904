import { describe, expect, it } from "vitest";
import type { InvoiceAnswers, QuestionId } from "../../backend/types";
import { fieldIdOf, isDate, joinDateTime, splitDateTime, visibleQuestions } from "./invoice-form";

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

describe("visibleQuestions", () => {
    const d: QuestionId[] = ["lssActivity", "hospitalStay", "outsideEea", "phone", "lastMonthOfPeriod", "signer"];

    it("keeps the backend's order and leaves out ids it does not know", () => {
        expect(visibleQuestions(["phone", "lssActivity", "futureQuestion" as QuestionId], emptyAnswers())).toEqual(["phone", "lssActivity"]);
    });

    it("opens the last-month block right after lastMonthOfPeriod while it is Yes", () => {
        const answers = { ...emptyAnswers(), lastMonthOfPeriod: true };
        expect(visibleQuestions(d, answers)).toEqual([
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
        expect(visibleQuestions(d, { ...answers, lastMonthOfPeriod: false })).toEqual(d);
    });

    it("uses the backend's place for the block when it lists it, and hides it while the answer is not Yes", () => {
        const listed: QuestionId[] = ["lastMonthOfPeriod", "phone", "costs", "period", "moneyLeft", "repayment"];
        expect(visibleQuestions(listed, { ...emptyAnswers(), lastMonthOfPeriod: true })).toEqual(listed);
        expect(visibleQuestions(listed, emptyAnswers())).toEqual(["lastMonthOfPeriod", "phone"]);
    });
});

describe("fieldIdOf", () => {
    it.each([
        ["lssActivity", "invoice-lss-activity"],
        ["lssKinds", "invoice-lss-kinds"],
        ["hospitalStays", "invoice-hospital-0-from-date"],
        ["hospitalStays[2]", "invoice-hospital-2-from-date"],
        ["hospitalStays[1].from", "invoice-hospital-1-from-date"],
        ["hospitalStays[1].to", "invoice-hospital-1-to-date"],
        ["previousPaymentUsed", "invoice-previous-payment"],
        ["previousPaymentRemaining", "invoice-previous-payment-remaining"],
        ["costs.workEnvironment", "invoice-costs-work-environment"],
        ["periodFrom", "invoice-period-from"],
        ["periodTo", "invoice-period-to"],
        ["moneyLeftAmount", "invoice-money-left-amount"],
        ["repayment", "invoice-repayment"],
        ["signerRole", "invoice-signer-role"],
        ["signerPersonnummer", "invoice-signer-personnummer"],
        ["signerNameInPrint", "invoice-signer-name-in-print"],
        ["phone", "invoice-phone"],
    ])("%s → #%s", (path, id) => {
        expect(fieldIdOf(path)).toBe(id);
    });

    it("has no field for the month or unknown paths", () => {
        expect(fieldIdOf("month")).toBeNull();
        expect(fieldIdOf("invoice.answers.costs.wagesOre")).toBeNull();
        expect(fieldIdOf("hospitalStays[x].from")).toBeNull();
    });
});

describe("hospital stay date and time", () => {
    it("splits and joins without losing what was typed", () => {
        for (const value of ["2026-10-03T14:00", "2026-10-03T", "T14:00", "", "2026-10"]) {
            expect(joinDateTime(splitDateTime(value))).toBe(value === "2026-10" ? "2026-10T" : value);
        }
        expect(splitDateTime("2026-10-03T14:00")).toEqual({ date: "2026-10-03", time: "14:00" });
        expect(joinDateTime({ date: "", time: "" })).toBe("");
    });

    it("reads dates strictly, for display", () => {
        expect(isDate("2026-02-28")).toBe(true);
        expect(isDate("2026-02-29")).toBe(false);
        expect(isDate("20261003")).toBe(false);
    });
});
