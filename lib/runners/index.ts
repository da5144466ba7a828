export * from "./runner-platform";
export * from "./custom-chart-runner";
