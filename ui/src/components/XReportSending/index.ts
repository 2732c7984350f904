export { default as XReportSending } from "./XReportSending.vue";
