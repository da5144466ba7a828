import { checkUrlCredentials } from "../../../core/secrets/url-credentials";
import { Construct } from "constructs";
import { mergeSorted, sortKeys } from "../../../core/labels";
import { checkDns1123Label, checkMetadataMap } from "../../../core/names";
import { isUnresolved, Problem } from "../../../core/rules/problem";
import { addChecks } from "../../../core/rules/report";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { ARC_RUNNER_IMAGE_LATEST, ARC_RUNNER_LABEL, isLatestImage } from "../shared/rules";
import { addArcFlows, arcScaleSetFlows } from "../shared/arc-flows";
import type { KubernetesFragment } from "../shared/kubernetes-fragment";
import type { NetworkPeer } from "../../../kubernetes/network-policy";
import {
  ArcJobPodOptions,
  JOB_TEMPLATE_KEY,
  JOB_TEMPLATE_MOUNT_PATH,
  JOB_TEMPLATE_VOLUME,
  jobPodTemplateConfigMap,
  renderJobPodTemplate,
} from "./job-pod-template";
import {
  ARC_SCALE_SET_CONFIG_URL,
  ARC_SCALE_SET_DIND_POD_SECURITY,
  ARC_SCALE_SET_JOB_POD_SECURITY,
  ARC_SCALE_SET_VERSION_LOCKSTEP,
  ARC_SCALE_SET_MIN_ABOVE_MAX,
  ARC_SCALE_SET_RUNNER_COUNT,
  ARC_SCALE_SET_WATCHED_NAMESPACE,
} from "./rules";
import { HelmValues, mergeValues } from "../../../core/yaml";
import type { PolicyRule } from "../../../kubernetes/rbac";
import {
  checkEnv,
  checkResources,
  checkTolerations,
  EnvVar,
  renderEnv,
  renderResources,
  renderTolerations,
  renderTopologySpread,
  ResourceRequirements,
  Toleration,
  TopologySpreadConstraint,
  VolumeMount,
} from "../../../kubernetes/pod-options";
import { checkQuantity } from "../../../kubernetes/quantity";
import { ChartSource } from "../../../release/chart-source";
import { RunnerRelease } from "../../../release/runner-release";
import type { ArcGithubCredentials } from "../shared/github-credentials";
import type { ArcScaleSetController } from "./scale-set-controller";
import {
  plain,
  RESTRICTED_CONTAINER_SECURITY_CONTEXT,
  RESTRICTED_POD_SECURITY_CONTEXT,
} from "../shared/security-context";
import type { RunnerScaling } from "../../../scaling";
import {
  RUNNERS_ROLE,
  RunnerPlatform,
  RunnerPlatformContext,
  RunnerPlatformPlan,
  RunnerPlatformResources,
} from "../../../platform";

/** Docker-in-Docker: a privileged `docker:dind` sidecar in every runner pod. Needs Pod Security `privileged`. */
export interface ArcDindContainerMode {
  readonly type: "dind";
}

/** What both kubernetes container modes share: the job pods the container hook creates. */
export interface ArcKubernetesModeOptions {
  /**
   * The job pods (the hook extension template, a ConfigMap named by
   * `ACTIONS_RUNNER_CONTAINER_HOOK_TEMPLATE`): they always run as the pool's identity-bound
   * service account, with the identity's pod labels and no Kubernetes API token.
   * @default baseline job pods, no resources, any node
   */
  readonly jobPod?: ArcJobPodOptions;
  /**
   * Refuse jobs without a `container:` (`ACTIONS_RUNNER_REQUIRE_JOB_CONTAINER`). With
   * `false`, jobs without one run their steps in the runner container itself.
   * @default true (the chart's)
   */
  readonly requireJobContainer?: boolean;
}

/** Kubernetes mode: job containers run as separate pods, sharing a work volume claimed per runner. */
export interface ArcKubernetesContainerMode extends ArcKubernetesModeOptions {
  readonly type: "kubernetes";
  /** The per-runner work volume claim (`kubernetesModeWorkVolumeClaim`). */
  readonly workVolumeClaim: {
    /** Storage class. @default the cluster default */
    readonly storageClassName?: string;
    /** Size, e.g. `10Gi`. */
    readonly size: string;
    /** Access modes. @default ["ReadWriteOnce"] */
    readonly accessModes?: ("ReadWriteOnce" | "ReadWriteMany" | "ReadWriteOncePod")[];
  };
}

