import { describe, expect, it } from "vitest";
import { BackendError } from "../../backend/errors";
import { FakeBackend } from "../../backend/fake";
import type { Assistant } from "../../backend/types";
import { byTest, check, click, fieldError, mountWithApp, typeInto } from "../../test/mount";
import XAssistantForm from "./XAssistantForm.vue";
import { assistantToForm, formToAssistantInput } from "./assistant-form";

const TODAY = new Date(2026, 10, 23);

const anna: Assistant = {
    id: 4,
    personnummer: "198112189876",
    idKind: "personnummer",
    firstName: "Anna",
    lastName: "Andersson",
    phone: "070-123 45 67",
    employedByPerson: true,
    collectiveAgreement: false, employer: { kind: "provider" }, calculationPeriods: { start: "2024-01-01", weeks: 4 },
};

function input(id: string): HTMLInputElement {
    return document.getElementById(id) as HTMLInputElement;
}

describe("XAssistantForm: employer and calculation periods", () => {
    it("asks who employs an assistant the person does not, and the calculation period", async () => {
        const backend = new FakeBackend({ today: TODAY });
        const { wrapper } = await mountWithApp(XAssistantForm, { backend, props: { assistant: null } });
        expect(input("assistant-period-start").value).toBe("2024-01-01");
        expect(input("assistant-period-weeks").value).toBe("4");
        expect(document.getElementById("assistant-periods")?.textContent).toContain("högst 4 veckor");
        await typeInto("assistant-personnummer", "19811218-9876");
        await typeInto("assistant-first-name", "Anna");
        await typeInto("assistant-last-name", "Annan");
        expect(input("assistant-employer-provider").checked).toBe(true);
        await check("assistant-employer-other");
        await typeInto("assistant-other-employer-organisationsnummer", "556036-0793");
        await typeInto("assistant-period-weeks", "2");

        await click(document.getElementById("save-assistant"));

        const events = wrapper.emitted("saved") as [Assistant][] | undefined;
        expect(events?.[0]?.[0]).toMatchObject({
            employedByPerson: false,
            employer: { kind: "other", name: null, organisationsnummer: "5560360793" },
            calculationPeriods: { start: "2024-01-01", weeks: 2 },
        });
    });

    it("refuses more than 4 weeks without a collective agreement, before sending", async () => {
        const backend = new FakeBackend({ today: TODAY, assistants: [anna] });
        const { wrapper } = await mountWithApp(XAssistantForm, { backend, props: { assistant: anna } });
        expect(document.getElementById("assistant-employer")).toBeNull();
        await typeInto("assistant-period-weeks", "5");
        await click(document.getElementById("save-assistant"));
        expect(fieldError("assistant-period-weeks")).toContain("mellan 1 och 4 veckor");
        expect(wrapper.emitted("saved")).toBeUndefined();
    });
});

