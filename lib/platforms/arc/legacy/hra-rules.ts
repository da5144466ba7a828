// The HorizontalRunnerAutoscaler rules ARC itself only reports as runtime events after
// deploy (there is no HRA admission webhook). Each rule is a small pure function that
// returns problems of named rules (ids `ARC-HRA-…`), grouped by concern in
// hra-replica-rules.ts, hra-metric-rules.ts, hra-busy-metric-rules.ts,
// hra-schedule-rules.ts and hra-trigger-rules.ts; `checkHorizontalRunnerAutoscaler` runs
// them all.
import type { Problem } from "../../../core/rules/problem";
import type { HorizontalRunnerAutoscalerOptions } from "./horizontal-runner-autoscaler";
import { rulePercentageRunnersBusy } from "./hra-busy-metric-rules";
import { ruleMetricOrder, ruleQueuedMetricScope } from "./hra-metric-rules";
import { ruleReplicaRange, ruleScaleDownDelay, ruleScaleFromZero } from "./hra-replica-rules";
import { BUSY, Found, QUEUED } from "./hra-rule-support";
import { ruleScheduledOverride } from "./hra-schedule-rules";
import { ruleScaleUpTriggers } from "./hra-trigger-rules";

export { rulePercentageRunnersBusy } from "./hra-busy-metric-rules";
export { ruleMetricOrder, ruleQueuedMetricScope } from "./hra-metric-rules";
export { ruleReplicaRange, ruleScaleDownDelay, ruleScaleFromZero } from "./hra-replica-rules";
export { ruleScheduledOverride } from "./hra-schedule-rules";
export { ruleScaleUpTriggers } from "./hra-trigger-rules";

/** Where the scaled runners register: decides what the queued-runs metric can count. */
export type ArcRunnerScope = "repository" | "organization" | "enterprise";

/** Runs every HRA rule. `scope` is where the target's runners register. */
export function checkHorizontalRunnerAutoscaler(
  o: HorizontalRunnerAutoscalerOptions,
  scope: ArcRunnerScope | undefined,
  at = "autoscaling",
): Problem[] {
  const metrics = o.metrics ?? [];
  const found: Found[] = [
    ...ruleReplicaRange(o, at),
    ...ruleMetricOrder(metrics, at),
    ...ruleScaleFromZero(o, at),
    ...metrics.flatMap((m, i) =>
      m.type === BUSY
        ? rulePercentageRunnersBusy(m, `${at}.metrics[${i}]`)
        : m.type === QUEUED
          ? ruleQueuedMetricScope(m, scope, `${at}.metrics[${i}]`)
          : [],
    ),
    ...(o.scheduledOverrides ?? []).flatMap((s, i) =>
      ruleScheduledOverride(s, `${at}.scheduledOverrides[${i}]`),
    ),
    ...ruleScaleUpTriggers(o, at),
    ...ruleScaleDownDelay(o, at),
  ];
  return found.filter((p): p is Problem => p !== undefined);
}
