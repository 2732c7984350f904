import { describe, expect, it } from "vitest";
import { BackendError, TauriBackend } from "../../backend";
import { byTest, click, mountWithApp } from "../../test/mount";
import XFileResult from "./XFileResult.vue";

describe("XFileResult", () => {
    it("says where the file is, with the folder button when asked for", async () => {
        /* Opening a folder is not recorded (it would open the recorder's file manager): a stub transport. */
        const commands: string[] = [];
        const backend = new TauriBackend(async <T>(cmd: string): Promise<T> => {
            commands.push(cmd);
            return null as T;
        });
        await mountWithApp(XFileResult, {
            backend,
            props: { path: "/data/documents/x.json", text: "Sparad:", test: "export", showFolder: true, error: null },
        });
        expect(byTest("export-done")?.closest('[role="status"]')?.getAttribute("aria-live")).toBe("polite");
        expect(byTest("export-done")?.textContent).toContain("Sparad:");
        expect(byTest("export-path")?.textContent).toBe("/data/documents/x.json");
        await click(byTest("export-show-folder"));
        expect(commands).toEqual(["open_documents_folder"]);
        expect(byTest("export-error")).toBeNull();
    });

    it("shows a folder that cannot be opened as an error that takes the focus", async () => {
        const backend = new TauriBackend(() => Promise.reject({ code: "storage", message: "Mappen finns inte.", field: null }));
        await mountWithApp(XFileResult, {
            backend,
            props: { path: "/data/documents/x.json", text: "Sparad:", test: "backup", showFolder: true, error: null, errorHeading: "Det gick inte" },
        });
        await click(byTest("backup-show-folder"));
        expect(byTest("backup-error")?.textContent).toContain("Mappen finns inte.");
        expect(document.activeElement?.classList.contains("x-file-result__error")).toBe(true);
    });

    it("shows nothing before there is a file, and the parent's error with its heading and text", async () => {
        const error = new BackendError("storage", "Disken är full.");
        const { wrapper } = await mountWithApp(XFileResult, {
            scenarios: ["backup"],
            props: { path: null, text: "Sparad:", test: "support", doneTest: "support-result", error, errorHeading: "Det gick inte" },
        });
        expect(byTest("support-result")).toBeNull();
        expect(byTest("support-show-folder")).toBeNull();
        expect(byTest("support-error")?.textContent).toContain("Det gick inte");
        expect(byTest("support-error")?.textContent).toContain("Disken är full.");
        await wrapper.setProps({ errorText: "Rapporten skapades inte: Disken är full." });
        expect(byTest("support-error")?.textContent).toContain("Rapporten skapades inte: Disken är full.");
        await (wrapper.vm as unknown as { focusError(): Promise<void> }).focusError();
        expect(document.activeElement?.classList.contains("x-file-result__error")).toBe(true);
    });
});
