/**
 * The transport to `timbok-dev-bridge` (development only): under `npm run dev` the UI runs in a
 * normal browser and reaches the real commands over HTTP on loopback instead of Tauri's IPC
 * (docs/architecture.md, "Development bridge"). `TauriBackend` keeps the one command mapping;
 * only the transport differs. `ui/scripts/dev.mjs` starts the bridge and passes its URL and
 * per-start token to Vite as `VITE_TIMBOK_BRIDGE_URL` and `VITE_TIMBOK_BRIDGE_TOKEN`.
 */
import type { InvokeArgs } from "@tauri-apps/api/core";
import type { Invoke } from "./tauri";

export interface BridgeConfig {
    /** `http://127.0.0.1:PORT` */
    url: string;
    /** Sent as `Authorization: Bearer <token>`. */
    token: string;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** The bridge's address from Vite's environment, or null when none was started. */
export function bridgeConfig(env: Record<string, unknown> = import.meta.env): BridgeConfig | null {
    const url = env.VITE_TIMBOK_BRIDGE_URL;
    const token = env.VITE_TIMBOK_BRIDGE_TOKEN;
    if (typeof url !== "string" || typeof token !== "string" || url === "" || token === "") {
        return null;
    }
    return { url, token };
}

/**
 * `invoke` over the bridge: `POST <url>/invoke/<command>` with the arguments as JSON. A reply
 * resolves; the IPC error (`400` with `{code, message, field}`) rejects with that object, as
 * Tauri's `invoke` does; anything else rejects with an Error naming the status.
 */
export function bridgeInvoke(config: BridgeConfig, fetchFn: Fetch = (input, init) => fetch(input, init)): Invoke {
    return async <T>(command: string, args?: InvokeArgs): Promise<T> => {
        const response = await fetchFn(`${config.url}/invoke/${encodeURIComponent(command)}`, {
            method: "POST",
            headers: {
                Authorization: `Bearer ${config.token}`,
                "Content-Type": "application/json",
            },
            body: JSON.stringify(args ?? {}),
        });
        if (response.ok) {
            return (await response.json()) as T;
        }
        if (response.status === 400 && response.headers.get("content-type")?.includes("application/json")) {
            throw (await response.json()) as unknown;
        }
        throw new Error(`timbok-dev-bridge answered ${response.status}: ${await response.text()}`);
    };
}
