import { HelmValues, mergeValues } from "../../core/yaml";
import { KUBIYA_METRICS_PORTS, KubiyaRunnerProps } from "./kubiya-runner-props";

/** Input of {@link renderKubiyaValues}: what the values need besides the props. */
export interface KubiyaValuesInput {
  readonly runnerName: string;
  readonly releaseName: string;
  readonly serverUrl: string;
  readonly toolManagerServiceAccount: string;
}

/** The chart's values (nothing secret: the JWTs and the TLS key go through `set_sensitive`). */
export function renderKubiyaValues(p: KubiyaRunnerProps, input: KubiyaValuesInput): HelmValues {
  const metricsAnnotations = p.metrics?.annotations ?? true;
  const scrape = (port: number) =>
    metricsAnnotations
      ? {
          "prometheus.io/path": "/metrics",
          "prometheus.io/port": String(port),
          "prometheus.io/scrape": "true",
        }
      : undefined;
  return mergeValues(
    {
      organization: p.organization,
      uuid: p.uuid,
      runnerNameOverride: input.releaseName !== input.runnerName ? input.runnerName : undefined,
      nats: { subject: p.nats.subject, serverUrl: input.serverUrl },
      registryTls: { crt: p.registryTls.certificateBase64 },
      kubiyaOperator: { fullAccess: p.operatorFullAccess ?? false },
      agentManager: { extraPodsAnnotations: scrape(KUBIYA_METRICS_PORTS.agentManager) },
      toolManager: {
        serviceAccount: { create: false, name: input.toolManagerServiceAccount },
        adminClusterRole: { create: p.toolManagerAdminClusterRole ?? false },
        extraPodsAnnotations: scrape(KUBIYA_METRICS_PORTS.toolManager),
      },
      workflowEngine: { extraPodsAnnotations: scrape(KUBIYA_METRICS_PORTS.workflowEngine) },
      dagger: { enabled: p.dagger ?? true },
      alloy: p.telemetry
        ? {
            enabled: true,
            alloy: {
              extraEnv: [
                { name: "AZURE_REMOTE_WRITE_URL", value: p.telemetry.remoteWriteUrl },
                { name: "AZURE_CLIENT_ID", value: p.telemetry.clientId },
                {
                  name: "AZURE_CLIENT_SECRET",
                  valueFrom: {
                    secretKeyRef: {
                      name: p.telemetry.clientSecret.secretName,
                      key: p.telemetry.clientSecret.key,
                    },
                  },
                },
                { name: "AZURE_TOKEN_URL", value: p.telemetry.tokenUrl },
              ],
            },
          }
        : { enabled: false },
    },
    p.values,
  );
}
