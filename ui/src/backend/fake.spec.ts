import { describe, expect, it } from "vitest";
import { BackendError } from "./errors";
import { FakeBackend } from "./fake";
import type { AssistantInput, HouseholdInput } from "./types";

const TODAY = new Date(2026, 10, 23);

function household(overrides: Partial<HouseholdInput> = {}): HouseholdInput {
    return {
        person: { personnummer: "19121212-1212", firstName: "Tolvan", lastName: "Tolvansson", phone: "070-123 45 67" },
        signerRole: "self",
        signer: null,
        employment: "employer",
        provider: null,
        grantedHoursPerMonth: 160,
        ...overrides,
    };
}

function assistant(overrides: Partial<AssistantInput> = {}): AssistantInput {
    return {
        id: null,
        personnummer: "19811218-9876",
        firstName: "Anna",
        lastName: "Andersson",
        phone: null,
        employedByPerson: true,
        collectiveAgreement: false,
        ...overrides,
    };
}

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
    const error: unknown = await promise.then(
        () => undefined,
        (e: unknown) => e,
    );
    if (!(error instanceof BackendError)) {
        throw new Error(`expected a BackendError, got ${String(error)}`);
    }
    return error;
}

describe("FakeBackend: app info", () => {
    it("reports its environment", async () => {
        expect((await new FakeBackend().appInfo()).environment).toBe("demo");
        expect((await new FakeBackend({ environment: "production" }).appInfo()).environment).toBe("production");
    });
});

describe("FakeBackend: household", () => {
    it("starts without a household", async () => {
        expect(await new FakeBackend().getHousehold()).toBeNull();
    });

    it("saves, normalises and derives the scenario (round trip)", async () => {
        const backend = new FakeBackend({ today: TODAY });
        const saved = await backend.saveHousehold(
            household({
                person: { personnummer: "121212+1212", firstName: " Tolvan ", lastName: "Tolvansson", phone: " " },
                signerRole: "god_man",
                signer: { personnummer: "811218-9876", firstName: "Greta", lastName: "Godman", phone: null },
                employment: "buys",
                provider: { name: "Exempelassistans AB", organisationsnummer: "202100-5521" },
            }),
        );
        expect(saved).toEqual({
            person: { personnummer: "191212121212", firstName: "Tolvan", lastName: "Tolvansson", phone: null },
            signerRole: "god_man",
            signer: { personnummer: "198112189876", firstName: "Greta", lastName: "Godman", phone: null },
            employment: "buys",
            provider: { name: "Exempelassistans AB", organisationsnummer: "2021005521", contactPerson: null, phone: null },
            grantedHoursPerMonth: 160,
            scenario: "C",
        });
        expect(await backend.getHousehold()).toEqual(saved);
    });

    it("drops the signer for self and the provider for employer", async () => {
        const backend = new FakeBackend({ today: TODAY });
        const saved = await backend.saveHousehold(
            household({
                signer: { personnummer: "19811218-9876", firstName: "Greta", lastName: "G", phone: null },
                provider: { name: "X", organisationsnummer: "202100-5521" },
            }),
        );
        expect(saved.signer).toBeNull();
        expect(saved.provider).toBeNull();
        expect(saved.scenario).toBe("D");
    });

    it("does not share objects with the caller", async () => {
        const backend = new FakeBackend({ today: TODAY });
        const saved = await backend.saveHousehold(household());
        saved.person.firstName = "Changed";
        expect((await backend.getHousehold())?.person.firstName).toBe("Tolvan");
    });

    it.each([
        ["a wrong check digit", household({ person: { personnummer: "19121212-1213", firstName: "T", lastName: "T", phone: null } }), "person.personnummer"],
        ["a samordningsnummer for the person", household({ person: { personnummer: "701063-2391", firstName: "T", lastName: "T", phone: null } }), "person.personnummer"],
        ["an empty first name", household({ person: { personnummer: "19121212-1212", firstName: "  ", lastName: "T", phone: null } }), "person.firstName"],
        ["a too long last name", household({ person: { personnummer: "19121212-1212", firstName: "T", lastName: "x".repeat(101), phone: null } }), "person.lastName"],
        ["a bad phone", household({ person: { personnummer: "19121212-1212", firstName: "T", lastName: "T", phone: "abc" } }), "person.phone"],
        ["a missing signer", household({ signerRole: "vardnadshavare", signer: null }), "signer"],
        ["a signer with Feb 30", household({ signerRole: "forvaltare", signer: { personnummer: "19120230-1212", firstName: "F", lastName: "F", phone: null } }), "signer.personnummer"],
        ["a signer without last name", household({ signerRole: "forvaltare", signer: { personnummer: "19811218-9876", firstName: "F", lastName: "", phone: null } }), "signer.lastName"],
        ["a missing provider", household({ employment: "buys", provider: null }), "provider"],
        ["a provider without name", household({ employment: "buys", provider: { name: "", organisationsnummer: "202100-5521" } }), "provider.name"],
        ["an organisationsnummer with third digit < 2", household({ employment: "buys", provider: { name: "A", organisationsnummer: "121212-1212" } }), "provider.organisationsnummer"],
        ["0 granted hours", household({ grantedHoursPerMonth: 0 }), "grantedHoursPerMonth"],
        ["745 granted hours", household({ grantedHoursPerMonth: 745 }), "grantedHoursPerMonth"],
        ["fractional granted hours", household({ grantedHoursPerMonth: 12.5 }), "grantedHoursPerMonth"],
    ])("refuses %s with invalid_input on %s", async (_name, input, field) => {
        const backend = new FakeBackend({ today: TODAY });
        const error = await rejection(backend.saveHousehold(input));
        expect(error.code).toBe("invalid_input");
        expect(error.field).toBe(field);
        expect(error.message).toMatch(/\.$/);
        expect(await backend.getHousehold()).toBeNull();
    });

    it("can be told to fail the next call", async () => {
        const backend = new FakeBackend({ today: TODAY });
        backend.failNext("saveHousehold", new BackendError("storage", "Disken är full."));
        await expect(backend.saveHousehold(household())).rejects.toMatchObject({ code: "storage" });
        await expect(backend.saveHousehold(household())).resolves.toMatchObject({ scenario: "D" });
    });
});

