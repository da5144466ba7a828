import { sortKeys } from "../../../core/labels";
import {
  renderResources,
  renderTolerations,
  renderTopologySpread,
} from "../../../kubernetes/pod-options";
import type { KubernetesObject } from "../../../release/manifest-chart";
import { ARC_LEGACY_API_VERSION } from "./horizontal-runner-autoscaler";
import { kubernetesModeFields, podSecurityContext, runnerEnv } from "./runner-spec";
import { ArcLegacyRunnerPlatform, LegacyTargetInput } from "./legacy-runner-platform";

/**
 * Legacy-mode runners as a `RunnerDeployment` (ARC replaces runner pods itself; the usual
 * choice), optionally scaled by a `HorizontalRunnerAutoscaler`.
 */
export class ArcRunnerDeployment extends ArcLegacyRunnerPlatform {
  public readonly kind = "arc-runner-deployment";
  protected readonly targetKind = "RunnerDeployment";

  protected renderTarget(input: LegacyTargetInput): KubernetesObject {
    const o = this.props;
    return {
      apiVersion: ARC_LEGACY_API_VERSION,
      kind: "RunnerDeployment",
      metadata: { name: input.name, namespace: input.namespace, labels: input.labels },
      spec: {
        replicas: input.replicas,
        template: {
          metadata: Object.keys(input.podLabels).length ? { labels: input.podLabels } : undefined,
          spec: {
            repository: o.repository,
            organization: o.organization,
            enterprise: o.enterprise,
            labels: o.labels ? [...o.labels] : undefined,
            group: o.group,
            ephemeral: o.ephemeral ?? true,
            dockerEnabled: o.dockerEnabled,
            dockerdWithinRunnerContainer: o.dockerdWithinRunnerContainer,
            dockerMTU: o.dockerMTU,
            dockerRegistryMirror: o.dockerRegistryMirror,
            image: o.image,
            imagePullPolicy: o.imagePullPolicy,
            resources: renderResources(o.resources),
            dockerdContainerResources: renderResources(o.dockerdContainerResources),
            tolerations: renderTolerations(o.tolerations),
            topologySpreadConstraints: renderTopologySpread(o.topologySpreadConstraints),
            nodeSelector: o.nodeSelector ? sortKeys(o.nodeSelector) : undefined,
            priorityClassName: o.priorityClassName,
            runtimeClassName: o.runtimeClassName,
            securityContext: podSecurityContext(o),
            volumes: o.volumes,
            volumeMounts: o.volumeMounts?.map((m) => ({ ...m })),
            dockerVolumeMounts: o.dockerVolumeMounts?.map((m) => ({ ...m })),
            workDir: o.workDir,
            volumeSizeLimit: o.volumeSizeLimit,
            volumeStorageMedium: o.volumeStorageMedium,
            sidecarContainers: o.sidecarContainers,
            env: runnerEnv(o),
            terminationGracePeriodSeconds: o.terminationGracePeriodSeconds,
            serviceAccountName: input.serviceAccount?.name,
            ...kubernetesModeFields(o),
          },
        },
      },
    };
  }
}
