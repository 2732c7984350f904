/**
 * Timbok's own validators for FKUI's `v-validation` directive, registered with FKUI's
 * ValidationService. They reuse src/domain so that the form and (by the same
 * rules) the Rust side agree. Each one accepts an empty value: `required`
 * decides whether a field may be empty.
 *
 * One validator per reason, so that the message says exactly what to fix:
 *
 *     <f-text-field
 *         v-validation.required.identityFormat.identityDate.identityChecksum="{ ... }"
 *     >
 */
import { ValidationService, type Validator } from "@fkui/logic";
import { isHeaderName, isHttpsUrl, isOriginOnly } from "../domain/endpoints";
import { isValidGrantedHours, isValidPhone } from "../domain/household";
import {
    parseIdentityNumber,
    parseOrganisationsnummer,
    type IdentityFailure,
    type OrganisationsnummerFailure,
} from "../domain/identity";

type Translate = (key: string) => string;

function identityReasonValidator(name: string, reason: IdentityFailure): Validator {
    return {
        name,
        validation(value: string): boolean {
            if (value.trim() === "") {
                return true;
            }
            const result = parseIdentityNumber(value);
            return result.ok || result.reason !== reason;
        },
    };
}

function organisationsnummerReasonValidator(name: string, reason: OrganisationsnummerFailure): Validator {
    return {
        name,
        validation(value: string): boolean {
            if (value.trim() === "") {
                return true;
            }
            const result = parseOrganisationsnummer(value);
            return result.ok || result.reason !== reason;
        },
    };
}

/** Validator name → translation key of its message. */
export const VALIDATOR_MESSAGES = {
    identityFormat: "validation.identity.format",
    identityDate: "validation.identity.date",
    identityChecksum: "validation.identity.checksum",
    identityNotSamordningsnummer: "validation.identity.notPersonnummer",
    organisationsnummerFormat: "validation.organisationsnummer.format",
    organisationsnummerType: "validation.organisationsnummer.type",
    organisationsnummerChecksum: "validation.organisationsnummer.checksum",
    phone: "validation.phone",
    grantedHours: "validation.grantedHours",
    httpsUrl: "validation.httpsUrl",
    origin: "validation.origin",
    headerName: "validation.headerName",
} as const;

export type TimbokValidatorName = keyof typeof VALIDATOR_MESSAGES;

export const validators: Validator[] = [
    identityReasonValidator("identityFormat", "format"),
    identityReasonValidator("identityDate", "date"),
    identityReasonValidator("identityChecksum", "checksum"),
    {
        /* For the person and the signer: a samordningsnummer is not enough. */
        name: "identityNotSamordningsnummer",
        validation(value: string): boolean {
            const result = parseIdentityNumber(value);
            return !result.ok || result.kind === "personnummer";
        },
    },
    organisationsnummerReasonValidator("organisationsnummerFormat", "format"),
    organisationsnummerReasonValidator("organisationsnummerType", "type"),
    organisationsnummerReasonValidator("organisationsnummerChecksum", "checksum"),
    {
        name: "phone",
        validation(value: string): boolean {
            return isValidPhone(value);
        },
    },
    {
        name: "grantedHours",
        validation(value: string): boolean {
            return isValidGrantedHours(value);
        },
    },
    {
        name: "httpsUrl",
        validation(value: string): boolean {
            return isHttpsUrl(value);
        },
    },
    {
        name: "origin",
        validation(value: string): boolean {
            return isOriginOnly(value);
        },
    },
    {
        name: "headerName",
        validation(value: string): boolean {
            return isHeaderName(value);
        },
    },
];

/** Register the validators (idempotent). Call after `app.use(ValidationPlugin)`. */
export function registerValidators(): void {
    for (const validator of validators) {
        ValidationService.registerValidator(validator);
    }
}

/** Give the validators their messages in the current language. Call again when it changes. */
export function setValidatorMessages(t: Translate): void {
    const messages: Record<string, string> = {};
    for (const [name, key] of Object.entries(VALIDATOR_MESSAGES)) {
        messages[name] = t(key);
    }
    ValidationService.setErrorMessages(messages);
}
