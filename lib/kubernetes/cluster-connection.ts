import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";

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
}