describe("XAssistantForm", () => {
    it("adds an assistant and emits the saved one", async () => {
        const backend = new FakeBackend({ today: TODAY });
        const { wrapper } = await mountWithApp(XAssistantForm, { backend, props: { assistant: null } });
        expect(document.activeElement?.textContent).toBe("Lägg till assistent");
        await typeInto("assistant-personnummer", "701063-2391");
        await typeInto("assistant-first-name", "Sam");
        await typeInto("assistant-last-name", "Samordning");
        await check("assistant-employed");
        await check("assistant-collective-agreement");

        await click(document.getElementById("save-assistant"));

        const events = wrapper.emitted("saved") as [Assistant][] | undefined;
        expect(events).toHaveLength(1);
        expect(events?.[0]?.[0]).toMatchObject({
            personnummer: "197010632391",
            idKind: "samordningsnummer",
            firstName: "Sam",
            employedByPerson: true,
            collectiveAgreement: true,
        });
        expect(await backend.listAssistants()).toHaveLength(1);
    });

    it("edits an existing assistant", async () => {
        const backend = new FakeBackend({ today: TODAY, assistants: [anna] });
        const { wrapper } = await mountWithApp(XAssistantForm, { backend, props: { assistant: anna } });
        expect(document.activeElement?.textContent).toBe("Ändra uppgifter för Anna Andersson");
        expect(input("assistant-personnummer").value).toBe("19811218-9876");
        expect(input("assistant-employed").checked).toBe(true);
        expect(input("assistant-collective-agreement").checked).toBe(false);
        await typeInto("assistant-last-name", "Berg");
        await check("assistant-employed");

        await click(document.getElementById("save-assistant"));

        expect(wrapper.emitted("saved")).toHaveLength(1);
        expect(await backend.listAssistants()).toEqual([
            { ...anna, lastName: "Berg", employedByPerson: false },
        ]);
    });

    it("validates before saving", async () => {
        const backend = new FakeBackend({ today: TODAY });
        const { wrapper } = await mountWithApp(XAssistantForm, { backend, props: { assistant: null } });
        await typeInto("assistant-personnummer", "19811218-9877");
        await click(document.getElementById("save-assistant"));
        expect(fieldError("assistant-personnummer")).toContain("Den sista siffran stämmer inte");
        expect(fieldError("assistant-first-name")).toBe("Fyll i assistentens förnamn.");
        expect(wrapper.emitted("saved")).toBeUndefined();
        expect(await backend.listAssistants()).toEqual([]);
    });

    it("shows the backend's field error and keeps what was typed", async () => {
        const backend = new FakeBackend({ today: TODAY, assistants: [anna] });
        const { wrapper } = await mountWithApp(XAssistantForm, { backend, props: { assistant: null } });
        await typeInto("assistant-personnummer", "811218-9876");
        await typeInto("assistant-first-name", "Annika");
        await typeInto("assistant-last-name", "Andersson");
        await typeInto("assistant-phone", "08-123 456");

        await click(document.getElementById("save-assistant"));

        /* The fake refuses a duplicate number, like the Rust side. */
        expect(fieldError("assistant-personnummer")).toContain("Det finns redan en assistent med det numret");
        expect(wrapper.emitted("saved")).toBeUndefined();
        expect(input("assistant-personnummer").value).toBe("811218-9876");
        expect(input("assistant-first-name").value).toBe("Annika");
        expect(input("assistant-phone").value).toBe("08-123 456");
    });

    it("says not_found in a message box and tells the list", async () => {
        const backend = new FakeBackend({ today: TODAY });
        backend.failNext("saveAssistant", new BackendError("not_found", "Assistenten finns inte längre."));
        const { wrapper } = await mountWithApp(XAssistantForm, { backend, props: { assistant: anna } });
        await click(document.getElementById("save-assistant"));
        expect(byTest("assistant-error")?.textContent).toContain("Assistenten finns inte längre.");
        expect(wrapper.emitted("notFound")).toHaveLength(1);
        expect(input("assistant-first-name").value).toBe("Anna");
    });

    it("emits cancel", async () => {
        const { wrapper } = await mountWithApp(XAssistantForm, { props: { assistant: null } });
        await click(document.getElementById("cancel-assistant"));
        expect(wrapper.emitted("cancel")).toHaveLength(1);
    });
});

describe("assistant-form mapping", () => {
    it("trims and sends null for an empty phone", () => {
        expect(
            formToAssistantInput(null, {
                personnummer: " 19811218-9876 ",
                firstName: " Anna",
                lastName: "Andersson ",
                phone: " ",
                employedByPerson: false,
                collectiveAgreement: true,
                employerKind: "provider",
                otherEmployer: { name: "kept", organisationsnummer: "" },
                periodStart: " 2024-01-01 ",
                periodWeeks: "4",
            }),
        ).toEqual({
            id: null,
            personnummer: "19811218-9876",
            firstName: "Anna",
            lastName: "Andersson",
            phone: null,
            employedByPerson: false,
            collectiveAgreement: true,
            employer: { kind: "provider" },
            calculationPeriods: { start: "2024-01-01", weeks: 4 },
        });
    });

    it("sends another employer, and reads it back", () => {
        const state = assistantToForm(null);
        expect(state.periodStart).toBe("2024-01-01");
        expect(state.periodWeeks).toBe("4");
        state.personnummer = "198112189876";
        state.employerKind = "other";
        state.otherEmployer = { name: " ", organisationsnummer: " 556036-0793 " };
        state.periodWeeks = "2";
        const input = formToAssistantInput(7, state);
        expect(input.employer).toEqual({ kind: "other", name: null, organisationsnummer: "556036-0793" });
        expect(input.calculationPeriods).toEqual({ start: "2024-01-01", weeks: 2 });
        const back = assistantToForm({
            ...anna,
            employer: { kind: "other", name: "Annan AB", organisationsnummer: "5560360793" },
            calculationPeriods: { start: "2025-03-05", weeks: 2 },
        });
        expect(back.employerKind).toBe("other");
        expect(back.otherEmployer).toEqual({ name: "Annan AB", organisationsnummer: "556036-0793" });
        expect([back.periodStart, back.periodWeeks]).toEqual(["2025-03-05", "2"]);
        expect(formToAssistantInput(7, { ...back, employerKind: "self_employed" }).employer).toEqual({ kind: "self_employed" });
    });
});
