import type { Shift } from "../../backend/types";
import type { EntryShift } from "../../domain/shift-entry";

/** What saving a day gave: the day's stored shifts, or the backend's message. */
export type CommitResult = { ok: true; dayShifts: Shift[] } | { ok: false; message: string };

/** Saves a day so that its stored shifts equal `shifts` (the parent diffs and refreshes). */
export type CommitDay = (assistantId: number, date: string, shifts: EntryShift[]) => Promise<CommitResult>;
