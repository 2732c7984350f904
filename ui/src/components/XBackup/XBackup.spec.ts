import { describe, expect, it, vi } from "vitest";
import { BackendError } from "../../backend/errors";
import { FakeBackend } from "../../backend/fake";
import { byTest, click, fieldError, mountWithApp, settle, typeInto } from "../../test/mount";
import XBackup from "./XBackup.vue";

const PASSPHRASE = "korrekt häst batteri";

async function submit(): Promise<void> {
    await click(document.getElementById("backup-create"));
    await settle();
}

describe("XBackup", () => {
    it("says that the passphrase is the way back and that Timbok cannot recover it", async () => {
        await mountWithApp(XBackup);
        const recovery = byTest("backup-recovery")?.textContent ?? "";
        expect(recovery).toContain("byter dator");
        expect(recovery).toContain("nyckelring");
        expect(recovery).toContain("Timbok kan inte ta fram ett glömt lösenord");
    });

    it("makes a backup, shows the file and empties the passphrase fields", async () => {
        const backend = new FakeBackend();
        const create = vi.spyOn(backend, "createBackup");
        await mountWithApp(XBackup, { backend });
        await typeInto("backup-passphrase", PASSPHRASE);
        await typeInto("backup-passphrase-again", PASSPHRASE);
        await submit();
        expect(create).toHaveBeenCalledWith(PASSPHRASE, PASSPHRASE);
        expect(byTest("backup-path")?.textContent).toBe(backend.safekeeping.backups[0]);
        expect((document.getElementById("backup-passphrase") as HTMLInputElement).value).toBe("");
        expect((document.getElementById("backup-passphrase-again") as HTMLInputElement).value).toBe("");
        expect(document.body.innerHTML).not.toContain(PASSPHRASE);
        await click(byTest("backup-show-folder"));
        await settle();
        expect(backend.safekeeping.foldersOpened).toBe(1);
    });

    it("checks a short or mistyped passphrase before asking the backend", async () => {
        const backend = new FakeBackend();
        const create = vi.spyOn(backend, "createBackup");
        await mountWithApp(XBackup, { backend });
        await typeInto("backup-passphrase", "kort");
        await typeInto("backup-passphrase-again", "annat");
        await submit();
        expect(create).not.toHaveBeenCalled();
        expect(fieldError("backup-passphrase")).toContain("minst 10 tecken");
        expect(fieldError("backup-passphrase-again")).toContain("samma lösenord");
        expect(document.activeElement?.closest("nav")).not.toBeNull();
    });

    it("puts the backend's passphrase error on its field, in the chosen language", async () => {
        const backend = new FakeBackend();
        backend.failNext(
            "createBackup",
            new BackendError("backup_passphrase_too_short", "Lösenordet måste vara minst 10 tecken långt.", "passphrase"),
        );
        await mountWithApp(XBackup, { backend, locale: "en" });
        await typeInto("backup-passphrase", "          x");
        await typeInto("backup-passphrase-again", "          x");
        await submit();
        expect(fieldError("backup-passphrase")).toContain("at least 10 characters");
        expect(byTest("backup-done")).toBeNull();
    });

    it("shows other failures in a message that takes focus", async () => {
        const backend = new FakeBackend();
        backend.failNext("createBackup", new BackendError("storage", "Disken är full. Frigör plats och försök igen."));
        await mountWithApp(XBackup, { backend });
        await typeInto("backup-passphrase", PASSPHRASE);
        await typeInto("backup-passphrase-again", PASSPHRASE);
        await submit();
        expect(byTest("backup-error")?.textContent).toContain("Disken är full");
        expect(document.activeElement?.className).toContain("x-backup__error");
        /* Nothing typed is lost. */
        expect((document.getElementById("backup-passphrase") as HTMLInputElement).value).toBe(PASSPHRASE);
    });
});