describe("FakeBackend: assistants", () => {
    it("creates, lists sorted by last name then first name, edits and deletes", async () => {
        const backend = new FakeBackend({ today: TODAY });
        const anna = await backend.saveAssistant(assistant());
        expect(anna).toEqual({
            id: 1,
            personnummer: "198112189876",
            idKind: "personnummer",
            firstName: "Anna",
            lastName: "Andersson",
            phone: null,
            employedByPerson: true,
            collectiveAgreement: false,
            employer: { kind: "provider" },
            calculationPeriods: { start: "2024-01-01", weeks: 4 },
        });
        const sam = await backend.saveAssistant(
            assistant({ personnummer: "701063-2391", firstName: "Sam", lastName: "Samordning", employedByPerson: false }),
        );
        expect(sam.idKind).toBe("samordningsnummer");
        expect(sam.personnummer).toBe("197010632391");
        const tolvan = await backend.saveAssistant(
            assistant({ personnummer: "191212121212", firstName: "Tolvan", lastName: "Andersson" }),
        );
        expect((await backend.listAssistants()).map((it) => it.firstName)).toEqual(["Anna", "Tolvan", "Sam"]);

        const edited = await backend.saveAssistant(assistant({ id: tolvan.id, personnummer: "191212121212", firstName: "Tolvan", lastName: "Ödmark", collectiveAgreement: true }));
        expect(edited.id).toBe(tolvan.id);
        expect(edited.collectiveAgreement).toBe(true);
        expect((await backend.listAssistants()).map((it) => it.lastName)).toEqual(["Andersson", "Samordning", "Ödmark"]);

        expect(await backend.deleteAssistant(anna.id)).toBeNull();
        expect((await backend.listAssistants()).map((it) => it.id)).toEqual([sam.id, tolvan.id]);
    });

    it.each([
        ["a wrong check digit", assistant({ personnummer: "19811218-9877" }), "personnummer"],
        ["11 digits", assistant({ personnummer: "19811218987" }), "personnummer"],
        ["no first name", assistant({ firstName: "" }), "firstName"],
        ["no last name", assistant({ lastName: " " }), "lastName"],
        ["a bad phone", assistant({ phone: "12" }), "phone"],
    ])("refuses %s with invalid_input on %s", async (_name, input, field) => {
        const error = await rejection(new FakeBackend({ today: TODAY }).saveAssistant(input));
        expect(error).toMatchObject({ code: "invalid_input", field });
    });

    it("refuses a second assistant with the same number", async () => {
        const backend = new FakeBackend({ today: TODAY });
        await backend.saveAssistant(assistant());
        const error = await rejection(backend.saveAssistant(assistant({ personnummer: "811218-9876", firstName: "Other" })));
        expect(error).toMatchObject({ code: "invalid_input", field: "personnummer" });
    });

    it("answers not_found for an unknown id", async () => {
        const backend = new FakeBackend({ today: TODAY });
        expect(await rejection(backend.saveAssistant(assistant({ id: 99 })))).toMatchObject({ code: "not_found" });
        expect(await rejection(backend.deleteAssistant(99))).toMatchObject({ code: "not_found" });
    });

    it("refuses to delete an assistant with shifts", async () => {
        const backend = new FakeBackend({ today: TODAY });
        const anna = await backend.saveAssistant(assistant());
        backend.addShiftFor(anna.id);
        const error = await rejection(backend.deleteAssistant(anna.id));
        expect(error).toMatchObject({ code: "invalid_input", field: null });
        expect(await backend.listAssistants()).toHaveLength(1);
    });
});

