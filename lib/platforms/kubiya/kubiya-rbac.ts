import type { PolicyRule } from "../../kubernetes/rbac";
import type { ChartRbacRole } from "../../platform";

/**
 * What the pool's own Role gives the tool manager (on top of the chart's, below): workflow
 * pods and their logs, read-only config maps, and workspace volumes. No Secrets: the tool
 * manager runs workflow steps and holds the cloud identity, and Helm's release Secret (with
 * the NATS JWTs and the registry TLS key) lives in the same namespace.
 */
export const KUBIYA_RUNNER_RULES: PolicyRule[] = [
  { resources: ["pods", "pods/log"], verbs: ["create", "get", "list", "watch", "delete"] },
  { resources: ["configmaps"], verbs: ["get", "list"] },
  { resources: ["persistentvolumeclaims"], verbs: ["create", "get", "delete"] },
];

/** What {@link kubiyaChartRbac} needs. */
export interface KubiyaChartRbacInput {
  /** The chart's `kubiya-runner.name`: `runnerNameOverride`, else `nameOverride`, else `kubiya-runner`. */
  readonly chartName: string;
  /** The release namespace. */
  readonly namespace: string;
  /** The tool manager's service account. */
  readonly toolManager: string;
  /** `toolManager.adminClusterRole.create`. */
  readonly adminClusterRole: boolean;
  /** `imageUpdater.cronJob.create` (chart default true). */
  readonly imageUpdater: boolean;
  /** `enforcer.enabled` (chart default false). */
  readonly enforcer: boolean;
}

const ALL: PolicyRule = { apiGroups: ["*"], resources: ["*"], verbs: ["*"] };
const T = "templates/components";

/**
 * Every Role and ClusterRole `kubiya-runner` 0.9.30 creates and binds itself. The chart has
 * no value that turns them off (the tool manager's Role and PV/PVC ClusterRole, the
 * operator's and agent manager's Roles are unconditional), so they are declared here and
 * in the docs; the pool's own Role only adds to them.
 */
export function kubiyaChartRbac(input: KubiyaChartRbacInput): ChartRbacRole[] {
  const n = input.chartName;
  const ns = input.namespace;
  const sa = (name: string) => `${ns}/${name}`;
  const roles: ChartRbacRole[] = [
    {
      kind: "Role",
      name: `${n}-tool-manager-namespace-scope`,
      namespace: ns,
      boundTo: sa(input.toolManager),
      rules: [
        {
          apiGroups: [""],
          resources: ["pods", "secrets", "deployments", "pvcs", "services", "configmaps", "jobs"],
          verbs: ["get", "list", "create", "update", "delete"],
        },
        {
          apiGroups: ["apps"],
          resources: ["pods", "secrets", "deployments", "configmaps", "jobs"],
          verbs: ["get", "list", "create", "update", "delete"],
        },
      ],
      source: `${T}/tool-manager/roles/tool-manager-role-namespace-scope.yaml`,
    },
    {
      kind: "ClusterRole",
      name: `${n}-tool-manager-cluster-pvc-access`,
      boundTo: sa(input.toolManager),
      rules: [
        {
          apiGroups: [""],
          resources: ["persistentvolumes", "persistentvolumeclaims"],
          verbs: ["create", "get", "list", "delete", "patch", "update"],
        },
      ],
      source: `${T}/tool-manager/clusterroles/tool-manager-clusterRole-pvc.yaml`,
    },
    {
      kind: "Role",
      name: `${n}-operator`,
      namespace: ns,
      boundTo: sa(`${n}-operator`),
      rules: [ALL],
      source: `${T}/kubiya-operator/kubiya-operator-role.yaml`,
    },
    {
      kind: "Role",
      name: `${n}-agent-manager`,
      namespace: ns,
      boundTo: sa(`${n}-agent-manager`),
      rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }],
      source: `${T}/agent-manager/agent-manager-role.yaml`,
    },
    {
      kind: "ClusterRole",
      name: `${n}-image-updater-clusterrole`,
      boundTo: sa(`${n}-image-updater`),
      rules: input.adminClusterRole
        ? [ALL]
        : [
            {
              apiGroups: [""],
              resources: ["persistentvolumes", "persistentvolumeclaims"],
              verbs: ["create", "get", "list", "delete", "patch", "update"],
            },
            {
              apiGroups: ["rbac.authorization.k8s.io"],
              resources: ["clusterroles", "clusterrolebindings"],
              verbs: ["create", "get", "list", "delete", "patch", "update"],
            },
          ],
      source: `${T}/image-updater/image-updater-clusterrole.yaml`,
    },
  ];
  if (input.adminClusterRole) {
    roles.push({
      kind: "ClusterRole",
      name: `${n}-tool-manager-fullaccess`,
      boundTo: sa(input.toolManager),
      rules: [ALL],
      source: `${T}/tool-manager/clusterroles/tool-manager-clusteRole-full-access.yaml`,
    });
  }
  if (input.imageUpdater) {
    roles.push({
      kind: "Role",
      name: `${n}-image-updater`,
      namespace: ns,
      boundTo: sa(`${n}-image-updater`),
      rules: [ALL],
      source: `${T}/image-updater/image-updater-role.yaml`,
    });
  }
  if (input.enforcer) {
    roles.push({
      kind: "Role",
      name: `${n}-enforcer`,
      namespace: ns,
      boundTo: sa(`${n}-enforcer`),
      rules: [
        { apiGroups: [""], resources: ["secrets", "configmaps"], verbs: ["get", "list", "watch"] },
        { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] },
      ],
      source: `${T}/enforcer/enforcer-role.yaml`,
    });
  }
  return roles;
}
