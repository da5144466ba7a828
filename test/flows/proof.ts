// Proves, on a synthesized stack, that its NetworkPolicies allow exactly its declared flows:
// every pod of every namespace the stack manages, in both directions, against every other pod
// and every address and port "cell" (the ranges between all CIDR and port boundaries that
// appear in the policies or the flows: inside a cell, every policy and flow decides the same,
// so one representative per cell covers all addresses and ports), for TCP, UDP and SCTP.
import { IConstruct } from "constructs";
import { RunnerNetworkPolicies } from "../../lib/kubernetes/network-policy";
import type { ResolvedFlow } from "../../lib/kubernetes/flows/network-flow";
import {
  allowed,
  allowingPolicies,
  cidrRange,
  Cluster,
  Endpoint,
  formatIp,
  inCidr,
  LabelSelector,
  NetworkPolicy,
  Peer,
  Pod,
  PolicyPort,
  PolicyRule,
} from "./netpol";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const one = (x: unknown): Json | undefined =>
  (Array.isArray(x) ? x[0] : (x as Json | undefined)) ?? undefined;
const many = (x: unknown): Json[] => (x === undefined ? [] : Array.isArray(x) ? x : [x as Json]);

function selectorOf(x: unknown): LabelSelector | undefined {
  const s = one(x);
  if (s === undefined) return undefined;
  return {
    matchLabels: s.match_labels,
    matchExpressions: many(s.match_expressions).map((e) => ({
      key: e.key,
      operator: e.operator,
      values: e.values,
    })),
  };
}

function peerOf(p: Json): Peer {
  const ip = one(p.ip_block);
  return {
    ipBlock: ip ? { cidr: ip.cidr, except: ip.except } : undefined,
    namespaceSelector: selectorOf(p.namespace_selector),
    podSelector: selectorOf(p.pod_selector),
  };
}

function portsOf(x: unknown): PolicyPort[] | undefined {
  const ports = many(x);
  if (x === undefined) return undefined;
  return ports.map((p) => ({
    port: p.port === undefined ? undefined : /^\d+$/.test(String(p.port)) ? Number(p.port) : p.port,
    endPort: p.end_port,
    protocol: p.protocol ?? "TCP",
  }));
}

/** A synthesized stack's namespaces and NetworkPolicies (by Terraform resource key). */
export interface SynthCluster {
  readonly namespaces: Record<string, Record<string, string>>;
  readonly policies: Record<string, NetworkPolicy>;
  /** Namespace by `${kubernetes_namespace_v1.<id>.metadata[0].name}` reference. */
  readonly resolve: (ref: string) => string;
}

export function clusterOf(json: Json): SynthCluster {
  const namespaces: Record<string, Record<string, string>> = {};
  const byId: Record<string, string> = {};
  for (const [id, ns] of Object.entries<Json>(json.resource?.kubernetes_namespace_v1 ?? {})) {
    const md = one(ns.metadata) as Json;
    namespaces[md.name] = md.labels ?? {};
    byId[id] = md.name;
  }
  const resolve = (ref: string) => {
    const m = /^\$\{kubernetes_namespace_v1\.([^.]+)\.metadata(?:\[0\])?\.name\}$/.exec(ref);
    return m ? byId[m[1]] : ref;
  };
  const policies: Record<string, NetworkPolicy> = {};
  for (const [id, p] of Object.entries<Json>(json.resource?.kubernetes_network_policy_v1 ?? {})) {
    const md = one(p.metadata) as Json;
    const spec = one(p.spec) as Json;
    const rules = (x: unknown, key: string): PolicyRule[] | undefined =>
      x === undefined
        ? undefined
        : many(x).map((r) => ({
            peers: r[key] === undefined ? undefined : many(r[key]).map(peerOf),
            ports: portsOf(r.ports),
          }));
    policies[id] = {
      name: md.name,
      namespace: resolve(md.namespace),
      podSelector: selectorOf(spec.pod_selector) ?? {},
      policyTypes: spec.policy_types,
      ingress: rules(spec.ingress, "from"),
      egress: rules(spec.egress, "to"),
    };
  }
  return { namespaces, policies, resolve };
}

