// Results of a replay as data (JSON) and Markdown for a pull-request comment. Numbers are
// rounded (seconds to 0.1, minutes and dollars to 2 decimals) so outputs are stable bytes.
import { compare } from "../json";
import type { NotSimulatable, SimPool } from "./config";
import type { Environment, PoolRun } from "./engine";

export interface WaitStats {
  readonly jobs: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
}

export interface PoolResult {
  readonly pool: string;
  readonly model: string;
  readonly min: number | null;
  readonly max: number | null;
  readonly jobs: number;
  readonly jobsNeverRun: number;
  readonly wait: WaitStats;
  readonly waitByLabels: (WaitStats & { labels: string })[];
  readonly runnerMinutesProvisioned: number;
  readonly runnerMinutesBusy: number;
  readonly utilization: number | null;
  readonly cost: number;
  readonly targetChanges: number;
  readonly podsCreated: number;
  readonly podsDeleted: number;
  readonly minutesAtMax: number;
}

export interface SimResult {
  readonly label: string;
  readonly trace: string;
  readonly seed: number;
  readonly window: [string, string];
  readonly environment: Environment;
  readonly pools: PoolResult[];
  readonly notSimulatable: NotSimulatable[];
  readonly unmatchedJobs: number;
  readonly observedWait: WaitStats | null;
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** Nearest-rank percentile of sorted values. */
function pct(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function waitStats(waits: number[]): WaitStats {
  const s = [...waits].sort((a, b) => a - b);
  if (!s.length) return { jobs: 0, p50: null, p95: null, max: null };
  return { jobs: s.length, p50: r1(pct(s, 50)), p95: r1(pct(s, 95)), max: r1(s[s.length - 1]) };
}

function modelOf(p: SimPool): string {
  if (p.kind === "scale-set") return "ARC runner scale set (listener + EphemeralRunnerSet)";
  if (p.kind === "hra")
    return `ARC legacy HRA (sync ${p.syncSeconds}s${p.triggerSeconds !== null ? `, webhook reservations ${p.triggerSeconds}s` : ""}${p.metrics.length ? `, ${p.metrics.map((m) => m.type).join(" + ")}` : ""})`;
  return p.source === "--fixed"
    ? `fixed: c = ${p.replicas} always-on runners (c from --fixed; the synthesized output states no concurrency for this platform)`
    : `fixed: ${p.replicas} always-on runners (RunnerDeployment replicas, no HorizontalRunnerAutoscaler)`;
}

export function poolResult(run: PoolRun, env: Environment): PoolResult {
  const p = run.pool;
  const ran = run.jobs.filter((j) => j.wait !== null);
  const byLabels = new Map<string, number[]>();
  for (const j of ran) {
    const key = [...j.labels].sort(compare).join(",") || "(none)";
    byLabels.set(key, [...(byLabels.get(key) ?? []), j.wait as number]);
  }
  const provisioned = run.runnerSeconds / 60;
  const busy = run.busySeconds / 60;
  return {
    pool: p.id,
    model: modelOf(p),
    min: p.kind === "fixed" ? p.replicas : p.min,
    max: p.kind === "fixed" ? p.replicas : p.max,
    jobs: run.jobs.length,
    jobsNeverRun: run.jobs.length - ran.length,
    wait: waitStats(ran.map((j) => j.wait as number)),
    waitByLabels: [...byLabels.keys()]
      .sort(compare)
      .map((labels) => ({ labels, ...waitStats(byLabels.get(labels) ?? []) })),
    runnerMinutesProvisioned: r2(provisioned),
    runnerMinutesBusy: r2(busy),
    utilization: provisioned > 0 ? r2(busy / provisioned) : null,
    cost: r2(provisioned * env.pricePerRunnerMinute),
    targetChanges: run.targetChanges,
    podsCreated: run.podsCreated,
    podsDeleted: run.podsDeleted,
    minutesAtMax: r2(run.secondsAtMax / 60),
  };
}

const s = (x: number | null) => (x === null ? "–" : `${x} s`);
const n = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 2 });
const maxText = (x: number | null) =>
  x === null ? "unset" : x === 2147483647 ? "unbounded" : String(x);

