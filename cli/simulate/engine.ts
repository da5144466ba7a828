// A discrete-event replay of one pool: jobs arrive, a controller model decides how many runner
// pods exist, pods start (lognormal start-up), take queued jobs FIFO, and exit after their job
// (ephemeral runners). Deterministic: a priority queue ordered by (time, sequence) and a seeded
// random stream per pool.
import { CliError } from "../errors";
import { compare } from "../json";
import type { FixedPool, HraPool, ScaleSetPool, SimPool } from "./config";
import { type HraCase, decide, nextStatus } from "./hra";
import { Rng } from "./rng";
import { ScaleSetScaler, ephemeralRunnerSetAction } from "./scale-set";
import type { Trace } from "./trace";

/** Environment assumptions (seconds, dollars). */
export interface Environment {
  /** median pod start-up (scheduling, image pull, runner registration) */
  readonly podStartupMedian: number;
  readonly podStartupSigma: number;
  /** delay from a job event to the listener's message (scale sets) */
  readonly listenerLatency: number;
  /** an empty long-poll returns after this long (scale sets) */
  readonly longPoll: number;
  /** delay from a job event to the webhook server's batch (legacy HRA, batch_scale.go:31: 3 s) */
  readonly webhookBatch: number;
  readonly pricePerRunnerMinute: number;
}

export const ENVIRONMENT_DEFAULTS: Environment = {
  podStartupMedian: 40,
  podStartupSigma: 0.4,
  listenerLatency: 2,
  longPoll: 50,
  webhookBatch: 3,
  pricePerRunnerMinute: 0.008,
};

export interface JobOutcome {
  readonly id: string;
  readonly labels: string[];
  readonly created: number;
  /** seconds from created to start, or null when it never ran */
  readonly wait: number | null;
}

export interface Sample {
  readonly t: number;
  readonly provisioned: number;
  readonly busy: number;
  readonly queued: number;
}

export interface PoolRun {
  readonly pool: SimPool;
  readonly window: [number, number];
  readonly jobs: JobOutcome[];
  readonly runnerSeconds: number;
  readonly busySeconds: number;
  readonly secondsAtMax: number;
  readonly targetChanges: number;
  readonly podsCreated: number;
  readonly podsDeleted: number;
  readonly samples: Sample[];
}

interface Runner {
  readonly n: number;
  readonly created: number;
  ready: boolean;
  job: number | null;
  gone: boolean;
  /** scale sets: the actions.github.com/patch-id annotation it was created under */
  readonly patch: number;
}

class Heap {
  private items: { t: number; seq: number; run: () => void }[] = [];
  private seq = 0;
  push(t: number, run: () => void): void {
    const item = { t, seq: this.seq++, run };
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(a[p], a[i])) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): { t: number; run: () => void } | undefined {
    const a = this.items;
    if (!a.length) return undefined;
    const top = a[0];
    const last = a.pop() as (typeof a)[number];
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
  private less(x: { t: number; seq: number }, y: { t: number; seq: number }): boolean {
    return x.t < y.t || (x.t === y.t && x.seq < y.seq);
  }
}

/** Does a job with these labels run on the pool? All its labels but `self-hosted` are the pool's. */
export function matches(pool: SimPool, labels: readonly string[]): boolean {
  const own = new Set(pool.labels);
  return labels.every((l) => l === "self-hosted" || own.has(l));
}

/** The replay window of a trace: whole hours from the first arrival past the last finish. */
export function windowOf(trace: Trace): [number, number] {
  const first = trace.jobs[0].created;
  const last = Math.max(...trace.jobs.map((j) => j.created + j.runSeconds));
  return [Math.floor(first / 3600) * 3600, Math.ceil(last / 3600) * 3600 + 3600];
}

const WARM_UP = 900;

