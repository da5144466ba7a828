import { isUnresolved, Problem } from "../core/rules/problem";
import {
  RBAC_ESCALATING_VERB,
  RBAC_RESOURCES_REQUIRED,
  RBAC_UNKNOWN_VERB,
  RBAC_VERBS_REQUIRED,
  RBAC_WILDCARD,
  RBAC_WILDCARD_REASON,
} from "./rules";

/** One RBAC rule: verbs on resources of API groups. */
export interface PolicyRule {
  /** API groups; `""` is the core group. @default [""] */
  readonly apiGroups?: string[];
  /** Resources, e.g. `pods`, `pods/log`. */
  readonly resources: string[];
  /** Verbs, e.g. `get`, `list`, `watch`, `create`, `delete`. */
  readonly verbs: string[];
  /** Restrict the rule to these object names. @default all objects of the resources */
  readonly resourceNames?: string[];
}

/** An explicit, reasoned opt-in to wildcard or privilege-escalating RBAC. */
export interface AllowWildcards {
  /** Why the wildcard is needed; kept in the Role's annotations for reviewers. */
  readonly reason: string;
}

const KNOWN_VERBS = new Set([
  "get",
  "list",
  "watch",
  "create",
  "update",
  "patch",
  "delete",
  "deletecollection",
  "bind",
  "escalate",
  "impersonate",
  "use",
  "approve",
  "sign",
  "attach",
]);
/** Verbs that let a holder grant itself more than it has. */
const ESCALATING_VERBS = new Set(["bind", "escalate", "impersonate"]);

/**
 * Checks RBAC rules for least privilege: non-empty verbs and resources, known verbs,
 * and no `*` or escalating verbs unless `allowWildcards` gives a reason.
 */
export function checkPolicyRules(
  field: string,
  rules: readonly PolicyRule[],
  allow?: AllowWildcards,
): Problem[] {
  const problems: Problem[] = [];
  const wildcardOk = allow !== undefined && allow.reason.trim().length > 0;
  if (allow !== undefined && !wildcardOk) {
    problems.push({
      rule: RBAC_WILDCARD_REASON,
      field: "allowWildcards.reason",
      value: allow.reason,
      message: "must say why wildcards are needed",
      example: '"the chart manages arbitrary CRDs"',
    });
  }
  rules.forEach((rule, i) => {
    const at = `${field}[${i}]`;
    if (rule.verbs.length === 0)
      problems.push({
        field: `${at}.verbs`,
        rule: RBAC_VERBS_REQUIRED,
        value: [],
        message: "must name at least one verb",
        example: '["get", "list", "watch"]',
      });
    if (rule.resources.length === 0)
      problems.push({
        field: `${at}.resources`,
        rule: RBAC_RESOURCES_REQUIRED,
        value: [],
        message: "must name at least one resource",
        example: '["pods"]',
      });
    for (const verb of rule.verbs) {
      if (isUnresolved(verb)) continue;
      if (verb === "*" && !wildcardOk) {
        problems.push({
          field: `${at}.verbs`,
          rule: RBAC_WILDCARD,
          value: verb,
          message:
            "wildcard verbs are refused (least privilege); list the verbs, or pass allowWildcards with a reason",
          example: '["get", "list", "watch"]',
        });
      } else if (ESCALATING_VERBS.has(verb) && !wildcardOk) {
        problems.push({
          field: `${at}.verbs`,
          rule: RBAC_ESCALATING_VERB,
          value: verb,
          message:
            "privilege-escalating verbs (bind, escalate, impersonate) are refused unless allowWildcards gives a reason",
          example: '["get"]',
        });
      } else if (verb !== "*" && !KNOWN_VERBS.has(verb)) {
        problems.push({
          field: `${at}.verbs`,
          rule: RBAC_UNKNOWN_VERB,
          value: verb,
          message: `unknown verb; use one of ${[...KNOWN_VERBS].join(", ")}`,
          example: '"get"',
        });
      }
    }
    for (const [key, list] of [
      ["resources", rule.resources],
      ["apiGroups", rule.apiGroups ?? []],
    ] as const) {
      if (!wildcardOk && list.some((r) => r === "*" || (!isUnresolved(r) && r.startsWith("*")))) {
        problems.push({
          field: `${at}.${key}`,
          rule: RBAC_WILDCARD,
          value: list,
          message: `wildcard ${key} are refused (least privilege); name them, or pass allowWildcards with a reason`,
          example: key === "resources" ? '["pods", "pods/log"]' : '[""]',
        });
      }
    }
  });
  return problems;
}

/** Rules with sorted, de-duplicated lists (stable JSON), in the provider's shape. */
export function renderRules(rules: readonly PolicyRule[]) {
  const norm = (list: readonly string[]) => [...new Set(list)].sort();
  return rules.map((r) => ({
    apiGroups: norm(r.apiGroups ?? [""]),
    resources: norm(r.resources),
    verbs: norm(r.verbs),
    resourceNames: r.resourceNames ? norm(r.resourceNames) : undefined,
  }));
}
