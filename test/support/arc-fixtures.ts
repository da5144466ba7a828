// Stacks that exercise every ARC option, shared by the conformance and behaviour tests.
import { App, TerraformVariable, Testing } from "cdktf";
import { HorizontalRunnerAutoscalerOptions } from "../../lib/platforms/arc/legacy/horizontal-runner-autoscaler";
import { checkHorizontalRunnerAutoscaler } from "../../lib/platforms/arc/legacy/hra-rules";
import { ArcLegacyController } from "../../lib/platforms/arc/legacy/legacy-controller";
import { ArcRunnerDeployment } from "../../lib/platforms/arc/legacy/runner-deployment";
import { ArcRunnerSet } from "../../lib/platforms/arc/legacy/runner-set";
import { ArcRunnerScaleSet } from "../../lib/platforms/arc/scale-set/runner-scale-set";
import { ArcScaleSetController } from "../../lib/platforms/arc/scale-set/scale-set-controller";
import { ArcGithubCredentials } from "../../lib/platforms/arc/shared/github-credentials";
import { SensitiveValue } from "../../lib/release/sensitive-value";
import { ArcSelfSignedWebhookCertificates } from "../../lib/tls";
import { KubernetesRunnerStack } from "../../stacks/kubernetes-runner-stack";

export function newRunnerStack(id = "test"): KubernetesRunnerStack {
  const app: App = Testing.app();
  return new KubernetesRunnerStack(app, id, {
    kubeconfig: { configPath: "~/.kube/config", context: "test" },
  });
}

/**
 * A stack with a default scale set controller and one pool "ci" of a scale set (4 runners,
 * credentials from Secret "gh"); `namespace` is set on the pool only when given.
 */
export function oneScaleSetStack(
  props: Partial<ConstructorParameters<typeof ArcRunnerScaleSet>[0]> = {},
  controllerProps: ConstructorParameters<typeof ArcScaleSetController>[2] = {},
  namespace?: { podSecurity: "restricted" | "baseline" | "privileged" },
): KubernetesRunnerStack {
  const stack = newRunnerStack();
  const controller = new ArcScaleSetController(stack, "arc", controllerProps);
  stack.addPool("ci", {
    ...(namespace ? { namespace } : {}),
    platform: new ArcRunnerScaleSet({
      controller,
      githubConfigUrl: "https://github.com/org",
      githubCredentials: ArcGithubCredentials.fromSecretName("gh"),
      maxRunners: 4,
      ...props,
    }),
  });
  return stack;
}

/** Rule ids of the HRA checks for options (minReplicas 1, maxReplicas 5 unless given). */
export function hraRuleIds(
  o: Partial<HorizontalRunnerAutoscalerOptions>,
  scope: "repository" | "organization" | "enterprise" = "repository",
): string[] {
  return checkHorizontalRunnerAutoscaler({ minReplicas: 1, maxReplicas: 5, ...o }, scope).map(
    (p) => p.rule.id,
  );
}

