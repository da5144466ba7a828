// Rule scenarios of the Humanitec kubernetes-agent runner and the platform-orchestrator
// bindings: each rule's invalid input, and the same input with the rule's "Valid:" example.
import { TerraformStack, TerraformVariable } from "cdktf";
import { AgentKey } from "../../../lib/platforms/humanitec/agent-key";
import { GeneratedAgentKey } from "../../../lib/platforms/humanitec/generated-agent-key";
import {
  HumanitecAgentRunner,
  HumanitecAgentRunnerProps,
} from "../../../lib/platforms/humanitec/humanitec-agent-runner";
import {
  KubernetesAgentRunnerResource,
  KubernetesAgentRunnerResourceConfig,
} from "../../../lib/platforms/humanitec/orchestrator/kubernetes-agent-runner";
import { PlatformOrchestratorProvider } from "../../../lib/platforms/humanitec/orchestrator/provider";
import * as rules from "../../../lib/platforms/humanitec/rules";
import { RunnerPool } from "../../../lib/pool";
import type { Rule } from "../../../lib/core/rules/rule";
import type { RuleScenario } from "../../support/rule-scenarios";
import { newStack } from "../../support/stack";

const PUBLIC_KEY =
  "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAc5dgCx4ano39JT0XgTsHnts3jej+5xl7ZAwSIrKpef0=\n-----END PUBLIC KEY-----\n";
const PRIVATE_KEY =
  "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIFAKE\n-----END PRIVATE KEY-----\n";

function existingKey(overrides: { secretKey?: string; publicKeyPem?: string } = {}) {
  return AgentKey.fromExistingSecret({
    secretName: "humanitec-agent-key",
    publicKeyPem: PUBLIC_KEY,
    ...overrides,
  });
}

/** A Humanitec pool `humanitec-agent` with the test props plus `overrides`. */
function runner(overrides: Partial<HumanitecAgentRunnerProps> = {}): TerraformStack {
  const stack = newStack();
  new RunnerPool(stack, "Humanitec", {
    poolName: "humanitec-agent",
    platform: new HumanitecAgentRunner({
      orgId: "my-org",
      runnerId: "kubernetes-agent-prod",
      chart: HumanitecAgentRunner.chart("0.1.7"),
      agentKey: existingKey(),
      waitForAgent: false,
      ...overrides,
    }),
  });
  return stack;
}

/** A bare registration resource with `overrides`. */
function registration(
  overrides: Partial<KubernetesAgentRunnerResourceConfig> = {},
  podTemplate?: string,
): TerraformStack {
  const stack = newStack();
  new KubernetesAgentRunnerResource(stack, "Registration", {
    provider: new PlatformOrchestratorProvider(stack, "po", { orgId: "my-org" }),
    runnerId: "kubernetes-agent-prod",
    runnerConfiguration: {
      key: PUBLIC_KEY,
      job: { namespace: "jobs", serviceAccount: "job", podTemplate },
    },
    stateStorageConfiguration: { type: "kubernetes", namespace: "jobs" },
    ...overrides,
  });
  return stack;
}

function scenario(
  rule: Rule,
  invalid: () => TerraformStack,
  valid: () => TerraformStack,
): RuleScenario {
  return { rule, invalid, valid };
}

/** Two pools in one stack; the second with another orgId, on the default provider or its own. */
function twoOrganizations(ownProvider: boolean): TerraformStack {
  const stack = newStack();
  const pool = (id: string, orgId: string, provider?: PlatformOrchestratorProvider) =>
    new RunnerPool(stack, id, {
      platform: new HumanitecAgentRunner({
        orgId,
        runnerId: `runner-${id}`,
        chart: HumanitecAgentRunner.chart("0.1.7"),
        agentKey: existingKey(),
        provider,
      }),
    });
  pool("a", "my-org");
  pool(
    "b",
    "other-org",
    ownProvider
      ? new PlatformOrchestratorProvider(stack, "po-other-org", {
          orgId: "other-org",
          alias: "other-org",
        })
      : undefined,
  );
  return stack;
}

function provider(authToken: (stack: TerraformStack) => string): TerraformStack {
  const stack = newStack();
  new PlatformOrchestratorProvider(stack, "po", { orgId: "my-org", authToken: authToken(stack) });
  return stack;
}

