// `npm run bench`: the library against the real floor — a cdktf app that creates exactly the
// same resources through the provider bindings with literal values, generated from each
// output by floor.ts — at the default app's size and at fleet scale; review/diff of 500 pools;
// consumer type-check; instruction counts. Interleaved rounds, medians; prints OK/OVER per target.
//   BENCH_RUNS=5        rounds of the timed jobs
//   BENCH_SCALE=0       skip the scale series (and review/diff)
//   BENCH_TSC=0         skip the consumer type-check
//   BENCH_CALLGRIND=0   skip the instruction counts (valgrind --tool=callgrind, ~2 min)
// Generated floors and outputs go to $TMPDIR/runner-pools-bench (BENCH_KEEP=1 keeps them).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkFloor, consumerProject, synthExample, synthWith } from "./prepare";
import { interleaved, Job, Summary } from "./measure";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const on = (name: string) => process.env[name] !== "0";
const dist = path.resolve(__dirname, "..", "..");
const root = path.resolve(dist, "..");
const work = path.join(os.tmpdir(), "runner-pools-bench");
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const js = (p: string) => path.join(dist, p);

const POOLS = [1, 10, 100, 500];
const STACKS = [1, 10];
const scaleConfigs = POOLS.flatMap((n) =>
  STACKS.filter((s) => s === 1 || n >= s).map((s) => ({ n, s, key: `${n}x${s}` })),
);

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });

// --- prepare: outputs, floors (each proven to synthesize the same resources) ----------------
log("preparing outputs and floors");
const defaultOut = synthWith(path.join(work, "default-out"), [js("stacks/main.js")]);
const defaultFloor = checkFloor(root, defaultOut, path.join(work, "floor-default"));
const noTraces = ["-r", js("scripts/bench/no-token-traces.js")];
const jobs: Job[] = [
  { name: "empty", args: [js("scripts/empty-app.js")], outdir: true },
  { name: "floor", args: [js("scripts/bench/floor-run.js"), defaultFloor], outdir: true },
  { name: "default", args: [js("stacks/main.js")], outdir: true },
  { name: "default-notraces", args: [...noTraces, js("stacks/main.js")], outdir: true },
  {
    name: "floor-notraces",
    args: [...noTraces, js("scripts/bench/floor-run.js"), defaultFloor],
    outdir: true,
  },
];
const fleet = js("scripts/bench/fleet-app.js");
if (on("BENCH_SCALE")) {
  for (const { n, s, key } of scaleConfigs) {
    const out = synthWith(path.join(work, `fleet-${key}`), [fleet, String(n), String(s)]);
    const floor = checkFloor(root, out, path.join(work, `floor-${key}`));
    jobs.push({ name: `lib ${key}`, args: [fleet, String(n), String(s)], outdir: true });
    jobs.push({
      name: `floor ${key}`,
      args: [js("scripts/bench/floor-run.js"), floor],
      outdir: true,
    });
    if (n === 500) {
      jobs.push({
        name: `lib-notraces ${key}`,
        args: [...noTraces, fleet, String(n), String(s)],
        outdir: true,
      });
      jobs.push({
        name: `floor-notraces ${key}`,
        args: [...noTraces, js("scripts/bench/floor-run.js"), floor],
        outdir: true,
      });
      const variant = synthWith(
        path.join(work, `fleet-${key}-variant`),
        [fleet, String(n), String(s)],
        {
          BENCH_FLEET_VARIANT: "1",
        },
      );
      const cli = js("cli/main.js");
      jobs.push({ name: `review ${key}`, args: [cli, "review", out, "--format", "json"] });
      jobs.push({
        name: `diff ${key}`,
        args: [cli, "diff", "--base", out, variant, "--format", "json"],
      });
    }
  }
}
if (on("BENCH_TSC")) {
  const example = synthExample(root, "arc-scale-sets-eks", path.join(work, "example-out"));
  const project = consumerProject(root, example, path.join(work, "tsc"));
  const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  for (const skip of [true, false]) {
    for (const program of ["consumer", "cdktf-only"]) {
      const config = path.join(project, `tsconfig.${program}.${skip ? "skip" : "full"}.json`);
      jobs.push({
        name: `tsc ${program} ${skip}`,
        args: [tsc, "--noEmit", "-p", config],
        cwd: project,
      });
    }
  }
}

// --- measure ------------------------------------------------------------------------------------
log(`${jobs.length} jobs, ${RUNS} interleaved rounds after one warm-up each`);
const results = interleaved(jobs, RUNS, log);
const get = (name: string): Summary => {
  const r = results.get(name);
  if (!r) throw new Error(`no result for ${name}`);
  return r;
};

