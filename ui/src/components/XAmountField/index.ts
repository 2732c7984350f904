export { default as XAmountField } from "./XAmountField.vue";
