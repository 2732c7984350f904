import "@fkui/theme-default/dist/theme-light.css";
import "@fkui/design/lib/fonts.css";
import "@fkui/design/lib/fkui.css";
import "./styles/app.css";

import { injectSpritesheet } from "@fkui/icon-lib-default/dist/f/injectSpritesheet.js";
import { createTimbokApp } from "./app";
import { createBackend } from "./backend";
import { moveLocalDrafts } from "./domain/drafts";
import { storedLocale } from "./i18n";

injectSpritesheet();

void createBackend().then(async (backend) => {
    /* Drafts an earlier version kept in the web view's storage go into the database. */
    await moveLocalDrafts(backend);
    const { app, router } = createTimbokApp({ backend, locale: storedLocale() });
    await router.isReady();
    app.mount("#app");
    /* The first screen has painted once the frame after the mount has been drawn: the title is
     * set then (index.html leaves it empty), which the launch benchmark watches for
     * (src-tauri/window.rs, bench/launch/README.md). */
    requestAnimationFrame(() =>
        requestAnimationFrame(() => {
            document.title = "Timbok";
        }),
    );
});
