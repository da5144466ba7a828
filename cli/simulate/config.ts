// The pools' scaling configuration, read from a synthesized output directory only: the values of
// ARC scale-set releases (minRunners/maxRunners), the generated legacy chart's
// HorizontalRunnerAutoscaler + RunnerDeployment manifests (stack assets), and RunnerDeployments
// with fixed replicas. Pools whose platform scales itself are listed as not simulatable.
import { CliError } from "../errors";
import { type Json, arr, compare, isObject, obj, str } from "../json";
import { reviewStack } from "../review/model";
import type { ReleaseReview } from "../review/releases";
import type { SynthDir } from "../synth-dir";
import type { HraMetric, HraOverride } from "./hra";

/** scaleset resourcebuilder.go:94-101: maxRunners unset = MaxInt32. */
export const MAX_INT32 = 2147483647;

interface PoolBase {
  /** `<stack>/<pool construct id>`, or `<stack>/<pool>/<RunnerDeployment>` for legacy pools */
  readonly id: string;
  readonly source: string;
  /** labels a job may ask for (`self-hosted` is always accepted) */
  readonly labels: string[];
}

export interface ScaleSetPool extends PoolBase {
  readonly kind: "scale-set";
  readonly min: number;
  readonly max: number;
}

export interface HraPool extends PoolBase {
  readonly kind: "hra";
  readonly min: number | null;
  readonly max: number | null;
  readonly metrics: HraMetric[];
  readonly overrides: HraOverride[];
  /** webhook trigger duration in seconds (workflowJob), when a trigger exists */
  readonly triggerSeconds: number | null;
  readonly delaySeconds: number | null;
  /** controller --sync-period, seconds */
  readonly syncSeconds: number;
  /** the RunnerDeployment's replicas before the HRA first acts */
  readonly initialReplicas: number | null;
}

export interface FixedPool extends PoolBase {
  readonly kind: "fixed";
  readonly replicas: number;
}

export type SimPool = ScaleSetPool | HraPool | FixedPool;

export interface NotSimulatable {
  readonly id: string;
  readonly platform: string;
  readonly reason: string;
}

export interface PoolConfigs {
  readonly pools: SimPool[];
  readonly notSimulatable: NotSimulatable[];
}

const num = (v: Json): number | null => {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v);
  return null;
};

