// Runner options shared by ArcRunnerDeployment and ArcRunnerSet (legacy ARC mode), their
// checks, and the pieces both renderings need.
import { checkDns1123Label, checkDns1123Subdomain, checkMetadataMap } from "../../../core/names";
import { isUnresolved, Problem } from "../../../core/rules/problem";
import { checkUrlCredentials } from "../../../core/secrets/url-credentials";
import {
  checkEnv,
  checkResources,
  checkTolerations,
  EnvVar,
  renderEnv,
  ResourceRequirements,
  Toleration,
  TopologySpreadConstraint,
  VolumeMount,
} from "../../../kubernetes/pod-options";
import { checkQuantity } from "../../../kubernetes/quantity";
import type { HorizontalRunnerAutoscalerOptions } from "./horizontal-runner-autoscaler";
import { ArcRunnerScope, checkHorizontalRunnerAutoscaler } from "./hra-rules";
import { ARC_HRA_TRIGGER_WEBHOOK_SERVER } from "./hra-trigger-rules";
import { ARC_RUNNER_IMAGE_LATEST, ARC_RUNNER_LABEL, isLatestImage } from "../shared/rules";
import {
  ARC_LEGACY_DOCKER_MTU,
  ARC_LEGACY_DOCKER_REGISTRY_MIRROR,
  ARC_LEGACY_DOCKER_VOLUME_MOUNTS,
  ARC_LEGACY_DOCKERD_NEEDS_DOCKER,
  ARC_LEGACY_GRACEFUL_STOP,
  ARC_LEGACY_GRACEFUL_STOP_ENV,
  ARC_LEGACY_REPLICAS,
  ARC_LEGACY_REPLICAS_WITH_AUTOSCALING,
  ARC_LEGACY_REPOSITORY_NAME,
  ARC_LEGACY_RUNNER_TARGET,
  ARC_LEGACY_STOP_SECONDS,
  ARC_LEGACY_WORK_DIR,
} from "./runner-rules";

import type { KubernetesFragment } from "../shared/kubernetes-fragment";

export type { KubernetesFragment } from "../shared/kubernetes-fragment";

