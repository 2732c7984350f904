import { describe, expect, it } from "vitest";
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
        const { replay } = await mountWithApp(XBackup, { scenarios: ["backup"] });
        await typeInto("backup-passphrase", PASSPHRASE);
        await typeInto("backup-passphrase-again", PASSPHRASE);
        await submit();
        expect(replay.calls).toEqual([
            { cmd: "create_backup", args: { passphrase: PASSPHRASE, passphraseAgain: PASSPHRASE } },
        ]);
        expect(byTest("backup-path")?.textContent).toBe("/data/documents/timbok-säkerhetskopia-2026-11-10-100000.age");
        expect((document.getElementById("backup-passphrase") as HTMLInputElement).value).toBe("");
        expect((document.getElementById("backup-passphrase-again") as HTMLInputElement).value).toBe("");
        expect(document.body.innerHTML).not.toContain(PASSPHRASE);
        expect(byTest("backup-show-folder")).not.toBeNull();
    });

    it("checks a short or mistyped passphrase before asking the backend", async () => {
        const { replay } = await mountWithApp(XBackup, { scenarios: ["backup"] });
        await typeInto("backup-passphrase", "kort");
        await typeInto("backup-passphrase-again", "annat");
        await submit();
        expect(replay.commands()).toEqual([]);
        expect(fieldError("backup-passphrase")).toContain("minst 10 tecken");
        expect(fieldError("backup-passphrase-again")).toContain("samma lösenord");
        expect(document.activeElement?.closest("nav")).not.toBeNull();
    });

    it("puts the backend's passphrase error on its field, in the chosen language", async () => {
        await mountWithApp(XBackup, { scenarios: ["backup"], locale: "en" });
        await typeInto("backup-passphrase", "          x");
        await typeInto("backup-passphrase-again", "          x");
        await submit();
        expect(fieldError("backup-passphrase")).toContain("at least 10 characters");
        expect(byTest("backup-done")).toBeNull();
    });
});
