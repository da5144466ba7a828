import { checkDns1123Label, checkDns1123Subdomain } from "../../core/names";
import { isUnresolved, Problem } from "../../core/rules/problem";
import { detectSecrets } from "../../core/secrets/detectors";
import { SECRET_LITERAL } from "../../core/secrets/rules";
import { checkEnv as checkEnvList } from "../../kubernetes/pod-options";
import type { AgentKeyBinding } from "./agent-key";
import {
  HUMANITEC_PRIVATE_KEY_KEY,
  HumanitecAgentRunnerProps,
} from "./humanitec-agent-runner-props";
import { checkChartGeneration, describeChart, HUMANITEC_CHART_NAME } from "./humanitec-chart";
import { GATEWAY_URL, NATS_URL } from "./humanitec-flows";
import { checkApiUrl } from "./orchestrator/provider";
import {
  AGENT_KEY_DATA_KEY,
  DISTINCT_SERVICE_ACCOUNTS,
  EDGE_OUTBOX,
  EXISTING_KEY_WAIT,
  ENV_NAME,
  HUMANITEC_ID,
  PRIVATE_KEY_AS_PUBLIC_KEY,
  PUBLIC_KEY_PEM,
  SECRET_DATA_KEY,
  SECRET_IN_PLAIN_ENV,
  TRANSPORT_URL,
} from "./rules";

const PUBLIC_PEM = /^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/;

/** Names the checks need besides the props. */
export interface HumanitecCheckInput {
  readonly key: AgentKeyBinding;
  readonly runnerServiceAccount: string;
  readonly jobServiceAccount: string;
  /** Whether agent and jobs run in one namespace. */
  readonly sharedNamespace: boolean;
  /** Whether this deploy creates the agent's namespace (not an imported one). */
  readonly createsAgentNamespace: boolean;
}

/** Everything wrong with a {@link HumanitecAgentRunner}'s input. */
export function checkHumanitecAgentRunner(
  p: HumanitecAgentRunnerProps,
  input: HumanitecCheckInput,
): (Problem | undefined)[] {
  const { key, runnerServiceAccount: runnerSa, jobServiceAccount: jobSa } = input;
  const transport = p.transport ?? { type: "private-key" };
  // Only Humanitec's chart reads a fixed data key (a chart of unknown origin: assume it does).
  const fixedKeyChart =
    (describeChart(p.chart)?.chart ?? HUMANITEC_CHART_NAME) === HUMANITEC_CHART_NAME;
  return [
    checkChartGeneration(p.chart, transport.type),
    ...checkTransport(p),
    checkDns1123Subdomain("agentKey.secretName", key.secretName, "humanitec-agent-key"),
    fixedKeyChart && transport.type === "private-key" && key.secretKey !== HUMANITEC_PRIVATE_KEY_KEY
      ? {
          rule: AGENT_KEY_DATA_KEY,
          field: "agentKey.secretKey",
          value: key.secretKey,
          message: `the chart reads the private key from the data key "${HUMANITEC_PRIVATE_KEY_KEY}"`,
          example: `"${HUMANITEC_PRIVATE_KEY_KEY}"`,
        }
      : undefined,
    checkDns1123Subdomain(
      "runnerServiceAccountName",
      runnerSa,
      "humanitec-kubernetes-agent-runner",
    ),
    checkDns1123Subdomain("jobServiceAccountName", jobSa, "humanitec-kubernetes-agent-runner-job"),
    checkDns1123Label("jobNamespaceName", p.jobNamespaceName, 63, "humanitec-runner-jobs"),
    isUnresolved(p.orgId) || /^[a-z0-9](?:-?[a-z0-9]+)*$/.test(p.orgId)
      ? undefined
      : {
          rule: HUMANITEC_ID,
          field: "orgId",
          value: p.orgId,
          message: "must be a Humanitec organization id (lower-case letters, digits, dashes)",
          example: '"my-org"',
        },
    checkApiUrl("orchestratorUrl", p.orchestratorUrl),
    runnerSa === jobSa && input.sharedNamespace
      ? {
          rule: DISTINCT_SERVICE_ACCOUNTS,
          field: "jobServiceAccountName",
          value: jobSa,
          message:
            "must differ from the agent's service account: jobs hold the cloud identity, the agent must not",
          example: '"humanitec-kubernetes-agent-runner-job"',
        }
      : undefined,
    checkPublicKey(key.publicKeyPem),
    // The agent mounts the key Secret with the private-key and gateway transports; a Secret
    // that exists outside this deploy (no dependable) cannot predate a namespace it creates.
    key.dependable === undefined &&
    input.createsAgentNamespace &&
    p.waitForAgent !== false &&
    transport.type !== "nats"
      ? {
          rule: EXISTING_KEY_WAIT,
          field: "waitForAgent",
          value: p.waitForAgent,
          message: `the Secret "${key.secretName}" cannot exist before this deploy creates the agent's namespace, so the release waiting for the agent times out and rolls back on the first deploy`,
        }
      : undefined,
    ...checkEnv(p),
    ...checkSecretEnv(p),
  ];
}

