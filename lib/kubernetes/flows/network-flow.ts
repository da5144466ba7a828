import type { NetworkPeer } from "../network-policy";

/** Direction of a flow, seen from the pods that declare it. */
export type FlowDirection = "egress" | "ingress";

/** A transport protocol NetworkPolicy matches. */
export type FlowProtocol = "TCP" | "UDP" | "SCTP";

/** A port (or port range) a flow uses. */
export interface FlowPort {
  /** Port number (1–65535) or named container port. */
  readonly port: number | string;
  /** Last port of a range starting at `port` (numeric `port` only). @default - a single port */
  readonly endPort?: number;
  /** @default "TCP" */
  readonly protocol?: FlowProtocol;
}

/** One part of a flow: these peers on these ports. */
export interface FlowRule {
  /** Peers (IP blocks or selectors). @default - any address */
  readonly peers?: NetworkPeer[];
  /** Ports. */
  readonly ports: FlowPort[];
}

/**
 * Traffic a component needs: rendered as one NetworkPolicy named `allow-<direction>-<name>`
 * in the namespace of the pods that send (egress) or receive (ingress) it, on top of the
 * namespace's deny-by-default policy. Nothing is opened that no flow declares.
 */
export interface NetworkFlow {
  /** Short DNS-1123 name, e.g. `gke-metadata`; names the policy `allow-<direction>-<name>`. */
  readonly name: string;
  /** Direction, seen from the pods. */
  readonly direction: FlowDirection;
  /** What it reaches or accepts (the rules of the policy). */
  readonly rules: FlowRule[];
  /** Pods of the namespace that need it, by label. @default - every pod of the namespace */
  readonly podLabels?: Record<string, string>;
  /** Why the flow exists (shown in reviews: "who may talk to what"). */
  readonly reason: string;
  /** The component that needs it, e.g. `runner`, `controller`, `job pods`. @default - the namespace's pods */
  readonly component?: string;
  /**
   * Policy name, when it is not `allow-<direction>-<name>` (names existing deployments
   * already have, kept so they do not churn). @default `allow-<direction>-<name>`
   */
  readonly policyName?: string;
}

/** Where a flow came from. */
export type FlowSource = "namespace" | "cluster" | "identity" | "platform" | "user";

/** A flow as a namespace applies it. */
export interface ResolvedFlow extends NetworkFlow {
  /** Namespace of the pods (literal name). */
  readonly namespace: string;
  /** Who declared it. */
  readonly source: FlowSource;
  /** The NetworkPolicy rendering it, or undefined when other flows already open all of it. */
  readonly policyName: string | undefined;
  /** Ports already opened by another flow of the namespace (the name of that flow), by `<port>/<protocol>`. @default - none */
  readonly coveredBy?: Readonly<Record<string, string>>;
}

/** A flow a pool applies to its namespaces. */
export interface PoolFlow {
  /** Short DNS-1123 name, e.g. `proxy`; the policy is `allow-<direction>-<name>`. */
  readonly name: string;
  /** @default "egress" */
  readonly direction?: FlowDirection;
  /** Peers: for egress to an external service, its CIDR (NetworkPolicy matches addresses, not names). @default - any address */
  readonly peers?: NetworkPeer[];
  /** Ports. */
  readonly ports: FlowPort[];
  /** Pods it applies to, by label. @default - every pod of the namespace */
  readonly podLabels?: Record<string, string>;
  /** Roles of the pool's namespaces it applies to (`runners`, or roles the platform declares). @default - every namespace of the pool */
  readonly namespaceRoles?: string[];
  /** Why. @default - "declared by the pool" */
  readonly reason?: string;
}

/** Turns a pool flow into a network flow. */
export function fromPoolFlow(flow: PoolFlow): NetworkFlow {
  return {
    name: flow.name,
    direction: flow.direction ?? "egress",
    rules: [{ peers: flow.peers, ports: flow.ports }],
    podLabels: flow.podLabels,
    reason: flow.reason ?? "declared by the pool",
  };
}

/** The `<port>/<protocol>` keys of a flow port (a range stays one key). */
export function portKey(p: FlowPort): string {
  return `${p.port}${p.endPort !== undefined ? `-${p.endPort}` : ""}/${p.protocol ?? "TCP"}`;
}

/** The API server and DNS paths of a cluster. */
export interface ClusterNetworkFlows {
  /** API server endpoint as the pods' packets reach it (after the Service DNAT). */
  readonly apiServer: {
    /** Ports (443 on managed control planes, 6443 on kubeadm, k3s, kind). */
    readonly ports: number[];
    /** Endpoint CIDRs, when known. @default - any address */
    readonly cidrs?: string[];
  };
  /** DNS: the cluster DNS namespace and node-local / metadata-server resolvers. */
  readonly dns: {
    /** Namespace of the cluster DNS pods. @default "kube-system" */
    readonly namespace?: string;
    /** Resolver addresses outside any namespace (NodeLocal DNSCache, GKE Cloud DNS). @default - none */
    readonly cidrs?: string[];
  };
}

/** The flow to the API server, for pods that call it. */
export function apiServerFlow(cluster: ClusterNetworkFlows, component: string): NetworkFlow {
  const cidrs = cluster.apiServer.cidrs;
  return {
    name: "api-server",
    direction: "egress",
    component,
    rules: [
      {
        peers: cidrs?.length ? cidrs.map((cidr) => ({ cidr })) : undefined,
        ports: [...new Set(cluster.apiServer.ports)]
          .sort((a, b) => a - b)
          .map((port) => ({ port })),
      },
    ],
    reason: `${component} call the Kubernetes API server (ports ${cluster.apiServer.ports.join(", ")})`,
  };
}

/** API server on 443 and 6443 at any address, DNS through kube-system: what any cluster may need. */
export const GENERIC_CLUSTER_FLOWS: ClusterNetworkFlows = {
  apiServer: { ports: [443, 6443] },
  dns: { namespace: "kube-system" },
};
