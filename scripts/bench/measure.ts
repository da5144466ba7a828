// Whole-process measurement for the benchmark: wall time (from this process), CPU time and peak
// RSS (the child's own getrusage, written by usage.ts on exit), interleaved rounds, medians.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface Job {
  readonly name: string;
  /** Node arguments (script and its arguments); run with the usage preload. */
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  /** A fresh CDKTF_OUTDIR for each run (synth jobs). */
  readonly outdir?: boolean;
  readonly cwd?: string;
}

export interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
}

const dist = path.resolve(__dirname, "..", "..");

export function runOnce(job: Job): Sample {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-run-"));
  const usageFile = path.join(tmp, "usage.json");
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...job.env,
    BENCH_USAGE_FILE: usageFile,
    CHECKPOINT_DISABLE: "1",
  };
  if (job.outdir) env.CDKTF_OUTDIR = path.join(tmp, "out");
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    ["-r", path.join(dist, "scripts/bench/usage.js"), ...job.args],
    { env, cwd: job.cwd, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 << 20 },
  );
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(
      `${job.name} failed (${result.status}): ${result.stderr.toString().slice(0, 2000)}`,
    );
  const usage = JSON.parse(fs.readFileSync(usageFile, "utf8")) as { cpuMs: number; rssKiB: number };
  fs.rmSync(tmp, { recursive: true, force: true });
  return { wallMs, cpuMs: usage.cpuMs, rssMiB: usage.rssKiB / 1024 };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface Summary {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
  readonly wallRange: [number, number];
}

/**
 * Runs every job once per round, `rounds` rounds, each round in a rotated order (so no job is
 * always first or last on a noisy machine); one warm-up run of each first. Medians per job.
 */
export function interleaved(
  jobs: readonly Job[],
  rounds: number,
  progress: (line: string) => void,
): Map<string, Summary> {
  for (const job of jobs) runOnce(job); // warm the file cache and the compile cache
  const samples = new Map<string, Sample[]>(jobs.map((j) => [j.name, []]));
  for (let r = 0; r < rounds; r++) {
    const started = Date.now();
    for (let i = 0; i < jobs.length; i++) {
      const job = jobs[(i + r) % jobs.length];
      samples.get(job.name)!.push(runOnce(job));
    }
    progress(`round ${r + 1}/${rounds}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return new Map(
    [...samples].map(([name, s]) => {
      const walls = s.map((x) => x.wallMs);
      return [
        name,
        {
          wallMs: median(walls),
          cpuMs: median(s.map((x) => x.cpuMs)),
          rssMiB: median(s.map((x) => x.rssMiB)),
          wallRange: [Math.min(...walls), Math.max(...walls)],
        },
      ];
    }),
  );
}
