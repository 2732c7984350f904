import { describe, expect, it } from "vitest";
import { byTest, click, mountWithApp, settle } from "../../test/mount";
import XExport from "./XExport.vue";

describe("XExport", () => {
    it("exports and says where, with a link to the folder", async () => {
        const { replay } = await mountWithApp(XExport, { scenarios: ["backup"] });
        await click(byTest("export-create"));
        await settle();
        expect(replay.commands()).toEqual(["export_household"]);
        expect(byTest("export-path")?.textContent).toBe("/data/documents/timbok-export-2026-11-10-100000.json");
        expect(byTest("export-show-folder")).not.toBeNull();
    });
});
