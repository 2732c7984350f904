/**
 * The invoice's own validators for FKUI's `v-validation` (comfort only; the backend checks
 * again on submit). Each accepts an empty value (`required` decides that) and gets its
 * message from the field's config (`{ invoiceAmount: { errorMessage } }`):
 *
 * - `invoiceAmount`: kronor as src/domain/money.ts reads them ("1 234,50");
 * - `invoiceDate`: "YYYY-MM-DD", a date that exists;
 * - `invoiceClock`: "HH:MM", 00:00–23:59.
 */
import { ValidationService, type Validator } from "@fkui/logic";
import { parseKronor } from "../../domain/money";
import { isClock, isDate } from "./invoice-form";

const INVOICE_VALIDATORS: Validator[] = [
    { name: "invoiceAmount", validation: (value: string) => value.trim() === "" || parseKronor(value) !== null },
    { name: "invoiceDate", validation: (value: string) => value.trim() === "" || isDate(value) },
    { name: "invoiceClock", validation: (value: string) => value.trim() === "" || isClock(value) },
];

/** Register the validators (idempotent). */
export function registerInvoiceValidators(): void {
    for (const validator of INVOICE_VALIDATORS) {
        ValidationService.registerValidator(validator);
    }
}