/** A stack with a scale set controller and one scale set per container mode. */
export function scaleSetStack(): KubernetesRunnerStack {
  const stack = newRunnerStack("scale-sets");
  const key = new TerraformVariable(stack, "github_app_private_key", {
    type: "string",
    sensitive: true,
  });
  const controller = new ArcScaleSetController(stack, "arc", {
    replicas: 2,
    metrics: true,
    logLevel: "warn",
    logFormat: "text",
    serviceAccountAnnotations: { "example.com/owner": "platform" },
    resources: { requests: { cpu: "100m", memory: "128Mi" } },
    image: {
      repository: "mirror.example.com/actions/gha-runner-scale-set-controller",
      tag: "0.14.2",
    },
    imagePullSecrets: ["mirror-pull"],
    updateStrategy: "eventual",
    k8sClientQps: 20,
    k8sClientBurst: 30,
    excludeLabelPropagationPrefixes: ["argocd.argoproj.io/instance"],
    nodeSelector: { pool: "system" },
    tolerations: [{ key: "system", operator: "Exists", effect: "NoSchedule" }],
    affinity: { nodeAffinity: {} },
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway" },
    ],
    priorityClassName: "system-cluster-critical",
  });
  stack.addPool("dind", {
    namespace: { podSecurity: "privileged" },
    platform: new ArcRunnerScaleSet({
      controller,
      githubConfigUrl: "https://github.com/example-org",
      githubCredentials: ArcGithubCredentials.fromApp({
        appId: "123456",
        installationId: "654321",
        privateKey: SensitiveValue.fromVariable(key),
      }),
      maxRunners: 5,
      runnerGroup: "docker",
      labels: ["docker"],
      containerMode: { type: "dind" },
      nodeSelector: { "kubernetes.io/os": "linux" },
      tolerations: [{ key: "ci", operator: "Exists", effect: "NoSchedule" }],
      podAnnotations: { "example.com/team": "ci" },
      env: [{ name: "RUNNER_DEBUG", value: "1" }],
      listenerResources: { requests: { cpu: "50m" } },
      listenerNodeSelector: { pool: "system" },
      podLabels: { team: "ci" },
      volumes: [{ name: "cache", emptyDir: {} }],
      volumeMounts: [{ name: "cache", mountPath: "/cache" }],
      initContainers: [{ name: "warm", image: "busybox:1.36", command: ["true"] }],
      affinity: { nodeAffinity: {} },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: "topology.kubernetes.io/zone",
          whenUnsatisfiable: "ScheduleAnyway",
        },
      ],
      priorityClassName: "ci-runners",
      imagePullSecrets: ["mirror-pull"],
      proxy: {
        http: { url: "http://proxy.example.com:3128" },
        https: { url: "http://proxy.example.com:3128", credentialSecretRef: "proxy-auth" },
        noProxy: ["10.0.0.0/8"],
        peers: [{ cidr: "10.1.2.3/32" }],
      },
      listenerMetrics: { counters: { gha_started_jobs_total: { labels: ["repository"] } } },
    }),
  });
  stack.addPool("kube", {
    namespace: { podSecurity: "baseline" },
    platform: new ArcRunnerScaleSet({
      controller,
      githubConfigUrl: "https://github.com/example-org/app",
      githubCredentials: ArcGithubCredentials.fromSecretName("arc-github"),
      minRunners: 1,
      maxRunners: 10,
      containerMode: {
        type: "kubernetes",
        workVolumeClaim: { size: "5Gi", storageClassName: "gp3" },
        jobPod: {
          resources: { requests: { cpu: "1" } },
          nodeSelector: { pool: "jobs" },
          tolerations: [{ key: "jobs", operator: "Exists", effect: "NoSchedule" }],
        },
        requireJobContainer: false,
      },
    }),
  });
  stack.addPool("novolume", {
    platform: new ArcRunnerScaleSet({
      controller,
      githubConfigUrl: "https://github.com/enterprises/example",
      githubCredentials: ArcGithubCredentials.fromSecretName("arc-github"),
      maxRunners: 3,
      containerMode: { type: "kubernetes-novolume" },
    }),
    namespace: { podSecurity: "baseline" },
  });
  stack.addPool("restricted-jobs", {
    platform: new ArcRunnerScaleSet({
      controller,
      githubConfigUrl: "https://ghe.example.com:8443/example-org",
      githubCredentials: ArcGithubCredentials.fromSecretName("arc-github"),
      maxRunners: 3,
      githubServerTls: { configMapName: "ghe-ca", key: "ca.crt" },
      containerMode: {
        type: "kubernetes",
        workVolumeClaim: { size: "5Gi" },
        jobPod: { restricted: true, serviceContainerNames: ["redis"] },
      },
    }),
  });
  return stack;
}

