// cdktf-runner-pools/azure: AKS connection and keyless Azure identity (Workload Identity).
// Imports only the azurerm, kubernetes and helm bindings, by deep path.
export * from "./aks-cluster-connection";
export * from "./aks-workload-identity";
