// `cdktf-runner-pools/gcp`: GKE cluster connection and Workload Identity.
// Needs `@cdktf/provider-google`; the public API only (etc/gcp.api.md).
export { GkeClusterConnection } from "./gke-cluster-connection";
export type {
  GkeClusterConnectionProps,
  GkeClusterInfo,
  GkeCredentials,
} from "./gke-cluster-connection";
export { GkeWorkloadIdentity } from "./gke-workload-identity";
export type {
  GkeIdentityMode,
  GkeWorkloadIdentityOptions,
  GkeWorkloadIdentityProps,
} from "./gke-workload-identity";
