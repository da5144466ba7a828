// HorizontalRunnerAutoscaler rules about the list of pull metrics, and about what the
// queued-runs metric can count for the target's registration scope.
import { isUnresolved } from "../../../core/rules/problem";
import { defineRule } from "../../../core/rules/rule";
import type { HraMetric } from "./horizontal-runner-autoscaler";
import type { ArcRunnerScope } from "./hra-rules";
import { BUSY, Found, QUEUED } from "./hra-rule-support";

/** Metric types are the two ARC knows. */
export const ARC_HRA_METRIC_TYPE = defineRule({
  id: "ARC-HRA-METRIC-TYPE",
  kind: "validity",
  severity: "error",
  rationale: `ARC only computes ${BUSY} and ${QUEUED}; it reports any other type as an error and does not scale.`,
  example: `{ type: "${QUEUED}" }`,
});

/** At most two metrics. */
export const ARC_HRA_METRIC_COUNT = defineRule({
  id: "ARC-HRA-METRIC-COUNT",
  kind: "validity",
  severity: "error",
  rationale:
    "ARC reports an error for an autoscaler with more than two metrics and does not scale it.",
  example: `[{ type: "${BUSY}" }, { type: "${QUEUED}" }]`,
});

/** Two metrics only as `[PercentageRunnersBusy, TotalNumberOfQueuedAndInProgressWorkflowRuns]`. */
export const ARC_HRA_METRIC_ORDER = defineRule({
  id: "ARC-HRA-METRIC-ORDER",
  kind: "validity",
  severity: "error",
  rationale: `With two metrics ARC supports only ${BUSY} first and ${QUEUED} second (the second is consulted when the first suggests 0).`,
  example: `[{ type: "${BUSY}" }, { type: "${QUEUED}" }]`,
});

/** The queued-runs metric of an organization-scoped target names its repositories. */
export const ARC_HRA_QUEUED_REPOSITORY_NAMES = defineRule({
  id: "ARC-HRA-QUEUED-REPOSITORY-NAMES",
  kind: "validity",
  severity: "error",
  rationale: `ARC counts queued and running jobs per repository; for organization runners ${QUEUED} has nothing to count without repositoryNames.`,
  example: 'repositoryNames: ["app", "infra"]',
});

/** `repositoryNames` are bare repository names: ARC prefixes the organization itself. */
export const ARC_HRA_QUEUED_REPOSITORY_NAME = defineRule({
  id: "ARC-HRA-QUEUED-REPOSITORY-NAME",
  kind: "validity",
  severity: "error",
  rationale:
    'ARC lists workflow runs of <organization>/<name> for each repositoryNames entry, so "my-org/app" becomes my-org/my-org/app: GitHub answers 404, and the error stops the reconcile before scheduled overrides and webhook reservations apply.',
  example: 'repositoryNames: ["app", "infra"]',
});

/** The queued-runs metric cannot serve an enterprise-scoped target. */
export const ARC_HRA_QUEUED_ENTERPRISE = defineRule({
  id: "ARC-HRA-QUEUED-ENTERPRISE",
  kind: "validity",
  severity: "error",
  rationale: `GitHub's API gives ARC no per-enterprise job counts, so ${QUEUED} cannot scale enterprise runners.`,
  example: `{ type: "${BUSY}" }`,
});

/** At most two metrics; two only as `[PercentageRunnersBusy, TotalNumberOfQueuedAndInProgressWorkflowRuns]`. */
export function ruleMetricOrder(metrics: readonly HraMetric[], at: string): Found[] {
  const types = metrics.map((m) => m.type);
  const known = [BUSY, QUEUED] as string[];
  const out: Found[] = types.map((t, i) =>
    known.includes(t)
      ? undefined
      : {
          rule: ARC_HRA_METRIC_TYPE,
          field: `${at}.metrics[${i}].type`,
          value: t,
          message: `unknown metric; ARC supports ${BUSY} and ${QUEUED}`,
          example: `"${QUEUED}"`,
        },
  );
  if (types.length > 2) {
    out.push({
      rule: ARC_HRA_METRIC_COUNT,
      field: `${at}.metrics`,
      value: types,
      message: "ARC uses at most two metrics (it reports an error for more)",
      example: `[{ type: "${BUSY}" }, { type: "${QUEUED}" }]`,
    });
  } else if (types.length === 2 && !(types[0] === BUSY && types[1] === QUEUED)) {
    out.push({
      rule: ARC_HRA_METRIC_ORDER,
      field: `${at}.metrics`,
      value: types,
      message: `with two metrics ARC only supports ${BUSY} first and ${QUEUED} second (the second is consulted only when the first suggests 0)`,
      example: `[{ type: "${BUSY}" }, { type: "${QUEUED}" }]`,
    });
  }
  return out;
}

/** The queued-runs metric needs `repositoryNames` for an organization and cannot serve an enterprise. */
export function ruleQueuedMetricScope(
  metric: { readonly repositoryNames?: string[] },
  scope: ArcRunnerScope | undefined,
  at: string,
): Found[] {
  if (scope === "organization" && (metric.repositoryNames ?? []).length === 0) {
    return [
      {
        rule: ARC_HRA_QUEUED_REPOSITORY_NAMES,
        field: `${at}.repositoryNames`,
        value: metric.repositoryNames,
        message: `${QUEUED} for an organization-scoped runner needs repositoryNames (ARC counts queued and running jobs per repository)`,
        example: '["app", "infra"]',
      },
    ];
  }
  if (scope === "organization") {
    return (metric.repositoryNames ?? []).map((name, i) =>
      !isUnresolved(name) && !/^[A-Za-z0-9_.-]+$/.test(name)
        ? {
            rule: ARC_HRA_QUEUED_REPOSITORY_NAME,
            field: `${at}.repositoryNames[${i}]`,
            value: name,
            message: `must be the bare repository name: ARC requests /repos/<organization>/<name>, so "${name}" would be looked up as <organization>/${name} (404)`,
            example: `"${name.includes("/") ? name.slice(name.lastIndexOf("/") + 1) : "app"}"`,
          }
        : undefined,
    );
  }
  if (scope === "enterprise") {
    return [
      {
        rule: ARC_HRA_QUEUED_ENTERPRISE,
        field: `${at}.type`,
        value: QUEUED,
        message: `${QUEUED} cannot count jobs of an enterprise-scoped runner; use ${BUSY} or a webhook scaleUpTrigger`,
        example: `{ type: "${BUSY}" }`,
      },
    ];
  }
  return [];
}
