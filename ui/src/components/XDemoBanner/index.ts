export { default as XDemoBanner } from "./XDemoBanner.vue";
