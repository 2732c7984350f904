/**
 * Loading what a screen shows when the user may move on before the reply arrives (another
 * month, another click): only the newest request counts; an older reply or error that
 * arrives later is dropped instead of overwriting what the newer one showed.
 */
import { ref, type Ref } from "vue";
import { parseBackendError, type BackendError } from "../backend/errors";

export interface LatestLoad {
    /** True from the newest request until its reply. */
    loading: Ref<boolean>;
    /** The newest request's error, worded for the window. */
    error: Ref<BackendError | null>;
    /** Asks again; resolves when this request is answered (or overtaken). */
    load: () => Promise<void>;
}

export function useLatestLoad<T>(fetch: () => Promise<T>, apply: (value: T) => void): LatestLoad {
    const loading = ref(true);
    const error = ref<BackendError | null>(null);
    let newest = 0;

    async function load(): Promise<void> {
        const mine = ++newest;
        loading.value = true;
        error.value = null;
        try {
            const value = await fetch();
            if (mine === newest) {
                apply(value);
            }
        } catch (failure: unknown) {
            if (mine === newest) {
                error.value = parseBackendError(failure);
            }
        } finally {
            if (mine === newest) {
                loading.value = false;
            }
        }
    }

    return { loading, error, load };
}
