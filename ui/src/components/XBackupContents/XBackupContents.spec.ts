import { describe, expect, it } from "vitest";
import { FakeBackend } from "../../backend/fake";
import { FAKE_BACKUP_CONTENTS } from "../../backend/fake-safekeeping";
import { byTest, mountWithApp } from "../../test/mount";
import XBackupContents from "./XBackupContents.vue";
import { formatCreatedAt } from "./created-at";

describe("XBackupContents", () => {
    it("lists the date, the person and the counts", async () => {
        await mountWithApp(XBackupContents, {
            backend: new FakeBackend(),
            props: { contents: { ...FAKE_BACKUP_CONTENTS, shifts: 17, invoices: 0 } },
        });
        expect(byTest("backup-created-at")?.textContent).toBe("2026-12-07 09:30");
        expect(byTest("backup-person")?.textContent).toBe("Elsa Demosson");
        expect(byTest("backup-shifts")?.textContent).toBe("17");
        expect(byTest("backup-invoices")?.textContent).toBe("0");
    });

    it("says when the household was not filled in", async () => {
        await mountWithApp(XBackupContents, {
            backend: new FakeBackend(),
            props: { contents: { ...FAKE_BACKUP_CONTENTS, personName: null } },
        });
        expect(byTest("backup-person")?.textContent).toBe("Inte ifyllt");
    });

    it("formats the time to the minute", () => {
        expect(formatCreatedAt("2026-01-31T23:59:59")).toBe("2026-01-31 23:59");
    });
});
