import { describe, expect, it } from "vitest";
import { allByTest, byTest, click, fieldError, mountWithApp, settle, typeInto } from "../../test/mount";
import XRestore from "./XRestore.vue";

const PASSPHRASE = "korrekt häst batteri";

async function chooseFile(file: File): Promise<void> {
    const input = document.getElementById("restore-file") as HTMLInputElement;
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    input.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    /* FileReader finishes on a later task. */
    await new Promise((resolve) => setTimeout(resolve, 20));
    await settle();
}

/** The backup of the "backup" scenario: its recording names the file's bytes "backup-file". */
function backupFile(): File {
    return new File([new TextEncoder().encode("backup-file")], "timbok-säkerhetskopia.age");
}

async function confirmInDialog(): Promise<void> {
    await click(byTest("restore-confirm"));
    await settle();
    await click(byTest("confirm-restore"));
    await settle();
}

describe("XRestore", () => {
    it("shows what the backup holds before anything is replaced, then restores on confirmation", async () => {
        const { wrapper, replay } = await mountWithApp(XRestore, { scenarios: ["backup"] });
        expect(byTest("automatic-none")).not.toBeNull();
        await chooseFile(backupFile());
        expect(byTest("restore-chosen")?.textContent).toContain("timbok-säkerhetskopia.age");
        await typeInto("restore-passphrase", PASSPHRASE);
        await click(document.getElementById("restore-show"));
        await settle();

        expect(byTest("backup-person")?.textContent).toBe("Tolvan Tolvansson");
        expect(byTest("backup-shifts")?.textContent).toBe("0");
        expect(replay.commands()).toEqual(["list_automatic_backups", "preview_backup"]);

        await confirmInDialog();
        expect(replay.calls.at(-2)).toEqual({
            cmd: "restore_backup",
            args: { base64: "YmFja3VwLWZpbGU=", passphrase: PASSPHRASE },
        });
        expect(byTest("restore-done")?.textContent).toContain("2026-11-10 10:00");
        expect(byTest("restore-previous")?.textContent).toContain("before-restore");
        expect(wrapper.emitted("restored")).toHaveLength(1);
        /* The preview and its button are gone; the focus is on what happened, not on <body>. */
        expect(document.activeElement).toBe(byTest("restore-done"));
        /* The automatic backup of the replaced data is listed now, and can be restored. */
        const items = allByTest("automatic-backup");
        expect(items.map((it) => byTest("automatic-label", it)?.textContent)).toEqual(["Före återställning 2026-11-10"]);
        await click(byTest("automatic-show", items[0]));
        await settle();
        expect(byTest("backup-contents")).not.toBeNull();
        await confirmInDialog();
        expect(replay.commands()).toContain("restore_automatic_backup");
        expect(byTest("restore-done")).not.toBeNull();
    });

    it("cancelling the preview or the dialog replaces nothing", async () => {
        const { replay } = await mountWithApp(XRestore, { scenarios: ["backup"] });
        await chooseFile(backupFile());
        await typeInto("restore-passphrase", PASSPHRASE);
        await click(document.getElementById("restore-show"));
        await settle();
        await click(byTest("restore-confirm"));
        await settle();
        await click(byTest("cancel-restore"));
        await settle();
        await click(byTest("restore-cancel"));
        await settle();
        expect(byTest("restore-preview")).toBeNull();
        expect(replay.commands()).not.toContain("restore_backup");
    });

    it("puts a wrong passphrase on its field", async () => {
        await mountWithApp(XRestore, { scenarios: ["backup"] });
        await chooseFile(backupFile());
        await typeInto("restore-passphrase", "fel lösenord här");
        await click(document.getElementById("restore-show"));
        await settle();
        expect(fieldError("restore-passphrase")).toContain("Lösenordet stämmer inte");
        expect(byTest("restore-preview")).toBeNull();
    });

    it("asks for the file first, and says when it is not a backup", async () => {
        await mountWithApp(XRestore, { scenarios: ["backup"] });
        await typeInto("restore-passphrase", PASSPHRASE);
        await click(document.getElementById("restore-show"));
        await settle();
        expect(byTest("restore-error")?.textContent).toContain("Välj filen med säkerhetskopian");
        expect(document.activeElement?.className).toContain("x-restore__error");

        await chooseFile(new File(["hej"], "anteckningar.txt"));
        await click(document.getElementById("restore-show"));
        await settle();
        expect(byTest("restore-error")?.textContent).toContain("Välj en annan fil");
    });
});
