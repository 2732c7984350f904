/**
 * Types of the IPC contract, docs/ipc.md. JSON field names are camelCase.
 * Keep this file in step with that document and with src-tauri/commands.rs.
 */

export type SignerRole = "self" | "vardnadshavare" | "god_man" | "forvaltare";
/** egen arbetsgivare (scenarios D–F) | köper assistans (scenarios A–C) */
export type Employment = "employer" | "buys";
/** Derived by the backend, never sent by the UI. */
export type Scenario = "A" | "B" | "C" | "D" | "E" | "F";

export interface PersonInput {
    personnummer: string;
    firstName: string;
    lastName: string;
    phone: string | null;
}

export interface Person {
    /** 12 digits, no dash. */
    personnummer: string;
    firstName: string;
    lastName: string;
    phone: string | null;
}

export interface ProviderInput {
    name: string;
    organisationsnummer: string;
}

export interface Provider {
    name: string;
    /** 10 digits, no dash. */
    organisationsnummer: string;
}

export interface HouseholdInput {
    person: PersonInput;
    signerRole: SignerRole;
    /** Required unless signerRole is "self". */
    signer: PersonInput | null;
    employment: Employment;
    /** Required when employment is "buys". */
    provider: ProviderInput | null;
    /** Whole hours, 1..=744. */
    grantedHoursPerMonth: number | null;
}

export interface Household {
    person: Person;
    signerRole: SignerRole;
    signer: Person | null;
    employment: Employment;
    provider: Provider | null;
    grantedHoursPerMonth: number | null;
    scenario: Scenario;
}

export type IdKind = "personnummer" | "samordningsnummer";

export interface AssistantInput {
    /** null creates a new assistant. */
    id: number | null;
    /** personnummer or samordningsnummer, 10/12 digits, -/+ allowed. */
    personnummer: string;
    firstName: string;
    lastName: string;
    phone: string | null;
    employedByPerson: boolean;
    collectiveAgreement: boolean;
}

export interface Assistant {
    id: number;
    /** 12 digits, no dash. */
    personnummer: string;
    idKind: IdKind;
    firstName: string;
    lastName: string;
    phone: string | null;
    employedByPerson: boolean;
    collectiveAgreement: boolean;
}

export type Environment = "demo" | "fk_test" | "production";

export interface AppInfo {
    version: string;
    environment: Environment;
    dataDir: string;
}

/**
 * One method per command of docs/ipc.md. Every method rejects with a `BackendError`
 * (src/backend/errors.ts), never with anything else.
 */
export interface Backend {
    /** `app_info` */
    appInfo(): Promise<AppInfo>;
    /** `get_household` */
    getHousehold(): Promise<Household | null>;
    /** `save_household { household }` */
    saveHousehold(household: HouseholdInput): Promise<Household>;
    /** `list_assistants`, sorted by last name, first name */
    listAssistants(): Promise<Assistant[]>;
    /** `save_assistant { assistant }` */
    saveAssistant(assistant: AssistantInput): Promise<Assistant>;
    /** `delete_assistant { id }`; refused with invalid_input if the assistant has shifts */
    deleteAssistant(id: number): Promise<null>;
}
