export * from "./workload-identity";
export * from "./subject";
