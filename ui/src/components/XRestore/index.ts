export { default as XRestore } from "./XRestore.vue";