/** Runner options of a legacy-mode RunnerDeployment or RunnerSet (the ARC docs' runner spec). */
export interface ArcLegacyRunnerOptions {
  /** Register with this repository (`owner/name`). Set exactly one of repository, organization, enterprise. @default none */
  readonly repository?: string;
  /** Register with this organization. @default none */
  readonly organization?: string;
  /** Register with this enterprise. @default none */
  readonly enterprise?: string;
  /** Runner labels `runs-on:` targets. @default none besides the defaults GitHub adds */
  readonly labels?: string[];
  /** Runner group. @default the default group */
  readonly group?: string;
  /** One job per runner pod, then a fresh pod. @default true */
  readonly ephemeral?: boolean;
  /** Docker available to jobs. @default true (a privileged dind sidecar) */
  readonly dockerEnabled?: boolean;
  /** Run dockerd inside the runner container instead of a sidecar (needs a dind runner image). @default false */
  readonly dockerdWithinRunnerContainer?: boolean;
  /** MTU of the docker network (e.g. 1400 behind some CNIs). @default docker's */
  readonly dockerMTU?: number;
  /** Registry mirror for docker pulls (`https://…`). @default none */
  readonly dockerRegistryMirror?: string;
  /** Runner image. @default the controller's (`summerwind/actions-runner:latest`) */
  readonly image?: string;
  /** Image pull policy. @default Kubernetes' */
  readonly imagePullPolicy?: "Always" | "IfNotPresent" | "Never";
  /** Runner container resources. @default none */
  readonly resources?: ResourceRequirements;
  /** dind sidecar resources. @default none */
  readonly dockerdContainerResources?: ResourceRequirements;
  /** Tolerations (incl. `tolerationSeconds` for NoExecute). @default none */
  readonly tolerations?: Toleration[];
  /** Topology spread constraints. @default none */
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];
  /** Node selector. @default none */
  readonly nodeSelector?: Record<string, string>;
  /** Priority class. @default none */
  readonly priorityClassName?: string;
  /** Runtime class (e.g. `gvisor`, `kata`). @default the cluster's */
  readonly runtimeClassName?: string;
  /** Pod-level SELinux options. @default none */
  readonly seLinuxOptions?: {
    /** SELinux level. @default none */
    readonly level?: string;
    /** SELinux role. @default none */
    readonly role?: string;
    /** SELinux type. @default none */
    readonly type?: string;
    /** SELinux user. @default none */
    readonly user?: string;
  };
  /** Extra pod volumes (Kubernetes `Volume` objects). @default none */
  readonly volumes?: KubernetesFragment[];
  /** Mounts in the runner container. @default none */
  readonly volumeMounts?: VolumeMount[];
  /** Mounts in the docker sidecar. @default none */
  readonly dockerVolumeMounts?: VolumeMount[];
  /** Runner work directory. @default "/runner/_work" */
  readonly workDir?: string;
  /** Size limit of the runner's work volume (`emptyDir.sizeLimit`). @default none */
  readonly volumeSizeLimit?: string;
  /** Medium of the work volume: `""` (disk) or `Memory`. @default disk */
  readonly volumeStorageMedium?: "" | "Memory";
  /** Sidecar containers (Kubernetes `Container` objects). @default none */
  readonly sidecarContainers?: KubernetesFragment[];
  /** Runner container environment. @default none */
  readonly env?: EnvVar[];
  /** Seconds Kubernetes waits before killing the runner pod; must exceed `gracefulStopTimeoutSeconds`. @default Kubernetes' 30 */
  readonly terminationGracePeriodSeconds?: number;
  /** Seconds the runner waits for a running job on stop (`RUNNER_GRACEFUL_STOP_TIMEOUT`). @default ARC's (15) */
  readonly gracefulStopTimeoutSeconds?: number;
  /** Fixed replica count, when `autoscaling` is not set. @default 1 */
  readonly replicas?: number;
  /** A HorizontalRunnerAutoscaler for the target (then `replicas` is omitted, as ARC requires). @default none */
  readonly autoscaling?: HorizontalRunnerAutoscalerOptions;
  /** Object name of the RunnerDeployment/RunnerSet (≤ 63). @default the pool name */
  readonly name?: string;
  /** Name of the runner pods' service account (created by the pool, bound to its identity). @default "<pool>-runner" */
  readonly serviceAccountName?: string;
  /** Helm release name of the generated manifests chart. @default "<pool>-runners" */
  readonly releaseName?: string;
  /** Wait for the generated chart's objects. @default true */
  readonly wait?: boolean;
  /**
   * Run job containers as pods through the runner container hooks (`containerMode:
   * kubernetes`, RunnerDeployment only), with a work volume claimed per runner; then no
   * docker, and the runner's service account gets the hooks' RBAC. @default none (docker per `dockerEnabled`)
   */
  readonly containerMode?: {
    readonly type: "kubernetes";
    /** The per-runner work volume claim (`workVolumeClaimTemplate`). */
    readonly workVolumeClaimTemplate: {
      /** Storage class. @default the cluster default */
      readonly storageClassName?: string;
      /** Size, e.g. `10Gi`. */
      readonly size: string;
      /** Access modes. @default ["ReadWriteOnce"] */
      readonly accessModes?: ("ReadWriteOnce" | "ReadWriteMany" | "ReadWriteOncePod")[];
    };
  };
  /** Secret (runners' namespace) with the GitHub credentials of these runners, instead of the controller's (`githubAPICredentialsFrom`). @default the controller's */
  readonly githubApiCredentialsSecretName?: string;
}

/** The registration scope of the options (undefined when not exactly one is set). */
export function runnerScope(o: ArcLegacyRunnerOptions): ArcRunnerScope | undefined {
  const set = (["repository", "organization", "enterprise"] as const).filter(
    (k) => o[k] !== undefined,
  );
  return set.length === 1 ? set[0] : undefined;
}

/** The env of the runner container, with `RUNNER_GRACEFUL_STOP_TIMEOUT` when set. */
export function runnerEnv(o: ArcLegacyRunnerOptions): Record<string, unknown>[] | undefined {
  const env = [...(o.env ?? [])];
  if (o.gracefulStopTimeoutSeconds !== undefined)
    env.push({ name: "RUNNER_GRACEFUL_STOP_TIMEOUT", value: String(o.gracefulStopTimeoutSeconds) });
  return env.length ? renderEnv(env) : undefined;
}

/** The pod's `securityContext` (SELinux options only; privileged runners cannot be `restricted`). */
export function podSecurityContext(o: ArcLegacyRunnerOptions): Record<string, unknown> | undefined {
  return o.seLinuxOptions ? { seLinuxOptions: { ...o.seLinuxOptions } } : undefined;
}

