/// <reference types="vite/client" />

declare module "*.vue" {
    import type { DefineComponent } from "vue";
    const component: DefineComponent<object, object, unknown>;
    export default component;
}

declare module "@fkui/icon-lib-default/dist/f/injectSpritesheet.js" {
    export function injectSpritesheet(): void;
}
