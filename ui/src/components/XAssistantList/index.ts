export { default as XAssistantList } from "./XAssistantList.vue";
