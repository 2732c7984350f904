export { default as XExport } from "./XExport.vue";
