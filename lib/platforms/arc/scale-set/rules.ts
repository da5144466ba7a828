// Rules of ARC runner scale sets: the controller (`gha-runner-scale-set-controller`) and
// the scale sets (`gha-runner-scale-set`).
import { defineRule } from "../../../core/rules/rule";

/** `githubConfigUrl` is the https URL of an organization, repository or enterprise. */
export const ARC_SCALE_SET_CONFIG_URL = defineRule({
  id: "ARC-SCALE-SET-CONFIG-URL",
  kind: "validity",
  severity: "error",
  rationale:
    "The listener registers the scale set at githubConfigUrl; anything but an organization, repository or enterprise URL fails registration.",
  example: '"https://github.com/my-org"',
});

/** `minRunners` and `maxRunners` are whole numbers ≥ 0. */
export const ARC_SCALE_SET_RUNNER_COUNT = defineRule({
  id: "ARC-SCALE-SET-RUNNER-COUNT",
  kind: "validity",
  severity: "error",
  rationale: "The chart and the controller count runners in whole, non-negative numbers.",
  example: "minRunners: 0, maxRunners: 10",
});

/** `minRunners` ≤ `maxRunners`. */
export const ARC_SCALE_SET_MIN_ABOVE_MAX = defineRule({
  id: "ARC-SCALE-SET-MIN-ABOVE-MAX",
  kind: "validity",
  severity: "error",
  rationale: "The gha-runner-scale-set chart refuses to render when minRunners exceeds maxRunners.",
  example: "minRunners: 0, maxRunners: 10",
});

/** `dind` runs a privileged sidecar: the runners namespace must admit privileged pods. */
export const ARC_SCALE_SET_DIND_POD_SECURITY = defineRule({
  id: "ARC-SCALE-SET-DIND-POD-SECURITY",
  kind: "validity",
  severity: "error",
  rationale:
    "Pod Security admission rejects the privileged docker:dind sidecar outside a privileged namespace, so no runner pod would ever start.",
  example:
    'namespace: { podSecurity: "privileged" }, or containerMode: { type: "kubernetes", workVolumeClaim: { size: "10Gi" } }',
});

/** A controller watching a single namespace only reconciles scale sets in it. */
export const ARC_SCALE_SET_WATCHED_NAMESPACE = defineRule({
  id: "ARC-SCALE-SET-WATCHED-NAMESPACE",
  kind: "validity",
  severity: "error",
  rationale:
    "With watchSingleNamespace the controller ignores scale sets elsewhere: they would never get a listener or runners.",
  example: 'watchSingleNamespace: "arc-runners" with the pool\'s namespaceName: "arc-runners"',
});

/** The controller's service account is not the namespace's `default`. */
export const ARC_SCALE_SET_CONTROLLER_DEFAULT_ACCOUNT = defineRule({
  id: "ARC-SCALE-SET-CONTROLLER-DEFAULT-ACCOUNT",
  kind: "validity",
  severity: "error",
  rationale:
    "The gha-runner-scale-set-controller chart refuses to run the controller as the namespace's default service account.",
  example: '"arc-gha-rs-controller"',
});

/** Controller replicas are whole numbers ≥ 1. */
export const ARC_SCALE_SET_CONTROLLER_REPLICAS = defineRule({
  id: "ARC-SCALE-SET-CONTROLLER-REPLICAS",
  kind: "validity",
  severity: "error",
  rationale: "A Deployment's replicas are whole numbers; with 0 no controller runs at all.",
  example: "2",
});

/** The API server ports opened for the controller are TCP ports. */
export const ARC_SCALE_SET_API_SERVER_PORT = defineRule({
  id: "ARC-SCALE-SET-API-SERVER-PORT",
  kind: "validity",
  severity: "error",
  rationale: "NetworkPolicy ports are whole numbers from 1 to 65535; Kubernetes rejects others.",
  example: "[443, 6443]",
});

/** Kubernetes-mode job pods meet the runners namespace's Pod Security level. */
export const ARC_SCALE_SET_JOB_POD_SECURITY = defineRule({
  id: "ARC-SCALE-SET-JOB-POD-SECURITY",
  kind: "validity",
  severity: "error",
  rationale:
    "In kubernetes modes the runner's container hook creates job pods without a securityContext; Pod Security \"restricted\" rejects them unless the hook template gives them the restricted one (kubernetes mode only: the novolume hook's init container cannot be fixed by a template), so every job would fail.",
  example:
    'namespace: { podSecurity: "baseline" }, or containerMode: { type: "kubernetes", workVolumeClaim: { size: "10Gi" }, jobPod: { restricted: true } }',
});

/** A scale set's chart version equals its controller's. */
export const ARC_SCALE_SET_VERSION_LOCKSTEP = defineRule({
  id: "ARC-SCALE-SET-VERSION-LOCKSTEP",
  kind: "validity",
  severity: "error",
  rationale:
    "ARC supports no version skew between gha-runner-scale-set-controller and gha-runner-scale-set: the controller reconciles the scale set's resources in its own version's shape, and listeners break on skew.",
  example: "chartVersion omitted (the controller's)",
});

/** The controller's Kubernetes client rate limits are whole numbers ≥ 1. */
export const ARC_SCALE_SET_CONTROLLER_RATE_LIMIT = defineRule({
  id: "ARC-SCALE-SET-CONTROLLER-RATE-LIMIT",
  kind: "validity",
  severity: "error",
  rationale:
    "The controller parses --k8s-client-rate-limiter-qps/-burst as positive numbers; the chart also drops 0 silently (`with`).",
  example: "k8sClientQps: 20, k8sClientBurst: 30",
});
