import { toDeterministicJson } from "../../core/json";
import { mergeSorted, sortKeys } from "../../core/labels";
import { mergeValues } from "../../core/yaml";
import type { HumanitecJobPodTemplate } from "./humanitec-agent-runner-props";
import { EMPTY_POD_TEMPLATE } from "./orchestrator/kubernetes-agent-runner";

/**
 * The job pod template the Orchestrator hands the agent, as deterministic JSON: the user's
 * template plus the identity's pod labels; `env`/`secretEnv` on the container `main`.
 * Without `labels`, job pods get `app.kubernetes.io/name: <nameLabel>` (the official module's
 * default template). `"{}"` when there is nothing to set: `pod_template` is optional and
 * computed, so leaving it out would keep a template registered earlier.
 */
export function renderJobPodTemplate(
  template: HumanitecJobPodTemplate | undefined,
  identityLabels: Record<string, string>,
  nameLabel: string,
): string {
  const t = template ?? {};
  const labels = mergeSorted(t.labels ?? { "app.kubernetes.io/name": nameLabel }, identityLabels);
  const env = [
    ...Object.keys(t.env ?? {})
      .sort()
      .map((name) => ({ name, value: t.env![name] })),
    ...Object.keys(t.secretEnv ?? {})
      .sort()
      .map((name) => ({
        name,
        valueFrom: {
          secretKeyRef: { name: t.secretEnv![name].secretName, key: t.secretEnv![name].key },
        },
      })),
  ];
  const main =
    env.length || t.image
      ? { name: "main", image: t.image, env: env.length ? env : undefined }
      : undefined;
  const spec = mergeValues(
    main || t.imagePullSecrets
      ? {
          containers: main ? [main] : undefined,
          imagePullSecrets: t.imagePullSecrets?.map((name) => ({ name })),
        }
      : undefined,
    t.extraSpec,
  );
  const metadata = {
    labels: Object.keys(labels).length ? labels : undefined,
    annotations:
      t.annotations && Object.keys(t.annotations).length ? sortKeys(t.annotations) : undefined,
  };
  const rendered = {
    metadata: metadata.labels || metadata.annotations ? metadata : undefined,
    spec: Object.keys(spec).length ? spec : undefined,
  };
  return rendered.metadata || rendered.spec ? toDeterministicJson(rendered) : EMPTY_POD_TEMPLATE;
}
