// Scenarios of the ARC rules (lib/platforms/arc/**): scale sets, the legacy controller,
// legacy runners and their HorizontalRunnerAutoscaler. Each builds a small stack with
// the fixtures of test/support/arc-fixtures.ts; `valid` applies the rule's example.
import { TerraformVariable } from "cdktf";
import {
  ArcLegacyController,
  ArcLegacyControllerProps,
} from "../../../lib/platforms/arc/legacy/legacy-controller";
import {
  ARC_LEGACY_GHES_URL,
  ARC_LEGACY_GO_DURATION,
  ARC_LEGACY_WEBHOOK_CA_BUNDLE,
  ARC_LEGACY_WEBHOOK_CERT_RENEWAL,
  ARC_LEGACY_WEBHOOK_CERT_VALIDITY,
  ARC_LEGACY_WEBHOOK_INGRESS_HOST_NAME,
  ARC_LEGACY_WEBHOOK_INGRESS_HOSTS,
  ARC_LEGACY_WEBHOOK_INGRESS_PATH,
  ARC_LEGACY_WEBHOOK_INGRESS_TLS,
  ARC_LEGACY_WEBHOOK_NODE_PORT_RANGE,
  ARC_LEGACY_WEBHOOK_NODE_PORT_TYPE,
} from "../../../lib/platforms/arc/legacy/controller-rules";
import type { ArcWebhookIngressOptions } from "../../../lib/platforms/arc/legacy/github-webhook-server";
import type {
  HorizontalRunnerAutoscalerOptions,
  HraScheduledOverride,
} from "../../../lib/platforms/arc/legacy/horizontal-runner-autoscaler";
import {
  ARC_HRA_BUSY_ADJUSTMENT,
  ARC_HRA_BUSY_FACTOR_OR_ADJUSTMENT,
  ARC_HRA_BUSY_FACTOR_RANGE,
  ARC_HRA_BUSY_NUMBER,
  ARC_HRA_BUSY_SCALE_DOWN_ZERO,
  ARC_HRA_BUSY_THRESHOLD_ORDER,
  ARC_HRA_BUSY_THRESHOLD_RANGE,
} from "../../../lib/platforms/arc/legacy/hra-busy-metric-rules";
import {
  ARC_HRA_METRIC_COUNT,
  ARC_HRA_METRIC_ORDER,
  ARC_HRA_METRIC_TYPE,
  ARC_HRA_QUEUED_ENTERPRISE,
  ARC_HRA_QUEUED_REPOSITORY_NAME,
  ARC_HRA_QUEUED_REPOSITORY_NAMES,
} from "../../../lib/platforms/arc/legacy/hra-metric-rules";
import {
  ARC_HRA_MIN_ABOVE_MAX,
  ARC_HRA_MIN_ZERO,
  ARC_HRA_REPLICA_COUNT,
  ARC_HRA_SCALE_DOWN_DELAY,
} from "../../../lib/platforms/arc/legacy/hra-replica-rules";
import {
  ARC_HRA_OVERRIDE_FREQUENCY,
  ARC_HRA_OVERRIDE_MIN_REPLICAS,
  ARC_HRA_OVERRIDE_TIME_FORMAT,
  ARC_HRA_OVERRIDE_UNTIL,
  ARC_HRA_OVERRIDE_WINDOW,
  ARC_HRA_OVERRIDE_WINDOW_LENGTH,
} from "../../../lib/platforms/arc/legacy/hra-schedule-rules";
import {
  ARC_HRA_TRIGGER_AMOUNT,
  ARC_HRA_TRIGGER_COUNT,
  ARC_HRA_TRIGGER_DURATION,
  ARC_HRA_TRIGGER_EVENT,
  ARC_HRA_TRIGGER_WEBHOOK_SERVER,
} from "../../../lib/platforms/arc/legacy/hra-trigger-rules";
import { ArcRunnerDeployment } from "../../../lib/platforms/arc/legacy/runner-deployment";
import {
  ARC_LEGACY_DOCKER_MTU,
  ARC_LEGACY_DOCKER_REGISTRY_MIRROR,
  ARC_LEGACY_DOCKER_VOLUME_MOUNTS,
  ARC_LEGACY_DOCKERD_NEEDS_DOCKER,
  ARC_LEGACY_GRACEFUL_STOP,
  ARC_LEGACY_GRACEFUL_STOP_ENV,
  ARC_LEGACY_MANIFEST_LITERAL,
  ARC_LEGACY_REPLICAS,
  ARC_LEGACY_REPLICAS_WITH_AUTOSCALING,
  ARC_LEGACY_REPOSITORY_NAME,
  ARC_LEGACY_RUNNER_TARGET,
  ARC_LEGACY_STOP_SECONDS,
  ARC_LEGACY_WORK_DIR,
} from "../../../lib/platforms/arc/legacy/runner-rules";
import type { ArcLegacyRunnerOptions } from "../../../lib/platforms/arc/legacy/runner-spec";
import { ArcWebhookCertificates } from "../../../lib/platforms/arc/legacy/webhook-certificates";
import {
  ArcRunnerScaleSet,
  ArcRunnerScaleSetProps,
} from "../../../lib/platforms/arc/scale-set/runner-scale-set";
import {
  ARC_SCALE_SET_API_SERVER_PORT,
  ARC_SCALE_SET_CONFIG_URL,
  ARC_SCALE_SET_CONTROLLER_DEFAULT_ACCOUNT,
  ARC_SCALE_SET_CONTROLLER_RATE_LIMIT,
  ARC_SCALE_SET_CONTROLLER_REPLICAS,
  ARC_SCALE_SET_DIND_POD_SECURITY,
  ARC_SCALE_SET_JOB_POD_SECURITY,
  ARC_SCALE_SET_VERSION_LOCKSTEP,
  ARC_SCALE_SET_MIN_ABOVE_MAX,
  ARC_SCALE_SET_RUNNER_COUNT,
  ARC_SCALE_SET_WATCHED_NAMESPACE,
} from "../../../lib/platforms/arc/scale-set/rules";
import {
  ArcScaleSetController,
  ArcScaleSetControllerProps,
} from "../../../lib/platforms/arc/scale-set/scale-set-controller";
import { ArcGithubCredentials } from "../../../lib/platforms/arc/shared/github-credentials";
import {
  ARC_GITHUB_APP_ID,
  ARC_RUNNER_IMAGE_LATEST,
  ARC_RUNNER_LABEL,
  ARC_SECRET_IN_STATE,
  ARC_SECRET_SENSITIVE_SOURCE,
} from "../../../lib/platforms/arc/shared/rules";
import { SensitiveValue } from "../../../lib/release/sensitive-value";
import { ArcSelfSignedWebhookCertificates } from "../../../lib/tls";
import { newRunnerStack } from "../../support/arc-fixtures";
import type { RuleScenario } from "../../support/rule-scenarios";

