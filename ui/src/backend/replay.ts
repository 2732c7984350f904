/**
 * The UI's tests speak to Rust's recorded replies, not to a second copy of the rules.
 *
 * `tests/ipc_record.rs` drives the real commands through Tauri's mock runtime in named
 * scenarios and keeps every call as the web view sent and received it, in
 * `fixtures/<scenario>.json`. A `Replay` answers `invoke(cmd, args)` with the recorded reply of
 * the matching call: same command, same arguments (as JSON), in recorded order. A screen may
 * read more often than the recording did: a read repeated before the app has made the
 * recorded changes (calls that are not reads) that come before the next matching one gets the
 * previous reply again (nothing has changed yet), as does one after the last. A call the
 * scenario does not have fails the test (see `replayBackend`), naming the command, its
 * arguments and how to record again. Nothing here computes anything.
 */
import type { InvokeArgs } from "@tauri-apps/api/core";
import { TauriBackend } from "./tauri";

/** The moment the scenarios were recorded at (tests/ipc_record.rs `now()`), local time. */
export const RECORDED_AT = new Date(2026, 10, 10, 10, 0, 0);

export const REGENERATE = "TIMBOK_RECORD=1 cargo test -p timbok --test integration ipc_record";

export interface RecordedCall {
    cmd: string;
    args: Record<string, unknown>;
    ok?: unknown;
    error?: unknown;
}

const scenarios = import.meta.glob<RecordedCall[]>("./fixtures/*.json", {
    eager: true,
    import: "default",
});

/** The recorded calls of `name` (a file in fixtures/ without `.json`). */
export function scenario(name: string): RecordedCall[] {
    const calls = scenarios[`./fixtures/${name}.json`];
    if (!calls) {
        throw new Error(`No recorded scenario "${name}" in src/backend/fixtures (record with \`${REGENERATE}\`).`);
    }
    return calls;
}

/** The arguments as they cross the IPC: JSON, with `undefined` members dropped. */
function asJson(args: InvokeArgs | undefined): string {
    return canonical(JSON.parse(JSON.stringify(args ?? {})) as unknown);
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are the same call. */
function canonical(value: unknown): string {
    if (Array.isArray(value)) {
        return `[${value.map(canonical).join(",")}]`;
    }
    if (value !== null && typeof value === "object") {
        const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
    }
    return JSON.stringify(value);
}

/** Commands that only read: answering one changes nothing in the recording's state. */
function isRead(cmd: string): boolean {
    return /^(get_|list_)/.test(cmd) || ["app_info", "report_history", "signing_status"].includes(cmd);
}

export class UnexpectedCall extends Error {
    constructor(cmd: string, args: InvokeArgs | undefined, names: string[]) {
        super(
            `The app called ${cmd}(${asJson(args)}), which the scenario${names.length > 1 ? "s" : ""} ` +
                `${names.join(", ")} did not record. Add the call to tests/ipc_record.rs and record ` +
                `again with \`${REGENERATE}\`.`,
        );
        this.name = "UnexpectedCall";
    }
}

export class Replay {
    /** Every call the app made, in order. */
    readonly calls: { cmd: string; args: Record<string, unknown> }[] = [];
    /** Calls no scenario recorded (each also rejected the app's promise). */
    readonly unexpected: UnexpectedCall[] = [];
    private readonly recorded: RecordedCall[];
    private readonly used = new Set<number>();
    /** The index of the furthest recorded call answered so far. */
    private cursor = -1;

    /** The scenarios' calls, the first scenario's first. */
    constructor(private readonly names: string[]) {
        this.recorded = names.flatMap(scenario);
    }

    readonly invoke = async <T>(cmd: string, args?: InvokeArgs): Promise<T> => {
        const json = asJson(args);
        this.calls.push({ cmd, args: JSON.parse(json) as Record<string, unknown> });
        const matching = this.recorded.flatMap((c, i) => (c.cmd === cmd && canonical(c.args) === json ? [i] : []));
        const next = matching.find((i) => !this.used.has(i));
        const previous = matching.filter((i) => this.used.has(i) && i <= Math.max(this.cursor, 0)).at(-1);
        const skipsAhead =
            next !== undefined &&
            this.recorded.some((c, i) => i > this.cursor && i < next && !this.used.has(i) && !isRead(c.cmd));
        const index = next === undefined || (skipsAhead && previous !== undefined) ? (previous ?? matching.at(-1)) : next;
        if (index === undefined) {
            const unexpected = new UnexpectedCall(cmd, args, this.names);
            this.unexpected.push(unexpected);
            throw unexpected;
        }
        const call = this.recorded[index] as RecordedCall;
        this.used.add(index);
        this.cursor = Math.max(this.cursor, index);
        if ("error" in call) {
            throw call.error;
        }
        return call.ok as T;
    };

    /** The commands called, in order (for assertions on what the view did). */
    commands(): string[] {
        return this.calls.map((c) => c.cmd);
    }
}

let active: Replay[] = [];

/**
 * The real `TauriBackend` over a replay of `names` (its `invoke` is the replay's), and the
 * replay. `failOnUnexpected()` (called after every test by src/test/setup.ts) fails the test
 * when the app made a call no scenario recorded, even if the view caught the rejection.
 */
export function replayBackend(...names: string[]): { backend: TauriBackend; replay: Replay } {
    const replay = new Replay(names);
    active.push(replay);
    return { backend: new TauriBackend(replay.invoke), replay };
}

export function failOnUnexpected(): void {
    const unexpected = active.flatMap((r) => r.unexpected);
    active = [];
    if (unexpected.length > 0) {
        throw unexpected[0];
    }
}
