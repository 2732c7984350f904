export { default as XMonthSheet } from "./XMonthSheet.vue";
export type { CommitDay, CommitResult } from "./types";
