import { Construct } from "constructs";
import { Lazy, TerraformStack } from "cdktf";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { RoleV1 } from "@cdktf/provider-kubernetes/lib/role-v1";
import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { mergeSorted, MANAGED_BY, sortKeys } from "../core/labels";
import { checkDns1123Subdomain, checkMetadataMap } from "../core/names";
import { isUnresolved } from "../core/rules/problem";
import { firstInTreeOrder, ScopeIndex } from "../core/tree-order";
import { addChecks } from "../core/rules/report";
import { SERVICE_ACCOUNT_UNIQUE } from "./rules";
import type { IRunnerNamespace } from "./runner-namespace";
import { AllowWildcards, checkPolicyRules, PolicyRule, renderRules } from "./rbac";

/** Props of {@link RunnerServiceAccount}. */
export interface RunnerServiceAccountProps {
  /** Namespace of the service account and its Role. */
  readonly namespace: IRunnerNamespace;
  /** Service account name (DNS-1123 subdomain). */
  readonly name: string;
  /** Mount the API token into pods by default. @default false */
  readonly automountToken?: boolean;
  /** Annotations (identity bindings add theirs through {@link RunnerServiceAccount.addAnnotations}). @default - none */
  readonly annotations?: Record<string, string>;
  /** Labels. @default - only `app.kubernetes.io/managed-by` */
  readonly labels?: Record<string, string>;
  /** Namespaced RBAC rules; a `Role` and `RoleBinding` are created when non-empty. @default no Role */
  readonly rules?: PolicyRule[];
  /** Allow `*` and escalating verbs in `rules`, with a reason. @default refused */
  readonly allowWildcards?: AllowWildcards;
  /** Image pull secrets (names of existing Secrets). @default - none */
  readonly imagePullSecrets?: string[];
}

/**
 * A service account with least-privilege, namespaced RBAC. The token is not mounted
 * unless asked; identity bindings add annotations through {@link addAnnotations}.
 */
export class RunnerServiceAccount extends Construct {
  /** Service account name. */
  public readonly name: string;
  /** Namespace name (literal). */
  public readonly namespaceName: string;
  /** The `kubernetes_service_account_v1` resource. */
  public readonly resource: ServiceAccountV1;
  /** The Role, when rules were given. */
  public readonly role?: RoleV1;
  /** The RoleBinding, when rules were given. */
  public readonly roleBinding?: RoleBindingV1;
  private readonly annotations: Record<string, string>;

  constructor(scope: Construct, id: string, props: RunnerServiceAccountProps) {
    super(scope, id);
    this.name = props.name;
    this.namespaceName = props.namespace.name;
    byName.add(TerraformStack.of(this), indexKey(this.namespaceName, this.name), this);
    this.annotations = { ...(props.annotations ?? {}) };
    const labels = mergeSorted(props.labels, { "app.kubernetes.io/managed-by": MANAGED_BY });

    this.resource = new ServiceAccountV1(this, "Resource", {
      metadata: {
        name: props.name,
        namespace: props.namespace.ref,
        labels,
        annotations: Lazy.anyValue({
          produce: () =>
            Object.keys(this.annotations).length ? sortKeys(this.annotations) : undefined,
        }) as unknown as Record<string, string>,
      },
      automountServiceAccountToken: props.automountToken ?? false,
      imagePullSecret: props.imagePullSecrets?.map((name) => ({ name })),
    });

    const rules = props.rules ?? [];
    if (rules.length > 0) {
      this.role = new RoleV1(this, "Role", {
        metadata: {
          name: props.name,
          namespace: props.namespace.ref,
          labels,
          annotations: props.allowWildcards
            ? { "runner-pools.cdktf.io/wildcards-reason": props.allowWildcards.reason }
            : undefined,
        },
        rule: renderRules(rules),
      });
      this.roleBinding = new RoleBindingV1(this, "RoleBinding", {
        metadata: { name: props.name, namespace: props.namespace.ref, labels },
        roleRef: {
          apiGroup: "rbac.authorization.k8s.io",
          kind: "Role",
          name: this.role.metadata.name,
        },
        subject: [
          {
            kind: "ServiceAccount",
            name: this.resource.metadata.name,
            namespace: props.namespace.name,
          },
        ],
      });
    }

    addChecks(this, () => [
      checkDns1123Subdomain("name", props.name, "ci-runner"),
      ...checkMetadataMap("labels", props.labels, "label"),
      ...checkMetadataMap("annotations", this.annotations, "annotation"),
      ...checkPolicyRules("rules", rules, props.allowWildcards),
      this.duplicateOf()
        ? {
            rule: SERVICE_ACCOUNT_UNIQUE,
            field: "name",
            value: props.name,
            message: `${this.duplicateOf()} already creates service account ${this.namespaceName}/${props.name} in this stack`,
            example: `${props.name}-2`,
          }
        : undefined,
    ]);
  }

  /** The path of an earlier service account of this stack with the same namespace and name. */
  private duplicateOf(): string | undefined {
    if (isUnresolved(this.name) || isUnresolved(this.namespaceName)) return undefined;
    const first = firstInTreeOrder(
      byName.get(TerraformStack.of(this), indexKey(this.namespaceName, this.name)),
    );
    return first && first !== this ? first.node.path : undefined;
  }

  /** Adds annotations (e.g. `eks.amazonaws.com/role-arn`); later keys win. */
  public addAnnotations(annotations: Record<string, string>): void {
    Object.assign(this.annotations, annotations);
  }

  /** `system:serviceaccount:<namespace>:<name>`, the subject clouds trust. */
  public get subject(): string {
    return `system:serviceaccount:${this.namespaceName}:${this.name}`;
  }
}

/** The RunnerServiceAccounts of each stack by namespace and name. */
const byName = new ScopeIndex<RunnerServiceAccount>();
const indexKey = (namespace: string, name: string) => JSON.stringify([namespace, name]);
