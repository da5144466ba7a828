// HorizontalRunnerAutoscaler rules of the PercentageRunnersBusy metric: numbers that parse,
// thresholds that are fractions in the right order, factors that move the count, and a
// factor or an adjustment per direction.
import { isUnresolved } from "../../../core/rules/problem";
import { defineRule } from "../../../core/rules/rule";
import type { PercentageRunnersBusyMetric } from "./horizontal-runner-autoscaler";
import { Found, isWholeNumber } from "./hra-rule-support";

/** A scale-down threshold above 0 (the autoscaler's target has no fixed replicas). */
export const ARC_HRA_BUSY_SCALE_DOWN_ZERO = defineRule({
  id: "ARC-HRA-BUSY-SCALE-DOWN-ZERO",
  kind: "validity",
  severity: "error",
  rationale:
    "With scaleDownThreshold 0 and no replicas on the target (an autoscaled target has none until ARC sets them), an idle pool is neither above the scale-up nor below the scale-down threshold, and ARC dereferences the target's missing replicas: the controller panics.",
  example: 'scaleDownThreshold: "0.3"',
});

/** ARC's defaults when a PercentageRunnersBusy field is unset. */
const BUSY_DEFAULTS = { scaleUpThreshold: 0.8, scaleDownThreshold: 0.3 };

/** Thresholds and factors are decimal numbers. */
export const ARC_HRA_BUSY_NUMBER = defineRule({
  id: "ARC-HRA-BUSY-NUMBER",
  kind: "validity",
  severity: "error",
  rationale:
    "ARC parses thresholds and factors with strconv.ParseFloat and stops scaling the target when one fails.",
  example: 'scaleUpThreshold: "0.75"',
});

/** Thresholds are fractions from 0 to 1. */
export const ARC_HRA_BUSY_THRESHOLD_RANGE = defineRule({
  id: "ARC-HRA-BUSY-THRESHOLD-RANGE",
  kind: "validity",
  severity: "error",
  rationale:
    "The thresholds compare with the fraction of busy runners, which is never below 0 or above 1.",
  example: 'scaleUpThreshold: "0.75", scaleDownThreshold: "0.25"',
});

/** The scale-down threshold is below the scale-up threshold. */
export const ARC_HRA_BUSY_THRESHOLD_ORDER = defineRule({
  id: "ARC-HRA-BUSY-THRESHOLD-ORDER",
  kind: "policy",
  severity: "error",
  rationale:
    "When the scale-down threshold is not below the scale-up threshold (defaults 0.3 and 0.8), the autoscaler flaps between scaling up and down.",
  example: 'scaleUpThreshold: "0.75", scaleDownThreshold: "0.25"',
});

/** Factors move the count in their direction. */
export const ARC_HRA_BUSY_FACTOR_RANGE = defineRule({
  id: "ARC-HRA-BUSY-FACTOR-RANGE",
  kind: "validity",
  severity: "error",
  rationale:
    "ceil(replicas × scaleUpFactor) only grows the pool with a factor above 1, floor(replicas × scaleDownFactor) only shrinks it with one from 0 to below 1.",
  example: 'scaleUpFactor: "2", scaleDownFactor: "0.5"',
});

/** A factor or a non-zero adjustment per direction, not both. */
export const ARC_HRA_BUSY_FACTOR_OR_ADJUSTMENT = defineRule({
  id: "ARC-HRA-BUSY-FACTOR-OR-ADJUSTMENT",
  kind: "validity",
  severity: "error",
  rationale:
    "ARC stops scaling the target when one direction has both a factor and a non-zero adjustment (an adjustment of 0 counts as unset).",
  example: "scaleUpAdjustment: 2 (without scaleUpFactor)",
});

/** Adjustments are whole numbers ≥ 0. */
export const ARC_HRA_BUSY_ADJUSTMENT = defineRule({
  id: "ARC-HRA-BUSY-ADJUSTMENT",
  kind: "validity",
  severity: "error",
  rationale: "An adjustment is a whole number of runners added or removed per step.",
  example: "scaleUpAdjustment: 2",
});

function parseNumber(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number") return value;
  if (!/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) return Number.NaN;
  return Number(value);
}

