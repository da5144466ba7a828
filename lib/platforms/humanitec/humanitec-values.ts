import { sortKeys } from "../../core/labels";
import { HelmValues, mergeValues } from "../../core/yaml";
import { renderEnv } from "../../kubernetes/pod-options";
import type {
  HumanitecAgentRunnerProps,
  HumanitecOutbox,
  HumanitecRbacMode,
  HumanitecRunnerTransport,
} from "./humanitec-agent-runner-props";
import { describeChart, valuesKeyOf } from "./humanitec-chart";

/** Input of {@link renderHumanitecValues}: what the values need besides the props. */
export interface HumanitecValuesInput {
  /** The runner id: a reference to the registration, or the literal when not registered. */
  readonly runnerId: string;
  /** Name of the Secret holding the agent's private key. */
  readonly secretName: string;
  /** Data key of the private key in that Secret. */
  readonly secretKey: string;
  readonly runnerNamespace: string;
  readonly jobsNamespace: string;
  readonly runnerServiceAccount: string;
  readonly jobServiceAccount: string;
  readonly rbac: HumanitecRbacMode;
  /** Identity annotations of the jobs' service account (set on the chart's accounts in mode "chart"). */
  readonly jobAnnotations: Record<string, string>;
}

function outbox(o: HumanitecOutbox | undefined, mode: string | undefined): HelmValues {
  return mode === "edge" && o
    ? {
        enabled: true,
        storageClassName: o.storageClassName,
        size: o.size ?? "1Gi",
        accessModes: ["ReadWriteMany"],
      }
    : { enabled: false };
}

/** The transport's values: the private-key Secret (0.1), `nats.*` (0.2) or `gateway.*` (0.3). */
function transportValues(t: HumanitecRunnerTransport, input: HumanitecValuesInput): HelmValues {
  switch (t.type) {
    case "private-key":
      return {}; // in the org/runner block (see below)
    case "nats":
      return {
        nats: {
          mode: t.mode ?? "simple",
          url: t.url,
          authType: t.auth.type,
          existingSecret: t.existingSecret,
          tokenKey: t.auth.type === "token" ? (t.auth.key ?? "token") : undefined,
          credentialsKey: t.auth.type === "credentials" ? (t.auth.key ?? "creds") : undefined,
          caEnabled: t.caKey !== undefined,
          caKey: t.caKey,
          jobCredentialsExistingSecret: t.jobCredentialsSecret,
        },
        outbox: outbox(t.outbox, t.mode),
      };
    case "gateway":
      return {
        gateway: {
          mode: t.mode ?? "simple",
          url: t.url,
          privateKeyExistingSecret: input.secretName,
          privateKeyKey: input.secretKey,
          caExistingSecret: t.ca?.secretName,
          caKey: t.ca ? (t.ca.key ?? "ca.crt") : undefined,
          jobCaExistingSecret: t.jobCaSecret,
          clientCertificateExistingSecret: t.clientCertificate?.secretName,
          clientCertificateKey: t.clientCertificate
            ? (t.clientCertificate.certificateKey ?? "tls.crt")
            : undefined,
          clientKeyKey: t.clientCertificate ? (t.clientCertificate.keyKey ?? "tls.key") : undefined,
        },
        outbox: outbox(t.outbox, t.mode),
      };
  }
}

/**
 * `extraEnvVars` in Kubernetes EnvVar shape: the list form as given (Secret keys as
 * `valueFrom.secretKeyRef`), then `REMOTE_URL`; the deprecated record form sorted by name.
 */
function renderExtraEnvVars(
  env: HumanitecAgentRunnerProps["extraEnvVars"],
  remoteUrl: string | undefined,
): Record<string, unknown>[] | undefined {
  if (Array.isArray(env)) {
    const list = [...(renderEnv(env) ?? [])];
    if (remoteUrl !== undefined && !env.some((e) => e.name === "REMOTE_URL")) {
      list.push({ name: "REMOTE_URL", value: remoteUrl });
    }
    return list.length ? list : undefined;
  }
  const record = sortKeys({
    ...((env as Record<string, string> | undefined) ?? {}),
    ...(remoteUrl !== undefined ? { REMOTE_URL: remoteUrl } : {}),
  });
  return Object.keys(record).length
    ? Object.entries(record).map(([name, value]) => ({ name, value }))
    : undefined;
}

/**
 * The chart's values: `humanitec.*` (Humanitec's chart) or `platformOrchestrator.*` (the
 * Platform Orchestrator chart), the transport's keys, `namespaceOverride`, `serviceAccount.*`,
 * `rbac`, `jobsRbac.*`, `image.*`.
 */
export function renderHumanitecValues(
  p: HumanitecAgentRunnerProps,
  input: HumanitecValuesInput,
): HelmValues {
  const transport = p.transport ?? { type: "private-key" };
  const key = valuesKeyOf(describeChart(p.chart)?.chart);
  const remoteUrl =
    p.orchestratorUrl && transport.type === "private-key" ? p.orchestratorUrl : undefined;
  const extraEnvVars = renderExtraEnvVars(p.extraEnvVars, remoteUrl);
  const chartAnnotations =
    input.rbac === "chart" && Object.keys(input.jobAnnotations).length
      ? sortKeys(input.jobAnnotations)
      : undefined;
  return mergeValues(
    {
      [key]: {
        orgId: p.orgId,
        runnerId: input.runnerId,
        ...(transport.type === "private-key"
          ? {
              existingSecret: input.secretName,
              // Humanitec's chart reads the fixed data key private_key; the derived chart takes it.
              existingSecretKey: key === "platformOrchestrator" ? input.secretKey : undefined,
            }
          : {}),
        extraEnvVars,
      },
      namespaceOverride: input.runnerNamespace,
      serviceAccount: {
        create: input.rbac === "chart",
        name: input.runnerServiceAccount,
        annotations: chartAnnotations,
      },
      rbac: input.rbac === "library" ? { create: false } : undefined,
      jobsRbac: {
        create: input.rbac === "chart",
        namespace: input.jobsNamespace,
        serviceAccountName: input.jobServiceAccount,
      },
      image: p.image ? { repository: p.image.repository, tag: p.image.tag } : undefined,
    },
    transportValues(transport, input),
  );
}
