import { describe, expect, it } from "vitest";
import { BackendError } from "../../backend/errors";
import { FakeBackend } from "../../backend/fake";
import type { Household } from "../../backend/types";
import { byTest, check, click, fieldError, mountWithApp, typeInto } from "../../test/mount";
import XHouseholdForm from "./XHouseholdForm.vue";
import { emptyHouseholdForm, formToHouseholdInput, householdToForm } from "./household-form";

const TODAY = new Date(2026, 10, 23);

function input(id: string): HTMLInputElement {
    const element = document.getElementById(id);
    if (!(element instanceof HTMLInputElement)) {
        throw new Error(`no input #${id}`);
    }
    return element;
}

async function fillSelfEmployer(): Promise<void> {
    await typeInto("person-personnummer", "19121212-1212");
    await typeInto("person-first-name", "Tolvan");
    await typeInto("person-last-name", "Tolvansson");
    await typeInto("person-phone", "070-123 45 67");
    await check("signer-role-self");
    await check("employment-employer");
    await typeInto("granted-hours", "160");
}

async function save(): Promise<void> {
    await click(document.getElementById("save-household"));
}

describe("XHouseholdForm: what FK's time report needs", () => {
    it("asks for the signer's phone and the provider's contact person and phone", async () => {
        const backend = new FakeBackend({ today: TODAY });
        await mountWithApp(XHouseholdForm, { backend });
        await fillSelfEmployer();
        await check("signer-role-vardnadshavare");
        await typeInto("signer-personnummer", "19811218-9876");
        await typeInto("signer-first-name", "Vera");
        await typeInto("signer-last-name", "V");
        await typeInto("signer-phone", "070-333 33 33");
        await check("employment-buys");
        await typeInto("provider-name", "Assistans AB");
        await typeInto("provider-organisationsnummer", "556036-0793");
        await typeInto("provider-contact-person", "Kim Kontakt");
        await typeInto("provider-phone", "031-123 45 67");
        for (const id of ["signer-phone", "provider-contact-person", "provider-phone"]) {
            expect(document.querySelector(`label[for="${id}"]`)?.textContent?.trim(), id).toBeTruthy();
        }
        expect(document.querySelector('label[for="signer-phone"]')?.textContent).toContain("Försäkringskassan kräver");

        await save();

        const stored = await backend.getHousehold();
        expect(stored?.signer?.phone).toBe("070-333 33 33");
        expect(stored?.provider).toMatchObject({ contactPerson: "Kim Kontakt", phone: "031-123 45 67" });
    });

    it("opens the field a refused lock names", async () => {
        const household: Household = {
            person: { personnummer: "201605129988", firstName: "Tilde", lastName: "Barn", phone: null },
            signerRole: "vardnadshavare",
            signer: { personnummer: "198403079984", firstName: "Vera", lastName: "V", phone: null },
            employment: "employer",
            provider: null,
            grantedHoursPerMonth: null,
            scenario: "E",
        };
        const backend = new FakeBackend({ today: TODAY, household });
        await mountWithApp(XHouseholdForm, { backend, props: { focusField: "signer.phone" } });
        expect(document.getElementById("signer-phone")?.tagName).toBe("INPUT");
        expect(document.activeElement?.id).toBe("signer-phone");
    });
});