/** A flow the proof checks: a declared one, or a named expected gap. */
export interface ProofFlow {
  readonly flow: ResolvedFlow;
  /** Why the flow is not (yet) in the flow model, for a gap. */
  readonly gap?: string;
}

/** Every declared flow of the stack (from its RunnerNetworkPolicies). */
export function declaredFlows(stack: IConstruct): ResolvedFlow[] {
  return stack.node
    .findAll()
    .filter((c): c is RunnerNetworkPolicies => c instanceof RunnerNetworkPolicies)
    .flatMap((set) => set.flows);
}

/** A policy that is no declared flow's, read back as a flow (for a named gap). */
export function flowOfPolicy(p: NetworkPolicy): ResolvedFlow {
  const direction = (p.egress ? "egress" : "ingress") as "egress" | "ingress";
  const rules = (direction === "egress" ? p.egress : p.ingress) ?? [];
  return {
    name: `gap:${p.name}`,
    direction,
    namespace: p.namespace,
    source: "platform",
    policyName: p.name,
    podLabels: p.podSelector.matchLabels,
    reason: "not in the flow model",
    rules: rules.map((r) => ({
      peers: r.peers?.map((peer) => ({
        cidr: peer.ipBlock?.cidr,
        except: peer.ipBlock?.except,
        namespaceLabels: peer.namespaceSelector?.matchLabels,
        podLabels: peer.podSelector?.matchLabels,
      })),
      ports: (r.ports ?? []).map((q) => ({
        port: q.port as number,
        endPort: q.endPort,
        protocol: q.protocol,
      })),
    })),
  };
}

const NS_NAME = "kubernetes.io/metadata.name";

function flowPeerMatches(
  cluster: Cluster,
  flow: ResolvedFlow,
  peer: NonNullable<ResolvedFlow["rules"][number]["peers"]>[number],
  ep: Endpoint,
): boolean {
  if (peer.cidr !== undefined) {
    const ip = "ip" in ep ? ep.ip : ep.pod.ip;
    return inCidr(ip, peer.cidr) && !(peer.except ?? []).some((e) => inCidr(ip, e));
  }
  if (!("pod" in ep)) return false;
  const pod = ep.pod;
  if (peer.namespaceLabels !== undefined) {
    const labels: Record<string, string> = {
      ...(cluster.namespaces[pod.namespace] ?? {}),
      [NS_NAME]: pod.namespace,
    };
    if (!Object.entries(peer.namespaceLabels).every(([k, v]) => labels[k] === v)) return false;
  } else if (pod.namespace !== flow.namespace) return false;
  return Object.entries(peer.podLabels ?? {}).every(([k, v]) => pod.labels[k] === v);
}

/** The declared flows allowing `pod`'s traffic in a direction. */
function flowsAllowing(
  cluster: Cluster,
  flows: readonly ProofFlow[],
  pod: Pod,
  direction: "egress" | "ingress",
  peer: Endpoint,
  port: number,
  protocol: string,
): ProofFlow[] {
  return flows.filter(({ flow }) => {
    if (flow.direction !== direction || flow.namespace !== pod.namespace) return false;
    if (!Object.entries(flow.podLabels ?? {}).every(([k, v]) => pod.labels[k] === v)) return false;
    return flow.rules.some(
      (r) =>
        (r.peers === undefined || r.peers.some((p) => flowPeerMatches(cluster, flow, p, peer))) &&
        (r.ports.length === 0 ||
          r.ports.some(
            (q) =>
              (q.protocol ?? "TCP") === protocol &&
              (q.endPort !== undefined
                ? port >= Number(q.port) && port <= q.endPort
                : port === Number(q.port)),
          )),
    );
  });
}