/** Kubernetes mode without a shared volume (the hook copies files into job pods). */
export interface ArcKubernetesNoVolumeContainerMode extends ArcKubernetesModeOptions {
  readonly type: "kubernetes-novolume";
}

/** How jobs' `container:` and `services:` run. */
export type ArcContainerMode =
  ArcDindContainerMode | ArcKubernetesContainerMode | ArcKubernetesNoVolumeContainerMode;

/** Props of {@link ArcRunnerScaleSet}. */
export interface ArcRunnerScaleSetProps {
  /** The cluster's scale set controller. */
  readonly controller: ArcScaleSetController;
  /** Where runners register: `https://github.com/<org>`, `https://github.com/<org>/<repo>` or `https://github.com/enterprises/<ent>`. */
  readonly githubConfigUrl: string;
  /** GitHub App or PAT, by reference (existing Secret, or sensitive values → a Secret). */
  readonly githubCredentials: ArcGithubCredentials;
  /** Idle runners kept ready. @default 0 */
  readonly minRunners?: number;
  /** Most runners at once. */
  readonly maxRunners: number;
  /** Runner group. @default "default" */
  readonly runnerGroup?: string;
  /** Name of the scale set (what `runs-on:` targets), at most 45 characters. @default the pool name */
  readonly runnerScaleSetName?: string;
  /** Extra labels `runs-on:` can target (chart `scaleSetLabels`). @default none */
  readonly labels?: string[];
  /** How job containers run. @default none: jobs run in the runner container, no Docker */
  readonly containerMode?: ArcContainerMode;
  /** Runner image. @default "ghcr.io/actions/actions-runner:2.334.0" (the runner ARC 0.14.2 pins) */
  readonly runnerImage?: string;
  /** Pull secrets of runner pods (a registry mirror). @default none */
  readonly imagePullSecrets?: string[];
  /** Labels on runner pods (besides the identity's). @default none */
  readonly podLabels?: Record<string, string>;
  /** Extra runner pod volumes (Kubernetes `Volume` objects). @default none */
  readonly volumes?: KubernetesFragment[];
  /** Extra mounts in the runner container. @default none */
  readonly volumeMounts?: VolumeMount[];
  /** Init containers of runner pods (Kubernetes `Container` objects). @default none */
  readonly initContainers?: KubernetesFragment[];
  /** Affinity of runner pods (a Kubernetes `Affinity`). @default none */
  readonly affinity?: KubernetesFragment;
  /** Topology spread of runner pods. @default none */
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];
  /** Priority class of runner pods. @default none */
  readonly priorityClassName?: string;
  /** GitHub Enterprise Server's CA, from a ConfigMap in the runners' namespace (chart `githubServerTLS`). @default the system CAs */
  readonly githubServerTls?: ArcGithubServerTls;
  /** An HTTP(S) proxy for the listener and runners (chart `proxy`); its port is opened by a flow. @default none */
  readonly proxy?: ArcProxy;
  /** Which metrics the listener exposes (chart `listenerMetrics`, `counters`/`gauges`/`histograms`). @default the chart's */
  readonly listenerMetrics?: KubernetesFragment;
  /** Runner container resources. @default none */
  readonly resources?: ResourceRequirements;
  /** Runner container environment. @default none */
  readonly env?: EnvVar[];
  /** Node selector of runner pods. @default none */
  readonly nodeSelector?: Record<string, string>;
  /** Tolerations of runner pods. @default none */
  readonly tolerations?: Toleration[];
  /** Annotations on runner pods. @default none */
  readonly podAnnotations?: Record<string, string>;
  /** Name of the runner pods' service account (created by the pool, bound to its identity). @default "<pool>-runner" */
  readonly serviceAccountName?: string;
  /** Listener container resources (the listener runs in the controller namespace). @default none */
  readonly listenerResources?: ResourceRequirements;
  /** Node selector of the listener pod. @default none */
  readonly listenerNodeSelector?: Record<string, string>;
  /** Helm release name. @default the pool name */
  readonly releaseName?: string;
  /** `gha-runner-scale-set` version; must equal the controller's. @default the controller's version */
  readonly chartVersion?: string;
  /**
   * The chart from anywhere else (an OCI mirror, a vendored `.tgz` or directory). Its
   * version must still equal the controller's. @default the controller's registry at `chartVersion`
   */
  readonly chart?: ChartSource;
  /** Wait for the release's objects to become ready. @default true */
  readonly wait?: boolean;
  /** More chart values, merged last (escape hatch). @default none */
  readonly values?: HelmValues;
}

