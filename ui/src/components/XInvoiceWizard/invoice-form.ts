/**
 * The invoice wizard's rules that are not markup: which questions show, the id of the input
 * that carries each answer's errors, hospital stays as date + time fields, and the timing of
 * saving and polling.
 *
 * Field paths are the InvoiceAnswers property paths of docs/ipc.md ("costs.wages",
 * "hospitalStays[0].from", "signerPersonnummer" …). A path that names no input on the screen
 * (e.g. "month") is shown in the general list above the form.
 */
import type { HospitalStayInput, InvoiceAnswers, QuestionId } from "../../backend/types";
import { backendText, type BackendMessage } from "../../i18n/backend-messages";

/** The Ja/Nej questions' texts from the backend (`InvoiceState.questionTexts`). */
export type QuestionTexts = Partial<Record<QuestionId, BackendMessage>>;

/**
 * A Ja/Nej question in the window's language, as the backend words it: naming the person with
 * assistance when someone else fills in ("Har Ella vårdats på sjukhus …"). Empty for a
 * question the backend has no text for.
 */
export function questionText(texts: QuestionTexts, question: QuestionId, locale: string): string {
    const text = texts[question];
    return text ? backendText(text, locale) : "";
}

/** Why the invoice is back in the wizard, when the parent knows it. */
export type WizardNotice = "cancelledByYou" | null;

/** Timing of the invoice screen; tests may lower them. */
export const invoiceTiming = {
    /** Wait this long after a field is left before saving (more changes restart the wait). */
    saveDelayMs: 400,
    /** Ask for FK's status this often while the invoice waits for the signature. */
    pollMs: 2000,
};

export const KNOWN_QUESTIONS: readonly QuestionId[] = [
    "lssActivity",
    "hospitalStay",
    "outsideEea",
    "previousPayment",
    "lastMonthOfPeriod",
    "costs",
    "period",
    "moneyLeft",
    "repayment",
    "signer",
    "phone",
];

/** Asked only in the last month of the granted period (D–F). */
export const LAST_MONTH_QUESTIONS: readonly QuestionId[] = ["costs", "period", "moneyLeft", "repayment"];

export const COST_FIELDS = ["wages", "overheads", "training", "workEnvironment"] as const;
export type CostField = (typeof COST_FIELDS)[number];

export const LSS_KINDS = ["barnomsorg", "skola", "dagligVerksamhet"] as const;

/**
 * The questions to show, in the backend's order. The last-month block shows while
 * "lastMonthOfPeriod" is answered Yes here (also before the backend has heard of it), right
 * after that question unless the backend lists it elsewhere. Unknown ids are left out.
 */
export function visibleQuestions(questions: readonly QuestionId[], answers: InvoiceAnswers): QuestionId[] {
    const lastMonth = answers.lastMonthOfPeriod === true;
    const shown: QuestionId[] = [];
    for (const question of questions) {
        if (!KNOWN_QUESTIONS.includes(question) || shown.includes(question)) {
            continue;
        }
        if (LAST_MONTH_QUESTIONS.includes(question)) {
            if (lastMonth) {
                shown.push(question);
            }
            continue;
        }
        shown.push(question);
        if (question === "lastMonthOfPeriod" && lastMonth) {
            shown.push(...LAST_MONTH_QUESTIONS.filter((it) => !questions.includes(it)));
        }
    }
    return shown;
}

/* ---- ids of the inputs ---- */

export const QUESTION_FIELD_IDS: Readonly<Record<QuestionId, string>> = {
    lssActivity: "invoice-lss-activity",
    hospitalStay: "invoice-hospital-stay",
    outsideEea: "invoice-outside-eea",
    previousPayment: "invoice-previous-payment",
    lastMonthOfPeriod: "invoice-last-month-of-period",
    costs: "invoice-costs-wages",
    period: "invoice-period-from",
    moneyLeft: "invoice-money-left",
    repayment: "invoice-repayment",
    signer: "invoice-signer-personnummer",
    phone: "invoice-phone",
};

export const COST_IDS: Readonly<Record<CostField, string>> = {
    wages: "invoice-costs-wages",
    overheads: "invoice-costs-overheads",
    training: "invoice-costs-training",
    workEnvironment: "invoice-costs-work-environment",
};

export type StayPart = "from-date" | "from-time" | "to-date" | "to-time";

export function stayFieldId(index: number, part: StayPart): string {
    return `invoice-hospital-${String(index)}-${part}`;
}

/** InvoiceAnswers path → id of the input that shows its error. */
const FIELD_IDS: Readonly<Record<string, string>> = {
    ...QUESTION_FIELD_IDS,
    lssKinds: "invoice-lss-kinds",
    hospitalStays: stayFieldId(0, "from-date"),
    previousPaymentUsed: QUESTION_FIELD_IDS.previousPayment,
    previousPaymentRemaining: "invoice-previous-payment-remaining",
    "costs.wages": COST_IDS.wages,
    "costs.overheads": COST_IDS.overheads,
    "costs.training": COST_IDS.training,
    "costs.workEnvironment": COST_IDS.workEnvironment,
    periodFrom: "invoice-period-from",
    periodTo: "invoice-period-to",
    moneyLeftAmount: "invoice-money-left-amount",
    signerRole: "invoice-signer-role",
    signerPersonnummer: "invoice-signer-personnummer",
    signerNameInPrint: "invoice-signer-name-in-print",
};

const STAY_PATH = /^hospitalStays\[(\d+)\](?:\.(from|to))?$/;

/** The id of the input for an InvoiceAnswers path, or null when the path names no input. */
export function fieldIdOf(path: string): string | null {
    const stay = STAY_PATH.exec(path);
    if (stay) {
        return stayFieldId(Number(stay[1]), stay[2] === "to" ? "to-date" : "from-date");
    }
    return FIELD_IDS[path] ?? null;
}

/* ---- hospital stays: "YYYY-MM-DDTHH:MM" as a date field and a time field ---- */

export interface StayParts {
    date: string;
    time: string;
}

/** "2026-10-03T14:00" → { date: "2026-10-03", time: "14:00" }; text without "T" is all date. */
export function splitDateTime(value: string): StayParts {
    const index = value.indexOf("T");
    return index < 0 ? { date: value, time: "" } : { date: value.slice(0, index), time: value.slice(index + 1) };
}

/** The inverse of splitDateTime (nothing typed is ""). */
export function joinDateTime(parts: StayParts): string {
    return parts.date === "" && parts.time === "" ? "" : `${parts.date}T${parts.time}`;
}

export function emptyStay(): HospitalStayInput {
    return { from: "", to: "" };
}

/* ---- reading a typed date for display only (the core checks it) ---- */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(value: string): boolean {
    const match = DATE.exec(value.trim());
    if (!match) {
        return false;
    }
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

