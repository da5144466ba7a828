export * from "./runner-namespace";
export * from "./network-policy";
export * from "./quantity";
export * from "./rbac";
export * from "./runner-service-account";
export * from "./cluster-connection";
export * from "./kubeconfig-connection";
export * from "./role-grant";
