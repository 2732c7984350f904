export { default as XReportError } from "./XReportError.vue";
