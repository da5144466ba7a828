export { GkeClusterConnection } from "./gke-cluster-connection";
export type {
  GkeClusterConnectionProps,
  GkeClusterInfo,
  GkeCredentials,
} from "./gke-cluster-connection";
export {
  GKE_GSA_ANNOTATION,
  GSA_ACCOUNT_ID,
  GkeWorkloadIdentity,
  WORKLOAD_IDENTITY_USER_ROLE,
} from "./gke-workload-identity";
export type {
  GkeIdentityMode,
  GkeWorkloadIdentityOptions,
  GkeWorkloadIdentityProps,
} from "./gke-workload-identity";
