export { default as XCredentials } from "./XCredentials.vue";
export * from "./credential-groups";
