// The HorizontalRunnerAutoscaler rules ARC itself only reports as runtime events after
// deploy (there is no HRA admission webhook). Each rule is a small pure function that
// returns problems; `checkHorizontalRunnerAutoscaler` runs them all.
import { isUnresolved, Problem } from "../../../core/validation";
import type {
  HorizontalRunnerAutoscalerOptions,
  HraMetric,
  HraScheduledOverride,
  PercentageRunnersBusyMetric,
} from "./horizontal-runner-autoscaler";
import { addPeriod, parseGoDuration, parseRfc3339 } from "./time-formats";

/** Where the scaled runners register: decides what the queued-runs metric can count. */
export type ArcRunnerScope = "repository" | "organization" | "enterprise";

const BUSY = "PercentageRunnersBusy";
const QUEUED = "TotalNumberOfQueuedAndInProgressWorkflowRuns";
/** ARC's defaults when a PercentageRunnersBusy field is unset. */
const BUSY_DEFAULTS = { scaleUpThreshold: 0.8, scaleDownThreshold: 0.3 };

type Found = Problem | undefined;

const PERIOD_NAME: Record<string, string> = {
  Daily: "day",
  Weekly: "week",
  Monthly: "month",
  Yearly: "year",
};

function isWholeNumber(value: number): boolean {
  return Number.isInteger(value);
}

/** `minReplicas`/`maxReplicas`: whole numbers, 0 ≤ min ≤ max, max ≥ 1. */
export function ruleReplicaRange(o: HorizontalRunnerAutoscalerOptions, at: string): Found[] {
  const { minReplicas: min, maxReplicas: max } = o;
  if (isUnresolved(min) || isUnresolved(max)) return [];
  const out: Found[] = [];
  if (!isWholeNumber(min) || min < 0) {
    out.push({
      field: `${at}.minReplicas`,
      value: min,
      rule: "must be a whole number ≥ 0",
      example: "0",
    });
  }
  if (!isWholeNumber(max) || max < 1) {
    out.push({
      field: `${at}.maxReplicas`,
      value: max,
      rule: "must be a whole number ≥ 1",
      example: "10",
    });
  }
  if (min > max) {
    out.push({
      field: `${at}.minReplicas`,
      value: { minReplicas: min, maxReplicas: max },
      rule: "minReplicas must not exceed maxReplicas (ARC would clamp every count to maxReplicas)",
      example: `minReplicas: ${max}, maxReplicas: ${max}`,
    });
  }
  return out;
}

