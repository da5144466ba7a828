import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { RunnerNamespace } from "../../lib/kubernetes/runner-namespace";
import { ChartSource } from "../../lib/release/chart-source";
import { RunnerRelease, RunnerReleaseProps } from "../../lib/release/runner-release";
import { SensitiveValue } from "../../lib/release/sensitive-value";
import {
  findingsOf,
  newStack,
  onlyResource,
  ruleIdsOf,
  synthErrors,
  synthJson,
} from "../support/stack";

type Rel = Record<string, unknown> & {
  values: string[];
  set_sensitive?: { name: string; value: string; type: string }[];
};

function release(props: Partial<RunnerReleaseProps> = {}) {
  const stack = newStack();
  const namespace = new RunnerNamespace(stack, "Ns", { name: "ci" });
  const construct = new RunnerRelease(stack, "Release", {
    namespace,
    releaseName: "runner",
    chart: ChartSource.fromRepository("https://charts.example.com", "runner", "1.2.3"),
    ...props,
  });
  return { stack, construct };
}

function makeChartDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chart-"));
  fs.writeFileSync(
    path.join(dir, "Chart.yaml"),
    "apiVersion: v2\nname: local-runner\nversion: 0.1.0\n",
  );
  fs.mkdirSync(path.join(dir, "templates"));
  fs.writeFileSync(
    path.join(dir, "templates", "cm.yaml"),
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
  );
  return dir;
}

