export * from "./runner-platform";
export * from "./custom-chart-runner";
export * from "./arc-runner-scale-set";
export * from "./arc-legacy-runner-spec";
export * from "./arc-legacy-runner-platform";
export * from "./arc-runner-deployment";
export * from "./arc-runner-set";
