export { default as XDemoReset } from "./XDemoReset.vue";
