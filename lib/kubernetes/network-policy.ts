import { isIP } from "net";
import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import {
  NetworkPolicyV1,
  NetworkPolicyV1Spec,
  NetworkPolicyV1SpecEgressTo,
  NetworkPolicyV1SpecIngressFrom,
} from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { MANAGED_BY, sortKeys } from "../core/labels";
import { checkDns1123Label } from "../core/names";
import { isUnresolved, Problem } from "../core/rules/problem";
import { addChecks } from "../core/rules/report";
import { ScopeIndex } from "../core/tree-order";
import {
  NETPOL_CIDR,
  NETPOL_PEER_EMPTY,
  NETPOL_PORT_NAME,
  NETPOL_PORT_RANGE,
  NETPOL_PORTS_REQUIRED,
  NETPOL_RULE_NAME_UNIQUE,
} from "./rules";
import type { IRunnerNamespace } from "./runner-namespace";
import {
  FlowPort,
  FlowRule,
  FlowSource,
  NetworkFlow,
  portKey,
  ResolvedFlow,
} from "./flows/network-flow";

/** Who a rule allows traffic from or to. Set one of `cidr` or the selectors. */
export interface NetworkPeer {
  /** An IP block, e.g. `10.0.0.0/8` or `0.0.0.0/0`. @default - no IP block */
  readonly cidr?: string;
  /** Addresses inside `cidr` to exclude. @default - none */
  readonly except?: string[];
  /** Namespaces by label, e.g. `{ "kubernetes.io/metadata.name": "monitoring" }`. @default - no namespace selector */
  readonly namespaceLabels?: Record<string, string>;
  /** Pods by label (in this namespace, or in those `namespaceLabels` selects). @default - no pod selector */
  readonly podLabels?: Record<string, string>;
}

/** A port a rule opens. */
export interface NetworkPort {
  /** Port number (1–65535) or named container port. */
  readonly port: number | string;
  /** @default "TCP" */
  readonly protocol?: "TCP" | "UDP" | "SCTP";
}

/** One allowance, rendered as its own `NetworkPolicy` named `allow-<direction>-<name>`. */
export interface NetworkRule {
  /** Short DNS-1123 name for the policy, e.g. `webhook`. */
  readonly name: string;
  /** Ports opened. */
  readonly ports: NetworkPort[];
  /** Peers allowed. @default any address */
  readonly peers?: NetworkPeer[];
  /** Pods of this namespace the rule applies to. @default all pods */
  readonly podLabels?: Record<string, string>;
}

/** Network policy options of a runner namespace. */
export interface RunnerNetworkPolicyOptions {
  /** Allow DNS (UDP and TCP 53) to the cluster DNS. @default true */
  readonly allowDnsEgress?: boolean;
  /** Namespace of the cluster DNS pods. @default "kube-system" */
  readonly dnsNamespace?: string;
  /** Extra DNS addresses, e.g. NodeLocal DNSCache `169.254.20.10/32`. @default none */
  readonly dnsCidrs?: string[];
  /** Allow TCP 443 to any address (GitHub, registries, cloud APIs). @default true */
  readonly allowHttpsEgress?: boolean;
  /** More egress allowances. @default none */
  readonly egress?: NetworkRule[];
  /** Ingress allowances (webhooks, metrics scrapes). @default none: all ingress denied */
  readonly ingress?: NetworkRule[];
}

/** Props of {@link RunnerNetworkPolicies}. */
export interface RunnerNetworkPoliciesProps extends RunnerNetworkPolicyOptions {
  /** The namespace the policies protect. */
  readonly namespace: IRunnerNamespace;
}

/** A label selector; `{}` (no labels) selects everything. */
function selector(labels: Record<string, string> | undefined) {
  if (labels === undefined) return undefined;
  return Object.keys(labels).length ? { matchLabels: sortKeys(labels) } : {};
}

function peerTo(peer: NetworkPeer): NetworkPolicyV1SpecEgressTo & NetworkPolicyV1SpecIngressFrom {
  return {
    ipBlock: peer.cidr ? { cidr: peer.cidr, except: peer.except } : undefined,
    namespaceSelector: selector(peer.namespaceLabels),
    podSelector: selector(peer.podLabels),
  };
}

