export { default as XFindingList } from "./XFindingList.vue";
export type { UnsavedDay } from "./types";
