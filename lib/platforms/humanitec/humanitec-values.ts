import { sortKeys } from "../../core/labels";
import { HelmValues, mergeValues } from "../../core/yaml";
import type { HumanitecAgentRunnerProps, HumanitecRbacMode } from "./humanitec-agent-runner-props";

/** Input of {@link renderHumanitecValues}: what the values need besides the props. */
export interface HumanitecValuesInput {
  /** The runner id: a reference to the registration, or the literal when not registered. */
  readonly runnerId: string;
  /** Name of the Secret holding the agent's private key. */
  readonly secretName: string;
  readonly runnerNamespace: string;
  readonly jobsNamespace: string;
  readonly runnerServiceAccount: string;
  readonly jobServiceAccount: string;
  readonly rbac: HumanitecRbacMode;
  /** Identity annotations of the jobs' service account (set on the chart's accounts in mode "chart"). */
  readonly jobAnnotations: Record<string, string>;
}

/** The chart's values (`humanitec.*`, `namespaceOverride`, `serviceAccount.*`, `rbac`, `jobsRbac.*`, `image.*`). */
export function renderHumanitecValues(
  p: HumanitecAgentRunnerProps,
  input: HumanitecValuesInput,
): HelmValues {
  const env = sortKeys({
    ...(p.extraEnvVars ?? {}),
    ...(p.orchestratorUrl ? { REMOTE_URL: p.orchestratorUrl } : {}),
  });
  const chartAnnotations =
    input.rbac === "chart" && Object.keys(input.jobAnnotations).length
      ? sortKeys(input.jobAnnotations)
      : undefined;
  return mergeValues({
    humanitec: {
      orgId: p.orgId,
      runnerId: input.runnerId,
      existingSecret: input.secretName,
      extraEnvVars: Object.keys(env).length
        ? Object.entries(env).map(([name, value]) => ({ name, value }))
        : undefined,
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
  });
}
