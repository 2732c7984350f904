import { describe, expect, it } from "vitest";
import { scenario } from "../../backend/replay";
import type { BackupContents } from "../../backend/types";
import { byTest, mountWithApp } from "../../test/mount";
import XBackupContents from "./XBackupContents.vue";
import { formatCreatedAt } from "./created-at";

/** What Rust answered when the backup of the "backup" scenario was previewed. */
const contents = scenario("backup").find((c) => c.cmd === "preview_backup" && "ok" in c)?.ok as BackupContents;

describe("XBackupContents", () => {
    it("lists the date, the person and the counts", async () => {
        await mountWithApp(XBackupContents, { props: { contents } });
        expect(byTest("backup-created-at")?.textContent).toBe("2026-11-10 10:00");
        expect(byTest("backup-person")?.textContent).toBe("Tolvan Tolvansson");
        expect(byTest("backup-shifts")?.textContent).toBe("0");
        expect(byTest("backup-invoices")?.textContent).toBe("0");
    });

    it("says when the household was not filled in", async () => {
        await mountWithApp(XBackupContents, { props: { contents: { ...contents, personName: null } } });
        expect(byTest("backup-person")?.textContent).toBe("Inte ifyllt");
    });

    it("formats the time to the minute", () => {
        expect(formatCreatedAt("2026-01-31T23:59:59")).toBe("2026-01-31 23:59");
    });
});