describe("XHouseholdForm", () => {
    it("has a labelled input for every field of the test hooks", async () => {
        await mountWithApp(XHouseholdForm);
        for (const id of [
            "person-personnummer",
            "person-first-name",
            "person-last-name",
            "person-phone",
            "signer-role-self",
            "signer-role-vardnadshavare",
            "signer-role-god_man",
            "signer-role-forvaltare",
            "employment-employer",
            "employment-buys",
            "granted-hours",
        ]) {
            const element = input(id);
            const label = document.querySelector(`label[for="${id}"]`);
            expect(label?.textContent?.trim(), id).toBeTruthy();
            expect(element.id).toBe(id);
        }
        expect(document.getElementById("save-household")?.tagName).toBe("BUTTON");
        expect(document.getElementById("signer-personnummer")).toBeNull();
        expect(document.getElementById("provider-name")).toBeNull();
    });

    it("fills, saves and confirms with a status text", async () => {
        const backend = new FakeBackend({ today: TODAY });
        await mountWithApp(XHouseholdForm, { backend });
        await fillSelfEmployer();
        expect(byTest("scenario")?.textContent).toBe("D");
        expect(byTest("household-saved")).toBeNull();

        await save();

        expect(byTest("household-saved")?.textContent).toContain("Uppgifterna om hushållet är sparade.");
        expect(byTest("household-saved")?.closest('[role="status"]')).not.toBeNull();
        const stored = await backend.getHousehold();
        expect(stored).toMatchObject({
            person: { personnummer: "191212121212", firstName: "Tolvan", phone: "070-123 45 67" },
            signerRole: "self",
            signer: null,
            employment: "employer",
            provider: null,
            grantedHoursPerMonth: 160,
            scenario: "D",
        });
    });

    it("shows the signer's and the provider's fields when they are needed", async () => {
        const backend = new FakeBackend({ today: TODAY });
        await mountWithApp(XHouseholdForm, { backend });
        await fillSelfEmployer();
        await check("signer-role-vardnadshavare");
        await check("employment-buys");
        expect(byTest("scenario")?.textContent).toBe("B");
        expect(document.getElementById("signer-personnummer")).not.toBeNull();
        await typeInto("signer-personnummer", "811218-9876");
        await typeInto("signer-first-name", "Vera");
        await typeInto("signer-last-name", "Vårdnadshavare");
        await typeInto("provider-name", "Exempelassistans AB");
        await typeInto("provider-organisationsnummer", "202100-5521");

        await save();

        expect(byTest("household-saved")).not.toBeNull();
        expect(await backend.getHousehold()).toMatchObject({
            signerRole: "vardnadshavare",
            signer: { personnummer: "198112189876", firstName: "Vera" },
            employment: "buys",
            provider: { name: "Exempelassistans AB", organisationsnummer: "2021005521" },
            scenario: "B",
        });
        /* The stored values come back formatted. */
        expect(input("provider-organisationsnummer").value).toBe("202100-5521");
        expect(input("signer-personnummer").value).toBe("19811218-9876");
    });

    it("explains each scenario in one line", async () => {
        await mountWithApp(XHouseholdForm);
        expect(byTest("scenario")).toBeNull();
        expect(byTest("scenario-pending")).not.toBeNull();
        await check("signer-role-forvaltare");
        await check("employment-employer");
        expect(byTest("scenario")?.textContent).toBe("F");
        expect(byTest("scenario")?.parentElement?.parentElement?.textContent).toContain("Ställföreträdaren");
    });

    it("shows the UI's validation and does not call the backend", async () => {
        const backend = new FakeBackend({ today: TODAY });
        await mountWithApp(XHouseholdForm, { backend });
        await typeInto("person-personnummer", "19121212-1213");
        expect(fieldError("person-personnummer")).toContain("Den sista siffran stämmer inte");
        await typeInto("person-personnummer", "19120230-1212");
        expect(fieldError("person-personnummer")).toContain("Datumet i numret finns inte");
        await typeInto("person-personnummer", "1912121212123");
        expect(fieldError("person-personnummer")).toContain("10 eller 12 siffror");
        await typeInto("person-personnummer", "701063-2391");
        expect(fieldError("person-personnummer")).toContain("samordningsnummer");

        await save();

        /* The error list appears and gets focus; required fields are flagged. */
        const errorList = document.querySelector<HTMLElement>("#household-form > nav");
        expect(errorList).not.toBeNull();
        expect(document.activeElement).toBe(errorList);
        expect(fieldError("person-first-name")).toBe("Fyll i förnamnet för den som har assistansersättning.");
        expect(fieldError("signer-role-self")).toBe("Välj vem som skriver under.");
        expect(await backend.getHousehold()).toBeNull();
        expect(byTest("household-saved")).toBeNull();
    });

    it("checks the organisationsnummer and the granted hours", async () => {
        await mountWithApp(XHouseholdForm);
        await check("employment-buys");
        await typeInto("provider-organisationsnummer", "121212-1212");
        expect(fieldError("provider-organisationsnummer")).toContain("den tredje siffran ska vara 2 eller högre");
        await typeInto("provider-organisationsnummer", "202100-5522");
        expect(fieldError("provider-organisationsnummer")).toContain("Den sista siffran");
        await typeInto("granted-hours", "745");
        expect(fieldError("granted-hours")).toContain("mellan 1 och 744");
        await typeInto("person-phone", "abc");
        expect(fieldError("person-phone")).toContain("telefonnumret");
    });

    it("shows a backend field error on the named field and keeps what was typed", async () => {
        const backend = new FakeBackend({ today: TODAY });
        backend.failNext(
            "saveHousehold",
            new BackendError("invalid_input", "Efternamnet är för långt för Försäkringskassan.", "person.lastName"),
        );
        await mountWithApp(XHouseholdForm, { backend });
        await fillSelfEmployer();

        await save();

        expect(fieldError("person-last-name")).toBe("Efternamnet är för långt för Försäkringskassan.");
        expect(fieldError("person-first-name")).toBe("");
        expect(byTest("household-saved")).toBeNull();
        /* Nothing typed is lost. */
        expect(input("person-personnummer").value).toBe("19121212-1212");
        expect(input("person-first-name").value).toBe("Tolvan");
        expect(input("person-last-name").value).toBe("Tolvansson");
        expect(input("person-phone").value).toBe("070-123 45 67");
        expect(input("granted-hours").value).toBe("160");
        expect(input("signer-role-self").checked).toBe(true);
        expect(input("employment-employer").checked).toBe(true);

        /* Saving again asks the backend again, which now accepts. */
        await save();
        expect(fieldError("person-last-name")).toBe("");
        expect(byTest("household-saved")).not.toBeNull();
    });

    it("maps a nested backend field (provider.organisationsnummer) to its input", async () => {
        const backend = new FakeBackend({ today: TODAY });
        backend.failNext(
            "saveHousehold",
            new BackendError("invalid_input", "Anordnaren finns inte hos Bolagsverket.", "provider.organisationsnummer"),
        );
        await mountWithApp(XHouseholdForm, { backend });
        await fillSelfEmployer();
        await check("employment-buys");
        await typeInto("provider-name", "Exempelassistans AB");
        await typeInto("provider-organisationsnummer", "202100-5521");
        await save();
        expect(fieldError("provider-organisationsnummer")).toBe("Anordnaren finns inte hos Bolagsverket.");
    });

    it("shows other backend errors in a message box and keeps what was typed", async () => {
        const backend = new FakeBackend({ today: TODAY });
        backend.failNext("saveHousehold", new BackendError("storage", "Det gick inte att skriva till disken. Försök igen."));
        await mountWithApp(XHouseholdForm, { backend });
        await fillSelfEmployer();

        await save();

        const box = byTest("household-error");
        expect(box?.textContent).toContain("Det gick inte att skriva till disken. Försök igen.");
        expect(box?.textContent).toContain("Det du har skrivit finns kvar");
        expect(document.activeElement).toBe(box?.parentElement);
        expect(input("person-first-name").value).toBe("Tolvan");
        expect(await backend.getHousehold()).toBeNull();
    });

    it("loads the stored household", async () => {
        const stored: Household = {
            person: { personnummer: "191212121212", firstName: "Tolvan", lastName: "Tolvansson", phone: null },
            signerRole: "god_man",
            signer: { personnummer: "198112189876", firstName: "Greta", lastName: "Godman", phone: null },
            employment: "employer",
            provider: null,
            grantedHoursPerMonth: 200,
            scenario: "F",
        };
        await mountWithApp(XHouseholdForm, { backend: new FakeBackend({ household: stored }) });
        expect(input("person-personnummer").value).toBe("19121212-1212");
        expect(input("signer-role-god_man").checked).toBe(true);
        expect(input("signer-first-name").value).toBe("Greta");
        expect(input("granted-hours").value).toBe("200");
        expect(byTest("scenario")?.textContent).toBe("F");
    });

    it("says so when the household cannot be loaded, and can try again", async () => {
        const backend = new FakeBackend();
        backend.failNext("getHousehold", new BackendError("database_corrupt", "Databasfilen är skadad. Kontakta supporten."));
        await mountWithApp(XHouseholdForm, { backend });
        expect(document.body.textContent).toContain("Databasfilen är skadad. Kontakta supporten.");
        expect(document.getElementById("person-personnummer")).toBeNull();
        await click(byTest("retry-household"));
        expect(document.getElementById("person-personnummer")).not.toBeNull();
    });
});