describe("FakeBackend: settings", () => {
    const endpoints = {
        erakBaseUrl: "https://erak.test.example.se/api/",
        erakSigningOrigin: "https://signera.test.example.se/",
        erakKeyHeader: "",
        eltUrl: "https://elt.test.example.se/elt",
        bankidBaseUrl: "https://appapi2.test.bankid.com/rp/v6.0/",
        supplierName: " Leverantören ",
        supplierId: "L-1",
    };

    it("keeps endpoints per environment, normalised, and refuses them in demo", async () => {
        const fake = new FakeBackend({ environment: "fk_test" });
        const saved = await fake.saveEndpoints(endpoints);
        expect(saved).toMatchObject({
            erakBaseUrl: "https://erak.test.example.se/api",
            erakSigningOrigin: "https://signera.test.example.se",
            erakKeyHeader: "X-Erak-Key",
            bankidBaseUrl: "https://appapi2.test.bankid.com/rp/v6.0",
            supplierName: "Leverantören",
        });
        expect((await fake.getSettings()).endpoints).toEqual(saved);
        await expect(fake.saveEndpoints({ ...endpoints, eltUrl: "http://elt.se" })).rejects.toMatchObject({
            code: "invalid_input",
            field: "eltUrl",
        });
        await fake.setEnvironment("production");
        expect((await fake.getSettings()).endpoints).toBeNull();
        await fake.setEnvironment("demo");
        await expect(fake.saveEndpoints(endpoints)).rejects.toMatchObject({ code: "invalid_input", field: null });
    });

    it("reports credentials by presence only, per environment", async () => {
        const fake = new FakeBackend({ environment: "fk_test" });
        const presence = await fake.storeCredential("erak_key", { text: " nyckel " });
        expect(presence).toEqual({
            eltClientP12: false,
            eltP12Passphrase: false,
            erakKey: true,
            bankidRpP12: false,
            bankidRpPassphrase: false,
        });
        expect(JSON.stringify(await fake.getSettings())).not.toContain("nyckel");
        await expect(fake.storeCredential("elt_client_p12", { base64: btoa("inte p12 alls, nej") })).rejects.toMatchObject({
            field: "eltClientP12",
        });
        await expect(fake.storeCredential("elt_p12_passphrase", { text: "" })).rejects.toMatchObject({
            field: "eltP12Passphrase",
        });
        expect((await fake.deleteCredential("erak_key")).erakKey).toBe(false);
        await fake.setEnvironment("demo");
        expect(Object.values((await fake.getSettings()).credentials).every((present) => !present)).toBe(true);
        await expect(fake.storeCredential("erak_key", { text: "k" })).rejects.toMatchObject({ code: "invalid_input" });
    });

    it("tests the connection like the backend: demo passes, missing things are named", async () => {
        const fake = new FakeBackend({ environment: "demo" });
        expect((await fake.testConnection()).every((check) => check.ok)).toBe(true);
        await fake.setEnvironment("fk_test");
        await expect(fake.testConnection()).rejects.toMatchObject({ code: "invalid_input" });
        await fake.saveEndpoints(endpoints);
        const checks = await fake.testConnection();
        expect(checks.map((check) => [check.service, check.ok])).toEqual([
            ["erak", false],
            ["elt", false],
            ["bankid", true],
        ]);
        await expect(fake.resetDemo()).rejects.toMatchObject({ code: "invalid_input" });
    });
});

