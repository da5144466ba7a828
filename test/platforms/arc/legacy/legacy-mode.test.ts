import * as fs from "fs";
import * as path from "path";
import { TerraformVariable, Testing } from "cdktf";
import { parse } from "yaml";
import {
  ArcLegacyController,
  ArcLegacyControllerProps,
} from "../../../../lib/platforms/arc/legacy/legacy-controller";
import { ArcLegacyRunnerPlatform } from "../../../../lib/platforms/arc/legacy/legacy-runner-platform";
import { ArcRunnerDeployment } from "../../../../lib/platforms/arc/legacy/runner-deployment";
import { ArcRunnerSet } from "../../../../lib/platforms/arc/legacy/runner-set";
import { ArcWebhookCertificates } from "../../../../lib/platforms/arc/legacy/webhook-certificates";
import { ArcGithubCredentials } from "../../../../lib/platforms/arc/shared/github-credentials";
import { Rules } from "../../../../lib/core/rules/report";
import { writeManifestChart } from "../../../../lib/release/manifest-chart";
import { SensitiveValue } from "../../../../lib/release/sensitive-value";
import { legacyStack, newRunnerStack } from "../../../support/arc-fixtures";
import {
  findingsOf,
  newStack,
  ofType,
  ruleIdsOf,
  synthErrors,
  synthJson,
} from "../../../support/stack";
import { RunnerPool } from "../../../../lib/pool";

/** Synthesized resources of one type, by logical id. */
const resources = (stack: ReturnType<typeof newRunnerStack>, type: string) =>
  ofType(synthJson(stack), type);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test reads rendered objects freely
type AnyObject = Record<string, any>;
type Release = {
  name: string;
  chart: string;
  values: string[];
  depends_on?: string[];
  repository?: string;
  version?: string;
};
const releases = (stack: ReturnType<typeof newRunnerStack>) =>
  Object.values(resources(stack, "helm_release")) as unknown as Release[];
const release = (stack: ReturnType<typeof newRunnerStack>, name: string) => {
  const r = releases(stack).find((x) => x.name === name);
  if (!r) throw new Error(`no release ${name}`);
  return r;
};
const policyNames = (stack: ReturnType<typeof newRunnerStack>) =>
  // `<construct id of the namespace's owner>/<policy name>` (the namespace is a Terraform reference)
  Object.values(resources(stack, "kubernetes_network_policy_v1")).map(
    (p) =>
      `${/kubernetes_namespace_v1\.(.+?)_Namespace_/.exec((p.metadata as { namespace: string }).namespace)?.[1]}/${(p.metadata as { name: string }).name}`,
  );

function controllerStack(props: Partial<ArcLegacyControllerProps> = {}) {
  const stack = newRunnerStack();
  const controller = new ArcLegacyController(stack, "arc", {
    githubCredentials: ArcGithubCredentials.fromSecretName("controller-manager"),
    ...props,
  });
  return { stack, controller };
}

