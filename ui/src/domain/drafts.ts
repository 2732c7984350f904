/**
 * Unsaved text of the month screen ("drafts"): kept so that nothing typed is lost, not on a
 * text Timbok cannot read yet, not on a crash or a restart. They live in the database through
 * the backend (`get_drafts`, `save_draft`, `remove_draft`; docs/ipc.md, "Drafts"), because a
 * day's note may carry a name: the web view keeps nothing personal (localStorage holds only
 * the chosen language). A draft is removed once the day is saved.
 *
 * Writing a draft never stops typing: when the backend cannot keep it, the text stays in its
 * field.
 *
 * Earlier versions kept drafts in localStorage (`timbok.draft.<month>.<assistant>.<date>`);
 * `moveLocalDrafts` writes any such draft through the backend at start and then removes it.
 */
import { parseBackendError } from "../backend/errors";
import type { Backend, Draft } from "../backend/types";

/** What the month sheet needs to keep one month's drafts. */
export interface DraftKeeper {
    /** The month's drafts (every assistant). */
    load(): Promise<Draft[]>;
    write(assistantId: number, date: string, text: string): void;
    remove(assistantId: number, date: string): void;
}

export function draftKeeper(backend: Backend, month: string): DraftKeeper {
    return {
        load: () => backend.getDrafts(month),
        write(assistantId, date, text) {
            backend.saveDraft({ month, assistantId, date, text }).catch(() => {
                /* the text stays in the field */
            });
        },
        remove(assistantId, date) {
            backend.removeDraft(month, assistantId, date).catch(() => {
                /* removed next time the day is saved */
            });
        },
    };
}

const LEGACY_PREFIX = "timbok.draft.";
const LEGACY_KEY = /^timbok\.draft\.(\d{4}-\d{2})\.(\d+)\.(\d{4}-\d{2}-\d{2})$/;

function storage(): Storage | null {
    try {
        return typeof window === "undefined" ? null : window.localStorage;
    } catch {
        return null;
    }
}

/**
 * Moves drafts an earlier version kept in localStorage into the database, then removes them
 * from localStorage. A draft the backend refuses for good (its assistant is gone, its day is
 * not a day) is dropped; one it could not write now (storage) stays for the next start.
 * Resolves to how many were moved.
 */
export async function moveLocalDrafts(backend: Backend): Promise<number> {
    const store = storage();
    if (!store) {
        return 0;
    }
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        if (key?.startsWith(LEGACY_PREFIX)) {
            keys.push(key);
        }
    }
    let moved = 0;
    for (const key of keys) {
        const match = LEGACY_KEY.exec(key);
        const text = store.getItem(key);
        if (!match || text === null) {
            store.removeItem(key);
            continue;
        }
        const [, month = "", assistantId = "", date = ""] = match;
        try {
            await backend.saveDraft({ month, assistantId: Number(assistantId), date, text });
            moved += 1;
        } catch (raw: unknown) {
            const error = parseBackendError(raw);
            if (error.code !== "invalid_input" && error.code !== "not_found") {
                continue;
            }
        }
        store.removeItem(key);
    }
    return moved;
}
