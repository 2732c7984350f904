export { default as XReportHistory } from "./XReportHistory.vue";
