import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing, TerraformVariable } from "cdktf";
import { parse } from "yaml";
import {
  SophosFactoryRunner,
  SophosFactoryRunnerProps,
} from "../../../lib/platforms/sophos-factory/sophos-factory-runner";
import { RunnerPool } from "../../../lib/pool";
import { SensitiveValue } from "../../../lib/release/sensitive-value";
import {
  findingsOf,
  Json,
  newStack,
  resourcesOf,
  ruleIdsOf,
  synthErrors,
  synthJson,
  warningsOf,
} from "../../support/stack";
import { Cloud, FakeCloudIdentity, PLANTED_SECRET } from "../cloud-identities";

let chartDir: string;

beforeAll(() => {
  // A tiny stand-in for the factory-rm chart: the real one ships only as a release archive.
  chartDir = fs.mkdtempSync(path.join(os.tmpdir(), "factory-rm-"));
  fs.writeFileSync(
    path.join(chartDir, "Chart.yaml"),
    "apiVersion: v2\nname: factory-rm\nversion: 0.0.0-test\ndescription: test stand-in\n",
  );
  fs.mkdirSync(path.join(chartDir, "templates"));
});

afterAll(() => fs.rmSync(chartDir, { recursive: true, force: true }));

function build(overrides: Partial<SophosFactoryRunnerProps> = {}, cloud?: Cloud) {
  const stack = newStack();
  const key = new TerraformVariable(stack, "runner_manager_key", {
    type: "string",
    sensitive: true,
  });
  const identity = cloud ? new FakeCloudIdentity(cloud) : undefined;
  const pool = new RunnerPool(stack, "Factory", {
    poolName: "factory-pool",
    identity,
    platform: new SophosFactoryRunner({
      chartPath: chartDir,
      runnerManagerId: "64f1c0ffee0123456789abcd",
      runnerManagerKey: SensitiveValue.fromVariable(key),
      runnerImage: { tag: "1.2.3" },
      ...overrides,
    }),
  });
  return { stack, pool, identity };
}

function release(json: Json) {
  const [r] = resourcesOf(json, "helm_release") as {
    chart: string;
    values: string[];
    set_sensitive: { name: string; value: string }[];
    depends_on?: string[];
  }[];
  return r;
}