describe("ArcLegacyController", () => {
  test("pinned chart, auth secret by reference, sync period and scale-down delay", () => {
    const { stack } = controllerStack({ syncPeriod: "2m", defaultScaleDownDelay: "15m" });
    const r = release(stack, "actions-runner-controller");
    expect(r).toMatchObject({
      chart: "actions-runner-controller",
      repository: "https://actions-runner-controller.github.io/actions-runner-controller",
      version: "0.23.7",
    });
    const v = parse(r.values[0]);
    expect(v.authSecret).toEqual({ enabled: true, create: false, name: "controller-manager" });
    expect(v).toMatchObject({
      syncPeriod: "2m",
      defaultScaleDownDelay: "15m",
      certManagerEnabled: true,
      fullnameOverride: "actions-runner-controller",
    });
    expect(v.githubWebhookServer).toBeUndefined();
  });

  test("Go durations are checked", () => {
    const { stack } = controllerStack({ syncPeriod: "1 minute" });
    expect(synthErrors(stack)).toContain('syncPeriod: "1 minute" — must be a positive Go duration');
    expect(findingsOf(stack, "ARC-LEGACY-GO-DURATION").map((f) => f.problem.field)).toEqual([
      "syncPeriod",
    ]);
  });

  test("the API server reaches the admission webhook on 9443 by default (a blocked webhook is a bug)", () => {
    const { stack } = controllerStack();
    expect(policyNames(stack)).toEqual(
      expect.arrayContaining([
        "arc/allow-ingress-admission-webhook",
        "arc/allow-egress-api-server",
      ]),
    );
    const hook = Object.values(resources(stack, "kubernetes_network_policy_v1")).find(
      (p) => (p.metadata as { name: string }).name === "allow-ingress-admission-webhook",
    );
    expect((hook?.spec as { ingress: { ports: unknown[] }[] }).ingress[0].ports).toEqual([
      { port: "9443", protocol: "TCP" },
    ]);
    expect(policyNames(stack)).not.toContain("arc/allow-ingress-github-webhook");
  });

  test("the webhook server: Service, Ingress with class/hosts/TLS/path, token by reference, port 8000 opened", () => {
    const stack = legacyStack();
    const v = parse(release(stack, "actions-runner-controller").values[0]);
    expect(v.githubWebhookServer).toMatchObject({
      enabled: true,
      secret: { enabled: true, create: false, name: "actions-runner-controller-github-webhook" },
      service: {
        type: "ClusterIP",
        ports: [{ port: 80, targetPort: "http", protocol: "TCP", name: "http" }],
      },
      ingress: {
        enabled: true,
        ingressClassName: "nginx",
        hosts: [{ host: "arc-webhook.example.com", paths: [{ path: "/", pathType: "Prefix" }] }],
        tls: [{ secretName: "arc-webhook-tls", hosts: ["arc-webhook.example.com"] }],
      },
    });
    const policy = Object.values(resources(stack, "kubernetes_network_policy_v1")).find(
      (p) => (p.metadata as { name: string }).name === "allow-ingress-github-webhook",
    );
    expect(JSON.stringify(policy)).toContain('"port":"8000"');
    expect(JSON.stringify(policy)).toContain("ingress-nginx");
    const token = Object.values(resources(stack, "kubernetes_secret_v1")).find(
      (s) => (s.metadata as { name: string }).name === "actions-runner-controller-github-webhook",
    );
    expect(token?.data).toEqual({ github_webhook_secret_token: "${var.webhook_token}" });
    expect(policyNames(stack)).toContain("arc-legacy/allow-ingress-metrics");
  });

  test("webhook server checks: TLS on the Ingress, node port only with NodePort", () => {
    const { stack } = controllerStack({
      githubWebhookServer: {
        secretToken: { secretName: "tok" },
        ingress: { className: "nginx", hosts: ["hook.example.com"] },
        nodePort: 31000,
      },
    });
    const err = synthErrors(stack);
    expect(err).toContain("githubWebhookServer.ingress.tlsSecretName");
    expect(err).toContain(
      "githubWebhookServer.nodePort: 31000 — only applies to serviceType NodePort",
    );
    expect(ruleIdsOf(stack)).toEqual([
      "ARC-LEGACY-WEBHOOK-INGRESS-TLS",
      "ARC-LEGACY-WEBHOOK-NODE-PORT-TYPE",
    ]);
  });

  test("plain HTTP on the webhook Ingress is a policy: suppressible with a reason, recorded", () => {
    const { stack, controller } = controllerStack({
      githubWebhookServer: {
        secretToken: { secretName: "tok" },
        ingress: { className: "nginx", hosts: ["hook.example.com"] },
      },
    });
    Rules.suppress(
      controller,
      "ARC-LEGACY-WEBHOOK-INGRESS-TLS",
      "TLS ends at the cloud load balancer",
    );
    expect(synthErrors(stack)).toBe("");
    expect(findingsOf(stack, "ARC-LEGACY-WEBHOOK-INGRESS-TLS")[0]).toMatchObject({
      status: "suppressed",
      reason: "TLS ends at the cloud load balancer",
    });
  });

  test("a webhook token from a non-sensitive variable is refused", () => {
    const { stack } = controllerStack();
    const plain = new TerraformVariable(stack, "hook_token", { type: "string" });
    const other = new ArcLegacyController(stack, "arc2", {
      githubCredentials: ArcGithubCredentials.fromSecretName("controller-manager"),
      namespace: "arc2",
      githubWebhookServer: { secretToken: { value: SensitiveValue.fromVariable(plain) } },
    });
    expect(findingsOf(other, "ARC-SECRET-SENSITIVE-SOURCE").map((f) => f.problem.field)).toEqual([
      "githubWebhookServer.secretToken.value",
    ]);
  });

  test("a webhook token from a value lands in the state: warned, with the Secret it is written to", () => {
    const { stack } = controllerStack();
    const token = new TerraformVariable(stack, "hook_token", { type: "string", sensitive: true });
    const other = new ArcLegacyController(stack, "arc2", {
      githubCredentials: ArcGithubCredentials.fromSecretName("controller-manager"),
      namespace: "arc2",
      githubWebhookServer: { secretToken: { value: SensitiveValue.fromVariable(token) } },
    });
    expect(
      findingsOf(other, "ARC-SECRET-IN-STATE").map((f) => [f.status, f.problem.message]),
    ).toEqual([
      [
        "warning",
        expect.stringMatching(
          /^the webhook secret token is written to Secret arc2\/.+-github-webhook /,
        ),
      ],
    ]);
    // By reference: nothing in the state, no warning.
    expect(findingsOf(controllerStack().stack, "ARC-SECRET-IN-STATE")).toEqual([]);
  });

  describe("admission webhook certificates", () => {
    test("cert-manager is the default", () => {
      const { stack } = controllerStack();
      expect(parse(release(stack, "actions-runner-controller").values[0]).certManagerEnabled).toBe(
        true,
      );
      expect(resources(stack, "tls_self_signed_cert")).toEqual({});
    });

    test("an existing secret with its CA bundle (checked to be base64 PEM)", () => {
      const pem = Buffer.from(
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
      ).toString("base64");
      const ok = controllerStack({
        certificates: ArcWebhookCertificates.fromExistingSecret({ caBundle: pem }),
      });
      expect(parse(release(ok.stack, "actions-runner-controller").values[0])).toMatchObject({
        certManagerEnabled: false,
        admissionWebHooks: { caBundle: pem },
      });
      expect(ok.controller.servingCertSecretName).toBe("actions-runner-controller-serving-cert");
      const bad = controllerStack({
        certificates: ArcWebhookCertificates.fromExistingSecret({ caBundle: "not-a-cert" }),
      });
      expect(synthErrors(bad.stack)).toContain("certificates.caBundle");
      expect(ruleIdsOf(bad.stack)).toEqual(["ARC-LEGACY-WEBHOOK-CA-BUNDLE"]);
    });

    test("self-signed: tls resources in the state, the serving Secret the chart mounts, caBundle from the CA — no per-plan CA", () => {
      const stack = legacyStack();
      const v = parse(release(stack, "actions-runner-controller").values[0]);
      expect(v.certManagerEnabled).toBe(false);
      expect(v.admissionWebHooks.caBundle).toMatch(
        /^\$\{base64encode\(tls_self_signed_cert\.[^.]+\.cert_pem\)\}$/,
      );
      const req = Object.values(resources(stack, "tls_cert_request"))[0];
      expect(req.dns_names).toEqual([
        "actions-runner-controller-webhook.actions-runner-system.svc",
        "actions-runner-controller-webhook.actions-runner-system.svc.cluster.local",
      ]);
      const secret = Object.values(resources(stack, "kubernetes_secret_v1")).find(
        (s) => (s.metadata as { name: string }).name === "actions-runner-controller-serving-cert",
      );
      expect(secret?.type).toBe("kubernetes.io/tls");
      expect(Object.keys(secret?.data as object).sort()).toEqual(["ca.crt", "tls.crt", "tls.key"]);
      const controllerRelease = Object.entries(resources(stack, "helm_release")).find(
        ([, r]) => r.name === "actions-runner-controller",
      );
      expect(
        (controllerRelease?.[1].depends_on as string[]).some((d) =>
          d.startsWith("kubernetes_secret_v1."),
        ),
      ).toBe(true);
    });

    test("self-signed: the CA key in the state is warned (ARC-SECRET-IN-STATE), with its validity", () => {
      const stack = legacyStack();
      const messages = findingsOf(stack, "ARC-SECRET-IN-STATE").map((f) => f.problem.message);
      expect(messages).toContainEqual(
        expect.stringMatching(
          /^the webhook CA's private key \(tls_private_key, valid 87600 hours\) .* Secret actions-runner-system\/actions-runner-controller-serving-cert/,
        ),
      );
    });
  });
});

