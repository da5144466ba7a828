// The review of a synth directory as data: what `review --format json` prints and what the
// markdown and the diff are made from. Read only from the synthesized output.
import { type Json, arr, compare, isObject, obj, str, uniqSorted } from "../json";
import { type Item, StackIndex, labelsOf } from "../stack-index";
import type { SynthDir, SynthStack } from "../synth-dir";
import { type IdentityReview, annotatedIdentity, identitiesOf } from "./identities";
import {
  type NamespaceReview,
  type NetworkPolicyReview,
  type RoleReview,
  namespacesOf,
  networkPoliciesOf,
  rolesOf,
} from "./kubernetes";
import { type ReleaseReview, type ScalingReview, releasesOf, scalingOf } from "./releases";

export interface PoolReview {
  /** the pool's construct id (the first segment of its resources' construct paths) */
  readonly name: string;
  /** `runner-pools.cdktf.io/platform` labels, else the charts */
  readonly platforms: string[];
  readonly namespaces: string[];
  readonly releases: string[];
  readonly serviceAccounts: string[];
  readonly identities: string[];
}

export interface ServiceAccountReview {
  readonly address: string;
  readonly pool: string;
  readonly namespace: string;
  readonly name: string;
  /** `automount_service_account_token`, or "default" when not set */
  readonly automountToken: string;
  /** the cloud identity (address) its annotations point at, or bound by subject */
  readonly identities: string[];
  /** annotations (values as written: references stay references) */
  readonly annotations: string[];
  /** roles bound to it */
  readonly roles: string[];
}

export interface TerraformReview {
  readonly requiredVersion: string | null;
  readonly backend: string | null;
  /** backend settings (`key = value`), names that look secret redacted */
  readonly backendSettings: string[];
  /** `name: source version` */
  readonly providers: string[];
}

export interface RulesReview {
  readonly warnings: { rule: string; path: string; message: string }[];
  readonly suppressed: {
    rule: string;
    path: string;
    field: string;
    reason: string;
    suppressedAt: string;
  }[];
}

export interface StackReview {
  readonly name: string;
  readonly terraform: TerraformReview;
  readonly pools: PoolReview[];
  readonly releases: ReleaseReview[];
  readonly namespaces: NamespaceReview[];
  readonly networkPolicies: NetworkPolicyReview[];
  readonly serviceAccounts: ServiceAccountReview[];
  readonly identities: IdentityReview[];
  readonly roles: RoleReview[];
  readonly scaling: ScalingReview[];
  readonly rules: RulesReview;
  /** `name (sensitive)` */
  readonly variables: string[];
  /** `name = expression` */
  readonly outputs: string[];
}

export interface Review {
  readonly stacks: StackReview[];
}

const SECRET_NAME = /(secret|token|password|credential|access_key|sas|private)/i;

function terraformOf(stack: SynthStack): TerraformReview {
  const tf = obj(stack.json.terraform);
  const backendBlock = obj(tf.backend);
  const backend = Object.keys(backendBlock).sort(compare)[0] ?? null;
  const settings = backend
    ? Object.entries(obj(backendBlock[backend]))
        .map(([k, v]) =>
          SECRET_NAME.test(k)
            ? `${k} = (redacted)`
            : `${k} = ${isObject(v) || Array.isArray(v) ? JSON.stringify(v) : (str(v) ?? "")}`,
        )
        .sort(compare)
    : [];
  const configs = obj(stack.json.provider);
  const providers = Object.entries(obj(tf.required_providers))
    .map(([name, p]) => {
      const x = obj(p);
      const n = arr(configs[name]).length;
      return `${name}: ${str(x.source) ?? name} ${str(x.version) ?? "(no version)"}${n > 1 ? ` (${n} configurations)` : ""}`;
    })
    .sort(compare);
  return {
    requiredVersion: str(tf.required_version) ?? null,
    backend,
    backendSettings: settings,
    providers,
  };
}

function rulesOf(stack: SynthStack): RulesReview {
  const meta = obj(obj(obj(stack.json["//"]).metadata).runnerPoolsRules);
  const s = (v: Json) => str(v) ?? "";
  return {
    warnings: arr(meta.warnings)
      .map((w) => ({ rule: s(obj(w).rule), path: s(obj(w).path), message: s(obj(w).message) }))
      .sort((a, b) =>
        compare(`${a.rule} ${a.path} ${a.message}`, `${b.rule} ${b.path} ${b.message}`),
      ),
    suppressed: arr(meta.suppressed)
      .map((w) => ({
        rule: s(obj(w).rule),
        path: s(obj(w).path),
        field: s(obj(w).field),
        reason: s(obj(w).reason),
        suppressedAt: s(obj(w).suppressedAt),
      }))
      .sort((a, b) => compare(`${a.rule} ${a.path} ${a.field}`, `${b.rule} ${b.path} ${b.field}`)),
  };
}