/** GitHub Enterprise Server's CA certificate, from a ConfigMap. */
export interface ArcGithubServerTls {
  /** ConfigMap with the CA bundle (in the runners' namespace and the controller's). */
  readonly configMapName: string;
  /** Key of the PEM bundle in the ConfigMap. */
  readonly key: string;
  /** Also mount it into runner pods here (sets NODE_EXTRA_CA_CERTS). @default "/usr/local/share/ca-certificates" */
  readonly runnerMountPath?: string;
}

/** An HTTP(S) proxy (chart `proxy`). Credentials by Secret reference only. */
export interface ArcProxy {
  /** Proxy for http. @default none */
  readonly http?: ArcProxyEndpoint;
  /** Proxy for https. @default none */
  readonly https?: ArcProxyEndpoint;
  /** Hosts reached directly. @default none */
  readonly noProxy?: string[];
  /** Where the proxy is, for the egress flow. @default any address */
  readonly peers?: NetworkPeer[];
}

/** One proxy endpoint. */
export interface ArcProxyEndpoint {
  /** `http://host:port`. */
  readonly url: string;
  /** Secret (controller namespace) with `username` and `password`. @default none */
  readonly credentialSecretRef?: string;
}

/** Default runner image: the runner version ARC 0.14.2 pins (runner/VERSION at gha-runner-scale-set-0.14.2). */
export const ARC_DEFAULT_RUNNER_IMAGE = "ghcr.io/actions/actions-runner:2.334.0";

/**
 * RBAC the runner needs in kubernetes modes: exactly the hooks' `requiredPermissions`
 * (runner-container-hooks v0.7.0 for `kubernetes`, v0.8.1 for `kubernetes-novolume`).
 */
function kubernetesModeRules(novolume: boolean): PolicyRule[] {
  return [
    { resources: ["pods"], verbs: ["get", "list", "create", "delete"] },
    { resources: ["pods/exec"], verbs: ["get", "create"] },
    { resources: ["pods/log"], verbs: ["get", "list", "watch"] },
    ...(novolume
      ? []
      : [
          { apiGroups: ["batch"], resources: ["jobs"], verbs: ["get", "list", "create", "delete"] },
        ]),
    // Exactly the hooks' own required permissions on Secrets, no more: they create (and
    // prune, by label) the Secrets of job containers' env and image pull credentials, and
    // refuse to run unless a SelfSubjectAccessReview allows each of these four verbs
    // (actions/runner-container-hooks v0.8.1, packages/k8s/src/k8s/index.ts:38-62, 803-822;
    // packages/k8s/src/index.ts:25). The chart's kube-mode Role is the same
    // (gha-runner-scale-set 0.14.2, templates/kube_mode_role.yaml:53-55).
    { resources: ["secrets"], verbs: ["get", "list", "create", "delete"] },
  ];
}

const GITHUB_CONFIG_URL = /^https:\/\/[^/\s]+\/(enterprises\/[^/\s]+|[^/\s]+(\/[^/\s]+)?)\/?$/;

/**
 * A pool of GitHub Actions runners as a runner scale set (`gha-runner-scale-set`), the
 * supported ARC mode. The runner pods use the pool's service account, so the pool's
 * cloud identity reaches job steps; `controllerServiceAccount` is always set, so the
 * chart never needs Helm `lookup` (which fails without a cluster).
 */
export class ArcRunnerScaleSet implements RunnerPlatform {
  public readonly kind = "arc-scale-set";

  constructor(private readonly props: ArcRunnerScaleSetProps) {}

  /** `dind` runs a privileged sidecar; the other modes need no more than `restricted` for the runner pod. */
  public get requiredPodSecurity(): "privileged" | undefined {
    return this.props.containerMode?.type === "dind" ? "privileged" : undefined;
  }

  private get kubernetesMode(): boolean {
    const t = this.props.containerMode?.type;
    return t === "kubernetes" || t === "kubernetes-novolume";
  }

