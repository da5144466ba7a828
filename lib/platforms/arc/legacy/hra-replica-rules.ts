// HorizontalRunnerAutoscaler rules about the replica range: min/max, scaling from zero,
// and the scale-down delay.
import { isUnresolved } from "../../../core/rules/problem";
import { defineRule } from "../../../core/rules/rule";
import type { HorizontalRunnerAutoscalerOptions } from "./horizontal-runner-autoscaler";
import { BUSY, Found, isWholeNumber, QUEUED } from "./hra-rule-support";

/** `minReplicas` and `maxReplicas` are whole numbers ≥ 0. */
export const ARC_HRA_REPLICA_COUNT = defineRule({
  id: "ARC-HRA-REPLICA-COUNT",
  kind: "validity",
  severity: "error",
  rationale:
    "The HorizontalRunnerAutoscaler CRD takes whole replica counts, and ARC ignores a negative minReplicas (it falls back to 1); maxReplicas 0 is a valid, paused pool.",
  example: "minReplicas: 1, maxReplicas: 10",
});

/** `minReplicas` (and every scheduled override's) ≤ `maxReplicas`. */
export const ARC_HRA_MIN_ABOVE_MAX = defineRule({
  id: "ARC-HRA-MIN-ABOVE-MAX",
  kind: "validity",
  severity: "error",
  rationale:
    "ARC raises the desired count to minReplicas (the spec's, or an active scheduled override's) before it caps it at maxReplicas, so a minimum above maxReplicas runs more runners than maxReplicas allows.",
  example: "minReplicas: 1, maxReplicas: 10",
});

/** With `minReplicas: 0`, something must be able to scale up from zero. */
export const ARC_HRA_MIN_ZERO = defineRule({
  id: "ARC-HRA-MIN-ZERO",
  kind: "policy",
  severity: "error",
  rationale:
    "PercentageRunnersBusy is busy ÷ current runners, so at zero runners it never asks for more; without the queued-runs metric, a webhook trigger or a scheduled override that raises minReplicas the pool stays empty.",
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

/** `minReplicas`/`maxReplicas`: whole numbers, 0 ≤ min ≤ max; every override's minReplicas ≤ max. */
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
  if (!isWholeNumber(max) || max < 0) {
    out.push({
      rule: ARC_HRA_REPLICA_COUNT,
      field: `${at}.maxReplicas`,
      value: max,
      message: "must be a whole number ≥ 0",
      example: "10",
    });
  }
  if (min > max) {
    out.push({
      rule: ARC_HRA_MIN_ABOVE_MAX,
      field: `${at}.minReplicas`,
      value: { minReplicas: min, maxReplicas: max },
      message:
        "minReplicas must not exceed maxReplicas (ARC raises the count to minReplicas before capping it at maxReplicas, so it would run more than maxReplicas runners)",
      example: `minReplicas: ${max}, maxReplicas: ${max}`,
    });
  }
  (o.scheduledOverrides ?? []).forEach((s, i) => {
    const m = s.minReplicas;
    if (m !== undefined && !isUnresolved(m) && m > max) {
      out.push({
        rule: ARC_HRA_MIN_ABOVE_MAX,
        field: `${at}.scheduledOverrides[${i}].minReplicas`,
        value: { minReplicas: m, maxReplicas: max },
        message:
          "an override's minReplicas must not exceed maxReplicas (while the override is active ARC raises the count to it, past maxReplicas)",
        example: `minReplicas: ${max}`,
      });
    }
  });
  return out;
}

/**
 * Can the autoscaler ever leave zero? PercentageRunnersBusy alone divides by zero runners;
 * a scheduled override that raises minReplicas runs runners during its window (ARC applies
 * the override's minimum before any metric).
 */
export function ruleScaleFromZero(o: HorizontalRunnerAutoscalerOptions, at: string): Found[] {
  if (isUnresolved(o.minReplicas) || o.minReplicas !== 0) return [];
  const types = (o.metrics ?? []).map((m) => m.type);
  const hasQueued = types.includes(QUEUED);
  const hasTrigger = (o.scaleUpTriggers ?? []).length > 0;
  const overrideRaises = (o.scheduledOverrides ?? []).some((s) => (s.minReplicas ?? 0) > 0);
  if (hasQueued || hasTrigger || overrideRaises) return [];
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
