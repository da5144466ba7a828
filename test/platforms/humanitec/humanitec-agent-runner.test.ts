import { Testing, TerraformVariable } from "cdktf";
import { parse } from "yaml";
import { EnvValue } from "../../../lib/kubernetes/env-value";
import { AgentKey } from "../../../lib/platforms/humanitec/agent-key";
import {
  HumanitecAgentRunner,
  HumanitecAgentRunnerProps,
} from "../../../lib/platforms/humanitec/humanitec-agent-runner";
import { PlatformOrchestratorProvider } from "../../../lib/platforms/humanitec/orchestrator/provider";
import { RunnerPool } from "../../../lib/pool";
import { GeneratedAgentKey } from "../../../lib/tls";
import { KubernetesRunnerStack } from "../../../stacks/kubernetes-runner-stack";
import {
  findingsOf,
  Json,
  newStack,
  resourcesOf,
  ruleIdsOf,
  rulesMetadataOf,
  synthErrors,
  synthJson,
  warningsOf,
} from "../../support/stack";
import { FAKE_GITHUB_TOKEN } from "../../rules/scenarios/secrets";
import { Cloud, FakeCloudIdentity, PLANTED_SECRET } from "../cloud-identities";

const PUBLIC_KEY =
  "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAc5dgCx4ano39JT0XgTsHnts3jej+5xl7ZAwSIrKpef0=\n-----END PUBLIC KEY-----\n";

function props(overrides: Partial<HumanitecAgentRunnerProps> = {}): HumanitecAgentRunnerProps {
  return {
    orgId: "my-org",
    runnerId: "kubernetes-agent-prod",
    chart: HumanitecAgentRunner.chart("0.1.7"),
    agentKey: AgentKey.fromExistingSecret({
      secretName: "humanitec-agent-key",
      publicKeyPem: PUBLIC_KEY,
    }),
    waitForAgent: false, // the Secret comes after the namespace (HUMANITEC-EXISTING-KEY-WAIT)
    ...overrides,
  };
}

function build(overrides: Partial<HumanitecAgentRunnerProps> = {}, cloud?: Cloud) {
  const stack = newStack();
  const identity = cloud ? new FakeCloudIdentity(cloud) : undefined;
  const platform = new HumanitecAgentRunner(props(overrides));
  const pool = new RunnerPool(stack, "Humanitec", {
    poolName: "humanitec-agent",
    identity,
    platform,
  });
  return { stack, pool, platform, identity };
}

