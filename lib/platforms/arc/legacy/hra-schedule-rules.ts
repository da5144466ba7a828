// HorizontalRunnerAutoscaler rules of scheduled overrides: RFC 3339 times, a window that
// ends after it starts and fits its recurrence period, an untilTime after the start.
import { isUnresolved } from "../../../core/rules/problem";
import { defineRule } from "../../../core/rules/rule";
import type { HraScheduledOverride } from "./horizontal-runner-autoscaler";
import { Found, isWholeNumber } from "./hra-rule-support";
import { parseRfc3339, shortestPeriodMs } from "./time-formats";

const FREQUENCIES = ["Daily", "Weekly", "Monthly", "Yearly"];

const PERIOD_NAME: Record<string, string> = {
  Daily: "24 hours",
  Weekly: "7 days",
  Monthly: "28 days (the length of a month measured from a day in February)",
  Yearly: "365 days",
};

/** Override times are RFC 3339 date-times with an offset. */
export const ARC_HRA_OVERRIDE_TIME_FORMAT = defineRule({
  id: "ARC-HRA-OVERRIDE-TIME-FORMAT",
  kind: "validity",
  severity: "error",
  rationale:
    "startTime, endTime and untilTime are CRD date-time fields; Kubernetes rejects anything but RFC 3339 with an offset.",
  example: '"2025-01-06T08:00:00+01:00"',
});

/** An override ends after it starts. */
export const ARC_HRA_OVERRIDE_WINDOW = defineRule({
  id: "ARC-HRA-OVERRIDE-WINDOW",
  kind: "validity",
  severity: "error",
  rationale: "A window that ends before (or when) it starts is never active.",
  example: 'startTime: "2025-01-06T08:00:00+01:00", endTime: "2025-01-06T18:00:00+01:00"',
});

/** A recurrence frequency ARC knows. */
export const ARC_HRA_OVERRIDE_FREQUENCY = defineRule({
  id: "ARC-HRA-OVERRIDE-FREQUENCY",
  kind: "validity",
  severity: "error",
  rationale: "ARC repeats a window Daily, Weekly, Monthly or Yearly; it rejects other frequencies.",
  example: '"Weekly"',
});

/** A recurring window fits in one period of its frequency. */
export const ARC_HRA_OVERRIDE_WINDOW_LENGTH = defineRule({
  id: "ARC-HRA-OVERRIDE-WINDOW-LENGTH",
  kind: "validity",
  severity: "error",
  rationale:
    "On every reconcile ARC compares the window with one period of its frequency measured from now (Daily 24h, Weekly 7 days, Monthly 28 to 31 days, Yearly 365 or 366 days) and stops reconciling the autoscaler when the window is longer: a window must fit the shortest period (a 30-day Monthly window fails every February).",
  example: 'frequency: "Weekly" for a window of up to seven days, or a shorter window',
});

/** A recurrence's untilTime is after the first window starts. */
export const ARC_HRA_OVERRIDE_UNTIL = defineRule({
  id: "ARC-HRA-OVERRIDE-UNTIL",
  kind: "validity",
  severity: "error",
  rationale: "An untilTime before the first startTime ends the recurrence before it begins.",
  example: '"2025-12-31T00:00:00Z"',
});

/** An override's `minReplicas` is a whole number ≥ 0. */
export const ARC_HRA_OVERRIDE_MIN_REPLICAS = defineRule({
  id: "ARC-HRA-OVERRIDE-MIN-REPLICAS",
  kind: "validity",
  severity: "error",
  rationale: "The CRD takes a whole, non-negative replica count.",
  example: "0",
});

/** A scheduled override: RFC 3339 times, start < end, length ≤ its frequency's period, untilTime after start. */
export function ruleScheduledOverride(s: HraScheduledOverride, at: string): Found[] {
  const out: Found[] = [];
  const time = (field: "startTime" | "endTime", value: string) => {
    if (isUnresolved(value)) return undefined;
    const ms = parseRfc3339(value);
    if (ms === undefined) {
      out.push({
        rule: ARC_HRA_OVERRIDE_TIME_FORMAT,
        field: `${at}.${field}`,
        value,
        message: "must be an RFC 3339 date-time with an offset",
        example: '"2025-01-06T08:00:00+01:00"',
      });
    }
    return ms;
  };
  const start = time("startTime", s.startTime);
  const end = time("endTime", s.endTime);
  if (start !== undefined && end !== undefined && !(start < end)) {
    out.push({
      rule: ARC_HRA_OVERRIDE_WINDOW,
      field: `${at}.endTime`,
      value: { startTime: s.startTime, endTime: s.endTime },
      message: "must be after startTime",
      example: '"2025-01-06T18:00:00+01:00"',
    });
  }
  const rule = s.recurrenceRule;
  if (rule) {
    if (!FREQUENCIES.includes(rule.frequency)) {
      out.push({
        rule: ARC_HRA_OVERRIDE_FREQUENCY,
        field: `${at}.recurrenceRule.frequency`,
        value: rule.frequency,
        message: `must be one of ${FREQUENCIES.join(", ")}`,
        example: '"Weekly"',
      });
    } else if (
      start !== undefined &&
      end !== undefined &&
      start < end &&
      end - start > shortestPeriodMs(rule.frequency)
    ) {
      out.push({
        rule: ARC_HRA_OVERRIDE_WINDOW_LENGTH,
        field: `${at}.endTime`,
        value: { startTime: s.startTime, endTime: s.endTime, frequency: rule.frequency },
        message: `a ${rule.frequency} override may last at most ${PERIOD_NAME[rule.frequency]} (ARC measures one period from the current time on every reconcile, and stops reconciling the autoscaler whenever the window is longer)`,
        example: "shorten the window or pick a longer frequency",
      });
    }
    if (rule.untilTime !== undefined && !isUnresolved(rule.untilTime)) {
      const until = parseRfc3339(rule.untilTime);
      if (until === undefined) {
        out.push({
          rule: ARC_HRA_OVERRIDE_TIME_FORMAT,
          field: `${at}.recurrenceRule.untilTime`,
          value: rule.untilTime,
          message: "must be an RFC 3339 date-time with an offset",
          example: '"2025-12-31T00:00:00Z"',
        });
      } else if (start !== undefined && !(until > start)) {
        out.push({
          rule: ARC_HRA_OVERRIDE_UNTIL,
          field: `${at}.recurrenceRule.untilTime`,
          value: { startTime: s.startTime, untilTime: rule.untilTime },
          message: "must be after startTime, or the override never recurs",
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
      rule: ARC_HRA_OVERRIDE_MIN_REPLICAS,
      field: `${at}.minReplicas`,
      value: s.minReplicas,
      message: "must be a whole number ≥ 0",
      example: "0",
    });
  }
  return out;
}
