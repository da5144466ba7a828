import { Construct } from "constructs";
import {
  NetworkPolicyV1,
  NetworkPolicyV1Spec,
} from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { MANAGED_BY } from "../../core/labels";
import { KUBIYA_METRICS_PORTS } from "./kubiya-runner-props";

/** Input of {@link addKubiyaNetworkPolicies}. */
export interface KubiyaNetworkPoliciesInput {
  /** The runner namespace (a reference). */
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The NATS port to open for egress, if any. */
  readonly natsPort: number | undefined;
  /** Namespaces whose pods may scrape the components' metrics. */
  readonly scrapeFromNamespaces: readonly string[];
}

/**
 * Kubiya's allow-policies, on top of the pool's deny-by-default set: ingress and egress
 * inside the runner namespace, egress to NATS, and metrics scrapes from the given namespaces.
 */
export function addKubiyaNetworkPolicies(
  scope: Construct,
  input: KubiyaNetworkPoliciesInput,
): NetworkPolicyV1[] {
  const policies: NetworkPolicyV1[] = [];
  const add = (id: string, name: string, spec: NetworkPolicyV1Spec) => {
    policies.push(
      new NetworkPolicyV1(scope, id, {
        metadata: {
          name,
          namespace: input.namespace,
          labels: { ...input.labels, "app.kubernetes.io/managed-by": MANAGED_BY },
        },
        spec,
      }),
    );
  };
  // Kubiya's guide: ingress only from the runner's own namespace; the components call each
  // other (agent manager → tool manager → workflow engine, Dagger) inside it.
  add("AllowSameNamespaceIngress", "kubiya-allow-ingress-same-namespace", {
    podSelector: {},
    policyTypes: ["Ingress"],
    ingress: [{ from: [{ podSelector: {} }] }],
  });
  add("AllowSameNamespaceEgress", "kubiya-allow-egress-same-namespace", {
    podSelector: {},
    policyTypes: ["Egress"],
    egress: [{ to: [{ podSelector: {} }] }],
  });
  if (input.natsPort !== undefined) {
    add("AllowNatsEgress", "kubiya-allow-egress-nats", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ ports: [{ port: String(input.natsPort), protocol: "TCP" }] }],
    });
  }
  const scrapers = input.scrapeFromNamespaces;
  if (scrapers.length) {
    const ports = [...new Set(Object.values(KUBIYA_METRICS_PORTS))].sort((a, b) => a - b);
    add("AllowMetricsIngress", "kubiya-allow-ingress-metrics", {
      podSelector: {},
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [...scrapers].sort().map((name) => ({
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } },
          })),
          ports: ports.map((p) => ({ port: String(p), protocol: "TCP" })),
        },
      ],
    });
  }
  return policies;
}
