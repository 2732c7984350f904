/**
 * Backup, restore, export and the month screen's drafts in the in-memory fake backend
 * (docs/ipc.md, "Backup, restore, export" and "Drafts"). Thin on purpose: the rules (the
 * passphrase's length, the file's format, the restore itself) are Rust's (timbok-core
 * `backup.rs`, `safekeeping.rs`, `drafts.rs`); this records what the screens send and plays
 * back what a test seeded. Tests inject any backend error with `FakeBackend.failNext`.
 *
 * - A backup the fake "writes" holds `contents`; a picked file opens only with the passphrase
 *   of the last backup made (or `passphrase`), else `backup_wrong_passphrase`.
 * - `restored` lists what was restored (a file's base64 or an automatic backup's name).
 * - Drafts are kept by month, assistant and day, as sent.
 *
 * Methods are synchronous: FakeBackend wraps them in its `run` (failNext, cloning).
 */
import { BackendError } from "./errors";
import type { AutomaticBackup, BackupContents, BackupSaved, Draft, RestoreDone } from "./types";

export interface FakeSafekeepingOptions {
    /** What every backup holds. */
    contents?: BackupContents;
    /** The passphrase a picked file opens with. */
    passphrase?: string;
    automatic?: AutomaticBackup[];
    drafts?: Draft[];
}

const FOLDER = "/home/anna/Dokument/Timbok";

export const FAKE_BACKUP_CONTENTS: BackupContents = {
    createdAt: "2026-12-07T09:30:00",
    environment: "demo",
    personName: "Elsa Demosson",
    assistants: 3,
    shifts: 42,
    timeReports: 2,
    invoices: 1,
};

function draftKey(month: string, assistantId: number, date: string): string {
    return `${month}|${String(assistantId)}|${date}`;
}

export class FakeSafekeeping {
    contents: BackupContents;
    passphrase: string;
    automatic: AutomaticBackup[];
    readonly backups: string[] = [];
    readonly restored: string[] = [];
    readonly exports: string[] = [];
    foldersOpened = 0;
    private readonly drafts = new Map<string, Draft>();

    constructor(options: FakeSafekeepingOptions = {}) {
        this.contents = options.contents ?? FAKE_BACKUP_CONTENTS;
        this.passphrase = options.passphrase ?? "korrekt häst batteri";
        this.automatic = options.automatic ?? [];
        for (const draft of options.drafts ?? []) {
            this.saveDraft(draft);
        }
    }

    createBackup(passphrase: string): BackupSaved {
        this.passphrase = passphrase;
        const path = `${FOLDER}/timbok-säkerhetskopia-demo-2026-12-07-093000.age`;
        this.backups.push(path);
        return { path, contents: this.contents };
    }

    private open(passphrase: string): BackupContents {
        if (passphrase !== this.passphrase) {
            throw new BackendError(
                "backup_wrong_passphrase",
                "Lösenordet stämmer inte för den här säkerhetskopian. Kontrollera lösenordet (stora och små bokstäver) och försök igen. Ingenting har ändrats.",
                "passphrase",
            );
        }
        return this.contents;
    }

    previewBackup(passphrase: string): BackupContents {
        return this.open(passphrase);
    }

    restoreBackup(base64: string, passphrase: string): RestoreDone {
        const contents = this.open(passphrase);
        return this.restore(base64, contents);
    }

    private restore(what: string, contents: BackupContents): RestoreDone {
        this.restored.push(what);
        const name = `demo-2026-12-07-093100-before-restore.age`;
        this.automatic.unshift({ name, date: "2026-12-07", kind: "before_restore" });
        return { contents, previousBackup: `/home/anna/.local/share/timbok/backups/auto/${name}` };
    }

    private automaticByName(name: string): AutomaticBackup {
        const found = this.automatic.find((it) => it.name === name);
        if (!found) {
            throw new BackendError(
                "invalid_input",
                "Den automatiska säkerhetskopian finns inte längre. Uppdatera listan och välj en annan.",
                "name",
            );
        }
        return found;
    }

    previewAutomaticBackup(name: string): BackupContents {
        this.automaticByName(name);
        return this.contents;
    }

    restoreAutomaticBackup(name: string): RestoreDone {
        this.automaticByName(name);
        return this.restore(name, this.contents);
    }

    exportHousehold(): string {
        const path = `${FOLDER}/timbok-export-demo-2026-12-07-093000.json`;
        this.exports.push(path);
        return path;
    }

    getDrafts(month: string): Draft[] {
        return [...this.drafts.values()].filter((draft) => draft.month === month);
    }

    saveDraft(draft: Draft): null {
        this.drafts.set(draftKey(draft.month, draft.assistantId, draft.date), { ...draft });
        return null;
    }

    removeDraft(month: string, assistantId: number, date: string): null {
        this.drafts.delete(draftKey(month, assistantId, date));
        return null;
    }

    /** Every draft kept (tests). */
    allDrafts(): Draft[] {
        return [...this.drafts.values()];
    }
}
