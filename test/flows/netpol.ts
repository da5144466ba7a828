// A Kubernetes NetworkPolicy evaluator (networking.k8s.io/v1), written from the API reference
// and https://kubernetes.io/docs/concepts/services-networking/network-policies/:
// - a pod is isolated for a direction only when a policy of its namespace selects it and lists
//   that direction in policyTypes (policyTypes defaults to Ingress, plus Egress when the policy
//   has egress rules);
// - an isolated pod's traffic is allowed when ANY rule of ANY selecting policy allows it (the
//   union of policies: they never conflict);
// - a rule without `to`/`from` matches every peer, without `ports` every port; a peer's
//   podSelector alone means pods of the policy's namespace, namespaceSelector alone every pod
//   of the selected namespaces, both together the selected pods of the selected namespaces;
//   ipBlock matches addresses inside `cidr` and outside every `except`;
// - a port matches by protocol (default TCP) and number, up to `endPort` when set; a named
//   port matches the destination pod's container port of that name; a port entry without
//   `port` matches every port of its protocol;
// - a connection between two pods needs the sender's egress and the receiver's ingress.

export type Labels = Readonly<Record<string, string>>;

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  readonly values?: string[];
}

export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: LabelSelectorRequirement[];
}

export interface Peer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: string[] };
}

export interface PolicyPort {
  readonly protocol?: "TCP" | "UDP" | "SCTP";
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface PolicyRule {
  readonly peers?: Peer[];
  readonly ports?: PolicyPort[];
}

export interface NetworkPolicy {
  readonly name: string;
  readonly namespace: string;
  readonly podSelector: LabelSelector;
  readonly policyTypes?: ("Ingress" | "Egress")[];
  readonly ingress?: PolicyRule[];
  readonly egress?: PolicyRule[];
}

export interface Pod {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly ip: string;
  /** Named container ports. */
  readonly ports?: Readonly<Record<string, number>>;
}

export type Endpoint = { readonly pod: Pod } | { readonly ip: string };

export interface Cluster {
  /** Namespace labels by name (`kubernetes.io/metadata.name` is added). */
  readonly namespaces: Readonly<Record<string, Labels>>;
  readonly policies: readonly NetworkPolicy[];
}

export function matchesSelector(selector: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {}))
    if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    if (e.operator === "In" && !(has && values.includes(labels[e.key]))) return false;
    if (e.operator === "NotIn" && has && values.includes(labels[e.key])) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}

/** An address as [bigint, bits]. */
export function parseIp(ip: string): [bigint, number] {
  if (ip.includes(":")) {
    const [head, tail = ""] = ip.split("::");
    const h = head ? head.split(":") : [];
    const t = tail ? tail.split(":") : [];
    const groups = ip.includes("::")
      ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t]
      : h;
    return [groups.reduce((a, g) => (a << 16n) + BigInt(parseInt(g, 16)), 0n), 128];
  }
  return [ip.split(".").reduce((a, o) => (a << 8n) + BigInt(Number(o)), 0n), 32];
}

export function formatIp(value: bigint, bits: number): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join(".");
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  return groups.join(":");
}

/** [first, last] addresses of a CIDR and its family bits. */
export function cidrRange(cidr: string): { first: bigint; last: bigint; bits: number } {
  const [addr, len] = cidr.split("/");
  const [ip, bits] = parseIp(addr);
  const host = BigInt(bits - Number(len));
  const first = (ip >> host) << host;
  return { first, last: first + (1n << host) - 1n, bits };
}

export function inCidr(ip: string, cidr: string): boolean {
  const [v, bits] = parseIp(ip);
  const r = cidrRange(cidr);
  return bits === r.bits && v >= r.first && v <= r.last;
}

function peerMatches(cluster: Cluster, policyNs: string, peer: Peer, ep: Endpoint): boolean {
  if (peer.ipBlock) {
    const ip = "ip" in ep ? ep.ip : ep.pod.ip;
    return inCidr(ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((e) => inCidr(ip, e));
  }
  if (!("pod" in ep)) return false;
  const pod = ep.pod;
  if (peer.namespaceSelector) {
    const nsLabels = {
      ...(cluster.namespaces[pod.namespace] ?? {}),
      "kubernetes.io/metadata.name": pod.namespace,
    };
    if (!matchesSelector(peer.namespaceSelector, nsLabels)) return false;
  } else if (pod.namespace !== policyNs) {
    return false;
  }
  return peer.podSelector ? matchesSelector(peer.podSelector, pod.labels) : true;
}

function portMatches(p: PolicyPort, port: number, protocol: string, target?: Pod): boolean {
  if ((p.protocol ?? "TCP") !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === "string" && !/^\d+$/.test(p.port)) return target?.ports?.[p.port] === port;
  const start = Number(p.port);
  return p.endPort !== undefined ? port >= start && port <= p.endPort : port === start;
}

function typesOf(p: NetworkPolicy): string[] {
  return p.policyTypes ?? ["Ingress", ...(p.egress ? ["Egress"] : [])];
}

/** The policies selecting a pod for a direction. */
export function selecting(
  cluster: Cluster,
  pod: Pod,
  direction: "Ingress" | "Egress",
): NetworkPolicy[] {
  return cluster.policies.filter(
    (p) =>
      p.namespace === pod.namespace &&
      typesOf(p).includes(direction) &&
      matchesSelector(p.podSelector, pod.labels),
  );
}

/**
 * The policies allowing `pod`'s traffic in one direction (`peer` is the other end, `port` the
 * destination port): `"unisolated"` when no policy selects the pod, else the names of the
 * policies with a matching rule (empty: denied).
 */
export function allowingPolicies(
  cluster: Cluster,
  pod: Pod,
  direction: "Ingress" | "Egress",
  peer: Endpoint,
  port: number,
  protocol: string,
): "unisolated" | string[] {
  const policies = selecting(cluster, pod, direction);
  if (policies.length === 0) return "unisolated";
  const target = direction === "Ingress" ? pod : "pod" in peer ? peer.pod : undefined;
  return policies
    .filter((p) =>
      (direction === "Ingress" ? (p.ingress ?? []) : (p.egress ?? [])).some(
        (rule) =>
          (rule.peers === undefined ||
            rule.peers.length === 0 ||
            rule.peers.some((peerSpec) => peerMatches(cluster, p.namespace, peerSpec, peer))) &&
          (rule.ports === undefined ||
            rule.ports.length === 0 ||
            rule.ports.some((pp) => portMatches(pp, port, protocol, target))),
      ),
    )
    .map((p) => p.name);
}

export function allowedOneWay(
  cluster: Cluster,
  pod: Pod,
  direction: "Ingress" | "Egress",
  peer: Endpoint,
  port: number,
  protocol: string,
): boolean {
  const r = allowingPolicies(cluster, pod, direction, peer, port, protocol);
  return r === "unisolated" || r.length > 0;
}

/** Whether a connection from `src` to `dst` on `port`/`protocol` is allowed. */
export function allowed(
  cluster: Cluster,
  src: Endpoint,
  dst: Endpoint,
  port: number,
  protocol = "TCP",
): boolean {
  if ("pod" in src && !allowedOneWay(cluster, src.pod, "Egress", dst, port, protocol)) return false;
  if ("pod" in dst && !allowedOneWay(cluster, dst.pod, "Ingress", src, port, protocol))
    return false;
  return true;
}
