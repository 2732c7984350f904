import "@fkui/theme-default/dist/theme-light.css";
import "@fkui/design/lib/fonts.css";
import "@fkui/design/lib/fkui.css";
import "./styles/app.css";

import { injectSpritesheet } from "@fkui/icon-lib-default/dist/f/injectSpritesheet.js";
import { createTimbokApp } from "./app";
import { createBackend } from "./backend";
import { moveLocalDrafts } from "./domain/drafts";
import { storedLocale } from "./i18n";

/** Must equal `PAINTED_TITLE` in src-tauri/window.rs. */
const PAINTED_TITLE = "timbok:painted";

injectSpritesheet();

void createBackend().then(async (backend) => {
    /* Drafts an earlier version kept in the web view's storage go into the database. */
    await moveLocalDrafts(backend);
    const { app, router } = createTimbokApp({ backend, locale: storedLocale() });
    await router.isReady();
    app.mount("#app");
    /* The first screen has painted once the frame after the mount has been drawn. Then the
     * title is set to a marker for a moment (0.1 s) and put back (it is not shown: the window's title
     * is Tauri's); the launch benchmark watches for the marker (src-tauri/window.rs,
     * bench/launch/README.md). */
    requestAnimationFrame(() =>
        requestAnimationFrame(() => {
            const title = document.title;
            document.title = PAINTED_TITLE;
            /* Put back in a later task: WebKit reports only the last title of a task. */
            setTimeout(() => {
                if (document.title === PAINTED_TITLE) document.title = title;
            }, 100);
        }),
    );
});
