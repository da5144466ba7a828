// Namespaces with their Pod Security level, NetworkPolicies as flows, Roles and their bindings.
import { type Json, arr, compare, obj, str } from "../json";
import { type Item, type StackIndex, labelsOf } from "../stack-index";

export interface NamespaceReview {
  readonly address: string;
  readonly name: string;
  readonly pool: string;
  /** `enforce`, `audit`, `warn` -> level (with `@version` unless `latest`) */
  readonly podSecurity: Record<string, string>;
}

export interface NetworkPolicyReview {
  readonly address: string;
  readonly pool: string;
  readonly namespace: string;
  readonly name: string;
  /** the pods it applies to */
  readonly pods: string;
  readonly policyTypes: string[];
  /** one line per rule: `egress to namespace kube-system on 53/UDP, 53/TCP` */
  readonly flows: string[];
}

export interface RoleRule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly resourceNames: string[];
  readonly verbs: string[];
}

export interface RoleReview {
  readonly address: string;
  readonly kind: "Role" | "ClusterRole";
  readonly namespace: string;
  readonly name: string;
  readonly pool: string;
  readonly rules: RoleRule[];
  /** subjects of the bindings to it: `ServiceAccount ns/name` */
  readonly boundTo: string[];
  /** the library's reason annotation for wildcards, if any */
  readonly wildcardsReason?: string;
}

const strings = (v: Json): string[] => arr(v).map((x) => str(x) ?? "");

export function namespacesOf(index: StackIndex, poolOf: (i: Item) => string): NamespaceReview[] {
  return index.ofType("kubernetes_namespace_v1").map((ns) => {
    const labels = labelsOf(ns);
    const podSecurity: Record<string, string> = {};
    for (const mode of ["enforce", "audit", "warn"]) {
      const level = labels[`pod-security.kubernetes.io/${mode}`];
      if (level === undefined) continue;
      const version = labels[`pod-security.kubernetes.io/${mode}-version`];
      podSecurity[mode] = version && version !== "latest" ? `${level}@${version}` : level;
    }
    return {
      address: ns.address,
      name: str(obj(ns.body.metadata).name) ?? ns.id,
      pool: poolOf(ns),
      podSecurity,
    };
  });
}

function selector(sel: Json): string {
  const s = obj(Array.isArray(sel) ? sel[0] : sel);
  const parts = Object.entries(obj(s.match_labels))
    .map(([k, v]) => `${k}=${str(v) ?? ""}`)
    .sort(compare);
  for (const e of arr(s.match_expressions)) {
    const x = obj(e);
    parts.push(`${str(x.key) ?? ""} ${str(x.operator) ?? ""} (${strings(x.values).join(", ")})`);
  }
  return parts.join(", ");
}

function peer(p: Json, namespace: string): string {
  const x = obj(p);
  const ip = obj(Array.isArray(x.ip_block) ? x.ip_block[0] : x.ip_block);
  if (str(ip.cidr)) {
    const except = strings(ip.except);
    return `CIDR ${str(ip.cidr)}${except.length ? ` except ${except.join(", ")}` : ""}`;
  }
  const hasNs = x.namespace_selector !== undefined;
  const hasPods = x.pod_selector !== undefined;
  const nsSel = selector(x.namespace_selector);
  const nsText = !hasNs
    ? `namespace ${namespace}`
    : nsSel === ""
      ? "all namespaces"
      : /^kubernetes\.io\/metadata\.name=[^,]+$/.test(nsSel)
        ? `namespace ${nsSel.split("=")[1]}`
        : `namespaces ${nsSel}`;
  const podSel = selector(x.pod_selector);
  const podText = !hasPods || podSel === "" ? "all pods" : `pods ${podSel}`;
  return `${podText} in ${nsText}`;
}

function ports(ps: Json): string {
  const list = arr(ps).map((p) => {
    const x = obj(p);
    const port = str(x.port) ?? "all";
    const end = str(x.end_port);
    return `${port}${end ? `-${end}` : ""}/${str(x.protocol) ?? "TCP"}`;
  });
  return list.length ? list.join(", ") : "all ports";
}

