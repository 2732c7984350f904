export { default as XReportBadge } from "./XReportBadge.vue";
export { badgeStatus } from "./badge-status";
