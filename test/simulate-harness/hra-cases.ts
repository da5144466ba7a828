// Generates the HRA differential cases (JSONL on stdout): `npx tsx test/simulate-harness/hra-cases.ts`.
// Deterministic (seeded); scripts/simulate-harness.sh feeds them to the real ARC v0.27.6 code.
import type { HraCase, HraMetric, HraOverride } from "../../cli/simulate/hra";
import { Rng } from "../../cli/simulate/rng";

export const HRA_CASE_COUNT = 3300;
const NOW = Date.parse("2026-03-04T10:30:00Z"); // a Wednesday
const LABEL_POOL = ["self-hosted", "linux", "x64", "gpu", "Linux", "arm64"];

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(0, xs.length - 1)];
}

function labels(rng: Rng, max: number): string[] {
  const n = rng.int(0, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const l = pick(rng, LABEL_POOL);
    if (!out.includes(l)) out.push(l);
  }
  return out;
}

function metric(rng: Rng, type: string): HraMetric {
  if (type !== "PercentageRunnersBusy" || rng.next() < 0.4) return { type };
  const m: Record<string, unknown> = { type };
  if (rng.next() < 0.5) m.scaleUpThreshold = pick(rng, ["0.5", "0.75", "0.8", "1"]);
  if (rng.next() < 0.5) m.scaleDownThreshold = pick(rng, ["0.1", "0.25", "0.3", "0.5"]);
  if (rng.next() < 0.5) m.scaleUpAdjustment = rng.int(0, 3);
  else if (rng.next() < 0.5) m.scaleUpFactor = pick(rng, ["1.5", "2", "1.3"]);
  if (rng.next() < 0.5) m.scaleDownAdjustment = rng.int(0, 2);
  else if (rng.next() < 0.5) m.scaleDownFactor = pick(rng, ["0.5", "0.7", "0.9"]);
  if (rng.next() < 0.03) m.scaleUpFactor = "1.5"; // sometimes with an adjustment: an error
  return m as unknown as HraMetric;
}

function override(rng: Rng): HraOverride {
  const frequency = pick(rng, ["", "Daily", "Weekly"]);
  const hour = 3_600_000;
  const start = NOW - rng.int(-48, 24 * 21) * hour + rng.int(-2, 2) * 60_000;
  const dur = rng.int(0, frequency === "Daily" ? 26 : 24 * 8) * hour;
  const o: Record<string, unknown> = { startMs: start, endMs: start + dur, frequency };
  if (frequency && rng.next() < 0.3) o.untilMs = NOW - rng.int(-72, 72) * hour;
  if (rng.next() < 0.85) o.minReplicas = rng.int(0, 6);
  return o as unknown as HraOverride;
}

export function hraCases(seed = 18): HraCase[] {
  const rng = new Rng(seed);
  const cases: HraCase[] = [];
  for (let i = 0; i < HRA_CASE_COUNT; i++) {
    const metricsKind = pick(rng, ["none", "queued", "queued", "busy", "busy+queued", "bad"]);
    const metrics: HraMetric[] =
      metricsKind === "none"
        ? []
        : metricsKind === "queued"
          ? [metric(rng, "TotalNumberOfQueuedAndInProgressWorkflowRuns")]
          : metricsKind === "busy"
            ? [metric(rng, "PercentageRunnersBusy")]
            : metricsKind === "busy+queued"
              ? [
                  metric(rng, "PercentageRunnersBusy"),
                  metric(rng, "TotalNumberOfQueuedAndInProgressWorkflowRuns"),
                ]
              : [
                  metric(rng, "TotalNumberOfQueuedAndInProgressWorkflowRuns"),
                  metric(rng, "PercentageRunnersBusy"),
                ];
    const runs = Array.from({ length: rng.int(0, 5) }, () => ({
      status: pick(rng, ["queued", "in_progress"]),
      jobs: Array.from({ length: rng.int(0, 6) }, () => ({
        status: pick(rng, ["queued", "in_progress", "completed"]),
        labels: labels(rng, 3),
      })),
    }));
    const pods = Array.from({ length: rng.int(0, 6) }, (_, k) => `runner-${k}`);
    const runners = Array.from({ length: rng.int(0, 7) }, (_, k) => ({
      name: `runner-${k}`,
      busy: rng.next() < 0.5,
    }));
    const min = rng.next() < 0.03 ? null : rng.int(-1, 4);
    const max = rng.next() < 0.03 ? null : rng.int(0, 12);
    const hasStatus = rng.next() < 0.8;
    const c: HraCase = {
      id: `hra-${i + 1}`,
      nowMs: NOW,
      min,
      max,
      labels: ["self-hosted", ...labels(rng, 3)],
      metrics,
      runs,
      overrides: Array.from({ length: rng.next() < 0.6 ? 0 : rng.int(1, 3) }, () => override(rng)),
      reservations: Array.from({ length: rng.int(0, 4) }, () => ({
        expiresMs: NOW + rng.int(-600, 600) * 1000,
        replicas: rng.int(1, 2),
      })),
      statusDesired: hasStatus ? rng.int(0, 12) : null,
      lastScaleOutMs: hasStatus && rng.next() < 0.8 ? NOW - rng.int(0, 1200) * 1000 : null,
      delaySeconds: rng.next() < 0.5 ? null : pick(rng, [0, 60, 300, 600, 900]),
      // PercentageRunnersBusy dereferences spec.replicas in its "unchanged" branch: always set
      specReplicas: metricsKind.includes("busy") || rng.next() < 0.7 ? rng.int(0, 10) : null,
      runners,
      pods,
    };
    cases.push(c);
  }
  return cases;
}

if (require.main === module) {
  process.stdout.write(
    hraCases()
      .map((c) => `${JSON.stringify(c)}\n`)
      .join(""),
  );
}
