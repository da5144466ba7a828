// The core entry point, `cdktf-runner-pools`: the public API only (kubernetes + helm bindings).
// Everything else in lib/ is internal: tests import it by deep path, users cannot.
// A change here changes etc/core.api.md (`npm run api`); CI fails on a stale report.

// Rules: findings with stable ids, suppressions with reasons
export { addChecks, report, Rules, RunnerPoolsValidationError } from "./core/rules/report";
export type { Check, Finding, FindingStatus, RuleSuppression } from "./core/rules/report";
export { defineRule, ruleCatalogue } from "./core/rules/rule";
export { disableTokenStackTraces, enableTokenStackTraces } from "./core/token-stack-traces";
export type { Rule, RuleKind, RuleSeverity } from "./core/rules/rule";
export type { Problem } from "./core/rules/problem";
export type { HelmValues } from "./core/yaml";
export { LeanDataSource } from "./core/lean-data-source";

// The pool and the runner platform contract
export { RunnerPool } from "./pool";
export type { RunnerPoolProps } from "./pool";
export { RUNNERS_ROLE } from "./platform";
export type {
  ChartRbacRole,
  NamespaceRequest,
  ResolvedServiceAccount,
  RunnerPlatform,
  RunnerPlatformContext,
  RunnerPlatformPlan,
  RunnerPlatformResources,
  ServiceAccountRequest,
} from "./platform";
export type { RunnerScaling, ScalingMode } from "./scaling";

// Identity and cluster contracts
export type { SubjectRestriction } from "./identity/subject";
export type {
  ServiceAccountSubject,
  WorkloadIdentity,
  WorkloadIdentityBinding,
} from "./identity/workload-identity";
export type { ClusterConnection } from "./kubernetes/cluster-connection";

// Kubernetes building blocks
export { KubeconfigConnection } from "./kubernetes/kubeconfig-connection";
export type {
  HelmRegistryLogin,
  KubeconfigApiServer,
  KubeconfigConnectionProps,
} from "./kubernetes/kubeconfig-connection";
export { RunnerNetworkPolicies } from "./kubernetes/network-policy";
export type { FlowPlacement } from "./kubernetes/network-policy";
export { apiServerFlow, GENERIC_CLUSTER_FLOWS } from "./kubernetes/flows/network-flow";
export type {
  ClusterNetworkFlows,
  FlowDirection,
  FlowPort,
  FlowProtocol,
  FlowRule,
  FlowSource,
  NetworkFlow,
  PoolFlow,
  ResolvedFlow,
} from "./kubernetes/flows/network-flow";
export type {
  NetworkPeer,
  NetworkPort,
  NetworkRule,
  RunnerNetworkPoliciesProps,
  RunnerNetworkPolicyOptions,
} from "./kubernetes/network-policy";
export { EnvValue } from "./kubernetes/env-value";
export type { EnvSecretSource } from "./kubernetes/env-value";
export type {
  EnvVar,
  ResourceRequirements,
  Toleration,
  TopologySpreadConstraint,
  VolumeMount,
} from "./kubernetes/pod-options";
export type { AllowWildcards, PolicyRule } from "./kubernetes/rbac";
export { RoleGrant } from "./kubernetes/role-grant";
export type { RoleGrantProps } from "./kubernetes/role-grant";
export { RunnerNamespace } from "./kubernetes/runner-namespace";
export type {
  IRunnerNamespace,
  LimitRangeOptions,
  PodSecurityLevel,
  PodSecurityOptions,
  RunnerNamespaceOptions,
  RunnerNamespaceProps,
} from "./kubernetes/runner-namespace";
export { RunnerServiceAccount } from "./kubernetes/runner-service-account";
export type { RunnerServiceAccountProps } from "./kubernetes/runner-service-account";

