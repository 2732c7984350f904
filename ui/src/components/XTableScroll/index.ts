export { default as XTableScroll } from "./XTableScroll.vue";
