// `runner-pools simulate`: replay a job trace against the pools' autoscaling read from a
// synthesized output directory (and, with --compare, another one), print Markdown or JSON, and
// optionally write an SVG plot.
import * as fs from "node:fs";
import * as path from "node:path";
import { CliError } from "../errors";
import { compare } from "../json";
import { canonicalJson } from "../output";
import { loadSynthDir } from "../synth-dir";
import { type FixedPool, type PoolConfigs, type SimPool, poolConfigs } from "./config";
import { ENVIRONMENT_DEFAULTS, type Environment, matches, simulatePool, windowOf } from "./engine";
import { type SimResult, poolResult, simulateMarkdown, waitStats } from "./report";
import { simulateSvg } from "./svg";
import { SYNTHETIC_DEFAULTS, parseSyntheticParams, syntheticTrace } from "./synthetic";
import { TRACE_FORMATS, type Trace, type TraceFormat, parseTrace, toTrace } from "./trace";

export const SIMULATE_OPTIONS = [
  "--trace",
  "--trace-format",
  "--synthetic",
  "--seed",
  "--pool",
  "--compare",
  "--env",
  "--fixed",
  "--svg",
];

export const SIMULATE_USAGE = `  runner-pools simulate [DIR] (--trace FILE [--trace-format FORMAT] | --synthetic PARAMS)
                        [--seed N] [--pool ID[,ID]] [--compare DIR] [--env K=V[,K=V]]
                        [--fixed POOL=N[,POOL=N]] [--svg FILE] [--out DIR] [--format markdown|json]`;

function parseEnv(spec: string | undefined, trace: Trace): Environment {
  const out: Record<string, number> = { ...ENVIRONMENT_DEFAULTS };
  for (const part of (spec ?? "").split(",").filter((p) => p.trim())) {
    const [key, value = ""] = part.split("=").map((x) => x.trim());
    if (!(key in ENVIRONMENT_DEFAULTS))
      throw new CliError(
        `--env: unknown key ${key} (${Object.keys(ENVIRONMENT_DEFAULTS).join(", ")})`,
      );
    if (key === "podStartupMedian" && value === "observed") {
      // calibration: the median observed wait of jobs that waited at all
      const waits = trace.jobs
        .map((j) => (j.started as number) - j.created)
        .filter((w) => w > 0)
        .sort((a, b) => a - b);
      if (!waits.length)
        throw new CliError("--env podStartupMedian=observed: no observed waits in the trace");
      out[key] = Math.round(waits[Math.floor((waits.length - 1) / 2)] * 10) / 10;
      continue;
    }
    const n = Number(value);
    if (value === "" || !Number.isFinite(n) || n < 0)
      throw new CliError(`--env: ${key} must be a non-negative number, not ${value}`);
    out[key] = n;
  }
  return out as unknown as Environment;
}

function loadTrace(options: Map<string, string>, seed: number): Trace {
  const file = options.get("--trace");
  const synthetic = options.get("--synthetic");
  if (file && synthetic !== undefined)
    throw new CliError("simulate: give --trace or --synthetic, not both");
  if (!file && synthetic === undefined)
    throw new CliError("simulate: a job trace is required: --trace FILE or --synthetic default");
  if (synthetic !== undefined) {
    const params = parseSyntheticParams(synthetic === "default" ? "" : synthetic);
    const label = `synthetic (${synthetic === "default" ? "defaults" : synthetic}; seed ${seed})`;
    return toTrace(syntheticTrace(params, seed), label);
  }
  const format = (options.get("--trace-format") ?? "jsonl") as TraceFormat;
  if (!TRACE_FORMATS.includes(format))
    throw new CliError(`--trace-format must be one of ${TRACE_FORMATS.join(", ")}, not ${format}`);
  let text: string;
  try {
    text = fs.readFileSync(file as string, "utf8");
  } catch {
    throw new CliError(`${file}: cannot read the trace`);
  }
  return toTrace(
    parseTrace(text, format, file as string),
    `${path.basename(file as string)} (${format})`,
  );
}

function parseFixed(spec: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of (spec ?? "").split(",").filter(Boolean)) {
    const m = /^(.+)=(\d+)$/.exec(part.trim());
    if (!m) throw new CliError(`--fixed: expected POOL=N, not ${part}`);
    if (Number(m[2]) < 1)
      throw new CliError(`--fixed: ${m[1]}: c must be at least 1 always-on runner, not ${m[2]}`);
    out.set(m[1], Number(m[2]));
  }
  return out;
}

const idMatches = (id: string, want: string) => id === want || id.endsWith(`/${want}`);