const BUSY = { type: "PercentageRunnersBusy" } as const;
const QUEUED = { type: "TotalNumberOfQueuedAndInProgressWorkflowRuns" } as const;
const TRIGGER = { githubEvent: { workflowJob: {} }, duration: "30m" } as const;
const WINDOW = { startTime: "2025-01-06T08:00:00+01:00", endTime: "2025-01-06T18:00:00+01:00" };

/** A scale set pool "ci" with its controller. */
function scaleSet(
  props: Partial<ArcRunnerScaleSetProps> = {},
  options: {
    podSecurity?: "restricted" | "privileged";
    controller?: ArcScaleSetControllerProps;
    namespaceName?: string;
  } = {},
) {
  const stack = newRunnerStack("arc-scale-set-rules");
  const controller = new ArcScaleSetController(stack, "arc", options.controller);
  stack.addPool("ci", {
    namespaceName: options.namespaceName,
    namespace: { podSecurity: options.podSecurity ?? "restricted" },
    platform: new ArcRunnerScaleSet({
      controller,
      githubConfigUrl: "https://github.com/my-org",
      githubCredentials: ArcGithubCredentials.fromSecretName("arc-github-app"),
      maxRunners: 10,
      ...props,
    }),
  });
  return stack;
}

/** A scale set whose credentials are built from a variable (sensitive or not) of its stack. */
function scaleSetWithCredentials(
  credentials: (key: SensitiveValue) => ArcGithubCredentials,
  sensitive = true,
) {
  const stack = newRunnerStack("arc-credential-rules");
  const key = new TerraformVariable(stack, "github_app_private_key", { type: "string", sensitive });
  const controller = new ArcScaleSetController(stack, "arc");
  stack.addPool("ci", {
    platform: new ArcRunnerScaleSet({
      controller,
      githubConfigUrl: "https://github.com/my-org",
      githubCredentials: credentials(SensitiveValue.fromVariable(key)),
      maxRunners: 10,
    }),
  });
  return stack;
}

