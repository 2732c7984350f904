/**
 * The invoice's own validators for FKUI's `v-validation` (comfort only; the backend checks
 * again on submit). Each accepts an empty value (`required` decides that) and gets its
 * message from the field's config (`{ invoiceAmount: { errorMessage } }`):
 *
 * - `invoiceAmount`: kronor as src/domain/money.ts reads them ("1 234,50").
 *
 * Dates and times have no copy here: the core reads them (`timbok_core::typed_time`, the
 * same reading as Månad's: "8" is 08:00, 2026-11-31 "finns inte") and puts its problems on
 * their fields.
 */
import { ValidationService, type Validator } from "@fkui/logic";
import { parseKronor } from "../../domain/money";

const INVOICE_VALIDATORS: Validator[] = [
    { name: "invoiceAmount", validation: (value: string) => value.trim() === "" || parseKronor(value) !== null },
];

/** Register the validators (idempotent). */
export function registerInvoiceValidators(): void {
    for (const validator of INVOICE_VALIDATORS) {
        ValidationService.registerValidator(validator);
    }
}
