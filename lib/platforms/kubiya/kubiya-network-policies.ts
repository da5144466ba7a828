import { Construct } from "constructs";
import type { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import type { NetworkFlow } from "../../kubernetes/flows/network-flow";
import type { RunnerNamespace } from "../../kubernetes/runner-namespace";
import { KUBIYA_METRICS_PORTS } from "./kubiya-runner-props";

/** Input of {@link addKubiyaNetworkPolicies}. */
export interface KubiyaNetworkPoliciesInput {
  /** The runner namespace. */
  readonly namespace: RunnerNamespace;
  readonly labels: Readonly<Record<string, string>>;
  /** The NATS port to open for egress, if any. */
  readonly natsPort: number | undefined;
  /** Namespaces whose pods may scrape the components' metrics. */
  readonly scrapeFromNamespaces: readonly string[];
}

/** Kubiya's flows, with the construct ids and policy names deployments already have. */
export function kubiyaFlows(
  input: Omit<KubiyaNetworkPoliciesInput, "namespace" | "labels">,
): { id: string; flow: NetworkFlow }[] {
  const flows: { id: string; flow: NetworkFlow }[] = [
    // Kubiya's guide: ingress only from the runner's own namespace; the components call each
    // other (agent manager → tool manager → workflow engine, Dagger) inside it.
    {
      id: "AllowSameNamespaceIngress",
      flow: {
        name: "kubiya-same-namespace",
        direction: "ingress",
        policyName: "kubiya-allow-ingress-same-namespace",
        component: "Kubiya components",
        rules: [{ peers: [{ podLabels: {} }], ports: [] }],
        reason:
          "Kubiya's components call each other (agent manager, tool manager, workflow engine, Dagger)",
      },
    },
    {
      id: "AllowSameNamespaceEgress",
      flow: {
        name: "kubiya-same-namespace",
        direction: "egress",
        policyName: "kubiya-allow-egress-same-namespace",
        component: "Kubiya components",
        rules: [{ peers: [{ podLabels: {} }], ports: [] }],
        reason:
          "Kubiya's components call each other (agent manager, tool manager, workflow engine, Dagger)",
      },
    },
  ];
  if (input.natsPort !== undefined) {
    flows.push({
      id: "AllowNatsEgress",
      flow: {
        name: "kubiya-nats",
        direction: "egress",
        policyName: "kubiya-allow-egress-nats",
        component: "Kubiya agent manager",
        rules: [{ ports: [{ port: input.natsPort }] }],
        reason: "the runner reports to Kubiya's NATS server",
      },
    });
  }
  const scrapers = input.scrapeFromNamespaces;
  if (scrapers.length) {
    const ports = [...new Set(Object.values(KUBIYA_METRICS_PORTS))].sort((a, b) => a - b);
    flows.push({
      id: "AllowMetricsIngress",
      flow: {
        name: "kubiya-metrics",
        direction: "ingress",
        policyName: "kubiya-allow-ingress-metrics",
        component: "Kubiya components",
        rules: [
          {
            peers: [...scrapers]
              .sort()
              .map((name) => ({ namespaceLabels: { "kubernetes.io/metadata.name": name } })),
            ports: ports.map((port) => ({ port })),
          },
        ],
        reason: "Prometheus scrapes the components' metrics",
      },
    });
  }
  return flows;
}

/**
 * Kubiya's allow-policies, declared as flows of the runner namespace (on top of its
 * deny-by-default set): ingress and egress inside the namespace, egress to NATS, and metrics
 * scrapes from the given namespaces.
 */
export function addKubiyaNetworkPolicies(
  scope: Construct,
  input: KubiyaNetworkPoliciesInput,
): NetworkPolicyV1[] {
  const set = input.namespace.networkPolicies;
  if (!set) return [];
  return kubiyaFlows(input)
    .map(({ id, flow }) =>
      set.addFlow(flow, { source: "platform", scope, id, labels: input.labels, exact: true }),
    )
    .filter((p): p is NetworkPolicyV1 => p !== undefined);
}
