export * from "./runner-scaling";
export * from "./time-formats";
export * from "./horizontal-runner-autoscaler";
export * from "./hra-rules";
export * from "./arc-security-context";
export * from "./arc-github-credentials";
export * from "./arc-scale-set-controller";
