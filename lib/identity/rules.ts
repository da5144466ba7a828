import { defineRule } from "../core/rules/rule";

/** A bound subject (service account) with an empty namespace or name. */
export const SUBJECT_REQUIRED = defineRule({
  id: "IDENTITY-SUBJECT-REQUIRED",
  kind: "validity",
  severity: "error",
  rationale:
    "An identity trusts exactly one service account; an empty namespace or name matches no service account token.",
  example: '"ci-runner"',
});

/** A wildcard in a bound subject or a subject restriction. */
export const SUBJECT_WILDCARD = defineRule({
  id: "IDENTITY-SUBJECT-WILDCARD",
  kind: "policy",
  severity: "error",
  rationale:
    "A wildcard in the trusted subject would give the cloud identity to every matching service account, e.g. any pod of the cluster.",
  example: '"ci-runner"',
});

/** A binding outside the identity's {@link SubjectRestriction}. */
export const SUBJECT_RESTRICTION = defineRule({
  id: "IDENTITY-SUBJECT-RESTRICTION",
  kind: "policy",
  severity: "error",
  rationale:
    "An identity pinned to one namespace or service account must not be bound elsewhere: that would widen its trust, or bind pods that do not use it.",
  example: "bind the identity to the namespace and service account it is restricted to",
});
