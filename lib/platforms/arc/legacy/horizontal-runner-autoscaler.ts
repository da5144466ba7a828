import { sortKeys } from "../../../core/labels";
import type { RecurrenceFrequency } from "./time-formats";

/** API group/version of ARC's legacy (summerwind) custom resources. */
export const ARC_LEGACY_API_VERSION = "actions.summerwind.dev/v1alpha1";

/**
 * `PercentageRunnersBusy`: scale by the fraction of the target's runners GitHub reports busy.
 * Per direction, use a factor **or** an adjustment. Numbers may be given as strings
 * (ARC stores them as strings) or numbers.
 */
export interface PercentageRunnersBusyMetric {
  readonly type: "PercentageRunnersBusy";
  /** Busy fraction at or above which ARC scales up. @default "0.8" (ARC's default) */
  readonly scaleUpThreshold?: string | number;
  /** Busy fraction below which ARC scales down. @default "0.3" (ARC's default) */
  readonly scaleDownThreshold?: string | number;
  /** Multiplier on scale-up (`ceil(replicas × factor)`), > 1. @default "1.3" unless `scaleUpAdjustment` */
  readonly scaleUpFactor?: string | number;
  /** Multiplier on scale-down (`floor(replicas × factor)`), from 0 to < 1. @default "0.7" unless `scaleDownAdjustment` */
  readonly scaleDownFactor?: string | number;
  /** Runners added on scale-up (instead of a factor). @default none */
  readonly scaleUpAdjustment?: number;
  /** Runners removed on scale-down (instead of a factor). @default none */
  readonly scaleDownAdjustment?: number;
}

/** `TotalNumberOfQueuedAndInProgressWorkflowRuns`: scale to the number of queued + running jobs. */
export interface QueuedAndInProgressWorkflowRunsMetric {
  readonly type: "TotalNumberOfQueuedAndInProgressWorkflowRuns";
  /**
   * Bare names of the organization's repositories whose jobs are counted (`"app"`, not
   * `"my-org/app"`: ARC prefixes the organization); required for an organization-scoped
   * target, ignored for a repository-scoped one. @default the target repository
   */
  readonly repositoryNames?: string[];
}

/** A pull metric of a HorizontalRunnerAutoscaler. */
export type HraMetric = PercentageRunnersBusyMetric | QueuedAndInProgressWorkflowRunsMetric;

/** A webhook-driven scale-up trigger: each `workflow_job` `queued` event reserves a runner for `duration`. */
export interface HraScaleUpTrigger {
  /** The GitHub event; only `workflow_job` is supported by ARC's webhook server. */
  readonly githubEvent: { readonly workflowJob: Record<string, never> };
  /** How long each reservation lasts, as a Go duration (`30m`, `1h`). @default "10m" (ARC's default) */
  readonly duration?: string;
  /**
   * Replicas per event. ARC ignores it for `workflowJob` (one runner per queued job), so
   * only 1 is accepted.
   * @deprecated ARC always reserves one runner per queued job; omit it.
   * @default 1
   */
  readonly amount?: number;
}

/** A recurrence for a scheduled override. */
export interface HraRecurrenceRule {
  /** How often the [startTime, endTime) window repeats. */
  readonly frequency: RecurrenceFrequency;
  /** Last time a recurrence may start (RFC 3339). @default repeats forever */
  readonly untilTime?: string;
}

/** Overrides `minReplicas` during a time window; earlier entries win when several are active. */
export interface HraScheduledOverride {
  /** Window start, RFC 3339 (`2025-01-06T08:00:00+01:00`). */
  readonly startTime: string;
  /** Window end, RFC 3339; after `startTime` and within one period of the recurrence. */
  readonly endTime: string;
  /** `minReplicas` while the window is active. @default unchanged */
  readonly minReplicas?: number;
  /** Repeat the window. @default a one-off window */
  readonly recurrenceRule?: HraRecurrenceRule;
}

/** Autoscaling of a legacy-mode RunnerDeployment or RunnerSet (a `HorizontalRunnerAutoscaler`). */
export interface HorizontalRunnerAutoscalerOptions {
  /** Fewest runners (0 allows scale to zero, which needs the queued metric, a webhook trigger or an override that raises it). */
  readonly minReplicas: number;
  /** Most runners (0 pauses the pool). */
  readonly maxReplicas: number;
  /** Pull metrics: `[PercentageRunnersBusy]`, `[TotalNumberOf…]` or both in that order. @default none */
  readonly metrics?: HraMetric[];
  /** Webhook triggers (exactly one, `githubEvent.workflowJob`); needs the controller's webhook server. @default none */
  readonly scaleUpTriggers?: HraScaleUpTrigger[];
  /** Time windows with a different `minReplicas`. @default none */
  readonly scheduledOverrides?: HraScheduledOverride[];
  /** Seconds to hold the count after a scale-out before scaling down. @default the controller's `defaultScaleDownDelay` (10m) */
  readonly scaleDownDelaySecondsAfterScaleOut?: number;
}

/** What an autoscaler scales. */
export interface HraScaleTarget {
  /** `RunnerDeployment` or `RunnerSet`. */
  readonly kind: "RunnerDeployment" | "RunnerSet";
  /** Name of the target object. */
  readonly name: string;
  /** Namespace of the target (the HRA lives beside it). */
  readonly namespace: string;
}

function numberText(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

function renderMetric(metric: HraMetric): Record<string, unknown> {
  if (metric.type === "TotalNumberOfQueuedAndInProgressWorkflowRuns") {
    return sortKeys({
      type: metric.type,
      repositoryNames: metric.repositoryNames ? [...metric.repositoryNames] : undefined,
    });
  }
  return sortKeys({
    type: metric.type,
    scaleUpThreshold: numberText(metric.scaleUpThreshold),
    scaleDownThreshold: numberText(metric.scaleDownThreshold),
    scaleUpFactor: numberText(metric.scaleUpFactor),
    scaleDownFactor: numberText(metric.scaleDownFactor),
    scaleUpAdjustment: metric.scaleUpAdjustment,
    scaleDownAdjustment: metric.scaleDownAdjustment,
  });
}

/** Renders the `HorizontalRunnerAutoscaler` object for a target. */
export function renderHorizontalRunnerAutoscaler(
  name: string,
  target: HraScaleTarget,
  options: HorizontalRunnerAutoscalerOptions,
  labels: Record<string, string>,
): Record<string, unknown> {
  return {
    apiVersion: ARC_LEGACY_API_VERSION,
    kind: "HorizontalRunnerAutoscaler",
    metadata: { name, namespace: target.namespace, labels: sortKeys(labels) },
    spec: {
      scaleTargetRef: { kind: target.kind, name: target.name },
      minReplicas: options.minReplicas,
      maxReplicas: options.maxReplicas,
      metrics: options.metrics?.map(renderMetric),
      scaleUpTriggers: options.scaleUpTriggers?.map((t) => ({
        githubEvent: { workflowJob: {} },
        duration: t.duration,
        amount: t.amount,
      })),
      scheduledOverrides: options.scheduledOverrides?.map((o) => ({
        startTime: o.startTime,
        endTime: o.endTime,
        minReplicas: o.minReplicas,
        recurrenceRule: o.recurrenceRule
          ? { frequency: o.recurrenceRule.frequency, untilTime: o.recurrenceRule.untilTime }
          : undefined,
      })),
      scaleDownDelaySecondsAfterScaleOut: options.scaleDownDelaySecondsAfterScaleOut,
    },
  };
}
