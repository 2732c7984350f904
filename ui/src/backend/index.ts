/**
 * Which Backend the app talks to, and how components get it.
 *
 * Inside Tauri (`window.__TAURI_INTERNALS__` is set) the app uses TauriBackend; in a plain
 * browser (`npm run dev`) and in Vitest it uses the in-memory FakeBackend, which follows the
 * same rules. Components call `useBackend()`; the app provides it once in main.ts. The fake is
 * loaded only when it is used, so the app's bundle does not carry it.
 */
import { inject, type App, type InjectionKey } from "vue";
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
    const { FakeBackend } = await import("./fake");
    return new FakeBackend({ environment: "demo" });
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
