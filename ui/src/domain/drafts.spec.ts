import { afterEach, describe, expect, it } from "vitest";
import { replayBackend } from "../backend/replay";
import { draftKeeper, moveLocalDrafts } from "./drafts";

afterEach(() => {
    localStorage.clear();
});

describe("draftKeeper", () => {
    it("writes, reads and removes a month's drafts through the backend", async () => {
        const { backend, replay } = replayBackend("drafts");
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
        expect(await keeper.load()).toEqual([{ month: "2026-10", assistantId: 2, date: "2026-10-13", text: "" }]);
        expect(replay.commands()).toEqual(["save_draft", "save_draft", "get_drafts", "get_drafts", "remove_draft", "get_drafts"]);
        expect(localStorage.length).toBe(0);
    });
});

describe("moveLocalDrafts", () => {
    it("moves drafts of an earlier version into the database and leaves only the language", async () => {
        localStorage.setItem("timbok.locale", "en");
        localStorage.setItem("timbok.draft.2026-10.1.2026-10-12", "8-25 Anna sjuk");
        localStorage.setItem("timbok.draft.2026-10.2.2026-10-14", "");
        localStorage.setItem("timbok.draft.trasig", "x");
        const { backend, replay } = replayBackend("drafts");
        expect(await moveLocalDrafts(backend)).toBe(2);
        expect(replay.calls.map((c) => c.args)).toEqual([
            { draft: { month: "2026-10", assistantId: 1, date: "2026-10-12", text: "8-25 Anna sjuk" } },
            { draft: { month: "2026-10", assistantId: 2, date: "2026-10-14", text: "" } },
        ]);
        expect(Object.keys(localStorage)).toEqual(["timbok.locale"]);
        expect(await moveLocalDrafts(backend)).toBe(0);
    });

    it("drops a draft whose assistant is gone", async () => {
        localStorage.setItem("timbok.draft.2026-10.9.2026-10-12", "8-16");
        const { backend } = replayBackend("drafts");
        expect(await moveLocalDrafts(backend)).toBe(0);
        expect(localStorage.length).toBe(0);

        localStorage.setItem("timbok.draft.2026-10.1.2026-10-12", "8-16");
        expect(await moveLocalDrafts(backend)).toBe(1);
        expect(localStorage.length).toBe(0);
    });
});
