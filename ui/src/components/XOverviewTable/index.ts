export { default as XOverviewTable } from "./XOverviewTable.vue";
