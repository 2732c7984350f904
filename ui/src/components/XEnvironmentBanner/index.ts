export { default as XEnvironmentBanner } from "./XEnvironmentBanner.vue";