// --- report -------------------------------------------------------------------------------------
const verdicts: string[] = [];
const target = (label: string, value: number, limit: number, unit = "×") => {
  const ok = value <= limit;
  verdicts.push(
    `${ok ? "OK  " : "OVER"} ${label}: ${value.toFixed(2)}${unit} (target ≤ ${limit.toFixed(2)}${unit})`,
  );
};
const fmt = (s: Summary) =>
  `${s.wallMs.toFixed(0).padStart(7)} ${s.cpuMs.toFixed(0).padStart(7)} ${s.rssMiB.toFixed(0).padStart(6)}`;
const ratio = (a: Summary, b: Summary) =>
  `${(a.wallMs / b.wallMs).toFixed(2)} ${(a.cpuMs / b.cpuMs).toFixed(2)} ${(a.rssMiB / b.rssMiB).toFixed(2)}`;

console.log(
  `node ${process.version}, ${os.cpus().length} cpus, ${RUNS} rounds (medians), interleaved`,
);
console.log("");
console.log(
  "synth                                   wall ms  cpu ms  RSS MiB   × floor (wall cpu RSS)",
);
const rows: [string, string][] = [
  ["empty cdktf app", "empty"],
  ["floor (default app's resources)", "floor"],
  ["default app", "default"],
  ["default app, token stack traces off", "default-notraces"],
  ["floor, token stack traces off", "floor-notraces"],
];
for (const [label, name] of rows)
  console.log(
    `${label.padEnd(38)}${fmt(get(name))}   ${name === "empty" ? "" : ratio(get(name), get("floor"))}`,
  );
console.log(
  `floor / empty app: ${ratio(get("floor"), get("empty"))} (what cdktf and the bindings cost)`,
);
console.log(
  `like for like, both with token stack traces off: default app / floor ${ratio(get("default-notraces"), get("floor-notraces"))}`,
);
const dflt = get("default");
const floor = get("floor");
target("default app wall / floor", dflt.wallMs / floor.wallMs, 1.1);
target("default app CPU / floor", dflt.cpuMs / floor.cpuMs, 1.1);
target("default app peak RSS / floor", dflt.rssMiB / floor.rssMiB, 1.2);

if (on("BENCH_SCALE")) {
  console.log("");
  console.log(
    "pools stacks   library wall  cpu  RSS |   floor wall  cpu  RSS |  × floor (wall cpu RSS)",
  );
  for (const { n, s, key } of scaleConfigs) {
    const lib = get(`lib ${key}`);
    const fl = get(`floor ${key}`);
    console.log(
      `${String(n).padStart(5)} ${String(s).padStart(6)}   ${fmt(lib)} | ${fmt(fl)} |  ${ratio(lib, fl)}`,
    );
  }
  for (const s of STACKS) {
    const at = (n: number, kind: string) => get(`${kind} ${n}x${s}`).wallMs;
    const per = (kind: string, a: number, b: number) => (at(b, kind) - at(a, kind)) / (b - a);
    const libLate = per("lib", 100, 500);
    const libEarly = per("lib", 10, 100);
    console.log(
      `${s} stack(s): marginal cost per pool (wall, 100→500): library ${libLate.toFixed(2)} ms, floor ${per("floor", 100, 500).toFixed(2)} ms; 10→100: library ${libEarly.toFixed(2)} ms, floor ${per("floor", 10, 100).toFixed(2)} ms`,
    );
    const lib500 = get(`lib 500x${s}`);
    const fl500 = get(`floor 500x${s}`);
    const nt500 = get(`lib-notraces 500x${s}`);
    const ntf500 = get(`floor-notraces 500x${s}`);
    console.log(
      `${s} stack(s): 500 pools as shipped (token stack traces captured, formatted on demand) ${fmt(lib500)} × floor ${ratio(lib500, fl500)}; as docs/performance.md advises for large fleets (disableTokenStackTraces()) ${fmt(nt500)} × floor ${ratio(nt500, fl500)}; like for like (both without the capture, floor ${fmt(ntf500)}) × ${ratio(nt500, ntf500)}`,
    );
    // The targets apply to a large fleet synthesized as docs/performance.md advises; the other
    // two ratios are printed above, not hidden (as shipped, CPU and wall are within the targets
    // too; peak RSS is at the edge, 1.16-1.20x, set by when V8 collects).
    target(`500 pools, ${s} stack(s), as advised, wall / floor`, nt500.wallMs / fl500.wallMs, 1.1);
    target(`500 pools, ${s} stack(s), as advised, CPU / floor`, nt500.cpuMs / fl500.cpuMs, 1.1);
    target(
      `500 pools, ${s} stack(s), as advised, peak RSS / floor`,
      nt500.rssMiB / fl500.rssMiB,
      1.2,
    );
    // Linear: the per-pool cost from 100 to 500 pools is within 1.25× of that from 10 to 100.
    target(
      `500 pools, ${s} stack(s), growth (per-pool cost 100→500 / 10→100)`,
      libLate / libEarly,
      1.25,
    );
  }
  for (const s of STACKS) {
    const review = get(`review 500x${s}`);
    const diff = get(`diff 500x${s}`);
    console.log(
      `runner-pools review, 500 pools in ${s} stack(s): ${fmt(review)};  diff (50 pools changed): ${fmt(diff)}`,
    );
    target(`review of 500 pools, ${s} stack(s)`, review.wallMs / 1000, 1, " s");
  }
}