// Helm releases, charts, secrets by reference
export { ChartSource } from "./release/chart-source";
export type { BoundChart } from "./release/chart-source";
export type { KubernetesObject } from "./release/manifest-chart";
export { RunnerRelease } from "./release/runner-release";
export type { RunnerReleaseProps } from "./release/runner-release";
export { SensitiveValue } from "./release/sensitive-value";
export type { SecretKeyRef } from "./release/sensitive-value";

// Platform: any chart
export { CustomChartRunner } from "./platforms/custom-chart/custom-chart-runner";
export type {
  CustomChartRunnerProps,
  CustomChartServiceAccount,
} from "./platforms/custom-chart/custom-chart-runner";

// Platform: GitHub ARC runner scale sets
export { ArcRunnerScaleSet } from "./platforms/arc/scale-set/runner-scale-set";
export type {
  ArcContainerMode,
  ArcDindContainerMode,
  ArcKubernetesContainerMode,
  ArcGithubServerTls,
  ArcKubernetesModeOptions,
  ArcKubernetesNoVolumeContainerMode,
  ArcProxy,
  ArcProxyEndpoint,
  ArcRunnerScaleSetProps,
} from "./platforms/arc/scale-set/runner-scale-set";
export { ARC_DEFAULT_RUNNER_IMAGE } from "./platforms/arc/scale-set/runner-scale-set";
export type { ArcJobPodOptions } from "./platforms/arc/scale-set/job-pod-template";
export { arcScaleSetFlows } from "./platforms/arc/shared/arc-flows";
export type { ArcFlow, ArcScaleSetFlowInput } from "./platforms/arc/shared/arc-flows";
export {
  ARC_SCALE_SET_CHART_REGISTRY,
  ARC_SCALE_SET_CHART_VERSION,
  ARC_SCALE_SET_METRICS_PORT,
  ArcScaleSetController,
} from "./platforms/arc/scale-set/scale-set-controller";
export type { ArcScaleSetControllerProps } from "./platforms/arc/scale-set/scale-set-controller";
export { ArcGithubCredentials } from "./platforms/arc/shared/github-credentials";
export type {
  ArcGithubAppCredentials,
  BoundArcCredentials,
} from "./platforms/arc/shared/github-credentials";

// Platform: GitHub ARC legacy mode (summerwind CRDs)
export {
  ARC_ADMISSION_WEBHOOK_PORT,
  ARC_GITHUB_WEBHOOK_SERVER_PORT,
  ARC_LEGACY_CHART_REPOSITORY,
  ARC_LEGACY_CHART_VERSION,
  ARC_LEGACY_METRICS_PORT,
  ArcLegacyController,
} from "./platforms/arc/legacy/legacy-controller";
export type {
  ArcGithubWebhookServerOptions,
  ArcLegacyControllerProps,
  ArcWebhookIngressOptions,
  ArcWebhookSecretToken,
} from "./platforms/arc/legacy/legacy-controller";
export { ArcLegacyRunnerPlatform } from "./platforms/arc/legacy/legacy-runner-platform";
export type {
  ArcLegacyRunnerProps,
  LegacyTargetInput,
} from "./platforms/arc/legacy/legacy-runner-platform";
export { ArcRunnerDeployment } from "./platforms/arc/legacy/runner-deployment";
export { ArcRunnerSet } from "./platforms/arc/legacy/runner-set";
export type {
  ArcLegacyRunnerOptions,
  KubernetesFragment,
} from "./platforms/arc/legacy/runner-spec";
export type {
  HorizontalRunnerAutoscalerOptions,
  HraMetric,
  HraRecurrenceRule,
  HraScaleTarget,
  HraScaleUpTrigger,
  HraScheduledOverride,
  PercentageRunnersBusyMetric,
  QueuedAndInProgressWorkflowRunsMetric,
} from "./platforms/arc/legacy/horizontal-runner-autoscaler";
export type { RecurrenceFrequency } from "./platforms/arc/legacy/time-formats";
export { ArcWebhookCertificates } from "./platforms/arc/legacy/webhook-certificates";
export type {
  ArcWebhookNames,
  BoundArcWebhookCertificates,
} from "./platforms/arc/legacy/webhook-certificates";

