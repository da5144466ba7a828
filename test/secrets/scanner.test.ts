// The secret detectors, the secretlint bridge, the output scan, redaction in messages, and
// the typed inputs (EnvValue, URL credentials, references in legacy manifests).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { App, Lazy, TerraformAsset, TerraformOutput, TerraformVariable, Token } from "cdktf";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { formatProblem } from "../../lib/core/rules/problem";
import { SECRET_IN_OUTPUT } from "../../lib/core/secrets/rules";
import { detectSecrets, redactSecretsIn } from "../../lib/core/secrets/detectors";
import { anySecretMatch, scanStrings } from "../../lib/core/secrets/output-scan";
import * as bridge from "../../lib/core/secrets/secretlint-bridge";
import * as detectors from "../../lib/core/secrets/detectors";
import { secretlintSync, secretlintVersions } from "../../lib/core/secrets/secretlint-bridge";
import { EnvValue } from "../../lib/kubernetes/env-value";
import { renderEnv } from "../../lib/kubernetes/pod-options";
import { RunnerNamespace } from "../../lib/kubernetes/runner-namespace";
import { ArcLegacyController } from "../../lib/platforms/arc/legacy/legacy-controller";
import { ArcRunnerDeployment } from "../../lib/platforms/arc/legacy/runner-deployment";
import { ArcGithubCredentials } from "../../lib/platforms/arc/shared/github-credentials";
import { ChartSource } from "../../lib/release/chart-source";
import { RunnerRelease } from "../../lib/release/runner-release";
import { KubernetesRunnerStack } from "../../stacks/kubernetes-runner-stack";
import type { HelmRegistryLogin } from "../../lib/kubernetes/kubeconfig-connection";
import { SensitiveValue } from "../../lib/release/sensitive-value";
import { FAKE_GITHUB_TOKEN } from "../rules/scenarios/secrets";
import { findingsOf, newStack, synthErrors, synthJson } from "../support/stack";

const PEM_BODY = "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB";
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`;
const b64 = (s: string) => Buffer.from(s).toString("base64");
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
const JWT = `${b64url({ alg: "RS256", typ: "JWT" })}.${b64url({ sub: "system:serviceaccount:ci:runner", exp: 1 })}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;

const positives: [string, string][] = [
  ["github-token", `token=${FAKE_GITHUB_TOKEN}`],
  ["github-token", `ghs_${"a1B2".repeat(9)}`],
  ["github-fine-grained-pat", `github_pat_11ABCDEFG0${"x".repeat(60)}`],
  ["gitlab-token", "glrt-t1_AbCdEfGhIjKlMnOpQrSt"],
  ["gitlab-token", "glpat-AbCdEfGhIjKlMnOpQrSt"],
  ["private-key", `\n${PEM}`],
  ["private-key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA"],
  ["private-key-base64", `client-key-data: ${b64(PEM)}`],
  ["jwt", `Authorization: Bearer ${JWT}`],
  ["basic-auth-url", "https://ci:hunter2@charts.example.com/stable"],
  [
    "azure-storage-key",
    `DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${"A".repeat(86)}==`,
  ],
  ["azure-client-secret", "Zq18Q~abcdefghijklmnopqrstuvwxyz0123456"],
  ["azure-auth-file", '{ "clientId": "x", "clientSecret": "s3cr3t-v4lue-long" }'],
  [
    "gcp-service-account-key",
    `{ "type": "service_account", "private_key_id": "${"a1".repeat(20)}" }`,
  ],
  ["aws-access-key", "AKIAQWERTYUIOPASDFGH"],
];

const negatives = [
  "-----BEGIN CERTIFICATE-----\nMIIB", // a certificate is public
  "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA",
  `caBundle: ${b64("-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJ")}`,
  "https://${var.user}:${var.password}@charts.example.com", // Terraform references
  "git@github.com:org/repo.git",
  "https://github.com/my-org",
  "ghp_short",
  "arc-github-app",
];

