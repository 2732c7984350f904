import { afterEach, describe, expect, it } from "vitest";
import { BackendError } from "../backend/errors";
import { FakeBackend } from "../backend/fake";
import { draftKeeper, moveLocalDrafts } from "./drafts";

afterEach(() => {
    localStorage.clear();
});

describe("draftKeeper", () => {
    it("writes, reads and removes a month's drafts through the backend", async () => {
        const backend = new FakeBackend();
        const keeper = draftKeeper(backend, "2026-10");
        keeper.write(1, "2026-10-12", "8-25");
        keeper.write(2, "2026-10-13", "");
        await Promise.resolve();
        expect(await keeper.load()).toEqual([
            { month: "2026-10", assistantId: 1, date: "2026-10-12", text: "8-25" },
            { month: "2026-10", assistantId: 2, date: "2026-10-13", text: "" },
        ]);
        expect(await draftKeeper(backend, "2026-11").load()).toEqual([]);
        keeper.remove(1, "2026-10-12");
        await Promise.resolve();
        expect(backend.safekeeping.allDrafts()).toHaveLength(1);
        expect(localStorage.length).toBe(0);
    });

    it("a draft the backend cannot keep does not throw", async () => {
        const backend = new FakeBackend();
        backend.failNext("saveDraft", new BackendError("storage", "Disken är full."));
        draftKeeper(backend, "2026-10").write(1, "2026-10-12", "8-16");
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(backend.safekeeping.allDrafts()).toEqual([]);
    });
});

describe("moveLocalDrafts", () => {
    it("moves drafts of an earlier version into the database and leaves only the language", async () => {
        localStorage.setItem("timbok.locale", "en");
        localStorage.setItem("timbok.draft.2026-10.1.2026-10-12", "8-25 Anna sjuk");
        localStorage.setItem("timbok.draft.2026-10.3.2026-10-14", "");
        localStorage.setItem("timbok.draft.trasig", "x");
        const backend = new FakeBackend();
        expect(await moveLocalDrafts(backend)).toBe(2);
        expect(backend.safekeeping.allDrafts()).toEqual([
            { month: "2026-10", assistantId: 1, date: "2026-10-12", text: "8-25 Anna sjuk" },
            { month: "2026-10", assistantId: 3, date: "2026-10-14", text: "" },
        ]);
        expect(Object.keys(localStorage)).toEqual(["timbok.locale"]);
        expect(await moveLocalDrafts(backend)).toBe(0);
    });

    it("drops a draft whose assistant is gone, keeps one the database could not take now", async () => {
        localStorage.setItem("timbok.draft.2026-10.9.2026-10-12", "8-16");
        const backend = new FakeBackend();
        backend.failNext("saveDraft", new BackendError("not_found", "Assistenten finns inte längre."));
        expect(await moveLocalDrafts(backend)).toBe(0);
        expect(localStorage.length).toBe(0);

        localStorage.setItem("timbok.draft.2026-10.1.2026-10-12", "8-16");
        backend.failNext("saveDraft", new BackendError("storage", "Databasen är upptagen."));
        expect(await moveLocalDrafts(backend)).toBe(0);
        expect(localStorage.getItem("timbok.draft.2026-10.1.2026-10-12")).toBe("8-16");
        expect(await moveLocalDrafts(backend)).toBe(1);
        expect(localStorage.length).toBe(0);
    });
});
