// `cdktf-runner-pools/azure`: AKS cluster connection and Workload Identity.
// Needs `@cdktf/provider-azurerm`; the public API only (etc/azure.api.md).
import "./provider-binding"; // first: a missing binding fails with what to install
export { AKS_ENTRA_SERVER_ID, AksClusterConnection } from "./aks-cluster-connection";
export type {
  AksClusterConnectionProps,
  AksClusterInfo,
  AksCredentials,
  KubeloginOptions,
} from "./aks-cluster-connection";
export { AksWorkloadIdentity } from "./aks-workload-identity";
export type {
  AksWorkloadIdentityOptions,
  AksWorkloadIdentityProps,
  AzureRoleAssignment,
} from "./aks-workload-identity";
export { aksClusterNetworkFlows, aksWorkloadIdentityFlows } from "./aks-flows";
