export { default as XHospitalStays } from "./XHospitalStays.vue";
