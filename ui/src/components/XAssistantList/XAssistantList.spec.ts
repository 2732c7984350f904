import { describe, expect, it } from "vitest";
import { BackendError } from "../../backend/errors";
import { FakeBackend } from "../../backend/fake";
import type { Assistant } from "../../backend/types";
import { allByTest, byTest, check, click, mountWithApp, typeInto } from "../../test/mount";
import XAssistantList from "./XAssistantList.vue";

const TODAY = new Date(2026, 10, 23);

const anna: Assistant = {
    id: 1,
    personnummer: "198112189876",
    idKind: "personnummer",
    firstName: "Anna",
    lastName: "Andersson",
    phone: null,
    employedByPerson: true,
    collectiveAgreement: true, employer: { kind: "provider" }, calculationPeriods: { start: "2024-01-01", weeks: 4 },
};

const sam: Assistant = {
    id: 2,
    personnummer: "197010632391",
    idKind: "samordningsnummer",
    firstName: "Sam",
    lastName: "Samordning",
    phone: null,
    employedByPerson: false,
    collectiveAgreement: false, employer: { kind: "provider" }, calculationPeriods: { start: "2024-01-01", weeks: 4 },
};

function rows(): string[][] {
    return allByTest("assistant-row").map((row) =>
        Array.from(row.querySelectorAll("th, td"))
            .slice(0, 4)
            .map((cell) => cell.textContent?.trim() ?? ""),
    );
}

describe("XAssistantList", () => {
    it("says when there are no assistants", async () => {
        await mountWithApp(XAssistantList);
        expect(byTest("assistants-empty")?.textContent).toContain("inte lagt till några assistenter");
        expect(allByTest("assistant-row")).toHaveLength(0);
    });

    it("lists name, formatted number, kind and employment", async () => {
        await mountWithApp(XAssistantList, { backend: new FakeBackend({ assistants: [sam, anna] }) });
        expect(rows()).toEqual([
            ["Anna Andersson", "19811218-9876", "Personnummer", "Ja"],
            ["Sam Samordning", "19701063-2391", "Samordningsnummer", "Nej"],
        ]);
        expect(document.querySelectorAll("th[scope=col]")).toHaveLength(5);
        expect(document.body.textContent).toContain("blankett 3059");
    });

    it("adds an assistant: the list updates and a status text confirms", async () => {
        const backend = new FakeBackend({ today: TODAY, assistants: [sam] });
        await mountWithApp(XAssistantList, { backend });
        await click(document.getElementById("add-assistant"));
        expect(document.getElementById("add-assistant")).toBeNull();
        await typeInto("assistant-personnummer", "19121212-1212");
        await typeInto("assistant-first-name", "Tolvan");
        await typeInto("assistant-last-name", "Tolvansson");
        await check("assistant-employed");
        await click(document.getElementById("save-assistant"));

        expect(rows().map((row) => row[0])).toEqual(["Sam Samordning", "Tolvan Tolvansson"]);
        const status = byTest("assistant-saved");
        expect(status?.textContent).toContain("Tolvan Tolvansson är sparad.");
        expect(status?.closest('[role="status"]')?.getAttribute("aria-live")).toBe("polite");
        expect(document.getElementById("assistant-form")).toBeNull();
        expect(document.activeElement).toBe(document.getElementById("add-assistant"));
    });

    it("edits an assistant from its row", async () => {
        const backend = new FakeBackend({ today: TODAY, assistants: [anna, sam] });
        await mountWithApp(XAssistantList, { backend });
        const row = allByTest("assistant-row").find((it) => it.textContent?.includes("Sam Samordning"));
        const edit = byTest("edit-assistant", row);
        expect(edit?.getAttribute("aria-label")).toBe("Ändra Sam Samordning");
        await click(edit);
        expect((document.getElementById("assistant-first-name") as HTMLInputElement).value).toBe("Sam");
        await typeInto("assistant-first-name", "Samuel");
        await click(document.getElementById("save-assistant"));
        expect(rows().map((it) => it[0])).toEqual(["Anna Andersson", "Samuel Samordning"]);
        expect(byTest("assistant-saved")?.textContent).toContain("Samuel Samordning är sparad.");
    });

    it("cancels without saving", async () => {
        const backend = new FakeBackend({ today: TODAY });
        await mountWithApp(XAssistantList, { backend });
        await click(document.getElementById("add-assistant"));
        await typeInto("assistant-first-name", "Tolvan");
        await click(document.getElementById("cancel-assistant"));
        expect(document.getElementById("assistant-form")).toBeNull();
        expect(await backend.listAssistants()).toEqual([]);
    });

    it("deletes after confirmation", async () => {
        const backend = new FakeBackend({ today: TODAY, assistants: [anna, sam] });
        await mountWithApp(XAssistantList, { backend });
        const row = allByTest("assistant-row")[0];
        await click(byTest("delete-assistant", row));
        const dialog = document.querySelector('[role="dialog"]');
        expect(dialog?.textContent).toContain("Vill du ta bort Anna Andersson");
        const labelledBy = dialog?.getAttribute("aria-labelledby") ?? "";
        expect(document.getElementById(labelledBy)?.textContent?.trim()).toBe("Ta bort assistent?");

        await click(byTest("cancel-delete"));
        expect(document.querySelector('[role="dialog"]')).toBeNull();
        expect(allByTest("assistant-row")).toHaveLength(2);

        await click(byTest("delete-assistant", allByTest("assistant-row")[0]));
        await click(byTest("confirm-delete"));
        expect(document.querySelector('[role="dialog"]')).toBeNull();
        expect(rows().map((it) => it[0])).toEqual(["Sam Samordning"]);
        expect(byTest("assistant-deleted")?.textContent).toContain("Anna Andersson är borttagen.");
        expect(await backend.listAssistants()).toHaveLength(1);
    });

    it("says why a delete was refused and keeps the assistant", async () => {
        const backend = new FakeBackend({ today: TODAY, assistants: [anna], assistantsWithShifts: [anna.id] });
        await mountWithApp(XAssistantList, { backend });
        await click(byTest("delete-assistant"));
        await click(byTest("confirm-delete"));
        expect(byTest("delete-error")?.textContent).toContain("har arbetspass");
        expect(allByTest("assistant-row")).toHaveLength(1);
    });

    it("says when the list cannot be loaded, and can try again", async () => {
        const backend = new FakeBackend({ assistants: [anna] });
        backend.failNext("listAssistants", new BackendError("storage", "Det gick inte att läsa databasen. Försök igen."));
        await mountWithApp(XAssistantList, { backend });
        expect(document.body.textContent).toContain("Det gick inte att läsa databasen. Försök igen.");
        await click(byTest("retry-assistants"));
        expect(allByTest("assistant-row")).toHaveLength(1);
    });

    it("keeps the delete question's hooks and leaves its confirm button enabled", async () => {
        await mountWithApp(XAssistantList, { backend: new FakeBackend({ today: TODAY, assistants: [anna] }) });
        await click(byTest("delete-assistant"));
        expect(document.getElementById("confirm-delete-dialog")?.dataset.test).toBe("confirm-delete-dialog");
        expect(document.querySelector('[role="dialog"]')?.getAttribute("aria-labelledby")).toBe("confirm-delete-dialog-heading");
        expect(byTest("confirm-delete")?.textContent?.trim()).toBe("Ja, ta bort");
        expect(byTest("confirm-delete")?.hasAttribute("disabled")).toBe(false);
        expect(byTest("cancel-delete")).not.toBeNull();
    });
});