/** Pods of the stack: one plain pod per namespace, plus one per label set a flow selects. */
export function podsOf(sc: SynthCluster, flows: readonly ProofFlow[]): Pod[] {
  const pods: Pod[] = [];
  let n = 0;
  const add = (namespace: string, labels: Record<string, string>, name: string) =>
    pods.push({ name, namespace, labels, ip: `10.244.${Math.floor(n / 250)}.${(n++ % 250) + 1}` });
  for (const ns of Object.keys(sc.namespaces).sort()) {
    // Two plain pods, so traffic between pods of one namespace is probed too.
    add(ns, { "app.kubernetes.io/name": "any" }, `${ns}/any`);
    add(ns, { "app.kubernetes.io/name": "other" }, `${ns}/other`);
    const seen = new Set<string>();
    for (const { flow } of flows) {
      if (flow.namespace !== ns || !flow.podLabels || !Object.keys(flow.podLabels).length) continue;
      const key = JSON.stringify(flow.podLabels);
      if (seen.has(key)) continue;
      seen.add(key);
      add(ns, { ...flow.podLabels }, `${ns}/${key}`);
    }
  }
  // Pods outside the stack: cluster DNS, a scraper, one pod in every namespace a flow or a
  // policy names, and a stranger.
  const named = new Set(["kube-system", "monitoring"]);
  for (const { flow } of flows)
    for (const r of flow.rules)
      for (const peer of r.peers ?? []) {
        const n = peer.namespaceLabels?.[NS_NAME];
        if (n) named.add(n);
      }
  for (const p of Object.values(sc.policies))
    for (const r of [...(p.ingress ?? []), ...(p.egress ?? [])])
      for (const peer of r.peers ?? []) {
        const n = peer.namespaceSelector?.matchLabels?.[NS_NAME];
        if (n) named.add(n);
      }
  add("kube-system", { "k8s-app": "kube-dns" }, "kube-system/kube-dns");
  for (const ns of [...named].sort())
    if (!sc.namespaces[ns] && ns !== "kube-system") add(ns, { app: "scraper" }, `${ns}/scraper`);
  add("stranger", { app: "stranger" }, "stranger/stranger");
  return pods;
}

function ipCells(cidrs: string[]): string[] {
  const out: string[] = [];
  for (const bits of [32, 128]) {
    const max = (1n << BigInt(bits)) - 1n;
    const bounds = new Set<bigint>([0n]);
    for (const c of cidrs) {
      const r = cidrRange(c);
      if (r.bits !== bits) continue;
      bounds.add(r.first);
      if (r.last < max) bounds.add(r.last + 1n);
    }
    for (const b of [...bounds].sort((a, b2) => (a < b2 ? -1 : a > b2 ? 1 : 0)))
      out.push(formatIp(b, bits));
  }
  return out;
}

function portCells(ports: PolicyPort[]): number[] {
  const bounds = new Set<number>([1]);
  for (const p of ports) {
    if (p.port === undefined || typeof p.port === "string") continue;
    bounds.add(p.port);
    const last = p.endPort ?? p.port;
    if (last < 65535) bounds.add(last + 1);
  }
  return [...bounds].sort((a, b) => a - b);
}

const PROTOCOLS = ["TCP", "UDP", "SCTP"];

