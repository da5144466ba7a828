// The hook extension template of kubernetes container modes: the pod template the runner's
// container hook merges into every job pod it creates (ConfigMap, mounted into the runner
// container, named by ACTIONS_RUNNER_CONTAINER_HOOK_TEMPLATE).
//
// How the hooks read it (actions/runner-container-hooks): `readExtensionFromFile` loads the
// YAML file named by ACTIONS_RUNNER_CONTAINER_HOOK_TEMPLATE (v0.8.1
// packages/k8s/src/k8s/utils.ts:256-266); `mergeObjectMeta` adds its labels and annotations
// (utils.ts:226-254); `mergePodSpecWithOptions` sets every other spec key on the job pod,
// replacing the hook's own value (utils.ts:206-224); a container named `$job` is merged
// into the job container (utils.ts:177-204, hooks/constants.ts:44-46). The `kubernetes`
// mode runs the volume-based hook of v0.7.0 (no init container, no securityContext:
// packages/k8s/src/k8s/index.ts:66-131); `kubernetes-novolume` runs v0.8.1, whose job pod
// has an `fs-init` init container without allowPrivilegeEscalation/capabilities settings
// (v0.8.1 packages/k8s/src/k8s/index.ts:116-142) that a template can only replace whole.
import { Construct } from "constructs";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { MANAGED_BY, sortKeys } from "../../../core/labels";
import { toDeterministicYaml } from "../../../core/yaml";
import {
  renderResources,
  renderTolerations,
  ResourceRequirements,
  Toleration,
} from "../../../kubernetes/pod-options";
import type { IRunnerNamespace } from "../../../kubernetes/runner-namespace";
import { plain, RESTRICTED_POD_SECURITY_CONTEXT } from "../shared/security-context";

/** Where the template is mounted in the runner container. */
export const JOB_TEMPLATE_MOUNT_PATH = "/home/runner/job-template";
/** The ConfigMap key (and file name) of the template. */
export const JOB_TEMPLATE_KEY = "job-template.yaml";
/** Name of the runner pod volume holding the template. */
export const JOB_TEMPLATE_VOLUME = "job-template";

/** Options of the job pods the container hook creates in kubernetes modes. */
export interface ArcJobPodOptions {
  /**
   * Job pods meet Pod Security `restricted`: the pod runs as non-root with the runtime's
   * seccomp profile, and the job container (and the named service containers) drop all
   * capabilities without privilege escalation. **Job images must then run as a non-root
   * user** (many workflow images run as root, and those jobs fail). Only the `kubernetes`
   * mode supports it. @default false (job pods need `baseline`)
   */
  readonly restricted?: boolean;
  /** User id of job containers when `restricted` (the runner image's `runner` user). @default 1001 */
  readonly runAsUser?: number;
  /**
   * Names of `services:` containers of your workflows that must get the restricted
   * container securityContext too (the hook names them after the service). @default none
   */
  readonly serviceContainerNames?: string[];
  /** Resources of the job container. @default none */
  readonly resources?: ResourceRequirements;
  /** Node selector of job pods. @default none (any node) */
  readonly nodeSelector?: Record<string, string>;
  /** Tolerations of job pods. @default none */
  readonly tolerations?: Toleration[];
}

/** Container-level half of `restricted` (Pod Security: allowPrivilegeEscalation, capabilities). */
const RESTRICTED_JOB_CONTAINER = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
} as const;

/** What the template is rendered from. */
export interface JobPodTemplateInput {
  /** The runner pods' (identity-bound) service account. @default the namespace's default account */
  readonly serviceAccountName?: string;
  /** Pod labels the identity needs (e.g. `azure.workload.identity/use`). */
  readonly podLabels: Record<string, string>;
  /** The options. */
  readonly options: ArcJobPodOptions;
}

/**
 * The pod template (a `PodTemplateSpec`) merged into every job pod: the pool's service
 * account without an API token (job steps get the cloud identity, not the runner's right
 * to create pods), the identity's pod labels, scheduling, resources and, when chosen, the
 * `restricted` security contexts.
 */
export function renderJobPodTemplate(input: JobPodTemplateInput): Record<string, unknown> {
  const o = input.options;
  const restricted = o.restricted === true;
  const container = (name: string, resources?: ResourceRequirements) => ({
    name,
    resources: renderResources(resources),
    securityContext: restricted ? plain(RESTRICTED_JOB_CONTAINER) : undefined,
  });
  const containers = [
    ...(restricted || o.resources ? [container("$job", o.resources)] : []),
    ...(restricted ? (o.serviceContainerNames ?? []).map((n) => container(`$${n}`)) : []),
  ];
  return {
    metadata: Object.keys(input.podLabels).length
      ? { labels: sortKeys(input.podLabels) }
      : undefined,
    spec: {
      serviceAccountName: input.serviceAccountName,
      automountServiceAccountToken: false,
      nodeSelector: o.nodeSelector ? sortKeys(o.nodeSelector) : undefined,
      tolerations: renderTolerations(o.tolerations),
      securityContext: restricted
        ? { ...plain(RESTRICTED_POD_SECURITY_CONTEXT), runAsUser: o.runAsUser ?? 1001 }
        : undefined,
      containers: containers.length ? containers : undefined,
    },
  };
}

/** Removes undefined members (the template is written as YAML, not Helm values). */
function defined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(defined);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, defined(v)]),
    );
  }
  return value;
}

/** The ConfigMap holding the template, in the runners' namespace. */
export function jobPodTemplateConfigMap(
  scope: Construct,
  namespace: IRunnerNamespace,
  name: string,
  template: Record<string, unknown>,
  labels: Record<string, string>,
): ConfigMapV1 {
  return new ConfigMapV1(scope, "JobPodTemplate", {
    metadata: {
      name,
      namespace: namespace.ref,
      labels: sortKeys({ ...labels, "app.kubernetes.io/managed-by": MANAGED_BY }),
    },
    data: { [JOB_TEMPLATE_KEY]: toDeterministicYaml(defined(template) as Record<string, unknown>) },
  });
}
