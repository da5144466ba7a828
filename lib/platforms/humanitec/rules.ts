import { defineRule } from "../../core/rules/rule";

// Rules of the Humanitec kubernetes-agent runner and of the hand-written
// platform-orchestrator bindings (orchestrator/). Names are checked by lib/core/name-rules.ts.

/** The agent's private key under another data key than the chart reads. */
export const AGENT_KEY_DATA_KEY = defineRule({
  id: "HUMANITEC-AGENT-KEY-DATA-KEY",
  kind: "validity",
  severity: "error",
  rationale:
    "Humanitec's chart mounts the agent's private key from the data key private_key of its Secret; under any other key the agent finds no key and cannot start (the Platform Orchestrator chart takes the key name).",
  example: '"private_key"',
});

/** A Humanitec organization, project or environment type id that the Orchestrator rejects. */
export const HUMANITEC_ID = defineRule({
  id: "HUMANITEC-ID",
  kind: "validity",
  severity: "error",
  rationale:
    "The Orchestrator's ids (organizations, projects, environment types) are lower-case letters, digits and single dashes.",
  example: '"my-org"',
});

/** A runner id the Orchestrator rejects. */
export const RUNNER_ID = defineRule({
  id: "HUMANITEC-RUNNER-ID",
  kind: "validity",
  severity: "error",
  rationale:
    "The Orchestrator accepts runner ids of lower-case letters and digits with single dashes, starting with a letter, at least two characters.",
  example: '"kubernetes-agent-prod"',
});

/** A runner description longer than the Orchestrator accepts. */
export const RUNNER_DESCRIPTION_LENGTH = defineRule({
  id: "HUMANITEC-RUNNER-DESCRIPTION-LENGTH",
  kind: "validity",
  severity: "error",
  rationale: "The Orchestrator rejects runner descriptions longer than 200 characters.",
  example: '"kubernetes-agent runner on the prod cluster"',
});

/** The Orchestrator API is reached over something else than https. */
export const API_URL_HTTPS = defineRule({
  id: "HUMANITEC-API-URL-HTTPS",
  kind: "policy",
  severity: "error",
  rationale:
    "The agent's signed requests, the deployments it receives and the provider's token travel over this URL; plain http exposes them. http is accepted on localhost only (a local Orchestrator, for which the provider sends no token).",
  example: '"https://api.orchestrator.example.com"',
});

/** The agent and its jobs on one service account in one namespace. */
export const DISTINCT_SERVICE_ACCOUNTS = defineRule({
  id: "HUMANITEC-DISTINCT-SERVICE-ACCOUNTS",
  kind: "validity",
  severity: "error",
  rationale:
    "Agent and jobs need two service accounts: one name in one namespace would be created twice, and the agent would hold the jobs' cloud identity.",
  example: '"humanitec-kubernetes-agent-runner-job"',
});

/** The agent's public key is not a PEM public key. */
export const PUBLIC_KEY_PEM = defineRule({
  id: "HUMANITEC-PUBLIC-KEY-PEM",
  kind: "validity",
  severity: "error",
  rationale:
    "The Orchestrator registers the agent's ed25519 public key as PEM (-----BEGIN PUBLIC KEY-----); it rejects other formats such as OpenSSH keys.",
  example: "the output of `openssl pkey -in runner_private_key.pem -pubout`",
});

/** A private key where the public key goes. */
export const PRIVATE_KEY_AS_PUBLIC_KEY = defineRule({
  id: "HUMANITEC-PRIVATE-KEY-AS-PUBLIC-KEY",
  kind: "validity",
  severity: "error",
  rationale:
    "The Orchestrator takes the agent's public key; a private key given instead would land in the synthesized JSON and the state, and is never a valid registration key.",
  example: "openssl pkey -in runner_private_key.pem -pubout",
});

/** An agent or job environment variable name Kubernetes rejects. */
export const ENV_NAME = defineRule({
  id: "HUMANITEC-ENV-NAME",
  kind: "validity",
  severity: "error",
  rationale:
    "Environment variable names of the agent and job containers must be C identifiers (letters, digits, '_', not starting with a digit).",
  example: '"TF_LOG"',
});

/** A secret-looking value in a plain environment variable. */
export const SECRET_IN_PLAIN_ENV = defineRule({
  id: "HUMANITEC-SECRET-IN-PLAIN-ENV",
  kind: "policy",
  severity: "error",
  rationale:
    "Plain environment variables are rendered into the synthesized JSON and the state; secrets go by Secret reference.",
  example: 'secretEnv: { GITHUB_TOKEN: { secretName: "tf-secrets", key: "github_token" } }',
});

/** A Secret data key Kubernetes rejects. */
export const SECRET_DATA_KEY = defineRule({
  id: "HUMANITEC-SECRET-DATA-KEY",
  kind: "validity",
  severity: "error",
  rationale:
    "Kubernetes Secret data keys are letters, digits, '-', '_' and '.'; a secretKeyRef to another key never resolves.",
  example: '"token"',
});

