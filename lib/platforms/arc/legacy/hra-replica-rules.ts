// HorizontalRunnerAutoscaler rules about the replica range: min/max, scaling from zero,
// and the scale-down delay.
import { isUnresolved } from "../../../core/rules/problem";
import { defineRule } from "../../../core/rules/rule";
import type { HorizontalRunnerAutoscalerOptions } from "./horizontal-runner-autoscaler";
import { BUSY, Found, isWholeNumber, QUEUED } from "./hra-rule-support";

/** `minReplicas` is a whole number ≥ 0, `maxReplicas` ≥ 1. */
export const ARC_HRA_REPLICA_COUNT = defineRule({
  id: "ARC-HRA-REPLICA-COUNT",
  kind: "validity",
  severity: "error",
  rationale:
    "The HorizontalRunnerAutoscaler CRD takes whole replica counts; an autoscaler that may never run a runner (max 0) is a disabled pool.",
  example: "minReplicas: 1, maxReplicas: 10",
});

/** `minReplicas` ≤ `maxReplicas`. */
export const ARC_HRA_MIN_ABOVE_MAX = defineRule({
  id: "ARC-HRA-MIN-ABOVE-MAX",
  kind: "validity",
  severity: "error",
  rationale:
    "With minReplicas above maxReplicas ARC clamps every desired count to maxReplicas: the range as written can never apply.",
  example: "minReplicas: 1, maxReplicas: 10",
});

/** With `minReplicas: 0`, something must be able to scale up from zero. */
export const ARC_HRA_MIN_ZERO = defineRule({
  id: "ARC-HRA-MIN-ZERO",
  kind: "policy",
  severity: "error",
  rationale:
    "PercentageRunnersBusy is busy ÷ current runners, so at zero runners it never asks for more; without the queued-runs metric, a webhook trigger or a scheduled override the pool stays empty.",
  example: `metrics: [{ type: "${BUSY}" }, { type: "${QUEUED}" }]`,
});

/** `scaleDownDelaySecondsAfterScaleOut` is whole seconds ≥ 0. */
export const ARC_HRA_SCALE_DOWN_DELAY = defineRule({
  id: "ARC-HRA-SCALE-DOWN-DELAY",
  kind: "validity",
  severity: "error",
  rationale: "The CRD field is an integer number of seconds; a negative delay has no meaning.",
  example: "300",
});

/** `minReplicas`/`maxReplicas`: whole numbers, 0 ≤ min ≤ max, max ≥ 1. */
export function ruleReplicaRange(o: HorizontalRunnerAutoscalerOptions, at: string): Found[] {
  const { minReplicas: min, maxReplicas: max } = o;
  if (isUnresolved(min) || isUnresolved(max)) return [];
  const out: Found[] = [];
  if (!isWholeNumber(min) || min < 0) {
    out.push({
      rule: ARC_HRA_REPLICA_COUNT,
      field: `${at}.minReplicas`,
      value: min,
      message: "must be a whole number ≥ 0",
      example: "0",
    });
  }
  if (!isWholeNumber(max) || max < 1) {
    out.push({
      rule: ARC_HRA_REPLICA_COUNT,
      field: `${at}.maxReplicas`,
      value: max,
      message: "must be a whole number ≥ 1",
      example: "10",
    });
  }
  if (min > max) {
    out.push({
      rule: ARC_HRA_MIN_ABOVE_MAX,
      field: `${at}.minReplicas`,
      value: { minReplicas: min, maxReplicas: max },
      message:
        "minReplicas must not exceed maxReplicas (ARC would clamp every count to maxReplicas)",
      example: `minReplicas: ${max}, maxReplicas: ${max}`,
    });
  }
  return out;
}

/** Can the autoscaler ever leave zero? PercentageRunnersBusy alone divides by zero runners. */
export function ruleScaleFromZero(o: HorizontalRunnerAutoscalerOptions, at: string): Found[] {
  if (isUnresolved(o.minReplicas) || o.minReplicas !== 0) return [];
  const types = (o.metrics ?? []).map((m) => m.type);
  const hasQueued = types.includes(QUEUED);
  const hasTrigger = (o.scaleUpTriggers ?? []).length > 0;
  if (hasQueued || hasTrigger) return [];
  if (types.includes(BUSY)) {
    return [
      {
        rule: ARC_HRA_MIN_ZERO,
        field: `${at}.minReplicas`,
        value: 0,
        message: `with minReplicas 0 and only ${BUSY}, ARC can never scale up from zero: the metric is busy runners ÷ current runners, and with no runners no job can make one busy. Add ${QUEUED} as the second metric or a webhook scaleUpTrigger, or set minReplicas ≥ 1`,
        example: `metrics: [{ type: "${BUSY}" }, { type: "${QUEUED}" }]`,
      },
    ];
  }
  const overrideRaises = (o.scheduledOverrides ?? []).some((s) => (s.minReplicas ?? 0) > 0);
  if (!overrideRaises) {
    return [
      {
        rule: ARC_HRA_MIN_ZERO,
        field: `${at}.minReplicas`,
        value: 0,
        message:
          "with minReplicas 0, no metric, no webhook trigger and no scheduled override that raises minReplicas, the pool never runs a runner",
        example: `metrics: [{ type: "${QUEUED}" }]`,
      },
    ];
  }
  return [];
}

/** `scaleDownDelaySecondsAfterScaleOut`: whole seconds ≥ 0. */
export function ruleScaleDownDelay(o: HorizontalRunnerAutoscalerOptions, at: string): Found[] {
  const d = o.scaleDownDelaySecondsAfterScaleOut;
  if (d === undefined || isUnresolved(d) || (isWholeNumber(d) && d >= 0)) return [];
  return [
    {
      rule: ARC_HRA_SCALE_DOWN_DELAY,
      field: `${at}.scaleDownDelaySecondsAfterScaleOut`,
      value: d,
      message: "must be a whole number of seconds ≥ 0",
      example: "300",
    },
  ];
}
