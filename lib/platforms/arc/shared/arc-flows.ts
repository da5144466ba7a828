// The network flows ARC needs beyond a pool's deny-by-default set (DNS + TCP 443): an HTTP(S)
// proxy, GitHub Enterprise Server on a port other than 443, and, in kubernetes container
// modes, the runner pods' calls to the Kubernetes API server (the pool adds that flow itself
// for service accounts with RBAC rules). Each is declared here as a typed flow and added to
// its namespace's flow model (lib/kubernetes/flows), which makes it an allow-policy on top of
// the namespace's deny-by-default policies.
import { Construct } from "constructs";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { isUnresolved } from "../../../core/rules/problem";
import type { NetworkPeer } from "../../../kubernetes/network-policy";
import type { RunnerNamespace } from "../../../kubernetes/runner-namespace";

/** One declared flow of an ARC component. */
export interface ArcFlow {
  /** Construct id of the policy (unique under the scope that adds it). */
  readonly id: string;
  /** Policy name (DNS-1123). */
  readonly name: string;
  /** Namespace whose pods send (egress) or receive (ingress) the traffic. */
  readonly namespace: RunnerNamespace;
  /** Direction, seen from `namespace`. */
  readonly direction: "egress" | "ingress";
  /** Peers (CIDR or selectors). @default any address */
  readonly peers?: NetworkPeer[];
  /** TCP ports. */
  readonly ports: number[];
  /** Why the flow exists (for reviews and summaries). */
  readonly reason: string;
}

/** An HTTP(S) proxy's port (URL's, else 80 for http, 443 for https), or undefined when not parsable. */
export function proxyPort(url: string): number | undefined {
  const m = /^(https?):\/\/(?:[^@/\s]+@)?([^/:\s]+|\[[^\]\s]+\])(?::(\d+))?\/?$/.exec(url);
  if (!m) return undefined;
  return m[3] ? Number(m[3]) : m[1] === "https" ? 443 : 80;
}

/** The port of an https URL other than 443, or undefined. */
export function nonDefaultHttpsPort(url: string): number | undefined {
  if (isUnresolved(url)) return undefined;
  const m = /^https:\/\/[^/:\s]+:(\d+)(\/|$)/.exec(url);
  return m && m[1] !== "443" ? Number(m[1]) : undefined;
}

/** What the scale set flows are derived from. */
export interface ArcScaleSetFlowInput {
  /** Runners' namespace. */
  readonly runners: RunnerNamespace;
  /** Controller namespace (where the scale set's listener runs). */
  readonly listeners: RunnerNamespace;
  /** The scale set's release name, to name the policies. */
  readonly name: string;
  /** `githubConfigUrl`. */
  readonly githubConfigUrl: string;
  /** Proxy URLs (http and https), if any. */
  readonly proxyUrls: string[];
  /** Where the proxy is. @default any address */
  readonly proxyPeers?: NetworkPeer[];
}

/** The flows of a runner scale set (listener and runner pods). */
export function arcScaleSetFlows(input: ArcScaleSetFlowInput): ArcFlow[] {
  const flows: ArcFlow[] = [];
  const both: [string, RunnerNamespace, string][] = [
    ["Runners", input.runners, "runner pods"],
    ["Listener", input.listeners, "the listener"],
  ];
  const ghesPort = nonDefaultHttpsPort(input.githubConfigUrl);
  if (ghesPort !== undefined) {
    for (const [who, ns, text] of both) {
      flows.push({
        id: `AllowGithubServer${who}Egress`,
        name: `${input.name}-${who.toLowerCase()}-github-server`.slice(0, 63),
        namespace: ns,
        direction: "egress",
        ports: [ghesPort],
        reason: `${text} reach GitHub Enterprise Server on port ${ghesPort}`,
      });
    }
  }
  const proxyPorts = [
    ...new Set(
      input.proxyUrls
        .filter((u) => !isUnresolved(u))
        .map(proxyPort)
        .filter((p): p is number => p !== undefined && p !== 443),
    ),
  ].sort((a, b) => a - b);
  if (proxyPorts.length) {
    for (const [who, ns, text] of both) {
      flows.push({
        id: `AllowProxy${who}Egress`,
        name: `${input.name}-${who.toLowerCase()}-proxy`.slice(0, 63),
        namespace: ns,
        direction: "egress",
        peers: input.proxyPeers,
        ports: proxyPorts,
        reason: `${text} reach the HTTP(S) proxy`,
      });
    }
  }
  return flows;
}

/** Makes each flow an allow-policy, in namespaces that have deny-by-default policies. */
export function addArcFlows(
  scope: Construct,
  flows: readonly ArcFlow[],
  labels: Readonly<Record<string, string>>,
): NetworkPolicyV1[] {
  // Each flow goes into its namespace's flow model (so `pool.flows` and reviews see it) with
  // the construct id and policy name it has always had (`exact`: its ports stay even where
  // another policy opens them too).
  return flows
    .map((f) =>
      f.namespace.networkPolicies?.addFlow(
        {
          name: f.name,
          direction: f.direction,
          policyName: f.name,
          rules: [{ peers: f.peers, ports: f.ports.map((port) => ({ port })) }],
          reason: f.reason,
        },
        { source: "platform", scope, id: f.id, labels, exact: true },
      ),
    )
    .filter((x): x is NetworkPolicyV1 => x !== undefined);
}
