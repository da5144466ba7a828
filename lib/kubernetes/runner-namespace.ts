import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "cdktf";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { ResourceQuotaV1 } from "@cdktf/provider-kubernetes/lib/resource-quota-v1";
import { LimitRangeV1 } from "@cdktf/provider-kubernetes/lib/limit-range-v1";
import { mergeSorted, MANAGED_BY, sortKeys } from "../core/labels";
import { checkDns1123Label, checkMetadataMap } from "../core/names";
import { isUnresolved } from "../core/rules/problem";
import { firstInTreeOrder, ScopeIndex } from "../core/tree-order";
import { addChecks, report } from "../core/rules/report";
import { RunnerNetworkPolicies, RunnerNetworkPolicyOptions } from "./network-policy";
import { checkLimitRangeOrder, checkQuantity, checkQuantityValue } from "./quantity";
import {
  NAMESPACE_RESERVED,
  NAMESPACE_UNIQUE,
  POD_SECURITY_LEVEL,
  QUOTA_WITHOUT_DEFAULT,
} from "./rules";

/** Pod Security Standards level (https://kubernetes.io/docs/concepts/security/pod-security-standards/). */
export type PodSecurityLevel = "privileged" | "baseline" | "restricted";

/** Pod Security admission labels for a namespace. */
export interface PodSecurityOptions {
  /** Level the API server enforces (rejects pods above it). @default "restricted" */
  readonly enforce?: PodSecurityLevel;
  /** Level recorded in the audit log. @default same as `enforce` */
  readonly audit?: PodSecurityLevel;
  /** Level that returns warnings to clients. @default same as `enforce` */
  readonly warn?: PodSecurityLevel;
  /** Policy version pinned for all three modes. @default "latest" */
  readonly version?: string;
}

/** A namespace a runner pool uses: a name, and a Terraform reference that makes dependents wait for it. */
export interface IRunnerNamespace extends IConstruct {
  /** The namespace name, as a literal (used in identity subjects and checks). */
  readonly name: string;
  /** The name as a Terraform reference: objects placed in it depend on the namespace. */
  readonly ref: string;
  /** The enforced Pod Security level, when known. @default - unknown (an imported namespace) */
  readonly podSecurityLevel?: PodSecurityLevel;
}

/** Limits applied to every container of the namespace that sets none (a `LimitRange` of type Container). */
export interface LimitRangeOptions {
  /** Default limits, e.g. `{ cpu: "2", memory: "4Gi" }`. @default - none */
  readonly defaultLimits?: Record<string, string>;
  /** Default requests, e.g. `{ cpu: "500m", memory: "1Gi" }`. @default - the default limits (Kubernetes) */
  readonly defaultRequests?: Record<string, string>;
  /** Maximum per container. @default - no maximum */
  readonly max?: Record<string, string>;
}

/** Options for a runner namespace, without the name (for pools that name it themselves). */
export interface RunnerNamespaceOptions {
  /** Pod Security Standards labels, or just the enforced level. @default restricted for all modes */
  readonly podSecurity?: PodSecurityOptions | PodSecurityLevel;
  /** Extra labels on the namespace. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the namespace. @default - none */
  readonly annotations?: Record<string, string>;
  /** `ResourceQuota` hard limits, e.g. `{ "requests.cpu": "32", pods: "50" }`. @default no quota */
  readonly resourceQuota?: Record<string, string>;
  /** Container defaults and maximums (`LimitRange`). @default no limit range */
  readonly limitRange?: LimitRangeOptions;
  /**
   * Network policies. Deny-by-default with DNS and HTTPS egress unless set to `false`.
   * @default deny ingress, allow egress to cluster DNS and TCP 443
   */
  readonly networkPolicy?: RunnerNetworkPolicyOptions | false;
}

/** Props of {@link RunnerNamespace}. */
export interface RunnerNamespaceProps extends RunnerNamespaceOptions {
  /** Namespace name: a DNS-1123 label of at most 63 characters. */
  readonly name: string;
  /** Value of `app.kubernetes.io/part-of`. @default the name */
  readonly partOf?: string;
}

