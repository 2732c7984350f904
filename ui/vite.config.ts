import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vitest/config";

// The core's message catalogue (src-tauri/core/messages/{sv,en}.json), one source for Rust and
// the UI (ui/src/i18n/backend-messages.ts).
const coreMessages = fileURLToPath(new URL("../src-tauri/core/messages", import.meta.url));

// Tauri loads http://localhost:5173 in development (devUrl) and ui/dist in a build
// (frontendDist). Keep the port fixed: Tauri cannot follow Vite to another one.
export default defineConfig({
    plugins: [vue()],
    clearScreen: false,
    resolve: {
        alias: { "@core-messages": coreMessages },
    },
    server: {
        port: 5173,
        strictPort: true,
        fs: { allow: [".", coreMessages] },
    },
    preview: {
        port: 5173,
        strictPort: true,
    },
    build: {
        outDir: "dist",
        emptyOutDir: true,
        // WebView2 (Windows) is Chromium; WKWebView (macOS) and WebKitGTK (Linux) are WebKit.
        target: ["es2021", "chrome105", "safari15"],
    },
    define: {
        __VUE_I18N_FULL_INSTALL__: true,
        __VUE_I18N_LEGACY_API__: false,
        __INTLIFY_PROD_DEVTOOLS__: false,
        __INTLIFY_JIT_COMPILATION__: true,
        __INTLIFY_DROP_MESSAGE_COMPILER__: false,
    },
    test: {
        environment: "jsdom",
        include: ["src/**/*.spec.ts"],
        setupFiles: ["src/test/setup.ts"],
        restoreMocks: true,
        // Axe over a whole screen takes seconds on a busy 2-core machine; 5 s (the default) is flaky there.
        testTimeout: 60_000,
    },
});