export const scenarios: RuleScenario[] = [
  scenario(
    rules.AGENT_KEY_DATA_KEY,
    () => runner({ agentKey: existingKey({ secretKey: "key.pem" }) }),
    () => runner({ agentKey: existingKey({ secretKey: "private_key" }) }),
  ),
  scenario(
    rules.HUMANITEC_ID,
    () => runner({ orgId: "My Org" }),
    () => runner({ orgId: "my-org" }),
  ),
  scenario(
    rules.RUNNER_ID,
    () => runner({ runnerId: "Agent_1" }),
    () => runner({ runnerId: "kubernetes-agent-prod" }),
  ),
  scenario(
    rules.RUNNER_DESCRIPTION_LENGTH,
    () => runner({ description: "x".repeat(201) }),
    () => runner({ description: "kubernetes-agent runner on the prod cluster" }),
  ),
  scenario(
    rules.API_URL_HTTPS,
    () => runner({ orchestratorUrl: "http://api.orchestrator.example.com" }),
    () => runner({ orchestratorUrl: "https://api.orchestrator.example.com" }),
  ),
  scenario(
    rules.DISTINCT_SERVICE_ACCOUNTS,
    () =>
      runner({
        jobNamespaceName: "humanitec-agent",
        jobServiceAccountName: "humanitec-kubernetes-agent-runner",
      }),
    () =>
      runner({
        jobNamespaceName: "humanitec-agent",
        jobServiceAccountName: "humanitec-kubernetes-agent-runner-job",
      }),
  ),
  scenario(
    rules.PUBLIC_KEY_PEM,
    () => runner({ agentKey: existingKey({ publicKeyPem: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5" }) }),
    () => runner({ agentKey: existingKey({ publicKeyPem: PUBLIC_KEY }) }),
  ),
  scenario(
    rules.PRIVATE_KEY_AS_PUBLIC_KEY,
    () => runner({ agentKey: existingKey({ publicKeyPem: PRIVATE_KEY }) }),
    () => runner({ agentKey: existingKey({ publicKeyPem: PUBLIC_KEY }) }),
  ),
  scenario(
    rules.ENV_NAME,
    () => runner({ extraEnvVars: { "TF-LOG": "info" } }),
    () => runner({ extraEnvVars: { TF_LOG: "info" } }),
  ),
  scenario(
    rules.SECRET_IN_PLAIN_ENV,
    () => runner({ jobPodTemplate: { env: { GITHUB_TOKEN: "ghp_fake" } } }),
    () =>
      runner({
        jobPodTemplate: {
          secretEnv: { GITHUB_TOKEN: { secretName: "tf-secrets", key: "github_token" } },
        },
      }),
  ),
  scenario(
    rules.SECRET_DATA_KEY,
    () =>
      runner({
        jobPodTemplate: { secretEnv: { TF_VAR_x: { secretName: "tf-secrets", key: "a b" } } },
      }),
    () =>
      runner({
        jobPodTemplate: { secretEnv: { TF_VAR_x: { secretName: "tf-secrets", key: "token" } } },
      }),
  ),
  scenario(
    rules.PROVIDER_ORGANIZATION,
    () => twoOrganizations(false),
    () => twoOrganizations(true),
  ),
  scenario(
    rules.AUTH_TOKEN_LITERAL,
    () => provider(() => "hctl-token-literal"),
    () =>
      provider(
        (stack) =>
          new TerraformVariable(stack, "humanitec_token", { type: "string", sensitive: true })
            .stringValue,
      ),
  ),
  scenario(
    rules.POD_TEMPLATE_JSON,
    () => registration({}, "[1,2]"),
    () => registration({}, '{"metadata":{"labels":{"app.kubernetes.io/name":"humanitec-runner"}}}'),
  ),
  scenario(
    rules.STATE_STORAGE_TYPE,
    () =>
      registration({
        stateStorageConfiguration: {
          type: "ftp",
          namespace: "jobs",
        } as unknown as KubernetesAgentRunnerResourceConfig["stateStorageConfiguration"],
      }),
    () => registration({ stateStorageConfiguration: { type: "kubernetes", namespace: "jobs" } }),
  ),
  scenario(
    rules.STATE_STORAGE_REQUIRED,
    () => registration({ stateStorageConfiguration: { type: "gcs", bucket: "" } }),
    () => registration({ stateStorageConfiguration: { type: "gcs", bucket: "tf-state" } }),
  ),
  scenario(
    rules.GENERATED_KEY_IN_STATE,
    () => runner({ agentKey: new GeneratedAgentKey() }),
    () => runner({ agentKey: existingKey() }),
  ),
  scenario(
    rules.EXISTING_KEY_WAIT,
    () => runner({ waitForAgent: true }),
    () => runner({ waitForAgent: false }),
  ),
  scenario(
    rules.STATE_NAMESPACE_LENGTH,
    () =>
      registration({
        stateStorageConfiguration: { type: "kubernetes", namespace: "j".repeat(64) },
      }),
    () =>
      registration({
        stateStorageConfiguration: { type: "kubernetes", namespace: "humanitec-runner-jobs" },
      }),
  ),
  scenario(
    rules.CHART_GENERATION,
    () =>
      runner({
        chart: HumanitecAgentRunner.platformOrchestratorChart("0.2.0"),
        transport: { type: "gateway", url: "https://gateway.example.com" },
      }),
    () =>
      runner({
        chart: HumanitecAgentRunner.platformOrchestratorChart("0.3.0"),
        transport: { type: "gateway", url: "https://gateway.example.com" },
      }),
  ),
  scenario(
    rules.TRANSPORT_URL,
    () =>
      runner({
        chart: HumanitecAgentRunner.platformOrchestratorChart("0.2.0"),
        transport: {
          type: "nats",
          url: "https://nats.orchestrator.example.com",
          existingSecret: "nats-credentials",
          auth: { type: "token" },
        },
      }),
    () =>
      runner({
        chart: HumanitecAgentRunner.platformOrchestratorChart("0.2.0"),
        transport: {
          type: "nats",
          url: "tls://nats.orchestrator.example.com:4222",
          existingSecret: "nats-credentials",
          auth: { type: "token" },
        },
      }),
  ),
  scenario(
    rules.EDGE_OUTBOX,
    () =>
      runner({
        chart: HumanitecAgentRunner.platformOrchestratorChart("0.3.0"),
        transport: { type: "gateway", url: "https://gateway.example.com", mode: "edge" },
      }),
    () =>
      runner({
        chart: HumanitecAgentRunner.platformOrchestratorChart("0.3.0"),
        transport: {
          type: "gateway",
          url: "https://gateway.example.com",
          mode: "edge",
          outbox: { storageClassName: "azurefile-csi" },
        },
      }),
  ),
];
