// ARC legacy HorizontalRunnerAutoscaler decisions, mirrored from actions-runner-controller
// v0.27.6 (controllers/actions.summerwind.net). One decision = what `getMinReplicas` and
// `computeReplicasWithCache` (with `suggestDesiredReplicas`) return for the same inputs. The
// differential harness (scripts/simulate-harness.sh) runs the real functions on generated cases;
// test/cli/simulate/hra-differential.test.ts checks this module against its recorded output.

export interface HraMetric {
  readonly type: string;
  readonly scaleUpThreshold?: string;
  readonly scaleDownThreshold?: string;
  readonly scaleUpFactor?: string;
  readonly scaleDownFactor?: string;
  readonly scaleUpAdjustment?: number;
  readonly scaleDownAdjustment?: number;
}

export interface HraOverride {
  readonly startMs: number;
  readonly endMs: number;
  /** "", Daily or Weekly (Monthly and Yearly are not modelled) */
  readonly frequency: string;
  readonly untilMs?: number | null;
  readonly minReplicas?: number | null;
}

/** The inputs of one decision; the same JSON is a case of the Go harness. */
export interface HraCase {
  readonly id: string;
  readonly nowMs: number;
  readonly min?: number | null;
  readonly max?: number | null;
  /** the RunnerDeployment's runner labels */
  readonly labels: string[];
  readonly metrics: HraMetric[];
  /** workflow runs GitHub lists as queued or in_progress, with their jobs */
  readonly runs: { status: string; jobs: { status: string; labels: string[] }[] }[];
  readonly overrides: HraOverride[];
  readonly reservations: { expiresMs: number; replicas: number }[];
  /** HRA status.desiredReplicas */
  readonly statusDesired?: number | null;
  /** HRA status.lastSuccessfulScaleOutTime */
  readonly lastScaleOutMs?: number | null;
  /** spec.scaleDownDelaySecondsAfterScaleOut (unset: the controller default, 10 m) */
  readonly delaySeconds?: number | null;
  /** the target's spec.replicas (PercentageRunnersBusy's base) */
  readonly specReplicas?: number | null;
  /** runners GitHub lists, with busy flags */
  readonly runners: { name: string; busy: boolean }[];
  /** runner pods of the target (the runner map) */
  readonly pods: string[];
}

export interface HraDecision {
  readonly id: string;
  readonly min: number | null;
  readonly desired: number | null;
  readonly error?: string;
}

/** horizontalrunnerautoscaler_controller.go:58 */
const DEFAULT_REPLICAS = 1;
/** horizontalrunnerautoscaler_controller.go:44 (DefaultScaleDownDelay) */
export const DEFAULT_SCALE_DOWN_DELAY_SECONDS = 600;
const PERIOD_MS: Record<string, number> = { Daily: 86_400_000, Weekly: 7 * 86_400_000 };

class HraError extends Error {}

/** schedule.go:38-126: is an override active at `now` ([start, end) of a recurrence)? */
export function overrideActive(o: HraOverride, nowMs: number): boolean {
  const d = o.endMs - o.startMs;
  if (o.frequency === "") return nowMs >= o.startMs && nowMs < o.endMs; // :58-67
  const period = PERIOD_MS[o.frequency];
  if (period === undefined) {
    if (o.frequency === "Monthly" || o.frequency === "Yearly")
      throw new HraError(`frequency ${o.frequency} is not modelled by the simulator`);
    throw new HraError(
      `invalid freq "${o.frequency}": It must be one of "Daily", "Weekly", "Monthly", and "Yearly"`,
    );
  }
  if (d > period) throw new HraError(`override's duration is longer than its frequency`); // :81-84
  // rrule.Between(now - d + 1ns, now, inc=true): an occurrence t = start + k*period, k >= 0,
  // t <= until (when set), with now - d < t <= now (:94-105).
  if (nowMs < o.startMs) return false;
  const k = Math.floor((nowMs - o.startMs) / period);
  const t = o.startMs + k * period;
  if (o.untilMs !== undefined && o.untilMs !== null && t > o.untilMs) return false;
  return t > nowMs - d;
}