/** The NATS / gateway transport: URL scheme, edge-mode outbox, Secret names and keys. */
function checkTransport(p: HumanitecAgentRunnerProps): (Problem | undefined)[] {
  const t = p.transport;
  if (!t || t.type === "private-key") return [];
  const problems: (Problem | undefined)[] = [];
  const pattern = t.type === "nats" ? NATS_URL : GATEWAY_URL;
  if (!isUnresolved(t.url) && !pattern.test(t.url)) {
    problems.push({
      rule: TRANSPORT_URL,
      field: "transport.url",
      value: t.url,
      message:
        t.type === "nats"
          ? "must be a nats:// or tls:// URL (host and optional port)"
          : "must be an https URL of the runner gateway",
      example:
        t.type === "nats"
          ? '"tls://nats.orchestrator.example.com:4222"'
          : '"https://runner-gateway.orchestrator.example.com"',
    });
  }
  if (
    t.mode === "edge" &&
    (!t.outbox ||
      (!isUnresolved(t.outbox.storageClassName) && t.outbox.storageClassName.trim() === ""))
  ) {
    problems.push({
      rule: EDGE_OUTBOX,
      field: "transport.outbox.storageClassName",
      value: t.outbox?.storageClassName,
      message: "edge mode needs its outbox on a ReadWriteMany storage class",
      example: 'outbox: { storageClassName: "azurefile-csi" }',
    });
  }
  const secrets: [string, string | undefined][] =
    t.type === "nats"
      ? [
          ["transport.existingSecret", t.existingSecret],
          ["transport.jobCredentialsSecret", t.jobCredentialsSecret],
        ]
      : [
          ["transport.ca.secretName", t.ca?.secretName],
          ["transport.jobCaSecret", t.jobCaSecret],
          ["transport.clientCertificate.secretName", t.clientCertificate?.secretName],
        ];
  for (const [field, name] of secrets) {
    if (name !== undefined) problems.push(checkDns1123Subdomain(field, name, "nats-credentials"));
  }
  const keys: [string, string | undefined][] =
    t.type === "nats"
      ? [
          ["transport.auth.key", t.auth.key],
          ["transport.caKey", t.caKey],
        ]
      : [
          ["transport.ca.key", t.ca?.key],
          ["transport.clientCertificate.certificateKey", t.clientCertificate?.certificateKey],
          ["transport.clientCertificate.keyKey", t.clientCertificate?.keyKey],
        ];
  for (const [field, k] of keys) {
    if (k !== undefined && !isUnresolved(k) && !/^[-._a-zA-Z0-9]+$/.test(k)) {
      problems.push({
        rule: SECRET_DATA_KEY,
        field,
        value: k,
        message: "must be a Secret data key (letters, digits, '-', '_', '.')",
        example: '"token"',
      });
    }
  }
  return problems;
}