describe("detectors", () => {
  test.each(positives)("%s: %s", (rule, text) => {
    expect(detectSecrets(text).map((m) => m.rule)).toContain(rule);
  });

  test.each(negatives)("not a secret: %s", (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  test("redaction keeps at most a 4-character prefix, and nothing of a key's body", () => {
    const text = redactSecretsIn(`before ${FAKE_GITHUB_TOKEN} and\n${PEM}\nafter`);
    expect(text).toContain("ghp_… <redacted, 40 characters>");
    expect(text).not.toContain(FAKE_GITHUB_TOKEN.slice(4, 10));
    expect(text).not.toContain(PEM_BODY.slice(0, 12));
    expect(text).toMatch(/^before .* and\n.*\nafter$/s);
  });
});

describe("secretlint (recommended preset)", () => {
  test("runs offline, synchronously (in-process; a worker where Node cannot require ES modules)", () => {
    expect(secretlintVersions()).toEqual([
      "@secretlint/core@12.0.0",
      "@secretlint/secretlint-rule-preset-recommend@12.0.0",
    ]);
    // A Slack token: a format only the preset knows.
    const slack = `xoxb-${"1".repeat(11)}-${"2".repeat(12)}-${"a".repeat(24)}`;
    const hits = secretlintSync(["nothing here", `slack: ${slack}`]);
    expect(hits.map((h) => [h.source, h.ruleId])).toEqual([
      [1, "@secretlint/secretlint-rule-slack"],
    ]);
  });

  test("scanStrings combines both and honours the allow-list (AWS's documented example key)", () => {
    expect(scanStrings(["AKIAIOSFODNN7EXAMPLE"])).toEqual([]);
    expect(scanStrings([`x ${FAKE_GITHUB_TOKEN}`]).map((s) => s.rule)).toEqual(
      expect.arrayContaining(["github-token", "secretlint:github"]),
    );
  });
});

describe("the output scan reads each distinct string once", () => {
  const slack = `xoxb-${"1".repeat(11)}-${"2".repeat(12)}-${"a".repeat(24)}`;
  const pieces = [
    "metadata",
    "name",
    "runners-ci",
    "${kubernetes_namespace_v1.ns.metadata[0].name}",
    "AKIAIOSFODNN7EXAMPLE",
    `token: ${FAKE_GITHUB_TOKEN}`,
    PEM,
    `slack: ${slack}`,
    "https://user:hunter2hunter2@example.com/x",
    "https://${var.user}:${var.password}@example.com/x",
    `jwt ${JWT}`,
    "",
  ];
  test("whenever the full scan finds a secret, the distinct-string gate matches (so it looks)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (texts) => {
        if (scanStrings(texts).length > 0) expect(anySecretMatch(texts)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
  test("the detectors do not read again a short string an earlier scan found clean; secretlint reads all", () => {
    const detect = jest.spyOn(detectors, "detectSecrets");
    const lint = jest.spyOn(bridge, "secretlintSync");
    try {
      const texts = ["only-in-this-test-a", "only-in-this-test-b"];
      expect(anySecretMatch(texts)).toBe(false);
      expect(detect.mock.calls.map((c) => c[0])).toEqual(texts);
      detect.mockClear();
      expect(anySecretMatch(texts)).toBe(false);
      expect(detect).not.toHaveBeenCalled();
      expect(lint.mock.calls.at(-1)?.[0][0]).toBe("only-in-this-test-a\n\nonly-in-this-test-b\n\n");
      expect(anySecretMatch([...texts, `slack: ${slack}`])).toBe(true);
    } finally {
      detect.mockRestore();
      lint.mockRestore();
    }
  });
  test("benign repeated strings do not match; one secret among them does", () => {
    const benign = Array.from({ length: 200 }, (_, i) => pieces[i % 4]);
    expect(anySecretMatch(benign)).toBe(false);
    expect(anySecretMatch([...benign, `slack: ${slack}`])).toBe(true);
  });
});

function releaseStack() {
  const stack = newStack("scan");
  const release = new RunnerRelease(stack, "Release", {
    namespace: RunnerNamespace.fromNamespaceName(stack, "Ns", "ci"),
    releaseName: "runner",
    chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
  });
  return { stack, release };
}

describe("output scan", () => {
  test("a token inside an array, in a multi-line TOML string, and a PEM after a newline are all found", () => {
    const { stack } = releaseStack();
    new TerraformOutput(stack, "args", { value: ["--verbose", `--token=${FAKE_GITHUB_TOKEN}`] });
    new TerraformOutput(stack, "config", {
      value: `[[runners]]\n  url = "https://gitlab.com"\n  token = "glrt-t1_AbCdEfGhIjKlMnOpQrSt"\n`,
    });
    new TerraformOutput(stack, "key", { value: `\n${PEM}` });
    const fields = findingsOf(stack, SECRET_IN_OUTPUT.id).map((f) => f.problem.field);
    expect(fields).toEqual(
      expect.arrayContaining(["output.args.value[1]", "output.config.value", "output.key.value"]),
    );
    const errors = synthErrors(stack);
    expect(errors).toContain("CORE-SECRET-IN-OUTPUT");
    expect(errors).toContain("(github-token)");
    expect(errors).toContain("(gitlab-token)");
    expect(errors).toContain("(private-key)");
    expect(errors).toContain("<redacted,");
    expect(errors).not.toContain(FAKE_GITHUB_TOKEN.slice(4));
    expect(errors).not.toContain("AbCdEfGhIjKl");
    expect(errors).not.toContain(PEM_BODY.slice(0, 12));
  });

  test("Helm values: strings in lists and secret formats under any key are refused by the values rule", () => {
    const { stack, release } = releaseStack();
    release.addValues({
      args: ["--verbose", `--token=${FAKE_GITHUB_TOKEN}`],
      runners: { config: `[[runners]]\n  token = "glrt-t1_AbCdEfGhIjKlMnOpQrSt"\n` },
    });
    const fields = findingsOf(stack, "HELM-SECRET-IN-VALUES").map((f) => f.problem.field);
    expect(fields).toEqual(["values.args[1]", "values.runners.config"]);
    // Already refused by its field's rule: the output scan does not report it twice.
    expect(findingsOf(stack, SECRET_IN_OUTPUT.id)).toEqual([]);
  });

  test("a secret in a construct id (JSON key, metadata path) is found, and the paths naming it are redacted", () => {
    const { stack } = releaseStack();
    new TerraformOutput(stack, FAKE_GITHUB_TOKEN, { value: "x" });
    // A PEM in an id is mangled into the resource key; the path segment holding it is hidden.
    new TerraformOutput(stack, "pem", { value: `\n${PEM}` });
    new TerraformOutput(stack, `o-${PEM.replace(/[^A-Za-z0-9-]/g, "")}`, { value: `\n${PEM}` });
    const findings = findingsOf(stack, SECRET_IN_OUTPUT.id).map((f) => f.problem);
    expect(findings.map((f) => f.field)).toEqual(
      expect.arrayContaining(["output.<redacted>", "output.pem.value", "output.<redacted>.value"]),
    );
    const errors = synthErrors(stack);
    expect(errors).not.toContain(FAKE_GITHUB_TOKEN.slice(4));
    expect(errors).not.toContain(PEM_BODY.slice(0, 12));
    expect(errors).not.toContain(PEM_BODY.slice(20, 40));
  });

  test("a clean stack has no finding; unresolved references are not secrets", () => {
    const { stack, release } = releaseStack();
    release.addValues({
      url: "https://${var.user}:${var.password}@x.example.com",
      n: 12345678901234567890,
    });
    expect(findingsOf(stack).map((f) => f.problem.message)).toEqual([]);
  });
});

describe("redaction in every message", () => {
  test("a secret passed in a field that does not redact is redacted anyway", () => {
    const text = formatProblem({
      rule: SECRET_IN_OUTPUT,
      field: "appId",
      value: `\n${PEM}`,
      message: `is not a number: ${PEM.slice(0, 79)}`,
    });
    expect(text).not.toContain(PEM_BODY.slice(0, 8));
    expect(text).toContain("<redacted,");
  });
});

describe("typed env values", () => {
  test("EnvValue.fromSecret renders a secretKeyRef; fromValue and strings render a value", () => {
    expect(
      renderEnv([
        { name: "A", value: "x" },
        { name: "B", value: EnvValue.fromValue("y") },
        { name: "C", value: EnvValue.fromSecret({ secretName: "s", key: "k", optional: true }) },
      ]),
    ).toEqual([
      { name: "A", value: "x" },
      { name: "B", value: "y" },
      { name: "C", valueFrom: { secretKeyRef: { name: "s", key: "k", optional: true } } },
    ]);
  });
});

function legacyStack(options: Record<string, unknown>, outdir: string) {
  const app = new App({ outdir, stackTraces: false });
  const stack = new KubernetesRunnerStack(app, "legacy", {
    kubeconfig: { configPath: "~/.kube/config", context: "ci" },
  });
  const controller = new ArcLegacyController(stack, "arc", {
    githubCredentials: ArcGithubCredentials.fromSecretName("controller-manager"),
  });
  stack.addPool("ci", {
    namespace: { podSecurity: "privileged" },
    platform: new ArcRunnerDeployment({ controller, organization: "acme", ...options }),
  });
  return { app, stack };
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

describe("legacy ARC manifests", () => {
  test("a number token is refused by a rule, never rendered as its placeholder silently", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "legacy-"));
    const { stack } = legacyStack(
      { gracefulStopTimeoutSeconds: Token.asNumber("${var.t}") },
      outdir,
    );
    const errors = synthErrors(stack);
    expect(errors).toContain("gracefulStopTimeoutSeconds");
    expect(errors).toContain("ARC-LEGACY-MANIFEST-LITERAL");
  });

  test("a secret in a sidecar's env is refused and never written into the generated chart", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "legacy-"));
    const { stack } = legacyStack(
      {
        sidecarContainers: [
          { name: "s", image: "busybox:1.36", env: [{ name: "K", value: `\n${PEM}` }] },
        ],
      },
      outdir,
    );
    const errors = synthErrors(stack);
    expect(errors).toContain("CORE-SECRET-IN-OUTPUT");
    expect(errors).toContain("chart ci-runners: manifests/00-runnerdeployment-");
    for (const file of filesUnder(outdir)) {
      expect(fs.readFileSync(file, "utf8")).not.toContain(PEM_BODY.slice(0, 12));
    }
  });

  test("credentials in the docker registry mirror URL are refused, redacted", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "legacy-"));
    const { stack } = legacyStack(
      { dockerRegistryMirror: "https://ci:hunter2@mirror.example.com" },
      outdir,
    );
    const errors = synthErrors(stack);
    expect(errors).toContain("dockerRegistryMirror: <redacted");
    expect(errors).toContain("CORE-URL-CREDENTIALS");
    expect(errors).not.toContain("hunter2");
  });
});

