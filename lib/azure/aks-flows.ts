// The network flows an AKS cluster and AKS Workload Identity add to a pool's namespaces.
import type { ClusterNetworkFlows, NetworkFlow } from "../kubernetes/flows/network-flow";

/** API server and DNS paths of an AKS cluster (endpoint on 443, CoreDNS in kube-system). */
export function aksClusterNetworkFlows(): ClusterNetworkFlows {
  return { apiServer: { ports: [443] }, dns: { namespace: "kube-system" } };
}

/** AKS Workload Identity: the SDK exchanges the projected token at Microsoft Entra ID over HTTPS. */
export function aksWorkloadIdentityFlows(): NetworkFlow[] {
  return [
    {
      name: "entra-id",
      direction: "egress",
      rules: [{ ports: [{ port: 443 }] }],
      reason:
        "AKS Workload Identity: the SDK exchanges the service-account token at Microsoft Entra ID (HTTPS)",
    },
  ];
}