/** The stack's default platform-orchestrator provider belongs to another organization. */
export const PROVIDER_ORGANIZATION = defineRule({
  id: "HUMANITEC-PROVIDER-ORGANIZATION",
  kind: "validity",
  severity: "error",
  rationale:
    "The agent connects to its orgId (and orchestratorUrl); a runner registered through a provider of another organization or Orchestrator is unknown there, so the Orchestrator rejects the agent.",
  example:
    'provider: new PlatformOrchestratorProvider(stack, "po-my-org", { orgId: "my-org", alias: "my-org" })',
});

/** A literal auth token in the provider configuration. */
export const AUTH_TOKEN_LITERAL = defineRule({
  id: "HUMANITEC-AUTH-TOKEN-LITERAL",
  kind: "policy",
  severity: "error",
  rationale:
    "A literal token is written into the synthesized JSON; a sensitive variable's reference keeps it out.",
  example:
    'authToken: new TerraformVariable(this, "humanitec_token", { type: "string", sensitive: true }).stringValue',
});

/** A runner pod template that is not a JSON object. */
export const POD_TEMPLATE_JSON = defineRule({
  id: "HUMANITEC-POD-TEMPLATE-JSON",
  kind: "validity",
  severity: "error",
  rationale:
    "The provider's runner_configuration.job.pod_template is a JSON-encoded pod template object.",
  example: '\'{"metadata":{"labels":{"app.kubernetes.io/name":"humanitec-runner"}}}\'',
});

/** A state storage type the Orchestrator does not know. */
export const STATE_STORAGE_TYPE = defineRule({
  id: "HUMANITEC-STATE-STORAGE-TYPE",
  kind: "validity",
  severity: "error",
  rationale: "The Orchestrator stores runner state in kubernetes, s3, gcs or azurerm only.",
  example: '"kubernetes"',
});

/** A state storage without the field its type needs. */
export const STATE_STORAGE_REQUIRED = defineRule({
  id: "HUMANITEC-STATE-STORAGE-REQUIRED",
  kind: "validity",
  severity: "error",
  rationale:
    "Each state storage type needs its location: a namespace (kubernetes), a bucket (s3, gcs), or a storage account and container (azurerm).",
  example: '{ type: "gcs", bucket: "tf-state" }',
});

/** The agent's private key generated by Terraform, so kept in the state. */
export const GENERATED_KEY_IN_STATE = defineRule({
  id: "HUMANITEC-GENERATED-KEY-IN-STATE",
  kind: "policy",
  severity: "warning",
  rationale:
    "A key generated by the tls provider is stored in the Terraform state; whoever reads the state can act as the runner.",
  example:
    'agentKey: AgentKey.fromExistingSecret({ secretName: "humanitec-agent-key", publicKeyPem })',
});

/** A Kubernetes state-storage namespace longer than the provider accepts. */
export const STATE_NAMESPACE_LENGTH = defineRule({
  id: "HUMANITEC-STATE-NAMESPACE-LENGTH",
  kind: "validity",
  severity: "error",
  rationale:
    "The provider validates state_storage_configuration.kubernetes_configuration.namespace to at most 63 characters (a Kubernetes namespace name).",
  example: '"humanitec-runner-jobs"',
});

/** A chart version outside every range the library supports for the chart and transport. */
export const CHART_GENERATION = defineRule({
  id: "HUMANITEC-CHART-GENERATION",
  kind: "validity",
  severity: "error",
  rationale:
    "Each runner chart generation takes other values (0.1: private key over HTTP; 0.2: NATS transport; 0.3: HTTPS gateway) and rejects the others' keys; the library renders one generation's values, tied to that generation's version range.",
  example:
    'HumanitecAgentRunner.platformOrchestratorChart("0.3.0") with transport { type: "gateway", ... }',
});

/** A transport URL the chart's agent cannot dial. */
export const TRANSPORT_URL = defineRule({
  id: "HUMANITEC-TRANSPORT-URL",
  kind: "validity",
  severity: "error",
  rationale:
    "The NATS transport dials nats:// or tls:// URLs; the gateway transport makes outbound HTTPS requests only.",
  example: '"tls://nats.orchestrator.example.com:4222"',
});

/** Edge mode without its persistent outbox storage. */
export const EDGE_OUTBOX = defineRule({
  id: "HUMANITEC-EDGE-OUTBOX",
  kind: "validity",
  severity: "error",
  rationale:
    "Edge mode keeps results and logs in a persistent outbound spool (outbox) on a ReadWriteMany volume; without a storage class for it the chart (and the official module) refuse edge mode.",
  example: 'outbox: { storageClassName: "azurefile-csi" }',
});

/** An existing key Secret in a namespace this deploy creates, with the release waiting for the agent. */
export const EXISTING_KEY_WAIT = defineRule({
  id: "HUMANITEC-EXISTING-KEY-WAIT",
  kind: "policy",
  severity: "error",
  rationale:
    "The pool creates the agent's namespace, so a Secret given by AgentKey.fromExistingSecret cannot exist before the first deploy; an atomic release that waits for the agent then times out and rolls back.",
  example:
    "waitForAgent: false (the agent starts as soon as the Secret appears), or a GeneratedAgentKey",
});