/** getMinReplicas (controller.go:454-468) with matchScheduledOverrides (:397-452). */
export function minReplicas(c: HraCase): number {
  let min = c.min !== undefined && c.min !== null && c.min >= 0 ? c.min : DEFAULT_REPLICAS;
  let active = false;
  for (const o of c.overrides) {
    // the first active override wins, even when it has no minReplicas (:426-438)
    if (overrideActive(o, c.nowMs) && !active) {
      active = true;
      if (o.minReplicas !== undefined && o.minReplicas !== null) min = o.minReplicas;
    }
  }
  return min;
}

/** autoscaling.go:92-243: queued + in_progress jobs whose labels the runner has. */
export function queuedAndInProgress(c: HraCase): number {
  const runnerLabels = new Set(c.labels);
  let n = 0;
  for (const run of c.runs) {
    if (run.status !== "queued" && run.status !== "in_progress") continue; // :191-211
    for (const job of run.jobs) {
      if (job.labels.length === 0) continue; // :149-153 (no labels: skipped)
      // exact, case-sensitive; only the literal `self-hosted` is skipped (:155-163)
      if (!job.labels.every((l) => l === "self-hosted" || runnerLabels.has(l))) continue;
      if (job.status === "in_progress" || job.status === "queued") n++; // :165-182
    }
  }
  return n; // :214
}

function parseFloatGo(s: string, name: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s))
    throw new HraError(
      `validating autoscaling metrics: spec.autoscaling.metrics[].${name} cannot be parsed into a float64`,
    );
  return Number(s);
}

/** autoscaling.go:245-402 (PercentageRunnersBusy). */
export function percentageRunnersBusy(c: HraCase, m: HraMetric): number {
  const up = m.scaleUpThreshold ? parseFloatGo(m.scaleUpThreshold, "scaleUpThreshold") : 0.8;
  const down = m.scaleDownThreshold
    ? parseFloatGo(m.scaleDownThreshold, "scaleDownThreshold")
    : 0.3;
  let upFactor = 1.3;
  let downFactor = 0.7;
  const upAdj = m.scaleUpAdjustment ?? 0;
  const downAdj = m.scaleDownAdjustment ?? 0;
  if (upAdj !== 0) {
    if (upAdj < 0)
      throw new HraError(
        "validating autoscaling metrics: spec.autoscaling.metrics[].scaleUpAdjustment cannot be lower than 0",
      );
    if (m.scaleUpFactor)
      throw new HraError(
        "validating autoscaling metrics: spec.autoscaling.metrics[]: scaleUpAdjustment and scaleUpFactor cannot be specified together",
      );
  } else if (m.scaleUpFactor) upFactor = parseFloatGo(m.scaleUpFactor, "scaleUpFactor");
  if (downAdj !== 0) {
    if (downAdj < 0)
      throw new HraError(
        "validating autoscaling metrics: spec.autoscaling.metrics[].scaleDownAdjustment cannot be lower than 0",
      );
    if (m.scaleDownFactor)
      throw new HraError(
        "validating autoscaling metrics: spec.autoscaling.metrics[]: scaleDownAdjustment and scaleDownFactor cannot be specified together",
      );
  } else if (m.scaleDownFactor) downFactor = parseFloatGo(m.scaleDownFactor, "scaleDownFactor");
  const pods = new Set(c.pods);
  const busy = c.runners.filter((r) => pods.has(r.name) && r.busy).length; // :360-372
  const before = c.specReplicas ?? 1; // :321-326
  const fraction = busy / before; // :383 (x/0 is +Inf or NaN, as in Go)
  if (fraction >= up) return upAdj > 0 ? before + upAdj : Math.ceil(before * upFactor); // :384-389
  if (fraction < down) return downAdj > 0 ? before - downAdj : Math.trunc(before * downFactor); // :390-395
  if (c.specReplicas === undefined || c.specReplicas === null)
    throw new HraError("nil spec.replicas (the controller would panic)"); // :397 derefs it
  return c.specReplicas;
}

