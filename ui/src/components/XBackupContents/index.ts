export { default as XBackupContents } from "./XBackupContents.vue";
export { formatCreatedAt } from "./created-at";