describe("SophosFactoryRunner", () => {
  test("renders the documented values; the key goes through set_sensitive", () => {
    const { stack, pool } = build();
    const json = synthJson(stack);
    const r = release(json);
    expect(parse(r.values[0])).toEqual({
      agentApiFqdn: "agent-api.factory.sophos.com",
      name: "factory-pool",
      serviceAccount: { create: true, name: "runner-pool-service-account" },
      secrets: { create: true },
      config: {
        ENVIRONMENT: "prod",
        RUNNER_MANAGER_ID: "64f1c0ffee0123456789abcd",
        RUNNER_K8S_NAMESPACE: "factory-pool",
        RUNNER_K8S_IMAGE_REGISTRY: "864584331736.dkr.ecr.us-west-2.amazonaws.com",
        RUNNER_K8S_IMAGE_REPOSITORY: "sophos/fac-runner",
        RUNNER_K8S_IMAGE_TAG: "1.2.3",
      },
    });
    expect(r.set_sensitive).toEqual([
      { name: "secrets.RUNNER_MANAGER_KEY", type: "string", value: "${var.runner_manager_key}" },
    ]);
    expect(pool.scaling.mode).toBe("self-managed");
    expect(pool.scaling.description).toContain("self-managed");
    expect(synthErrors(stack)).toBe("");
  });

  test("the local chart ships as an asset with a relative path (no absolute paths in the JSON)", () => {
    const { stack } = build();
    const text = Testing.synth(stack);
    const r = release(JSON.parse(text));
    expect(r.chart).toMatch(/^assets\//);
    expect(text).not.toContain(chartDir);
    expect(text).not.toContain(os.tmpdir());
  });

  test("a separate runner namespace is created before the release and named in the values", () => {
    const { stack, pool } = build({
      runnerNamespaceName: "factory-runners",
      runnerResources: {
        cpuRequest: "500m",
        cpuLimit: "2",
        memoryRequest: "1Gi",
        memoryLimit: "4Gi",
      },
    });
    expect(pool.namespaces["runner-pods"].name).toBe("factory-runners");
    const json = synthJson(stack);
    const r = release(json);
    const values = parse(r.values[0]);
    expect(values.config).toMatchObject({
      RUNNER_K8S_NAMESPACE: "factory-runners",
      RUNNER_K8S_CPU_REQUEST: "500m",
      RUNNER_K8S_CPU_LIMIT: "2",
      RUNNER_K8S_MEM_REQUEST: "1Gi",
      RUNNER_K8S_MEM_LIMIT: "4Gi",
    });
    expect(r.depends_on).toContainEqual(
      expect.stringMatching(/^kubernetes_namespace_v1\..*Namespace-runner-pods/),
    );
    const namespaces = (
      resourcesOf(json, "kubernetes_namespace_v1") as { metadata: { name: string } }[]
    )
      .map((n) => n.metadata.name)
      .sort();
    expect(namespaces).toEqual(["factory-pool", "factory-runners"]);
    const runnersNs = (
      resourcesOf(json, "kubernetes_namespace_v1") as {
        metadata: { name: string; labels: Record<string, string> };
      }[]
    ).find((n) => n.metadata.name === "factory-runners");
    expect(runnersNs?.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "baseline",
      "pod-security.kubernetes.io/warn": "restricted",
    });
    expect(resourcesOf(json, "kubernetes_network_policy_v1").length).toBeGreaterThan(3);
  });

  test.each<Cloud>(["eks", "gke", "aks"])(
    "on %s the identity binds the runner pods' service account (default in the runner namespace)",
    (cloud) => {
      const { stack, identity } = build({ runnerNamespaceName: "factory-runners" }, cloud);
      expect(identity!.subjects).toEqual([{ namespace: "factory-runners", name: "default" }]);
      const json = synthJson(stack);
      const [sa] = resourcesOf(json, "kubernetes_default_service_account_v1") as {
        metadata: { namespace: string; annotations: Record<string, string> };
      }[];
      expect(sa.metadata.namespace).toMatch(/kubernetes_namespace_v1\..*Namespace-runner-pods/);
      expect(Object.keys(sa.metadata.annotations)).toHaveLength(1);
      expect(release(json).depends_on).toContainEqual(
        expect.stringMatching(/^kubernetes_default_service_account_v1\./),
      );
    },
  );

  test("warns on AKS that runner pods cannot get the identity pod label, and on an unpinned tag", () => {
    const { stack } = build({ runnerImage: {} }, "aks");
    expect(warningsOf(stack)).toEqual([
      expect.stringContaining("identity: the identity needs these pod labels on runner pods"),
      expect.stringContaining("runnerImage.tag: `latest`"),
    ]);
    const [labels] = findingsOf(stack, "SOPHOS-RUNNER-POD-LABELS");
    expect(labels.problem.value).toEqual({ "azure.workload.identity/use": "true" });
    expect(ruleIdsOf(stack, "warning")).toEqual([
      "SOPHOS-IMAGE-LATEST",
      "SOPHOS-RUNNER-POD-LABELS",
    ]);
    // warnings do not fail synth
    expect(synthErrors(stack)).toBe("");
    // a pinned tag on EKS: no warning
    expect(warningsOf(build({}, "eks").stack)).toEqual([]);
  });

  test("a custom values layout moves the key and the config", () => {
    const { stack } = build({
      valuesLayout: { secretsPath: "env.secret", configPath: "env.config" },
    });
    const r = release(synthJson(stack));
    expect(r.set_sensitive[0].name).toBe("env.secret.RUNNER_MANAGER_KEY");
    expect(Object.keys(parse(r.values[0]).env).sort()).toEqual(["config", "secret"]);
  });

  test("no secret value reaches the JSON", () => {
    const { stack } = build({ values: { note: "harmless" } });
    const text = Testing.synth(stack);
    expect(text).not.toContain(PLANTED_SECRET);
    expect(text).toContain("${var.runner_manager_key}");
  });

  describe("validation", () => {
    test("a sensitive variable with a default is refused: the default would be in the JSON", () => {
      const stack = newStack();
      const withDefault = new TerraformVariable(stack, "key_with_default", {
        type: "string",
        sensitive: true,
        default: PLANTED_SECRET,
      });
      new RunnerPool(stack, "Factory", {
        platform: new SophosFactoryRunner({
          chartPath: chartDir,
          runnerManagerId: "id",
          runnerManagerKey: SensitiveValue.fromVariable(withDefault),
        }),
      });
      const errors = synthErrors(stack);
      expect(errors).toContain(
        'sensitiveValues.secrets.RUNNER_MANAGER_KEY: "test/key_with_default" — must come from a TerraformVariable declared with sensitive: true (and no default',
      );
      expect(errors).not.toContain(PLANTED_SECRET);
    });

    test("the key must come from a sensitive source", () => {
      const stack = newStack();
      const plain = new TerraformVariable(stack, "plain_key", {
        type: "string",
        default: PLANTED_SECRET,
      });
      new RunnerPool(stack, "Factory", {
        platform: new SophosFactoryRunner({
          chartPath: chartDir,
          runnerManagerId: "id",
          runnerManagerKey: SensitiveValue.fromVariable(plain),
        }),
      });
      expect(synthErrors(stack)).toContain(
        'sensitiveValues.secrets.RUNNER_MANAGER_KEY: "test/plain_key" — must come from a TerraformVariable declared with sensitive: true',
      );
    });

    test("requests must not exceed limits; quantities must parse", () => {
      const { stack } = build({
        runnerResources: {
          cpuRequest: "4",
          cpuLimit: "2",
          memoryRequest: "lots",
          memoryLimit: "1Gi",
        },
      });
      const errors = synthErrors(stack);
      expect(errors).toContain(
        'runnerResources.cpu: {"request":"4","limit":"2"} — the request must not exceed the limit',
      );
      expect(errors).toContain(
        'runnerResources.memoryRequest: "lots" — must be a Kubernetes quantity',
      );
    });

    test("a missing chart path is reported", () => {
      const { stack } = build({
        chartPath: path.join(chartDir, "missing", "factory-rm-9.9.9.tgz"),
      });
      expect(synthErrors(stack)).toContain(
        'chart.path: "factory-rm-9.9.9.tgz" — no chart directory or .tgz',
      );
    });

    test("agentApiFqdn is a host name", () => {
      const { stack } = build({ agentApiFqdn: "https://agent-api.factory.sophos.com/" });
      expect(synthErrors(stack)).toContain(
        'agentApiFqdn: "https://agent-api.factory.sophos.com/" — must be a fully qualified host name',
      );
      expect(ruleIdsOf(stack)).toEqual(["SOPHOS-AGENT-API-FQDN"]);
    });

    test("runnerManagerId must not be empty", () => {
      const { stack } = build({ runnerManagerId: " " });
      expect(synthErrors(stack)).toContain('runnerManagerId: " " — must not be empty');
      expect(ruleIdsOf(stack)).toEqual(["SOPHOS-RUNNER-MANAGER-ID"]);
    });

    test("names and values paths", () => {
      const { stack } = build({
        runnerNamespaceName: "Factory_Runners",
        serviceAccount: { name: "Runner Pool" },
        valuesLayout: { secretsPath: "a..b" },
      });
      const errors = synthErrors(stack);
      expect(errors).toContain('runnerNamespaceName: "Factory_Runners"');
      expect(errors).toContain('serviceAccount.name: "Runner Pool"');
      expect(errors).toContain(
        'valuesLayout.secretsPath: "a..b" — must be a dotted Helm values path. Valid: "secrets" (SOPHOS-VALUES-PATH)',
      );
    });
  });
});
