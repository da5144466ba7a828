// Hand-written bindings for the `humanitec/platform-orchestrator` Terraform provider
// (no prebuilt cdktf binding exists). Only what the runner platforms need.
export * from "./provider";
export * from "./kubernetes-agent-runner";
export * from "./runner-rule";
