import { Construct } from "constructs";
import { RoleV1 } from "@cdktf/provider-kubernetes/lib/role-v1";
import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { mergeSorted, MANAGED_BY } from "../core/labels";
import { checkDns1123Subdomain } from "../core/names";
import { addChecks } from "../core/rules/report";
import type { IRunnerNamespace } from "./runner-namespace";
import { checkPolicyRules, PolicyRule, renderRules } from "./rbac";

/** Props of {@link RoleGrant}. */
export interface RoleGrantProps {
  /** Namespace the Role applies to (may differ from the service account's). */
  readonly namespace: IRunnerNamespace;
  /** Name of the Role and RoleBinding. */
  readonly name: string;
  /** The service account granted the Role. */
  readonly serviceAccount: { readonly name: string; readonly namespace: string };
  /** Namespaced RBAC rules (checked for least privilege; no wildcards). */
  readonly rules: PolicyRule[];
  /** Labels. @default - only `app.kubernetes.io/managed-by` */
  readonly labels?: Record<string, string>;
}

/**
 * A namespaced Role and the RoleBinding that grants it to a service account of any
 * namespace: e.g. an agent in one namespace that starts Jobs in another.
 */
export class RoleGrant extends Construct {
  /** The Role. */
  public readonly role: RoleV1;
  /** The RoleBinding. */
  public readonly roleBinding: RoleBindingV1;

  constructor(scope: Construct, id: string, props: RoleGrantProps) {
    super(scope, id);
    const labels = mergeSorted(props.labels, { "app.kubernetes.io/managed-by": MANAGED_BY });
    this.role = new RoleV1(this, "Resource", {
      metadata: { name: props.name, namespace: props.namespace.ref, labels },
      rule: renderRules(props.rules),
    });
    this.roleBinding = new RoleBindingV1(this, "Binding", {
      metadata: { name: props.name, namespace: props.namespace.ref, labels },
      roleRef: {
        apiGroup: "rbac.authorization.k8s.io",
        kind: "Role",
        name: this.role.metadata.name,
      },
      subject: [
        {
          kind: "ServiceAccount",
          name: props.serviceAccount.name,
          namespace: props.serviceAccount.namespace,
        },
      ],
    });
    addChecks(this, () => [
      checkDns1123Subdomain("name", props.name, "agent-jobs"),
      ...checkPolicyRules("rules", props.rules),
    ]);
  }
}
