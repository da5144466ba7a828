import type { PolicyRule } from "../../kubernetes/rbac";

/**
 * The least-privilege Role Kubiya's security guide gives the runner: workflow pods and their
 * logs, read-only config maps and secrets, and workspace volumes.
 */
export const KUBIYA_RUNNER_RULES: PolicyRule[] = [
  { resources: ["pods", "pods/log"], verbs: ["create", "get", "list", "watch", "delete"] },
  { resources: ["configmaps", "secrets"], verbs: ["get", "list"] },
  { resources: ["persistentvolumeclaims"], verbs: ["create", "get", "delete"] },
];