function selectPools(
  configs: PoolConfigs,
  poolSpec: string | undefined,
  fixed: Map<string, number>,
  label: string,
): PoolConfigs {
  let pools: SimPool[] = [...configs.pools];
  let notSimulatable = [...configs.notSimulatable];
  for (const [want, n] of fixed) {
    const hit = notSimulatable.find((x) => idMatches(x.id, want));
    if (!hit) throw new CliError(`--fixed: ${label} has no self-managed pool ${want}`);
    const pool: FixedPool = {
      kind: "fixed",
      id: hit.id,
      source: "--fixed",
      labels: ["*"],
      replicas: n,
    };
    pools.push(pool);
    notSimulatable = notSimulatable.filter((x) => x !== hit);
  }
  pools.sort((a, b) => compare(a.id, b.id));
  if (poolSpec) {
    const wanted = poolSpec.split(",").filter(Boolean);
    for (const want of wanted) {
      if (pools.some((p) => idMatches(p.id, want))) continue;
      const self = notSimulatable.find((x) => idMatches(x.id, want));
      if (self)
        throw new CliError(
          `pool ${self.id} (${self.platform}) has no autoscaling to simulate: the platform runs a fixed number of jobs at once, which the synthesized output does not state; add --fixed ${want}=c to model it as c always-on runners (c = how many jobs it runs at once)`,
        );
      throw new CliError(
        `${label}: unknown pool ${want} (pools: ${[...pools.map((p) => p.id), ...notSimulatable.map((x) => x.id)].join(", ") || "none"})`,
      );
    }
    pools = pools.filter((p) => wanted.some((w) => idMatches(p.id, w)));
    notSimulatable = notSimulatable.filter((x) => wanted.some((w) => idMatches(x.id, w)));
  }
  if (!pools.length)
    throw new CliError(
      `${label}: no pool with autoscaling to simulate${notSimulatable.length ? ` (not simulatable: ${notSimulatable.map((x) => `${x.id} (${x.platform})`).join(", ")}; use --fixed POOL=N)` : ""}`,
    );
  return { pools, notSimulatable };
}

const matchesPool = (p: SimPool, labels: string[]) => p.labels.includes("*") || matches(p, labels);

export interface SimulateRun {
  readonly result: SimResult;
  readonly plot: { label: string; samples: import("./engine").Sample[]; waits: number[] }[];
}

export function simulateDir(
  dir: string,
  trace: Trace,
  env: Environment,
  seed: number,
  options: Map<string, string>,
): SimulateRun {
  const synth = loadSynthDir(dir);
  const configs = selectPools(
    poolConfigs(synth),
    options.get("--pool"),
    parseFixed(options.get("--fixed")),
    dir,
  );
  const window = windowOf(trace);
  const byPool = new Map<string, number[]>(configs.pools.map((p) => [p.id, []]));
  let unmatched = 0;
  trace.jobs.forEach((job, i) => {
    const pool = configs.pools.find((p) => matchesPool(p, job.labels));
    if (pool) byPool.get(pool.id)?.push(i);
    else unmatched++;
  });
  const runs = configs.pools.map((p) =>
    simulatePool(p, trace, byPool.get(p.id) ?? [], env, seed, window),
  );
  const observed = trace.source.startsWith("synthetic")
    ? null
    : waitStats(trace.jobs.map((j) => (j.started as number) - j.created));
  return {
    result: {
      label: dir,
      trace: trace.source,
      seed,
      window: [new Date(window[0] * 1000).toISOString(), new Date(window[1] * 1000).toISOString()],
      environment: env,
      pools: runs.map((r) => poolResult(r, env)),
      notSimulatable: configs.notSimulatable,
      unmatchedJobs: unmatched,
      observedWait: observed,
    },
    plot: runs.map((r) => ({
      label: `${dir}: ${r.pool.id}`,
      samples: r.samples,
      waits: r.jobs.filter((j) => j.wait !== null).map((j) => j.wait as number),
    })),
  };
}

/** Runs `simulate`; returns [text, file name] for stdout/--out, writing --svg itself. */
export function simulateCommand(
  positional: string[],
  options: Map<string, string>,
  fmt: "markdown" | "json",
): { text: string; file: string } {
  const seedText = options.get("--seed") ?? "1";
  if (!/^\d+$/.test(seedText) || Number(seedText) > 4294967295)
    throw new CliError(`--seed must be an integer 0..4294967295, not ${seedText}`);
  const seed = Number(seedText);
  const trace = loadTrace(options, seed);
  const env = parseEnv(options.get("--env"), trace);
  const head = simulateDir(positional[0] ?? "cdktf.out", trace, env, seed, options);
  const baseDir = options.get("--compare");
  const base = baseDir ? simulateDir(baseDir, trace, env, seed, options) : undefined;
  const svgFile = options.get("--svg");
  if (svgFile) {
    try {
      fs.writeFileSync(svgFile, simulateSvg([...(base?.plot ?? []), ...head.plot]));
    } catch {
      throw new CliError(`${svgFile}: cannot write the plot`);
    }
  }
  if (fmt === "json")
    return {
      text: canonicalJson(base ? { base: base.result, head: head.result } : head.result),
      file: "simulate.json",
    };
  return { text: simulateMarkdown(head.result, base?.result), file: "simulate.md" };
}

export { SYNTHETIC_DEFAULTS };
