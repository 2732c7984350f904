import { describe, expect, it } from "vitest";
import { BackendError } from "../../backend/errors";
import { FakeBackend } from "../../backend/fake";
import { byTest, click, mountWithApp, settle } from "../../test/mount";
import XExport from "./XExport.vue";

describe("XExport", () => {
    it("exports and says where, with a link to the folder", async () => {
        const backend = new FakeBackend();
        await mountWithApp(XExport, { backend });
        await click(byTest("export-create"));
        await settle();
        expect(backend.safekeeping.exports).toHaveLength(1);
        expect(byTest("export-path")?.textContent).toBe(backend.safekeeping.exports[0]);
        await click(byTest("export-show-folder"));
        await settle();
        expect(backend.safekeeping.foldersOpened).toBe(1);
    });

    it("shows a failure and moves focus to it", async () => {
        const backend = new FakeBackend();
        backend.failNext("exportHousehold", new BackendError("storage", "Disken är full. Frigör plats och försök igen."));
        await mountWithApp(XExport, { backend });
        await click(byTest("export-create"));
        await settle();
        expect(byTest("export-error")?.textContent).toContain("Disken är full");
        expect(document.activeElement?.className).toContain("x-export__error");
        expect(byTest("export-done")).toBeNull();
    });
});
