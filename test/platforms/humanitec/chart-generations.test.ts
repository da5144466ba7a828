// Chart generations: each transport renders its generation's values, which pass that
// generation's values.schema.json (restated in chart-schemas.ts) and fail the others';
// a version outside the transport's range is refused, naming the ranges.
import Ajv from "ajv";
import { parse } from "yaml";
import { AgentKey } from "../../../lib/platforms/humanitec/agent-key";
import {
  HumanitecAgentRunner,
  HumanitecAgentRunnerProps,
} from "../../../lib/platforms/humanitec/humanitec-agent-runner";
import { RunnerPool } from "../../../lib/pool";
import {
  Json,
  newStack,
  resourcesOf,
  ruleIdsOf,
  synthErrors,
  synthJson,
} from "../../support/stack";
import { SCHEMA_0_1, SCHEMA_0_2, SCHEMA_0_3 } from "./chart-schemas";

const PUBLIC_KEY =
  "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAc5dgCx4ano39JT0XgTsHnts3jej+5xl7ZAwSIrKpef0=\n-----END PUBLIC KEY-----\n";

function build(overrides: Partial<HumanitecAgentRunnerProps>) {
  const stack = newStack();
  const platform = new HumanitecAgentRunner({
    orgId: "my-org",
    runnerId: "kubernetes-agent-prod",
    chart: HumanitecAgentRunner.platformOrchestratorChart("0.1.2"),
    agentKey: AgentKey.fromExistingSecret({
      secretName: "agent-key",
      secretKey: "ed25519.pem",
      publicKeyPem: PUBLIC_KEY,
    }),
    extraEnvVars: { TF_LOG: "info" },
    waitForAgent: false,
    ...overrides,
  });
  new RunnerPool(stack, "Humanitec", { poolName: "humanitec-agent", platform });
  return { stack, platform };
}

function values(stack: ReturnType<typeof newStack>): Json {
  const [release] = resourcesOf(synthJson(stack), "helm_release") as { values: string[] }[];
  return parse(release.values[0]) as Json;
}

const ajv = new Ajv({ strict: false, allErrors: true });
const validators = {
  "0.1": ajv.compile(SCHEMA_0_1),
  "0.2": ajv.compile(SCHEMA_0_2),
  "0.3": ajv.compile(SCHEMA_0_3),
};
const accepts = (v: keyof typeof validators, json: unknown) => validators[v](json);

const NATS = {
  type: "nats",
  url: "tls://nats.orchestrator.example.com:4443",
  mode: "edge",
  existingSecret: "nats-credentials",
  auth: { type: "credentials" },
  caKey: "ca.crt",
  jobCredentialsSecret: "nats-job-credentials",
  outbox: { storageClassName: "azurefile-csi" },
} as const;
const GATEWAY = {
  type: "gateway",
  url: "https://runner-gateway.orchestrator.example.com",
  ca: { secretName: "gateway-ca" },
  jobCaSecret: "gateway-ca",
  clientCertificate: { secretName: "runner-client-tls" },
} as const;

