export { default as XComingSoon } from "./XComingSoon.vue";
export type { ComingSoonScreen } from "./types";
