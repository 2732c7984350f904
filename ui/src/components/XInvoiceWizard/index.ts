export { default as XInvoiceWizard } from "./XInvoiceWizard.vue";
export * from "./invoice-form";
