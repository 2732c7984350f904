/**
 * In-memory Backend with the same rules as the Rust side (docs/ipc.md), for Vitest and for
 * `npm run dev` in a plain browser. Nothing is stored on disk; a reload starts empty.
 *
 * It rejects exactly like the real backend: a BackendError {code, message, field} with a
 * Swedish message, the first problem only.
 */
import {
    EMPLOYMENTS,
    GRANTED_HOURS_MAX,
    GRANTED_HOURS_MIN,
    NAME_MAX_LENGTH,
    SIGNER_ROLES,
    deriveScenario,
    isValidPhone,
} from "../domain/household";
import { parseIdentityNumber, parseOrganisationsnummer, type IdentityKind } from "../domain/identity";
import { sv } from "../i18n/sv";
import { BackendError } from "./errors";
import type {
    AppInfo,
    Assistant,
    AssistantInput,
    Backend,
    Environment,
    Household,
    HouseholdInput,
    Person,
    PersonInput,
    Provider,
} from "./types";

export interface FakeBackendOptions {
    environment?: Environment;
    version?: string;
    /** The date 10-digit identity numbers are read against. Defaults to now. */
    today?: Date;
    household?: Household | null;
    assistants?: Assistant[];
    /** Ids of assistants that have shifts (cannot be deleted). */
    assistantsWithShifts?: number[];
}

type Method = keyof Backend;

function clone<T>(value: T): T {
    /* Like the JSON round trip through IPC: the caller never shares our objects. */
    return JSON.parse(JSON.stringify(value)) as T;
}

function fill(template: string, params: Record<string, string | number>): string {
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(params[name]) : whole,
    );
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

function invalid(message: string, field: string | null): BackendError {
    return new BackendError("invalid_input", message, field);
}

function join(prefix: string, name: string): string {
    return prefix === "" ? name : `${prefix}.${name}`;
}

type NameField = "firstName" | "lastName";

function checkName(value: unknown, field: string, label: string): string {
    const text = typeof value === "string" ? value.trim() : "";
    if (text === "") {
        throw invalid(fill(sv.backend.required, { field: label }), field);
    }
    if (text.length > NAME_MAX_LENGTH) {
        throw invalid(capitalize(fill(sv.backend.tooLong, { field: label, max: NAME_MAX_LENGTH })), field);
    }
    return text;
}

function checkPhone(value: unknown, field: string): string | null {
    if (value === null || value === undefined) {
        return null;
    }
    const text = typeof value === "string" ? value.trim() : "";
    if (text === "") {
        return null;
    }
    if (!isValidPhone(text)) {
        throw invalid(sv.validation.phone, field);
    }
    return text;
}

function checkIdentity(
    value: unknown,
    field: string,
    today: Date | undefined,
    allowSamordningsnummer: boolean,
): { normalized: string; kind: IdentityKind } {
    const text = typeof value === "string" ? value : "";
    const result = parseIdentityNumber(text, { today });
    if (!result.ok) {
        const message =
            result.reason === "empty"
                ? fill(sv.backend.required, { field: sv.backend.fields.personnummer })
                : sv.validation.identity[result.reason];
        throw invalid(message, field);
    }
    if (!allowSamordningsnummer && result.kind === "samordningsnummer") {
        throw invalid(sv.validation.identity.notPersonnummer, field);
    }
    return { normalized: result.normalized, kind: result.kind };
}

function checkPerson(input: PersonInput, prefix: string, today: Date | undefined): Person {
    const { normalized } = checkIdentity(input.personnummer, join(prefix, "personnummer"), today, false);
    const names = {} as Record<NameField, string>;
    for (const name of ["firstName", "lastName"] as const) {
        names[name] = checkName(input[name], join(prefix, name), sv.backend.fields[name]);
    }
    return {
        personnummer: normalized,
        firstName: names.firstName,
        lastName: names.lastName,
        phone: checkPhone(input.phone, join(prefix, "phone")),
    };
}

function checkProvider(input: HouseholdInput["provider"]): Provider {
    if (!input) {
        throw invalid(sv.backend.providerMissing, "provider");
    }
    const name = checkName(input.name, "provider.name", sv.backend.fields.providerName);
    const result = parseOrganisationsnummer(typeof input.organisationsnummer === "string" ? input.organisationsnummer : "");
    if (!result.ok) {
        throw invalid(sv.validation.organisationsnummer[result.reason], "provider.organisationsnummer");
    }
    return { name, organisationsnummer: result.normalized };
}

function checkGrantedHours(value: unknown): number | null {
    if (value === null || value === undefined) {
        return null;
    }
    if (
        typeof value !== "number" ||
        !Number.isInteger(value) ||
        value < GRANTED_HOURS_MIN ||
        value > GRANTED_HOURS_MAX
    ) {
        throw invalid(sv.validation.grantedHours, "grantedHoursPerMonth");
    }
    return value;
}

