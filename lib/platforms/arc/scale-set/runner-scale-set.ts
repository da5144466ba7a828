import { Construct } from "constructs";
import { mergeSorted, sortKeys } from "../../../core/labels";
import { checkDns1123Label, checkMetadataMap } from "../../../core/names";
import { isUnresolved, Problem } from "../../../core/rules/problem";
import { addChecks } from "../../../core/rules/report";
import { ARC_RUNNER_LABEL } from "../shared/rules";
import {
  ARC_SCALE_SET_CONFIG_URL,
  ARC_SCALE_SET_DIND_POD_SECURITY,
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
  ResourceRequirements,
  Toleration,
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

/** Kubernetes mode: job containers run as separate pods, sharing a work volume claimed per runner. */
export interface ArcKubernetesContainerMode {
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
export interface ArcKubernetesNoVolumeContainerMode {
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
  /** Runner image. @default "ghcr.io/actions/actions-runner:latest" (the chart's) */
  readonly runnerImage?: string;
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
  /** `gha-runner-scale-set` version; keep it equal to the controller's. @default the controller's version */
  readonly chartVersion?: string;
  /** More chart values, merged last (escape hatch). @default none */
  readonly values?: HelmValues;
}

/** RBAC the runner needs in kubernetes modes (the chart's own kube-mode Role, 0.14.2). */
function kubernetesModeRules(novolume: boolean): PolicyRule[] {
  return [
    { resources: ["pods"], verbs: ["get", "list", "create", "delete", "update", "patch"] },
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
    );
    const mode = p.containerMode;
    const dind = mode?.type === "dind";

    const runnerContainer = {
      name: "runner",
      image: p.runnerImage ?? "ghcr.io/actions/actions-runner:latest",
      command: ["/home/runner/run.sh"],
      resources: renderResources(p.resources),
      env: renderEnv(p.env),
      securityContext: dind ? undefined : plain(RESTRICTED_CONTAINER_SECURITY_CONTEXT),
    };
    const podLabels = mergeSorted(account?.podLabels);
    const values: HelmValues = {
      githubConfigUrl: p.githubConfigUrl,
      githubConfigSecret: credentials.secretName,
      minRunners: p.minRunners ?? 0,
      maxRunners: p.maxRunners,
      runnerGroup: p.runnerGroup,
      runnerScaleSetName: scaleSetName,
      scaleSetLabels: p.labels ? [...p.labels] : undefined,
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
      chart: ChartSource.fromOci(
        p.controller.chartRegistry,
        "gha-runner-scale-set",
        p.chartVersion ?? p.controller.chartVersion,
      ),
      values: mergeValues(values, p.values),
      description: `GitHub Actions runner scale set ${scaleSetName}`,
      // The controller must outlive the scale set: its finalizers are cleared by the controller on destroy.
      dependsOn: [
        ...context.prerequisites,
        p.controller.release.resource,
        ...(credentials.secret ? [credentials.secret] : []),
      ],
    });

    addChecks(release, () => this.problems(context, scaleSetName, credentials.problems));

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
    if (!isUnresolved(p.githubConfigUrl) && !GITHUB_CONFIG_URL.test(p.githubConfigUrl)) {
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
        (label.trim() === "" || /[\s,]/.test(label) || label.length > 256)
      ) {
        out.push({
          rule: ARC_RUNNER_LABEL,
          field: `labels[${i}]`,
          value: label,
          message:
            "a scale set label is a non-empty word without spaces or commas (at most 256 characters)",
          example: '"gpu"',
        });
      }
    });
    if (p.containerMode?.type === "dind" && namespace.podSecurityLevel !== "privileged") {
      out.push({
        rule: ARC_SCALE_SET_DIND_POD_SECURITY,
        field: "containerMode.type",
        value: { containerMode: "dind", podSecurity: namespace.podSecurityLevel },
        message: `dind runs a privileged docker:dind sidecar in every runner pod, and Pod Security "${namespace.podSecurityLevel}" rejects privileged containers, so no runner would ever start. Either accept privileged pods for this pool (namespace podSecurity "privileged", a namespace of its own) or keep "${namespace.podSecurityLevel}" and run job containers as pods with containerMode "kubernetes"`,
        example:
          'namespace: { podSecurity: "privileged" }, or containerMode: { type: "kubernetes", workVolumeClaim: { size: "10Gi" } }',
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
    );
    return out;
  }
}
