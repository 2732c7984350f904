export { default as XActionResult } from "./XActionResult.vue";
export type { ActionResult } from "./types";
