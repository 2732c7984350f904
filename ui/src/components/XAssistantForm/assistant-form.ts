/** The assistant form's state and its mapping to and from the IPC types (docs/ipc.md). */
import type { Assistant, AssistantEmployer, AssistantEmployerKind, AssistantInput } from "../../backend/types";
import { formatIdentityNumber, formatOrganisationsnummer } from "../../domain/identity";

/** The default calculation periods (the backend's too): 4 weeks from Monday 2024-01-01. */
export const DEFAULT_PERIOD_START = "2024-01-01";
export const DEFAULT_PERIOD_WEEKS = 4;

export interface AssistantFormState {
    personnummer: string;
    firstName: string;
    lastName: string;
    phone: string;
    employedByPerson: boolean;
    collectiveAgreement: boolean;
    /** Who employs the assistant when the person does not. The other employer's details are
     * kept while another choice is made, so nothing typed is lost. */
    employerKind: AssistantEmployerKind;
    otherEmployer: { name: string; organisationsnummer: string };
    periodStart: string;
    periodWeeks: string;
}

/** Backend field path → id of the input that shows its error. */
export const ASSISTANT_FIELD_IDS: Readonly<Record<string, string>> = {
    personnummer: "assistant-personnummer",
    firstName: "assistant-first-name",
    lastName: "assistant-last-name",
    phone: "assistant-phone",
    employedByPerson: "assistant-employed",
    collectiveAgreement: "assistant-collective-agreement",
    "employer.kind": "assistant-employer",
    "employer.name": "assistant-other-employer-name",
    "employer.organisationsnummer": "assistant-other-employer-organisationsnummer",
    "calculationPeriods.start": "assistant-period-start",
    "calculationPeriods.weeks": "assistant-period-weeks",
};

export function assistantToForm(assistant: Assistant | null): AssistantFormState {
    if (!assistant) {
        return {
            personnummer: "",
            firstName: "",
            lastName: "",
            phone: "",
            employedByPerson: false,
            collectiveAgreement: false,
            employerKind: "provider",
            otherEmployer: { name: "", organisationsnummer: "" },
            periodStart: DEFAULT_PERIOD_START,
            periodWeeks: String(DEFAULT_PERIOD_WEEKS),
        };
    }
    const employer = assistant.employer ?? { kind: "provider" };
    return {
        personnummer: formatIdentityNumber(assistant.personnummer),
        firstName: assistant.firstName,
        lastName: assistant.lastName,
        phone: assistant.phone ?? "",
        employedByPerson: assistant.employedByPerson,
        collectiveAgreement: assistant.collectiveAgreement,
        employerKind: employer.kind,
        otherEmployer:
            employer.kind === "other"
                ? { name: employer.name ?? "", organisationsnummer: formatOrganisationsnummer(employer.organisationsnummer) }
                : { name: "", organisationsnummer: "" },
        periodStart: assistant.calculationPeriods?.start ?? DEFAULT_PERIOD_START,
        periodWeeks: String(assistant.calculationPeriods?.weeks ?? DEFAULT_PERIOD_WEEKS),
    };
}

function employerInput(state: AssistantFormState): AssistantEmployer {
    switch (state.employerKind) {
        case "other": {
            const name = state.otherEmployer.name.trim();
            return {
                kind: "other",
                name: name === "" ? null : name,
                organisationsnummer: state.otherEmployer.organisationsnummer.trim(),
            };
        }
        case "self_employed":
            return { kind: "self_employed" };
        default:
            return { kind: "provider" };
    }
}

export function formToAssistantInput(id: number | null, state: AssistantFormState): AssistantInput {
    const phone = state.phone.trim();
    return {
        id,
        personnummer: state.personnummer.trim(),
        firstName: state.firstName.trim(),
        lastName: state.lastName.trim(),
        phone: phone === "" ? null : phone,
        employedByPerson: state.employedByPerson,
        collectiveAgreement: state.collectiveAgreement,
        employer: employerInput(state),
        calculationPeriods: {
            start: state.periodStart.trim(),
            /* Number("x") is NaN: sent anyway, the backend says what is wrong. */
            weeks: Number(state.periodWeeks.trim()),
        },
    };
}

export function fullName(person: { firstName: string; lastName: string }): string {
    return `${person.firstName} ${person.lastName}`.trim();
}