const app = (appId: string) => (privateKey: SensitiveValue) =>
  ArcGithubCredentials.fromApp({ appId, installationId: "654321", privateKey });

/** The legacy controller alone. */
function legacyController(props: Partial<ArcLegacyControllerProps> = {}) {
  const stack = newRunnerStack("arc-legacy-controller-rules");
  new ArcLegacyController(stack, "arc", {
    githubCredentials: ArcGithubCredentials.fromSecretName("controller-manager"),
    ...props,
  });
  return stack;
}

/** The legacy controller with a webhook server Ingress. */
function webhookIngress(ingress: Partial<ArcWebhookIngressOptions> = {}) {
  return legacyController({
    githubWebhookServer: {
      secretToken: { secretName: "github-webhook-token" },
      ingress: {
        className: "nginx",
        hosts: ["arc-webhook.example.com"],
        tlsSecretName: "arc-webhook-tls",
        ...ingress,
      },
    },
  });
}

/** A RunnerDeployment pool "ci" for `my-org/app`, with the legacy controller (and its webhook server). */
function legacyRunners(props: Partial<ArcLegacyRunnerOptions> = {}, webhookServer = false) {
  const stack = newRunnerStack("arc-legacy-runner-rules");
  const controller = new ArcLegacyController(stack, "arc", {
    githubCredentials: ArcGithubCredentials.fromSecretName("controller-manager"),
    githubWebhookServer: webhookServer
      ? { secretToken: { secretName: "github-webhook-token" } }
      : undefined,
  });
  stack.addPool("ci", {
    namespace: { podSecurity: "privileged" },
    platform: new ArcRunnerDeployment({ controller, repository: "my-org/app", ...props }),
  });
  return stack;
}

/** Legacy runners with an autoscaler (1–10, PercentageRunnersBusy unless given). */
function hra(
  autoscaling: Partial<HorizontalRunnerAutoscalerOptions>,
  runner: Partial<ArcLegacyRunnerOptions> = {},
) {
  const options = { minReplicas: 1, maxReplicas: 10, metrics: [BUSY], ...autoscaling };
  return legacyRunners({ ...runner, autoscaling: options }, options.scaleUpTriggers !== undefined);
}

/** Legacy runners with one scheduled override. */
const override = (o: Partial<HraScheduledOverride>) =>
  hra({ scheduledOverrides: [{ ...WINDOW, ...o }] });

