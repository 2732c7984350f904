export { default as XConnectionTest } from "./XConnectionTest.vue";
