export { default as XMonthTotals } from "./XMonthTotals.vue";
