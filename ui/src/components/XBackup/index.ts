export { default as XBackup } from "./XBackup.vue";
export { backupErrorText } from "./error-text";