/** At most two metrics; two only as `[PercentageRunnersBusy, TotalNumberOfQueuedAndInProgressWorkflowRuns]`. */
export function ruleMetricOrder(metrics: readonly HraMetric[], at: string): Found[] {
  const types = metrics.map((m) => m.type);
  const known = [BUSY, QUEUED] as string[];
  const out: Found[] = types.map((t, i) =>
    known.includes(t)
      ? undefined
      : {
          field: `${at}.metrics[${i}].type`,
          value: t,
          rule: `unknown metric; ARC supports ${BUSY} and ${QUEUED}`,
          example: `"${QUEUED}"`,
        },
  );
  if (types.length > 2) {
    out.push({
      field: `${at}.metrics`,
      value: types,
      rule: "ARC uses at most two metrics (it reports an error for more)",
      example: `[{ type: "${BUSY}" }, { type: "${QUEUED}" }]`,
    });
  } else if (types.length === 2 && !(types[0] === BUSY && types[1] === QUEUED)) {
    out.push({
      field: `${at}.metrics`,
      value: types,
      rule: `with two metrics ARC only supports ${BUSY} first and ${QUEUED} second (the second is consulted only when the first suggests 0)`,
      example: `[{ type: "${BUSY}" }, { type: "${QUEUED}" }]`,
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
        field: `${at}.minReplicas`,
        value: 0,
        rule: `with minReplicas 0 and only ${BUSY}, ARC can never scale up from zero: the metric is busy runners ÷ current runners, and with no runners no job can make one busy. Add ${QUEUED} as the second metric or a webhook scaleUpTrigger, or set minReplicas ≥ 1`,
        example: `metrics: [{ type: "${BUSY}" }, { type: "${QUEUED}" }]`,
      },
    ];
  }
  const overrideRaises = (o.scheduledOverrides ?? []).some((s) => (s.minReplicas ?? 0) > 0);
  if (!overrideRaises) {
    return [
      {
        field: `${at}.minReplicas`,
        value: 0,
        rule: "with minReplicas 0, no metric, no webhook trigger and no scheduled override that raises minReplicas, the pool never runs a runner",
        example: `metrics: [{ type: "${QUEUED}" }]`,
      },
    ];
  }
  return [];
}

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
        field: `${at}.${f}`,
        value: raw,
        rule: "must be a decimal number (ARC parses it with strconv.ParseFloat)",
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
        field: `${at}.${f}`,
        value: m[f],
        rule: "is a fraction of busy runners and must be from 0 to 1",
        example: f === "scaleUpThreshold" ? '"0.75"' : '"0.25"',
      });
    }
  }
  const up = parsed.scaleUpThreshold ?? BUSY_DEFAULTS.scaleUpThreshold;
  const down = parsed.scaleDownThreshold ?? BUSY_DEFAULTS.scaleDownThreshold;
  if (
    (parsed.scaleUpThreshold !== undefined || parsed.scaleDownThreshold !== undefined) &&
    !(down < up)
  ) {
    out.push({
      field: `${at}.scaleDownThreshold`,
      value: {
        scaleDownThreshold: m.scaleDownThreshold ?? "0.3 (default)",
        scaleUpThreshold: m.scaleUpThreshold ?? "0.8 (default)",
      },
      rule: "must be lower than scaleUpThreshold, or the autoscaler flaps between scaling up and down",
      example: 'scaleUpThreshold: "0.75", scaleDownThreshold: "0.25"',
    });
  }
  if (parsed.scaleUpFactor !== undefined && !(parsed.scaleUpFactor > 1)) {
    out.push({
      field: `${at}.scaleUpFactor`,
      value: m.scaleUpFactor,
      rule: "must be greater than 1 (ceil(replicas × factor) must grow the pool)",
      example: '"2"',
    });
  }
  if (
    parsed.scaleDownFactor !== undefined &&
    !(parsed.scaleDownFactor >= 0 && parsed.scaleDownFactor < 1)
  ) {
    out.push({
      field: `${at}.scaleDownFactor`,
      value: m.scaleDownFactor,
      rule: "must be from 0 to below 1 (floor(replicas × factor) must shrink the pool)",
      example: '"0.5"',
    });
  }
  for (const [dir, factor, adjustment] of [
    ["Up", m.scaleUpFactor, m.scaleUpAdjustment],
    ["Down", m.scaleDownFactor, m.scaleDownAdjustment],
  ] as const) {
    if (factor !== undefined && adjustment !== undefined) {
      out.push({
        field: `${at}.scale${dir}Adjustment`,
        value: { [`scale${dir}Factor`]: factor, [`scale${dir}Adjustment`]: adjustment },
        rule: `scale${dir}Factor and scale${dir}Adjustment are mutually exclusive: set one of them`,
        example: `scale${dir}Adjustment: 2`,
      });
    }
    if (
      adjustment !== undefined &&
      !isUnresolved(adjustment) &&
      (!isWholeNumber(adjustment) || adjustment < 0)
    ) {
      out.push({
        field: `${at}.scale${dir}Adjustment`,
        value: adjustment,
        rule: "must be a whole number ≥ 0",
        example: "2",
      });
    }
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
        field: `${at}.repositoryNames`,
        value: metric.repositoryNames,
        rule: `${QUEUED} for an organization-scoped runner needs repositoryNames (ARC counts queued and running jobs per repository)`,
        example: '["my-org/app", "my-org/infra"]',
      },
    ];
  }
  if (scope === "enterprise") {
    return [
      {
        field: `${at}.type`,
        value: QUEUED,
        rule: `${QUEUED} cannot count jobs of an enterprise-scoped runner; use ${BUSY} or a webhook scaleUpTrigger`,
        example: `{ type: "${BUSY}" }`,
      },
    ];
  }
  return [];
}

