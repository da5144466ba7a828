export * from "./runner-platform";
export * from "./custom-chart-runner";
export * from "./arc-runner-scale-set";