/** A stack with the legacy controller (webhook server, ingress, self-signed CA) and both target kinds. */
export function legacyStack(): KubernetesRunnerStack {
  const stack = newRunnerStack("legacy");
  const token = new TerraformVariable(stack, "webhook_token", { type: "string", sensitive: true });
  const controller = new ArcLegacyController(stack, "arc-legacy", {
    githubCredentials: ArcGithubCredentials.fromSecretName("controller-manager"),
    syncPeriod: "30s",
    defaultScaleDownDelay: "5m",
    certificates: new ArcSelfSignedWebhookCertificates(),
    githubWebhookServer: {
      secretToken: { value: SensitiveValue.fromVariable(token) },
      serviceType: "ClusterIP",
      ingress: {
        className: "nginx",
        hosts: ["arc-webhook.example.com"],
        tlsSecretName: "arc-webhook-tls",
        path: "/",
      },
      allowFrom: [{ namespaceLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } }],
      logLevel: "info",
      useRunnerGroupsVisibility: true,
      queueLimit: 200,
      resources: { requests: { cpu: "50m" } },
      nodeSelector: { pool: "system" },
      tolerations: [{ key: "system", operator: "Exists", effect: "NoSchedule" }],
      affinity: { nodeAffinity: {} },
      priorityClassName: "system-cluster-critical",
    },
    metricsScrapers: [{ namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" } }],
    logLevel: "warn",
    image: {
      repository: "mirror.example.com/summerwind/actions-runner-controller",
      tag: "v0.27.6",
    },
    imagePullSecrets: ["mirror-pull"],
    resources: { requests: { cpu: "100m" } },
    nodeSelector: { pool: "system" },
    tolerations: [{ key: "system", operator: "Exists", effect: "NoSchedule" }],
    affinity: { nodeAffinity: {} },
    priorityClassName: "system-cluster-critical",
  });
  stack.addPool("deploy", {
    namespace: { podSecurity: "privileged" },
    platform: new ArcRunnerDeployment({
      controller,
      organization: "example-org",
      labels: ["linux", "docker"],
      group: "ci",
      ephemeral: true,
      dockerEnabled: true,
      dockerMTU: 1400,
      dockerRegistryMirror: "https://mirror.gcr.io",
      image: "summerwind/actions-runner-dind:v2.311.0-ubuntu-22.04",
      imagePullPolicy: "IfNotPresent",
      resources: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
      dockerdContainerResources: { requests: { cpu: "500m" } },
      tolerations: [
        { key: "spot", operator: "Exists", effect: "NoExecute", tolerationSeconds: 120 },
      ],
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: "topology.kubernetes.io/zone",
          whenUnsatisfiable: "ScheduleAnyway",
          matchLabels: { app: "runner" },
        },
      ],
      nodeSelector: { "kubernetes.io/os": "linux" },
      priorityClassName: "ci-runners",
      runtimeClassName: "runc",
      seLinuxOptions: { level: "s0:c123,c456" },
      volumes: [{ name: "cache", emptyDir: {} }],
      volumeMounts: [{ name: "cache", mountPath: "/cache" }],
      dockerVolumeMounts: [{ name: "cache", mountPath: "/var/lib/docker-cache" }],
      workDir: "/runner/_work",
      volumeSizeLimit: "20Gi",
      volumeStorageMedium: "",
      sidecarContainers: [{ name: "redis", image: "redis:7", ports: [{ containerPort: 6379 }] }],
      env: [
        { name: "RUNNER_FEATURE", value: "1" },
        { name: "NPM_TOKEN", secretKeyRef: { name: "ci-secrets", key: "npm" } },
      ],
      terminationGracePeriodSeconds: 110,
      gracefulStopTimeoutSeconds: 90,
      autoscaling: {
        minReplicas: 0,
        maxReplicas: 10,
        metrics: [
          {
            type: "PercentageRunnersBusy",
            scaleUpThreshold: "0.75",
            scaleDownThreshold: "0.25",
            scaleUpFactor: "2",
            scaleDownAdjustment: 1,
          },
          {
            type: "TotalNumberOfQueuedAndInProgressWorkflowRuns",
            repositoryNames: ["app"],
          },
        ],
        scaleUpTriggers: [{ githubEvent: { workflowJob: {} }, duration: "30m" }],
        scheduledOverrides: [
          {
            startTime: "2025-01-04T00:00:00+09:00",
            endTime: "2025-01-06T00:00:00+09:00",
            minReplicas: 0,
            recurrenceRule: { frequency: "Weekly", untilTime: "2026-01-01T00:00:00+09:00" },
          },
          { startTime: "2025-12-24T00:00:00Z", endTime: "2025-12-27T00:00:00Z", minReplicas: 0 },
        ],
        scaleDownDelaySecondsAfterScaleOut: 300,
      },
    }),
  });
  stack.addPool("set", {
    namespace: { podSecurity: "privileged" },
    platform: new ArcRunnerSet({
      controller,
      repository: "example-org/app",
      labels: ["set"],
      dockerdWithinRunnerContainer: true,
      image: "summerwind/actions-runner-dind:latest",
      resources: { requests: { cpu: "1" } },
      tolerations: [{ key: "ci", operator: "Equal", value: "true", effect: "NoSchedule" }],
      volumes: [{ name: "tmp", emptyDir: { medium: "Memory" } }],
      volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
      sidecarContainers: [
        { name: "sidecar", image: "busybox:1.36", command: ["sleep", "infinity"] },
      ],
      terminationGracePeriodSeconds: 60,
      gracefulStopTimeoutSeconds: 45,
      workDir: "/runner/_work",
      volumeSizeLimit: "10Gi",
      volumeStorageMedium: "Memory",
      autoscaling: {
        minReplicas: 1,
        maxReplicas: 4,
        metrics: [{ type: "TotalNumberOfQueuedAndInProgressWorkflowRuns" }],
      },
    }),
  });
  stack.addPool("fixed", {
    namespace: { podSecurity: "baseline" },
    platform: new ArcRunnerDeployment({
      controller,
      enterprise: "example",
      dockerEnabled: false,
      replicas: 2,
    }),
  });
  stack.addPool("kube-legacy", {
    namespace: { podSecurity: "baseline" },
    platform: new ArcRunnerDeployment({
      controller,
      organization: "example-org",
      image: "summerwind/actions-runner:v2.310.2-ubuntu-22.04",
      containerMode: {
        type: "kubernetes",
        workVolumeClaimTemplate: { size: "10Gi", storageClassName: "standard" },
      },
      githubApiCredentialsSecretName: "team-app",
      replicas: 1,
    }),
  });
  return stack;
}
