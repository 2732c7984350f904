export { default as XStartGuide } from "./XStartGuide.vue";
export { screenRoute } from "./screen-route";