/** What the proof found: each problem names the flow or the opening. */
export function prove(sc: SynthCluster, flows: readonly ProofFlow[]): string[] {
  const policies = Object.values(sc.policies);
  const cluster: Cluster = { namespaces: sc.namespaces, policies };
  const pods = podsOf(sc, flows);
  const managed = new Set(policies.map((p) => p.namespace));
  for (const { flow } of flows) managed.add(flow.namespace);
  const cidrs = [
    ...policies.flatMap((p) =>
      [...(p.ingress ?? []), ...(p.egress ?? [])].flatMap((r) =>
        (r.peers ?? []).flatMap((q) =>
          q.ipBlock ? [q.ipBlock.cidr, ...(q.ipBlock.except ?? [])] : [],
        ),
      ),
    ),
    ...flows.flatMap(({ flow }) =>
      flow.rules.flatMap((r) =>
        (r.peers ?? []).flatMap((q) => (q.cidr ? [q.cidr, ...(q.except ?? [])] : [])),
      ),
    ),
  ];
  const ports = [
    ...policies.flatMap((p) =>
      [...(p.ingress ?? []), ...(p.egress ?? [])].flatMap((r) => r.ports ?? []),
    ),
    ...flows.flatMap(({ flow }) =>
      flow.rules.flatMap((r) => r.ports.map((q) => ({ port: Number(q.port), endPort: q.endPort }))),
    ),
  ];
  const addresses = ipCells(cidrs).map((ip) => ({ ip }) as Endpoint);
  const portList = portCells(ports);
  const problems = new Map<string, string>();
  const note = (key: string, message: string) => {
    if (!problems.has(key)) problems.set(key, message);
  };
  // Default-deny is the safety net under the allowances: other policies selecting every pod
  // isolate it too, so its removal can leave traffic unchanged; it must exist all the same.
  for (const ns of [...managed].sort())
    if (
      !policies.some(
        (p) =>
          p.namespace === ns &&
          Object.keys(p.podSelector.matchLabels ?? {}).length === 0 &&
          (p.podSelector.matchExpressions ?? []).length === 0 &&
          (p.policyTypes ?? []).includes("Ingress") &&
          (p.policyTypes ?? []).includes("Egress") &&
          !(p.ingress ?? []).length &&
          !(p.egress ?? []).length,
      )
    )
      note(`deny:${ns}`, `undeclared opening risk: namespace ${ns} has no default-deny policy`);
  const describe = (ep: Endpoint) => ("ip" in ep ? ep.ip : `pod ${ep.pod.name}`);

  for (const pod of pods.filter((p) => managed.has(p.namespace))) {
    const peers: Endpoint[] = [
      ...pods.filter((p) => p !== pod).map((p) => ({ pod: p })),
      ...addresses,
    ];
    for (const direction of ["egress", "ingress"] as const) {
      const dir = direction === "egress" ? "Egress" : "Ingress";
      for (const peer of peers)
        for (const protocol of PROTOCOLS)
          for (const port of portList) {
            const byPolicy = allowingPolicies(cluster, pod, dir, peer, port, protocol);
            const policyAllows = byPolicy === "unisolated" || byPolicy.length > 0;
            const byFlow = flowsAllowing(cluster, flows, pod, direction, peer, port, protocol);
            if (policyAllows && byFlow.length === 0) {
              note(
                `open:${pod.name}:${direction}:${byPolicy}`,
                `undeclared opening: ${pod.name} ${direction} ${direction === "egress" ? "to" : "from"} ${describe(peer)} port ${port}/${protocol}, allowed by ${byPolicy === "unisolated" ? "no isolation (default-deny missing)" : byPolicy.join(", ")}`,
              );
            }
            if (!policyAllows)
              for (const { flow } of byFlow)
                note(
                  `blocked:${flow.namespace}:${flow.name}:${flow.direction}`,
                  `flow ${flow.name} (${flow.namespace}, ${flow.direction}) is blocked: ${pod.name} ${direction} ${direction === "egress" ? "to" : "from"} ${describe(peer)} port ${port}/${protocol}`,
                );
          }
    }
    // End to end: an egress flow to pods of the stack must pass their ingress too.
    for (const { flow } of flows) {
      if (flow.direction !== "egress" || flow.namespace !== pod.namespace) continue;
      if (!Object.entries(flow.podLabels ?? {}).every(([k, v]) => pod.labels[k] === v)) continue;
      for (const rule of flow.rules) {
        if (!rule.peers) continue;
        for (const target of pods.filter((p) => p !== pod && managed.has(p.namespace))) {
          if (!rule.peers.some((peer) => flowPeerMatches(cluster, flow, peer, { pod: target })))
            continue;
          for (const q of rule.ports.length ? rule.ports : [{ port: 1, protocol: "TCP" as const }])
            if (!allowed(cluster, { pod }, { pod: target }, Number(q.port), q.protocol ?? "TCP"))
              note(
                `e2e:${flow.namespace}:${flow.name}:${target.name}`,
                `flow ${flow.name} (${flow.namespace}, egress) is blocked at the ingress of ${target.name}: port ${q.port}`,
              );
        }
      }
    }
  }
  return [...problems.values()].sort();
}