// Platform: Humanitec Platform Orchestrator kubernetes-agent runner
export { AgentKey } from "./platforms/humanitec/agent-key";
export type {
  AgentKeyBinding,
  ExistingAgentKeyProps,
  IAgentKey,
} from "./platforms/humanitec/agent-key";
export { HumanitecAgentRunner } from "./platforms/humanitec/humanitec-agent-runner";
export {
  HUMANITEC_CHART_NAME,
  HUMANITEC_CHART_REGISTRY,
  HUMANITEC_JOB_NAME_LABEL,
  HUMANITEC_PRIVATE_KEY_KEY,
  PLATFORM_ORCHESTRATOR_CHART_NAME,
  PLATFORM_ORCHESTRATOR_CHART_REGISTRY,
  PLATFORM_ORCHESTRATOR_JOB_NAME_LABEL,
} from "./platforms/humanitec/humanitec-agent-runner-props";
export { HUMANITEC_CHART_GENERATIONS } from "./platforms/humanitec/humanitec-chart";
export type {
  HumanitecChartGeneration,
  HumanitecTransportType,
} from "./platforms/humanitec/humanitec-chart";
export type {
  HumanitecAgentRunnerProps,
  HumanitecGatewayTransport,
  HumanitecJobPodTemplate,
  HumanitecNatsTransport,
  HumanitecOutbox,
  HumanitecPrivateKeyTransport,
  HumanitecRunnerTransport,
  HumanitecRbacMode,
  HumanitecRunnerRule,
} from "./platforms/humanitec/humanitec-agent-runner-props";
export { KubernetesAgentRunnerResource } from "./platforms/humanitec/orchestrator/kubernetes-agent-runner";
export type {
  KubernetesAgentRunnerConfiguration,
  KubernetesAgentRunnerJob,
  KubernetesAgentRunnerResourceConfig,
  KubernetesAgentRunnerStateStorage,
} from "./platforms/humanitec/orchestrator/kubernetes-agent-runner";
export {
  PLATFORM_ORCHESTRATOR_FLAVOURS,
  PLATFORM_ORCHESTRATOR_SOURCE,
  PLATFORM_ORCHESTRATOR_VERSION,
  PlatformOrchestratorProvider,
  SELF_HOSTED_ORCHESTRATOR_SOURCE,
  SELF_HOSTED_ORCHESTRATOR_VERSION,
} from "./platforms/humanitec/orchestrator/provider";
export type {
  PlatformOrchestratorFlavour,
  PlatformOrchestratorKind,
  PlatformOrchestratorProviderConfig,
} from "./platforms/humanitec/orchestrator/provider";
export { RunnerRuleResource } from "./platforms/humanitec/orchestrator/runner-rule";
export type { RunnerRuleResourceConfig } from "./platforms/humanitec/orchestrator/runner-rule";

// Platform: Kubiya runner
export {
  KUBIYA_CHART_NAME,
  KUBIYA_CHART_REPOSITORY,
  KUBIYA_CHART_VERSION,
  KubiyaRunner,
} from "./platforms/kubiya/kubiya-runner";
export type {
  KubiyaMetricsOptions,
  KubiyaNats,
  KubiyaRegistryTls,
  KubiyaRunnerProps,
  KubiyaTelemetry,
} from "./platforms/kubiya/kubiya-runner";

// Platform: Sophos Factory runner pool
export { SophosFactoryRunner } from "./platforms/sophos-factory/sophos-factory-runner";
export type {
  SophosFactoryRunnerProps,
  SophosRunnerImage,
  SophosRunnerResources,
  SophosValuesLayout,
} from "./platforms/sophos-factory/sophos-factory-runner";
