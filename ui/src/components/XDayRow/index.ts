export { default as XDayRow } from "./XDayRow.vue";
export type { DayPart } from "./XDayRow.vue";
