/**
 * Which Backend the app talks to, and how components get it.
 *
 * Inside Tauri (`window.__TAURI_INTERNALS__` is set) the app uses TauriBackend over Tauri's
 * IPC; in a plain browser (`npm run dev`) the same TauriBackend with its transport swapped for
 * `fetch` to the development bridge (bridge.ts), which serves the real core. Components call
 * `useBackend()`; the app provides it once in main.ts.
 */
import { inject, type App, type InjectionKey } from "vue";
import { bridgeConfig, bridgeInvoke } from "./bridge";
import { TauriBackend } from "./tauri";
import type { Backend } from "./types";

export const backendKey: InjectionKey<Backend> = Symbol("backend");

export function isTauri(): boolean {
    return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

export async function createBackend(): Promise<Backend> {
    if (isTauri()) {
        return new TauriBackend();
    }
    const bridge = bridgeConfig();
    if (bridge) {
        return new TauriBackend(bridgeInvoke(bridge));
    }
    throw new Error("No backend: start the UI in a browser with `npm run dev` (it starts timbok-dev-bridge).");
}

export function provideBackend(app: App, backend: Backend): void {
    app.provide(backendKey, backend);
}

export function useBackend(): Backend {
    const backend = inject(backendKey, null);
    if (!backend) {
        throw new Error("No backend provided: call provideBackend(app, backend) before mounting.");
    }
    return backend;
}

export { BackendError, parseBackendError, CODES, type Code } from "./errors";
export { TauriBackend } from "./tauri";
export type * from "./types";