describe("chart generations", () => {
  test("0.1 (private key): platformOrchestrator.existingSecret/existingSecretKey; passes the 0.1 schema only", () => {
    const { stack } = build({ orchestratorUrl: "https://api.po.example.com" });
    const v = values(stack);
    expect(v.platformOrchestrator).toMatchObject({
      orgId: "my-org",
      existingSecret: "agent-key",
      existingSecretKey: "ed25519.pem",
      extraEnvVars: [
        { name: "REMOTE_URL", value: "https://api.po.example.com" },
        { name: "TF_LOG", value: "info" },
      ],
    });
    expect(v.humanitec).toBeUndefined();
    expect(accepts("0.1", v)).toBe(true);
    expect(accepts("0.2", v)).toBe(false);
    expect(accepts("0.3", v)).toBe(false);
    expect(synthErrors(stack)).toBe("");
  });

  test("0.2 (NATS): nats.* by Secret reference, edge outbox on RWX; passes the 0.2 schema only", () => {
    const { stack, platform } = build({
      chart: HumanitecAgentRunner.platformOrchestratorChart("0.2.0"),
      transport: NATS,
    });
    const v = values(stack);
    expect(v.nats).toEqual({
      mode: "edge",
      url: "tls://nats.orchestrator.example.com:4443",
      authType: "credentials",
      existingSecret: "nats-credentials",
      credentialsKey: "creds",
      caEnabled: true,
      caKey: "ca.crt",
      jobCredentialsExistingSecret: "nats-job-credentials",
    });
    expect(v.outbox).toEqual({
      enabled: true,
      storageClassName: "azurefile-csi",
      size: "1Gi",
      accessModes: ["ReadWriteMany"],
    });
    expect(v.platformOrchestrator.existingSecret).toBeUndefined();
    expect(JSON.stringify(v)).not.toMatch(/token"?:\s*"[^"]/);
    expect(accepts("0.2", v)).toBe(true);
    expect(accepts("0.1", v)).toBe(false);
    expect(accepts("0.3", v)).toBe(false);
    // Flow declared: the NATS port from both namespaces.
    expect(platform.flows.map((f) => f.node.id)).toEqual([
      "AllowTransportEgress",
      "AllowJobsTransportEgress",
    ]);
    const policies = resourcesOf(synthJson(stack), "kubernetes_network_policy_v1") as Json[];
    const nats = policies.filter((p) => p.metadata.name === "humanitec-allow-egress-nats");
    expect(nats).toHaveLength(2);
    expect(nats[0].spec.egress).toEqual([{ ports: [{ port: "4443", protocol: "TCP" }] }]);
    expect(synthErrors(stack)).toBe("");
  });

  test("0.3 (gateway): gateway.* with the agent key, CA and mTLS; passes the 0.3 schema only", () => {
    const { stack, platform } = build({
      chart: HumanitecAgentRunner.platformOrchestratorChart("0.3.0"),
      transport: GATEWAY,
    });
    const v = values(stack);
    expect(v.gateway).toEqual({
      mode: "simple",
      url: "https://runner-gateway.orchestrator.example.com",
      privateKeyExistingSecret: "agent-key",
      privateKeyKey: "ed25519.pem",
      caExistingSecret: "gateway-ca",
      caKey: "ca.crt",
      jobCaExistingSecret: "gateway-ca",
      clientCertificateExistingSecret: "runner-client-tls",
      clientCertificateKey: "tls.crt",
      clientKeyKey: "tls.key",
    });
    expect(v.outbox).toEqual({ enabled: false });
    expect(accepts("0.3", v)).toBe(true);
    expect(accepts("0.2", v)).toBe(false);
    expect(accepts("0.1", v)).toBe(false);
    expect(platform.flows).toEqual([]); // 443: the pool's HTTPS egress covers it
    expect(synthErrors(stack)).toBe("");
  });

  test("job pods get the Platform Orchestrator module's default label with that chart", () => {
    const { stack } = build({});
    const [reg] = resourcesOf(synthJson(stack), "platform-orchestrator_kubernetes_agent_runner");
    expect(JSON.parse(reg.runner_configuration.job.pod_template)).toEqual({
      metadata: { labels: { "app.kubernetes.io/name": "platform-orchestrator-runner" } },
    });
  });

  test.each([
    ["humanitec chart 0.2.0", HumanitecAgentRunner.chart("0.2.0"), undefined],
    ["humanitec chart 1.2.3", HumanitecAgentRunner.chart("1.2.3"), undefined],
    ["PO chart 0.4.0", HumanitecAgentRunner.platformOrchestratorChart("0.4.0"), undefined],
    [
      "PO chart 0.2.1 with private key",
      HumanitecAgentRunner.platformOrchestratorChart("0.2.1"),
      undefined,
    ],
    [
      "PO chart 0.1.0 with gateway",
      HumanitecAgentRunner.platformOrchestratorChart("0.1.0"),
      GATEWAY,
    ],
  ] as const)("%s is refused, naming the ranges", (_name, chart, transport) => {
    const { stack } = build({ chart, transport });
    expect(ruleIdsOf(stack)).toContain("HUMANITEC-CHART-GENERATION");
    expect(synthErrors(stack)).toMatch(/>=0\.1\.0 <0\.2\.0/);
  });

  test("humanitec chart has no NATS generation", () => {
    const { stack } = build({ chart: HumanitecAgentRunner.chart("0.1.7"), transport: NATS });
    expect(synthErrors(stack)).toContain(
      "chart humanitec-kubernetes-agent-runner has no nats generation (supported: private-key >=0.1.0 <0.2.0)",
    );
  });

  test("humanitec chart keeps the fixed private_key data key rule; the PO chart takes any key", () => {
    const { stack } = build({ chart: HumanitecAgentRunner.chart("0.1.7") });
    expect(ruleIdsOf(stack)).toEqual(["HUMANITEC-AGENT-KEY-DATA-KEY"]);
    const po = build({});
    expect(synthErrors(po.stack)).toBe("");
  });
});
