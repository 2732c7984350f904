/**
 * The household form's state and its mapping to and from the IPC types (docs/ipc.md).
 * The state keeps everything the user typed, also the signer's and the provider's details
 * while they are hidden, so that nothing is lost when an answer is changed back.
 */
import type { Employment, Household, HouseholdInput, Person, PersonInput, SignerRole } from "../../backend/types";
import { scenarioOf } from "../../domain/household";
import { formatIdentityNumber, formatOrganisationsnummer } from "../../domain/identity";
import type { Scenario } from "../../backend/types";

export interface PersonFields {
    personnummer: string;
    firstName: string;
    lastName: string;
    phone: string;
}

export interface HouseholdFormState {
    person: PersonFields;
    signerRole: SignerRole | "";
    signer: PersonFields;
    employment: Employment | "";
    provider: { name: string; organisationsnummer: string; contactPerson: string; phone: string };
    grantedHours: string;
}

/** Backend field path → id of the input that shows its error. */
export const HOUSEHOLD_FIELD_IDS: Readonly<Record<string, string>> = {
    "person.personnummer": "person-personnummer",
    "person.firstName": "person-first-name",
    "person.lastName": "person-last-name",
    "person.phone": "person-phone",
    signerRole: "signer-role",
    signer: "signer-personnummer",
    "signer.personnummer": "signer-personnummer",
    "signer.firstName": "signer-first-name",
    "signer.lastName": "signer-last-name",
    "signer.phone": "signer-phone",
    employment: "employment",
    provider: "provider-name",
    "provider.name": "provider-name",
    "provider.organisationsnummer": "provider-organisationsnummer",
    "provider.contactPerson": "provider-contact-person",
    "provider.phone": "provider-phone",
    grantedHoursPerMonth: "granted-hours",
};

function emptyPerson(): PersonFields {
    return { personnummer: "", firstName: "", lastName: "", phone: "" };
}

export function emptyHouseholdForm(): HouseholdFormState {
    return {
        person: emptyPerson(),
        signerRole: "",
        signer: emptyPerson(),
        employment: "",
        provider: { name: "", organisationsnummer: "", contactPerson: "", phone: "" },
        grantedHours: "",
    };
}

function personFields(person: Person): PersonFields {
    return {
        personnummer: formatIdentityNumber(person.personnummer),
        firstName: person.firstName,
        lastName: person.lastName,
        phone: person.phone ?? "",
    };
}

/** Fill the form from what the backend has stored. Hidden details already typed are kept. */
export function householdToForm(household: Household, previous: HouseholdFormState = emptyHouseholdForm()): HouseholdFormState {
    return {
        person: personFields(household.person),
        signerRole: household.signerRole,
        signer: household.signer ? personFields(household.signer) : { ...previous.signer },
        employment: household.employment,
        provider: household.provider
            ? {
                  name: household.provider.name,
                  organisationsnummer: formatOrganisationsnummer(household.provider.organisationsnummer),
                  contactPerson: household.provider.contactPerson ?? "",
                  phone: household.provider.phone ?? "",
              }
            : { ...previous.provider },
        grantedHours: household.grantedHoursPerMonth === null ? "" : String(household.grantedHoursPerMonth),
    };
}

function personInput(fields: PersonFields): PersonInput {
    const phone = fields.phone.trim();
    return {
        personnummer: fields.personnummer.trim(),
        firstName: fields.firstName.trim(),
        lastName: fields.lastName.trim(),
        phone: phone === "" ? null : phone,
    };
}

function optionalText(text: string): string | null {
    const value = text.trim();
    return value === "" ? null : value;
}

function grantedHoursInput(text: string): number | null {
    const value = text.trim();
    if (value === "") {
        return null;
    }
    /* Number("12a") is NaN: send it anyway and let the backend say what is wrong. */
    return Number(value);
}

/**
 * The HouseholdInput to send. Only call when signerRole and employment are chosen (the
 * form's validation makes sure of that).
 */
export function formToHouseholdInput(state: HouseholdFormState): HouseholdInput {
    if (state.signerRole === "" || state.employment === "") {
        throw new Error("signerRole and employment must be chosen before saving");
    }
    return {
        person: personInput(state.person),
        signerRole: state.signerRole,
        signer: state.signerRole === "self" ? null : personInput(state.signer),
        employment: state.employment,
        provider:
            state.employment === "buys"
                ? {
                      name: state.provider.name.trim(),
                      organisationsnummer: state.provider.organisationsnummer.trim(),
                      contactPerson: optionalText(state.provider.contactPerson),
                      phone: optionalText(state.provider.phone),
                  }
                : null,
        grantedHoursPerMonth: grantedHoursInput(state.grantedHours),
    };
}

/** The scenario of the current answers, or null while a question is unanswered. */
export function formScenario(state: HouseholdFormState): Scenario | null {
    if (state.signerRole === "" || state.employment === "") {
        return null;
    }
    return scenarioOf(state.employment, state.signerRole);
}
