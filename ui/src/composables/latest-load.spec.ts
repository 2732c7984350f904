import { describe, expect, it } from "vitest";
import { useLatestLoad } from "./latest-load";

/** A promise the test settles by hand. */
function deferred<T>() {
    let resolve!: (value: T) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<T>((ok, fail) => {
        resolve = ok;
        reject = fail;
    });
    return { promise, resolve, reject };
}

describe("useLatestLoad", () => {
    it("shows the newest reply even when an older one arrives after it", async () => {
        const replies = [deferred<string>(), deferred<string>()];
        let call = 0;
        const shown: string[] = [];
        const { loading, load } = useLatestLoad(() => replies[call++]!.promise, (value) => shown.push(value));

        const first = load();
        const second = load();
        replies[1]!.resolve("november");
        await second;
        expect(loading.value).toBe(false);
        replies[0]!.resolve("oktober");
        await first;
        expect(shown).toEqual(["november"]);
        expect(loading.value).toBe(false);
    });

    it("keeps an error of the newest request only", async () => {
        const replies = [deferred<string>(), deferred<string>()];
        let call = 0;
        const { error, load } = useLatestLoad(() => replies[call++]!.promise, () => undefined);

        const first = load();
        const second = load();
        replies[0]!.reject({ code: "storage", message: "Databasen gick inte att läsa.", field: null });
        await first;
        expect(error.value).toBeNull();
        replies[1]!.reject({ code: "not_found", message: "Finns inte.", field: null });
        await second;
        expect(error.value?.code).toBe("not_found");
    });

    it("clears the last error when asked again", async () => {
        let fail = true;
        const { error, load } = useLatestLoad(
            () => (fail ? Promise.reject({ code: "storage", message: "x", field: null }) : Promise.resolve(1)),
            () => undefined,
        );
        await load();
        expect(error.value?.code).toBe("storage");
        fail = false;
        await load();
        expect(error.value).toBeNull();
    });
});
