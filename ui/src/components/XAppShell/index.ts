export { default as XAppShell } from "./XAppShell.vue";
