export { default as XFileResult } from "./XFileResult.vue";
