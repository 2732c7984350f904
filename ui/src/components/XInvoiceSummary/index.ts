export { default as XInvoiceSummary } from "./XInvoiceSummary.vue";
