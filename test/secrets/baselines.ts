// Valid apps whose every props object is tagged with its interface name (`plant("Iface", {…})`)
// and every string argument of a public factory with `arg("Class.method", i, value)`, so the
// canary suite can put a canary into any one input the API report lists.
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { EnvValue } from "../../lib/kubernetes/env-value";
import { RunnerNamespace } from "../../lib/kubernetes/runner-namespace";
import { ArcLegacyController } from "../../lib/platforms/arc/legacy/legacy-controller";
import { ArcRunnerDeployment } from "../../lib/platforms/arc/legacy/runner-deployment";
import { ArcRunnerScaleSet } from "../../lib/platforms/arc/scale-set/runner-scale-set";
import { ArcScaleSetController } from "../../lib/platforms/arc/scale-set/scale-set-controller";
import { ArcGithubCredentials } from "../../lib/platforms/arc/shared/github-credentials";
import { CustomChartRunner } from "../../lib/platforms/custom-chart/custom-chart-runner";
import { KubiyaRunner } from "../../lib/platforms/kubiya/kubiya-runner";
import { ChartSource } from "../../lib/release/chart-source";
import { RunnerRelease } from "../../lib/release/runner-release";
import { SensitiveValue } from "../../lib/release/sensitive-value";
import { KubernetesRunnerStack } from "../../stacks/kubernetes-runner-stack";

/** Returns the props object, with the planted input set when it is this interface's. */
export type Plant = <T extends object>(iface: string, props: T) => T;
/** Returns the argument, or the canary when it is this factory parameter. */
export type Arg = <T>(method: string, index: number, value: T) => T;

/** A valid app, built with planting hooks. */
export interface Baseline {
  readonly name: string;
  readonly build: (app: App, plant: Plant, arg: Arg) => void;
}

function kubeStack(app: App, id: string, plant: Plant): KubernetesRunnerStack {
  return new KubernetesRunnerStack(
    app,
    id,
    plant("KubernetesRunnerStackProps", {
      kubeconfig: plant("KubeconfigConnectionProps", {
        configPath: "~/.kube/config",
        context: "ci",
      }),
    }),
  );
}

function sensitive(stack: TerraformStack, name: string): SensitiveValue {
  return SensitiveValue.fromVariable(
    new TerraformVariable(stack, name, { type: "string", sensitive: true }),
  );
}

const podOptions = (plant: Plant, arg: Arg) => ({
  env: [
    plant("EnvVar", { name: "RUNNER_FEATURE", value: "on" }),
    plant("EnvVar", {
      name: "FROM_SECRET",
      value: EnvValue.fromSecret(plant("EnvSecretSource", { secretName: "ci", key: "k" })),
    }),
    plant("EnvVar", {
      name: "FROM_VALUE",
      value: EnvValue.fromValue(arg("EnvValue.fromValue", 0, "debug")),
    }),
  ],
  tolerations: [
    plant("Toleration", {
      key: "ci",
      operator: "Equal" as const,
      value: "true",
      effect: "NoSchedule" as const,
    }),
  ],
  resources: plant("ResourceRequirements", {
    requests: { cpu: "1", memory: "2Gi" },
    limits: { cpu: "2", memory: "4Gi" },
  }),
  nodeSelector: { pool: "ci" },
  topologySpreadConstraints: [
    plant("TopologySpreadConstraint", {
      maxSkew: 1,
      topologyKey: "kubernetes.io/hostname",
      whenUnsatisfiable: "ScheduleAnyway" as const,
      matchLabels: { app: "runner" },
    }),
  ],
});