/** Checks the runner options, including the autoscaler rules, under field names of the props. */
export function checkLegacyRunnerOptions(
  o: ArcLegacyRunnerOptions,
  name: string,
  webhookServerEnabled: boolean,
): (Problem | undefined)[] {
  const out: (Problem | undefined)[] = [];
  const targets = (["repository", "organization", "enterprise"] as const).filter(
    (k) => o[k] !== undefined,
  );
  if (targets.length !== 1) {
    out.push({
      rule: ARC_LEGACY_RUNNER_TARGET,
      field: "repository | organization | enterprise",
      value: targets,
      message:
        "set exactly one: where the runners register (ARC's admission webhook rejects anything else)",
      example: 'organization: "my-org"',
    });
  }
  if (
    o.repository !== undefined &&
    !isUnresolved(o.repository) &&
    !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(o.repository)
  ) {
    out.push({
      rule: ARC_LEGACY_REPOSITORY_NAME,
      field: "repository",
      value: o.repository,
      message: "must be owner/name",
      example: '"my-org/app"',
    });
  }
  // With autoscaling the HRA is named `<name>-autoscaler`, which must fit 63 characters too.
  out.push(
    checkDns1123Label("name", name, o.autoscaling ? 63 - "-autoscaler".length : 63, "ci-runners"),
  );
  const grace = o.terminationGracePeriodSeconds;
  const stop = o.gracefulStopTimeoutSeconds;
  for (const [field, v] of [
    ["terminationGracePeriodSeconds", grace],
    ["gracefulStopTimeoutSeconds", stop],
  ] as const) {
    if (v !== undefined && !isUnresolved(v) && (!Number.isInteger(v) || v < 0))
      out.push({
        rule: ARC_LEGACY_STOP_SECONDS,
        field,
        value: v,
        message: "must be a whole number of seconds ≥ 0",
        example: "110",
      });
  }
  const effectiveGrace = grace ?? 30;
  if (
    stop !== undefined &&
    !isUnresolved(stop) &&
    !isUnresolved(effectiveGrace) &&
    !(effectiveGrace > stop)
  ) {
    out.push({
      rule: ARC_LEGACY_GRACEFUL_STOP,
      field: "terminationGracePeriodSeconds",
      value: {
        terminationGracePeriodSeconds: grace ?? "30 (Kubernetes default)",
        gracefulStopTimeoutSeconds: stop,
      },
      message:
        "must be greater than gracefulStopTimeoutSeconds (RUNNER_GRACEFUL_STOP_TIMEOUT), or Kubernetes kills the runner before its job can finish and the job hangs in the GitHub UI",
      example: "terminationGracePeriodSeconds: 110, gracefulStopTimeoutSeconds: 90",
    });
  }
  if ((o.env ?? []).some((e) => e.name === "RUNNER_GRACEFUL_STOP_TIMEOUT")) {
    out.push({
      rule: ARC_LEGACY_GRACEFUL_STOP_ENV,
      field: "env",
      value: "RUNNER_GRACEFUL_STOP_TIMEOUT",
      message:
        "set gracefulStopTimeoutSeconds instead, so it is checked against terminationGracePeriodSeconds",
      example: "gracefulStopTimeoutSeconds: 90",
    });
  }
  if (o.dockerdWithinRunnerContainer && o.dockerEnabled === false) {
    out.push({
      rule: ARC_LEGACY_DOCKERD_NEEDS_DOCKER,
      field: "dockerdWithinRunnerContainer",
      value: true,
      message: "needs dockerEnabled (it moves dockerd into the runner container)",
      example: "dockerEnabled: true",
    });
  }
  if (o.dockerVolumeMounts && (o.dockerEnabled === false || o.dockerdWithinRunnerContainer)) {
    out.push({
      rule: ARC_LEGACY_DOCKER_VOLUME_MOUNTS,
      field: "dockerVolumeMounts",
      value: o.dockerVolumeMounts.map((m) => m.name),
      message:
        "mounts into the docker sidecar, which only exists with dockerEnabled and without dockerdWithinRunnerContainer",
      example: "volumeMounts instead",
    });
  }
  if (
    o.dockerMTU !== undefined &&
    !isUnresolved(o.dockerMTU) &&
    (!Number.isInteger(o.dockerMTU) || o.dockerMTU < 576 || o.dockerMTU > 9001)
  ) {
    out.push({
      rule: ARC_LEGACY_DOCKER_MTU,
      field: "dockerMTU",
      value: o.dockerMTU,
      message: "must be a whole number from 576 to 9001",
      example: "1400",
    });
  }
  const mirrorCredentials = checkUrlCredentials(
    "dockerRegistryMirror",
    o.dockerRegistryMirror,
    '"https://mirror.gcr.io"',
  );
  out.push(mirrorCredentials);
  if (
    !mirrorCredentials &&
    o.dockerRegistryMirror !== undefined &&
    !isUnresolved(o.dockerRegistryMirror) &&
    !/^https?:\/\/\S+$/.test(o.dockerRegistryMirror)
  ) {
    out.push({
      rule: ARC_LEGACY_DOCKER_REGISTRY_MIRROR,
      field: "dockerRegistryMirror",
      value: o.dockerRegistryMirror,
      message: "must be an http(s) URL",
      example: '"https://mirror.gcr.io"',
    });
  }
  out.push(checkQuantity("volumeSizeLimit", o.volumeSizeLimit, "20Gi"));
  if (o.workDir !== undefined && !isUnresolved(o.workDir) && !o.workDir.startsWith("/")) {
    out.push({
      rule: ARC_LEGACY_WORK_DIR,
      field: "workDir",
      value: o.workDir,
      message: "must be an absolute path in the runner container",
      example: '"/runner/_work"',
    });
  }
  if (o.image !== undefined && !isUnresolved(o.image) && isLatestImage(o.image)) {
    out.push({
      rule: ARC_RUNNER_IMAGE_LATEST,
      field: "image",
      value: o.image,
      message: "a moving tag: a rescheduled runner pod silently runs another runner version",
      example: '"summerwind/actions-runner:v2.310.2-ubuntu-22.04"',
    });
  }
  if (o.containerMode) {
    out.push(
      checkQuantity(
        "containerMode.workVolumeClaimTemplate.size",
        o.containerMode.workVolumeClaimTemplate.size,
        "10Gi",
      ),
    );
  }
  out.push(
    checkDns1123Subdomain(
      "githubApiCredentialsSecretName",
      o.githubApiCredentialsSecretName,
      "arc-team-app",
    ),
  );
  (o.labels ?? []).forEach((l, i) => {
    if (!isUnresolved(l) && (l.trim() === "" || /[\s,]/.test(l)))
      out.push({
        rule: ARC_RUNNER_LABEL,
        field: `labels[${i}]`,
        value: l,
        message: "a runner label is a non-empty word without spaces or commas",
        example: '"gpu"',
      });
  });
  if (o.autoscaling) {
    if (o.replicas !== undefined) {
      out.push({
        rule: ARC_LEGACY_REPLICAS_WITH_AUTOSCALING,
        field: "replicas",
        value: o.replicas,
        message:
          "must not be set together with autoscaling: the HorizontalRunnerAutoscaler owns spec.replicas and ARC warns that a fixed value fights it",
        example: "autoscaling: { minReplicas: 1, maxReplicas: 5, … } without replicas",
      });
    }
    out.push(...checkHorizontalRunnerAutoscaler(o.autoscaling, runnerScope(o), "autoscaling"));
    if ((o.autoscaling.scaleUpTriggers ?? []).length > 0 && !webhookServerEnabled) {
      out.push({
        rule: ARC_HRA_TRIGGER_WEBHOOK_SERVER,
        field: "autoscaling.scaleUpTriggers",
        value: "workflowJob",
        message: "webhook triggers need the controller's github webhook server, which is disabled",
        example: "new ArcLegacyController(…, { githubWebhookServer: { secretToken: … } })",
      });
    }
  } else if (
    o.replicas !== undefined &&
    !isUnresolved(o.replicas) &&
    (!Number.isInteger(o.replicas) || o.replicas < 0)
  ) {
    out.push({
      rule: ARC_LEGACY_REPLICAS,
      field: "replicas",
      value: o.replicas,
      message: "must be a whole number ≥ 0",
      example: "2",
    });
  }
  out.push(
    ...checkResources("resources", o.resources),
    ...checkResources("dockerdContainerResources", o.dockerdContainerResources),
    ...checkTolerations("tolerations", o.tolerations),
    ...checkEnv("env", o.env),
    ...checkMetadataMap("nodeSelector", o.nodeSelector, "label"),
  );
  return out;
}

/** The `containerMode`/`workVolumeClaimTemplate`/`githubAPICredentialsFrom` fields of a runner spec. */
export function kubernetesModeFields(o: ArcLegacyRunnerOptions): Record<string, unknown> {
  const c = o.containerMode?.workVolumeClaimTemplate;
  return {
    containerMode: o.containerMode?.type,
    workVolumeClaimTemplate: c
      ? {
          accessModes: c.accessModes ?? ["ReadWriteOnce"],
          storageClassName: c.storageClassName,
          resources: { requests: { storage: c.size } },
        }
      : undefined,
    githubAPICredentialsFrom: o.githubApiCredentialsSecretName
      ? { secretRef: { name: o.githubApiCredentialsSecretName } }
      : undefined,
  };
}
