export { default as XEndpointsForm } from "./XEndpointsForm.vue";
export * from "./endpoints-form";