function podSecurityLabels(
  options: PodSecurityOptions | PodSecurityLevel | undefined,
): Record<string, string> {
  const o: PodSecurityOptions =
    typeof options === "string" ? { enforce: options } : (options ?? {});
  const enforce = o.enforce ?? "restricted";
  const version = o.version ?? "latest";
  return {
    "pod-security.kubernetes.io/audit": o.audit ?? enforce,
    "pod-security.kubernetes.io/audit-version": version,
    "pod-security.kubernetes.io/enforce": enforce,
    "pod-security.kubernetes.io/enforce-version": version,
    "pod-security.kubernetes.io/warn": o.warn ?? enforce,
    "pod-security.kubernetes.io/warn-version": version,
  };
}

/** Quota keys such as `requests.cpu` that no LimitRange default fills in. */
function quotaWithoutDefaults(
  quota: Record<string, string> | undefined,
  limits: LimitRangeOptions | undefined,
): string[] {
  return Object.keys(quota ?? {})
    .sort()
    .filter((key) => {
      const match = /^(requests|limits)\.(cpu|memory)$/.exec(key) ?? /^(cpu|memory)$/.exec(key);
      if (!match) return false;
      const kind = match.length === 3 ? match[1] : "requests";
      const resource = match.length === 3 ? match[2] : match[1];
      const defaults =
        kind === "requests"
          ? (limits?.defaultRequests ?? limits?.defaultLimits)
          : limits?.defaultLimits;
      return defaults?.[resource] === undefined;
    });
}

const LEVELS: readonly string[] = ["privileged", "baseline", "restricted"];

/** Namespaces every cluster has (created by the API server and the kubelet lease controller). */
const RESERVED_NAMESPACES: readonly string[] = [
  "default",
  "kube-node-lease",
  "kube-public",
  "kube-system",
];

/**
 * A namespace for runner, job or controller pods, with Pod Security Standards labels
 * (default `restricted`), an optional `ResourceQuota` and `LimitRange`, and a
 * deny-by-default network policy set.
 */
export class RunnerNamespace extends Construct implements IRunnerNamespace {
  /** Refers to a namespace that exists already (not managed here). */
  public static fromNamespaceName(scope: Construct, id: string, name: string): IRunnerNamespace {
    class Imported extends Construct implements IRunnerNamespace {
      public readonly name = name;
      public readonly ref = name;
    }
    const imported = new Imported(scope, id);
    addChecks(imported, () => [checkDns1123Label("name", name)]);
    return imported;
  }

  public readonly name: string;
  public readonly ref: string;
  public readonly podSecurityLevel: PodSecurityLevel;
  /** The `kubernetes_namespace_v1` resource. */
  public readonly resource: NamespaceV1;
  /** The quota, when `resourceQuota` is set. */
  public readonly resourceQuota?: ResourceQuotaV1;
  /** The limit range, when `limitRange` is set. */
  public readonly limitRange?: LimitRangeV1;
  /** The network policies, unless `networkPolicy: false`. */
  public readonly networkPolicies?: RunnerNetworkPolicies;

