// Translates the kubernetes_*_v1 resources of a synthesized stack (Terraform JSON, the
// provider's snake_case schema) into the Kubernetes manifests the provider sends to the API
// server. The field mapping follows hashicorp/terraform-provider-kubernetes v2.38.0
// (kubernetes/structures*.go, structure_network_policy.go, resource_kubernetes_*_v1.go): the
// provider expands each block to the client-go type, whose JSON names are camelCase, with
// these renames (schema name -> API name): limit_range spec.limit -> spec.limits; role `rule`
// -> rules; role_binding `subject` -> subjects; service_account `image_pull_secret` ->
// imagePullSecrets and `secret` -> secrets; resource_names/non_resource_urls ->
// resourceNames/nonResourceURLs; secret/config map `data` is plain text (the provider base64
// encodes secret data, so it is stringData here) and `binary_data` is already base64.
// A resource type the table does not know fails the run (never silently skipped).

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Obj = { [k: string]: Json };

/** A Kubernetes manifest with where it came from. */
export interface Manifest {
  readonly source: string; // e.g. "kubernetes_role_v1.x" or "helm_release.y: templates/role.yaml"
  readonly body: Obj;
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Keys whose API name is not the plain camelCase of the schema name. */
const RENAME: Record<string, string> = {
  non_resource_urls: "nonResourceURLs",
  image_pull_secret: "imagePullSecrets",
};

/** Maps whose keys are user data (labels, quantities...): copied as they are. */
const VERBATIM = new Set([
  "labels",
  "annotations",
  "match_labels",
  "hard",
  "default",
  "default_request",
  "max",
  "min",
  "max_limit_request_ratio",
  "data",
  "binary_data",
]);

function convert(value: Json, key?: string): Json {
  if (key && VERBATIM.has(key)) return value;
  if (Array.isArray(value)) return value.map((v) => convert(v));
  if (value && typeof value === "object") {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "//" || v === null || v === undefined) continue;
      out[RENAME[k] ?? camel(k)] = convert(v, k);
    }
    return out;
  }
  return value;
}

const one = (v: Json | undefined): Obj =>
  (Array.isArray(v) ? (v[0] as Obj) : (v as Obj)) ?? ({} as Obj);

function metadata(r: Obj): Obj {
  return convert(one(r.metadata)) as Obj;
}

type Translator = (r: Obj) => Obj;

const TRANSLATE: Record<string, Translator> = {
  kubernetes_namespace_v1: (r) => ({ apiVersion: "v1", kind: "Namespace", metadata: metadata(r) }),
  kubernetes_resource_quota_v1: (r) => ({
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: metadata(r),
    spec: convert(one(r.spec)),
  }),
  kubernetes_limit_range_v1: (r) => {
    const spec = one(r.spec);
    return {
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: metadata(r),
      spec: { limits: convert((spec.limit as Json[]) ?? []) },
    };
  },
  kubernetes_network_policy_v1: (r) => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: metadata(r),
    spec: intOrStringPorts(convert(one(r.spec)) as Obj),
  }),
  kubernetes_service_account_v1: (r) => serviceAccount(r),
  kubernetes_default_service_account_v1: (r) => {
    const sa = serviceAccount(r);
    (sa.metadata as Obj).name = "default";
    return sa;
  },
  kubernetes_role_v1: (r) => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: metadata(r),
    rules: convert((r.rule as Json[]) ?? []),
  }),
  kubernetes_cluster_role_v1: (r) => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: metadata(r),
    rules: convert((r.rule as Json[]) ?? []),
  }),
  kubernetes_role_binding_v1: (r) => binding("RoleBinding", r),
  kubernetes_cluster_role_binding_v1: (r) => binding("ClusterRoleBinding", r),
  kubernetes_secret_v1: (r) => {
    const out: Obj = { apiVersion: "v1", kind: "Secret", metadata: metadata(r) };
    if (r.type !== undefined) out.type = r.type;
    if (r.immutable !== undefined) out.immutable = r.immutable;
    if (r.data) out.stringData = r.data;
    if (r.binary_data) out.data = r.binary_data;
    return out;
  },
  kubernetes_config_map_v1: (r) => {
    const out: Obj = { apiVersion: "v1", kind: "ConfigMap", metadata: metadata(r) };
    if (r.immutable !== undefined) out.immutable = r.immutable;
    if (r.data) out.data = r.data;
    if (r.binary_data) out.binaryData = r.binary_data;
    return out;
  },
};

/**
 * The provider's `port` is a string that it expands with intstr.Parse (structure_network_policy.go
 * expandNetworkPolicyPorts): all digits -> an integer port ("70000" stays out of range), else
 * a named port ("Port" is judged as an IANA service name).
 */
