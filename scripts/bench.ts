// `npm run bench`: synth wall time and peak RSS of the default app next to an empty cdktf
// app, measured in the same run, interleaved, median of N runs. Prints numbers and ratios;
// targets: default app ≤ 1.5× the empty app's wall time and ≤ 200 MB peak RSS.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const dist = path.resolve(__dirname, "..");

interface Sample {
  ms: number;
  rssMiB: number;
}

function runOnce(script: string): Sample {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-out-"));
  const rssFile = path.join(outdir, "rss");
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    ["-r", path.join(dist, "scripts/report-rss.js"), script],
    {
      env: {
        ...process.env,
        CDKTF_OUTDIR: outdir,
        BENCH_RSS_FILE: rssFile,
        CHECKPOINT_DISABLE: "1",
      },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr.toString()}`);
  const rssMiB = Number(fs.readFileSync(rssFile, "utf8")) / 1024;
  fs.rmSync(outdir, { recursive: true, force: true });
  return { ms, rssMiB };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const apps = {
  "empty cdktf app": path.join(dist, "scripts/empty-app.js"),
  "default app": path.join(dist, "stacks/main.js"),
};
const samples: Record<string, Sample[]> = { "empty cdktf app": [], "default app": [] };
runOnce(apps["default app"]); // warm the file cache
for (let i = 0; i < RUNS; i++) {
  for (const [name, script] of Object.entries(apps)) samples[name].push(runOnce(script));
}

const summary = Object.fromEntries(
  Object.entries(samples).map(([name, s]) => [
    name,
    { ms: median(s.map((x) => x.ms)), rss: median(s.map((x) => x.rssMiB)) },
  ]),
);
const base = summary["empty cdktf app"];
const app = summary["default app"];
console.log(`runs per app: ${RUNS} (median), node ${process.version}, ${os.cpus().length} cpus`);
for (const [name, m] of Object.entries(summary)) {
  console.log(
    `${name.padEnd(16)} wall ${m.ms.toFixed(0).padStart(6)} ms   peak RSS ${m.rss.toFixed(1).padStart(7)} MiB`,
  );
}
const ratio = app.ms / base.ms;
console.log(
  `ratio wall time default/empty: ${ratio.toFixed(2)}x (target ≤ 1.50x) ${ratio <= 1.5 ? "OK" : "OVER"}`,
);
console.log(
  `default app peak RSS: ${app.rss.toFixed(1)} MiB (target ≤ 200 MiB) ${app.rss <= 200 ? "OK" : "OVER"}`,
);
console.log(`ratio peak RSS default/empty: ${(app.rss / base.rss).toFixed(2)}x`);

// The secret scan's share: the default app synthesized once more in this process, with the
// scanner's own clock (lib/core/secrets/output-scan.ts) read before and after.
{
  process.env.CHECKPOINT_DISABLE = "1";
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App } = require("cdktf") as typeof import("cdktf");
  const { buildDefaultApp } = require(
    path.join(dist, "stacks/default-app"),
  ) as typeof import("../stacks/default-app");
  const { outputScanStats } = require(
    path.join(dist, "lib/core/secrets/output-scan"),
  ) as typeof import("../lib/core/secrets/output-scan");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-scan-"));
  const started = process.hrtime.bigint();
  const app = new App({ outdir, stackTraces: false });
  buildDefaultApp(app);
  app.synth();
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  const scan = outputScanStats();
  fs.rmSync(outdir, { recursive: true, force: true });
  console.log(
    `secret scan (in-process build + synth of the default app): ${scan.ms.toFixed(0)} ms of ${totalMs.toFixed(0)} ms (${((100 * scan.ms) / totalMs).toFixed(0)}%), ${scan.scans} stacks, ${scan.texts} strings/files, ${scan.characters} characters`,
  );
}
