export { default as XWeeklySchedule } from "./XWeeklySchedule.vue";