function intOrStringPorts(spec: Obj): Obj {
  for (const dir of ["ingress", "egress"]) {
    for (const rule of (spec[dir] ?? []) as Obj[]) {
      for (const p of (rule.ports ?? []) as Obj[]) {
        if (typeof p.port === "string" && /^-?\d+$/.test(p.port)) p.port = Number(p.port);
      }
    }
  }
  return spec;
}

/**
 * A placeholder for a value the stack does not know at synth time (a variable without a
 * default, a sensitive value): lower-case letters and digits, a multiple of 4 long, so it is at
 * once a DNS label and valid base64 (charts put some values into Secret `data` as they are).
 */
export function placeholder(name: string): string {
  let s = `placeholder${name.toLowerCase().replace(/[^a-z0-9]+/g, "")}`.slice(0, 60);
  while (s.length % 4 !== 0) s += "x";
  return s;
}

function serviceAccount(r: Obj): Obj {
  const out: Obj = { apiVersion: "v1", kind: "ServiceAccount", metadata: metadata(r) };
  if (r.automount_service_account_token !== undefined)
    out.automountServiceAccountToken = r.automount_service_account_token;
  if (r.image_pull_secret) out.imagePullSecrets = convert(r.image_pull_secret);
  if (r.secret) out.secrets = convert(r.secret);
  return out;
}

function binding(kind: string, r: Obj): Obj {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind,
    metadata: metadata(r),
    roleRef: convert(one(r.role_ref)),
    subjects: convert((r.subject as Json[]) ?? []),
  };
}

/** The resource types this translator knows. */
export const KNOWN_TYPES = Object.keys(TRANSLATE);

/** Translates one resource; throws for a kubernetes_* type it does not know. */
export function toManifest(type: string, resource: Obj): Obj {
  const t = TRANSLATE[type];
  if (!t)
    throw new Error(`no manifest translation for ${type} (add it to test/cluster/translate.ts)`);
  return t(resource);
}

/**
 * Resolves Terraform interpolations inside a stack: `${type.name.metadata[0].name}` and
 * `${type.name.metadata.0.name}` of resources in the same stack, `${var.x}` to the variable's
 * default or a placeholder. Anything else is left as a placeholder that the API would reject
 * loudly rather than silently accept.
 */
export function resolver(stack: Obj) {
  const resources = (stack.resource ?? {}) as Record<string, Record<string, Obj>>;
  const variables = (stack.variable ?? {}) as Record<string, Obj>;
  const lookup = (expr: string): Json | undefined => {
    const fn = /^base64encode\((.+)\)$/.exec(expr);
    if (fn) return Buffer.from(String(lookup(fn[1]) ?? placeholder(fn[1]))).toString("base64");
    const m = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.(.+)$/.exec(expr);
    if (expr.startsWith("var.")) {
      const v = variables[expr.slice(4)];
      if (v && typeof v.default === "string") return v.default;
      return placeholder(expr.slice(4));
    }
    if (!m || !resources[m[1]]?.[m[2]]) return undefined;
    let cur: Json = resources[m[1]][m[2]];
    for (const part of m[3].replace(/\[(\d+)\]/g, ".$1").split(".")) {
      if (cur === null || typeof cur !== "object") return undefined;
      if (/^\d+$/.test(part) && !Array.isArray(cur)) continue; // single blocks are objects in JSON
      cur = (cur as Record<string, Json>)[part];
    }
    return cur === undefined ? undefined : resolve(cur);
  };
  const resolve = (value: Json): Json => {
    if (typeof value === "string") {
      const whole = /^\$\{([^}]+)\}$/.exec(value);
      if (whole) {
        const r = lookup(whole[1]);
        return r !== undefined ? r : placeholder(whole[1]);
      }
      return value.replace(/\$\{([^}]+)\}/g, (s, expr: string) => {
        const r = lookup(expr);
        // computed by a provider at apply time (a cloud resource's id, a data source): a
        // placeholder that is a DNS label and valid base64
        return r === undefined ? placeholder(expr) : String(r);
      });
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === "object") {
      const out: Obj = {};
      for (const [k, v] of Object.entries(value)) out[k] = resolve(v);
      return out;
    }
    return value;
  };
  return resolve;
}

/** Every kubernetes_* resource of a stack as a manifest, namespaces first. */
export function stackManifests(stack: Obj): Manifest[] {
  const resolve = resolver(stack);
  const resources = (stack.resource ?? {}) as Record<string, Record<string, Obj>>;
  const out: Manifest[] = [];
  for (const type of Object.keys(resources).sort()) {
    if (!type.startsWith("kubernetes_")) continue;
    for (const [name, r] of Object.entries(resources[type])) {
      out.push({ source: `${type}.${name}`, body: toManifest(type, resolve(r) as Obj) });
    }
  }
  return out.sort(
    (a, b) => Number(b.body.kind === "Namespace") - Number(a.body.kind === "Namespace"),
  );
}
