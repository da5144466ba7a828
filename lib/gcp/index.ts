// `cdktf-runner-pools/gcp`: GKE cluster connection and Workload Identity.
// Needs `@cdktf/provider-google`; the public API only (etc/gcp.api.md).
import "./provider-binding"; // first: a missing binding fails with what to install
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
export { gkeClusterNetworkFlows, gkeWorkloadIdentityFlows, GKE_DNS_CIDRS } from "./gke-flows";
export type { GkeDataplane, GkeNetworkOptions } from "./gke-flows";