describe("secrets by schema, whatever they look like", () => {
  test("a literal helm registry password and a sensitive variable's default are refused", () => {
    const stack = newStack("schema", { providers: false });
    new HelmProvider(stack, "helm", {
      kubernetes: { configPath: "~/.kube/config" },
      registries: [{ url: "oci://registry.example.com", username: "ci", password: "hunter2" }],
    });
    new KubernetesProvider(stack, "k8s", { configPath: "~/.kube/config" });
    new RunnerRelease(stack, "Release", {
      namespace: RunnerNamespace.fromNamespaceName(stack, "Ns", "ci"),
      releaseName: "runner",
      chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
    });
    new TerraformVariable(stack, "pw", { type: "string", sensitive: true, default: "plain" });
    const found = findingsOf(stack, SECRET_IN_OUTPUT.id).map((f) => [
      f.problem.field,
      f.problem.message,
    ]);
    expect(found.map(([field]) => field)).toEqual([
      "provider.helm[0].registries[0].password",
      "variable.pw.default",
    ]);
    expect(synthErrors(stack)).not.toContain("hunter2");
  });
});

describe("the helm provider's registry logins", () => {
  const kube = (helmRegistries: unknown[]) => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "registries-")) });
    return new KubernetesRunnerStack(app, "registries", {
      kubeconfig: { helmRegistries: helmRegistries as HelmRegistryLogin[] },
    });
  };

  test("a SensitiveValue password renders as a reference", () => {
    const stack = kube([
      {
        url: "oci://ghcr.io",
        username: "ci",
        password: SensitiveValue.fromSecretReference(
          Lazy.stringValue({ produce: () => "${var.registry_password}" }),
        ),
      },
    ]);
    new TerraformVariable(stack, "registry_password", { type: "string", sensitive: true });
    expect(findingsOf(stack)).toEqual([]);
    const json = synthJson(stack) as unknown as { provider: { helm: { registries: unknown }[] } };
    expect(json.provider.helm[0].registries).toEqual([
      { url: "oci://ghcr.io", username: "ci", password: "${var.registry_password}" },
    ]);
  });

  test("a plain string password (untyped code) and credentials in the URL are refused, redacted", () => {
    const stack = kube([
      { url: "oci://ci:hunter2hunter2@ghcr.io", username: "ci", password: FAKE_GITHUB_TOKEN },
    ]);
    const found = findingsOf(stack).map((f) => [f.problem.rule.id, f.problem.field]);
    expect(found).toEqual(
      expect.arrayContaining([
        ["CORE-URL-CREDENTIALS", "helmRegistries[0].url"],
        ["HELM-SENSITIVE-SOURCE", "helmRegistries[0].password"],
      ]),
    );
    const errors = synthErrors(stack);
    expect(errors).not.toContain(FAKE_GITHUB_TOKEN.slice(4));
    expect(errors).not.toContain("hunter2hunter2");
  });
});

