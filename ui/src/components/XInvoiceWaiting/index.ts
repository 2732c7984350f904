export { default as XInvoiceWaiting } from "./XInvoiceWaiting.vue";