/** Replays the trace's jobs that the pool takes (`jobs`) and measures over `window`. */
export function simulatePool(
  pool: SimPool,
  trace: Trace,
  jobIndexes: number[],
  env: Environment,
  seed: number,
  window: [number, number],
): PoolRun {
  const rng = new Rng(seed).fork(pool.id);
  const heap = new Heap();
  const [t0, t1] = window;
  const jobs = jobIndexes.map((i) => trace.jobs[i]);
  const startAt: (number | null)[] = jobs.map(() => null);
  const doneAt: (number | null)[] = jobs.map(() => null);
  const arrived: boolean[] = jobs.map(() => false);
  const queue: number[] = [];
  let qHead = 0;
  const runners: Runner[] = [];
  const live = new Set<Runner>();
  let now = t0 - WARM_UP;
  let podsCreated = 0;
  let podsDeleted = 0;
  let targetChanges = 0;
  let lastTarget: number | null = null;
  let target = 0;
  const maxOf =
    pool.kind === "fixed" ? pool.replicas : pool.kind === "hra" ? (pool.max ?? Infinity) : pool.max;

  // integrals over [t0, t1]
  let runnerSeconds = 0;
  let busySeconds = 0;
  let secondsAtMax = 0;
  let lastT = t0 - WARM_UP;
  const busyCount = () => [...live].filter((r) => r.job !== null).length;
  const advance = (t: number): void => {
    const a = Math.max(lastT, t0);
    const b = Math.min(t, t1);
    if (b > a) {
      runnerSeconds += live.size * (b - a);
      busySeconds += busyCount() * (b - a);
      if (target >= maxOf) secondsAtMax += b - a;
    }
    lastT = t;
  };
  const setTarget = (t: number): void => {
    if (lastTarget !== null && lastTarget !== t && now >= t0) targetChanges++;
    lastTarget = t;
    target = t;
  };

  // samples for the plot
  const samples: Sample[] = [];
  const step = Math.max(60, Math.ceil((t1 - t0) / 600 / 60) * 60);
  for (let t = t0; t <= t1; t += step)
    heap.push(t, () =>
      samples.push({
        t,
        provisioned: live.size,
        busy: busyCount(),
        queued: queue.length - qHead,
      }),
    );

  let onRunnerGone: () => void = () => undefined;
  let onRunnerFinished: (r: Runner) => void = () => undefined;
  let onJobEvent: (kind: "queued" | "started" | "completed") => void = () => undefined;

  const assign = (): void => {
    for (const r of runners) {
      if (qHead >= queue.length) return;
      if (r.gone || !r.ready || r.job !== null) continue;
      const j = queue[qHead++];
      r.job = j;
      startAt[j] = now;
      onJobEvent("started");
      heap.push(now + jobs[j].runSeconds, () => {
        r.job = null;
        r.gone = true; // ephemeral: the pod exits with its job
        live.delete(r);
        doneAt[j] = now;
        onRunnerFinished(r);
        onJobEvent("completed");
        onRunnerGone();
        assign();
      });
    }
  };
  let onRunnerReady: () => void = () => undefined;
  const createRunner = (patch = 0): void => {
    const r: Runner = {
      n: runners.length,
      created: now,
      ready: false,
      job: null,
      gone: false,
      patch,
    };
    runners.push(r);
    live.add(r);
    podsCreated += now >= t0 ? 1 : 0;
    heap.push(now + rng.lognormal(env.podStartupMedian, env.podStartupSigma), () => {
      if (r.gone) return;
      r.ready = true;
      assign();
      onRunnerReady();
    });
  };
  /** Deletes up to n idle runners (registered, not busy), newest first; then pending ones. */
  const deleteIdle = (n: number, pendingToo: boolean): void => {
    const candidates = [...live]
      .filter((r) => r.job === null && (r.ready || pendingToo))
      .sort((a, b) => Number(a.ready) - Number(b.ready) || b.n - a.n);
    for (const r of candidates.slice(0, Math.max(0, n))) {
      r.gone = true;
      live.delete(r);
      podsDeleted += now >= t0 ? 1 : 0;
    }
  };

  if (pool.kind === "scale-set") setupScaleSet(pool);
  else if (pool.kind === "hra") setupHra(pool);
  else setupFixed(pool);

  function setupFixed(p: FixedPool): void {
    const fill = () => {
      while (live.size < p.replicas) createRunner();
    };
    setTarget(p.replicas);
    heap.push(now, fill);
    onRunnerGone = fill;
  }

  function setupScaleSet(p: ScaleSetPool): void {
    // listener.go:146-205 with the scaler port (scale-set.ts) and the EphemeralRunnerSet rules
    // (ephemeralRunnerSetAction): a reconcile acts only on PatchID 0 or a PatchID newer than its
    // runners' annotations, creates when total < replicas, deletes idle runners only on PatchID 0;
    // finished runners keep their annotation until an acting reconcile cleans them up.
    const scaler = new ScaleSetScaler(p.min, p.max);
    let replicas = 0;
    let patchId = -1;
    let messagePending = false;
    let pollGeneration = 0;
    let finished: Runner[] = [];
    const assigned = () => jobs.filter((_, j) => arrived[j] && doneAt[j] === null).length;
    const reconcileSet = (): void => {
      let latest = 0;
      for (const r of live) latest = Math.max(latest, r.patch);
      for (const r of finished) latest = Math.max(latest, r.patch);
      const ready = [...live].filter((r) => r.ready).length;
      const a = ephemeralRunnerSetAction({
        replicas,
        patchId,
        latestPatchId: latest,
        pending: live.size - ready,
        running: ready,
        failed: 0,
      });
      if (!a.acts) return;
      finished = [];
      for (let i = 0; i < a.create; i++) createRunner(patchId);
      if (a.deleteIdle) deleteIdle(a.deleteIdle, false);
    };
    onRunnerFinished = (r) => finished.push(r);
    onRunnerReady = reconcileSet;
    const desired = (count: number): void => {
      const d = scaler.handleDesiredRunnerCount(count);
      replicas = d.target;
      patchId = d.patchId;
      setTarget(d.target);
      reconcileSet();
      const gen = ++pollGeneration;
      heap.push(now + env.longPoll, () => {
        if (gen === pollGeneration) desired(scaler.lastCount); // empty poll: last statistics
      });
    };
    onRunnerGone = reconcileSet;
    onJobEvent = (kind) => {
      if (kind !== "queued") scaler.markDirty();
      if (messagePending) return;
      messagePending = true;
      heap.push(now + env.listenerLatency, () => {
        messagePending = false;
        desired(assigned());
      });
    };
    heap.push(now, () => desired(0)); // initial session statistics
  }

  function setupHra(p: HraPool): void {
    if (p.min === null || p.max === null)
      throw new CliError(
        `${p.id}: the HorizontalRunnerAutoscaler has no ${p.min === null ? "minReplicas" : "maxReplicas"}; ARC v0.27.6 reports an error and never scales it (autoscaling.go:27-31)`,
      );
    let statusDesired: number | null = null;
    let lastScaleOut: number | null = null;
    let replicas = p.initialReplicas ?? 1;
    const reservations: { expiresMs: number; replicas: number }[] = [];
    const reconcileDeployment = (): void => {
      if (live.size < replicas) for (let i = live.size; i < replicas; i++) createRunner();
      else if (live.size > replicas) deleteIdle(live.size - replicas, true);
    };
    const reconcileHra = (): void => {
      const c: HraCase = {
        id: p.id,
        nowMs: Math.round(now * 1000),
        min: p.min,
        max: p.max,
        labels: p.labels,
        metrics: p.metrics,
        runs: jobs
          .map((job, j) => ({ job, j }))
          .filter(({ j }) => arrived[j] && doneAt[j] === null)
          .map(({ job, j }) => ({
            status: startAt[j] === null ? "queued" : "in_progress",
            jobs: [{ status: startAt[j] === null ? "queued" : "in_progress", labels: job.labels }],
          })),
        overrides: p.overrides,
        reservations,
        statusDesired,
        lastScaleOutMs: lastScaleOut,
        delaySeconds: p.delaySeconds,
        specReplicas: replicas,
        runners: [...live]
          .filter((r) => r.ready)
          .map((r) => ({ name: `r${r.n}`, busy: r.job !== null })),
        pods: [...live].map((r) => `r${r.n}`),
      };
      const d = decide(c);
      if (d.desired === null)
        throw new CliError(
          `${p.id}: ARC v0.27.6 would fail to compute the replicas (${d.error === "min" ? "scheduledOverrides" : "metrics"} invalid or not modelled)`,
        );
      const s = nextStatus(statusDesired, lastScaleOut, d.desired, c.nowMs);
      statusDesired = s.statusDesired;
      lastScaleOut = s.lastScaleOutMs;
      replicas = d.desired;
      setTarget(d.desired);
      reconcileDeployment();
    };
    const tick = (): void => {
      reconcileHra();
      if (now < t1) heap.push(now + p.syncSeconds, tick);
    };
    heap.push(now, tick);
    onRunnerGone = reconcileDeployment;
    if (p.triggerSeconds !== null) {
      const duration = p.triggerSeconds;
      let batch: ("queued" | "completed")[] = [];
      onJobEvent = (kind) => {
        if (kind === "started") return;
        if (!batch.length)
          heap.push(now + env.webhookBatch, () => {
            for (const k of batch) {
              if (k === "queued")
                reservations.push({ expiresMs: Math.round((now + duration) * 1000), replicas: 1 });
              else if (reservations.length) reservations.shift(); // -1, oldest first
            }
            batch = [];
            reconcileHra(); // the HRA changed: reconciled at once
          });
        batch.push(kind);
      };
    }
  }

  jobs.forEach((job, j) =>
    heap.push(job.created, () => {
      arrived[j] = true;
      queue.push(j);
      onJobEvent("queued");
      assign();
    }),
  );

  for (let e = heap.pop(); e && e.t <= t1; e = heap.pop()) {
    advance(e.t);
    now = e.t;
    e.run();
  }
  advance(t1);

  return {
    pool,
    window,
    jobs: jobs
      .map((job, j) => ({
        id: job.id,
        labels: job.labels,
        created: job.created,
        wait: startAt[j] === null ? null : (startAt[j] as number) - job.created,
      }))
      .sort((a, b) => a.created - b.created || compare(a.id, b.id)),
    runnerSeconds,
    busySeconds,
    secondsAtMax,
    targetChanges,
    podsCreated,
    podsDeleted,
    samples,
  };
}
