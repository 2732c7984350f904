/**
 * What the app frame (App.vue) shares with the screens: the environment `app_info` reports
 * (for the demo banner) and a way to read it again after the settings screen has switched
 * environment or reset the demo.
 */
import { inject, ref, type InjectionKey, type Ref } from "vue";
import type { Environment } from "./backend/types";

export interface AppContext {
    /** The environment of the open database; null until known. */
    environment: Readonly<Ref<Environment | null>>;
    /** Reads `app_info` again. */
    refresh(): Promise<void>;
}

export const appContextKey: InjectionKey<AppContext> = Symbol("appContext");

/** The app's context; outside App.vue (a component mounted alone in a test) a quiet stand-in. */
export function useAppContext(): AppContext {
    return inject(appContextKey, () => ({ environment: ref(null), refresh: () => Promise.resolve() }), true);
}
