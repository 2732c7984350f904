/**
 * The flow of a form whose action writes a file that XFileResult shows (the backup, the
 * support report): one run at a time, the file's path on success; a backend error on its
 * input when `fieldOf` names one the form shows (then FKUI's error list takes the focus), else
 * in XFileResult's error box (which takes the focus). Give the XFileResult `ref="result"`
 * and the form `beforeValidation`.
 */
import { ref, useTemplateRef } from "vue";
import { BackendError, parseBackendError } from "../../backend";
import { clearFieldErrors, focusErrorList, showFieldError } from "../../forms/field-errors";
import type XFileResult from "./XFileResult.vue";

export interface FileFormOptions {
    formId: string;
    /** The input a backend error belongs on and its text there, or null: the error box. */
    fieldOf: (error: BackendError) => { id: string; text: string } | null;
}

export function useFileForm(options: FileFormOptions) {
    const busy = ref(false);
    const path = ref<string | null>(null);
    const error = ref<BackendError | null>(null);
    const result = useTemplateRef<InstanceType<typeof XFileResult>>("result");
    const fieldErrors = new Set<string>();

    function beforeValidation(): void {
        clearFieldErrors(fieldErrors);
        fieldErrors.clear();
        error.value = null;
    }

    /** Runs `action` (it resolves to the written file's path) unless a run is on its way. */
    async function run(action: () => Promise<string>): Promise<void> {
        if (busy.value) {
            return;
        }
        busy.value = true;
        path.value = null;
        try {
            path.value = await action();
        } catch (raw: unknown) {
            const parsed = parseBackendError(raw);
            const field = options.fieldOf(parsed);
            if (field && (await showFieldError(field.id, field.text))) {
                fieldErrors.add(field.id);
                await focusErrorList(options.formId, field.id);
            } else {
                error.value = parsed;
                await result.value?.focusError();
            }
        } finally {
            busy.value = false;
        }
    }

    return { busy, path, error, beforeValidation, run };
}
