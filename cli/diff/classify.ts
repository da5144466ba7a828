// Change classes, ranked: security-relevant first (identity trust and permissions, RBAC, Pod
// Security, flows, privileged settings, secrets), then images, charts, controllers, rules,
// scaling, Terraform settings, everything else.

export const CLASSES = [
  "identity-trust",
  "identity-permissions",
  "rbac",
  "pod-security",
  "flows",
  "privileged",
  "secrets",
  "image",
  "chart",
  "controller",
  "rules",
  "scaling",
  "terraform",
  "other",
] as const;

export type ChangeClass = (typeof CLASSES)[number];

/** Names `--fail-on` accepts besides the classes. */
export const CLASS_ALIASES: Record<string, ChangeClass[]> = {
  identity: ["identity-trust", "identity-permissions"],
  security: [
    "identity-trust",
    "identity-permissions",
    "rbac",
    "pod-security",
    "flows",
    "privileged",
    "secrets",
  ],
  any: [...CLASSES],
};

const TRUST_TYPES = new Set([
  "aws_eks_pod_identity_association",
  "google_service_account",
  "google_service_account_iam_member",
  "google_service_account_iam_binding",
  "azurerm_user_assigned_identity",
  "azurerm_federated_identity_credential",
]);
const PERMISSION_TYPES = new Set([
  "aws_iam_role_policy",
  "aws_iam_role_policy_attachment",
  "aws_iam_policy",
  "azurerm_role_assignment",
]);
const RBAC_TYPES = new Set([
  "kubernetes_role_v1",
  "kubernetes_cluster_role_v1",
  "kubernetes_role_binding_v1",
  "kubernetes_cluster_role_binding_v1",
]);

const PRIVILEGED_PATH =
  /(^|\.)(privileged|allowPrivilegeEscalation|hostNetwork|hostPID|hostIPC|securityContext|podSecurityContext|capabilities|runAsNonRoot|runAsUser|runAsGroup|readOnlyRootFilesystem|seccompProfile|runtimeClassName|dockerdWithinRunnerContainer|dockerEnabled)(\.|\[|$)|(^|\.)containerMode\.type$/;
const IMAGE_PATH =
  /(^|\.)(image|images)(\.|\[|$)|IMAGE_(REGISTRY|REPOSITORY|TAG)$|(^|\.)imagePullPolicy$/;
const SCALING_PATH =
  /(^|\.)(minRunners|maxRunners|minReplicas|maxReplicas|replicas|replicaCount|metrics|scaleUpTriggers|scheduledOverrides|scaleDownDelaySecondsAfterScaleOut|scaleTargetRef|concurrent)(\.|\[|$)/;

export interface ClassifyContext {
  /** addresses of policy documents used as trust policies */
  readonly trustDocuments: Set<string>;
  /** whether the helm_release is a controller */
  readonly controller: boolean;
  /** the kind of a generated manifest, when the path is inside a local chart */
  readonly manifestKind?: string;
}

/** The class of a change at `path` of a resource of `type`. */
export function classify(
  type: string,
  address: string,
  path: string,
  ctx: ClassifyContext,
): ChangeClass {
  if (type === "aws_iam_role")
    return /^(managed_policy_arns|inline_policy)/.test(path)
      ? "identity-permissions"
      : "identity-trust";
  if (type === "aws_iam_policy_document")
    return ctx.trustDocuments.has(address) ? "identity-trust" : "identity-permissions";
  if (TRUST_TYPES.has(type)) return "identity-trust";
  if (PERMISSION_TYPES.has(type)) return "identity-permissions";
  if (/^google_.*_iam_(member|binding|policy)$/.test(type)) return "identity-permissions";
  if (RBAC_TYPES.has(type)) return "rbac";
  if (type === "kubernetes_network_policy_v1") return "flows";
  if (type === "kubernetes_secret_v1") return "secrets";
  if (type === "kubernetes_namespace_v1")
    return path.includes("pod-security.kubernetes.io/") ? "pod-security" : "other";
  if (
    type === "kubernetes_service_account_v1" ||
    type === "kubernetes_default_service_account_v1"
  ) {
    if (path.startsWith("metadata.annotations")) return "identity-trust";
    if (path.startsWith("automount_service_account_token")) return "rbac";
    return "other";
  }
  if (type === "helm_release") {
    if (/^(version|chart|repository)$/.test(path)) return ctx.controller ? "controller" : "chart";
    if (path.startsWith("set_sensitive")) return "secrets";
    if (
      ctx.manifestKind &&
      /^(Role|ClusterRole|RoleBinding|ClusterRoleBinding)$/.test(ctx.manifestKind)
    )
      return "rbac";
    if (ctx.manifestKind === "NetworkPolicy") return "flows";
    if (PRIVILEGED_PATH.test(path)) return "privileged";
    if (IMAGE_PATH.test(path)) return "image";
    if (SCALING_PATH.test(path)) return "scaling";
    if (ctx.manifestKind === "HorizontalRunnerAutoscaler") return "scaling";
    if (/(^|\.)(rbac|serviceAccount)(\.|$)|ClusterRole|fullAccess/.test(path)) return "rbac";
    return "other";
  }
  if (type === "provider" || type === "terraform") return "terraform";
  return "other";
}

/** `--fail-on` names (classes or aliases) -> classes; unknown names are a usage error. */
export function expandClasses(names: string[]): { classes: ChangeClass[]; unknown: string[] } {
  const classes = new Set<ChangeClass>();
  const unknown: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if ((CLASSES as readonly string[]).includes(name)) classes.add(name as ChangeClass);
    else if (CLASS_ALIASES[name]) CLASS_ALIASES[name].forEach((c) => classes.add(c));
    else unknown.push(name);
  }
  return { classes: CLASSES.filter((c) => classes.has(c)), unknown };
}
