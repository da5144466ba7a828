// Rules of legacy-mode runners (RunnerDeployment, RunnerSet): the runner spec and the
// generated chart their objects ship in. The autoscaler's rules are in hra-*-rules.ts.
import { defineRule } from "../../../core/rules/rule";

/** Objects written into the generated chart hold literal values only. */
export const ARC_LEGACY_MANIFEST_LITERAL = defineRule({
  id: "ARC-LEGACY-MANIFEST-LITERAL",
  kind: "validity",
  severity: "error",
  rationale:
    "The RunnerDeployment/RunnerSet is written into a chart at synth time, where a Terraform reference would stay an unresolved ${…} string.",
  example: 'organization: "my-org" (a literal, not a variable)',
});

/** Exactly one of `repository`, `organization`, `enterprise`. */
export const ARC_LEGACY_RUNNER_TARGET = defineRule({
  id: "ARC-LEGACY-RUNNER-TARGET",
  kind: "validity",
  severity: "error",
  rationale:
    "ARC's admission webhook rejects a runner spec without a registration target, or with more than one.",
  example: 'organization: "my-org"',
});

/** `repository` is `owner/name`. */
export const ARC_LEGACY_REPOSITORY_NAME = defineRule({
  id: "ARC-LEGACY-REPOSITORY-NAME",
  kind: "validity",
  severity: "error",
  rationale:
    "Runners register with a repository by its owner/name; anything else fails registration.",
  example: '"my-org/app"',
});

/** `terminationGracePeriodSeconds` and `gracefulStopTimeoutSeconds` are whole seconds ≥ 0. */
export const ARC_LEGACY_STOP_SECONDS = defineRule({
  id: "ARC-LEGACY-STOP-SECONDS",
  kind: "validity",
  severity: "error",
  rationale: "Kubernetes and the runner take these durations as whole, non-negative seconds.",
  example: "110",
});

/** The pod's grace period outlasts the runner's graceful stop timeout. */
export const ARC_LEGACY_GRACEFUL_STOP = defineRule({
  id: "ARC-LEGACY-GRACEFUL-STOP",
  kind: "policy",
  severity: "error",
  rationale:
    "When Kubernetes kills the runner before RUNNER_GRACEFUL_STOP_TIMEOUT ends, its running job is cut off and hangs in the GitHub UI.",
  example: "terminationGracePeriodSeconds: 110, gracefulStopTimeoutSeconds: 90",
});

/** The graceful stop timeout is set through `gracefulStopTimeoutSeconds`, not `env`. */
export const ARC_LEGACY_GRACEFUL_STOP_ENV = defineRule({
  id: "ARC-LEGACY-GRACEFUL-STOP-ENV",
  kind: "policy",
  severity: "error",
  rationale:
    "RUNNER_GRACEFUL_STOP_TIMEOUT in env escapes the check against terminationGracePeriodSeconds.",
  example: "gracefulStopTimeoutSeconds: 90",
});

/** `dockerdWithinRunnerContainer` needs docker. */
export const ARC_LEGACY_DOCKERD_NEEDS_DOCKER = defineRule({
  id: "ARC-LEGACY-DOCKERD-NEEDS-DOCKER",
  kind: "validity",
  severity: "error",
  rationale:
    "dockerdWithinRunnerContainer moves dockerd into the runner container; with dockerEnabled false there is no dockerd to move.",
  example: "dockerEnabled: true",
});

/** `dockerVolumeMounts` only where the docker sidecar exists. */
export const ARC_LEGACY_DOCKER_VOLUME_MOUNTS = defineRule({
  id: "ARC-LEGACY-DOCKER-VOLUME-MOUNTS",
  kind: "validity",
  severity: "error",
  rationale:
    "dockerVolumeMounts go to the docker sidecar, which does not exist without docker or with dockerd in the runner container.",
  example: 'volumeMounts: [{ name: "cache", mountPath: "/cache" }] instead',
});

/** `dockerMTU` is a plausible MTU. */
export const ARC_LEGACY_DOCKER_MTU = defineRule({
  id: "ARC-LEGACY-DOCKER-MTU",
  kind: "validity",
  severity: "error",
  rationale: "dockerd refuses an MTU that is not a whole number of bytes an IP network can carry.",
  example: "1400",
});

/** `dockerRegistryMirror` is an http(s) URL. */
export const ARC_LEGACY_DOCKER_REGISTRY_MIRROR = defineRule({
  id: "ARC-LEGACY-DOCKER-REGISTRY-MIRROR",
  kind: "validity",
  severity: "error",
  rationale: "dockerd does not start with a registry mirror that is not an http(s) URL.",
  example: '"https://mirror.gcr.io"',
});

/** `workDir` is an absolute path. */
export const ARC_LEGACY_WORK_DIR = defineRule({
  id: "ARC-LEGACY-WORK-DIR",
  kind: "validity",
  severity: "error",
  rationale: "The work directory is a mount path in the runner container, which must be absolute.",
  example: '"/runner/_work"',
});

/** Fixed `replicas` are whole numbers ≥ 0. */
export const ARC_LEGACY_REPLICAS = defineRule({
  id: "ARC-LEGACY-REPLICAS",
  kind: "validity",
  severity: "error",
  rationale: "spec.replicas of a RunnerDeployment or RunnerSet is a whole, non-negative number.",
  example: "2",
});

/** No fixed `replicas` next to an autoscaler. */
export const ARC_LEGACY_REPLICAS_WITH_AUTOSCALING = defineRule({
  id: "ARC-LEGACY-REPLICAS-WITH-AUTOSCALING",
  kind: "policy",
  severity: "error",
  rationale:
    "The HorizontalRunnerAutoscaler owns spec.replicas; a fixed value fights it on every apply (ARC warns about it).",
  example: "autoscaling: { minReplicas: 1, maxReplicas: 5, … } without replicas",
});
