import { describe, expect, it, vi } from "vitest";
import { BackendError } from "../../backend/errors";
import { FakeBackend } from "../../backend/fake";
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

function backupFile(): File {
    return new File([new TextEncoder().encode("age-encryption.org/v1\n-> scrypt …")], "timbok-säkerhetskopia.age");
}

async function confirmInDialog(): Promise<void> {
    await click(byTest("restore-confirm"));
    await settle();
    await click(byTest("confirm-restore"));
    await settle();
}

describe("XRestore", () => {
    it("shows what the backup holds before anything is replaced, then restores on confirmation", async () => {
        const backend = new FakeBackend({ safekeeping: { passphrase: PASSPHRASE } });
        const restore = vi.spyOn(backend, "restoreBackup");
        const { wrapper } = await mountWithApp(XRestore, { backend });
        await chooseFile(backupFile());
        expect(byTest("restore-chosen")?.textContent).toContain("timbok-säkerhetskopia.age");
        await typeInto("restore-passphrase", PASSPHRASE);
        await click(document.getElementById("restore-show"));
        await settle();

        expect(byTest("backup-person")?.textContent).toBe("Elsa Demosson");
        expect(byTest("backup-shifts")?.textContent).toBe("42");
        expect(restore).not.toHaveBeenCalled();
        expect(backend.safekeeping.restored).toEqual([]);

        await confirmInDialog();
        expect(restore).toHaveBeenCalledWith(expect.any(String), PASSPHRASE);
        expect(backend.safekeeping.restored).toHaveLength(1);
        expect(byTest("restore-done")?.textContent).toContain("2026-12-07 09:30");
        expect(byTest("restore-previous")?.textContent).toContain("before-restore");
        expect(wrapper.emitted("restored")).toHaveLength(1);
        /* The automatic backup of the replaced data is listed now. */
        expect(allByTest("automatic-backup")).toHaveLength(1);
    });

    it("cancelling the preview or the dialog replaces nothing", async () => {
        const backend = new FakeBackend({ safekeeping: { passphrase: PASSPHRASE } });
        await mountWithApp(XRestore, { backend });
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
        expect(backend.safekeeping.restored).toEqual([]);
    });

    it("puts a wrong passphrase on its field", async () => {
        const backend = new FakeBackend({ safekeeping: { passphrase: PASSPHRASE } });
        await mountWithApp(XRestore, { backend });
        await chooseFile(backupFile());
        await typeInto("restore-passphrase", "fel lösenord här");
        await click(document.getElementById("restore-show"));
        await settle();
        expect(fieldError("restore-passphrase")).toContain("Lösenordet stämmer inte");
        expect(byTest("restore-preview")).toBeNull();
    });

    it("asks for the file first, and says when it is not a backup", async () => {
        const backend = new FakeBackend({ safekeeping: { passphrase: PASSPHRASE } });
        await mountWithApp(XRestore, { backend });
        await typeInto("restore-passphrase", PASSPHRASE);
        await click(document.getElementById("restore-show"));
        await settle();
        expect(byTest("restore-error")?.textContent).toContain("Välj filen med säkerhetskopian");
        expect(document.activeElement?.className).toContain("x-restore__error");

        backend.failNext("previewBackup", new BackendError("backup_damaged", "Filen är inte en säkerhetskopia från Timbok."));
        await chooseFile(new File(["hej"], "anteckningar.txt"));
        await click(document.getElementById("restore-show"));
        await settle();
        expect(byTest("restore-error")?.textContent).toContain("Välj en annan fil");
    });

    it("lists the automatic backups by date and restores one after its preview", async () => {
        const backend = new FakeBackend({
            safekeeping: {
                automatic: [
                    { name: "demo-2026-12-07-daily.age", date: "2026-12-07", kind: "daily" },
                    { name: "demo-2026-12-06-143000-before-restore.age", date: "2026-12-06", kind: "before_restore" },
                ],
            },
        });
        await mountWithApp(XRestore, { backend });
        const items = allByTest("automatic-backup");
        expect(items.map((it) => byTest("automatic-label", it)?.textContent)).toEqual([
            "Daglig säkerhetskopia 2026-12-07",
            "Före återställning 2026-12-06",
        ]);
        await click(byTest("automatic-show", items[1]));
        await settle();
        expect(byTest("backup-contents")).not.toBeNull();
        await confirmInDialog();
        expect(backend.safekeeping.restored).toEqual(["demo-2026-12-06-143000-before-restore.age"]);
        expect(byTest("restore-done")).not.toBeNull();
    });

    it("says when there are no automatic backups yet", async () => {
        await mountWithApp(XRestore);
        expect(byTest("automatic-none")).not.toBeNull();
    });
});