function compareAssistants(a: Assistant, b: Assistant): number {
    return (
        a.lastName.localeCompare(b.lastName, "sv") ||
        a.firstName.localeCompare(b.firstName, "sv") ||
        a.id - b.id
    );
}

export class FakeBackend implements Backend {
    private readonly info: AppInfo;
    private readonly today: Date | undefined;
    private household: Household | null;
    private assistants: Assistant[];
    private readonly withShifts: Set<number>;
    private nextId: number;
    private readonly failures = new Map<Method, BackendError>();

    constructor(options: FakeBackendOptions = {}) {
        this.info = {
            version: options.version ?? "0.0.0-fake",
            environment: options.environment ?? "demo",
            dataDir: "(minne)",
        };
        this.today = options.today;
        this.household = options.household ? clone(options.household) : null;
        this.assistants = clone(options.assistants ?? []);
        this.withShifts = new Set(options.assistantsWithShifts ?? []);
        this.nextId = Math.max(0, ...this.assistants.map((it) => it.id)) + 1;
    }

    /** Make the next call of `method` reject with `error` (for tests of failure paths). */
    failNext(method: Method, error: BackendError): void {
        this.failures.set(method, error);
    }

    /** Mark an assistant as having shifts, so that deleting it is refused. */
    addShiftFor(id: number): void {
        this.withShifts.add(id);
    }

    private async run<T>(method: Method, body: () => T): Promise<T> {
        await Promise.resolve();
        const failure = this.failures.get(method);
        if (failure) {
            this.failures.delete(method);
            throw failure;
        }
        return clone(body());
    }

    appInfo(): Promise<AppInfo> {
        return this.run("appInfo", () => this.info);
    }

    getHousehold(): Promise<Household | null> {
        return this.run("getHousehold", () => this.household);
    }

    saveHousehold(input: HouseholdInput): Promise<Household> {
        return this.run("saveHousehold", () => {
            const person = checkPerson(input.person, "person", this.today);
            if (!SIGNER_ROLES.includes(input.signerRole)) {
                throw invalid(sv.household.signerRole.required, "signerRole");
            }
            let signer: Person | null = null;
            if (input.signerRole !== "self") {
                if (!input.signer) {
                    throw invalid(sv.backend.signerMissing, "signer");
                }
                signer = checkPerson(input.signer, "signer", this.today);
            }
            if (!EMPLOYMENTS.includes(input.employment)) {
                throw invalid(sv.household.employment.required, "employment");
            }
            const provider = input.employment === "buys" ? checkProvider(input.provider) : null;
            const grantedHoursPerMonth = checkGrantedHours(input.grantedHoursPerMonth);
            const household: Household = {
                person,
                signerRole: input.signerRole,
                signer,
                employment: input.employment,
                provider,
                grantedHoursPerMonth,
                scenario: deriveScenario(input.employment, input.signerRole),
            };
            this.household = household;
            return household;
        });
    }

    listAssistants(): Promise<Assistant[]> {
        return this.run("listAssistants", () => [...this.assistants].sort(compareAssistants));
    }

    saveAssistant(input: AssistantInput): Promise<Assistant> {
        return this.run("saveAssistant", () => {
            const existing = input.id === null ? undefined : this.assistants.find((it) => it.id === input.id);
            if (input.id !== null && !existing) {
                throw new BackendError("not_found", sv.backend.assistantNotFound, null);
            }
            const identity = checkIdentity(input.personnummer, "personnummer", this.today, true);
            const firstName = checkName(input.firstName, "firstName", sv.backend.fields.firstName);
            const lastName = checkName(input.lastName, "lastName", sv.backend.fields.lastName);
            const phone = checkPhone(input.phone, "phone");
            const duplicate = this.assistants.some(
                (it) => it.personnummer === identity.normalized && it.id !== input.id,
            );
            if (duplicate) {
                throw invalid(sv.backend.duplicateAssistant, "personnummer");
            }
            const assistant: Assistant = {
                id: existing ? existing.id : this.nextId++,
                personnummer: identity.normalized,
                idKind: identity.kind,
                firstName,
                lastName,
                phone,
                employedByPerson: Boolean(input.employedByPerson),
                collectiveAgreement: Boolean(input.collectiveAgreement),
            };
            this.assistants = existing
                ? this.assistants.map((it) => (it.id === assistant.id ? assistant : it))
                : [...this.assistants, assistant];
            return assistant;
        });
    }

    deleteAssistant(id: number): Promise<null> {
        return this.run("deleteAssistant", () => {
            if (!this.assistants.some((it) => it.id === id)) {
                throw new BackendError("not_found", sv.backend.assistantNotFound, null);
            }
            if (this.withShifts.has(id)) {
                throw invalid(sv.backend.assistantHasShifts, null);
            }
            this.assistants = this.assistants.filter((it) => it.id !== id);
            return null;
        });
    }
}
