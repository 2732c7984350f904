import { describe, expect, it } from "vitest";
import type { Household } from "../../backend/types";
import { byTest, check, click, fieldError, mountWithApp, typeInto } from "../../test/mount";
import XHouseholdForm from "./XHouseholdForm.vue";
import { emptyHouseholdForm, formToHouseholdInput, householdToForm } from "./household-form";

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
        const { replay } = await mountWithApp(XHouseholdForm, { scenarios: ["household-form", "check-field-forms"] });
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
        expect(document.querySelector('label[for="signer-phone"]')?.textContent).toContain("fylls i på räkningen");

        await save();

        const sent = replay.calls.find((c) => c.cmd === "save_household")?.args.household as Household;
        expect(sent.signer?.phone).toBe("070-333 33 33");
        expect(sent.provider).toMatchObject({ contactPerson: "Kim Kontakt", phone: "031-123 45 67" });
        expect(byTest("household-saved")).not.toBeNull();
        expect(input("provider-phone").value).toBe("031-123 45 67");
    });

    it("opens the field a refused lock names", async () => {
        await mountWithApp(XHouseholdForm, { scenarios: ["fresh-demo", "check-field-forms"], props: { focusField: "signer.phone" } });
        expect(document.getElementById("signer-phone")?.tagName).toBe("INPUT");
        expect(document.activeElement?.id).toBe("signer-phone");
    });
});

describe("XHouseholdForm", () => {
    it("has a labelled input for every field of the test hooks", async () => {
        await mountWithApp(XHouseholdForm, { scenarios: ["household-form", "check-field-forms"] });
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
        await mountWithApp(XHouseholdForm, { scenarios: ["household-form", "check-field-forms"] });
        await fillSelfEmployer();
        expect(byTest("scenario")?.textContent).toBe("D");
        expect(byTest("household-saved")).toBeNull();

        await save();

        expect(byTest("household-saved")?.textContent).toContain("Uppgifterna om hushållet är sparade.");
        expect(byTest("household-saved")?.closest('[role="status"]')).not.toBeNull();
        /* What Rust stored comes back: the number with its century. */
        expect(input("person-personnummer").value).toBe("19121212-1212");
        expect(byTest("scenario")?.textContent).toBe("D");
    });

    it("shows the signer's and the provider's fields when they are needed", async () => {
        await mountWithApp(XHouseholdForm, { scenarios: ["household-form", "check-field-forms"] });
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
        expect(byTest("scenario")?.textContent).toBe("B");
        /* The stored values come back formatted. */
        expect(input("provider-organisationsnummer").value).toBe("202100-5521");
        expect(input("signer-personnummer").value).toBe("19811218-9876");
    });

    it("explains each scenario in one line", async () => {
        await mountWithApp(XHouseholdForm, { scenarios: ["household-form", "check-field-forms"] });
        expect(byTest("scenario")).toBeNull();
        expect(byTest("scenario-pending")).not.toBeNull();
        await check("signer-role-forvaltare");
        await check("employment-employer");
        expect(byTest("scenario")?.textContent).toBe("F");
        expect(byTest("scenario-situation")?.textContent).toContain("god man eller förvaltare och arbetsgivare");
    });

    it("shows the core's checks on leaving a field and FKUI's required checks, and does not save", async () => {
        const { replay } = await mountWithApp(XHouseholdForm, { scenarios: ["household-form", "check-field-forms"] });
        await typeInto("person-personnummer", "19121212-1213");
        expect(fieldError("person-personnummer")).toContain("fel kontrollsiffra");
        await typeInto("person-personnummer", "19120230-1212");
        expect(fieldError("person-personnummer")).toContain("datum som inte finns");
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
        expect(replay.commands().filter((c) => c !== "check_field")).toEqual(["get_household"]);
        expect(byTest("household-saved")).toBeNull();
    });

    it("checks the organisationsnummer and the granted hours", async () => {
        await mountWithApp(XHouseholdForm, { scenarios: ["household-form", "check-field-forms"] });
        await check("employment-buys");
        await typeInto("provider-organisationsnummer", "121212-1212");
        expect(fieldError("provider-organisationsnummer")).toContain("den tredje siffran ska vara 2 eller högre");
        await typeInto("provider-organisationsnummer", "202100-5522");
        expect(fieldError("provider-organisationsnummer")).toContain("fel kontrollsiffra");
        await typeInto("granted-hours", "745");
        expect(fieldError("granted-hours")).toContain("mellan 1 och 744");
        await typeInto("person-phone", "abc");
        expect(fieldError("person-phone")).toContain("telefonnummer får bara innehålla siffror");
    });

    it("loads the stored household", async () => {
        await mountWithApp(XHouseholdForm, { scenarios: ["fresh-demo", "check-field-forms"] });
        expect(input("person-personnummer").value).toBe("20160512-9988");
        expect(input("signer-role-vardnadshavare").checked).toBe(true);
        expect(input("signer-first-name").value).toBe("Maria");
        expect(input("granted-hours").value).toBe("480");
        expect(byTest("scenario")?.textContent).toBe("E");
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
