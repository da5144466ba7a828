import { TerraformVariable, Testing } from "cdktf";
import { parse } from "yaml";
import { ArcRunnerScaleSet } from "../../../../lib/platforms/arc/scale-set/runner-scale-set";
import { ArcScaleSetController } from "../../../../lib/platforms/arc/scale-set/scale-set-controller";
import { ArcGithubCredentials } from "../../../../lib/platforms/arc/shared/github-credentials";
import { RunnerPool } from "../../../../lib/pool";
import { SensitiveValue } from "../../../../lib/release/sensitive-value";
import { newRunnerStack, oneScaleSetStack, scaleSetStack } from "../../../support/arc-fixtures";
import { findingsOf, ofType, ruleIdsOf, synthErrors, synthJson } from "../../../support/stack";

/** Synthesized resources of one type, by logical id. */
const resources = (stack: ReturnType<typeof newRunnerStack>, type: string) =>
  ofType(synthJson(stack), type);

type Release = {
  name: string;
  chart: string;
  repository: string;
  version: string;
  values: string[];
  depends_on?: string[];
};

function releases(stack = scaleSetStack()): Record<string, Release> {
  return resources(stack, "helm_release") as unknown as Record<string, Release>;
}
function byName(all: Record<string, Release>, name: string): Release {
  const found = Object.values(all).find((r) => r.name === name);
  if (!found) throw new Error(`no release ${name}`);
  return found;
}
function valuesOf(r: Release) {
  return parse(r.values[0]);
}

const pool = (
  props: Partial<ConstructorParameters<typeof ArcRunnerScaleSet>[0]>,
  podSecurity: "restricted" | "baseline" | "privileged" = "restricted",
  controllerProps = {},
) => oneScaleSetStack(props, controllerProps, { podSecurity });

describe("ArcScaleSetController", () => {
  test("pinned OCI chart, explicit service account, options as values", () => {
    const r = byName(releases(), "arc");
    expect(r).toMatchObject({
      chart: "gha-runner-scale-set-controller",
      repository: "oci://ghcr.io/actions/actions-runner-controller-charts",
      version: "0.14.2",
    });
    const v = valuesOf(r);
    expect(v.replicaCount).toBe(2);
    expect(v.serviceAccount).toEqual({
      create: true,
      name: "arc-gha-rs-controller",
      annotations: { "example.com/owner": "platform" },
    });
    expect(v.flags).toEqual({
      logLevel: "warn",
      logFormat: "text",
      updateStrategy: "eventual",
      k8sClientRateLimiterQPS: 20,
      k8sClientRateLimiterBurst: 30,
      excludeLabelPropagationPrefixes: ["argocd.argoproj.io/instance"],
    });
    expect(v.metrics).toEqual({
      controllerManagerAddr: ":8080",
      listenerAddr: ":8080",
      listenerEndpoint: "/metrics",
    });
    expect(v.podSecurityContext).toEqual({
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    });
  });

  test("namespace network policy opens API server egress and metrics ingress only when metrics are on", () => {
    const withMetrics = resources(scaleSetStack(), "kubernetes_network_policy_v1");
    const names = Object.values(withMetrics).map(
      (p) => (p.metadata as { name: string; namespace: string }).name,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        "allow-egress-api-server",
        "allow-ingress-metrics",
        "allow-https-egress",
        "default-deny",
      ]),
    );
    const metrics = Object.values(withMetrics).find(
      (p) => (p.metadata as { name: string }).name === "allow-ingress-metrics",
    );
    expect(JSON.stringify(metrics)).toContain('"port":"8080"');
    const api = Object.values(withMetrics).find(
      (p) => (p.metadata as { name: string }).name === "allow-egress-api-server",
    );
    expect(JSON.stringify(api)).toContain('"port":"6443"');
    const without = resources(pool({}), "kubernetes_network_policy_v1");
    expect(Object.values(without).map((p) => (p.metadata as { name: string }).name)).not.toContain(
      "allow-ingress-metrics",
    );
  });

  test("watchSingleNamespace must be the scale set's namespace", () => {
    expect(synthErrors(pool({}, "restricted", { watchSingleNamespace: "elsewhere" }))).toContain(
      "controller.watchSingleNamespace",
    );
    expect(synthErrors(pool({}, "restricted", { watchSingleNamespace: "ci" }))).toBe("");
    expect(ruleIdsOf(pool({}, "restricted", { watchSingleNamespace: "elsewhere" }))).toEqual([
      "ARC-SCALE-SET-WATCHED-NAMESPACE",
    ]);
  });

  test("controller checks: not the default service account, replicas ≥ 1, real ports", () => {
    const stack = newRunnerStack();
    new ArcScaleSetController(stack, "arc", {
      serviceAccountName: "default",
      replicas: 0,
      apiServerPorts: [443, 70000],
    });
    expect(ruleIdsOf(stack)).toEqual(
      expect.arrayContaining([
        "ARC-SCALE-SET-API-SERVER-PORT",
        "ARC-SCALE-SET-CONTROLLER-DEFAULT-ACCOUNT",
        "ARC-SCALE-SET-CONTROLLER-REPLICAS",
      ]),
    );
  });
});