/** "10m", "1h30m", "90s", "600" (seconds) -> seconds; null when not a duration. */
export function durationSeconds(v: Json): number | null {
  if (typeof v === "number") return v;
  const s = str(v);
  if (!s) return null;
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?$/.exec(s);
  if (!m || s === "") return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

function timeMs(v: Json): number {
  const t = Date.parse(str(v) ?? "");
  return Number.isNaN(t) ? NaN : t;
}

function scaleSetPool(stack: string, r: ReleaseReview): ScaleSetPool {
  const v = obj(r.values);
  const min = v.minRunners === undefined ? 0 : num(v.minRunners);
  const max = v.maxRunners === undefined ? MAX_INT32 : num(v.maxRunners);
  const id = `${stack}/${r.pool || r.name}`;
  if (min === null || max === null || min < 0 || max < min)
    throw new CliError(`${id}: minRunners/maxRunners are not integers with 0 <= min <= max`);
  const name = str(v.runnerScaleSetName) ?? r.name;
  return {
    kind: "scale-set",
    id,
    source: r.address,
    labels: [name, ...arr(v.scaleSetLabels).map((l) => str(l) ?? "")].filter(Boolean),
    min,
    max,
  };
}

function legacyPools(stack: string, r: ReleaseReview, syncSeconds: number): SimPool[] {
  const out: SimPool[] = [];
  const hras = r.manifests.filter((m) => m.kind === "HorizontalRunnerAutoscaler");
  for (const m of r.manifests) {
    if (m.kind !== "RunnerDeployment") continue;
    const spec = obj(obj(m.body).spec);
    const runner = obj(obj(spec.template).spec);
    const labels = arr(runner.labels).map((l) => str(l) ?? "");
    const id = `${stack}/${r.pool}/${m.name}`;
    const source = `${r.address}: ${m.file}`;
    const hra = hras.find((h) => {
      const ref = obj(obj(obj(h.body).spec).scaleTargetRef);
      return str(ref.name) === m.name && (str(ref.kind) ?? "RunnerDeployment") === m.kind;
    });
    if (!hra) {
      const replicas = spec.replicas === undefined ? 1 : num(spec.replicas);
      if (replicas === null) throw new CliError(`${id}: spec.replicas is not an integer`);
      out.push({ kind: "fixed", id, source, labels, replicas });
      continue;
    }
    const h = obj(obj(hra.body).spec);
    const triggers = arr(h.scaleUpTriggers).filter((t) =>
      isObject(obj(obj(t).githubEvent).workflowJob),
    );
    const overrides: HraOverride[] = arr(h.scheduledOverrides).map((o, i) => {
      const x = obj(o);
      const rule = obj(x.recurrenceRule);
      const startMs = timeMs(x.startTime);
      const endMs = timeMs(x.endTime);
      if (Number.isNaN(startMs) || Number.isNaN(endMs))
        throw new CliError(`${id}: scheduledOverrides[${i}] has no valid startTime/endTime`);
      const untilMs = rule.untilTime === undefined ? null : timeMs(rule.untilTime);
      return {
        startMs,
        endMs,
        frequency: str(rule.frequency) ?? "",
        untilMs: untilMs === null || Number.isNaN(untilMs) ? null : untilMs,
        minReplicas: num(x.minReplicas),
      };
    });
    const metrics: HraMetric[] = arr(h.metrics).map((x) => {
      const m2 = obj(x);
      const s = (k: string) => (m2[k] === undefined ? {} : { [k]: str(m2[k]) ?? "" });
      const n = (k: string) => (num(m2[k]) === null ? {} : { [k]: num(m2[k]) as number });
      return {
        type: str(m2.type) ?? "",
        ...s("scaleUpThreshold"),
        ...s("scaleDownThreshold"),
        ...s("scaleUpFactor"),
        ...s("scaleDownFactor"),
        ...n("scaleUpAdjustment"),
        ...n("scaleDownAdjustment"),
      };
    });
    out.push({
      kind: "hra",
      id,
      source: `${r.address}: ${hra.file}`,
      labels,
      min: num(h.minReplicas),
      max: num(h.maxReplicas),
      metrics,
      overrides,
      triggerSeconds: triggers.length
        ? (durationSeconds(obj(triggers[0]).duration) ?? 0) > 0
          ? (durationSeconds(obj(triggers[0]).duration) as number)
          : 600 // webhook.go:596-600 (unset or <= 0: 10 m)
        : null,
      delaySeconds: num(h.scaleDownDelaySecondsAfterScaleOut),
      syncSeconds,
      initialReplicas: spec.replicas === undefined ? null : num(spec.replicas),
    });
  }
  return out;
}

/** Reads every pool of every stack; pools sorted by id. */
export function poolConfigs(dir: SynthDir): PoolConfigs {
  const pools: SimPool[] = [];
  const notSimulatable: NotSimulatable[] = [];
  for (const stack of dir.stacks) {
    const review = reviewStack(stack);
    const legacyController = review.releases.find((r) => r.chart === "actions-runner-controller");
    const syncSeconds = durationSeconds(obj(legacyController?.values).syncPeriod) ?? 60; // main.go:135 (1m)
    for (const pool of review.pools) {
      const releases = review.releases.filter((r) => r.pool === pool.name && !r.controller);
      const found: SimPool[] = [];
      for (const r of releases) {
        if (r.chart === "gha-runner-scale-set") found.push(scaleSetPool(stack.name, r));
        else if (r.manifests.some((m) => m.kind === "RunnerDeployment"))
          found.push(...legacyPools(stack.name, r, syncSeconds));
      }
      if (found.length) pools.push(...found);
      else if (releases.length)
        notSimulatable.push({
          id: `${stack.name}/${pool.name}`,
          platform: pool.platforms.join(", "),
          reason:
            "no autoscaling: the platform runs a fixed number of jobs at once, which the synthesized output does not state; model it as c always-on runners with --fixed POOL=c, c = how many jobs it runs at once",
        });
    }
  }
  return {
    pools: pools.sort((a, b) => compare(a.id, b.id)),
    notSimulatable: notSimulatable.sort((a, b) => compare(a.id, b.id)),
  };
}
