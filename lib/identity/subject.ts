import { IConstruct } from "constructs";
import { checkDns1123Label, checkDns1123Subdomain } from "../core/names";
import { isUnresolved, Problem } from "../core/rules/problem";
import { addChecks } from "../core/rules/report";
import { SUBJECT_REQUIRED, SUBJECT_RESTRICTION, SUBJECT_WILDCARD } from "./rules";
import type { ServiceAccountSubject } from "./workload-identity";

/**
 * Restricts which service accounts an identity may be bound to. A platform team that
 * creates an identity for one namespace pins it here; a pool in any other namespace that
 * tries to use it is reported at synth instead of widening the trust.
 */
export interface SubjectRestriction {
  /** Only service accounts in this namespace may be bound. @default any namespace */
  readonly namespace?: string;
  /** Only service accounts with this name may be bound. @default any name */
  readonly serviceAccountName?: string;
}

/** `system:serviceaccount:<namespace>:<name>`: the `sub` claim of a service account token. */
export function subjectClaim(subject: ServiceAccountSubject): string {
  return `system:serviceaccount:${subject.namespace}:${subject.name}`;
}

const WILDCARD = /[*?]/;

/**
 * Checks that a subject names exactly one service account: both parts set, no wildcards
 * (`*` or `?` would trust every matching account, e.g. any pod of the cluster), a
 * DNS-1123 namespace and service-account name.
 */
export function checkSubject(field: string, subject: ServiceAccountSubject): Problem[] {
  const problems: Problem[] = [];
  const parts: [keyof ServiceAccountSubject, string, string][] = [
    ["namespace", subject.namespace, "ci-runners"],
    ["name", subject.name, "ci-runner"],
  ];
  for (const [key, value, example] of parts) {
    if (isUnresolved(value)) continue;
    if (value === undefined || value.trim() === "") {
      problems.push({
        field: `${field}.${key}`,
        rule: SUBJECT_REQUIRED,
        value,
        message: "must not be empty: the identity must trust exactly one service account",
        example: `"${example}"`,
      });
    } else if (WILDCARD.test(value)) {
      problems.push({
        field: `${field}.${key}`,
        rule: SUBJECT_WILDCARD,
        value,
        message:
          "wildcards are refused: the trust must name exactly one namespace and service account",
        example: `"${example}"`,
      });
    } else {
      const problem =
        key === "namespace"
          ? checkDns1123Label(`${field}.${key}`, value, 63, example)
          : checkDns1123Subdomain(`${field}.${key}`, value, example);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

/** Checks a subject against an identity's {@link SubjectRestriction}. */
export function checkSubjectAllowed(
  field: string,
  subject: ServiceAccountSubject,
  restriction: SubjectRestriction | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const ns = restriction?.namespace;
  if (
    ns !== undefined &&
    !isUnresolved(ns) &&
    !isUnresolved(subject.namespace) &&
    ns !== subject.namespace
  ) {
    problems.push({
      field: `${field}.namespace`,
      rule: SUBJECT_RESTRICTION,
      value: subject.namespace,
      message: `the identity is restricted to namespace "${ns}", but service account "${subject.name}" is in another namespace; a binding there would not match the pods that use it`,
      example: `run the pool in namespace "${ns}" (namespaceName: "${ns}"), or use a separate identity for this namespace`,
    });
  }
  const name = restriction?.serviceAccountName;
  if (
    name !== undefined &&
    !isUnresolved(name) &&
    !isUnresolved(subject.name) &&
    name !== subject.name
  ) {
    problems.push({
      field: `${field}.name`,
      rule: SUBJECT_RESTRICTION,
      value: subject.name,
      message: `the identity is restricted to service account "${name}"`,
      example: `name the bound service account "${name}", or use a separate identity`,
    });
  }
  return problems;
}

/** Checks the restriction itself: it names one namespace / account, so no wildcards and no empty parts. */
export function checkRestriction(
  field: string,
  restriction: SubjectRestriction | undefined,
): Problem[] {
  if (!restriction) return [];
  const problems = checkSubject(field, {
    namespace: restriction.namespace ?? "x",
    name: restriction.serviceAccountName ?? "x",
  });
  return problems
    .filter((p) =>
      p.field.endsWith(".namespace")
        ? restriction.namespace !== undefined
        : restriction.serviceAccountName !== undefined,
    )
    .map((p) => (p.field.endsWith(".name") ? { ...p, field: `${field}.serviceAccountName` } : p));
}

/**
 * Registers the checks of one binding on the construct that holds it (a pool's
 * `Identity-<id>`), so a bad subject is reported under the pool that asked for it.
 */
export function addBindingChecks(
  scope: IConstruct,
  subject: ServiceAccountSubject,
  restriction: SubjectRestriction | undefined,
): void {
  addChecks(scope, () => [
    ...checkSubject("subject", subject),
    ...checkSubjectAllowed("subject", subject, restriction),
  ]);
}