describe("ArcRunnerScaleSet", () => {
  test("controllerServiceAccount is always set, so the chart never calls lookup", () => {
    for (const name of ["dind", "kube", "novolume"]) {
      expect(valuesOf(byName(releases(), name)).controllerServiceAccount).toEqual({
        namespace: "arc-systems",
        name: "arc-gha-rs-controller",
      });
    }
  });

  test("scale sets depend on the controller release (destroyed first)", () => {
    const all = releases();
    const controllerKey = Object.keys(all).find((k) => all[k].name === "arc");
    expect(byName(all, "kube").depends_on).toContain(`helm_release.${controllerKey}`);
  });

  test("values: url, secret, range, group, name, labels, container modes", () => {
    const all = releases();
    const dind = valuesOf(byName(all, "dind"));
    expect(dind).toMatchObject({
      githubConfigUrl: "https://github.com/example-org",
      githubConfigSecret: "dind-github-config",
      minRunners: 0,
      maxRunners: 5,
      runnerGroup: "docker",
      runnerScaleSetName: "dind",
      scaleSetLabels: ["docker"],
      containerMode: { type: "dind" },
    });
    expect(dind.template.spec.securityContext).toBeUndefined();
    expect(dind.template.metadata.annotations).toEqual({ "example.com/team": "ci" });
    expect(dind.template.spec.tolerations).toEqual([
      { key: "ci", operator: "Exists", effect: "NoSchedule" },
    ]);
    expect(dind.listenerTemplate.spec.nodeSelector).toEqual({ pool: "system" });
    const kube = valuesOf(byName(all, "kube"));
    expect(kube.containerMode).toEqual({
      type: "kubernetes",
      kubernetesModeWorkVolumeClaim: {
        accessModes: ["ReadWriteOnce"],
        storageClassName: "gp3",
        resources: { requests: { storage: "5Gi" } },
      },
    });
    expect(kube.template.spec.serviceAccountName).toBe("kube-runner");
    expect(kube.template.spec.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 1001,
    });
    expect(valuesOf(byName(all, "novolume")).containerMode).toEqual({
      type: "kubernetes-novolume",
    });
  });

  test("kubernetes mode gives the runner account the hook's RBAC and a token; dind does not", () => {
    const stack = scaleSetStack();
    const roles = resources(stack, "kubernetes_role_v1");
    const kubeRole = Object.values(roles).find(
      (r) => (r.metadata as { name: string }).name === "kube-runner",
    );
    expect(JSON.stringify(kubeRole)).toContain('"jobs"');
    const noVolumeRole = Object.values(roles).find(
      (r) => (r.metadata as { name: string }).name === "novolume-runner",
    );
    expect(JSON.stringify(noVolumeRole)).not.toContain('"jobs"');
    expect(Object.values(roles).map((r) => (r.metadata as { name: string }).name)).not.toContain(
      "dind-runner",
    );
    const accounts = resources(stack, "kubernetes_service_account_v1");
    const token = (n: string) =>
      Object.values(accounts).find((a) => (a.metadata as { name: string }).name === n)
        ?.automount_service_account_token;
    expect(token("kube-runner")).toBe(true);
    expect(token("dind-runner")).toBe(false);
  });

  test("GitHub App credentials become a Secret from the sensitive variable; nothing secret in the JSON", () => {
    const stack = scaleSetStack();
    const json = Testing.synth(stack);
    const secrets = resources(stack, "kubernetes_secret_v1");
    const secret = Object.values(secrets).find(
      (s) => (s.metadata as { name: string }).name === "dind-github-config",
    );
    expect(secret?.data).toEqual({
      github_app_id: "123456",
      github_app_installation_id: "654321",
      github_app_private_key: "${var.github_app_private_key}",
    });
    expect(json).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
  });

  test("a non-sensitive variable for the token is refused", () => {
    const stack = newRunnerStack();
    const controller = new ArcScaleSetController(stack, "arc");
    const plain = new TerraformVariable(stack, "pat", { type: "string" });
    stack.addPool("ci", {
      platform: new ArcRunnerScaleSet({
        controller,
        githubConfigUrl: "https://github.com/org",
        githubCredentials: ArcGithubCredentials.fromToken(SensitiveValue.fromVariable(plain)),
        maxRunners: 2,
      }),
    });
    expect(synthErrors(stack)).toContain("githubCredentials.token");
    expect(findingsOf(stack, "ARC-SECRET-SENSITIVE-SOURCE")).toHaveLength(1);
  });

  test("dind in a restricted namespace is refused with the reason", () => {
    const err = synthErrors(pool({ containerMode: { type: "dind" } }, "restricted"));
    expect(err).toContain(
      'containerMode.type: {"containerMode":"dind","podSecurity":"restricted"} — dind runs a privileged docker:dind sidecar',
    );
    expect(err).toContain('namespace podSecurity "privileged"');
    expect(err).toContain('containerMode "kubernetes"');
    expect(synthErrors(pool({ containerMode: { type: "dind" } }, "privileged"))).toBe("");
    expect(ruleIdsOf(pool({ containerMode: { type: "dind" } }, "restricted"))).toContain(
      "ARC-SCALE-SET-DIND-POD-SECURITY",
    );
  });

  test("the platform declares the Pod Security it needs", () => {
    const stack = pool({ containerMode: { type: "dind" } }, "privileged");
    const p = (stack.pools.ci as RunnerPool).platform;
    expect(p.requiredPodSecurity).toBe("privileged");
    expect(
      new ArcRunnerScaleSet({
        controller: new ArcScaleSetController(newRunnerStack(), "c"),
        githubConfigUrl: "https://github.com/o",
        githubCredentials: ArcGithubCredentials.fromSecretName("s"),
        maxRunners: 1,
      }).requiredPodSecurity,
    ).toBeUndefined();
  });

  test("scale set name at most 45 characters", () => {
    expect(synthErrors(pool({ runnerScaleSetName: "a".repeat(46) }))).toContain(
      'runnerScaleSetName: "' + "a".repeat(46) + '" — must be at most 45 characters (has 46)',
    );
    expect(synthErrors(pool({ runnerScaleSetName: "a".repeat(45) }))).toBe("");
  });

  test("min ≤ max, whole numbers, URL and labels", () => {
    expect(synthErrors(pool({ minRunners: 5, maxRunners: 2 }))).toContain(
      'minRunners: {"minRunners":5,"maxRunners":2} — must not exceed maxRunners',
    );
    expect(synthErrors(pool({ maxRunners: -1 }))).toContain(
      "maxRunners: -1 — must be a whole number ≥ 0",
    );
    expect(synthErrors(pool({ githubConfigUrl: "github.com/org" }))).toContain("githubConfigUrl");
    expect(synthErrors(pool({ labels: ["has space"] }))).toContain("labels[0]");
    expect(ruleIdsOf(pool({ minRunners: 5, maxRunners: 2 }))).toEqual([
      "ARC-SCALE-SET-MIN-ABOVE-MAX",
    ]);
    expect(ruleIdsOf(pool({ minRunners: 0.5 }))).toEqual(["ARC-SCALE-SET-RUNNER-COUNT"]);
    expect(ruleIdsOf(pool({ githubConfigUrl: "github.com/org" }))).toEqual([
      "ARC-SCALE-SET-CONFIG-URL",
    ]);
    expect(ruleIdsOf(pool({ labels: ["a,b"] }))).toEqual(["ARC-RUNNER-LABEL"]);
  });

  test("identity pod labels go on the runner pod template", () => {
    const stack = newRunnerStack();
    const controller = new ArcScaleSetController(stack, "arc");
    stack.addPool("ci", {
      identity: {
        kind: "fake",
        bind: () => ({
          serviceAccountAnnotations: { "example.com/role": "r" },
          podLabels: { "azure.workload.identity/use": "true" },
        }),
      },
      platform: new ArcRunnerScaleSet({
        controller,
        githubConfigUrl: "https://github.com/org",
        githubCredentials: ArcGithubCredentials.fromSecretName("gh"),
        maxRunners: 2,
      }),
    });
    const v = valuesOf(byName(releases(stack), "ci"));
    expect(v.template.metadata.labels).toEqual({ "azure.workload.identity/use": "true" });
    const sa = Object.values(resources(stack, "kubernetes_service_account_v1"))[0];
    expect((sa.metadata as { annotations: Record<string, string> }).annotations).toEqual({
      "example.com/role": "r",
    });
  });
});

