export { default as XFindingList } from "./XFindingList.vue";
