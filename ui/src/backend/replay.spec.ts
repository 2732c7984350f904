import { afterEach, describe, expect, it } from "vitest";
import { BackendError } from "./errors";
import { Replay, failOnUnexpected, replayBackend, scenario } from "./replay";

describe("replay", () => {
    afterEach(() => {
        // These tests make unexpected calls on purpose.
        try {
            failOnUnexpected();
        } catch {
            /* expected */
        }
    });

    it("answers with the recorded reply of the same command and arguments", async () => {
        const { backend } = replayBackend("household");
        const recorded = scenario("household").find((c) => c.cmd === "save_household" && "ok" in c);
        const household = (recorded?.args as { household: Parameters<typeof backend.saveHousehold>[0] }).household;
        const saved = await backend.saveHousehold(household);
        expect(saved).toEqual(recorded?.ok);
        expect(saved.scenario).toBe("E");
    });

    it("gives a recorded rejection to the real error parsing", async () => {
        const { backend } = replayBackend("household");
        const error = await backend.deleteAssistant(42).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BackendError);
        expect((error as BackendError).code).toBe("not_found");
    });

    it("answers a read again alike until the app has made the recorded calls before the next", async () => {
        const { backend } = replayBackend("assistant-delete");
        const first = await backend.listAssistants();
        expect(await backend.listAssistants()).toEqual(first);
        expect(first.map((a) => a.firstName)).toEqual(["Anna", "Sam"]);
        await backend.deleteAssistant(1);
        const after = await backend.listAssistants();
        expect(after.map((a) => a.firstName)).toEqual(["Sam"]);
        expect(await backend.listAssistants()).toEqual(after);
    });

    it("does not mind the order of argument keys or undefined members", async () => {
        const replay = new Replay(["month"]);
        const recorded = scenario("month").find((c) => c.cmd === "remove_draft");
        const args = recorded?.args as Record<string, unknown>;
        const reordered = Object.fromEntries(Object.entries(args).reverse());
        await expect(replay.invoke("remove_draft", { ...reordered, extra: undefined })).resolves.toBeNull();
    });

    it("fails on a call the scenario did not record, naming it and how to record again", async () => {
        const { backend, replay } = replayBackend("household");
        await expect(backend.getMonth("2030-01")).rejects.toBeInstanceOf(BackendError);
        expect(replay.unexpected).toHaveLength(1);
        expect(replay.unexpected[0]?.message).toContain('get_month({"month":"2030-01"})');
        expect(replay.unexpected[0]?.message).toContain("TIMBOK_RECORD=1 cargo test");
        expect(() => failOnUnexpected()).toThrow(/get_month/);
    });

    it("names a scenario that does not exist", () => {
        expect(() => scenario("nope")).toThrow(/No recorded scenario "nope"/);
    });
});
