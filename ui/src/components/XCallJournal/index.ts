export { default as XCallJournal } from "./XCallJournal.vue";
