/**
 * What to save so that a day's stored shifts equal what the user typed.
 *
 * Shifts that are unchanged are left alone; changed ones are updated in place (same id, so the
 * note and the id survive an edit like 8-16 → 8-17); extra typed shifts are created; stored
 * shifts no longer typed are deleted (and can be undone).
 */
import type { Kind, Shift } from "../backend/types";

export interface WantedShift {
    start: string;
    end: string;
    kind: Kind;
}

export interface DayPlan {
    updates: { shift: Shift; to: WantedShift }[];
    creates: WantedShift[];
    deletes: Shift[];
}

function same(shift: Shift, wanted: WantedShift): boolean {
    return shift.start === wanted.start && shift.end === wanted.end && shift.kind === wanted.kind;
}

export function diffDay(existing: readonly Shift[], wanted: readonly WantedShift[]): DayPlan {
    const left = [...existing].sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id);
    const unmatched: WantedShift[] = [];
    for (const item of wanted) {
        const index = left.findIndex((shift) => same(shift, item));
        if (index >= 0) {
            left.splice(index, 1);
        } else {
            unmatched.push(item);
        }
    }
    const pairs = Math.min(left.length, unmatched.length);
    const updates = unmatched.slice(0, pairs).map((to, i) => ({ shift: left[i] as Shift, to }));
    return { updates, creates: unmatched.slice(pairs), deletes: left.slice(pairs) };
}

export function isEmptyPlan(plan: DayPlan): boolean {
    return plan.updates.length === 0 && plan.creates.length === 0 && plan.deletes.length === 0;
}