export const scenarios: RuleScenario[] = [
  // Shared: credentials and labels
  {
    rule: ARC_SECRET_SENSITIVE_SOURCE,
    invalid: () => scaleSetWithCredentials((t) => ArcGithubCredentials.fromToken(t), false),
    valid: () => scaleSetWithCredentials((t) => ArcGithubCredentials.fromToken(t), true),
  },
  {
    rule: ARC_SECRET_IN_STATE,
    invalid: () => scaleSetWithCredentials(app("123456")),
    valid: () => scaleSet(),
  },
  {
    rule: ARC_GITHUB_APP_ID,
    invalid: () => scaleSetWithCredentials(app("my-app")),
    valid: () => scaleSetWithCredentials(app("123456")),
  },
  {
    rule: ARC_RUNNER_LABEL,
    invalid: () => scaleSet({ labels: ["has space"] }),
    valid: () => scaleSet({ labels: ["gpu"] }),
  },
  // Scale sets
  {
    rule: ARC_SCALE_SET_CONFIG_URL,
    invalid: () => scaleSet({ githubConfigUrl: "github.com/my-org" }),
    valid: () => scaleSet({ githubConfigUrl: "https://github.com/my-org" }),
  },
  {
    rule: ARC_SCALE_SET_RUNNER_COUNT,
    invalid: () => scaleSet({ minRunners: 0, maxRunners: -1 }),
    valid: () => scaleSet({ minRunners: 0, maxRunners: 10 }),
  },
  {
    rule: ARC_SCALE_SET_MIN_ABOVE_MAX,
    invalid: () => scaleSet({ minRunners: 12, maxRunners: 10 }),
    valid: () => scaleSet({ minRunners: 0, maxRunners: 10 }),
  },
  {
    rule: ARC_SCALE_SET_DIND_POD_SECURITY,
    invalid: () => scaleSet({ containerMode: { type: "dind" } }, { podSecurity: "restricted" }),
    valid: () => scaleSet({ containerMode: { type: "dind" } }, { podSecurity: "privileged" }),
  },
  {
    rule: ARC_SCALE_SET_WATCHED_NAMESPACE,
    invalid: () => scaleSet({}, { controller: { watchSingleNamespace: "arc-runners" } }),
    valid: () =>
      scaleSet(
        {},
        { controller: { watchSingleNamespace: "arc-runners" }, namespaceName: "arc-runners" },
      ),
  },
  {
    rule: ARC_SCALE_SET_CONTROLLER_DEFAULT_ACCOUNT,
    invalid: () => scaleSet({}, { controller: { serviceAccountName: "default" } }),
    valid: () => scaleSet({}, { controller: { serviceAccountName: "arc-gha-rs-controller" } }),
  },
  {
    rule: ARC_SCALE_SET_CONTROLLER_REPLICAS,
    invalid: () => scaleSet({}, { controller: { replicas: 0 } }),
    valid: () => scaleSet({}, { controller: { replicas: 2 } }),
  },
  {
    rule: ARC_SCALE_SET_API_SERVER_PORT,
    invalid: () => scaleSet({}, { controller: { apiServerPorts: [443, 0] } }),
    valid: () => scaleSet({}, { controller: { apiServerPorts: [443, 6443] } }),
  },
  // Legacy controller
  {
    rule: ARC_LEGACY_GO_DURATION,
    invalid: () => legacyController({ syncPeriod: "1 minute" }),
    valid: () => legacyController({ syncPeriod: "1m" }),
  },
  {
    rule: ARC_LEGACY_GHES_URL,
    invalid: () => legacyController({ githubEnterpriseServerUrl: "http://github.example.com" }),
    valid: () => legacyController({ githubEnterpriseServerUrl: "https://github.example.com" }),
  },
  {
    rule: ARC_LEGACY_WEBHOOK_NODE_PORT_TYPE,
    invalid: () =>
      legacyController({
        githubWebhookServer: {
          secretToken: { secretName: "github-webhook-token" },
          nodePort: 31080,
        },
      }),
    valid: () =>
      legacyController({
        githubWebhookServer: {
          secretToken: { secretName: "github-webhook-token" },
          serviceType: "NodePort",
          nodePort: 31080,
        },
      }),
  },
  {
    rule: ARC_LEGACY_WEBHOOK_NODE_PORT_RANGE,
    invalid: () =>
      legacyController({
        githubWebhookServer: {
          secretToken: { secretName: "github-webhook-token" },
          serviceType: "NodePort",
          nodePort: 33080,
        },
      }),
    valid: () =>
      legacyController({
        githubWebhookServer: {
          secretToken: { secretName: "github-webhook-token" },
          serviceType: "NodePort",
          nodePort: 31080,
        },
      }),
  },
  {
    rule: ARC_LEGACY_WEBHOOK_INGRESS_HOSTS,
    invalid: () => webhookIngress({ hosts: [] }),
    valid: () => webhookIngress({ hosts: ["arc-webhook.example.com"] }),
  },
  {
    rule: ARC_LEGACY_WEBHOOK_INGRESS_HOST_NAME,
    invalid: () => webhookIngress({ hosts: ["ARC webhook"] }),
    valid: () => webhookIngress({ hosts: ["arc-webhook.example.com"] }),
  },
  {
    rule: ARC_LEGACY_WEBHOOK_INGRESS_PATH,
    invalid: () => webhookIngress({ path: "hooks" }),
    valid: () => webhookIngress({ path: "/" }),
  },
  {
    rule: ARC_LEGACY_WEBHOOK_INGRESS_TLS,
    invalid: () => webhookIngress({ tlsSecretName: undefined }),
    valid: () => webhookIngress({ tlsSecretName: "arc-webhook-tls" }),
  },
  {
    rule: ARC_LEGACY_WEBHOOK_CA_BUNDLE,
    invalid: () =>
      legacyController({
        certificates: ArcWebhookCertificates.fromExistingSecret({ caBundle: "not-a-cert" }),
      }),
    valid: () =>
      legacyController({
        // what `base64 -w0 ca.crt` prints
        certificates: ArcWebhookCertificates.fromExistingSecret({
          caBundle: Buffer.from(
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
          ).toString("base64"),
        }),
      }),
  },
  {
    rule: ARC_LEGACY_WEBHOOK_CERT_VALIDITY,
    invalid: () =>
      legacyController({
        certificates: new ArcSelfSignedWebhookCertificates({
          validityHours: 12,
          earlyRenewalHours: 1,
        }),
      }),
    valid: () =>
      legacyController({
        certificates: new ArcSelfSignedWebhookCertificates({ validityHours: 87600 }),
      }),
  },
  {
    rule: ARC_LEGACY_WEBHOOK_CERT_RENEWAL,
    invalid: () =>
      legacyController({
        certificates: new ArcSelfSignedWebhookCertificates({ earlyRenewalHours: 90000 }),
      }),
    valid: () =>
      legacyController({
        certificates: new ArcSelfSignedWebhookCertificates({ earlyRenewalHours: 720 }),
      }),
  },
  // Legacy runners
  {
    rule: ARC_LEGACY_MANIFEST_LITERAL,
    invalid: () => {
      const stack = legacyRunners();
      const org = new TerraformVariable(stack, "github_org", { type: "string" });
      const controller = stack.node.findChild("arc") as ArcLegacyController;
      stack.addPool("org", {
        namespace: { podSecurity: "privileged" },
        platform: new ArcRunnerDeployment({ controller, organization: org.stringValue }),
      });
      return stack;
    },
    valid: () => legacyRunners({ repository: undefined, organization: "my-org" }),
  },
  {
    rule: ARC_LEGACY_RUNNER_TARGET,
    invalid: () => legacyRunners({ organization: "my-org" }),
    valid: () => legacyRunners({ repository: undefined, organization: "my-org" }),
  },
  {
    rule: ARC_LEGACY_REPOSITORY_NAME,
    invalid: () => legacyRunners({ repository: "app" }),
    valid: () => legacyRunners({ repository: "my-org/app" }),
  },
  {
    rule: ARC_LEGACY_STOP_SECONDS,
    invalid: () => legacyRunners({ terminationGracePeriodSeconds: -1 }),
    valid: () => legacyRunners({ terminationGracePeriodSeconds: 110 }),
  },
  {
    rule: ARC_LEGACY_GRACEFUL_STOP,
    invalid: () =>
      legacyRunners({ terminationGracePeriodSeconds: 60, gracefulStopTimeoutSeconds: 90 }),
    valid: () =>
      legacyRunners({ terminationGracePeriodSeconds: 110, gracefulStopTimeoutSeconds: 90 }),
  },
  {
    rule: ARC_LEGACY_GRACEFUL_STOP_ENV,
    invalid: () =>
      legacyRunners({
        terminationGracePeriodSeconds: 110,
        env: [{ name: "RUNNER_GRACEFUL_STOP_TIMEOUT", value: "90" }],
      }),
    valid: () =>
      legacyRunners({ terminationGracePeriodSeconds: 110, gracefulStopTimeoutSeconds: 90 }),
  },
  {
    rule: ARC_LEGACY_DOCKERD_NEEDS_DOCKER,
    invalid: () => legacyRunners({ dockerdWithinRunnerContainer: true, dockerEnabled: false }),
    valid: () => legacyRunners({ dockerdWithinRunnerContainer: true, dockerEnabled: true }),
  },
  {
    rule: ARC_LEGACY_DOCKER_VOLUME_MOUNTS,
    invalid: () =>
      legacyRunners({
        dockerEnabled: false,
        volumes: [{ name: "cache", emptyDir: {} }],
        dockerVolumeMounts: [{ name: "cache", mountPath: "/cache" }],
      }),
    valid: () =>
      legacyRunners({
        dockerEnabled: false,
        volumes: [{ name: "cache", emptyDir: {} }],
        volumeMounts: [{ name: "cache", mountPath: "/cache" }],
      }),
  },
  {
    rule: ARC_LEGACY_DOCKER_MTU,
    invalid: () => legacyRunners({ dockerMTU: 100 }),
    valid: () => legacyRunners({ dockerMTU: 1400 }),
  },
  {
    rule: ARC_LEGACY_DOCKER_REGISTRY_MIRROR,
    invalid: () => legacyRunners({ dockerRegistryMirror: "mirror.gcr.io" }),
    valid: () => legacyRunners({ dockerRegistryMirror: "https://mirror.gcr.io" }),
  },
  {
    rule: ARC_LEGACY_WORK_DIR,
    invalid: () => legacyRunners({ workDir: "runner/_work" }),
    valid: () => legacyRunners({ workDir: "/runner/_work" }),
  },
  {
    rule: ARC_LEGACY_REPLICAS,
    invalid: () => legacyRunners({ replicas: -1 }),
    valid: () => legacyRunners({ replicas: 2 }),
  },
  {
    rule: ARC_LEGACY_REPLICAS_WITH_AUTOSCALING,
    invalid: () => hra({ minReplicas: 1, maxReplicas: 5 }, { replicas: 2 }),
    valid: () => hra({ minReplicas: 1, maxReplicas: 5 }),
  },
  // HorizontalRunnerAutoscaler: replicas
  {
    rule: ARC_HRA_REPLICA_COUNT,
    invalid: () => hra({ minReplicas: -1 }),
    valid: () => hra({ minReplicas: 1, maxReplicas: 10 }),
  },
  {
    rule: ARC_HRA_MIN_ABOVE_MAX,
    invalid: () => hra({ minReplicas: 12, maxReplicas: 10 }),
    valid: () => hra({ minReplicas: 1, maxReplicas: 10 }),
  },
  {
    rule: ARC_HRA_MIN_ZERO,
    invalid: () => hra({ minReplicas: 0, metrics: [BUSY] }),
    valid: () => hra({ minReplicas: 0, metrics: [BUSY, QUEUED] }),
  },
  {
    rule: ARC_HRA_SCALE_DOWN_DELAY,
    invalid: () => hra({ scaleDownDelaySecondsAfterScaleOut: -5 }),
    valid: () => hra({ scaleDownDelaySecondsAfterScaleOut: 300 }),
  },
  // HorizontalRunnerAutoscaler: metrics
  {
    rule: ARC_HRA_METRIC_TYPE,
    invalid: () => hra({ metrics: [{ type: "CPU" } as unknown as typeof BUSY] }),
    valid: () => hra({ metrics: [QUEUED] }),
  },
  {
    rule: ARC_HRA_METRIC_COUNT,
    invalid: () => hra({ metrics: [BUSY, QUEUED, QUEUED] }),
    valid: () => hra({ metrics: [BUSY, QUEUED] }),
  },
  {
    rule: ARC_HRA_METRIC_ORDER,
    invalid: () => hra({ metrics: [QUEUED, BUSY] }),
    valid: () => hra({ metrics: [BUSY, QUEUED] }),
  },
  {
    rule: ARC_HRA_QUEUED_REPOSITORY_NAMES,
    invalid: () => hra({ metrics: [QUEUED] }, { repository: undefined, organization: "my-org" }),
    valid: () =>
      hra(
        { metrics: [{ ...QUEUED, repositoryNames: ["app", "infra"] }] },
        { repository: undefined, organization: "my-org" },
      ),
  },
  {
    rule: ARC_HRA_QUEUED_REPOSITORY_NAME,
    invalid: () =>
      hra(
        { metrics: [{ ...QUEUED, repositoryNames: ["my-org/app"] }] },
        { repository: undefined, organization: "my-org" },
      ),
    valid: () =>
      hra(
        { metrics: [{ ...QUEUED, repositoryNames: ["app", "infra"] }] },
        { repository: undefined, organization: "my-org" },
      ),
  },
  {
    rule: ARC_HRA_BUSY_SCALE_DOWN_ZERO,
    invalid: () => hra({ metrics: [{ ...BUSY, scaleDownThreshold: "0" }] }),
    valid: () => hra({ metrics: [{ ...BUSY, scaleDownThreshold: "0.3" }] }),
  },
  {
    rule: ARC_RUNNER_IMAGE_LATEST,
    invalid: () => scaleSet({ runnerImage: "ghcr.io/actions/actions-runner:latest" }),
    valid: () => scaleSet({ runnerImage: "ghcr.io/actions/actions-runner:2.334.0" }),
  },
  {
    rule: ARC_SCALE_SET_JOB_POD_SECURITY,
    invalid: () =>
      scaleSet({ containerMode: { type: "kubernetes", workVolumeClaim: { size: "10Gi" } } }),
    valid: () =>
      scaleSet({
        containerMode: {
          type: "kubernetes",
          workVolumeClaim: { size: "10Gi" },
          jobPod: { restricted: true },
        },
      }),
  },
  {
    rule: ARC_SCALE_SET_VERSION_LOCKSTEP,
    invalid: () => scaleSet({ chartVersion: "0.13.1" }),
    valid: () => scaleSet(),
  },
  {
    rule: ARC_SCALE_SET_CONTROLLER_RATE_LIMIT,
    invalid: () => scaleSet({}, { controller: { k8sClientQps: 0 } }),
    valid: () => scaleSet({}, { controller: { k8sClientQps: 20, k8sClientBurst: 30 } }),
  },
  {
    rule: ARC_HRA_QUEUED_ENTERPRISE,
    invalid: () => hra({ metrics: [QUEUED] }, { repository: undefined, enterprise: "my-ent" }),
    valid: () => hra({ metrics: [BUSY] }, { repository: undefined, enterprise: "my-ent" }),
  },
  {
    rule: ARC_HRA_BUSY_NUMBER,
    invalid: () => hra({ metrics: [{ ...BUSY, scaleUpThreshold: "75%" }] }),
    valid: () => hra({ metrics: [{ ...BUSY, scaleUpThreshold: "0.75" }] }),
  },
  {
    rule: ARC_HRA_BUSY_THRESHOLD_RANGE,
    invalid: () => hra({ metrics: [{ ...BUSY, scaleUpThreshold: "80" }] }),
    valid: () =>
      hra({ metrics: [{ ...BUSY, scaleUpThreshold: "0.75", scaleDownThreshold: "0.25" }] }),
  },
  {
    rule: ARC_HRA_BUSY_THRESHOLD_ORDER,
    invalid: () =>
      hra({ metrics: [{ ...BUSY, scaleUpThreshold: "0.5", scaleDownThreshold: "0.6" }] }),
    valid: () =>
      hra({ metrics: [{ ...BUSY, scaleUpThreshold: "0.75", scaleDownThreshold: "0.25" }] }),
  },
  {
    rule: ARC_HRA_BUSY_FACTOR_RANGE,
    invalid: () => hra({ metrics: [{ ...BUSY, scaleUpFactor: "0.9" }] }),
    valid: () => hra({ metrics: [{ ...BUSY, scaleUpFactor: "2", scaleDownFactor: "0.5" }] }),
  },
  {
    rule: ARC_HRA_BUSY_FACTOR_OR_ADJUSTMENT,
    invalid: () => hra({ metrics: [{ ...BUSY, scaleUpFactor: "2", scaleUpAdjustment: 2 }] }),
    valid: () => hra({ metrics: [{ ...BUSY, scaleUpAdjustment: 2 }] }),
  },
  {
    rule: ARC_HRA_BUSY_ADJUSTMENT,
    invalid: () => hra({ metrics: [{ ...BUSY, scaleUpAdjustment: -1 }] }),
    valid: () => hra({ metrics: [{ ...BUSY, scaleUpAdjustment: 2 }] }),
  },
  // HorizontalRunnerAutoscaler: scheduled overrides
  {
    rule: ARC_HRA_OVERRIDE_TIME_FORMAT,
    invalid: () => override({ startTime: "2025-01-06 08:00" }),
    valid: () => override({ startTime: "2025-01-06T08:00:00+01:00" }),
  },
  {
    rule: ARC_HRA_OVERRIDE_WINDOW,
    invalid: () => override({ startTime: WINDOW.endTime, endTime: WINDOW.startTime }),
    valid: () => override({ startTime: WINDOW.startTime, endTime: WINDOW.endTime }),
  },
  {
    rule: ARC_HRA_OVERRIDE_FREQUENCY,
    invalid: () => override({ recurrenceRule: { frequency: "Hourly" as unknown as "Daily" } }),
    valid: () => override({ recurrenceRule: { frequency: "Weekly" } }),
  },
  {
    rule: ARC_HRA_OVERRIDE_WINDOW_LENGTH,
    invalid: () =>
      override({ endTime: "2025-01-08T18:00:00+01:00", recurrenceRule: { frequency: "Daily" } }),
    valid: () =>
      override({ endTime: "2025-01-08T18:00:00+01:00", recurrenceRule: { frequency: "Weekly" } }),
  },
  {
    rule: ARC_HRA_OVERRIDE_UNTIL,
    invalid: () =>
      override({ recurrenceRule: { frequency: "Weekly", untilTime: "2024-12-31T00:00:00Z" } }),
    valid: () =>
      override({ recurrenceRule: { frequency: "Weekly", untilTime: "2025-12-31T00:00:00Z" } }),
  },
  {
    rule: ARC_HRA_OVERRIDE_MIN_REPLICAS,
    invalid: () => override({ minReplicas: -1 }),
    valid: () => override({ minReplicas: 0 }),
  },
  // HorizontalRunnerAutoscaler: webhook triggers
  {
    rule: ARC_HRA_TRIGGER_COUNT,
    invalid: () => hra({ scaleUpTriggers: [TRIGGER, TRIGGER] }),
    valid: () => hra({ scaleUpTriggers: [TRIGGER] }),
  },
  {
    rule: ARC_HRA_TRIGGER_EVENT,
    invalid: () =>
      hra({ scaleUpTriggers: [{ ...TRIGGER, githubEvent: {} as typeof TRIGGER.githubEvent }] }),
    valid: () => hra({ scaleUpTriggers: [{ ...TRIGGER, githubEvent: { workflowJob: {} } }] }),
  },
  {
    rule: ARC_HRA_TRIGGER_DURATION,
    invalid: () => hra({ scaleUpTriggers: [{ ...TRIGGER, duration: "30 minutes" }] }),
    valid: () => hra({ scaleUpTriggers: [{ ...TRIGGER, duration: "30m" }] }),
  },
  {
    rule: ARC_HRA_TRIGGER_AMOUNT,
    invalid: () => hra({ scaleUpTriggers: [{ ...TRIGGER, amount: 3 }] }),
    valid: () => hra({ scaleUpTriggers: [TRIGGER] }),
  },
  {
    rule: ARC_HRA_TRIGGER_WEBHOOK_SERVER,
    invalid: () =>
      legacyRunners({
        autoscaling: { minReplicas: 1, maxReplicas: 10, scaleUpTriggers: [TRIGGER] },
      }),
    valid: () =>
      legacyRunners(
        { autoscaling: { minReplicas: 1, maxReplicas: 10, scaleUpTriggers: [TRIGGER] } },
        true,
      ),
  },
];
