import type { DayText, Kind } from "../../backend/types";

/**
 * What saving a day gave: the day's text as stored (null: no shifts that day), or why not:
 * `text`, the backend could not read what was typed (its message says which piece); otherwise
 * another refusal (a report already on its way to Försäkringskassan, storage).
 */
export type CommitResult = { ok: true; dayText: DayText | null } | { ok: false; message: string; text: boolean };

/** Saves a day's text as typed (`save_day`; shifts without a kind letter get `defaultKind`). */
export type CommitDay = (assistantId: number, date: string, text: string, defaultKind: Kind) => Promise<CommitResult>;