/** A scheduled override: RFC 3339 times, start < end, length ≤ its frequency's period, untilTime after start. */
export function ruleScheduledOverride(s: HraScheduledOverride, at: string): Found[] {
  const out: Found[] = [];
  const time = (field: "startTime" | "endTime", value: string) => {
    if (isUnresolved(value)) return undefined;
    const ms = parseRfc3339(value);
    if (ms === undefined) {
      out.push({
        field: `${at}.${field}`,
        value,
        rule: "must be an RFC 3339 date-time with an offset",
        example: '"2025-01-06T08:00:00+01:00"',
      });
    }
    return ms;
  };
  const start = time("startTime", s.startTime);
  const end = time("endTime", s.endTime);
  if (start !== undefined && end !== undefined && !(start < end)) {
    out.push({
      field: `${at}.endTime`,
      value: { startTime: s.startTime, endTime: s.endTime },
      rule: "must be after startTime",
      example: '"2025-01-06T18:00:00+01:00"',
    });
  }
  const rule = s.recurrenceRule;
  if (rule) {
    const frequencies = ["Daily", "Weekly", "Monthly", "Yearly"];
    if (!frequencies.includes(rule.frequency)) {
      out.push({
        field: `${at}.recurrenceRule.frequency`,
        value: rule.frequency,
        rule: `must be one of ${frequencies.join(", ")}`,
        example: '"Weekly"',
      });
    } else if (
      start !== undefined &&
      end !== undefined &&
      start < end &&
      end > addPeriod(start, rule.frequency)
    ) {
      out.push({
        field: `${at}.endTime`,
        value: { startTime: s.startTime, endTime: s.endTime, frequency: rule.frequency },
        rule: `a ${rule.frequency} override may last at most one ${PERIOD_NAME[rule.frequency]} (ARC rejects windows longer than their recurrence period)`,
        example: "shorten the window or pick a longer frequency",
      });
    }
    if (rule.untilTime !== undefined && !isUnresolved(rule.untilTime)) {
      const until = parseRfc3339(rule.untilTime);
      if (until === undefined) {
        out.push({
          field: `${at}.recurrenceRule.untilTime`,
          value: rule.untilTime,
          rule: "must be an RFC 3339 date-time with an offset",
          example: '"2025-12-31T00:00:00Z"',
        });
      } else if (start !== undefined && !(until > start)) {
        out.push({
          field: `${at}.recurrenceRule.untilTime`,
          value: { startTime: s.startTime, untilTime: rule.untilTime },
          rule: "must be after startTime, or the override never recurs",
          example: '"2025-12-31T00:00:00Z"',
        });
      }
    }
  }
  if (
    s.minReplicas !== undefined &&
    !isUnresolved(s.minReplicas) &&
    (!isWholeNumber(s.minReplicas) || s.minReplicas < 0)
  ) {
    out.push({
      field: `${at}.minReplicas`,
      value: s.minReplicas,
      rule: "must be a whole number ≥ 0",
      example: "0",
    });
  }
  return out;
}

/** Webhook triggers: exactly one, with a positive Go duration. */
export function ruleScaleUpTriggers(o: HorizontalRunnerAutoscalerOptions, at: string): Found[] {
  const triggers = o.scaleUpTriggers;
  if (triggers === undefined) return [];
  const out: Found[] = [];
  if (triggers.length !== 1) {
    out.push({
      field: `${at}.scaleUpTriggers`,
      value: triggers.length,
      rule: "ARC's webhook server only matches an autoscaler with exactly one scaleUpTriggers entry",
      example: '[{ githubEvent: { workflowJob: {} }, duration: "30m" }]',
    });
  }
  triggers.forEach((t, i) => {
    if (!t.githubEvent || !t.githubEvent.workflowJob) {
      out.push({
        field: `${at}.scaleUpTriggers[${i}].githubEvent`,
        value: t.githubEvent,
        rule: "must be { workflowJob: {} } (the only event ARC's webhook server scales on)",
        example: "{ workflowJob: {} }",
      });
    }
    if (t.duration !== undefined && !isUnresolved(t.duration)) {
      const seconds = parseGoDuration(t.duration);
      if (seconds === undefined) {
        out.push({
          field: `${at}.scaleUpTriggers[${i}].duration`,
          value: t.duration,
          rule: "must be a Go duration (number + unit h, m, s, ms)",
          example: '"30m"',
        });
      } else if (seconds <= 0) {
        out.push({
          field: `${at}.scaleUpTriggers[${i}].duration`,
          value: t.duration,
          rule: "must be positive (ARC silently uses 10m otherwise)",
          example: '"30m"',
        });
      }
    }
    if (
      t.amount !== undefined &&
      !isUnresolved(t.amount) &&
      (!isWholeNumber(t.amount) || t.amount < 1)
    ) {
      out.push({
        field: `${at}.scaleUpTriggers[${i}].amount`,
        value: t.amount,
        rule: "must be a whole number ≥ 1",
        example: "1",
      });
    }
  });
  return out;
}

/** `scaleDownDelaySecondsAfterScaleOut`: whole seconds ≥ 0. */
export function ruleScaleDownDelay(o: HorizontalRunnerAutoscalerOptions, at: string): Found[] {
  const d = o.scaleDownDelaySecondsAfterScaleOut;
  if (d === undefined || isUnresolved(d) || (isWholeNumber(d) && d >= 0)) return [];
  return [
    {
      field: `${at}.scaleDownDelaySecondsAfterScaleOut`,
      value: d,
      rule: "must be a whole number of seconds ≥ 0",
      example: "300",
    },
  ];
}

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
