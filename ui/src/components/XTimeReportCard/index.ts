export { default as XTimeReportCard } from "./XTimeReportCard.vue";
export { dateTime, shortReportId } from "./format";
