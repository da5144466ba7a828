export * from "./validation";
export * from "./names";
export * from "./labels";
export * from "./yaml";
export * from "./json";
export * from "./lean-data-source";
