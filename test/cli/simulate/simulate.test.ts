// `runner-pools simulate`: configuration read from the synthesized output, traces and importers,
// determinism, comparison, and clear errors.
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { parseTrace } from "../../../cli/simulate/trace";
import { syntheticTrace, SYNTHETIC_DEFAULTS } from "../../../cli/simulate/synthetic";
import { cli, copySynth, editStack, resourceAt, synthDefaultApp, tempDir } from "../cli-support";
import { legacyStack } from "../../support/arc-fixtures";

const base = synthDefaultApp("simulate");

function withMinRunners(min: number): string {
  const dir = copySynth(base, `sim-min${min}`);
  editStack(dir, "runners-kubernetes", (j) => {
    const release = resourceAt(j, "helm_release", "arc-runners/Release/Resource");
    release.values[0] = release.values[0].replace(/minRunners: \d+/, `minRunners: ${min}`);
  });
  return dir;
}

/** `simulate A --compare B` on pool arc-runners with a synthetic trace. */
function compareArcRunners(a: string, b: string, synthetic: string, format?: "json") {
  const args = ["simulate", a, "--compare", b, "--synthetic", synthetic, "--pool", "arc-runners"];
  return cli(...args, ...(format ? ["--format", format] : []));
}

function writeTrace(lines: unknown[], name = "trace.jsonl"): string {
  const file = path.join(tempDir("trace"), name);
  fs.writeFileSync(
    file,
    lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n"),
  );
  return file;
}

