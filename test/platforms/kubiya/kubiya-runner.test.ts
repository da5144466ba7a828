import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { Testing, TerraformVariable } from "cdktf";
import { parse } from "yaml";
import type { TerraformStack } from "cdktf";
import { HelmValues, mergeValues } from "../../../lib/core/yaml";
import {
  KUBIYA_CHART_VERSION,
  KubiyaRunner,
  KubiyaRunnerProps,
} from "../../../lib/platforms/kubiya/kubiya-runner";
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

const UPSTREAM = path.join(__dirname, "..", "..", "..", "..", "shared", "upstream", "kubiya");
const CERT = Buffer.from(
  "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n",
).toString("base64");

function secret(stack: TerraformStack, name: string): SensitiveValue {
  return SensitiveValue.fromVariable(
    new TerraformVariable(stack, name, { type: "string", sensitive: true }),
  );
}

function build(
  overrides: (stack: TerraformStack) => Partial<KubiyaRunnerProps> = () => ({}),
  cloud?: Cloud,
  namespace = "kubiya",
) {
  const stack = newStack();
  const identity = cloud ? new FakeCloudIdentity(cloud) : undefined;
  const platform = new KubiyaRunner({
    organization: "acme",
    uuid: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
    runnerName: "production-runner",
    nats: {
      jwt: secret(stack, "nats_jwt"),
      secondJwt: secret(stack, "nats_second_jwt"),
      subject: "kubiya.metrics.acme.production-runner",
    },
    registryTls: { certificateBase64: CERT, keyBase64: secret(stack, "registry_tls_key") },
    ...overrides(stack),
  });
  const pool = new RunnerPool(stack, "Kubiya", {
    poolName: "kubiya",
    namespaceName: namespace,
    identity,
    namespace: { podSecurity: { enforce: "privileged", audit: "restricted", warn: "restricted" } },
    platform,
  });
  return { stack, pool, platform, identity };
}

function release(json: Json) {
  const [r] = resourcesOf(json, "helm_release") as {
    name: string;
    repository: string;
    chart: string;
    version: string;
    values: string[];
    set_sensitive: { name: string; value: string }[];
  }[];
  return r;
}