describe("household-form mapping", () => {
    it("sends null for hidden signer and provider, empty phone and hours", () => {
        const state = emptyHouseholdForm();
        state.person = { personnummer: " 19121212-1212 ", firstName: "Tolvan ", lastName: "T", phone: "  " };
        state.signerRole = "self";
        state.signer.firstName = "kept while hidden";
        state.employment = "employer";
        state.provider.name = "kept while hidden";
        expect(formToHouseholdInput(state)).toEqual({
            person: { personnummer: "19121212-1212", firstName: "Tolvan", lastName: "T", phone: null },
            signerRole: "self",
            signer: null,
            employment: "employer",
            provider: null,
            grantedHoursPerMonth: null,
        });
    });

    it("keeps hidden details typed earlier when the stored household has none", () => {
        const previous = emptyHouseholdForm();
        previous.provider = { name: "Exempelassistans AB", organisationsnummer: "202100-5521", contactPerson: "", phone: "", };
        const form = householdToForm(
            {
                person: { personnummer: "191212121212", firstName: "T", lastName: "T", phone: "070" },
                signerRole: "self",
                signer: null,
                employment: "employer",
                provider: null,
                grantedHoursPerMonth: null,
                scenario: "D",
            },
            previous,
        );
        expect(form.provider.name).toBe("Exempelassistans AB");
        expect(form.grantedHours).toBe("");
        expect(form.person.personnummer).toBe("19121212-1212");
    });

    it("refuses to build input before the questions are answered", () => {
        expect(() => formToHouseholdInput(emptyHouseholdForm())).toThrow();
    });
});