describe("FakeBackend: what FK's schema can say", () => {
    const base = { id: null, personnummer: "198112189876", firstName: "Anna", lastName: "A", phone: null, employedByPerson: false, collectiveAgreement: false };

    it("keeps the provider's contact and phone, and checks the phone", async () => {
        const backend = new FakeBackend({ today: new Date(2026, 10, 23) });
        const input = {
            person: { personnummer: "191212121212", firstName: "Tolvan", lastName: "T", phone: "070-123 45 67" },
            signerRole: "self" as const,
            signer: null,
            employment: "buys" as const,
            provider: { name: "A AB", organisationsnummer: "556036-0793", contactPerson: " Kim ", phone: "031-123 45 67" },
            grantedHoursPerMonth: null,
        };
        const saved = await backend.saveHousehold(input);
        expect(saved.provider).toEqual({ name: "A AB", organisationsnummer: "5560360793", contactPerson: "Kim", phone: "031-123 45 67" });
        await expect(backend.saveHousehold({ ...input, provider: { ...input.provider, phone: "12" } })).rejects.toMatchObject({ field: "provider.phone" });
    });

    it("checks the assistant's employer and calculation periods", async () => {
        const backend = new FakeBackend({ today: new Date(2026, 10, 23) });
        const other = await backend.saveAssistant({
            ...base,
            employer: { kind: "other", name: null, organisationsnummer: "556036-0793" },
            calculationPeriods: { start: "2025-03-05", weeks: 2 },
        });
        expect(other.employer).toEqual({ kind: "other", name: null, organisationsnummer: "5560360793" });
        expect(other.calculationPeriods).toEqual({ start: "2025-03-05", weeks: 2 });
        await expect(
            backend.saveAssistant({ ...base, id: other.id, employer: { kind: "other", name: null, organisationsnummer: "556036-0794" } }),
        ).rejects.toMatchObject({ field: "employer.organisationsnummer" });
        await expect(
            backend.saveAssistant({ ...base, id: other.id, calculationPeriods: { start: "2025-03-05", weeks: 5 } }),
        ).rejects.toMatchObject({ field: "calculationPeriods.weeks" });
        const agreed = await backend.saveAssistant({ ...base, id: other.id, collectiveAgreement: true, calculationPeriods: { start: "2025-03-05", weeks: 5 } });
        expect(agreed.calculationPeriods.weeks).toBe(5);
    });
});