describe("KubiyaRunner", () => {
  test("chart pinned to the upstream Chart.yaml version, credentials via set_sensitive", () => {
    const chart = parse(fs.readFileSync(path.join(UPSTREAM, "Chart.yaml"), "utf8"));
    expect(KUBIYA_CHART_VERSION).toBe(chart.version);
    const { stack, pool } = build();
    const r = release(synthJson(stack));
    expect(r).toMatchObject({
      name: "production-runner",
      repository: "https://kubiyabot.github.io/helm-charts",
      chart: "kubiya-runner",
      version: chart.version,
    });
    expect(r.set_sensitive.map((s) => [s.name, s.value])).toEqual([
      ["nats.jwt", "${var.nats_jwt}"],
      ["nats.secondJwt", "${var.nats_second_jwt}"],
      ["registryTls.key", "${var.registry_tls_key}"],
    ]);
    expect(pool.scaling.mode).toBe("self-managed");
    expect(synthErrors(stack)).toBe("");
  });

  test("rendered values, merged with the chart defaults, validate against values.schema.json", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(UPSTREAM, "values.schema.json"), "utf8"));
    // The upstream file names the draft-07 meta-schema by https URL, which Ajv does not know by
    // that address; the schema itself is draft-07.
    delete schema.$schema;
    const defaults = parse(
      fs.readFileSync(path.join(UPSTREAM, "values.yaml"), "utf8"),
    ) as HelmValues;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

    for (const variant of [
      build(),
      build(() => ({ dagger: false, releaseName: "kubiya-prod", metrics: { annotations: false } })),
      build(() => ({
        telemetry: {
          remoteWriteUrl: "https://metrics.example.com/api/v1/write",
          clientId: "client",
          tokenUrl: "https://login.example.com/token",
          clientSecret: { secretName: "kubiya-telemetry", key: "client-secret" },
        },
      })),
    ]) {
      const rendered = parse(release(synthJson(variant.stack)).values[0]) as HelmValues;
      const merged = mergeValues(defaults, rendered);
      const ok = validate(merged);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }

    // and the schema really checks: a bad uuid fails it (our own check catches it too)
    const bad = build(() => ({ uuid: "not-a-uuid" }));
    const rendered = parse(release(synthJson(bad.stack)).values[0]) as HelmValues;
    expect(validate(mergeValues(defaults, rendered))).toBe(false);
    expect(synthErrors(bad.stack)).toContain('uuid: "not-a-uuid" — must be a UUID');
    expect(ruleIdsOf(bad.stack, "error")).toEqual(["KUBIYA-UUID"]);
  });

  test("values: organization, uuid, NATS, own certificate, tool manager account, metrics annotations", () => {
    const { stack } = build();
    const values = parse(release(synthJson(stack)).values[0]);
    expect(values.organization).toBe("acme");
    expect(values.uuid).toBe("f47ac10b-58cc-4372-a567-0e02b2c3d479");
    expect(values.runnerNameOverride).toBeUndefined();
    expect(values.nats).toEqual({
      serverUrl: "tls://connect.ngs.global",
      subject: "kubiya.metrics.acme.production-runner",
    });
    expect(values.registryTls).toEqual({ crt: CERT });
    expect(values.toolManager.serviceAccount).toEqual({
      create: false,
      name: "kubiya-runner-tool-manager",
    });
    expect(values.toolManager.extraPodsAnnotations).toEqual({
      "prometheus.io/path": "/metrics",
      "prometheus.io/port": "3001",
      "prometheus.io/scrape": "true",
    });
    expect(values.agentManager.extraPodsAnnotations["prometheus.io/port"]).toBe("8080");
    expect(values.alloy).toEqual({ enabled: false });
    expect(values.kubiyaOperator).toEqual({ fullAccess: false });
  });

  test("release name and runner name stay consistent", () => {
    const { stack } = build(() => ({ releaseName: "kubiya-prod" }));
    const r = release(synthJson(stack));
    expect(r.name).toBe("kubiya-prod");
    expect(parse(r.values[0]).runnerNameOverride).toBe("production-runner");
  });

  test("namespace carries PSS labels; the chart's privileged Dagger engine is required", () => {
    const { stack } = build();
    const [ns] = resourcesOf(synthJson(stack), "kubernetes_namespace_v1") as {
      metadata: { labels: Record<string, string> };
    }[];
    expect(ns.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "privileged",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });

    const restricted = newStack();
    new RunnerPool(restricted, "Kubiya", {
      platform: new KubiyaRunner({
        organization: "acme",
        uuid: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
        nats: {
          jwt: secret(restricted, "a"),
          secondJwt: secret(restricted, "b"),
          subject: "s",
        },
        registryTls: { certificateBase64: CERT, keyBase64: secret(restricted, "k") },
      }),
    });
    expect(synthErrors(restricted)).toContain(
      'namespace.podSecurity.enforce: "restricted" — platform kubiya runs pods that need Pod Security level "privileged"',
    );
  });

  test("the pool's Role for the tool manager adds no Secrets (the chart's own Role is declared)", () => {
    const { stack } = build();
    const json = synthJson(stack);
    const [role] = resourcesOf(json, "kubernetes_role_v1") as {
      metadata: { name: string };
      rule: unknown[];
    }[];
    expect(role.metadata.name).toBe("kubiya-runner-tool-manager");
    expect(role.rule).toEqual([
      {
        api_groups: [""],
        resources: ["pods", "pods/log"],
        verbs: ["create", "delete", "get", "list", "watch"],
      },
      { api_groups: [""], resources: ["configmaps"], verbs: ["get", "list"] },
      {
        api_groups: [""],
        resources: ["persistentvolumeclaims"],
        verbs: ["create", "delete", "get"],
      },
    ]);
  });

  test("network policies: deny by default, ingress from the own namespace, egress DNS + 443 + NATS", () => {
    const { stack } = build(() => ({ metrics: { scrapeFromNamespaces: ["monitoring"] } }));
    const policies = resourcesOf(synthJson(stack), "kubernetes_network_policy_v1") as {
      metadata: { name: string };
      spec: Record<string, unknown>;
    }[];
    const byName = Object.fromEntries(policies.map((p) => [p.metadata.name, p.spec]));
    expect(Object.keys(byName).sort()).toEqual([
      "allow-dns-egress",
      // the tool manager creates workflow pods: API server on 6443 beyond the 443 of https
      "allow-egress-api-server",
      "allow-https-egress",
      "default-deny",
      "kubiya-allow-egress-nats",
      "kubiya-allow-egress-same-namespace",
      "kubiya-allow-ingress-metrics",
      "kubiya-allow-ingress-same-namespace",
    ]);
    expect(byName["kubiya-allow-ingress-same-namespace"]).toMatchObject({
      policy_types: ["Ingress"],
      ingress: [{ from: [{ pod_selector: {} }] }],
    });
    expect(byName["kubiya-allow-egress-nats"]).toMatchObject({
      egress: [{ ports: [{ port: "4222", protocol: "TCP" }] }],
    });
    expect(byName["kubiya-allow-ingress-metrics"]).toMatchObject({
      ingress: [
        {
          from: [
            {
              namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "monitoring" } },
            },
          ],
          ports: [
            { port: "3001", protocol: "TCP" },
            { port: "8080", protocol: "TCP" },
          ],
        },
      ],
    });
    const custom = build((s) => ({
      nats: {
        jwt: secret(s, "j1"),
        secondJwt: secret(s, "j2"),
        subject: "s",
        serverUrl: "nats://nats.internal:4443",
      },
    }));
    const nats = (
      resourcesOf(synthJson(custom.stack), "kubernetes_network_policy_v1") as {
        metadata: { name: string };
        spec: { egress?: { ports: { port: string }[] }[] };
      }[]
    ).find((p) => p.metadata.name === "kubiya-allow-egress-nats");
    expect(nats?.spec.egress?.[0].ports[0].port).toBe("4443");
  });

  test("with the pool's network policies off, no Kubiya allow-policies either (they would isolate pods)", () => {
    const stack = newStack();
    new RunnerPool(stack, "Kubiya", {
      namespaceName: "kubiya",
      namespace: { podSecurity: "privileged", networkPolicy: false },
      platform: new KubiyaRunner({
        organization: "acme",
        uuid: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
        nats: { jwt: secret(stack, "a"), secondJwt: secret(stack, "b"), subject: "s" },
        registryTls: { certificateBase64: CERT, keyBase64: secret(stack, "k") },
      }),
    });
    expect(resourcesOf(synthJson(stack), "kubernetes_network_policy_v1")).toHaveLength(0);
    expect(synthErrors(stack)).toBe("");
  });

  test.each<Cloud>(["eks", "gke", "aks"])(
    "on %s the identity binds the tool manager's service account",
    (cloud) => {
      const { stack, identity } = build(() => ({}), cloud);
      expect(identity!.subjects).toEqual([
        { namespace: "kubiya", name: "kubiya-runner-tool-manager" },
      ]);
      const [sa] = resourcesOf(synthJson(stack), "kubernetes_service_account_v1") as {
        metadata: { name: string; annotations: Record<string, string> };
      }[];
      expect(sa.metadata.name).toBe("kubiya-runner-tool-manager");
      expect(Object.keys(sa.metadata.annotations)).toHaveLength(1);
      const podLabelWarnings = warningsOf(stack).filter((w) => w.includes("pod labels"));
      expect(podLabelWarnings).toHaveLength(cloud === "aks" ? 1 : 0);
      expect(findingsOf(stack, "KUBIYA-TOOL-POD-LABELS")).toHaveLength(cloud === "aks" ? 1 : 0);
    },
  );

  test("warns where the user enables the chart's wide RBAC, and outside the kubiya namespace", () => {
    const { stack } = build(
      () => ({ operatorFullAccess: true, toolManagerAdminClusterRole: true }),
      "eks",
      "kubiya-runners",
    );
    const values = parse(release(synthJson(stack)).values[0]);
    expect(values.kubiyaOperator.fullAccess).toBe(true);
    expect(values.toolManager.adminClusterRole.create).toBe(true);
    const all = warningsOf(stack);
    expect(all).toEqual([
      expect.stringContaining("operatorFullAccess"),
      expect.stringContaining("ClusterRole with '*' on everything, cluster-wide"),
      expect.stringContaining("cache-registry-svc.kubiya"),
    ]);
    expect(all[1]).toContain("holds the cloud identity");
    expect(ruleIdsOf(stack, "warning")).toEqual([
      "KUBIYA-CACHE-REGISTRY-NAMESPACE",
      "KUBIYA-OPERATOR-FULL-ACCESS",
      "KUBIYA-TOOL-MANAGER-ADMIN-CLUSTER-ROLE",
    ]);
    expect(synthErrors(stack)).toBe("");
    expect(warningsOf(build().stack)).toEqual([]);
  });

  test("telemetry secret comes from a Secret reference; no secret value reaches the JSON", () => {
    const { stack } = build(() => ({
      telemetry: {
        remoteWriteUrl: "https://metrics.example.com/api/v1/write",
        clientId: "client",
        tokenUrl: "https://login.example.com/token",
        clientSecret: { secretName: "kubiya-telemetry", key: "client-secret" },
      },
    }));
    const text = Testing.synth(stack);
    expect(text).not.toContain(PLANTED_SECRET);
    const values = parse(release(JSON.parse(text)).values[0]);
    expect(values.alloy.alloy.extraEnv[2]).toEqual({
      name: "AZURE_CLIENT_SECRET",
      valueFrom: { secretKeyRef: { name: "kubiya-telemetry", key: "client-secret" } },
    });
    expect(synthErrors(stack)).toBe("");
  });

  describe("validation", () => {
    test("credentials must be sensitive", () => {
      const { stack } = build((s) => ({
        nats: {
          jwt: SensitiveValue.fromVariable(
            new TerraformVariable(s, "plain_jwt", { type: "string", default: PLANTED_SECRET }),
          ),
          secondJwt: secret(s, "j2"),
          subject: "s",
        },
      }));
      const errors = synthErrors(stack);
      expect(errors).toContain(
        'sensitiveValues.nats.jwt: "test/plain_jwt" — must come from a TerraformVariable declared with sensitive: true',
      );
    });

    test("a private key in the certificate field is refused and not echoed", () => {
      const key = Buffer.from(
        `-----BEGIN PRIVATE KEY-----\n${PLANTED_SECRET}\n-----END PRIVATE KEY-----`,
      ).toString("base64");
      const { stack } = build((s) => ({
        registryTls: { certificateBase64: key, keyBase64: secret(s, "k2") },
      }));
      const errors = synthErrors(stack);
      expect(errors).toContain("registryTls.certificateBase64: <redacted");
      expect(errors).not.toContain(key);
      expect(ruleIdsOf(stack, "error")).toEqual(["KUBIYA-PRIVATE-KEY-AS-CERTIFICATE"]);
    });

    test("the certificate must be a base64 PEM certificate", () => {
      const { stack } = build((s) => ({
        registryTls: { certificateBase64: "not-a-cert", keyBase64: secret(s, "k2") },
      }));
      expect(synthErrors(stack)).toContain(
        'registryTls.certificateBase64: "not-a-cert" — must be a base64-encoded PEM certificate. Valid: base64 -w0 tls.crt (KUBIYA-REGISTRY-CERTIFICATE-PEM)',
      );
    });

    test("organization, runner name, release name, NATS subject, URL and port", () => {
      const { stack } = build((s) => ({
        organization: " ",
        runnerName: "Production_Runner",
        releaseName: "x".repeat(54),
        nats: {
          jwt: secret(s, "j1"),
          secondJwt: secret(s, "j2"),
          subject: "",
          serverUrl: "https://connect.ngs.global",
          port: 70000,
        },
      }));
      const errors = synthErrors(stack);
      expect(errors).toContain('organization: " " — must not be empty');
      expect(errors).toContain('runnerName: "Production_Runner" — must be a DNS-1123 label');
      expect(errors).toContain("releaseName: ");
      expect(errors).toContain("must be at most 53 characters (has 54)");
      expect(errors).toContain('nats.subject: "" — must not be empty');
      expect(errors).toContain('nats.serverUrl: "https://connect.ngs.global" — must be a NATS URL');
      expect(errors).toContain("nats.port: 70000 — must be an integer from 1 to 65535");
      expect(ruleIdsOf(stack, "error")).toEqual(
        expect.arrayContaining([
          "KUBIYA-NATS-PORT",
          "KUBIYA-NATS-SUBJECT",
          "KUBIYA-NATS-URL",
          "KUBIYA-ORGANIZATION",
        ]),
      );
    });

    test("telemetry URLs and scrape namespaces", () => {
      const { stack } = build(() => ({
        telemetry: {
          remoteWriteUrl: "http://metrics",
          clientId: "c",
          tokenUrl: "https://login.example.com/token",
          clientSecret: { secretName: "t", key: "k" },
        },
        metrics: { scrapeFromNamespaces: ["Monitoring"] },
      }));
      const errors = synthErrors(stack);
      expect(errors).toContain('telemetry.remoteWriteUrl: "http://metrics" — must be an https URL');
      expect(findingsOf(stack, "KUBIYA-TELEMETRY-URL-HTTPS")).toHaveLength(1);
      expect(errors).toContain('metrics.scrapeFromNamespaces[0]: "Monitoring"');
    });

    test("tool manager rules are least privilege", () => {
      const { stack } = build(() => ({ toolManagerRules: [{ resources: ["*"], verbs: ["*"] }] }));
      expect(synthErrors(stack)).toContain("wildcard verbs are refused (least privilege)");
    });
  });

  describe("the chart's own RBAC (kubiya-runner 0.9.30), declared on the pool", () => {
    const CHART = path.join(
      __dirname,
      "..",
      "..",
      "..",
      "..",
      "shared",
      "upstream",
      "charts",
      "kubiya-runner",
    );

    test("every Role and ClusterRole the chart creates is declared, with the chart's rules", () => {
      const { pool } = build();
      const declared = pool.chartRbac;
      // Each declared object comes from a real template, whose rules we compare.
      for (const role of declared) {
        const template = fs.readFileSync(path.join(CHART, role.source), "utf8");
        expect(template).toContain(`kind: ${role.kind}`);
        for (const rule of role.rules)
          for (const resource of rule.resources) expect(template).toContain(`"${resource}"`);
      }
      // Every unconditional Role/ClusterRole template of the chart is declared: the tool
      // manager's namespace Role (tool-manager-role-namespace-scope.yaml:1-15) and PV/PVC
      // ClusterRole (tool-manager-clusterRole-pvc.yaml:1-12) have no `if`.
      const templates = (dir: string): string[] =>
        fs
          .readdirSync(dir, { withFileTypes: true })
          .flatMap((e) =>
            e.isDirectory() ? templates(path.join(dir, e.name)) : [path.join(dir, e.name)],
          );
      const rbacTemplates = templates(path.join(CHART, "templates"))
        .filter((f) => /^kind: (Cluster)?Role$/m.test(fs.readFileSync(f, "utf8")))
        .map((f) => path.relative(CHART, f))
        .sort();
      const all = build(() => ({ toolManagerAdminClusterRole: true }), undefined).pool.chartRbac;
      const enforcer = build(() => ({ values: { enforcer: { enabled: true } } })).pool.chartRbac;
      expect([...new Set([...all, ...enforcer].map((r) => r.source))].sort()).toEqual(
        rbacTemplates,
      );
      expect(declared.map((r) => `${r.kind} ${r.name} -> ${r.boundTo}`)).toEqual([
        "Role kubiya-runner-tool-manager-namespace-scope -> kubiya/kubiya-runner-tool-manager",
        "ClusterRole kubiya-runner-tool-manager-cluster-pvc-access -> kubiya/kubiya-runner-tool-manager",
        "Role kubiya-runner-operator -> kubiya/kubiya-runner-operator",
        "Role kubiya-runner-agent-manager -> kubiya/kubiya-runner-agent-manager",
        "ClusterRole kubiya-runner-image-updater-clusterrole -> kubiya/kubiya-runner-image-updater",
        "Role kubiya-runner-image-updater -> kubiya/kubiya-runner-image-updater",
      ]);
      // The chart's tool-manager Role grants Secrets, whatever the pool's own Role says.
      expect(declared[0].rules[0].resources).toContain("secrets");
    });

    test("a second Kubiya pool in one stack (cluster) is a validity error", () => {
      const stack = newStack();
      const props = (name: string): KubiyaRunnerProps => ({
        organization: "acme",
        uuid: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
        nats: {
          jwt: secret(stack, `${name}a`),
          secondJwt: secret(stack, `${name}b`),
          subject: "s",
        },
        registryTls: { certificateBase64: CERT, keyBase64: secret(stack, `${name}k`) },
      });
      for (const name of ["one", "two"]) {
        new RunnerPool(stack, name, {
          namespaceName: name,
          namespace: { podSecurity: "privileged" },
          platform: new KubiyaRunner(props(name)),
        });
      }
      expect(findingsOf(stack, "KUBIYA-ONE-PER-CLUSTER")).toHaveLength(1);
      expect(synthErrors(stack)).toContain(
        '[test/two] platform: "kubiya" — this stack already has a Kubiya pool (test/one)',
      );
    });
  });
});