/** PercentageRunnersBusy: numbers parse, thresholds in [0, 1] with down < up, factor XOR adjustment, adjustments ≥ 0. */
export function rulePercentageRunnersBusy(m: PercentageRunnersBusyMetric, at: string): Found[] {
  const out: Found[] = [];
  const parsed: Record<string, number | undefined> = {};
  const fields = [
    "scaleUpThreshold",
    "scaleDownThreshold",
    "scaleUpFactor",
    "scaleDownFactor",
  ] as const;
  for (const f of fields) {
    const raw = m[f];
    if (raw === undefined || isUnresolved(raw)) continue;
    const n = parseNumber(raw);
    if (n === undefined || Number.isNaN(n)) {
      out.push({
        rule: ARC_HRA_BUSY_NUMBER,
        field: `${at}.${f}`,
        value: raw,
        message: "must be a decimal number (ARC parses it with strconv.ParseFloat)",
        example: f.endsWith("Factor") ? '"1.5"' : '"0.75"',
      });
      continue;
    }
    parsed[f] = n;
  }
  for (const f of ["scaleUpThreshold", "scaleDownThreshold"] as const) {
    const n = parsed[f];
    if (n !== undefined && (n < 0 || n > 1)) {
      out.push({
        rule: ARC_HRA_BUSY_THRESHOLD_RANGE,
        field: `${at}.${f}`,
        value: m[f],
        message: "is a fraction of busy runners and must be from 0 to 1",
        example: f === "scaleUpThreshold" ? '"0.75"' : '"0.25"',
      });
    }
  }
  if (parsed.scaleDownThreshold !== undefined && parsed.scaleDownThreshold === 0) {
    out.push({
      rule: ARC_HRA_BUSY_SCALE_DOWN_ZERO,
      field: `${at}.scaleDownThreshold`,
      value: m.scaleDownThreshold,
      message:
        "must be above 0: with 0, an idle pool whose target has no replicas yet sends ARC down a path that dereferences the missing replicas, and the controller panics",
      example: '"0.3"',
    });
  }
  const up = parsed.scaleUpThreshold ?? BUSY_DEFAULTS.scaleUpThreshold;
  const down = parsed.scaleDownThreshold ?? BUSY_DEFAULTS.scaleDownThreshold;
  if (
    (parsed.scaleUpThreshold !== undefined || parsed.scaleDownThreshold !== undefined) &&
    !(down < up)
  ) {
    out.push({
      rule: ARC_HRA_BUSY_THRESHOLD_ORDER,
      field: `${at}.scaleDownThreshold`,
      value: {
        scaleDownThreshold: m.scaleDownThreshold ?? "0.3 (default)",
        scaleUpThreshold: m.scaleUpThreshold ?? "0.8 (default)",
      },
      message:
        "must be lower than scaleUpThreshold, or the autoscaler flaps between scaling up and down",
      example: 'scaleUpThreshold: "0.75", scaleDownThreshold: "0.25"',
    });
  }
  if (parsed.scaleUpFactor !== undefined && !(parsed.scaleUpFactor > 1)) {
    out.push({
      rule: ARC_HRA_BUSY_FACTOR_RANGE,
      field: `${at}.scaleUpFactor`,
      value: m.scaleUpFactor,
      message: "must be greater than 1 (ceil(replicas × factor) must grow the pool)",
      example: '"2"',
    });
  }
  if (
    parsed.scaleDownFactor !== undefined &&
    !(parsed.scaleDownFactor >= 0 && parsed.scaleDownFactor < 1)
  ) {
    out.push({
      rule: ARC_HRA_BUSY_FACTOR_RANGE,
      field: `${at}.scaleDownFactor`,
      value: m.scaleDownFactor,
      message: "must be from 0 to below 1 (floor(replicas × factor) must shrink the pool)",
      example: '"0.5"',
    });
  }
  for (const [dir, factor, adjustment] of [
    ["Up", m.scaleUpFactor, m.scaleUpAdjustment],
    ["Down", m.scaleDownFactor, m.scaleDownAdjustment],
  ] as const) {
    // An adjustment of 0 is ARC's "unset" (autoscaling.go:268-277, 285-294).
    if (factor !== undefined && adjustment !== undefined && adjustment !== 0) {
      out.push({
        rule: ARC_HRA_BUSY_FACTOR_OR_ADJUSTMENT,
        field: `${at}.scale${dir}Adjustment`,
        value: { [`scale${dir}Factor`]: factor, [`scale${dir}Adjustment`]: adjustment },
        message: `scale${dir}Factor and scale${dir}Adjustment are mutually exclusive: set one of them`,
        example: `scale${dir}Adjustment: 2`,
      });
    }
    if (
      adjustment !== undefined &&
      !isUnresolved(adjustment) &&
      (!isWholeNumber(adjustment) || adjustment < 0)
    ) {
      out.push({
        rule: ARC_HRA_BUSY_ADJUSTMENT,
        field: `${at}.scale${dir}Adjustment`,
        value: adjustment,
        message: "must be a whole number ≥ 0",
        example: "2",
      });
    }
  }
  return out;
}