function checkPublicKey(pem: string): Problem | undefined {
  if (isUnresolved(pem)) return undefined;
  if (/PRIVATE KEY/.test(pem)) {
    return {
      rule: PRIVATE_KEY_AS_PUBLIC_KEY,
      field: "agentKey.publicKeyPem",
      value: pem,
      redact: true,
      message:
        "this is a private key: it must never be a prop (it would land in the JSON and the state). Put it in a Kubernetes Secret named by agentKey.secretName; pass the public key here",
      example: "openssl pkey -in runner_private_key.pem -pubout",
    };
  }
  if (!PUBLIC_PEM.test(pem.trim())) {
    return {
      rule: PUBLIC_KEY_PEM,
      field: "agentKey.publicKeyPem",
      value: pem,
      message: "must be a PEM public key (-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----)",
      example: "the output of `openssl pkey -in runner_private_key.pem -pubout`",
    };
  }
  return undefined;
}

/** Agent (`extraEnvVars`) and job (`jobPodTemplate.env`) variables: names, and no secrets. */
function checkEnv(p: HumanitecAgentRunnerProps): Problem[] {
  const problems: Problem[] = [];
  const list = Array.isArray(p.extraEnvVars) ? p.extraEnvVars : undefined;
  if (list) problems.push(...checkEnvList("extraEnvVars", list));
  const record = list ? {} : ((p.extraEnvVars as Record<string, string> | undefined) ?? {});
  const env = { ...record, ...(p.jobPodTemplate?.env ?? {}) };
  for (const [name, value] of Object.entries(env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      problems.push({
        rule: ENV_NAME,
        field: `env.${name}`,
        value: name,
        message: "must be an environment variable name",
        example: '"TF_LOG"',
      });
    }
    const found = typeof value === "string" && !isUnresolved(value) ? detectSecrets(value) : [];
    if (
      !isUnresolved(value) &&
      /(TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE_KEY|_KEY|(^|_)PAT|JWT|CREDENTIALS?|BEARER)$/i.test(
        name,
      ) &&
      value.length > 0
    ) {
      problems.push({
        rule: SECRET_IN_PLAIN_ENV,
        field: `env.${name}`,
        value,
        redact: true,
        message:
          "looks like a secret in a plain environment variable, which would land in the JSON; use jobPodTemplate.secretEnv (a Secret reference)",
        example: `secretEnv: { ${name}: { secretName: "tf-secrets", key: "${name.toLowerCase()}" } }`,
      });
    } else if (found.length > 0) {
      problems.push({
        rule: SECRET_LITERAL,
        field: `env.${name}`,
        value,
        redact: true,
        message: `holds a credential (${found[0].rule}) as a plain value, which would be written into the output; use jobPodTemplate.secretEnv, or the list form of extraEnvVars with EnvValue.fromSecret`,
        example: `extraEnvVars: [{ name: "${name}", value: EnvValue.fromSecret({ secretName: "agent-secrets", key: "${name.toLowerCase()}" }) }]`,
      });
    }
  }
  return problems;
}

/** `jobPodTemplate.secretEnv`: Secret names and data keys. */
function checkSecretEnv(p: HumanitecAgentRunnerProps): (Problem | undefined)[] {
  const problems: (Problem | undefined)[] = [];
  for (const [name, ref] of Object.entries(p.jobPodTemplate?.secretEnv ?? {})) {
    problems.push(
      checkDns1123Subdomain(
        `jobPodTemplate.secretEnv.${name}.secretName`,
        ref.secretName,
        "tf-secrets",
      ),
    );
    if (!/^[-._a-zA-Z0-9]+$/.test(ref.key)) {
      problems.push({
        rule: SECRET_DATA_KEY,
        field: `jobPodTemplate.secretEnv.${name}.key`,
        value: ref.key,
        message: "must be a Secret data key (letters, digits, '-', '_', '.')",
        example: '"token"',
      });
    }
  }
  return problems;
}
