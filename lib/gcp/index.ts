// cdktf-runner-pools/gcp: GKE connection and keyless Google Cloud identity (Workload Identity).
// Imports only the google, kubernetes and helm bindings, by deep path.
export * from "./gke-cluster-connection";
export * from "./gke-workload-identity";