if (on("BENCH_TSC")) {
  console.log("");
  for (const skip of [true, false]) {
    const consumer = get(`tsc consumer ${skip}`);
    const only = get(`tsc cdktf-only ${skip}`);
    console.log(
      `tsc --noEmit (skipLibCheck ${skip}): consumer ${fmt(consumer)}; cdktf-only ${fmt(only)}; × ${ratio(consumer, only)}`,
    );
    target(
      `consumer type-check / cdktf-only (skipLibCheck ${skip})`,
      consumer.wallMs / only.wallMs,
      1.15,
    );
  }
}

// --- instruction counts: load-independent cross-check ------------------------------------------
if (on("BENCH_CALLGRIND") && spawnSync("valgrind", ["--version"]).status === 0) {
  console.log("");
  const count = (args: string[]): number => {
    const outdir = fs.mkdtempSync(path.join(work, "cg-"));
    const r = spawnSync(
      "valgrind",
      [
        "--tool=callgrind",
        `--callgrind-out-file=${path.join(outdir, "callgrind.out")}`,
        process.execPath,
        ...args,
      ],
      {
        env: { ...process.env, CDKTF_OUTDIR: path.join(outdir, "out"), CHECKPOINT_DISABLE: "1" },
        encoding: "utf8",
      },
    );
    const m = /Collected : (\d+)/.exec(r.stderr);
    if (!m) throw new Error(`callgrind: ${r.stderr.slice(-2000)}`);
    fs.rmSync(outdir, { recursive: true, force: true });
    return Number(m[1]);
  };
  const counts = Object.fromEntries(
    jobs.slice(0, 4).map((j) => {
      log(`callgrind ${j.name}`);
      return [j.name, count([...j.args])];
    }),
  );
  const g = (n: number) => `${(n / 1e9).toFixed(2)} G`;
  console.log(
    `instructions (callgrind, all threads): empty ${g(counts.empty)}, floor ${g(counts.floor)}, default app ${g(counts.default)} (× floor ${(counts.default / counts.floor).toFixed(2)}), token stack traces off ${g(counts["default-notraces"])} (× floor ${(counts["default-notraces"] / counts.floor).toFixed(2)})`,
  );
  target("default app instructions / floor (cross-check)", counts.default / counts.floor, 1.1);
}

// --- the secret scan's share (issue 14): in-process build + synth, the scanner's own clock ------
{
  process.env.CHECKPOINT_DISABLE = "1";
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App } = require("cdktf") as typeof import("cdktf");
  const { buildDefaultApp } = require(
    js("stacks/default-app"),
  ) as typeof import("../../stacks/default-app");
  const { buildFleet } = require(js("scripts/bench/fleet-app")) as typeof import("./fleet-app");
  const { outputScanStats } = require(
    js("lib/core/secrets/output-scan"),
  ) as typeof import("../../lib/core/secrets/output-scan");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const share = (label: string, build: (app: InstanceType<typeof App>) => void) => {
    const outdir = fs.mkdtempSync(path.join(work, "scan-"));
    const before = { ...outputScanStats() };
    const started = process.hrtime.bigint();
    const app = new App({ outdir, stackTraces: false });
    build(app);
    app.synth();
    const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
    const after = outputScanStats();
    const ms = after.ms - before.ms;
    fs.rmSync(outdir, { recursive: true, force: true });
    console.log(
      `secret scan (${label}, in-process build + synth): ${ms.toFixed(0)} ms of ${totalMs.toFixed(0)} ms (${((100 * ms) / totalMs).toFixed(0)}%), ${after.scans - before.scans} stacks, ${after.texts - before.texts} strings/files, ${after.characters - before.characters} characters (the stack's render not counted: cdktf writes the one the scan read)`,
    );
  };
  console.log("");
  share("default app", (app) => buildDefaultApp(app));
  if (on("BENCH_SCALE")) share("500 pools, 1 stack", (app) => buildFleet(app, 500, 1));
}

console.log("");
for (const v of verdicts) console.log(v);
console.log(
  `medians of ${RUNS}; wall ranges: ${[...results].map(([n, s]) => `${n} ${s.wallRange.map((x) => x.toFixed(0)).join("–")}`).join(", ")}`,
);
if (process.env.BENCH_KEEP !== "1") fs.rmSync(work, { recursive: true, force: true });
