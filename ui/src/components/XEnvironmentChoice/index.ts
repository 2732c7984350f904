export { default as XEnvironmentChoice } from "./XEnvironmentChoice.vue";