  public plan(poolName: string): RunnerPlatformPlan {
    return {
      serviceAccounts: [
        {
          id: "Runner",
          name: this.props.serviceAccountName ?? `${poolName}-runner`,
          bindIdentity: true,
          // kubernetes modes: the runner's container hook creates job pods with its token.
          automountToken: this.kubernetesMode,
          rules: this.kubernetesMode
            ? kubernetesModeRules(this.props.containerMode?.type === "kubernetes-novolume")
            : undefined,
        },
      ],
    };
  }

  public build(scope: Construct, context: RunnerPlatformContext): RunnerPlatformResources {
    const p = this.props;
    const namespace = context.namespaces[RUNNERS_ROLE];
    const account = context.serviceAccounts.Runner;
    const scaleSetName = p.runnerScaleSetName ?? context.poolName;
    const credentials = p.githubCredentials.bind(
      scope,
      namespace,
      `${context.poolName}-github-config`,
      "scale-set",
    );
    const mode = p.containerMode;
    const dind = mode?.type === "dind";

    const kubeMode = mode?.type === "kubernetes" || mode?.type === "kubernetes-novolume";
    let jobTemplate: ConfigMapV1 | undefined;
    const jobTemplateName = `${context.poolName}-job-template`;
    const hookEnv: EnvVar[] = [];
    if (kubeMode) {
      jobTemplate = jobPodTemplateConfigMap(
        scope,
        namespace,
        jobTemplateName,
        renderJobPodTemplate({
          serviceAccountName: account?.name,
          podLabels: mergeSorted(account?.podLabels),
          options: mode.jobPod ?? {},
        }),
        mergeSorted(context.labels),
      );
      hookEnv.push({
        name: "ACTIONS_RUNNER_CONTAINER_HOOK_TEMPLATE",
        value: `${JOB_TEMPLATE_MOUNT_PATH}/${JOB_TEMPLATE_KEY}`,
      });
      if (mode.requireJobContainer !== undefined)
        hookEnv.push({
          name: "ACTIONS_RUNNER_REQUIRE_JOB_CONTAINER",
          value: String(mode.requireJobContainer),
        });
    }
    const env = [...(p.env ?? []), ...hookEnv];
    const volumeMounts = [
      ...(p.volumeMounts ?? []).map((m) => ({ ...m })),
      ...(jobTemplate
        ? [{ name: JOB_TEMPLATE_VOLUME, mountPath: JOB_TEMPLATE_MOUNT_PATH, readOnly: true }]
        : []),
    ];
    const volumes = [
      ...(p.volumes ?? []),
      ...(jobTemplate ? [{ name: JOB_TEMPLATE_VOLUME, configMap: { name: jobTemplateName } }] : []),
    ];
    const runnerContainer = {
      name: "runner",
      image: p.runnerImage ?? ARC_DEFAULT_RUNNER_IMAGE,
      command: ["/home/runner/run.sh"],
      resources: renderResources(p.resources),
      env: env.length ? renderEnv(env) : undefined,
      volumeMounts: volumeMounts.length ? volumeMounts : undefined,
      securityContext: dind ? undefined : plain(RESTRICTED_CONTAINER_SECURITY_CONTEXT),
    };
    const podLabels = mergeSorted(account?.podLabels, p.podLabels);
    const tls = p.githubServerTls;
    const proxyEndpoint = (e: ArcProxyEndpoint | undefined) =>
      e ? { url: e.url, credentialSecretRef: e.credentialSecretRef } : undefined;
    const values: HelmValues = {
      githubConfigUrl: p.githubConfigUrl,
      githubConfigSecret: credentials.secretName,
      minRunners: p.minRunners ?? 0,
      maxRunners: p.maxRunners,
      runnerGroup: p.runnerGroup,
      runnerScaleSetName: scaleSetName,
      scaleSetLabels: p.labels ? [...p.labels] : undefined,
      githubServerTLS: tls
        ? {
            certificateFrom: { configMapKeyRef: { name: tls.configMapName, key: tls.key } },
            runnerMountPath: tls.runnerMountPath ?? "/usr/local/share/ca-certificates",
          }
        : undefined,
      proxy: p.proxy
        ? {
            http: proxyEndpoint(p.proxy.http),
            https: proxyEndpoint(p.proxy.https),
            noProxy: p.proxy.noProxy ? [...p.proxy.noProxy] : undefined,
          }
        : undefined,
      listenerMetrics: p.listenerMetrics,
      controllerServiceAccount: {
        namespace: p.controller.namespace.name,
        name: p.controller.serviceAccountName,
      },
      containerMode: mode
        ? {
            type: mode.type,
            kubernetesModeWorkVolumeClaim:
              mode.type === "kubernetes"
                ? {
                    accessModes: mode.workVolumeClaim.accessModes ?? ["ReadWriteOnce"],
                    storageClassName: mode.workVolumeClaim.storageClassName,
                    resources: { requests: { storage: mode.workVolumeClaim.size } },
                  }
                : undefined,
          }
        : undefined,
      template: {
        metadata:
          Object.keys(podLabels).length || p.podAnnotations
            ? {
                labels: Object.keys(podLabels).length ? podLabels : undefined,
                annotations: p.podAnnotations ? sortKeys(p.podAnnotations) : undefined,
              }
            : undefined,
        spec: {
          serviceAccountName: account?.name,
          // The runner image's user is the non-numeric `runner` (uid 1001); the work volume is group 123.
          securityContext: dind
            ? undefined
            : { ...plain(RESTRICTED_POD_SECURITY_CONTEXT), runAsUser: 1001, fsGroup: 123 },
          nodeSelector: p.nodeSelector ? sortKeys(p.nodeSelector) : undefined,
          tolerations: renderTolerations(p.tolerations),
          affinity: p.affinity,
          topologySpreadConstraints: renderTopologySpread(p.topologySpreadConstraints),
          priorityClassName: p.priorityClassName,
          imagePullSecrets: p.imagePullSecrets?.map((name) => ({ name })),
          initContainers: p.initContainers,
          volumes: volumes.length ? volumes : undefined,
          containers: [runnerContainer],
        },
      },
      listenerTemplate: {
        spec: {
          securityContext: plain(RESTRICTED_POD_SECURITY_CONTEXT),
          nodeSelector: p.listenerNodeSelector ? sortKeys(p.listenerNodeSelector) : undefined,
          containers: [
            {
              name: "listener",
              securityContext: {
                ...plain(RESTRICTED_CONTAINER_SECURITY_CONTEXT),
                readOnlyRootFilesystem: true,
              },
              resources: renderResources(p.listenerResources),
            },
          ],
        },
      },
    };

    const release = new RunnerRelease(scope, "Release", {
      namespace,
      releaseName: p.releaseName ?? context.poolName,
      chart:
        p.chart ??
        ChartSource.fromOci(
          p.controller.chartRegistry,
          "gha-runner-scale-set",
          p.chartVersion ?? p.controller.chartVersion,
        ),
      values: mergeValues(values, p.values),
      wait: p.wait,
      description: `GitHub Actions runner scale set ${scaleSetName}`,
      // The controller must outlive the scale set: its finalizers are cleared by the controller on destroy.
      dependsOn: [
        ...context.prerequisites,
        p.controller.release.resource,
        // the listener runs in the controller's namespace
        ...Object.values(p.controller.namespace.networkPolicies?.policies ?? {}),
        ...(credentials.secret ? [credentials.secret] : []),
        ...(jobTemplate ? [jobTemplate] : []),
      ],
    });

    const releaseName = p.releaseName ?? context.poolName;
    addArcFlows(
      scope,
      arcScaleSetFlows({
        runners: namespace,
        listeners: p.controller.namespace,
        name: releaseName,
        githubConfigUrl: p.githubConfigUrl,
        proxyUrls: [p.proxy?.http?.url, p.proxy?.https?.url].filter(
          (u): u is string => u !== undefined,
        ),
        proxyPeers: p.proxy?.peers,
        // the API server flow of kubernetes modes comes from the pool (the runner account has
        // RBAC rules), on the cluster connection's ports
      }),
      mergeSorted(context.labels),
    );

    addChecks(release, () => [
      ...this.problems(context, scaleSetName, credentials.problems),
      ...this.versionProblems(release),
    ]);

    const min = p.minRunners ?? 0;
    const scaling: RunnerScaling = {
      mode: "external-controller",
      minRunners: min,
      maxRunners: p.maxRunners,
      controllers: [p.controller],
      description: `ARC runner scale set ${scaleSetName}, ${min}–${p.maxRunners} runners${mode ? `, ${mode.type} mode` : ""}`,
    };
    return { releases: [release], scaling };
  }