describe("kubernetes mode: Secrets verbs are exactly what the container hooks require", () => {
  // actions/runner-container-hooks v0.8.1 (d21e5b43), packages/k8s/src/k8s/index.ts:38-62:
  // requiredPermissions lists secrets with verbs create, delete, get, list; index.ts:803-822
  // checks each with a SelfSubjectAccessReview, and packages/k8s/src/index.ts:25 throws when
  // one is missing. The chart's kube-mode Role has the same four
  // (gha-runner-scale-set 0.14.2 templates/kube_mode_role.yaml:53-55).
  const HOOK_SECRET_VERBS = ["create", "delete", "get", "list"];

  test.each(["kube-runner", "novolume-runner"])("%s", (name) => {
    const roles = resources(scaleSetStack(), "kubernetes_role_v1");
    const role = Object.values(roles).find(
      (r) => (r.metadata as { name: string }).name === name,
    ) as { rule: { resources: string[]; verbs: string[] }[] };
    const secretRules = role.rule.filter((r) => r.resources.includes("secrets"));
    expect(secretRules).toHaveLength(1);
    expect(secretRules[0].resources).toEqual(["secrets"]);
    expect([...secretRules[0].verbs].sort()).toEqual(HOOK_SECRET_VERBS);
  });
});

describe("long-lived secrets in the state are named (ARC-SECRET-IN-STATE)", () => {
  test("fromApp: the App key written to a Secret warns, naming namespace and Secret", () => {
    const stack = scaleSetStack();
    const warnings = findingsOf(stack, "ARC-SECRET-IN-STATE");
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.map((w) => w.problem.message)).toContainEqual(
      expect.stringContaining("the GitHub App private key is written to Secret"),
    );
    expect(warnings.every((w) => w.status === "warning")).toBe(true);
  });

  test("fromToken warns; fromSecretName does not", () => {
    const stack = newRunnerStack();
    const controller = new ArcScaleSetController(stack, "arc");
    const token = new TerraformVariable(stack, "pat", { type: "string", sensitive: true });
    stack.addPool("ci", {
      platform: new ArcRunnerScaleSet({
        controller,
        githubConfigUrl: "https://github.com/org",
        githubCredentials: ArcGithubCredentials.fromToken(SensitiveValue.fromVariable(token)),
        maxRunners: 2,
      }),
    });
    expect(findingsOf(stack, "ARC-SECRET-IN-STATE").map((f) => f.problem.message)).toEqual([
      expect.stringMatching(/^the GitHub token is written to Secret ci\/ci-github-config /),
    ]);
    expect(findingsOf(pool({}), "ARC-SECRET-IN-STATE")).toEqual([]);
  });
});
