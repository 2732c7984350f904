/**
 * Everything the app installs, in one place, so that main.ts and the tests set it up the
 * same way: FKUI's running context and validation, i18n, the router
 * and the backend.
 */
import { setRunningContext, ValidationPlugin } from "@fkui/vue";
import { createApp, watch, type App as VueApp, type Plugin } from "vue";
import type { Router } from "vue-router";
import App from "./App.vue";
import { provideBackend } from "./backend";
import type { Backend } from "./backend/types";
import { createAppI18n, type AppI18n, type Locale } from "./i18n";
import { followLocaleInFkui } from "./i18n/fkui";
import { createAppRouter } from "./router";
import { registerFieldCheckValidator } from "./forms/field-check";

export interface TimbokOptions {
    backend: Backend;
    i18n?: AppI18n;
    locale?: Locale;
}

/**
 * A Vue plugin with everything except the router: FKUI context and validation, the marker
 * of fields the core checks (forms/field-check.ts), FKUI's own texts in that language, i18n
 * and the backend.
 */
export function timbokPlugin(options: TimbokOptions): Plugin & { i18n: AppI18n } {
    const i18n = options.i18n ?? createAppI18n(options.locale);
    return {
        i18n,
        install(app: VueApp): void {
            setRunningContext(app);
            app.use(ValidationPlugin);
            registerFieldCheckValidator();
            app.use(i18n);
            provideBackend(app, options.backend);
            const { locale } = i18n.global;
            followLocaleInFkui(() => locale.value);
            document.documentElement.lang = locale.value;
            watch(locale, (value) => {
                document.documentElement.lang = value;
            });
        },
    };
}

export interface CreatedApp {
    app: VueApp;
    router: Router;
    i18n: AppI18n;
}

export function createTimbokApp(options: TimbokOptions & { router?: Router }): CreatedApp {
    const app = createApp(App);
    const plugin = timbokPlugin(options);
    const router = options.router ?? createAppRouter(undefined, options.backend);
    app.use(plugin);
    app.use(router);
    return { app, router, i18n: plugin.i18n };
}
