// Core entry point: imports only the kubernetes and helm provider bindings (by deep path).
// Cloud bindings live in the `cdktf-runner-pools/aws`, `/gcp` and `/azure` subpath exports.
export * from "./core";
export * from "./kubernetes";
export * from "./release";
export * from "./identity";
export * from "./scaling";
export * from "./runners";
export * from "./pool";
export * from "./providers/humanitec";
