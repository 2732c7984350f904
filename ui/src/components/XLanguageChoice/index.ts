export { default as XLanguageChoice } from "./XLanguageChoice.vue";
