// Differential fuzzing (fast-check, seeded): pools built through the public API from random but
// plausible input. Whatever synth accepts, the API server's dry-run must accept (objects of one
// stack must also not collide: the second create of one kind/namespace/name fails); whatever
// synth refuses must be refused with a rule message (never a TypeError).
// CDKTF_FUZZ_RUNS (default 200), CDKTF_FUZZ_SEED (default 13). A found case becomes a regular
// test (test/kubernetes/cluster-found.test.ts).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { App } from "cdktf";
import {
  ArcGithubCredentials,
  ArcRunnerScaleSet,
  ArcScaleSetController,
  ChartSource,
  CustomChartRunner,
} from "../../lib/index";
import type { RunnerNamespaceOptions } from "../../lib/index";
import { KubernetesRunnerStack } from "../../stacks/kubernetes-runner-stack";
import type { Kube } from "./kube";
import { messageOf } from "./kube";
import { Obj, stackManifests } from "./translate";

type Report = (status: "PASS" | "FAIL", check: string, message?: string) => void;

const name = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,14}[a-z0-9]$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("default", "kube-system", "kube-public", "Runners", "a_b", "-x", ""),
  },
);
const quantity = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 500 }).map(String) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "500m",
      "1",
      "2",
      "4Gi",
      "512Mi",
      "1k",
      "100m",
      "250m",
      "8Gi",
      "1Gi",
    ),
  },
  fc.constantFrom(
    "500m",
    "1",
    "2",
    "4Gi",
    "512Mi",
    "0.5",
    "1.5",
    "-1",
    "1e3",
    "0.5Ki",
    "1k",
    "100m",
    "abc",
    "2.5Gi",
    "0",
  ),
);
const quota = fc.dictionary(
  fc.constantFrom(
    "pods",
    "services",
    "secrets",
    "configmaps",
    "count/jobs.batch",
    "requests.cpu",
    "requests.memory",
    "limits.cpu",
    "limits.memory",
  ),
  quantity,
  { maxKeys: 4 },
);
const resources = fc.dictionary(fc.constantFrom("cpu", "memory"), quantity, { maxKeys: 2 });
const octet = fc.integer({ min: 0, max: 300 });
const cidr = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "10.0.0.0/8",
      "0.0.0.0/0",
      "10.1.0.0/16",
      "192.168.0.0/24",
      "fd00::/8",
      "10.1.2.0/24",
      "172.16.0.0/12",
    ),
  },
  fc
    .tuple(octet, octet, octet, octet, fc.integer({ min: 0, max: 34 }))
    .map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`),
  fc.constantFrom(
    "10.0.0.0/8",
    "0.0.0.0/0",
    "256.0.0.0/0",
    "10.0.0.0",
    "fd00::/8",
    "::/0",
    "10.1.0.0/16",
    "192.168.0.0/24",
    "fd00:1::/32",
    "10.0.0.0/33",
  ),
);
const port = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 65535 }) },
  fc.integer({ min: -1, max: 70000 }),
  fc.constantFrom(
    "70000",
    "Port",
    "http",
    "metrics",
    "8080",
    "0",
    "a--b",
    "-web",
    "very-long-port-name",
    "9443",
  ),
);
const rule = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/),
  ports: fc.array(fc.record({ port }), { minLength: 1, maxLength: 2 }),
  peers: fc.option(
    fc.array(
      fc.record({
        cidr,
        except: fc.option(
          fc.array(
            fc.oneof({ weight: 3, arbitrary: fc.constantFrom("10.1.0.0/16", "10.1.2.0/24") }, cidr),
            { maxLength: 2 },
          ),
          { nil: undefined, freq: 4 },
        ),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    { nil: undefined },
  ),
});
const labelKey = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/) },
  fc.constantFrom("example.com/team", "app.kubernetes.io/name", "bad key", "-x", "a/b/c"),
);
const labelValue = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9._-]{0,10}[A-Za-z0-9])?$/) },
  fc.constantFrom("", "has space", "x".repeat(64)),
);

const namespaceOptions = fc.record(
  {
    podSecurity: fc.constantFrom("restricted", "baseline", "privileged") as fc.Arbitrary<
      "restricted" | "baseline" | "privileged"
    >,
    labels: fc.dictionary(labelKey, labelValue, { maxKeys: 2 }),
    annotations: fc.dictionary(labelKey, fc.string({ maxLength: 20 }), { maxKeys: 2 }),
    resourceQuota: quota,
    limitRange: fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constant({
          defaultRequests: { cpu: "500m", memory: "1Gi" },
          defaultLimits: { cpu: "2", memory: "4Gi" },
        }),
      },
      fc.record(
        { defaultRequests: resources, defaultLimits: resources, max: resources },
        { requiredKeys: [] },
      ),
    ),
    networkPolicy: fc.record(
      { ingress: fc.array(rule, { maxLength: 2 }), egress: fc.array(rule, { maxLength: 2 }) },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const customPool = fc.record({
  kind: fc.constant("custom" as const),
  namespace: name,
  options: namespaceOptions,
  chartVersion: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom("1.2.3", "0.71.0") },
    fc.constantFrom("v1", "latest", "", "1.2"),
  ),
  serviceAccounts: fc.array(fc.constantFrom("runner", "builder", "runner"), {
    minLength: 1,
    maxLength: 2,
  }),
});
const arcPool = fc.record({
  kind: fc.constant("arc" as const),
  namespace: name,
  controllerNamespace: fc.oneof({ weight: 5, arbitrary: name }, fc.constant("SAME")),
  options: namespaceOptions,
  minRunners: fc.integer({ min: 0, max: 5 }),
  maxRunners: fc.integer({ min: 5, max: 50 }),
  scaleSetName: fc.oneof(
    { weight: 5, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]$/) },
    fc.constantFrom("Bad Name", ""),
  ),
  mode: fc.constantFrom("kubernetes", "kubernetes-novolume", "dind", "none"),
});
export const poolInput = fc.oneof(customPool, arcPool);
export type PoolInput = typeof poolInput extends fc.Arbitrary<infer T> ? T : never;

/** Builds the stack of one input through the public API and synthesizes it. */
export function synthInput(input: PoolInput, outdir: string): Obj {
  const app = new App({ outdir, stackTraces: false });
  const stack = new KubernetesRunnerStack(app, "fuzz", {
    kubeconfig: { configPath: "~/.kube/config" },
  });
  const ns = { ...(input.options as RunnerNamespaceOptions) };
  if (input.kind === "custom") {
    stack.addPool("pool", {
      namespaceName: input.namespace,
      namespace: ns,
      platform: new CustomChartRunner({
        chart: ChartSource.fromRepository(
          "https://charts.example.com",
          "runner",
          input.chartVersion,
        ),
        values: { serviceAccount: { create: false } },
        serviceAccounts: input.serviceAccounts.map((n, i) => ({
          id: `Sa${i}`,
          name: n,
          valuesPath: `sa${i}.name`,
        })),
      }),
    });
  } else {
    const controller = new ArcScaleSetController(stack, "arc-controller", {
      namespace: input.controllerNamespace === "SAME" ? input.namespace : input.controllerNamespace,
    });
    stack.addPool("pool", {
      namespaceName: input.namespace,
      namespace: ns,
      platform: new ArcRunnerScaleSet({
        controller,
        githubConfigUrl: "https://github.com/example-org",
        githubCredentials: ArcGithubCredentials.fromSecretName("arc-github-app"),
        minRunners: input.minRunners,
        maxRunners: input.maxRunners,
        runnerScaleSetName: input.scaleSetName,
        containerMode:
          input.mode === "none"
            ? undefined
            : input.mode === "kubernetes"
              ? { type: "kubernetes", workVolumeClaim: { size: "10Gi" } }
              : { type: input.mode },
      }),
    });
  }
  app.synth();
  return JSON.parse(
    fs.readFileSync(path.join(outdir, "stacks", "fuzz", "cdk.tf.json"), "utf8"),
  ) as Obj;
}

/** The API server's verdict on a synthesized stack: undefined when it accepts everything. */
async function judge(kube: Kube, stack: Obj, created: Set<string>): Promise<string | undefined> {
  const manifests = stackManifests(stack);
  const seen = new Set<string>();
  for (const m of manifests) {
    const md = (m.body.metadata ?? {}) as Obj;
    const key = `${m.body.kind}/${md.namespace ?? ""}/${md.name}`;
    if (seen.has(key))
      return `${m.source}: a second ${key} in one stack (the second create fails: AlreadyExists)`;
    seen.add(key);
  }
  for (const m of manifests) {
    if (m.body.kind !== "Namespace") continue;
    const nsName = String((m.body.metadata as Obj).name);
    const r = await kube.createDryRun(m.body, "");
    if (r.status === 409 && created.has(nsName)) {
      // made by an earlier case of this run: apply its labels for this case
    } else if (r.status >= 300) return `${m.source}: ${messageOf(r)}`;
    const real = await kube.apply(m.body, { dryRun: false });
    if (real.status >= 300) return `${m.source}: ${messageOf(real)}`;
    created.add(nsName);
  }
  for (const m of manifests) {
    if (m.body.kind === "Namespace") continue;
    const r = await kube.apply(m.body, { dryRun: true });
    if (r.status >= 300) return `${m.source}: ${messageOf(r)}`;
  }
  return undefined;
}

export async function runFuzz(kube: Kube, report: Report): Promise<void> {
  const runs = Number(process.env.CDKTF_FUZZ_RUNS ?? "200");
  const seed = Number(process.env.CDKTF_FUZZ_SEED ?? "13");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-fuzz-"));
  const created = new Set<string>();
  let accepted = 0;
  let refused = 0;
  const refusedBy = new Map<string, number>();
  let i = 0;
  const t0 = Date.now();
  const out = await fc.check(
    fc.asyncProperty(poolInput, async (input) => {
      const dir = path.join(work, String(i++));
      let stack: Obj;
      try {
        stack = synthInput(input, dir);
      } catch (e) {
        const err = e as Error;
        if (
          err instanceof TypeError ||
          err instanceof RangeError ||
          err instanceof ReferenceError ||
          !/\([A-Z0-9]+(-[A-Z0-9]+)+\)/.test(err.message)
        )
          throw new Error(
            `synth threw a ${err.name}, not a rule message: ${err.message.slice(0, 400)}`,
          );
        refused++;
        for (const m of err.message.matchAll(/\(([A-Z0-9]+(?:-[A-Z0-9]+)+)\)/g))
          refusedBy.set(m[1], (refusedBy.get(m[1]) ?? 0) + 1);
        return;
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const verdict = await judge(kube, stack, created);
      if (verdict) throw new Error(`synth accepted what the API server rejects: ${verdict}`);
      accepted++;
    }),
    {
      numRuns: runs,
      seed,
      endOnFailure: false,
      interruptAfterTimeLimit: Number(process.env.CDKTF_FUZZ_TIME_MS ?? 15 * 60_000),
    },
  );
  fs.rmSync(work, { recursive: true, force: true });
  const label = `fuzz: ${out.numRuns} cases (seed ${seed}; synth accepted ${accepted}, refused with a rule ${refused}) in ${((Date.now() - t0) / 1000).toFixed(0)} s`;
  console.log(
    `fuzz: refusals by rule: ${[...refusedBy]
      .sort((a, b) => b[1] - a[1])
      .map(([r, n]) => `${r} ${n}`)
      .join(", ")}`,
  );
  if (!out.failed) report("PASS", label);
  else
    report(
      "FAIL",
      `${label}: counterexample after ${out.numShrinks} shrinks (replay: CDKTF_FUZZ_SEED=${seed}, path ${out.counterexamplePath})`,
      `${JSON.stringify(out.counterexample)}: ${(out.errorInstance as Error | undefined)?.message ?? "?"}`,
    );
}
