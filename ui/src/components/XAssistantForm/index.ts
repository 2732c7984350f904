export { default as XAssistantForm } from "./XAssistantForm.vue";
export * from "./assistant-form";
