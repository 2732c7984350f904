export { default as XInvoiceReceipt } from "./XInvoiceReceipt.vue";
