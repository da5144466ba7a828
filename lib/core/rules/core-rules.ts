import { defineRule } from "./rule";

/** A suppression must say why, in at least {@link MIN_REASON_LENGTH} characters. */
export const MIN_REASON_LENGTH = 10;

export const SUPPRESSION_REASON = defineRule({
  id: "CORE-SUPPRESSION-REASON",
  kind: "validity",
  severity: "error",
  rationale:
    "A suppressed policy rule is a decision a reviewer must be able to read in the output.",
  example: `Rules.suppress(pool, "K8S-RBAC-WILDCARD", "the chart manages arbitrary CRDs; reviewed by security, 2026-11")`,
});

export const SUPPRESSION_VALIDITY = defineRule({
  id: "CORE-SUPPRESSION-VALIDITY",
  kind: "validity",
  severity: "error",
  rationale:
    "Validity rules catch input that Kubernetes, Helm, Terraform or the cloud rejects; suppressing one only moves the failure to deploy time.",
  example: "suppress policy rules only; fix the input a validity rule reports",
});

export const SUPPRESSION_UNKNOWN = defineRule({
  id: "CORE-SUPPRESSION-UNKNOWN",
  kind: "validity",
  severity: "error",
  rationale:
    "A suppression of a rule id that does not exist (a typo) would silently suppress nothing.",
  example: "an id from docs/rules.md, e.g. K8S-RBAC-WILDCARD",
});

export const CONSTRUCT_ID_UNIQUE = defineRule({
  id: "CORE-CONSTRUCT-ID-UNIQUE",
  kind: "validity",
  severity: "error",
  rationale:
    "Construct ids become Terraform addresses; two children of one scope cannot share one.",
  example: 'stack.addPool("gitlab-arm64", …) next to stack.addPool("gitlab", …)',
});

export const HELM_VALUES_NUMBER = defineRule({
  id: "CORE-VALUES-FINITE-NUMBER",
  kind: "validity",
  severity: "error",
  rationale: "YAML and JSON have no NaN or Infinity that Helm and Kubernetes accept as a number.",
  example: "3",
});
