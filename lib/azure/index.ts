export { AKS_ENTRA_SERVER_ID, AksClusterConnection } from "./aks-cluster-connection";
export type {
  AksClusterConnectionProps,
  AksClusterInfo,
  AksCredentials,
  KubeloginOptions,
} from "./aks-cluster-connection";
export {
  AZURE_CLIENT_ID_ANNOTATION,
  AZURE_TOKEN_AUDIENCE,
  AZURE_USE_LABEL,
  AksWorkloadIdentity,
  MAX_FEDERATED_CREDENTIALS,
} from "./aks-workload-identity";
export type {
  AksWorkloadIdentityOptions,
  AksWorkloadIdentityProps,
  AzureRoleAssignment,
} from "./aks-workload-identity";
