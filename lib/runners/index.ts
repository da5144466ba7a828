export * from "./runner-platform";
export * from "./custom-chart-runner";
export * from "./humanitec-agent-runner";
export * from "./sophos-factory-runner";
export * from "./kubiya-runner";