/** ARC scale set controller and a scale set in kubernetes mode, in a pool with every namespace option. */
const scaleSet: Baseline = {
  name: "arc scale set",
  build(app, plant, arg) {
    const stack = kubeStack(app, "scale-set", plant);
    const controller = new ArcScaleSetController(
      stack,
      "arc",
      plant("ArcScaleSetControllerProps", {
        namespace: "arc-systems",
        releaseName: "arc",
        chartRegistry: "oci://ghcr.io/actions/actions-runner-controller-charts",
        serviceAccountAnnotations: { "example.com/owner": "platform" },
        requests: { cpu: "100m" },
        limits: { memory: "256Mi" },
        values: { podAnnotations: { "example.com/team": "ci" } },
      }),
    );
    const { env, tolerations, resources, nodeSelector, topologySpreadConstraints } = podOptions(
      plant,
      arg,
    );
    stack.addPool(
      "scale",
      plant("RunnerPoolProps", {
        labels: { team: "ci" },
        namespace: plant("RunnerNamespaceOptions", {
          labels: { "example.com/tier": "ci" },
          annotations: { "example.com/owner": "platform" },
          resourceQuota: { pods: "50" },
          limitRange: plant("LimitRangeOptions", {
            defaultRequests: { cpu: "250m" },
            defaultLimits: { cpu: "1" },
            max: { cpu: "4" },
          }),
        }),
        platform: new ArcRunnerScaleSet(
          plant("ArcRunnerScaleSetProps", {
            controller,
            githubConfigUrl: "https://github.com/example-org",
            githubCredentials: ArcGithubCredentials.fromApp(
              plant("ArcGithubAppCredentials", {
                appId: "123456",
                installationId: "654321",
                privateKey: sensitive(stack, "github_app_private_key"),
              }),
            ),
            maxRunners: 5,
            runnerGroup: "default",
            runnerScaleSetName: "linux-x64",
            labels: ["linux"],
            runnerImage: "ghcr.io/actions/actions-runner:2.334.0",
            podAnnotations: { "example.com/team": "ci" },
            listenerNodeSelector: { pool: "system" },
            githubServerTls: plant("ArcGithubServerTls", {
              configMapName: "ghes-ca",
              key: "ca.crt",
              runnerMountPath: "/usr/local/share/ca-certificates/",
            }),
            proxy: plant("ArcProxy", {
              https: plant("ArcProxyEndpoint", {
                url: "http://proxy.example.com:3128",
                credentialSecretRef: "proxy-credentials",
              }),
              noProxy: ["kubernetes.default.svc"],
            }),
            containerMode: plant("ArcKubernetesContainerMode", {
              type: "kubernetes" as const,
              jobPod: plant("ArcJobPodOptions", {
                nodeSelector: { pool: "jobs" },
                serviceContainerNames: ["redis"],
              }),
              workVolumeClaim: plant("ArcKubernetesContainerMode", {
                storageClassName: "standard",
                size: "10Gi",
              }),
            }),
            env,
            tolerations,
            resources,
            nodeSelector,
            topologySpreadConstraints,
            values: { template: { metadata: { annotations: { "example.com/x": "y" } } } },
          }),
        ),
      }),
    );
    void arg;
  },
};

/** Legacy ARC: controller with the webhook server behind an Ingress, a RunnerDeployment with an HRA. */
const legacy: Baseline = {
  name: "arc legacy",
  build(app, plant, arg) {
    const stack = kubeStack(app, "legacy", plant);
    const controller = new ArcLegacyController(
      stack,
      "arc",
      plant("ArcLegacyControllerProps", {
        githubCredentials: ArcGithubCredentials.fromSecretName(
          arg("ArcGithubCredentials.fromSecretName", 0, "controller-manager"),
        ),
        syncPeriod: "1m",
        defaultScaleDownDelay: "10m",
        namespace: "arc-legacy",
        releaseName: "arc-legacy",
        apiServerCidrs: ["10.0.0.1/32"],
        values: { podAnnotations: { "example.com/team": "ci" } },
        githubWebhookServer: plant("ArcGithubWebhookServerOptions", {
          secretToken: { value: sensitive(stack, "github_webhook_secret") },
          serviceType: "NodePort" as const,
          serviceAnnotations: { "example.com/lb": "internal" },
          ingress: plant("ArcWebhookIngressOptions", {
            className: "nginx",
            hosts: ["arc-webhook.example.com"],
            tlsSecretName: "arc-webhook-tls",
            path: "/",
            annotations: { "example.com/ingress": "public" },
          }),
        }),
      }),
    );
    const { env, tolerations, resources, nodeSelector } = podOptions(plant, arg);
    stack.addPool(
      "legacy",
      plant("RunnerPoolProps", {
        namespace: {
          podSecurity: plant("PodSecurityOptions", {
            enforce: "privileged" as const,
            version: "v1.35",
          }),
        },
        platform: new ArcRunnerDeployment(
          plant("ArcLegacyRunnerOptions", {
            controller,
            organization: "example-org",
            labels: ["linux"],
            group: "default",
            image: "summerwind/actions-runner:v2.334.0-ubuntu-22.04",
            dockerRegistryMirror: "https://mirror.gcr.io",
            workDir: "/runner/_work",
            volumeSizeLimit: "20Gi",
            priorityClassName: "ci",
            env,
            tolerations,
            resources,
            nodeSelector,
            dockerVolumeMounts: [
              plant("VolumeMount", { name: "cache", mountPath: "/cache", subPath: "docker" }),
            ],
            volumes: [{ name: "cache", emptyDir: {} }],
            sidecarContainers: [
              { name: "sidecar", image: "busybox:1.36", env: [{ name: "A", value: "b" }] },
            ],
            autoscaling: plant("HorizontalRunnerAutoscalerOptions", {
              minReplicas: 0,
              maxReplicas: 10,
              metrics: [
                plant("PercentageRunnersBusyMetric", {
                  type: "PercentageRunnersBusy" as const,
                  scaleUpThreshold: "0.75",
                  scaleDownThreshold: "0.25",
                  scaleUpFactor: "2",
                  scaleDownFactor: "0.5",
                }),
                plant("QueuedAndInProgressWorkflowRunsMetric", {
                  type: "TotalNumberOfQueuedAndInProgressWorkflowRuns" as const,
                  repositoryNames: ["web"],
                }),
              ],
              scaleUpTriggers: [
                plant("HraScaleUpTrigger", { githubEvent: { workflowJob: {} }, duration: "30m" }),
              ],
              scheduledOverrides: [
                plant("HraScheduledOverride", {
                  startTime: "2025-01-06T08:00:00+01:00",
                  endTime: "2025-01-06T18:00:00+01:00",
                  minReplicas: 1,
                  recurrenceRule: plant("HraRecurrenceRule", {
                    frequency: "Daily" as const,
                    untilTime: "2026-01-01T00:00:00Z",
                  }),
                }),
              ],
            }),
          }),
        ),
      }),
    );
  },
};

