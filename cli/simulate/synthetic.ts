// A seeded synthetic job trace: pipelines arrive as a non-homogeneous Poisson process with a
// weekday profile, fan out to jobs, run for lognormal durations; cron pipelines burst on the hour.
// Every parameter is an assumption, printed with the result and documented in docs/simulate.md.
import { CliError } from "../errors";
import { Rng } from "./rng";
import type { TraceJob } from "./trace";

export interface SyntheticParams {
  /** first instant, ISO 8601 (a Monday 00:00 UTC by default) */
  readonly start: string;
  readonly days: number;
  /** pipelines per hour on weekdays inside [workStartHour, workEndHour) UTC */
  readonly peakPipelinesPerHour: number;
  readonly workStartHour: number;
  readonly workEndHour: number;
  /** rate outside working hours on weekdays, as a fraction of the peak */
  readonly nightFactor: number;
  /** rate on Saturdays and Sundays, as a fraction of the peak */
  readonly weekendFactor: number;
  /** mean jobs per pipeline (1 + geometric) */
  readonly jobsPerPipeline: number;
  /** median job run time, seconds */
  readonly durationMedian: number;
  /** sigma of the run time's underlying normal */
  readonly durationSigma: number;
  /** pipelines started by cron at every full hour */
  readonly cronPipelinesPerHour: number;
  /** labels every job asks for (`runs-on`); `self-hosted` matches any pool */
  readonly labels: string[];
}

export const SYNTHETIC_DEFAULTS: SyntheticParams = {
  start: "2026-01-05T00:00:00Z",
  days: 7,
  peakPipelinesPerHour: 6,
  workStartHour: 8,
  workEndHour: 19,
  nightFactor: 0.05,
  weekendFactor: 0.15,
  jobsPerPipeline: 3.5,
  durationMedian: 240,
  durationSigma: 0.9,
  cronPipelinesPerHour: 1,
  labels: ["self-hosted"],
};

const NUMERIC: (keyof SyntheticParams)[] = [
  "days",
  "peakPipelinesPerHour",
  "workStartHour",
  "workEndHour",
  "nightFactor",
  "weekendFactor",
  "jobsPerPipeline",
  "durationMedian",
  "durationSigma",
  "cronPipelinesPerHour",
];

/** Parses `key=value,key=value` (labels separated by `+`) over the defaults. */
export function parseSyntheticParams(spec: string): SyntheticParams {
  const out: Record<string, unknown> = { ...SYNTHETIC_DEFAULTS };
  for (const part of spec.split(",").filter((p) => p.trim())) {
    const eq = part.indexOf("=");
    const key = eq > 0 ? part.slice(0, eq).trim() : part.trim();
    const value = eq > 0 ? part.slice(eq + 1).trim() : "";
    if (key === "start") {
      if (Number.isNaN(Date.parse(value)))
        throw new CliError(`--synthetic: start must be an ISO 8601 time, not ${value}`);
      out.start = value;
    } else if (key === "labels") out.labels = value.split("+").filter(Boolean);
    else if ((NUMERIC as string[]).includes(key)) {
      const n = Number(value);
      if (value === "" || !Number.isFinite(n) || n < 0)
        throw new CliError(`--synthetic: ${key} must be a non-negative number, not ${value}`);
      out[key] = n;
    } else
      throw new CliError(
        `--synthetic: unknown parameter ${key} (start, labels, ${NUMERIC.join(", ")})`,
      );
  }
  const p = out as unknown as SyntheticParams;
  if (p.days <= 0 || p.days > 62) throw new CliError("--synthetic: days must be in (0, 62]");
  if (p.jobsPerPipeline < 1) throw new CliError("--synthetic: jobsPerPipeline must be >= 1");
  if (p.workEndHour > 24 || p.workStartHour > p.workEndHour)
    throw new CliError("--synthetic: need 0 <= workStartHour <= workEndHour <= 24");
  return p;
}

/** Arrival rate (pipelines per second) at time t (seconds since the epoch, UTC). */
export function pipelineRate(p: SyntheticParams, t: number): number {
  const d = new Date(t * 1000);
  const day = d.getUTCDay();
  const hour = d.getUTCHours() + d.getUTCMinutes() / 60;
  const peak = p.peakPipelinesPerHour / 3600;
  if (day === 0 || day === 6) return peak * p.weekendFactor;
  return hour >= p.workStartHour && hour < p.workEndHour ? peak : peak * p.nightFactor;
}

/** The synthetic trace for the parameters and seed (identical for identical inputs). */
export function syntheticTrace(p: SyntheticParams, seed: number): TraceJob[] {
  const rng = new Rng(seed).fork("synthetic-trace");
  const start = Date.parse(p.start) / 1000;
  const end = start + p.days * 86400;
  const pipelines: number[] = [];
  const maxRate = p.peakPipelinesPerHour / 3600;
  // Thinning (Lewis-Shedler): candidates at the peak rate, kept with rate(t)/peak.
  if (maxRate > 0) {
    for (let t = start + rng.exponential(1 / maxRate); t < end; t += rng.exponential(1 / maxRate))
      if (rng.next() < pipelineRate(p, t) / maxRate) pipelines.push(t);
  }
  for (let h = Math.ceil(start / 3600) * 3600; h < end; h += 3600)
    for (let i = 0; i < p.cronPipelinesPerHour; i++) pipelines.push(h);
  pipelines.sort((a, b) => a - b);
  const jobs: TraceJob[] = [];
  const extraMean = p.jobsPerPipeline - 1;
  pipelines.forEach((t0, n) => {
    // 1 + geometric(mean extraMean) jobs, created within 5 s of the pipeline.
    let count = 1;
    if (extraMean > 0) {
      const q = extraMean / (1 + extraMean);
      while (rng.next() < q) count++;
    }
    for (let j = 0; j < count; j++) {
      const created = Math.round((t0 + rng.next() * 5) * 1000) / 1000;
      const run = Math.max(1, Math.round(rng.lognormal(p.durationMedian, p.durationSigma)));
      jobs.push({
        id: `p${n + 1}-j${j + 1}`,
        created,
        started: created,
        completed: created + run,
        labels: [...p.labels],
      });
    }
  });
  return jobs;
}