/** An IP block as the API server parses it: [address, prefix length, bits], or undefined. */
function parseCidr(cidr: string): { ip: bigint; prefix: number; bits: number } | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (!m) return undefined;
  const prefix = Number(m[2]);
  const family = isIP(m[1]);
  if (family === 4) {
    if (prefix > 32) return undefined;
    const ip = m[1].split(".").reduce((acc, o) => (acc << 8n) + BigInt(o), 0n);
    return { ip, prefix, bits: 32 };
  }
  if (family === 6 && !m[1].includes(".")) {
    if (prefix > 128) return undefined;
    const [head, tail = ""] = m[1].split("::");
    const h = head ? head.split(":") : [];
    const t = tail ? tail.split(":") : [];
    const groups = m[1].includes("::")
      ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t]
      : h;
    const ip = groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
    return { ip, prefix, bits: 128 };
  }
  return undefined;
}

/** Whether `inner` is a strict subset of `outer` (networking validation ValidateIPBlock). */
function strictSubset(
  outer: { ip: bigint; prefix: number; bits: number },
  inner: { ip: bigint; prefix: number; bits: number },
): boolean {
  if (outer.bits !== inner.bits || inner.prefix <= outer.prefix) return false;
  const shift = BigInt(outer.bits - outer.prefix);
  return outer.ip >> shift === inner.ip >> shift;
}

/** IANA_SVC_NAME (k8s.io/apimachinery validation IsValidPortName). */
const PORT_NAME = /^(?=.*[a-z])(?!-)(?!.*--)[-a-z0-9]{1,15}(?<!-)$/;

function checkRule(field: string, rule: NetworkRule): Problem[] {
  const problems: (Problem | undefined)[] = [
    checkDns1123Label(`${field}.name`, rule.name, 40, "webhook"),
  ];
  if (rule.ports.length === 0) {
    problems.push({
      field: `${field}.ports`,
      rule: NETPOL_PORTS_REQUIRED,
      value: [],
      message: "a rule must open at least one port",
      example: "[{ port: 9443 }]",
    });
  }
  rule.ports.forEach((p, i) => {
    if (typeof p.port === "string" && isUnresolved(p.port)) return;
    if (typeof p.port === "string" && !/^\d+$/.test(p.port)) {
      if (!PORT_NAME.test(p.port)) {
        problems.push({
          field: `${field}.ports[${i}].port`,
          rule: NETPOL_PORT_NAME,
          value: p.port,
          message:
            "a named port must be an IANA service name: at most 15 lower-case letters, digits and '-', with at least one letter, no leading, trailing or double '-' (or give a number)",
          example: '"metrics"',
        });
      }
      return;
    }
    const port = Number(p.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      problems.push({
        field: `${field}.ports[${i}].port`,
        rule: NETPOL_PORT_RANGE,
        value: p.port,
        message: "must be an integer from 1 to 65535",
        example: "9443",
      });
    }
  });
  (rule.peers ?? []).forEach((peer, i) => {
    const block =
      peer.cidr !== undefined && !isUnresolved(peer.cidr) ? parseCidr(peer.cidr) : undefined;
    if (peer.cidr !== undefined && !isUnresolved(peer.cidr) && !block) {
      problems.push({
        field: `${field}.peers[${i}].cidr`,
        rule: NETPOL_CIDR,
        value: peer.cidr,
        message: "must be a CIDR block (an IPv4 or IPv6 address and a prefix length)",
        example: "10.0.0.0/8",
      });
    }
    (peer.except ?? []).forEach((ex, j) => {
      if (isUnresolved(ex)) return;
      const inner = parseCidr(ex);
      if (peer.cidr === undefined || (block && inner && strictSubset(block, inner))) return;
      if (!block && inner) return; // the cidr itself is reported above
      problems.push({
        field: `${field}.peers[${i}].except[${j}]`,
        rule: NETPOL_CIDR,
        value: ex,
        message: inner
          ? `must be a strict subset of the peer's cidr ${peer.cidr}`
          : "must be a CIDR block (an IPv4 or IPv6 address and a prefix length)",
        example: "10.1.0.0/16 inside 10.0.0.0/8",
      });
    });
    if (!peer.cidr && !peer.namespaceLabels && !peer.podLabels) {
      problems.push({
        field: `${field}.peers[${i}]`,
        rule: NETPOL_PEER_EMPTY,
        value: peer,
        message:
          "a peer needs a cidr, namespaceLabels or podLabels (omit `peers` to allow any address)",
        example: '{ namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" } }',
      });
    }
  });
  return problems.filter((p): p is Problem => p !== undefined);
}

