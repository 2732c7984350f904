export { default as XFileResult } from "./XFileResult.vue";
export { useFileForm, type FileFormOptions } from "./file-form";