function poolRows(label: string, p: PoolResult): string {
  return `| ${label} | ${p.min ?? "unset"}–${maxText(p.max)} | ${p.jobs} | ${s(p.wait.p50)} | ${s(p.wait.p95)} | ${s(p.wait.max)} | ${p.jobsNeverRun} | ${n(p.runnerMinutesProvisioned)} | ${n(p.runnerMinutesBusy)} | ${p.utilization ?? "–"} | $${n(p.cost)} | ${p.targetChanges} / ${p.podsCreated} / ${p.podsDeleted} | ${n(p.minutesAtMax)} |`;
}

const HEADER =
  "| config | min–max | jobs | wait p50 | wait p95 | wait max | never ran | runner-min provisioned | runner-min busy | utilization | cost | target changes / pods created / deleted | min at max |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|";

function assumptions(r: SimResult): string {
  const e = r.environment;
  return [
    `Trace: ${r.trace}; window ${r.window[0]} – ${r.window[1]}; seed ${r.seed}.`,
    `Assumptions: pod start-up lognormal (median ${e.podStartupMedian} s, σ ${e.podStartupSigma}), listener latency ${e.listenerLatency} s, empty long-poll ${e.longPoll} s, webhook batch ${e.webhookBatch} s, $${e.pricePerRunnerMinute} per runner-minute; jobs go FIFO to the first idle matching runner.`,
  ].join("\n");
}

function extras(r: SimResult): string[] {
  const out: string[] = [];
  if (r.observedWait && r.observedWait.jobs)
    out.push(
      `Observed in the trace (baseline): wait p50 ${s(r.observedWait.p50)}, p95 ${s(r.observedWait.p95)}, max ${s(r.observedWait.max)}.`,
    );
  if (r.unmatchedJobs) out.push(`${r.unmatchedJobs} job(s) match no simulated pool's labels.`);
  for (const x of r.notSimulatable)
    out.push(`Not simulated: ${x.id} (${x.platform}): ${x.reason}.`);
  return out;
}

function labelTable(pools: { label: string; p: PoolResult }[]): string[] {
  const rows = pools.flatMap(({ label, p }) =>
    p.waitByLabels.length > 1
      ? p.waitByLabels.map(
          (w) => `| ${label} | ${w.labels} | ${w.jobs} | ${s(w.p50)} | ${s(w.p95)} | ${s(w.max)} |`,
        )
      : [],
  );
  if (!rows.length) return [];
  return [
    "",
    "Wait per label set:",
    "",
    "| config | labels | jobs | p50 | p95 | max |",
    "|---|---|---|---|---|---|",
    ...rows,
  ];
}

/** Markdown for one result, or for A (base) vs B (head) side by side. */
export function simulateMarkdown(head: SimResult, base?: SimResult): string {
  const lines = ["## Scaling what-if (`runner-pools simulate`)", ""];
  const ids = [...new Set([...head.pools, ...(base?.pools ?? [])].map((p) => p.pool))].sort(
    compare,
  );
  const all: { label: string; p: PoolResult }[] = [];
  for (const id of ids) {
    lines.push(`### ${id}`, "");
    const b = base?.pools.find((p) => p.pool === id);
    const h = head.pools.find((p) => p.pool === id);
    const model = h?.model ?? b?.model ?? "";
    lines.push(`Model: ${model}.`, "", HEADER);
    if (base) {
      if (b) all.push({ label: `A: ${base.label}`, p: b });
      lines.push(b ? poolRows(`A: ${base.label}`, b) : `| A: ${base.label} | (no such pool) |`);
    }
    if (h) all.push({ label: base ? `B: ${head.label}` : head.label, p: h });
    lines.push(
      h
        ? poolRows(base ? `B: ${head.label}` : head.label, h)
        : `| B: ${head.label} | (no such pool) |`,
    );
    lines.push("");
  }
  lines.push(
    ...labelTable(all).slice(1),
    ...(all.some((x) => x.p.waitByLabels.length > 1) ? [""] : []),
  );
  lines.push(assumptions(head), "", ...extras(head).map((x) => `- ${x}`));
  if (base) lines.push(...extras(base).map((x) => `- A: ${x}`));
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