describe("disable directives in the output are not honoured", () => {
  // The output is machine-written and its strings are scanned joined in one source: a user's
  // value holding `secretlint-disable` must not silence secretlint for the strings after it.
  const slack = `xoxb-${"1".repeat(11)}-${"2".repeat(12)}-${"a".repeat(24)}`;

  test("a string `secretlint-disable` does not hide a Slack token in a later string", () => {
    const found = (texts: string[]) => scanStrings(texts).map((s) => [s.field, s.rule]);
    expect(found(["secretlint-disable", `slack ${slack}`])).toEqual([["[1]", "secretlint:slack"]]);
    expect(found(["<!-- secretlint-disable -->", `slack ${slack}`])).toEqual(
      found(["nothing", `slack ${slack}`]),
    );
  });

  test("Helm values holding `# secretlint-disable` do not hide a Slack token elsewhere in the stack", () => {
    const { stack, release } = releaseStack();
    // A multi-line value renders as a block scalar, its lines unquoted. (A one-line value renders
    // double-quoted: `"# secretlint-disable"` would read as a directive for a rule named `"`, as
    // the filter's pattern takes the rest of the line as rule ids.)
    release.addValues({ notes: "runner pool\n# secretlint-disable\n" });
    // A second release, written after the first in cdk.tf.json (so after the directives in
    // the scan's joined source). Only secretlint knows Slack tokens: the values rule does not.
    new RunnerRelease(stack, "ZNotifier", {
      namespace: RunnerNamespace.fromNamespaceName(stack, "Ns2", "ci"),
      releaseName: "notifier",
      chart: ChartSource.fromRepository("https://charts.example.com", "notifier", "1.0.0"),
      values: { notify: `slack ${slack}` },
    });
    const values = (synthJson(stack) as unknown as { resource: { helm_release: object } }).resource
      .helm_release;
    const json = JSON.stringify(values);
    expect(json).toMatch(/\\n {2}# secretlint-disable\\n/);
    expect(json.indexOf("secretlint-disable")).toBeLessThan(json.indexOf(slack.slice(0, 10)));
    const findings = findingsOf(stack, SECRET_IN_OUTPUT.id).map((f) => f.problem.field);
    expect(findings).toEqual([
      expect.stringMatching(/^resource\.helm_release\.ZNotifier_\w+\.values\[0\]$/),
    ]);
    const errors = synthErrors(stack);
    expect(errors).toContain("CORE-SECRET-IN-OUTPUT");
    expect(errors).not.toContain("a".repeat(24));
  });
});

describe("the scan reads what a stack writes, wherever it is", () => {
  const KEY40 = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETKY";
  test("an asset's file (its source; cdktf copies it into the output after the scan)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scan-asset-"));
    try {
      const slack = `xoxb-${"1".repeat(11)}-${"2".repeat(12)}-${"a".repeat(24)}`;
      fs.writeFileSync(path.join(dir, "values.yaml"), `token: ${slack}\n`);
      const stack = newStack("asset-scan");
      new RunnerNamespace(stack, "Ns", { name: "ci" });
      new TerraformAsset(stack, "Chart", { path: path.join(dir, "values.yaml") });
      const errors = synthErrors(stack);
      expect(errors).toContain("CORE-SECRET-IN-OUTPUT");
      expect(errors).toMatch(/asset:asset-scan\/Chart/);
      expect(errors).not.toContain(slack.slice(5, 20));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  test("a secret split over two adjacent strings (secretlint's AWS rule spans them)", () => {
    expect(scanStrings(["AWS_SECRET_ACCESS_KEY=", KEY40]).map((s) => s.rule)).toContain(
      "secretlint:aws",
    );
    const stack = newStack("split-scan");
    new RunnerNamespace(stack, "Ns", { name: "ci" });
    new TerraformOutput(stack, "a", { value: ["AWS_SECRET_ACCESS_KEY=", "${var.k}"] });
    new TerraformOutput(stack, "b", { value: ["AWS_SECRET_ACCESS_KEY=", KEY40] });
    expect(synthErrors(stack)).toMatch(
      /output\.b\.value\[0\].*secretlint:aws.*CORE-SECRET-IN-OUTPUT/s,
    );
  });
});
