import { Construct } from "constructs";
import type { ClusterNetworkFlows } from "../../../kubernetes/flows/network-flow";
import type { NetworkRule } from "../../../kubernetes/network-policy";
import { RunnerNamespace, RunnerNamespaceOptions } from "../../../kubernetes/runner-namespace";

/** What an ARC controller's namespace is made of. */
export interface ControllerNamespaceInput {
  /** The user's namespace options (their network rules are added after the controller's). @default - none */
  readonly options?: RunnerNamespaceOptions;
  /** Namespace name. */
  readonly name: string;
  /** The release the namespace belongs to (`app.kubernetes.io/part-of`). */
  readonly partOf: string;
  /** The cluster's DNS path. @default - the cluster DNS in kube-system */
  readonly cluster?: ClusterNetworkFlows;
  /** The controller's own egress (API server, …). */
  readonly egress: NetworkRule[];
  /** The controller's own ingress (webhooks, metrics). */
  readonly ingress: NetworkRule[];
}

/**
 * The namespace of an ARC controller (construct id `Namespace` under `scope`): deny-by-default
 * policies with the controller's flows and the cluster's DNS path, unless the user turns the
 * policies off (`networkPolicy: false`).
 */
export function controllerNamespace(
  scope: Construct,
  input: ControllerNamespaceInput,
): RunnerNamespace {
  const userPolicy = input.options?.networkPolicy;
  return new RunnerNamespace(scope, "Namespace", {
    ...input.options,
    name: input.name,
    partOf: input.partOf,
    networkPolicy:
      userPolicy === false
        ? false
        : {
            dnsNamespace: input.cluster?.dns.namespace,
            dnsCidrs: input.cluster?.dns.cidrs,
            ...userPolicy,
            egress: [...input.egress, ...(userPolicy?.egress ?? [])],
            ingress: [...input.ingress, ...(userPolicy?.ingress ?? [])],
          },
  });
}
