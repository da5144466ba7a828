import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import type { ClusterNetworkFlows } from "./flows/network-flow";

/**
 * Configures the `kubernetes` and `helm` providers for one cluster. Cloud connections
 * (EKS, GKE, AKS) add what identity bindings need (OIDC issuer, workload pool, …).
 */
export interface ClusterConnection {
  /** The configured kubernetes provider. */
  readonly kubernetesProvider: KubernetesProvider;
  /** The configured helm provider. */
  readonly helmProvider: HelmProvider;
  /** Cluster name, when the connection knows it. @default - unknown */
  readonly clusterName?: string;
  /**
   * The API server and DNS paths pods of this cluster use: what pools open for them.
   * @default - API server on 443 and 6443 at any address, DNS through kube-system
   */
  readonly networkFlows?: ClusterNetworkFlows;
}