  constructor(scope: Construct, id: string, props: RunnerNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    byName.add(TerraformStack.of(this), props.name, this);
    const pss = podSecurityLabels(props.podSecurity);
    this.podSecurityLevel = pss["pod-security.kubernetes.io/enforce"] as PodSecurityLevel;
    const partOf = props.partOf ?? props.name;

    this.resource = new NamespaceV1(this, "Resource", {
      metadata: {
        name: props.name,
        labels: mergeSorted(props.labels, pss, {
          "app.kubernetes.io/managed-by": MANAGED_BY,
          "app.kubernetes.io/part-of": partOf,
        }),
        annotations: props.annotations ? sortKeys(props.annotations) : undefined,
      },
    });
    this.ref = this.resource.metadata.name;

    const metadata = (suffix: string) => ({
      name: `${props.name}-${suffix}`,
      namespace: this.ref,
      labels: mergeSorted({
        "app.kubernetes.io/managed-by": MANAGED_BY,
        "app.kubernetes.io/part-of": partOf,
      }),
    });

    if (props.resourceQuota) {
      this.resourceQuota = new ResourceQuotaV1(this, "Quota", {
        metadata: metadata("quota"),
        spec: { hard: sortKeys(props.resourceQuota) },
      });
    }
    if (props.limitRange) {
      const lr = props.limitRange;
      this.limitRange = new LimitRangeV1(this, "LimitRange", {
        metadata: metadata("limits"),
        spec: {
          limit: [
            {
              type: "Container",
              default: lr.defaultLimits ? sortKeys(lr.defaultLimits) : undefined,
              defaultRequest: lr.defaultRequests ? sortKeys(lr.defaultRequests) : undefined,
              max: lr.max ? sortKeys(lr.max) : undefined,
            },
          ],
        },
      });
    }
    const unfilled = quotaWithoutDefaults(props.resourceQuota, props.limitRange);
    if (unfilled.length > 0) {
      report(this, {
        rule: QUOTA_WITHOUT_DEFAULT,
        field: "resourceQuota",
        value: unfilled,
        message: `resourceQuota limits ${unfilled.join(", ")} but limitRange gives no default for it: the API server rejects every pod that does not set it itself. Add limitRange.defaultRequests/defaultLimits`,
      });
    }
    if (props.networkPolicy !== false) {
      this.networkPolicies = new RunnerNetworkPolicies(this, "NetworkPolicy", {
        namespace: this,
        ...(props.networkPolicy ?? {}),
      });
    }

    addChecks(this, () => {
      const o =
        typeof props.podSecurity === "string"
          ? { enforce: props.podSecurity }
          : (props.podSecurity ?? {});
      const levelProblems = (["enforce", "audit", "warn"] as const)
        .filter((mode) => o[mode] !== undefined && !LEVELS.includes(o[mode] as string))
        .map((mode) => ({
          field: `podSecurity.${mode}`,
          rule: POD_SECURITY_LEVEL,
          value: o[mode],
          message: "must be a Pod Security Standards level: privileged, baseline or restricted",
          example: "restricted",
        }));
      return [
        checkDns1123Label("name", props.name, 63, "ci-runners"),
        ...levelProblems,
        ...checkMetadataMap("labels", props.labels, "label"),
        ...checkMetadataMap("annotations", props.annotations, "annotation"),
        ...Object.entries(props.resourceQuota ?? {}).map(([k, v]) =>
          checkQuantityValue(`resourceQuota.${k}`, k, v),
        ),
        ...Object.entries(props.limitRange ?? {}).flatMap(([group, map]) =>
          Object.entries((map as Record<string, string>) ?? {}).map(([k, v]) =>
            checkQuantityValue(`limitRange.${group}.${k}`, k, v),
          ),
        ),
        ...(props.limitRange &&
        Object.values(props.limitRange).every((map) =>
          Object.values((map as Record<string, string>) ?? {}).every(
            (v) => checkQuantity("", v) === undefined,
          ),
        )
          ? checkLimitRangeOrder("limitRange", props.limitRange)
          : []),
        RESERVED_NAMESPACES.includes(props.name)
          ? {
              rule: NAMESPACE_RESERVED,
              field: "name",
              value: props.name,
              message:
                "this namespace exists in every cluster; refer to it with RunnerNamespace.fromNamespaceName instead of creating it",
              example: "ci-runners",
            }
          : undefined,
        this.duplicateOf()
          ? {
              rule: NAMESPACE_UNIQUE,
              field: "name",
              value: props.name,
              message: `${this.duplicateOf()} already creates a namespace of this name in this stack (an ARC controller namespace must differ from every pool's namespace)`,
              example: `${props.name}-2`,
            }
          : undefined,
      ];
    });
  }

  /** The path of an earlier RunnerNamespace of this stack with the same name, if any. */
  private duplicateOf(): string | undefined {
    if (isUnresolved(this.name)) return undefined;
    const first = firstInTreeOrder(byName.get(TerraformStack.of(this), this.name));
    return first && first !== this ? first.node.path : undefined;
  }

  /**
   * Every RunnerNamespace of a stack, in creation order (for the library's own checks).
   * @internal
   */
  public static allOf(stack: TerraformStack): RunnerNamespace[] {
    return byName.all(stack);
  }
}

/** The RunnerNamespaces of each stack by name (construction registers; checks look up). */
const byName = new ScopeIndex<RunnerNamespace>();
