// The network flows a GKE cluster and GKE Workload Identity add to a pool's namespaces.
import type { ClusterNetworkFlows, NetworkFlow } from "../kubernetes/flows/network-flow";

/**
 * Which GKE metadata server address the cluster's pods use for Workload Identity tokens:
 * `v2` (GKE Dataplane V2: 169.254.169.254 TCP 80), `legacy` (without it: 169.254.169.252
 * TCP 988), or `both` when you do not say.
 */
export type GkeDataplane = "v2" | "legacy" | "both";

/** How pods of a GKE cluster reach DNS and the metadata server. */
export interface GkeNetworkOptions {
  /** @default "both" */
  readonly dataplane?: GkeDataplane;
  /**
   * Resolver addresses besides kube-dns: Cloud DNS for GKE answers on the node's metadata
   * server (169.254.169.254:53), NodeLocal DNSCache on 169.254.20.10 (default on Autopilot and
   * on Standard from 1.33.1). @default ["169.254.169.254/32", "169.254.20.10/32"]
   */
  readonly dnsCidrs?: string[];
}

/** GKE Cloud DNS (metadata server) and NodeLocal DNSCache addresses. */
export const GKE_DNS_CIDRS = ["169.254.169.254/32", "169.254.20.10/32"];

/** API server and DNS paths of a GKE cluster (control plane endpoint on 443). */
export function gkeClusterNetworkFlows(options: GkeNetworkOptions = {}): ClusterNetworkFlows {
  return {
    apiServer: { ports: [443] },
    dns: { namespace: "kube-system", cidrs: options.dnsCidrs ?? GKE_DNS_CIDRS },
  };
}

/**
 * The GKE metadata server, where pods with Workload Identity get their tokens
 * (https://cloud.google.com/kubernetes-engine/docs/concepts/workload-identity, "Limitations":
 * with network policy, allow egress to 169.254.169.254/32 port 80 on Dataplane V2 clusters,
 * 169.254.169.252/32 port 988 otherwise).
 */
export function gkeWorkloadIdentityFlows(dataplane: GkeDataplane = "both"): NetworkFlow[] {
  const rules = [];
  if (dataplane !== "legacy")
    rules.push({ peers: [{ cidr: "169.254.169.254/32" }], ports: [{ port: 80 }] });
  if (dataplane !== "v2")
    rules.push({ peers: [{ cidr: "169.254.169.252/32" }], ports: [{ port: 988 }] });
  return [
    {
      name: "gke-metadata",
      direction: "egress",
      rules,
      reason: "GKE Workload Identity: the GKE metadata server issues the pods' Google credentials",
    },
  ];
}
