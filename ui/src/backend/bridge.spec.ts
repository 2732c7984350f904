import { describe, expect, it, vi } from "vitest";
import { bridgeConfig, bridgeInvoke } from "./bridge";
import { createBackend } from "./index";
import { BackendError } from "./errors";
import { TauriBackend } from "./tauri";

const config = { url: "http://127.0.0.1:4321", token: "t0k3n" };

function reply(status: number, body: unknown): Response {
    return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("the dev bridge transport", () => {
    it("posts the command's arguments as JSON with the token and resolves with the reply", async () => {
        const fetchFn = vi.fn().mockImplementation(() => Promise.resolve(reply(200, { month: "2026-10" })));
        const backend = new TauriBackend(bridgeInvoke(config, fetchFn));
        await expect(backend.getMonth("2026-10")).resolves.toEqual({ month: "2026-10" });
        await backend.appInfo();
        expect(fetchFn.mock.calls).toEqual([
            [
                "http://127.0.0.1:4321/invoke/get_month",
                {
                    method: "POST",
                    headers: { Authorization: "Bearer t0k3n", "Content-Type": "application/json" },
                    body: JSON.stringify({ month: "2026-10" }),
                },
            ],
            [
                "http://127.0.0.1:4321/invoke/app_info",
                expect.objectContaining({ body: "{}" }) as unknown,
            ],
        ]);
    });

    it("rejects with the IPC error as Tauri's invoke does, so BackendError reads its code and field", async () => {
        const error = { code: "invalid_input", message: "Månaden ska skrivas ÅÅÅÅ-MM.", field: "month" };
        const backend = new TauriBackend(bridgeInvoke(config, vi.fn().mockResolvedValue(reply(400, error))));
        const rejection: unknown = await backend.getMonth("oktober").catch((e: unknown) => e);
        expect(rejection).toBeInstanceOf(BackendError);
        expect(rejection).toMatchObject({ code: "invalid_input", field: "month" });
    });

    it("does not take a refusal of the bridge itself (token, origin) for an IPC error", async () => {
        const refused = new Response("wrong token", { status: 401 });
        const invoke = bridgeInvoke(config, vi.fn().mockResolvedValue(refused));
        await expect(invoke("app_info")).rejects.toThrow("timbok-dev-bridge answered 401: wrong token");
    });

    it("reads the bridge's URL and token from Vite's environment", () => {
        expect(bridgeConfig({ VITE_TIMBOK_BRIDGE_URL: config.url, VITE_TIMBOK_BRIDGE_TOKEN: config.token })).toEqual(config);
        expect(bridgeConfig({ VITE_TIMBOK_BRIDGE_URL: config.url })).toBeNull();
        expect(bridgeConfig({})).toBeNull();
    });

    it("is what createBackend() uses in a plain browser started by npm run dev", async () => {
        vi.stubEnv("VITE_TIMBOK_BRIDGE_URL", config.url);
        vi.stubEnv("VITE_TIMBOK_BRIDGE_TOKEN", config.token);
        const fetchFn = vi.fn().mockImplementation(() => Promise.resolve(reply(200, { environment: "demo" })));
        vi.stubGlobal("fetch", fetchFn);
        try {
            const backend = await createBackend();
            await expect(backend.appInfo()).resolves.toEqual({ environment: "demo" });
            expect(fetchFn).toHaveBeenCalledWith("http://127.0.0.1:4321/invoke/app_info", expect.anything());
        } finally {
            vi.unstubAllEnvs();
            vi.unstubAllGlobals();
        }
    });

    it("leaves createBackend() without a backend when no bridge was started", async () => {
        vi.stubEnv("VITE_TIMBOK_BRIDGE_URL", "");
        try {
            await expect(createBackend()).rejects.toThrow("npm run dev");
        } finally {
            vi.unstubAllEnvs();
        }
    });
});
