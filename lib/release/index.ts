export * from "./chart-source";
export * from "./sensitive-value";
export * from "./secret-detection";
export * from "./runner-release";
export * from "./manifest-chart";
