export { default as XSigningDialog } from "./XSigningDialog.vue";
export { svgDataUrl } from "./svg-data-url";