function registration(json: Json) {
  const all = resourcesOf(json, "platform-orchestrator_kubernetes_agent_runner");
  expect(all).toHaveLength(1);
  return all[0] as {
    id: string;
    runner_configuration: {
      key: string;
      job: { namespace: string; service_account: string; pod_template?: string };
    };
    state_storage_configuration: Record<string, unknown>;
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, asserted field by field
type Values = Record<string, any>;

function releaseValues(json: Json): Values {
  const [release] = resourcesOf(json, "helm_release") as { values: string[] }[];
  return parse(release.values[0]) as Values;
}

function serviceAccounts(json: Json) {
  return resourcesOf(json, "kubernetes_service_account_v1") as {
    metadata: { name: string; namespace: string; annotations?: Record<string, string> };
    automount_service_account_token: boolean;
  }[];
}

describe("HumanitecAgentRunner", () => {
  test("creates runner and jobs namespaces, both service accounts, RBAC, registration and release", () => {
    const { stack, pool } = build();
    const json = synthJson(stack);
    expect(Object.keys(pool.namespaces).sort()).toEqual(["jobs", "runners"]);
    expect(pool.namespaces.jobs.name).toBe("humanitec-agent-jobs");
    const sas = serviceAccounts(json)
      .map((sa) => sa.metadata.name)
      .sort();
    expect(sas).toEqual([
      "humanitec-kubernetes-agent-runner",
      "humanitec-kubernetes-agent-runner-job",
    ]);

    const roles = resourcesOf(json, "kubernetes_role_v1") as {
      metadata: { name: string };
      rule: { api_groups: string[]; resources: string[]; verbs: string[] }[];
    }[];
    const agentRole = roles.find((r) => r.metadata.name === "humanitec-kubernetes-agent-runner");
    expect(agentRole?.rule).toEqual([
      { api_groups: ["batch"], resources: ["jobs"], verbs: ["create", "get", "list"] },
      { api_groups: [""], resources: ["events", "pods"], verbs: ["list"] },
    ]);
    const bindings = resourcesOf(json, "kubernetes_role_binding_v1") as {
      metadata: { name: string };
      subject: { name: string; namespace: string }[];
    }[];
    const agentBinding = bindings.find(
      (b) => b.metadata.name === "humanitec-kubernetes-agent-runner",
    );
    // The agent lives in the pool namespace and is granted the Role in the jobs namespace.
    expect(agentBinding?.subject).toEqual([
      expect.objectContaining({
        name: "humanitec-kubernetes-agent-runner",
        namespace: "humanitec-agent",
      }),
    ]);

    const reg = registration(json);
    expect(reg.id).toBe("kubernetes-agent-prod");
    expect(reg.runner_configuration.key).toBe(PUBLIC_KEY);
    expect(reg.runner_configuration.job.namespace).toMatch(
      /kubernetes_namespace_v1\..*\.metadata\[0\]\.name/,
    );
    expect(reg.runner_configuration.job.service_account).toMatch(/kubernetes_service_account_v1\./);
    expect(reg.state_storage_configuration).toEqual({
      type: "kubernetes",
      kubernetes_configuration: { namespace: "humanitec-agent-jobs" },
    });

    const values = releaseValues(json);
    expect(values.humanitec.orgId).toBe("my-org");
    expect(values.humanitec.runnerId).toMatch(
      /\$\{platform-orchestrator_kubernetes_agent_runner\..*\.id\}/,
    );
    expect(values.humanitec.existingSecret).toBe("humanitec-agent-key");
    expect(values.namespaceOverride).toBe("humanitec-agent");
    expect(values.serviceAccount).toEqual({
      create: false,
      name: "humanitec-kubernetes-agent-runner",
    });
    expect(values.rbac).toEqual({ create: false });
    expect(values.jobsRbac).toEqual({
      create: false,
      namespace: "humanitec-agent-jobs",
      serviceAccountName: "humanitec-kubernetes-agent-runner-job",
    });
    expect(pool.scaling.mode).toBe("self-managed");
    expect(synthErrors(stack)).toBe("");
  });

  test("the chart comes from ghcr.io, pinned; a self-hosted registry is one argument", () => {
    const { stack } = build();
    const [release] = resourcesOf(synthJson(stack), "helm_release");
    expect(release).toMatchObject({
      repository: "oci://ghcr.io/humanitec/charts",
      chart: "humanitec-kubernetes-agent-runner",
      version: "0.1.7",
    });
    const own = build({
      chart: HumanitecAgentRunner.chart("0.1.7", "oci://registry.example.com/charts"),
      image: { repository: "registry.example.com/humanitec/humanitec-runner", tag: "v1.2.3" },
      orchestratorUrl: "https://orchestrator.example.com",
    });
    const json = synthJson(own.stack);
    expect(resourcesOf(json, "helm_release")[0]).toMatchObject({
      repository: "oci://registry.example.com/charts",
    });
    const values = releaseValues(json);
    expect(values.image).toEqual({
      repository: "registry.example.com/humanitec/humanitec-runner",
      tag: "v1.2.3",
    });
    expect(values.humanitec.extraEnvVars).toEqual([
      { name: "REMOTE_URL", value: "https://orchestrator.example.com" },
    ]);
  });

  test("self-hosted chart registry: credentials through the helm provider's registries, by variable", () => {
    const app = Testing.app();
    const stack = new KubernetesRunnerStack(app, "self-hosted", {
      kubeconfig: { context: "ci" },
    });
    const password = new TerraformVariable(stack, "helm_registry_password", {
      type: "string",
      sensitive: true,
    });
    // The stack builds its connection in the constructor, before a variable can exist in it,
    // so a sensitive password is set on the helm provider afterwards.
    stack.connection.helmProvider.registries = [
      { url: "oci://registry.example.com", username: "ci", password: password.stringValue },
    ];
    stack.addPool("agent", {
      platform: new HumanitecAgentRunner(
        props({ chart: HumanitecAgentRunner.chart("0.1.7", "oci://registry.example.com/charts") }),
      ),
    });
    const json = synthJson(stack);
    expect(json.provider?.helm).toEqual([
      expect.objectContaining({
        registries: [
          {
            url: "oci://registry.example.com",
            username: "ci",
            password: "${var.helm_registry_password}",
          },
        ],
      }),
    ]);
    expect(resourcesOf(json, "helm_release")[0]).toMatchObject({
      repository: "oci://registry.example.com/charts",
      chart: "humanitec-kubernetes-agent-runner",
    });
    expect(synthErrors(stack)).toBe("");
  });

  test("a second org through an aliased provider: platform-orchestrator.<alias>, used by the runner and its rules", () => {
    const stack = newStack();
    new RunnerPool(stack, "OrgA", {
      poolName: "agent-a",
      platform: new HumanitecAgentRunner(props({ orgId: "org-a" })),
    });
    const orgB = new PlatformOrchestratorProvider(stack, "OrgBProvider", {
      orgId: "org-b",
      alias: "org_b",
    });
    new RunnerPool(stack, "OrgB", {
      poolName: "agent-b",
      platform: new HumanitecAgentRunner(
        props({
          orgId: "org-b",
          runnerId: "agent-b",
          provider: orgB,
          runnerRules: [{ envTypeId: "dev" }],
        }),
      ),
    });
    const json = synthJson(stack);
    expect(json.provider["platform-orchestrator"]).toEqual([
      { org_id: "org-a" },
      { org_id: "org-b", alias: "org_b" },
    ]);
    const regs = resourcesOf(json, "platform-orchestrator_kubernetes_agent_runner");
    expect(regs.map((r) => [r.id, r.provider])).toEqual([
      ["kubernetes-agent-prod", "platform-orchestrator"],
      ["agent-b", "platform-orchestrator.org_b"],
    ]);
    expect(resourcesOf(json, "platform-orchestrator_runner_rule")[0].provider).toBe(
      "platform-orchestrator.org_b",
    );
    expect(synthErrors(stack)).toBe("");
  });

  test("the default-provider lookup never takes an aliased provider", () => {
    const stack = newStack();
    new PlatformOrchestratorProvider(stack, "Other", { orgId: "other-org", alias: "other" });
    new RunnerPool(stack, "Pool", {
      poolName: "agent",
      platform: new HumanitecAgentRunner(props()),
    });
    const json = synthJson(stack);
    expect(json.provider["platform-orchestrator"]).toEqual([
      { org_id: "other-org", alias: "other" },
      { org_id: "my-org" },
    ]);
    const [reg] = resourcesOf(json, "platform-orchestrator_kubernetes_agent_runner");
    expect(reg.provider).toBe("platform-orchestrator");
    expect(synthErrors(stack)).toBe("");
  });

  test("orchestratorUrl reaches the provider (api_url) and the agent (REMOTE_URL); self-hosted provider", () => {
    const { stack } = build({
      orchestrator: "self-hosted",
      orchestratorUrl: "https://api.po.example.com",
    });
    const json = synthJson(stack);
    expect(json.provider["platform-orchestrator"]).toEqual([
      { org_id: "my-org", api_url: "https://api.po.example.com" },
    ]);
    expect(json.terraform.required_providers["platform-orchestrator"]).toEqual({
      source: "stellwerk-labs/platform-orchestrator",
      version: "1.0.1",
    });
    expect(releaseValues(json).humanitec.extraEnvVars).toEqual([
      { name: "REMOTE_URL", value: "https://api.po.example.com" },
    ]);
  });

  test("a default provider of another Orchestrator URL is refused", () => {
    const stack = newStack();
    new RunnerPool(stack, "A", {
      poolName: "agent-a",
      platform: new HumanitecAgentRunner(props()),
    });
    new RunnerPool(stack, "B", {
      poolName: "agent-b",
      platform: new HumanitecAgentRunner(
        props({ runnerId: "agent-b", orchestratorUrl: "https://po.example.com" }),
      ),
    });
    expect(ruleIdsOf(stack)).toEqual(["HUMANITEC-PROVIDER-ORGANIZATION"]);
  });

  test('an emptied job pod template is registered as "{}"', () => {
    const { stack } = build({ jobPodTemplate: { labels: {} } });
    expect(registration(synthJson(stack)).runner_configuration.job.pod_template).toBe("{}");
  });

  test("declares the platform-orchestrator provider with source and pinned version", () => {
    const { stack } = build();
    const json = synthJson(stack);
    const required = (json.terraform as { required_providers: Record<string, unknown> })
      .required_providers;
    expect(required["platform-orchestrator"]).toEqual({
      source: "humanitec/platform-orchestrator",
      version: "2.14.0",
    });
    expect(json.provider?.["platform-orchestrator"]).toEqual([{ org_id: "my-org" }]);
  });

  test.each<[Cloud, string, Record<string, string> | undefined]>([
    ["eks", "eks.amazonaws.com/role-arn", undefined],
    ["gke", "iam.gke.io/gcp-service-account", undefined],
    ["aks", "azure.workload.identity/client-id", { "azure.workload.identity/use": "true" }],
  ])(
    "on %s the identity binds the JOB service account; pod labels go into the pod template",
    (cloud, annotation, labels) => {
      const { stack, identity } = build({}, cloud);
      expect(identity!.subjects).toEqual([
        { namespace: "humanitec-agent-jobs", name: "humanitec-kubernetes-agent-runner-job" },
      ]);
      const json = synthJson(stack);
      const sas = serviceAccounts(json);
      const job = sas.find((sa) => sa.metadata.name.endsWith("-job"))!;
      const agent = sas.find((sa) => !sa.metadata.name.endsWith("-job"))!;
      expect(Object.keys(job.metadata.annotations ?? {})).toEqual([annotation]);
      expect(agent.metadata.annotations).toBeUndefined();
      // The official module's default label, plus the identity's pod labels.
      const template = registration(json).runner_configuration.job.pod_template;
      expect(JSON.parse(template!)).toEqual({
        metadata: { labels: { "app.kubernetes.io/name": "humanitec-runner", ...labels } },
      });
      expect(synthErrors(stack)).toBe("");
    },
  );

  test("pod template: secret env from secretKeyRef on container main, deterministic JSON", () => {
    const { stack } = build(
      {
        jobPodTemplate: {
          labels: { "app.kubernetes.io/name": "humanitec-runner" },
          env: { TF_LOG: "info" },
          secretEnv: {
            TF_VAR_db_password: { secretName: "tf-secrets", key: "db-password" },
            AWS_EXTRA: { secretName: "tf-secrets", key: "extra" },
          },
          imagePullSecrets: ["regcred"],
        },
      },
      "aks",
    );
    const template = registration(synthJson(stack)).runner_configuration.job.pod_template!;
    expect(template).toBe(
      JSON.stringify({
        metadata: {
          labels: {
            "app.kubernetes.io/name": "humanitec-runner",
            "azure.workload.identity/use": "true",
          },
        },
        spec: {
          containers: [
            {
              env: [
                { name: "TF_LOG", value: "info" },
                {
                  name: "AWS_EXTRA",
                  valueFrom: { secretKeyRef: { key: "extra", name: "tf-secrets" } },
                },
                {
                  name: "TF_VAR_db_password",
                  valueFrom: { secretKeyRef: { key: "db-password", name: "tf-secrets" } },
                },
              ],
              name: "main",
            },
          ],
          imagePullSecrets: [{ name: "regcred" }],
        },
      }),
    );
  });

  test("rbac 'chart': no service accounts here; identity annotations go to serviceAccount.annotations", () => {
    const { stack } = build({ rbac: "chart" }, "eks");
    const json = synthJson(stack);
    expect(serviceAccounts(json)).toHaveLength(0);
    expect(resourcesOf(json, "kubernetes_role_v1")).toHaveLength(0);
    const values = releaseValues(json);
    expect(values.serviceAccount).toEqual({
      create: true,
      name: "humanitec-kubernetes-agent-runner",
      annotations: {
        "eks.amazonaws.com/role-arn":
          "arn:aws:iam::123456789012:role/humanitec-agent-jobs-humanitec-kubernetes-agent-runner-job",
      },
    });
    expect(values.jobsRbac.create).toBe(true);
  });

  test("one namespace for agent and jobs; state in S3; runner rules", () => {
    const { stack, pool } = build({
      jobNamespaceName: "humanitec-agent",
      stateStorage: { type: "s3", bucket: "tf-state", pathPrefix: "runners" },
      runnerRules: [{ envTypeId: "development" }, { projectId: "shop", envTypeId: "production" }],
    });
    expect(pool.namespaces.jobs).toBe(pool.namespaces.runners);
    const json = synthJson(stack);
    expect(resourcesOf(json, "kubernetes_namespace_v1")).toHaveLength(1);
    expect(registration(json).state_storage_configuration).toEqual({
      type: "s3",
      s3_configuration: { bucket: "tf-state", path_prefix: "runners" },
    });
    // no Kubernetes state storage: jobs get no Role
    const roleNames = (
      resourcesOf(json, "kubernetes_role_v1") as { metadata: { name: string } }[]
    ).map((r) => r.metadata.name);
    expect(roleNames).toEqual(["humanitec-kubernetes-agent-runner"]);
    const rules = resourcesOf(json, "platform-orchestrator_runner_rule");
    expect(rules).toEqual([
      expect.objectContaining({ env_type_id: "development" }),
      expect.objectContaining({ project_id: "shop", env_type_id: "production" }),
    ]);
    expect(String(rules[0].runner_id)).toMatch(/platform-orchestrator_kubernetes_agent_runner\./);
    expect(synthErrors(stack)).toBe("");
  });

  test("no secret value reaches the JSON: auth token by sensitive variable, secrets by reference", () => {
    const stack = newStack();
    const token = new TerraformVariable(stack, "humanitec_token", {
      type: "string",
      sensitive: true,
    });
    const provider = new PlatformOrchestratorProvider(stack, "po", {
      orgId: "my-org",
      authToken: token.stringValue,
    });
    new RunnerPool(stack, "Pool", {
      poolName: "agent",
      identity: new FakeCloudIdentity("aks"),
      platform: new HumanitecAgentRunner(
        props({
          provider,
          jobPodTemplate: {
            secretEnv: { TF_VAR_token: { secretName: "tf-secrets", key: "token" } },
          },
        }),
      ),
    });
    const text = Testing.synth(stack);
    expect(text).not.toContain("PRIVATE KEY");
    expect(text).not.toContain(PLANTED_SECRET);
    expect(text).toContain('"auth_token": "${var.humanitec_token}"');
    expect(synthErrors(stack)).toBe("");
  });

  test("GeneratedAgentKey: tls ed25519 key, Secret in the runner namespace, public key registered, warning", () => {
    const stack = newStack();
    const key = new GeneratedAgentKey();
    const pool = new RunnerPool(stack, "Pool", {
      poolName: "agent",
      platform: new HumanitecAgentRunner(props({ agentKey: key })),
    });
    const json = synthJson(stack);
    expect(resourcesOf(json, "tls_private_key")).toEqual([
      expect.objectContaining({ algorithm: "ED25519" }),
    ]);
    const [secret] = resourcesOf(json, "kubernetes_secret_v1") as {
      metadata: { name: string; namespace: string };
      data: Record<string, string>;
    }[];
    expect(secret.metadata.name).toBe("agent-agent-key");
    expect(secret.metadata.namespace).toMatch(/kubernetes_namespace_v1\./);
    expect(secret.data).toEqual({
      private_key: expect.stringMatching(/^\$\{tls_private_key\..*\.private_key_pem_pkcs8\}$/),
    });
    expect(registration(json).runner_configuration.key).toMatch(
      /tls_private_key\..*\.public_key_pem/,
    );
    const [release] = resourcesOf(json, "helm_release") as { depends_on: string[] }[];
    expect(release.depends_on).toContainEqual(expect.stringMatching(/^kubernetes_secret_v1\./));
    expect(releaseValues(json).humanitec.existingSecret).toBe("agent-agent-key");
    expect(warningsOf(stack)).toEqual([
      expect.stringContaining(
        "private key is generated by Terraform and stored in the Terraform state",
      ),
    ]);
    expect(ruleIdsOf(stack, "warning")).toEqual(["HUMANITEC-GENERATED-KEY-IN-STATE"]);
    // recorded in the stack's metadata, for reviewers of the JSON
    expect(rulesMetadataOf(stack).warnings).toEqual([
      expect.objectContaining({ rule: "HUMANITEC-GENERATED-KEY-IN-STATE" }),
    ]);
    expect(pool.releases).toHaveLength(1);
    expect(synthErrors(stack)).toBe("");
  });

  test("two pools in one stack share the default provider; another org is refused", () => {
    const stack = newStack();
    const add = (id: string, orgId: string, runnerId: string) =>
      new RunnerPool(stack, id, {
        platform: new HumanitecAgentRunner(props({ orgId, runnerId })),
      });
    add("a", "my-org", "runner-a");
    add("b", "my-org", "runner-b");
    expect(synthJson(stack).provider?.["platform-orchestrator"]).toHaveLength(1);
    expect(synthErrors(stack)).toBe("");
    add("c", "other-org", "runner-c");
    expect(synthErrors(stack)).toContain(
      'provider: "my-org" — the stack\'s default platform-orchestrator provider is configured for another organization than orgId "other-org"',
    );
    expect(ruleIdsOf(stack)).toEqual(["HUMANITEC-PROVIDER-ORGANIZATION"]);
  });

  test("an existing-Secret key adds no Terraform resource for the private key", () => {
    const { stack } = build();
    const json = synthJson(stack);
    expect(resourcesOf(json, "tls_private_key")).toHaveLength(0);
    expect(resourcesOf(json, "kubernetes_secret_v1")).toHaveLength(0);
  });

  describe("validation", () => {
    test("the private key must be under the data key private_key", () => {
      const { stack } = build({
        agentKey: AgentKey.fromExistingSecret({
          secretName: "agent-key",
          secretKey: "key.pem",
          publicKeyPem: PUBLIC_KEY,
        }),
      });
      expect(synthErrors(stack)).toContain(
        'agentKey.secretKey: "key.pem" — the chart reads the private key from the data key "private_key". Valid: "private_key" (HUMANITEC-AGENT-KEY-DATA-KEY)',
      );
    });

    test("runner id pattern", () => {
      const { stack } = build({ runnerId: "Agent_1" });
      expect(synthErrors(stack)).toMatch(/runnerId: "Agent_1" — must match \^\[a-z\]/);
      expect(ruleIdsOf(stack)).toEqual(["HUMANITEC-RUNNER-ID"]);
    });

    test("description at most 200 characters", () => {
      const { stack } = build({ description: "x".repeat(201) });
      expect(synthErrors(stack)).toContain("description: ");
      expect(synthErrors(stack)).toContain("must be at most 200 characters (has 201)");
    });

    test("a private key as publicKeyPem is refused, and never echoed", () => {
      const key = `-----BEGIN PRIVATE KEY-----\n${PLANTED_SECRET}\n-----END PRIVATE KEY-----\n`;
      const { stack } = build({
        agentKey: AgentKey.fromExistingSecret({ secretName: "agent-key", publicKeyPem: key }),
      });
      const errors = synthErrors(stack);
      expect(errors).toContain("agentKey.publicKeyPem: <redacted");
      expect(errors).toContain("this is a private key");
      expect(errors).not.toContain(PLANTED_SECRET);
      expect(ruleIdsOf(stack)).toEqual(["HUMANITEC-PRIVATE-KEY-AS-PUBLIC-KEY"]);
    });

    test("publicKeyPem must be a PEM public key", () => {
      const { stack } = build({
        agentKey: AgentKey.fromExistingSecret({
          secretName: "k",
          publicKeyPem: "ssh-ed25519 AAAA",
        }),
      });
      expect(synthErrors(stack)).toContain(
        'agentKey.publicKeyPem: "ssh-ed25519 AAAA" — must be a PEM public key',
      );
    });

    test("secret-looking plain env vars are refused, values redacted", () => {
      const { stack } = build({ jobPodTemplate: { env: { GITHUB_TOKEN: PLANTED_SECRET } } });
      const errors = synthErrors(stack);
      expect(errors).toContain("env.GITHUB_TOKEN: <redacted");
      expect(errors).toContain("use jobPodTemplate.secretEnv");
      expect(errors).not.toContain(PLANTED_SECRET);
      expect(findingsOf(stack, "HUMANITEC-SECRET-IN-PLAIN-ENV")).toHaveLength(1);
    });

    test("extraEnvVars as EnvVar[]: GH_PAT from a Secret renders valueFrom.secretKeyRef, REMOTE_URL last", () => {
      const { stack } = build({
        orchestratorUrl: "https://api.example.com",
        extraEnvVars: [
          { name: "TF_LOG", value: "info" },
          { name: "GH_PAT", value: EnvValue.fromSecret({ secretName: "github", key: "pat" }) },
        ],
      });
      expect(findingsOf(stack)).toEqual([]);
      expect(releaseValues(synthJson(stack)).humanitec.extraEnvVars).toEqual([
        { name: "TF_LOG", value: "info" },
        { name: "GH_PAT", valueFrom: { secretKeyRef: { name: "github", key: "pat" } } },
        { name: "REMOTE_URL", value: "https://api.example.com" },
      ]);
    });

    test("extraEnvVars as EnvVar[]: a plain GH_PAT or a token under any name is refused, redacted", () => {
      const { stack } = build({
        extraEnvVars: [
          { name: "GH_PAT", value: "not-a-token-format-but-a-pat" },
          { name: "NOTE", value: EnvValue.fromValue(FAKE_GITHUB_TOKEN) },
        ],
      });
      // The rendered values are refused too (HELM-SECRET-IN-VALUES): defence in depth.
      expect(ruleIdsOf(stack)).toEqual(
        expect.arrayContaining(["CORE-SECRET-ENV-LITERAL", "CORE-SECRET-LITERAL"]),
      );
      const errors = synthErrors(stack);
      expect(errors).not.toContain(FAKE_GITHUB_TOKEN.slice(4));
      expect(errors).not.toContain("not-a-token-format");
    });

    test("extraEnvVars record form (deprecated): a secret format under a harmless name, or GH_PAT, is refused", () => {
      const { stack } = build({ extraEnvVars: { NOTE: FAKE_GITHUB_TOKEN, GH_PAT: "abc" } });
      expect(ruleIdsOf(stack)).toEqual(
        expect.arrayContaining(["CORE-SECRET-LITERAL", "HUMANITEC-SECRET-IN-PLAIN-ENV"]),
      );
      expect(synthErrors(stack)).not.toContain(FAKE_GITHUB_TOKEN.slice(4));
    });

    test("env var names and secret refs are checked", () => {
      const { stack } = build({
        extraEnvVars: { "BAD-NAME": "x" },
        jobPodTemplate: { secretEnv: { TF_VAR_x: { secretName: "Bad_Secret", key: "a b" } } },
      });
      const errors = synthErrors(stack);
      expect(errors).toContain('env.BAD-NAME: "BAD-NAME" — must be an environment variable name');
      expect(errors).toContain('jobPodTemplate.secretEnv.TF_VAR_x.secretName: "Bad_Secret"');
      expect(errors).toContain('jobPodTemplate.secretEnv.TF_VAR_x.key: "a b"');
      expect(ruleIdsOf(stack)).toEqual(
        expect.arrayContaining(["HUMANITEC-ENV-NAME", "HUMANITEC-SECRET-DATA-KEY"]),
      );
    });

    test("orchestratorUrl must be https", () => {
      const { stack } = build({ orchestratorUrl: "http://orchestrator.local" });
      expect(synthErrors(stack)).toContain(
        'orchestratorUrl: "http://orchestrator.local" — must be an https URL',
      );
    });

    test("orgId must be an id", () => {
      const { stack } = build({ orgId: "My Org" });
      expect(synthErrors(stack)).toContain('orgId: "My Org" — must be a Humanitec organization id');
      expect(ruleIdsOf(stack)).toEqual(["HUMANITEC-ID"]);
    });

    test("agent and jobs must not share one service account in one namespace", () => {
      const { stack } = build({
        jobNamespaceName: "humanitec-agent",
        jobServiceAccountName: "humanitec-kubernetes-agent-runner",
      });
      expect(synthErrors(stack)).toContain(
        'jobServiceAccountName: "humanitec-kubernetes-agent-runner" — must differ from the agent\'s service account',
      );
      expect(findingsOf(stack, "HUMANITEC-DISTINCT-SERVICE-ACCOUNTS")).toHaveLength(1);
    });

    test("state storage needs its fields", () => {
      const { stack } = build({ stateStorage: { type: "gcs", bucket: "" } });
      expect(synthErrors(stack)).toContain(
        'stateStorageConfiguration.bucket: "" — is required for state storage type gcs',
      );
    });

    test("names are DNS-1123", () => {
      const { stack } = build({
        agentKey: AgentKey.fromExistingSecret({
          secretName: "Agent Key",
          publicKeyPem: PUBLIC_KEY,
        }),
        jobNamespaceName: "Jobs",
      });
      const errors = synthErrors(stack);
      expect(errors).toContain('agentKey.secretName: "Agent Key"');
      expect(errors).toContain('jobNamespaceName: "Jobs"');
    });

    test("service account names are DNS-1123 subdomains", () => {
      const { stack } = build({
        runnerServiceAccountName: "Agent SA",
        jobServiceAccountName: "Job_SA",
      });
      const errors = synthErrors(stack);
      expect(errors).toContain(
        'runnerServiceAccountName: "Agent SA" — must be a DNS-1123 subdomain',
      );
      expect(errors).toContain('jobServiceAccountName: "Job_SA" — must be a DNS-1123 subdomain');
    });

    test("a generated key's Secret name is checked", () => {
      const { stack } = build({ agentKey: new GeneratedAgentKey({ secretName: "Agent Key" }) });
      expect(synthErrors(stack)).toContain(
        'secretName: "Agent Key" — must be a DNS-1123 subdomain',
      );
    });

    test("the chart version must be pinned", () => {
      const { stack } = build({ chart: HumanitecAgentRunner.chart("^1.0") });
      expect(synthErrors(stack)).toContain(
        'chart.version: "^1.0" — must be one exact SemVer version',
      );
    });

    test("provider auth token must not be a literal", () => {
      const stack = newStack();
      new PlatformOrchestratorProvider(stack, "po", { authToken: PLANTED_SECRET });
      const errors = synthErrors(stack);
      expect(errors).toContain("authToken: <redacted");
      expect(errors).not.toContain(PLANTED_SECRET);
    });
  });
});

describe("first deploy with an existing key Secret (HUMANITEC-EXISTING-KEY-WAIT)", () => {
  test("waiting for the agent in a namespace this deploy creates is refused, naming the fix", () => {
    const { stack } = build({ waitForAgent: undefined });
    const errors = synthErrors(stack);
    expect(errors).toContain("(HUMANITEC-EXISTING-KEY-WAIT)");
    expect(errors).toContain("Valid: waitForAgent: false");
  });

  test("a generated key (created in the same deploy, the release depends on it) may wait", () => {
    const { stack } = build({ waitForAgent: undefined, agentKey: new GeneratedAgentKey() });
    expect(findingsOf(stack, "HUMANITEC-EXISTING-KEY-WAIT")).toEqual([]);
  });
});
