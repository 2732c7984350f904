export { default as XMonthOverview } from "./XMonthOverview.vue";
