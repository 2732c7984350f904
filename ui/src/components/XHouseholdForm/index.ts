export { default as XHouseholdForm } from "./XHouseholdForm.vue";
export * from "./household-form";
