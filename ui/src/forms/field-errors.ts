/**
 * Showing the backend's `{code, message, field}` errors on the form field they name.
 *
 * The UI's own checks (v-validation) are for comfort; the Rust side re-validates and
 * rejects with `invalid_input` and a dotted `field` path (docs/ipc.md). A form maps that
 * path to the id of its input and calls `showFieldError`, which puts the message on the
 * field with FKUI's ValidationService, so it looks and reads like any other validation
 * error (and is listed in the form's error list).
 */
import { ValidationService } from "@fkui/logic";
import { nextTick } from "vue";

/** "person.firstName" → "person-first-name". */
export function fieldPathToId(path: string): string {
    return path
        .split(".")
        .map((part) => part.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase())
        .join("-");
}

/**
 * The input id for a backend field path: an explicit entry in `ids` first, then the
 * kebab-case of the path (if such an element exists), else null.
 */
export function resolveFieldId(path: string | null, ids: Readonly<Record<string, string>>): string | null {
    if (!path) {
        return null;
    }
    const candidates = [ids[path], fieldPathToId(path)];
    for (const id of candidates) {
        if (id && document.getElementById(id)) {
            return id;
        }
    }
    return null;
}

function canCarryError(element: Element | null): element is HTMLElement {
    /* FKUI only reports validity for elements with validators (data-validation). */
    return element instanceof HTMLElement && element.dataset.validation !== undefined;
}

/**
 * Put `message` on the element with id `id`. Resolves to true when it could be shown
 * there, false when the caller must show it elsewhere (no such element, or one without
 * validation).
 */
export async function showFieldError(id: string, message: string): Promise<boolean> {
    const element = document.getElementById(id);
    if (!canCarryError(element)) {
        return false;
    }
    ValidationService.setError(element, message);
    await ValidationService.validateElement(element);
    return true;
}

/**
 * Forget backend errors shown earlier, so that the next submit is checked afresh by the
 * UI's rules and then by the backend. (FKUI clears a server error on text input by itself,
 * but not on radio buttons or when the user just submits again.)
 */
export function clearFieldErrors(ids: Iterable<string>): void {
    for (const id of ids) {
        const element = document.getElementById(id);
        if (element) {
            ValidationService.resetState(element);
            ValidationService.setSubmitted(element);
        }
    }
}

/** Wait until FKUI has rendered the error list, then move focus to it (or to `fallbackId`). */
export async function focusErrorList(formId: string, fallbackId: string | null): Promise<void> {
    await nextTick();
    await new Promise((resolve) => window.setTimeout(resolve, 0));
    const list = document.getElementById(formId)?.querySelector<HTMLElement>(':scope > nav[tabindex="-1"]');
    if (list) {
        list.focus();
        return;
    }
    if (fallbackId) {
        document.getElementById(fallbackId)?.focus();
    }
}