describe("RunnerRelease", () => {
  test("pins a repository chart, never creates the namespace, and waits atomically", () => {
    const { stack } = release();
    const r = onlyResource(synthJson(stack), "helm_release") as Rel;
    expect(r).toMatchObject({
      name: "runner",
      chart: "runner",
      repository: "https://charts.example.com",
      version: "1.2.3",
      create_namespace: false,
      atomic: true,
      wait: true,
      cleanup_on_fail: true,
      timeout: 600,
      max_history: 10,
    });
    expect(r.namespace).toContain("kubernetes_namespace_v1.");
  });

  test("an OCI chart keeps its oci:// repository", () => {
    const { stack } = release({
      chart: ChartSource.fromOci(
        "oci://ghcr.io/actions/actions-runner-controller-charts",
        "gha-runner-scale-set",
        "0.14.2",
      ),
    });
    const r = onlyResource(synthJson(stack), "helm_release");
    expect(r.repository).toBe("oci://ghcr.io/actions/actions-runner-controller-charts");
    expect(r.chart).toBe("gha-runner-scale-set");
  });

  test("renders values as YAML with sorted keys, and addValues merges", () => {
    const { stack, construct } = release({ values: { zeta: 1, alpha: { b: 2, a: 1 } } });
    construct.addValues({ alpha: { c: 3 } });
    const r = onlyResource(synthJson(stack), "helm_release") as Rel;
    expect(r.values).toEqual(["alpha:\n  a: 1\n  b: 2\n  c: 3\nzeta: 1\n"]);
  });

  test("literal ${ in values is escaped for Terraform", () => {
    const { stack } = release({ values: { expr: "${{ github.ref }}" } });
    const r = onlyResource(synthJson(stack), "helm_release") as Rel;
    expect(r.values[0]).toContain("$${{ github.ref }}");
  });

  test("sensitive values go through set_sensitive from a sensitive variable", () => {
    const stack = newStack();
    const namespace = new RunnerNamespace(stack, "Ns", { name: "ci" });
    const token = new TerraformVariable(stack, "runner_token", { type: "string", sensitive: true });
    new RunnerRelease(stack, "Release", {
      namespace,
      releaseName: "runner",
      chart: ChartSource.fromRepository("https://charts.example.com", "runner", "1.2.3"),
      sensitiveValues: { "auth.token": SensitiveValue.fromVariable(token) },
    });
    const r = onlyResource(synthJson(stack), "helm_release") as Rel;
    expect(r.set_sensitive).toEqual([
      { name: "auth.token", value: "${var.runner_token}", type: "string" },
    ]);
    expect(synthErrors(stack)).toBe("");
  });

  test("refuses a variable that is not marked sensitive", () => {
    const stack = newStack();
    const namespace = new RunnerNamespace(stack, "Ns", { name: "ci" });
    const token = new TerraformVariable(stack, "runner_token", { type: "string" });
    new RunnerRelease(stack, "Release", {
      namespace,
      releaseName: "runner",
      chart: ChartSource.fromRepository("https://charts.example.com", "runner", "1.2.3"),
      sensitiveValues: { token: SensitiveValue.fromVariable(token) },
    });
    expect(synthErrors(stack)).toContain(
      'sensitiveValues.token: "test/runner_token" — must come from a TerraformVariable declared with sensitive: true',
    );
  });

  test("refuses a secret passed as a plain value, without echoing it", () => {
    const { stack } = release({
      values: {
        runnerToken: "glrt-PLANTED-SECRET-123",
        github: { pat: "ghp_abcdefghijklmnopqrstuvwxyz0123" },
      },
    });
    const errors = synthErrors(stack);
    expect(errors).toContain(
      "values.runnerToken: <redacted, 23 characters> — looks like a credential in plain Helm values",
    );
    expect(errors).toContain("values.github.pat: <redacted");
    expect(errors).not.toContain("PLANTED");
    expect(errors).not.toContain("ghp_abc");
    expect(ruleIdsOf(stack)).toEqual(["HELM-SECRET-IN-VALUES"]);
  });

  test("allows secret names under *Secret keys and references under existing*", () => {
    const { stack } = release({
      values: {
        githubConfigSecret: "arc-github-app",
        existingSecret: "runner-token",
        runners: { secret: "gitlab-token" },
      },
    });
    expect(synthErrors(stack)).toBe("");
  });

  test("refuses a remote chart without a version", () => {
    const { stack } = release({
      chart: ChartSource.fromRepository("https://charts.example.com", "runner", ""),
    });
    expect(synthErrors(stack)).toContain('chart.version: "" — remote charts need a pinned version');
    expect(ruleIdsOf(stack)).toEqual(["HELM-CHART-VERSION-PINNED"]);
  });

  test("refuses a version range", () => {
    const { stack } = release({
      chart: ChartSource.fromOci("oci://ghcr.io/x", "runner", "^0.14.0"),
    });
    expect(synthErrors(stack)).toContain(
      'chart.version: "^0.14.0" — must be one exact SemVer version, not a range',
    );
  });

  test("refuses a repository URL in fromOci and oci:// in fromRepository", () => {
    const a = release({ chart: ChartSource.fromOci("https://ghcr.io/x", "runner", "1.0.0") });
    expect(synthErrors(a.stack)).toContain("an OCI registry must start with oci://");
    const b = release({ chart: ChartSource.fromRepository("oci://ghcr.io/x", "runner", "1.0.0") });
    expect(synthErrors(b.stack)).toContain("a chart repository must be an http(s) URL");
  });

  test("refuses a release name over 53 characters", () => {
    const { stack } = release({ releaseName: "r".repeat(54) });
    expect(synthErrors(stack)).toContain("releaseName: ");
    expect(synthErrors(stack)).toContain("must be at most 53 characters");
  });

  test("refuses atomic without wait", () => {
    const { stack } = release({ atomic: true, wait: false });
    expect(synthErrors(stack)).toContain("atomic: true — atomic needs wait");
    expect(ruleIdsOf(stack)).toEqual(["HELM-ATOMIC-NEEDS-WAIT"]);
  });

  test("reports NaN and Infinity in values with the construct and values path, before rendering", () => {
    const { stack, construct } = release({ values: { runners: { replicas: NaN } } });
    construct.addValues({ limits: [{ cpu: Infinity }] });
    const errors = synthErrors(stack);
    expect(errors).toContain(
      '[test/Release] values.limits[0].cpu: "Infinity" — cannot render Infinity in Helm values: it must be a finite number',
    );
    expect(errors).toContain('[test/Release] values.runners.replicas: "NaN" — cannot render NaN');
    expect(errors).toContain("(CORE-VALUES-FINITE-NUMBER)");
    expect(findingsOf(stack, "CORE-VALUES-FINITE-NUMBER").map((f) => f.problem.field)).toEqual([
      "values.limits[0].cpu",
      "values.runners.replicas",
    ]);
    // A synth that skips validation still gets the finding, not a bare renderer error.
    expect(() => synthJson(stack)).toThrow(
      /\[test\/Release\] values\.limits\[0\]\.cpu: .*\(CORE-VALUES-FINITE-NUMBER\)/,
    );
  });

  test("ships a local chart directory as an asset with a relative path", () => {
    const dir = makeChartDir();
    const { stack } = release({ chart: ChartSource.fromLocalPath(dir) });
    const r = onlyResource(synthJson(stack), "helm_release");
    expect(r.chart).toMatch(/^assets\/[^/]+\/[0-9A-F]+\/?.*$/i);
    expect(JSON.stringify(r)).not.toContain(dir);
    expect(r.repository).toBeUndefined();
    expect(r.version).toBeUndefined();
    expect(synthErrors(stack)).toBe("");
  });

  test("ships a packaged .tgz chart as a file asset", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tgz-"));
    const file = path.join(dir, "factory-rm-1.2.3.tgz");
    fs.writeFileSync(file, "not really gzip, but an archive-shaped file");
    const { stack } = release({ chart: ChartSource.fromLocalPath(file) });
    const r = onlyResource(synthJson(stack), "helm_release");
    expect(r.chart).toMatch(/^assets\/.*factory-rm-1\.2\.3\.tgz$/);
  });

  test("refuses a missing local chart and a directory without Chart.yaml", () => {
    const missing = release({ chart: ChartSource.fromLocalPath("does/not/exist.tgz") });
    expect(synthErrors(missing.stack)).toContain(
      'chart.path: "exist.tgz" — no chart directory or .tgz at this path',
    );
    const empty = release({
      chart: ChartSource.fromLocalPath(fs.mkdtempSync(path.join(os.tmpdir(), "empty-"))),
    });
    expect(synthErrors(empty.stack)).toContain("a chart directory must contain Chart.yaml");
  });
});

