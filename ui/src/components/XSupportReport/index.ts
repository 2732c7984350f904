export { default as XSupportReport } from "./XSupportReport.vue";
