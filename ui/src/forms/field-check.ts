/**
 * The forms' checks of domain rules on leaving a field, asked of the core (`check_field`,
 * docs/ipc.md): the same rules as the save, so the UI keeps no copy of them. FKUI's own
 * synchronous validators keep what is not a domain rule (required, length).
 *
 * A form lists its checked inputs (input id → the save's field path and the text's getter
 * and setter) and listens to `focusout`: the core's problem is put on the field with FKUI's
 * ValidationService (so it is shown there and in the form's error list), its normalized
 * value replaces the text. The newest answer per field wins; an answer for a text the user
 * has changed since is dropped.
 */
import { ValidationService, type Validator } from "@fkui/logic";
import { reactive } from "vue";
import { useI18n } from "vue-i18n";
import { useBackend } from "../backend";
import type { BackendMessage } from "../backend/types";
import { renderBackendMessage } from "../i18n/backend-messages";
import type { Locale } from "../i18n";
import { showFieldError } from "./field-errors";

export interface CheckedField {
    /** The save's field path, e.g. `person.personnummer`. */
    field: string;
    get(): string;
    set(text: string): void;
    /** How a normalized value is shown (e.g. a personnummer with its dash); as it is when absent. */
    display?(normalized: string): string;
}

export interface FieldCheckState {
    pending: boolean;
    problem: BackendMessage | null;
    /** The text the problem is about. */
    text: string;
}

/**
 * FKUI shows an error only on an element with a validator: this one is always valid and
 * marks a field whose domain rules the core checks.
 */
export const CHECKED_BY_CORE: Validator = {
    name: "checkedByCore",
    validation: () => true,
};

/** Register `checkedByCore` (idempotent). Call after `app.use(ValidationPlugin)`. */
export function registerFieldCheckValidator(): void {
    ValidationService.registerValidator(CHECKED_BY_CORE);
}

export function useFieldCheck(fields: Readonly<Record<string, CheckedField>>) {
    const backend = useBackend();
    const { locale } = useI18n();
    const state = reactive<Record<string, FieldCheckState>>({});
    const latest = new Map<string, number>();
    const running = new Set<Promise<void>>();
    let asked = 0;

    function entry(id: string): FieldCheckState {
        state[id] ??= { pending: false, problem: null, text: "" };
        return state[id];
    }

    async function ask(id: string, checked: CheckedField): Promise<void> {
        const text = checked.get();
        const current = entry(id);
        if (text.trim() === "") {
            /* Empty is no problem for the core: `required` decides. */
            latest.set(id, ++asked);
            current.pending = false;
            current.problem = null;
            return;
        }
        const mine = ++asked;
        latest.set(id, mine);
        current.pending = true;
        let answer;
        try {
            answer = await backend.checkField(checked.field, text);
        } catch {
            /* The save checks again and says what is wrong. */
            if (latest.get(id) === mine) {
                current.pending = false;
            }
            return;
        }
        if (latest.get(id) !== mine || checked.get() !== text) {
            return;
        }
        current.pending = false;
        current.problem = answer.problem;
        current.text = text;
        if (answer.problem) {
            const message = renderBackendMessage(answer.problem, locale.value as Locale) ?? answer.problem.key;
            await showFieldError(id, message);
        } else if (answer.normalized !== null) {
            checked.set(checked.display ? checked.display(answer.normalized) : answer.normalized);
        }
    }

    /** Ask the core about the field with input id `id` (not one of `fields`: nothing). */
    function check(id: string): Promise<void> {
        const checked = fields[id];
        if (!checked) {
            return Promise.resolve();
        }
        const promise = ask(id, checked).finally(() => running.delete(promise));
        running.add(promise);
        return promise;
    }

    function onFocusout(event: FocusEvent): void {
        const target = event.target;
        if (target instanceof HTMLElement && target.id) {
            void check(target.id);
        }
    }

    /**
     * Before saving: wait for the checks under way; true when no field shown in the form
     * has a problem for its current text.
     */
    async function settled(): Promise<boolean> {
        while (running.size > 0) {
            await Promise.all([...running]);
        }
        return Object.entries(state).every(
            ([id, s]) => s.problem === null || fields[id]?.get() !== s.text || document.getElementById(id) === null,
        );
    }

    return { state, check, onFocusout, settled };
}