const BUSY = "PercentageRunnersBusy";
const QUEUED = "TotalNumberOfQueuedAndInProgressWorkflowRuns";

/** autoscaling.go:26-90 (suggestDesiredReplicas); undefined = "none, use min". */
export function suggestDesiredReplicas(c: HraCase): number | undefined {
  if (c.min === undefined || c.min === null)
    throw new HraError("horizontalrunnerautoscaler default/sim is missing minReplicas");
  if (c.max === undefined || c.max === null)
    throw new HraError("horizontalrunnerautoscaler default/sim is missing maxReplicas");
  const metrics = c.metrics;
  if (metrics.length === 0) return undefined; // :36-39
  if (metrics.length > 2)
    throw new HraError(
      `too many autoscaling metrics configured: It must be 0 to 2, but got ${metrics.length}`,
    );
  const primary = metrics[0];
  let suggested: number;
  if (primary.type === QUEUED) suggested = queuedAndInProgress(c);
  else if (primary.type === BUSY) suggested = percentageRunnersBusy(c, primary);
  else throw new HraError(`validating autoscaling metrics: unsupported metric type`);
  if (suggested > 0) return suggested; // :64-66 (0 or less counts as "none")
  if (metrics.length === 1) return undefined; // :68-72
  if (primary.type !== BUSY || metrics[1].type !== QUEUED)
    throw new HraError("invalid HRA Spec: Metrics[0] cannot be combined with Metrics[1]");
  return queuedAndInProgress(c); // :89 (a 0 here is a real 0, not "none")
}

/** computeReplicasWithCache (controller.go:470-540), given min. */
export function computeDesired(c: HraCase, min: number): number {
  const v = suggestDesiredReplicas(c);
  const suggested = v === undefined ? min : v; // :478-482
  let reserved = 0;
  for (const r of c.reservations) if (r.expiresMs > c.nowMs) reserved += r.replicas; // :486-490
  let desired = suggested + reserved;
  if (desired < min) desired = min;
  else if (c.max !== undefined && c.max !== null && desired > c.max) desired = c.max; // :494-498
  const delayMs = (c.delaySeconds ?? DEFAULT_SCALE_DOWN_DELAY_SECONDS) * 1000; // :504-510
  const status = c.statusDesired;
  if (
    status === undefined ||
    status === null ||
    status < desired ||
    c.lastScaleOutMs === undefined ||
    c.lastScaleOutMs === null
  )
    return desired; // :514-518
  if (c.lastScaleOutMs + delayMs > c.nowMs) return status; // :519-526 (hold; not re-clamped)
  return desired;
}

/** One full decision: min, then desired; an error where the controller reports one. */
export function decide(c: HraCase): HraDecision {
  let min: number;
  try {
    min = minReplicas(c);
  } catch (e) {
    if (e instanceof HraError) return { id: c.id, min: null, desired: null, error: "min" };
    throw e;
  }
  try {
    return { id: c.id, min, desired: computeDesired(c, min) };
  } catch (e) {
    if (e instanceof HraError) return { id: c.id, min, desired: null, error: "desired" };
    throw e;
  }
}

/** HRA status bookkeeping after a decision (controller.go:333-342). */
export function nextStatus(
  statusDesired: number | null,
  lastScaleOutMs: number | null,
  desired: number,
  nowMs: number,
): { statusDesired: number; lastScaleOutMs: number | null } {
  if (statusDesired === null || statusDesired !== desired) {
    if (
      (statusDesired === null && desired > 1) ||
      (statusDesired !== null && desired > statusDesired)
    )
      return { statusDesired: desired, lastScaleOutMs: nowMs };
    return { statusDesired: desired, lastScaleOutMs };
  }
  return { statusDesired, lastScaleOutMs };
}