/** A custom chart from a repository, a release of an OCI chart, and a Kubiya runner. */
const charts: Baseline = {
  name: "charts",
  build(app, plant, arg) {
    const stack = kubeStack(app, "charts", plant);
    const token = new TerraformVariable(stack, "token_ref", { type: "string", sensitive: true });
    stack.addPool(
      "gitlab",
      plant("RunnerPoolProps", {
        namespaceName: "gitlab",
        platform: new CustomChartRunner(
          plant("CustomChartRunnerProps", {
            chart: ChartSource.fromRepository(
              arg("ChartSource.fromRepository", 0, "https://charts.gitlab.io"),
              arg("ChartSource.fromRepository", 1, "gitlab-runner"),
              arg("ChartSource.fromRepository", 2, "0.71.0"),
            ),
            releaseName: "gitlab-runner",
            values: { gitlabUrl: "https://gitlab.com", runners: { config: "[[runners]]\n" } },
            sensitiveValues: {
              runnerToken: SensitiveValue.fromSecretReference(
                arg("SensitiveValue.fromSecretReference", 0, token.stringValue),
              ),
            },
            podLabelsValuesPath: "podLabels",
            serviceAccounts: [
              plant("CustomChartServiceAccount", {
                id: "runner",
                name: "gitlab-runner",
                valuesPath: "rbac",
              }),
            ],
          }),
        ),
      }),
    );
    new RunnerRelease(
      stack,
      "Oci",
      plant("RunnerReleaseProps", {
        namespace: RunnerNamespace.fromNamespaceName(
          stack,
          "Ns",
          arg("RunnerNamespace.fromNamespaceName", 0, "ci"),
        ),
        releaseName: "oci-chart",
        description: "an OCI chart",
        chart: ChartSource.fromOci(
          arg("ChartSource.fromOci", 0, "oci://ghcr.io/example/charts"),
          arg("ChartSource.fromOci", 1, "runner"),
          arg("ChartSource.fromOci", 2, "1.2.3"),
        ),
        values: { replicaCount: 1 },
      }),
    );
    stack.addPool(
      "kubiya",
      plant("RunnerPoolProps", {
        namespaceName: "kubiya",
        namespace: { podSecurity: "privileged" as const },
        platform: new KubiyaRunner(
          plant("KubiyaRunnerProps", {
            organization: "acme",
            uuid: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
            runnerName: "ci-runner",
            nats: plant("KubiyaNats", {
              jwt: sensitive(stack, "nats_jwt"),
              secondJwt: sensitive(stack, "nats_second_jwt"),
              subject: "kubiya.metrics.acme.ci-runner",
            }),
            registryTls: plant("KubiyaRegistryTls", {
              certificateBase64: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==",
              keyBase64: sensitive(stack, "registry_tls_key"),
            }),
            metrics: plant("KubiyaMetricsOptions", { scrapeFromNamespaces: ["monitoring"] }),
            values: { extra: { note: "n" } },
          }),
        ),
      }),
    );
  },
};

export const BASELINES: readonly Baseline[] = [scaleSet, legacy, charts];