describe("ArcRunnerDeployment / ArcRunnerSet", () => {
  test("first deploy works: no kubernetes_manifest; objects ship in a local chart released after the controller", () => {
    const stack = legacyStack();
    const json = JSON.parse(Testing.synth(stack));
    expect(json.resource.kubernetes_manifest).toBeUndefined();
    const all = resources(stack, "helm_release");
    const controllerKey = Object.keys(all).find((k) => all[k].name === "actions-runner-controller");
    for (const name of ["deploy-runners", "set-runners", "fixed-runners"]) {
      const r = Object.values(all).find((x) => x.name === name) as unknown as Release;
      expect(r.chart).toMatch(/^assets\/[^/]+\/[0-9A-F]{32}$/);
      expect(r.depends_on).toContain(`helm_release.${controllerKey}`);
    }
  });

  test("the generated chart is byte-deterministic and copies manifests without templating them", () => {
    const objects = [
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "x", namespace: "n" },
        data: { b: "{{ not a template }}", a: "${{ github.ref }}" },
      },
    ];
    const one = writeManifestChart({ name: "c", description: "d", objects });
    const two = writeManifestChart({ name: "c", description: "d", objects: [{ ...objects[0] }] });
    expect(two.directory).toBe(one.directory);
    expect(two.files).toEqual(one.files);
    expect(Object.keys(one.files).sort()).toEqual([
      ".helmignore",
      "Chart.yaml",
      "manifests/00-configmap-x.yaml",
      "templates/manifests.yaml",
    ]);
    expect(one.files["manifests/00-configmap-x.yaml"]).toBe(
      'apiVersion: v1\ndata:\n  a: "${{ github.ref }}"\n  b: "{{ not a template }}"\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: "n"\n',
    );
    expect(one.files["templates/manifests.yaml"]).toContain('.Files.Glob "manifests/*.yaml"');
    expect(fs.readFileSync(path.join(one.directory, "Chart.yaml"), "utf8")).toContain(
      'version: "0.1.0"',
    );
    const other = writeManifestChart({
      name: "c",
      description: "d",
      objects: [{ ...objects[0], data: { a: "changed" } }],
    });
    expect(other.directory).not.toBe(one.directory);
    // same input, same asset hash in the JSON
    const a = Testing.synth(legacyStack()).match(/assets\/deploy[^"]+/g);
    const b = Testing.synth(legacyStack()).match(/assets\/deploy[^"]+/g);
    expect(a).toEqual(b);
  });

  test("with an HRA, replicas is omitted; the HRA targets the object", () => {
    const stack = legacyStack();
    const deploy = stack.pools.deploy.platform as ArcLegacyRunnerPlatform;
    const [rd, hra] = deploy.manifests as AnyObject[];
    expect(rd.kind).toBe("RunnerDeployment");
    expect(rd.spec.replicas).toBeUndefined();
    expect(hra.spec.scaleTargetRef).toEqual({ kind: "RunnerDeployment", name: "deploy" });
    expect(hra.spec.metrics[0]).toEqual({
      type: "PercentageRunnersBusy",
      scaleUpThreshold: "0.75",
      scaleDownThreshold: "0.25",
      scaleUpFactor: "2",
      scaleDownAdjustment: 1,
    });
    expect(hra.spec.scaleUpTriggers).toEqual([
      { githubEvent: { workflowJob: {} }, duration: "30m" },
    ]);
    expect(hra.spec.scheduledOverrides[0].recurrenceRule).toEqual({
      frequency: "Weekly",
      untilTime: "2026-01-01T00:00:00+09:00",
    });
    expect(hra.spec.scaleDownDelaySecondsAfterScaleOut).toBe(300);
    const fixed = (stack.pools.fixed.platform as ArcLegacyRunnerPlatform).manifests;
    expect(fixed).toHaveLength(1);
    expect((fixed[0].spec as { replicas: number }).replicas).toBe(2);
  });

  test("runner options land where ARC reads them", () => {
    const stack = legacyStack();
    const [rd] = (stack.pools.deploy.platform as ArcLegacyRunnerPlatform).manifests as AnyObject[];
    const spec = rd.spec.template.spec;
    expect(spec).toMatchObject({
      organization: "example-org",
      labels: ["linux", "docker"],
      group: "ci",
      ephemeral: true,
      dockerMTU: 1400,
      dockerRegistryMirror: "https://mirror.gcr.io",
      runtimeClassName: "runc",
      priorityClassName: "ci-runners",
      securityContext: { seLinuxOptions: { level: "s0:c123,c456" } },
      terminationGracePeriodSeconds: 110,
      serviceAccountName: "deploy-runner",
      volumeSizeLimit: "20Gi",
      workDir: "/runner/_work",
    });
    expect(spec.tolerations).toEqual([
      { key: "spot", operator: "Exists", effect: "NoExecute", tolerationSeconds: 120 },
    ]);
    expect(spec.env).toContainEqual({ name: "RUNNER_GRACEFUL_STOP_TIMEOUT", value: "90" });
    expect(spec.env).toContainEqual({
      name: "NPM_TOKEN",
      valueFrom: { secretKeyRef: { name: "ci-secrets", key: "npm" } },
    });
    const [rs] = (stack.pools.set.platform as ArcLegacyRunnerPlatform).manifests as AnyObject[];
    expect(rs.spec).toMatchObject({
      repository: "example-org/app",
      dockerdWithinRunnerContainer: true,
      serviceName: "set",
    });
    expect(rs.spec.selector.matchLabels).toEqual(rs.spec.template.metadata.labels);
    expect(rs.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual([
      "runner",
      "sidecar",
    ]);
  });

  function runnerStack(
    props: Partial<ConstructorParameters<typeof ArcRunnerDeployment>[0]>,
    Kind: typeof ArcRunnerDeployment | typeof ArcRunnerSet = ArcRunnerDeployment,
  ) {
    const { stack, controller } = controllerStack();
    stack.addPool("ci", {
      namespace: { podSecurity: "privileged" },
      platform: new Kind({ controller, repository: "org/app", ...props }),
    });
    return stack;
  }
  const runners = (...args: Parameters<typeof runnerStack>) => synthErrors(runnerStack(...args));

  test("exactly one of repository, organization, enterprise", () => {
    expect(runners({ organization: "org" })).toContain(
      'repository | organization | enterprise: ["repository","organization"] — set exactly one',
    );
    expect(runners({ repository: undefined })).toContain("set exactly one");
    expect(runners({}, ArcRunnerSet)).toBe("");
    expect(ruleIdsOf(runnerStack({ enterprise: "e" }))).toEqual(["ARC-LEGACY-RUNNER-TARGET"]);
  });

  test("grace period must exceed the graceful stop timeout", () => {
    expect(
      runners({ terminationGracePeriodSeconds: 60, gracefulStopTimeoutSeconds: 90 }),
    ).toContain(
      'terminationGracePeriodSeconds: {"terminationGracePeriodSeconds":60,"gracefulStopTimeoutSeconds":90} — must be greater than gracefulStopTimeoutSeconds',
    );
    // Kubernetes' default grace period is 30 s
    expect(runners({ gracefulStopTimeoutSeconds: 45 })).toContain("30 (Kubernetes default)");
    expect(runners({ terminationGracePeriodSeconds: 110, gracefulStopTimeoutSeconds: 90 })).toBe(
      "",
    );
    expect(ruleIdsOf(runnerStack({ gracefulStopTimeoutSeconds: 45 }))).toEqual([
      "ARC-LEGACY-GRACEFUL-STOP",
    ]);
  });

  test("names at most 63 characters", () => {
    expect(runners({ name: "r".repeat(64) })).toContain("must be at most 63 characters (has 64)");
  });

  test("tolerationSeconds only with NoExecute", () => {
    expect(
      runners({
        tolerations: [
          { key: "k", operator: "Exists", effect: "NoSchedule", tolerationSeconds: 10 },
        ],
      }),
    ).toMatch(/tolerations\[0\]\.tolerationSeconds: 10 — [^\n]*NoExecute/);
  });

  test("docker needs a privileged namespace; without docker baseline suffices", () => {
    const { stack, controller } = controllerStack();
    stack.addPool("ci", {
      platform: new ArcRunnerDeployment({ controller, repository: "org/app" }),
    });
    expect(synthErrors(stack)).toContain('need Pod Security level "privileged"');
    expect(
      new ArcRunnerDeployment({ controller, repository: "o/a", dockerEnabled: false })
        .requiredPodSecurity,
    ).toBe("baseline");
  });
});

test("Terraform references cannot go into the generated chart", () => {
  const stack = newRunnerStack();
  const controller = new ArcLegacyController(stack, "arc", {
    githubCredentials: ArcGithubCredentials.fromSecretName("cm"),
  });
  const org = new TerraformVariable(stack, "org", { type: "string" });
  stack.addPool("ci", {
    namespace: { podSecurity: "privileged" },
    platform: new ArcRunnerDeployment({ controller, organization: org.stringValue }),
  });
  // Reported at the prop the user set (before: the rendered manifest path).
  expect(synthErrors(stack)).toContain("organization: ");
  expect(findingsOf(stack, "ARC-LEGACY-MANIFEST-LITERAL").map((f) => f.problem.field)).toEqual([
    "organization",
  ]);
});

test("a number token in a legacy field is refused, not rendered as -8.1e+298", () => {
  const stack = newRunnerStack();
  const controller = new ArcLegacyController(stack, "arc", {
    githubCredentials: ArcGithubCredentials.fromSecretName("cm"),
  });
  const seconds = new TerraformVariable(stack, "seconds", { type: "number" });
  stack.addPool("ci", {
    namespace: { podSecurity: "privileged" },
    platform: new ArcRunnerDeployment({
      controller,
      organization: "acme",
      autoscaling: { minReplicas: 0, maxReplicas: seconds.numberValue },
      terminationGracePeriodSeconds: seconds.numberValue,
    }),
  });
  expect(findingsOf(stack, "ARC-LEGACY-MANIFEST-LITERAL").map((f) => f.problem.field)).toEqual([
    "autoscaling.maxReplicas",
    "terminationGracePeriodSeconds",
  ]);
  expect(synthErrors(stack)).toContain("-8.1e+298");
});

test("with autoscaling the name leaves room for the -autoscaler suffix", () => {
  const stack = newRunnerStack();
  const controller = new ArcLegacyController(stack, "arc", {
    githubCredentials: ArcGithubCredentials.fromSecretName("cm"),
  });
  stack.addPool("ci", {
    namespace: { podSecurity: "privileged" },
    platform: new ArcRunnerDeployment({
      controller,
      repository: "o/a",
      name: "r".repeat(53),
      autoscaling: { minReplicas: 1, maxReplicas: 2, metrics: [{ type: "PercentageRunnersBusy" }] },
    }),
  });
  expect(synthErrors(stack)).toContain("must be at most 52 characters (has 53)");
});

test("NaN in a legacy runner's options stops construction as a finding with the pool's path, not a bare RangeError", () => {
  const stack = newStack("nan", { providers: false });
  const controller = new ArcLegacyController(stack, "arc", {
    githubCredentials: ArcGithubCredentials.fromSecretName("controller-manager"),
  });
  expect(
    () =>
      new RunnerPool(stack, "deploy", {
        platform: new ArcRunnerDeployment({
          controller,
          organization: "example-org",
          replicas: NaN,
        }),
      }),
  ).toThrow(
    /\[nan\/deploy\] manifests\[0\]\.spec\.replicas: "NaN" — cannot render NaN .*\(CORE-VALUES-FINITE-NUMBER\)/,
  );
});
