import type { Problem } from "../../core/rules/problem";
import type { ResolvedServiceAccount } from "../../platform";
import { KUBIYA_DEFAULT_NAMESPACE, KubiyaRunnerProps } from "./kubiya-runner-props";
import {
  CACHE_REGISTRY_NAMESPACE,
  OPERATOR_FULL_ACCESS,
  TOOL_MANAGER_ADMIN_CLUSTER_ROLE,
  TOOL_POD_LABELS,
} from "./rules";

/** What the warnings need besides the props. */
export interface KubiyaWarningInput {
  /** The runner namespace's name. */
  readonly namespace: string;
  /** The tool manager's service account, as the pool resolved it. */
  readonly toolManager: ResolvedServiceAccount;
}

/**
 * Policy warnings known at construction: the chart's wide RBAC where the user enables it,
 * a namespace the chart's defaults do not fit, and identity pod labels the chart cannot set.
 */
export function kubiyaWarnings(
  p: KubiyaRunnerProps,
  input: KubiyaWarningInput,
): (Problem | undefined)[] {
  const { namespace, toolManager } = input;
  return [
    p.operatorFullAccess
      ? {
          rule: OPERATOR_FULL_ACCESS,
          field: "operatorFullAccess",
          value: true,
          message:
            "makes the chart grant the Kubiya operator every verb on every resource of every API group in the namespace (apiGroups/resources/verbs '*')",
        }
      : undefined,
    p.toolManagerAdminClusterRole
      ? {
          rule: TOOL_MANAGER_ADMIN_CLUSTER_ROLE,
          field: "toolManagerAdminClusterRole",
          value: true,
          message: `makes the chart create a ClusterRole with '*' on everything, cluster-wide, bound to ${toolManager.name} — the account that runs workflow pods${
            Object.keys(toolManager.annotations).length ? " and holds the cloud identity" : ""
          }`,
        }
      : undefined,
    namespace !== KUBIYA_DEFAULT_NAMESPACE
      ? {
          rule: CACHE_REGISTRY_NAMESPACE,
          field: "namespace",
          value: namespace,
          message: `the chart's defaults hard-code the cache registry address cache-registry-svc.${KUBIYA_DEFAULT_NAMESPACE} (tool manager env and certificate path, Dagger config); in namespace "${namespace}" override them through values, or use the namespace "${KUBIYA_DEFAULT_NAMESPACE}"`,
          example: `namespaceName: "${KUBIYA_DEFAULT_NAMESPACE}"`,
        }
      : undefined,
    Object.keys(toolManager.podLabels).length
      ? {
          rule: TOOL_POD_LABELS,
          field: "identity",
          value: toolManager.podLabels,
          message:
            "the identity needs these pod labels on the tool manager's pods, but the chart has no pod-label value for them; tool pods get no workload-identity token until the labels are set (e.g. by an admission policy)",
        }
      : undefined,
  ];
}
