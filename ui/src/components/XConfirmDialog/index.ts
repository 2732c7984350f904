export { default as XConfirmDialog } from "./XConfirmDialog.vue";