export function reviewStack(stack: SynthStack): StackReview {
  const index = new StackIndex(stack);
  const poolOf = (i: Item): string => i.owner;
  const releases = releasesOf(index, poolOf);
  const namespaces = namespacesOf(index, poolOf);
  const networkPolicies = networkPoliciesOf(index, poolOf);
  const roles = rolesOf(index, poolOf);
  const identities = identitiesOf(index);

  const saItems = [
    ...index.ofType("kubernetes_service_account_v1"),
    ...index.ofType("kubernetes_default_service_account_v1"),
  ];
  const serviceAccounts: ServiceAccountReview[] = saItems.map((sa) => {
    const meta = obj(sa.body.metadata);
    const namespace = index.resolve(meta.namespace);
    const name = str(meta.name) ?? "default";
    const key = `${namespace}/${name}`;
    const annotated = annotatedIdentity(index, sa);
    const bySubject = identities
      .filter((i) => i.serviceAccounts.includes(key))
      .map((i) => i.address);
    const automount = sa.body.automount_service_account_token;
    return {
      address: sa.address,
      pool: poolOf(sa),
      namespace,
      name,
      automountToken: automount === undefined ? "default" : String(automount),
      identities: uniqSorted([...(annotated ? [annotated] : []), ...bySubject]),
      annotations: Object.entries(obj(meta.annotations))
        .map(([k, v]) => `${k}: ${str(v) ?? ""}`)
        .sort(compare),
      roles: roles
        .filter((r) => r.boundTo.some((b) => b === `ServiceAccount ${key}`))
        .map((r) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`)
        .sort(compare),
    };
  });

  const poolNames = uniqSorted(
    [
      ...releases.map((r) => r.pool),
      ...namespaces.map((n) => n.pool),
      ...serviceAccounts.map((s) => s.pool),
    ].filter(Boolean),
  );
  const pools: PoolReview[] = poolNames.map((name) => {
    const platformLabels = index.items
      .filter((i) => i.owner === name)
      .map((i) => labelsOf(i)["runner-pools.cdktf.io/platform"])
      .filter((p): p is string => !!p);
    const poolReleases = releases.filter((r) => r.pool === name);
    const sas = serviceAccounts.filter((s) => s.pool === name);
    return {
      name,
      platforms: uniqSorted(
        platformLabels.length ? platformLabels : poolReleases.map((r) => r.chart),
      ),
      namespaces: uniqSorted(namespaces.filter((n) => n.pool === name).map((n) => n.name)),
      releases: uniqSorted(poolReleases.map((r) => r.name)),
      serviceAccounts: uniqSorted(sas.map((s) => `${s.namespace}/${s.name}`)),
      identities: uniqSorted(sas.flatMap((s) => s.identities)),
    };
  });

  const sortByAddress = <T extends { address: string }>(xs: T[]): T[] =>
    [...xs].sort((a, b) => compare(a.address, b.address));

  return {
    name: stack.name,
    terraform: terraformOf(stack),
    pools,
    releases: sortByAddress(releases),
    namespaces: sortByAddress(namespaces),
    networkPolicies: [...networkPolicies].sort((a, b) =>
      compare(`${a.namespace}/${a.name}/${a.address}`, `${b.namespace}/${b.name}/${b.address}`),
    ),
    serviceAccounts: sortByAddress(serviceAccounts),
    identities,
    roles,
    scaling: scalingOf(releases),
    rules: rulesOf(stack),
    variables: Object.entries(obj(stack.json.variable))
      .map(([name, v]) => `${name}${obj(v).sensitive === true ? " (sensitive)" : ""}`)
      .sort(compare),
    outputs: Object.entries(obj(stack.json.output))
      .map(([name, v]) =>
        obj(v).sensitive === true
          ? `${name} (sensitive)`
          : `${name} = ${str(obj(v).value) ?? JSON.stringify(obj(v).value)}`,
      )
      .sort(compare),
  };
}

export function review(dir: SynthDir): Review {
  return { stacks: dir.stacks.map(reviewStack) };
}
