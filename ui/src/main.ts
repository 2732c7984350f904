import "@fkui/theme-default/dist/theme-light.css";
import "@fkui/design/lib/fonts.css";
import "@fkui/design/lib/fkui.css";
import "./styles/app.css";

import { injectSpritesheet } from "@fkui/icon-lib-default/dist/f/injectSpritesheet.js";
import { createTimbokApp } from "./app";
import { createBackend } from "./backend";

injectSpritesheet();

const { app, router } = createTimbokApp({ backend: createBackend() });
void router.isReady().then(() => {
    app.mount("#app");
});
