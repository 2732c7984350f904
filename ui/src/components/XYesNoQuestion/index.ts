export { default as XYesNoQuestion } from "./XYesNoQuestion.vue";
