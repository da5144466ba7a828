import { defineRule } from "../core/rules/rule";

// Rules of Helm releases and chart sources.

/** A remote chart without one exact version. */
export const CHART_VERSION_PINNED = defineRule({
  id: "HELM-CHART-VERSION-PINNED",
  kind: "policy",
  severity: "error",
  rationale:
    "Without one exact version (no range), every plan may install a different chart: reviews and rollbacks need a pinned chart.",
  example: '"0.14.2"',
});

/** An OCI chart source whose registry is not an `oci://` reference. */
export const CHART_OCI_REGISTRY = defineRule({
  id: "HELM-CHART-OCI-REGISTRY",
  kind: "validity",
  severity: "error",
  rationale: "Helm pulls OCI charts only from oci:// references.",
  example: '"oci://ghcr.io/actions/actions-runner-controller-charts"',
});

/** A chart repository that is not an http(s) URL. */
export const CHART_REPOSITORY_URL = defineRule({
  id: "HELM-CHART-REPOSITORY-URL",
  kind: "validity",
  severity: "error",
  rationale:
    "Helm chart repositories are http(s) URLs (OCI registries go through ChartSource.fromOci).",
  example: '"https://charts.gitlab.io"',
});

/** A chart name with slashes or a version in it. */
export const CHART_NAME = defineRule({
  id: "HELM-CHART-NAME",
  kind: "validity",
  severity: "error",
  rationale:
    "The chart name is looked up in the repository or registry; a path or version in it finds no chart.",
  example: '"gitlab-runner"',
});

/** A local chart path that holds no chart. */
export const CHART_LOCAL_PATH = defineRule({
  id: "HELM-CHART-LOCAL-PATH",
  kind: "validity",
  severity: "error",
  rationale:
    "A local chart is a directory with Chart.yaml or a packaged .tgz archive; anything else fails at plan.",
  example: '"charts/factory-rm-1.2.3.tgz"',
});

/** A literal credential in plain Helm values. */
export const SECRET_IN_VALUES = defineRule({
  id: "HELM-SECRET-IN-VALUES",
  kind: "policy",
  severity: "error",
  rationale:
    "Plain Helm values land in the synthesized JSON and the Terraform state; credentials belong in set_sensitive or a Kubernetes Secret.",
  example: 'sensitiveValues: { "runnerToken": SensitiveValue.fromVariable(tokenVar) }',
});

/** A sensitive value's key that is not a Helm `--set` path. */
export const SENSITIVE_SET_PATH = defineRule({
  id: "HELM-SENSITIVE-SET-PATH",
  kind: "validity",
  severity: "error",
  rationale: "set_sensitive names a Helm --set path; Helm rejects other keys.",
  example: '"githubConfigSecret.github_token"',
});

/** A sensitive value that is a literal rather than a sensitive variable or secret-manager reference. */
export const SENSITIVE_SOURCE = defineRule({
  id: "HELM-SENSITIVE-SOURCE",
  kind: "policy",
  severity: "error",
  rationale:
    "A literal passed to set_sensitive is still written into the synthesized JSON; only a sensitive variable or a secret-manager reference keeps it out.",
  example: 'new TerraformVariable(this, "runner_token", { type: "string", sensitive: true })',
});

/** `atomic` without `wait`. */
export const ATOMIC_NEEDS_WAIT = defineRule({
  id: "HELM-ATOMIC-NEEDS-WAIT",
  kind: "policy",
  severity: "error",
  rationale: "Helm can only roll back what it waited for; atomic without wait contradicts itself.",
  example: "wait: true, or atomic: false",
});

/** A release timeout that is not a whole number of seconds ≥ 1. */
export const TIMEOUT_SECONDS = defineRule({
  id: "HELM-TIMEOUT-SECONDS",
  kind: "validity",
  severity: "error",
  rationale: "The helm provider's timeout is a positive whole number of seconds.",
  example: "600",
});
