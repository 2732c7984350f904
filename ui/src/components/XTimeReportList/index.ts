export { default as XTimeReportList } from "./XTimeReportList.vue";
export type { ReportAction } from "./types";
