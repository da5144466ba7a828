// The constraints of the Platform Orchestrator chart's own values.schema.json
// (stellwerk-labs/platform-orchestrator-runner, charts/platform-orchestrator-kubernetes-agent-runner/
// values.schema.json), restated per generation for the keys this library sets: which top-level
// keys exist (the root has additionalProperties: false), and the shape of the sections we fill.
// The upstream file is not copied (facts only); each block names the commit it was read at.
// `required` is left out on purpose: Helm validates the user's values merged with the chart's
// values.yaml, whose defaults fill every required key.

const str = { type: "string" } as const;
const bool = { type: "boolean" } as const;
const closed = (properties: Record<string, unknown>) => ({
  type: "object",
  additionalProperties: false,
  properties,
});

/** Sections common to 0.1, 0.2 and 0.3 (lines 1–115 and 200–470 of each schema). */
const COMMON = {
  affinity: { type: "object" },
  commonAnnotations: { type: "object" },
  commonLabels: { type: "object" },
  fullnameOverride: str,
  global: { type: "object" },
  image: closed({ pullPolicy: str, repository: str, tag: str }),
  imagePullSecrets: { type: "array" },
  jobsRbac: closed({ create: bool, namespace: str, serviceAccountName: str }),
  nameOverride: str,
  namespaceOverride: str,
  nodeSelector: { type: "object" },
  podAnnotations: { type: "object" },
  podLabels: { type: "object" },
  podSecurityContext: { type: "object" },
  rbac: closed({ create: bool }),
  replicaCount: { type: "integer" },
  resources: { type: "object" },
  securityContext: { type: "object" },
  serviceAccount: closed({ annotations: {}, create: bool, name: str }),
  tolerations: { type: "array" },
  volumeMounts: { type: "array" },
  volumes: { type: "array" },
};

const PLATFORM_ORCHESTRATOR_02 = closed({
  extraEnvVars: { type: "array" },
  logLevel: str,
  orgId: str,
  runnerId: str,
});

const OUTBOX = closed({
  enabled: bool,
  storageClassName: str,
  size: str,
  accessModes: {
    type: "array",
    minItems: 1,
    items: { enum: ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"] },
  },
});

const AIRGAP_EXTRAS = {
  "protected-nats": { type: "object" },
  protectedNatsBootstrap: { type: "object" },
  diode: { type: "object" },
};

/** Chart 0.1.x, schema at commit ee03788689dbd8f2ac433ebeea59604016f7f319. */
export const SCHEMA_0_1 = closed({
  ...COMMON,
  platformOrchestrator: closed({
    existingSecret: str,
    existingSecretKey: str,
    extraEnvVars: { type: "array" },
    logLevel: str,
    orgId: str,
    privateKey: str,
    runnerId: str,
  }),
});

/** Chart 0.2.0, schema at commit e772c6e2579a97012b1ab5cc4f3e4d2894f9a218 (`nats`, `outbox`). */
export const SCHEMA_0_2 = closed({
  ...COMMON,
  ...AIRGAP_EXTRAS,
  platformOrchestrator: PLATFORM_ORCHESTRATOR_02,
  nats: closed({
    mode: { enum: ["simple", "edge", "airgap"], type: "string" },
    url: str,
    authType: { enum: ["token", "credentials"], type: "string" },
    token: str,
    existingSecret: str,
    tokenKey: str,
    credentialsKey: str,
    caKey: str,
    caEnabled: bool,
    jobCredentialsExistingSecret: str,
  }),
  outbox: OUTBOX,
});

/** Chart 0.3.0, schema at commit 1d5dd07c7ebae14f317c1880294192f68e7d41a6 (`gateway`, `airgap`). */
export const SCHEMA_0_3 = closed({
  ...COMMON,
  ...AIRGAP_EXTRAS,
  platformOrchestrator: PLATFORM_ORCHESTRATOR_02,
  gateway: closed({
    mode: { enum: ["simple", "edge", "airgap"], type: "string" },
    url: str,
    privateKeyExistingSecret: str,
    privateKeyKey: str,
    caExistingSecret: str,
    caKey: str,
    clientCertificateExistingSecret: str,
    clientCertificateKey: str,
    clientKeyKey: str,
    jobCaExistingSecret: str,
  }),
  airgap: { type: "object" },
  outbox: OUTBOX,
});