describe("simulate", () => {
  test("same trace, configuration and seed -> identical bytes (markdown, json, svg)", () => {
    const a = tempDir("sim-a");
    const b = tempDir("sim-b");
    const args = [
      "simulate",
      base,
      "--synthetic",
      "days=2",
      "--seed",
      "42",
      "--pool",
      "arc-runners",
    ];
    const r1 = cli(...args, "--svg", path.join(a, "p.svg"), "--format", "json");
    const r2 = cli(...args, "--svg", path.join(b, "p.svg"), "--format", "json");
    expect(r1.code).toBe(0);
    expect(r1.stdout).toBe(r2.stdout);
    expect(fs.readFileSync(path.join(a, "p.svg"))).toEqual(fs.readFileSync(path.join(b, "p.svg")));
    expect(cli(...args).stdout).toBe(cli(...args).stdout);
    const other = cli(
      "simulate",
      base,
      "--synthetic",
      "days=2",
      "--seed",
      "43",
      "--pool",
      "arc-runners",
      "--format",
      "json",
    );
    expect(other.stdout).not.toBe(r1.stdout);
  });

  test("the default app's ARC scale set: min/max from the release values; self-managed pools named", () => {
    const r = cli("simulate", base, "--synthetic", "days=1", "--format", "json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(
      out.pools.map((p: { pool: string; min: number; max: number }) => [p.pool, p.min, p.max]),
    ).toEqual([["runners-kubernetes/arc-runners", 1, 20]]);
    expect(out.notSimulatable.map((x: { id: string }) => x.id)).toEqual([
      "runners-aks/gitlab-runners",
      "runners-eks/gitlab-runners",
      "runners-gke/gitlab-runners",
      "runners-kubernetes/gitlab-runners",
      "runners-kubernetes/kubiya",
    ]);
  });

  test("minRunners 3 vs 0: the median wait goes, runner-minutes grow; busy minutes equal", () => {
    const r = compareArcRunners(withMinRunners(3), withMinRunners(0), "default", "json");
    expect(r.code).toBe(0);
    const { base: a, head: b } = JSON.parse(r.stdout);
    const [p0, p3] = [a.pools[0], b.pools[0]];
    expect(p3.wait.p50).toBe(0);
    expect(p0.wait.p50).toBeGreaterThan(20);
    expect(p3.runnerMinutesProvisioned).toBeGreaterThan(2 * p0.runnerMinutesProvisioned);
    expect(p3.runnerMinutesBusy).toBe(p0.runnerMinutesBusy);
    const md = compareArcRunners(withMinRunners(3), withMinRunners(0), "days=1").stdout;
    expect(md).toContain("| A: ");
    expect(md).toContain("| B: ");
  });

  test("with minRunners 0, maxRunners moves the wait but not the cost much", () => {
    const low = withMinRunners(0);
    editStack(low, "runners-kubernetes", (j) => {
      const release = resourceAt(j, "helm_release", "arc-runners/Release/Resource");
      release.values[0] = release.values[0].replace("maxRunners: 20", "maxRunners: 6");
    });
    const r = JSON.parse(compareArcRunners(low, withMinRunners(0), "default", "json").stdout);
    const [p20, p6] = [r.base.pools[0], r.head.pools[0]];
    expect(p6.wait.p95).toBeGreaterThan(p20.wait.p95);
    expect(
      Math.abs(p6.runnerMinutesProvisioned - p20.runnerMinutesProvisioned) /
        p20.runnerMinutesProvisioned,
    ).toBeLessThan(0.1);
    expect(p6.minutesAtMax).toBeGreaterThan(p20.minutesAtMax);
  });

  test("legacy ARC: HRA + RunnerDeployment read from the generated chart under the stack's assets", () => {
    // Testing.app() synthesizes into its own temp outdir, generated chart assets included
    const app = legacyStack().node.root as App;
    app.synth();
    const dir = app.outdir;
    const r = cli("simulate", dir, "--synthetic", "days=1,labels=linux+docker", "--format", "json");
    expect(r.stderr).toBe("");
    const pools = JSON.parse(r.stdout).pools;
    const hra = pools.find((p: { model: string }) => p.model.startsWith("ARC legacy HRA"));
    expect(hra).toMatchObject({ min: 0, max: 10 });
    expect(hra.model).toContain(
      "PercentageRunnersBusy + TotalNumberOfQueuedAndInProgressWorkflowRuns",
    );
    expect(hra.jobs).toBeGreaterThan(0);
  });

  test("--fixed models a self-managed pool as N always-on runners", () => {
    const r = cli(
      "simulate",
      base,
      "--synthetic",
      "days=1",
      "--pool",
      "kubiya",
      "--fixed",
      "kubiya=4",
      "--format",
      "json",
    );
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout).pools[0];
    expect(p).toMatchObject({ pool: "runners-kubernetes/kubiya", min: 4, max: 4 });
    expect(p.runnerMinutesProvisioned).toBeGreaterThanOrEqual(4 * 24 * 60);
    expect(p.model).toBe(
      "fixed: c = 4 always-on runners (c from --fixed; the synthesized output states no concurrency for this platform)",
    );
  });

  test("--fixed needs c >= 1 and a pool without autoscaling", () => {
    const zero = cli("simulate", base, "--synthetic", "days=1", "--fixed", "kubiya=0");
    expect(zero.code).toBe(1);
    expect(zero.stderr).toMatch(/--fixed: kubiya: c must be at least 1 always-on runner, not 0/);
    const scaled = cli("simulate", base, "--synthetic", "days=1", "--fixed", "arc-runners=3");
    expect(scaled.code).toBe(1);
    expect(scaled.stderr).toMatch(/has no self-managed pool arc-runners/);
  });

  test("pools without autoscaling are listed with how to model them", () => {
    const r = cli("simulate", base, "--synthetic", "days=1");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Not simulated: runners-kubernetes\/kubiya \(kubiya\): no autoscaling: the platform runs a fixed number of jobs at once, which the synthesized output does not state; model it as c always-on runners with --fixed POOL=c/,
    );
  });

  test("review --simulate appends the simulate report (Markdown and JSON)", () => {
    const review = cli("review", base);
    const sim = cli("simulate", base, "--synthetic", "days=1", "--seed", "3");
    const both = cli("review", base, "--simulate", "synthetic:days=1", "--seed", "3");
    expect(both.code).toBe(0);
    expect(both.stdout).toBe(`${review.stdout.trimEnd()}\n\n${sim.stdout}`);
    const json = cli("review", base, "--simulate", "synthetic:days=1", "--format", "json");
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.review).toEqual(JSON.parse(cli("review", base, "--format", "json").stdout));
    expect(parsed.simulate.pools.length).toBeGreaterThan(0);
    const trace = cli("review", base, "--simulate", "/nonexistent/jobs.jsonl");
    expect(trace.code).toBe(1);
    expect(trace.stderr).toMatch(/cannot read the trace/);
    const stray = cli("review", base, "--seed", "3");
    expect(stray.code).toBe(1);
    expect(stray.stderr).toMatch(/review: option --seed not supported/);
  });

  test("importers: GitHub workflow_job webhooks and REST jobs, GitLab jobs", () => {
    const wh = (action: string, extra: object) =>
      JSON.stringify({
        action,
        workflow_job: {
          id: 7,
          labels: ["self-hosted", "linux"],
          created_at: "2026-01-05T10:00:00Z",
          ...extra,
        },
      });
    const gh = parseTrace(
      [
        wh("queued", {}),
        wh("in_progress", { started_at: "2026-01-05T10:00:30Z" }),
        wh("completed", {
          started_at: "2026-01-05T10:00:30Z",
          completed_at: "2026-01-05T10:05:30Z",
        }),
      ].join("\n"),
      "github-webhooks",
      "wh",
    );
    expect(gh).toEqual([
      {
        id: "7",
        created: 1767607200,
        started: 1767607230,
        completed: 1767607530,
        labels: ["self-hosted", "linux"],
      },
    ]);
    const rest = parseTrace(
      JSON.stringify({
        total_count: 1,
        jobs: [
          {
            id: 8,
            labels: ["x"],
            created_at: "2026-01-05T10:00:00Z",
            started_at: "2026-01-05T10:01:00Z",
            completed_at: "2026-01-05T10:02:00Z",
          },
        ],
      }),
      "github-jobs",
      "rest",
    );
    expect(rest[0]).toMatchObject({ id: "8", started: 1767607260 });
    const gl = parseTrace(
      JSON.stringify([
        {
          id: 9,
          tag_list: ["docker"],
          status: "success",
          created_at: "2026-01-05T10:00:00.000Z",
          started_at: "2026-01-05T10:00:05.000Z",
          finished_at: "2026-01-05T10:03:05.000Z",
        },
      ]),
      "gitlab-jobs",
      "gl",
    );
    expect(gl[0]).toMatchObject({ id: "9", labels: ["docker"], completed: 1767607385 });
    const file = writeTrace([
      {
        id: "a",
        created: "2026-01-05T10:00:00Z",
        started: "2026-01-05T10:00:40Z",
        completed: "2026-01-05T10:04:00Z",
        labels: ["self-hosted"],
      },
    ]);
    const r = cli("simulate", base, "--trace", file, "--pool", "arc-runners");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Observed in the trace (baseline): wait p50 40 s");
  });

  test("the synthetic trace is seeded and shaped as documented", () => {
    const a = syntheticTrace(SYNTHETIC_DEFAULTS, 5);
    expect(syntheticTrace(SYNTHETIC_DEFAULTS, 5)).toEqual(a);
    const runs = a
      .map((j) => (j.completed as number) - (j.started as number))
      .sort((x, y) => x - y);
    const median = runs[Math.floor(runs.length / 2)];
    expect(median).toBeGreaterThan(200);
    expect(median).toBeLessThan(290);
    expect(a.length).toBeGreaterThan(1500);
    expect(a.length).toBeLessThan(2600);
    const onTheHour = a.filter((j) => j.created % 3600 < 5).length;
    expect(onTheHour).toBeGreaterThan(168);
  });

  test.each([
    ["a malformed trace line", ["{not json"], /trace\.jsonl:1: not a JSON object/],
    ["a job without created", [{ id: "a", labels: [] }], /"created" is missing/],
    [
      "labels not a list",
      [{ id: "a", created: 1, started: 2, completed: 3, labels: "x" }],
      /"labels" must be a list of strings/,
    ],
    [
      "completed before started",
      [{ id: "a", created: 1, started: 5, completed: 3, labels: [] }],
      /"completed" is before "started"/,
    ],
  ])("%s -> one-line error, exit 1", (_name, lines, message) => {
    const r = cli("simulate", base, "--trace", writeTrace(lines as unknown[]));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
  });

  test.each([
    [
      "an unknown pool",
      ["--pool", "nope"],
      /unknown pool nope \(pools: runners-kubernetes\/arc-runners, /,
    ],
    [
      "a pool without autoscaling",
      ["--pool", "kubiya"],
      /pool runners-kubernetes\/kubiya \(kubiya\) has no autoscaling to simulate: .*add --fixed kubiya=c to model it as c always-on runners/,
    ],
    ["no trace", [], /a job trace is required/],
    ["a bad seed", ["--synthetic", "default", "--seed", "x"], /--seed must be an integer/],
    ["a bad synthetic parameter", ["--synthetic", "dayz=3"], /--synthetic: unknown parameter dayz/],
    ["a bad env key", ["--synthetic", "default", "--env", "foo=1"], /--env: unknown key foo/],
  ])("%s -> clear error, exit 1", (_name, args, message) => {
    const extra =
      (args as string[]).includes("--synthetic") || (args as string[]).length === 0
        ? []
        : ["--synthetic", "days=1"];
    const r = cli("simulate", base, ...extra, ...(args as string[]));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
