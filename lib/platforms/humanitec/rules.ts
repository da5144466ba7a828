import { defineRule } from "../../core/rules/rule";

// Rules of the Humanitec kubernetes-agent runner and of the hand-written
// platform-orchestrator bindings (orchestrator/). Names are checked by lib/core/name-rules.ts.

/** The agent's private key under another data key than the chart reads. */
export const AGENT_KEY_DATA_KEY = defineRule({
  id: "HUMANITEC-AGENT-KEY-DATA-KEY",
  kind: "validity",
  severity: "error",
  rationale:
    "The chart mounts the agent's private key from the data key private_key of its Secret; under any other key the agent finds no key and cannot start.",
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
    "The agent's signed requests, the deployments it receives and the provider's token travel over this URL; plain http exposes them.",
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
    "The agent connects to its orgId; a runner registered through a provider of another organization is unknown there, so the Orchestrator rejects the agent.",
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
