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
 * Legacy-mode runners as a `RunnerSet` (StatefulSet-based: stable pod names, volume claim
 * templates), optionally scaled by a `HorizontalRunnerAutoscaler`. Runner options go on
 * the RunnerSet spec; pod options go on its pod template (the `runner` container, the
 * `docker` sidecar when docker mounts or resources are set, and sidecars).
 */
export class ArcRunnerSet extends ArcLegacyRunnerPlatform {
  public readonly kind = "arc-runner-set";
  protected readonly targetKind = "RunnerSet";

  protected renderTarget(input: LegacyTargetInput): KubernetesObject {
    const o = this.props;
    const selector = {
      "app.kubernetes.io/instance": input.name,
      "app.kubernetes.io/name": "arc-runner-set",
    };
    const docker =
      o.dockerVolumeMounts || o.dockerdContainerResources
        ? [
            {
              name: "docker",
              volumeMounts: o.dockerVolumeMounts?.map((m) => ({ ...m })),
              resources: renderResources(o.dockerdContainerResources),
            },
          ]
        : [];
    return {
      apiVersion: ARC_LEGACY_API_VERSION,
      kind: "RunnerSet",
      metadata: { name: input.name, namespace: input.namespace, labels: input.labels },
      spec: {
        replicas: input.replicas,
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
        workDir: o.workDir,
        volumeSizeLimit: o.volumeSizeLimit,
        volumeStorageMedium: o.volumeStorageMedium,
        ...kubernetesModeFields(o),
        selector: { matchLabels: selector },
        serviceName: input.name,
        template: {
          metadata: { labels: sortKeys({ ...input.podLabels, ...selector }) },
          spec: {
            serviceAccountName: input.serviceAccount?.name,
            containers: [
              {
                name: "runner",
                imagePullPolicy: o.imagePullPolicy,
                env: runnerEnv(o),
                resources: renderResources(o.resources),
                volumeMounts: o.volumeMounts?.map((m) => ({ ...m })),
              },
              ...docker,
              ...(o.sidecarContainers ?? []),
            ],
            tolerations: renderTolerations(o.tolerations),
            topologySpreadConstraints: renderTopologySpread(o.topologySpreadConstraints),
            nodeSelector: o.nodeSelector ? sortKeys(o.nodeSelector) : undefined,
            priorityClassName: o.priorityClassName,
            runtimeClassName: o.runtimeClassName,
            securityContext: podSecurityContext(o),
            volumes: o.volumes,
            terminationGracePeriodSeconds: o.terminationGracePeriodSeconds,
          },
        },
      },
    };
  }
}
