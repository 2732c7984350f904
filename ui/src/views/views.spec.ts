/** Every view renders inside the app shell and passes axe with no violations. */
import { describe, expect, it } from "vitest";
import App from "../App.vue";
import { FakeBackend } from "../backend/fake";
import type { Assistant, Household } from "../backend/types";
import { axeViolations } from "../test/axe";
import { byTest, click, mountWithApp, settle } from "../test/mount";

const household: Household = {
    person: { personnummer: "191212121212", firstName: "Tolvan", lastName: "Tolvansson", phone: null },
    signerRole: "vardnadshavare",
    signer: { personnummer: "198112189876", firstName: "Vera", lastName: "Vårdnadshavare", phone: null },
    employment: "buys",
    provider: { name: "Exempelassistans AB", organisationsnummer: "2021005521", contactPerson: null, phone: null, },
    grantedHoursPerMonth: 160,
    scenario: "B",
};

const assistants: Assistant[] = [
    {
        id: 1,
        personnummer: "197010632391",
        idKind: "samordningsnummer",
        firstName: "Sam",
        lastName: "Samordning",
        phone: null,
        employedByPerson: false,
        collectiveAgreement: false, employer: { kind: "provider" }, calculationPeriods: { start: "2024-01-01", weeks: 4 },
    },
];

describe("views: accessibility (axe)", () => {
    it.each(["/household", "/month", "/time-reports", "/invoice", "/overview", "/settings"])(
        "%s has no violations",
        async (route) => {
            await mountWithApp(App, { route });
            expect(document.querySelector("main h1")).not.toBeNull();
            expect(await axeViolations(document.body)).toEqual([]);
        },
    );

    it("the filled household screen with assistants has no violations", async () => {
        await mountWithApp(App, { backend: new FakeBackend({ household, assistants }) });
        expect(byTest("scenario")?.textContent).toBe("B");
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("the household screen showing validation errors has no violations", async () => {
        await mountWithApp(App);
        await click(document.getElementById("save-household"));
        expect(document.querySelector("#household-form > nav")).not.toBeNull();
        expect(await axeViolations(document.body)).toEqual([]);
    });

    it("the open assistant form and the delete dialog have no violations", async () => {
        await mountWithApp(App, { backend: new FakeBackend({ household, assistants }) });
        await click(document.getElementById("add-assistant"));
        expect(await axeViolations(document.body)).toEqual([]);
        await click(document.getElementById("cancel-assistant"));
        await click(byTest("delete-assistant"));
        await settle();
        expect(document.querySelector('[role="dialog"]')).not.toBeNull();
        expect(await axeViolations(document.body)).toEqual([]);
    });
});
