export { default as XInvoiceFacts } from "./XInvoiceFacts.vue";