  private problems(
    context: RunnerPlatformContext,
    scaleSetName: string,
    credentialProblems: Problem[],
  ): (Problem | undefined)[] {
    const p = this.props;
    const namespace = context.namespaces[RUNNERS_ROLE];
    const out: (Problem | undefined)[] = [...credentialProblems];
    const urlCredentials = checkUrlCredentials(
      "githubConfigUrl",
      p.githubConfigUrl,
      '"https://github.com/my-org" with githubCredentials by reference',
    );
    out.push(urlCredentials);
    if (
      !urlCredentials &&
      !isUnresolved(p.githubConfigUrl) &&
      !GITHUB_CONFIG_URL.test(p.githubConfigUrl)
    ) {
      out.push({
        rule: ARC_SCALE_SET_CONFIG_URL,
        field: "githubConfigUrl",
        value: p.githubConfigUrl,
        message: "must be the https URL of an organization, repository or enterprise",
        example: '"https://github.com/my-org"',
      });
    }
    out.push(checkDns1123Label("runnerScaleSetName", scaleSetName, 45, "linux-x64"));
    const min = p.minRunners ?? 0;
    if (!isUnresolved(min) && (!Number.isInteger(min) || min < 0)) {
      out.push({
        rule: ARC_SCALE_SET_RUNNER_COUNT,
        field: "minRunners",
        value: min,
        message: "must be a whole number ≥ 0",
        example: "0",
      });
    }
    if (!isUnresolved(p.maxRunners) && (!Number.isInteger(p.maxRunners) || p.maxRunners < 0)) {
      out.push({
        rule: ARC_SCALE_SET_RUNNER_COUNT,
        field: "maxRunners",
        value: p.maxRunners,
        message: "must be a whole number ≥ 0",
        example: "10",
      });
    } else if (!isUnresolved(min) && !isUnresolved(p.maxRunners) && min > p.maxRunners) {
      out.push({
        rule: ARC_SCALE_SET_MIN_ABOVE_MAX,
        field: "minRunners",
        value: { minRunners: min, maxRunners: p.maxRunners },
        message: "must not exceed maxRunners (the chart refuses to render)",
        example: `minRunners: 0, maxRunners: ${Math.max(min, 1)}`,
      });
    }
    (p.labels ?? []).forEach((label, i) => {
      if (
        !isUnresolved(label) &&
        (label.trim() === "" || /[\s,]/.test(label) || Buffer.byteLength(label, "utf8") >= 256)
      ) {
        out.push({
          rule: ARC_RUNNER_LABEL,
          field: `labels[${i}]`,
          value: label,
          message:
            "a scale set label is a non-empty word without spaces or commas, shorter than 256 bytes (the chart refuses 256 or more)",
          example: '"gpu"',
        });
      }
    });
    if (p.containerMode?.type === "dind" && namespace.podSecurityLevel !== "privileged") {
      out.push({
        rule: ARC_SCALE_SET_DIND_POD_SECURITY,
        field: "containerMode.type",
        value: { containerMode: "dind", podSecurity: namespace.podSecurityLevel },
        message: `dind runs a privileged docker:dind sidecar in every runner pod, and Pod Security "${namespace.podSecurityLevel}" rejects privileged containers, so no runner would ever start. Either accept privileged pods for this pool (namespace podSecurity "privileged", a namespace of its own) or run job containers as pods with containerMode "kubernetes" (namespace podSecurity "baseline", or "restricted" with jobPod: { restricted: true } and non-root job images)`,
        example:
          'namespace: { podSecurity: "privileged" }, or containerMode: { type: "kubernetes", workVolumeClaim: { size: "10Gi" } } with namespace: { podSecurity: "baseline" }',
      });
    }
    const kube =
      p.containerMode?.type === "kubernetes" || p.containerMode?.type === "kubernetes-novolume"
        ? p.containerMode
        : undefined;
    if (kube) {
      const restrictedJobs = kube.jobPod?.restricted === true;
      if (restrictedJobs && kube.type === "kubernetes-novolume") {
        out.push({
          rule: ARC_SCALE_SET_JOB_POD_SECURITY,
          field: "containerMode.jobPod.restricted",
          value: { containerMode: kube.type, restricted: true },
          message:
            'the kubernetes-novolume hook (runner-container-hooks 0.8.1) adds an "fs-init" init container without allowPrivilegeEscalation: false or dropped capabilities, and a hook template can only replace initContainers whole, so its job pods cannot meet "restricted". Use containerMode "kubernetes" for restricted job pods, or a "baseline" namespace',
          example:
            'containerMode: { type: "kubernetes", workVolumeClaim: { size: "10Gi" }, jobPod: { restricted: true } }',
        });
      } else if (namespace.podSecurityLevel === "restricted" && !restrictedJobs) {
        out.push({
          rule: ARC_SCALE_SET_JOB_POD_SECURITY,
          field: "containerMode.jobPod.restricted",
          value: { containerMode: kube.type, podSecurity: "restricted" },
          message:
            'the container hook creates job pods without a securityContext (allowPrivilegeEscalation, capabilities, runAsNonRoot, seccomp), and Pod Security "restricted" rejects them, so every job would fail. Either use a "baseline" namespace (job images may run as root), or choose restricted job pods (job images must then run as a non-root user)',
          example:
            'namespace: { podSecurity: "baseline" }, or containerMode: { …, jobPod: { restricted: true } }',
        });
      }
      const j = kube.jobPod ?? {};
      if (
        j.runAsUser !== undefined &&
        !isUnresolved(j.runAsUser) &&
        (!Number.isInteger(j.runAsUser) || j.runAsUser < 1)
      ) {
        out.push({
          rule: ARC_SCALE_SET_JOB_POD_SECURITY,
          field: "containerMode.jobPod.runAsUser",
          value: j.runAsUser,
          message: "must be a whole, non-root user id (≥ 1): restricted job pods run as non-root",
          example: "1001",
        });
      }
      out.push(
        ...checkResources("containerMode.jobPod.resources", j.resources),
        ...checkTolerations("containerMode.jobPod.tolerations", j.tolerations),
        ...checkMetadataMap("containerMode.jobPod.nodeSelector", j.nodeSelector, "label"),
      );
    }
    const image = p.runnerImage ?? ARC_DEFAULT_RUNNER_IMAGE;
    if (!isUnresolved(image) && isLatestImage(image)) {
      out.push({
        rule: ARC_RUNNER_IMAGE_LATEST,
        field: "runnerImage",
        value: image,
        message:
          "a moving tag: a rescheduled runner pod silently runs another runner version (and GitHub refuses runners that fall too far behind)",
        example: `"${ARC_DEFAULT_RUNNER_IMAGE}"`,
      });
    }
    if (p.containerMode?.type === "kubernetes")
      out.push(
        checkQuantity(
          "containerMode.workVolumeClaim.size",
          p.containerMode.workVolumeClaim.size,
          "10Gi",
        ),
      );
    const watched = p.controller.watchSingleNamespace;
    if (watched !== undefined && !isUnresolved(watched) && watched !== namespace.name) {
      out.push({
        rule: ARC_SCALE_SET_WATCHED_NAMESPACE,
        field: "controller.watchSingleNamespace",
        value: { watched, scaleSetNamespace: namespace.name },
        message:
          "the controller only watches its single namespace, so it would never reconcile this scale set",
        example: `namespaceName: "${watched}"`,
      });
    }
    out.push(
      ...checkResources("resources", p.resources),
      ...checkResources("listenerResources", p.listenerResources),
      ...checkTolerations("tolerations", p.tolerations),
      ...checkEnv("env", p.env),
      ...checkMetadataMap("nodeSelector", p.nodeSelector, "label"),
      ...checkMetadataMap("podAnnotations", p.podAnnotations, "annotation"),
      ...checkMetadataMap("podLabels", p.podLabels, "label"),
    );
    return out;
  }

  /** The scale set chart's version equals the controller's (both releases' literal versions). */
  private versionProblems(release: RunnerRelease): Problem[] {
    const mine = release.resource.versionInput;
    const theirs = this.props.controller.release.resource.versionInput;
    if (mine === undefined || theirs === undefined || isUnresolved(mine) || isUnresolved(theirs))
      return [];
    if (mine.replace(/^v/, "") === theirs.replace(/^v/, "")) return [];
    return [
      {
        rule: ARC_SCALE_SET_VERSION_LOCKSTEP,
        field: "chartVersion",
        value: { scaleSet: mine, controller: theirs },
        message:
          "a scale set's gha-runner-scale-set chart must have the controller's version: ARC supports no version skew, and listeners break when the two differ. Upgrade both together (see the upgrade docs)",
        example: `chartVersion: "${theirs}" (or omit it)`,
      },
    ];
  }
}