export function networkPoliciesOf(
  index: StackIndex,
  poolOf: (i: Item) => string,
): NetworkPolicyReview[] {
  return index.ofType("kubernetes_network_policy_v1").map((np) => {
    const meta = obj(np.body.metadata);
    const namespace = index.resolve(meta.namespace);
    const spec = obj(Array.isArray(np.body.spec) ? np.body.spec[0] : np.body.spec);
    const podSel = selector(spec.pod_selector);
    const flows: string[] = [];
    for (const rule of arr(spec.ingress)) {
      const from = arr(obj(rule).from).map((p) => peer(p, namespace));
      flows.push(
        `ingress from ${from.length ? from.join("; ") : "anywhere"} on ${ports(obj(rule).ports)}`,
      );
    }
    for (const rule of arr(spec.egress)) {
      const to = arr(obj(rule).to).map((p) => peer(p, namespace));
      flows.push(
        `egress to ${to.length ? to.join("; ") : "anywhere"} on ${ports(obj(rule).ports)}`,
      );
    }
    const policyTypes = strings(spec.policy_types);
    for (const type of policyTypes) {
      const key = type.toLowerCase();
      if (arr(spec[key]).length === 0) flows.push(`${key}: deny all (no rule)`);
    }
    return {
      address: np.address,
      pool: poolOf(np),
      namespace,
      name: str(meta.name) ?? np.id,
      pods: podSel === "" ? "all pods" : `pods ${podSel}`,
      policyTypes,
      flows,
    };
  });
}

function rulesOf(body: Json): RoleRule[] {
  return arr(obj(body).rule).map((r) => {
    const x = obj(r);
    return {
      apiGroups: strings(x.api_groups),
      resources: strings(x.resources),
      resourceNames: strings(x.resource_names),
      verbs: strings(x.verbs),
    };
  });
}

export function rolesOf(index: StackIndex, poolOf: (i: Item) => string): RoleReview[] {
  const roles = [
    ...index.ofType("kubernetes_role_v1").map((r) => ({ r, kind: "Role" as const })),
    ...index.ofType("kubernetes_cluster_role_v1").map((r) => ({ r, kind: "ClusterRole" as const })),
  ];
  const bindings = [
    ...index.ofType("kubernetes_role_binding_v1"),
    ...index.ofType("kubernetes_cluster_role_binding_v1"),
  ];
  return roles
    .map(({ r, kind }) => {
      const meta = obj(r.body.metadata);
      const name = str(meta.name) ?? r.id;
      const namespace = kind === "Role" ? index.resolve(meta.namespace) : "";
      const boundTo = bindings
        .filter((b) => {
          const ref = obj(Array.isArray(b.body.role_ref) ? b.body.role_ref[0] : b.body.role_ref);
          const target = index.target(ref.name);
          return target
            ? target.address === r.address
            : str(ref.name) === name && str(ref.kind) === kind;
        })
        .flatMap((b) =>
          arr(b.body.subject).map((s) => {
            const x = obj(s);
            const ns = str(x.namespace);
            return `${str(x.kind) ?? ""} ${ns ? `${ns}/` : ""}${index.resolve(x.name)}`;
          }),
        )
        .sort(compare);
      const reason = str(obj(meta.annotations)["runner-pools.cdktf.io/wildcards-reason"]);
      return {
        address: r.address,
        kind,
        namespace,
        name,
        pool: poolOf(r),
        rules: rulesOf(r.body),
        boundTo,
        ...(reason ? { wildcardsReason: reason } : {}),
      };
    })
    .sort((a, b) => compare(a.address, b.address));
}

/** `get, list on pods, pods/log` (+ api group and names when set). */
export function ruleLine(rule: RoleRule): string {
  const groups = rule.apiGroups.map((g) => (g === "" ? "core" : g)).join(", ");
  const names = rule.resourceNames.length ? ` named ${rule.resourceNames.join(", ")}` : "";
  return `${rule.verbs.join(", ")} on ${rule.resources.join(", ")}${names} (api group ${groups})`;
}
