/**
 * Unsaved text of the month screen, kept in localStorage so that nothing typed is lost: not
 * on a text Timbok cannot read yet, not on a crash or a restart. One key per month, assistant
 * and day: `timbok.draft.2026-10.3.2026-10-24`. A draft is removed once the day is saved.
 *
 * Storage can be missing or full (private mode, quota): then drafts are simply not kept.
 */
const PREFIX = "timbok.draft";

export function draftKey(month: string, assistantId: number, date: string): string {
    return `${PREFIX}.${month}.${String(assistantId)}.${date}`;
}

function storage(): Storage | null {
    try {
        return typeof window === "undefined" ? null : window.localStorage;
    } catch {
        return null;
    }
}

export function readDraft(month: string, assistantId: number, date: string): string | null {
    try {
        return storage()?.getItem(draftKey(month, assistantId, date)) ?? null;
    } catch {
        return null;
    }
}

export function writeDraft(month: string, assistantId: number, date: string, text: string): void {
    try {
        storage()?.setItem(draftKey(month, assistantId, date), text);
    } catch {
        /* full or unavailable: the text stays in the field */
    }
}

export function removeDraft(month: string, assistantId: number, date: string): void {
    try {
        storage()?.removeItem(draftKey(month, assistantId, date));
    } catch {
        /* unavailable */
    }
}