/** Where {@link RunnerNetworkPolicies.addFlow} puts a flow's policy. */
export interface FlowPlacement {
  /** Who declared the flow. @default "platform" */
  readonly source?: FlowSource;
  /** Construct scope of the policy (kept where an existing deployment has it). @default the namespace's policy set */
  readonly scope?: Construct;
  /** Construct id of the policy. @default the policy name */
  readonly id?: string;
  /** Extra labels on the policy. @default - only managed-by */
  readonly labels?: Readonly<Record<string, string>>;
}

function renderPort(p: FlowPort) {
  return {
    port: String(p.port),
    endPort: p.endPort,
    protocol: p.protocol ?? "TCP",
  };
}

/**
 * Deny-by-default network policies for a namespace where runner or job pods run
 * untrusted code: a `default-deny` policy for both directions, then one policy per
 * declared {@link NetworkFlow} (DNS, HTTPS, each extra rule, and what the cluster, the
 * identity and the platform add with {@link addFlow}), so each opening is visible by name.
 */
export class RunnerNetworkPolicies extends Construct {
  /**
   * The policies these sets created in a stack for a namespace (by its `ref`), in creation
   * order (for the library's release ordering).
   * @internal
   */
  public static inNamespace(
    stack: TerraformStack,
    namespaceRef: string,
  ): readonly NetworkPolicyV1[] {
    return policiesByNamespace.get(stack, namespaceRef);
  }

  /** The deny-all policy (selects every pod, allows nothing). */
  public readonly defaultDeny: NetworkPolicyV1;
  /** All policies, by name. */
  public readonly policies: Record<string, NetworkPolicyV1> = {};
  /** Every flow of the namespace, in the order it was declared. */
  public readonly flows: ResolvedFlow[] = [];
  private readonly namespaceRef: string;
  private readonly namespaceName: string;

  constructor(scope: Construct, id: string, props: RunnerNetworkPoliciesProps) {
    super(scope, id);
    const ns = props.namespace;
    this.namespaceRef = ns.ref;
    this.namespaceName = ns.name;

    this.defaultDeny = this.newPolicy(
      this,
      "default-deny",
      "default-deny",
      {},
      {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
      },
    );

    if (props.allowDnsEgress ?? true) {
      const dnsNamespace = props.dnsNamespace ?? "kube-system";
      const cidrs = [...new Set(props.dnsCidrs ?? [])];
      this.addFlow(
        {
          name: "dns",
          direction: "egress",
          policyName: "allow-dns-egress",
          rules: [
            {
              peers: [
                { namespaceLabels: { "kubernetes.io/metadata.name": dnsNamespace } },
                ...cidrs.map((cidr) => ({ cidr })),
              ],
              ports: [
                { port: 53, protocol: "UDP" },
                { port: 53, protocol: "TCP" },
              ],
            },
          ],
          reason: `name resolution: the cluster DNS in ${dnsNamespace}${cidrs.length ? ` and ${cidrs.join(", ")}` : ""}`,
        },
        { source: "namespace" },
      );
    }
    if (props.allowHttpsEgress ?? true) {
      this.addFlow(
        {
          name: "https",
          direction: "egress",
          policyName: "allow-https-egress",
          rules: [{ ports: [{ port: 443 }] }],
          reason:
            "HTTPS to any address: the CI service, registries, cloud APIs and managed API servers",
        },
        { source: "namespace" },
      );
    }
    // A repeated rule name is reported by the checks below (K8S-NETPOL-RULE-NAME-UNIQUE);
    // only its first rule becomes a policy, so construction can go on to report it.
    for (const direction of ["egress", "ingress"] as const) {
      for (const rule of props[direction] ?? []) {
        if (this.policies[`allow-${direction}-${rule.name}`]) continue;
        this.addFlow(
          {
            name: rule.name,
            direction,
            podLabels: rule.podLabels,
            rules: [{ peers: rule.peers, ports: rule.ports }],
            reason: "declared in the namespace's networkPolicy options",
          },
          { source: "namespace" },
        );
      }
    }

    addChecks(this, () => [
      ...(props.dnsCidrs ?? []).flatMap((cidr, i) =>
        !isUnresolved(cidr) && !parseCidr(cidr)
          ? [
              {
                field: `networkPolicy.dnsCidrs[${i}]`,
                rule: NETPOL_CIDR,
                value: cidr,
                message: "must be a CIDR block",
                example: "169.254.20.10/32",
              },
            ]
          : [],
      ),
      ...(props.egress ?? []).flatMap((r, i) => checkRule(`networkPolicy.egress[${i}]`, r)),
      ...(props.ingress ?? []).flatMap((r, i) => checkRule(`networkPolicy.ingress[${i}]`, r)),
      ...duplicateNames(props),
    ]);
  }

