/** The assistant form's state and its mapping to and from the IPC types (docs/ipc.md). */
import type { Assistant, AssistantInput } from "../../backend/types";
import { formatIdentityNumber } from "../../domain/identity";

export interface AssistantFormState {
    personnummer: string;
    firstName: string;
    lastName: string;
    phone: string;
    employedByPerson: boolean;
    collectiveAgreement: boolean;
}

/** Backend field path → id of the input that shows its error. */
export const ASSISTANT_FIELD_IDS: Readonly<Record<string, string>> = {
    personnummer: "assistant-personnummer",
    firstName: "assistant-first-name",
    lastName: "assistant-last-name",
    phone: "assistant-phone",
    employedByPerson: "assistant-employed",
    collectiveAgreement: "assistant-collective-agreement",
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
        };
    }
    return {
        personnummer: formatIdentityNumber(assistant.personnummer),
        firstName: assistant.firstName,
        lastName: assistant.lastName,
        phone: assistant.phone ?? "",
        employedByPerson: assistant.employedByPerson,
        collectiveAgreement: assistant.collectiveAgreement,
    };
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
    };
}

export function fullName(person: { firstName: string; lastName: string }): string {
    return `${person.firstName} ${person.lastName}`.trim();
}
