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
  /** The cluster's API server ports and DNS path. @default - a generic cluster: ports 443 and 6443, DNS in kube-system */
  readonly cluster?: ClusterNetworkFlows;
  /** The API server ports the controller reaches. @default the cluster's, else 443 and 6443 */
  readonly apiServerPorts?: number[];
  /** The controller's own ingress (webhooks, metrics). */
  readonly ingress: NetworkRule[];
}

/** The API server ports an ARC controller reaches: given, else the cluster's, else 443 and 6443. */
export function controllerApiServerPorts(
  ports: number[] | undefined,
  cluster: ClusterNetworkFlows | undefined,
): number[] {
  return [...(ports ?? cluster?.apiServer.ports ?? [443, 6443])];
}

/**
 * The namespace of an ARC controller (construct id `Namespace` under `scope`): deny-by-default
 * policies with egress to the API server, the controller's ingress and the cluster's DNS path,
 * unless the user turns the policies off (`networkPolicy: false`).
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
            egress: [
              {
                name: "api-server",
                ports: controllerApiServerPorts(input.apiServerPorts, input.cluster).map(
                  (port) => ({ port }),
                ),
              },
              ...(userPolicy?.egress ?? []),
            ],
            ingress: [...input.ingress, ...(userPolicy?.ingress ?? [])],
          },
  });
}