describe("values that reference another stack", () => {
  // cdktf discovers cross-stack references while it prepares each stack (a resolve pass whose
  // output is thrown away): a reference inside the values must be seen there too.
  function twoStacks() {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "release-xstack-"));
    const app = new App({ outdir, stackTraces: false });
    const producer = new TerraformStack(app, "producer");
    new KubernetesProvider(producer, "k8s", {});
    const source = new RunnerNamespace(producer, "Source", { name: "source" });
    const consumer = new TerraformStack(app, "consumer");
    new KubernetesProvider(consumer, "k8s", {});
    new HelmProvider(consumer, "helm", {});
    const namespace = new RunnerNamespace(consumer, "Ns", { name: "ci" });
    new RunnerRelease(consumer, "Release", {
      releaseName: "runner",
      namespace,
      chart: ChartSource.fromRepository("https://charts.example.com", "runner", "1.2.3"),
      values: { peer: { namespace: source.ref }, list: [`ns-${source.ref}`] },
    });
    app.synth();
    const read = (stack: string) =>
      JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    const out = { producer: read("producer"), consumer: read("consumer") };
    fs.rmSync(outdir, { recursive: true, force: true });
    return out;
  }

  test("become a remote-state read of an output of the other stack, in the YAML", () => {
    const { producer, consumer } = twoStacks();
    const outputs = Object.keys(producer.output ?? {});
    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toMatch(/^cross-stack-output-/);
    const remote = Object.keys(consumer.data?.terraform_remote_state ?? {});
    expect(remote).toEqual(["cross-stack-reference-input-producer"]);
    const [release] = Object.values(consumer.resource.helm_release as Record<string, Rel>);
    const yaml = release.values[0];
    const read = `\${data.terraform_remote_state.cross-stack-reference-input-producer.outputs.${outputs[0]}}`;
    expect(yaml).toContain(`namespace: "${read}"`);
    expect(yaml).toContain(`- "ns-${read}"`);
  });
});