  /**
   * Declares a flow: renders it as one NetworkPolicy (`allow-<direction>-<name>`) unless
   * flows declared earlier already open all of it (then it is only recorded, with
   * `coveredBy`). Ports another flow opens to any address for every pod are left out of
   * the policy. A flow whose name the namespace already has is not added again (a second
   * binding of one identity in the same namespace); the existing policy is returned.
   */
  public addFlow(
    flow: NetworkFlow,
    placement: FlowPlacement & { readonly exact?: boolean } = {},
  ): NetworkPolicyV1 | undefined {
    const existing = this.flows.find((f) => f.name === flow.name && f.direction === flow.direction);
    if (existing) return existing.policyName ? this.policies[existing.policyName] : undefined;
    const coveredBy: Record<string, string> = {};
    const rules = placement.exact
      ? flow.rules
      : flow.rules
          .map((rule) => ({
            ...rule,
            ports: rule.ports.filter((p) => {
              const by = this.openToAll(flow, rule, p);
              if (by) coveredBy[portKey(p)] = by;
              return by === undefined;
            }),
          }))
          .filter((rule, i) => rule.ports.length > 0 || flow.rules[i].ports.length === 0);
    const policyName =
      rules.length === 0 ? undefined : (flow.policyName ?? `allow-${flow.direction}-${flow.name}`);
    this.flows.push({
      ...flow,
      namespace: this.namespaceName,
      source: placement.source ?? "platform",
      policyName,
      coveredBy: Object.keys(coveredBy).length ? coveredBy : undefined,
    });
    if (!policyName) return undefined;
    const peers = (rule: FlowRule) => rule.peers?.map(peerTo);
    const ports = (rule: FlowRule) => (rule.ports.length ? rule.ports.map(renderPort) : undefined);
    return this.newPolicy(
      placement.scope ?? this,
      placement.id ?? policyName,
      policyName,
      placement.labels ?? {},
      {
        podSelector: flow.podLabels ? { matchLabels: sortKeys(flow.podLabels) } : {},
        policyTypes: [flow.direction === "egress" ? "Egress" : "Ingress"],
        egress:
          flow.direction === "egress"
            ? rules.map((r) => ({ to: peers(r), ports: ports(r) }))
            : undefined,
        ingress:
          flow.direction === "ingress"
            ? rules.map((r) => ({ from: peers(r), ports: ports(r) }))
            : undefined,
      },
    );
  }

  /** The flow already opening this port to any address for every pod, if any. */
  private openToAll(flow: NetworkFlow, rule: FlowRule, p: FlowPort): string | undefined {
    if (p.endPort !== undefined) return undefined;
    const key = portKey(p);
    return this.flows.find(
      (f) =>
        f.policyName !== undefined &&
        f.direction === flow.direction &&
        (f.podLabels === undefined || Object.keys(f.podLabels).length === 0) &&
        f.rules.some((r) => r.peers === undefined && r.ports.some((q) => portKey(q) === key)) &&
        (rule.peers === undefined || rule.peers.every((peer) => peer.cidr !== undefined)),
    )?.name;
  }

  private newPolicy(
    scope: Construct,
    id: string,
    name: string,
    labels: Readonly<Record<string, string>>,
    spec: NetworkPolicyV1Spec,
  ): NetworkPolicyV1 {
    const policy = new NetworkPolicyV1(scope, id, {
      metadata: {
        name,
        namespace: this.namespaceRef,
        labels: sortKeys({ ...labels, "app.kubernetes.io/managed-by": MANAGED_BY }),
      },
      spec,
    });
    this.policies[name] = policy;
    policiesByNamespace.add(TerraformStack.of(policy), this.namespaceRef, policy);
    return policy;
  }
}

function duplicateNames(props: RunnerNetworkPolicyOptions): Problem[] {
  const problems: Problem[] = [];
  for (const direction of ["egress", "ingress"] as const) {
    const seen = new Set<string>();
    for (const rule of props[direction] ?? []) {
      if (seen.has(rule.name)) {
        problems.push({
          field: `networkPolicy.${direction}`,
          rule: NETPOL_RULE_NAME_UNIQUE,
          value: rule.name,
          message: "rule names must be unique per direction",
          example: `${rule.name}-2`,
        });
      }
      seen.add(rule.name);
    }
  }
  return problems;
}

/** Every policy a RunnerNetworkPolicies created, per stack and namespace ref. */
const policiesByNamespace = new ScopeIndex<NetworkPolicyV1>();
