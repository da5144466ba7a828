// The network flows an EKS cluster and its identities add to a pool's namespaces.
import type { ClusterNetworkFlows, NetworkFlow } from "../kubernetes/flows/network-flow";

/** API server and DNS paths of an EKS cluster (endpoint on 443, CoreDNS in kube-system). */
export function eksClusterNetworkFlows(): ClusterNetworkFlows {
  return { apiServer: { ports: [443] }, dns: { namespace: "kube-system" } };
}

/**
 * The EKS Pod Identity Agent on the node, where pods get their credentials: 169.254.170.23
 * and [fd00:ec2::23], port 80 (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html,
 * "Considerations").
 */
export function eksPodIdentityFlows(): NetworkFlow[] {
  return [
    {
      name: "eks-pod-identity",
      direction: "egress",
      rules: [
        {
          peers: [{ cidr: "169.254.170.23/32" }, { cidr: "fd00:ec2::23/128" }],
          ports: [{ port: 80 }],
        },
      ],
      reason: "EKS Pod Identity: the node's Pod Identity Agent issues the pods' AWS credentials",
    },
  ];
}

/** IRSA: the SDK exchanges the projected token at AWS STS over HTTPS. */
export function irsaFlows(): NetworkFlow[] {
  return [
    {
      name: "aws-sts",
      direction: "egress",
      rules: [{ ports: [{ port: 443 }] }],
      reason: "IRSA: the SDK exchanges the service-account token at AWS STS (HTTPS)",
    },
  ];
}
