import { describe, expect, it } from "vitest";
import { allByTest, byTest, check, click, mountWithApp, typeInto } from "../../test/mount";
import XAssistantList from "./XAssistantList.vue";

function rows(): string[][] {
    return allByTest("assistant-row").map((row) =>
        Array.from(row.querySelectorAll("th, td"))
            .slice(0, 4)
            .map((cell) => cell.textContent?.trim() ?? ""),
    );
}

describe("XAssistantList", () => {
    it("says when there are no assistants", async () => {
        await mountWithApp(XAssistantList, { scenarios: ["household", "check-field-forms"] });
        expect(byTest("assistants-empty")?.textContent).toContain("inte lagt till några assistenter");
        expect(allByTest("assistant-row")).toHaveLength(0);
    });

    it("lists name, formatted number, kind and employment", async () => {
        await mountWithApp(XAssistantList, { scenarios: ["fresh-demo", "check-field-forms"] });
        expect(rows()).toEqual([
            ["Ali Haddad", "19701063-2391", "Samordningsnummer", "Ja"],
            ["Johan Lind", "19900621-9894", "Personnummer", "Ja"],
            ["Sara Öberg", "19781102-9946", "Personnummer", "Ja"],
        ]);
        expect(document.querySelectorAll("th[scope=col]")).toHaveLength(5);
        expect(document.body.textContent).toContain("blankett 3059");
    });

    it("adds an assistant: the list updates and a status text confirms", async () => {
        await mountWithApp(XAssistantList, { scenarios: ["assistant-add", "check-field-forms"] });
        await click(document.getElementById("add-assistant"));
        expect(document.getElementById("add-assistant")).toBeNull();
        await typeInto("assistant-personnummer", "19121212-1212");
        await typeInto("assistant-first-name", "Tolvan");
        await typeInto("assistant-last-name", "Tolvansson");
        await check("assistant-employed");
        await click(document.getElementById("save-assistant"));

        expect(rows().map((row) => row[0])).toEqual(["Anna Andersson", "Sam Samordning", "Tolvan Tolvansson"]);
        const status = byTest("assistant-saved");
        expect(status?.textContent).toContain("Tolvan Tolvansson är sparad.");
        expect(status?.closest('[role="status"]')?.getAttribute("aria-live")).toBe("polite");
        expect(document.getElementById("assistant-form")).toBeNull();
        expect(document.activeElement).toBe(document.getElementById("add-assistant"));
    });

    it("edits an assistant from its row", async () => {
        await mountWithApp(XAssistantList, { scenarios: ["assistant-edit", "check-field-forms"] });
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
        const { replay } = await mountWithApp(XAssistantList, { scenarios: ["assistant-add", "check-field-forms"] });
        await click(document.getElementById("add-assistant"));
        await typeInto("assistant-first-name", "Tolvan");
        await click(document.getElementById("cancel-assistant"));
        expect(document.getElementById("assistant-form")).toBeNull();
        expect(replay.commands()).toEqual(["list_assistants"]);
    });

    it("deletes after confirmation", async () => {
        await mountWithApp(XAssistantList, { scenarios: ["assistant-delete", "check-field-forms"] });
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
    });

    it("says why a delete was refused and keeps the assistant", async () => {
        await mountWithApp(XAssistantList, { scenarios: ["demo-reset", "check-field-forms"] });
        await click(byTest("delete-assistant"));
        await click(byTest("confirm-delete"));
        expect(byTest("delete-error")?.textContent).toContain("registrerade pass och kan inte tas bort");
        expect(allByTest("assistant-row")).toHaveLength(3);
    });

    it("keeps the delete question's hooks and leaves its confirm button enabled", async () => {
        await mountWithApp(XAssistantList, { scenarios: ["fresh-demo", "check-field-forms"] });
        await click(byTest("delete-assistant"));
        expect(document.getElementById("confirm-delete-dialog")?.dataset.test).toBe("confirm-delete-dialog");
        expect(document.querySelector('[role="dialog"]')?.getAttribute("aria-labelledby")).toBe("confirm-delete-dialog-heading");
        expect(byTest("confirm-delete")?.textContent?.trim()).toBe("Ja, ta bort");
        expect(byTest("confirm-delete")?.hasAttribute("disabled")).toBe(false);
        expect(byTest("cancel-delete")).not.toBeNull();
    });
});
