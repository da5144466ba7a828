export { toDeterministicJson } from "./core/json";
export { MANAGED_BY, mergeSorted, sortKeys, standardLabels } from "./core/labels";
export { LeanDataSource } from "./core/lean-data-source";
export { checkDns1123Label, checkDns1123Subdomain, checkMetadataMap } from "./core/names";
export {
  RunnerPoolsValidationError,
  addChecks,
  formatProblem,
  isUnresolved,
  showValue,
} from "./core/validation";
export type { Check, Problem } from "./core/validation";
export {
  escapeTerraformTemplate,
  mergeValues,
  renderYaml,
  toDeterministicYaml,
  valuesAt,
} from "./core/yaml";
export type { HelmValues } from "./core/yaml";
export {
  addBindingChecks,
  checkRestriction,
  checkSubject,
  checkSubjectAllowed,
  subjectClaim,
} from "./identity/subject";
export type { SubjectRestriction } from "./identity/subject";
export type {
  ServiceAccountSubject,
  WorkloadIdentity,
  WorkloadIdentityBinding,
} from "./identity/workload-identity";
export type { ClusterConnection } from "./kubernetes/cluster-connection";
export { KubeconfigConnection } from "./kubernetes/kubeconfig-connection";
export type { KubeconfigConnectionProps } from "./kubernetes/kubeconfig-connection";
export { RunnerNetworkPolicies } from "./kubernetes/network-policy";
export type {
  NetworkPeer,
  NetworkPort,
  NetworkRule,
  RunnerNetworkPoliciesProps,
  RunnerNetworkPolicyOptions,
} from "./kubernetes/network-policy";
export {
  checkEnv,
  checkResources,
  checkTolerations,
  renderEnv,
  renderResources,
  renderTolerations,
  renderTopologySpread,
} from "./kubernetes/pod-options";
export type {
  EnvVar,
  ResourceRequirements,
  Toleration,
  TopologySpreadConstraint,
  VolumeMount,
} from "./kubernetes/pod-options";
export { checkQuantity, checkRequestWithinLimit, parseQuantity } from "./kubernetes/quantity";
export { checkPolicyRules, renderRules } from "./kubernetes/rbac";
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
export { RUNNERS_ROLE } from "./platform";
export type {
  NamespaceRequest,
  ResolvedServiceAccount,
  RunnerPlatform,
  RunnerPlatformContext,
  RunnerPlatformPlan,
  RunnerPlatformResources,
  ServiceAccountRequest,
} from "./platform";
export {
  ARC_LEGACY_API_VERSION,
  renderHorizontalRunnerAutoscaler,
} from "./platforms/arc/legacy/horizontal-runner-autoscaler";
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
export {
  checkHorizontalRunnerAutoscaler,
  ruleMetricOrder,
  rulePercentageRunnersBusy,
  ruleQueuedMetricScope,
  ruleReplicaRange,
  ruleScaleDownDelay,
  ruleScaleFromZero,
  ruleScaleUpTriggers,
  ruleScheduledOverride,
} from "./platforms/arc/legacy/hra-rules";
export type { ArcRunnerScope } from "./platforms/arc/legacy/hra-rules";
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
export {
  checkLegacyRunnerOptions,
  podSecurityContext,
  runnerEnv,
  runnerScope,
} from "./platforms/arc/legacy/runner-spec";
export type {
  ArcLegacyRunnerOptions,
  KubernetesFragment,
} from "./platforms/arc/legacy/runner-spec";
export { addPeriod, parseGoDuration, parseRfc3339 } from "./platforms/arc/legacy/time-formats";
export type { RecurrenceFrequency } from "./platforms/arc/legacy/time-formats";
export { ArcWebhookCertificates } from "./platforms/arc/legacy/webhook-certificates";
export type {
  ArcWebhookNames,
  BoundArcWebhookCertificates,
} from "./platforms/arc/legacy/webhook-certificates";
export { ArcRunnerScaleSet } from "./platforms/arc/scale-set/runner-scale-set";
export type {
  ArcContainerMode,
  ArcDindContainerMode,
  ArcKubernetesContainerMode,
  ArcKubernetesNoVolumeContainerMode,
  ArcRunnerScaleSetProps,
} from "./platforms/arc/scale-set/runner-scale-set";
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
export {
  RESTRICTED_CONTAINER_SECURITY_CONTEXT,
  RESTRICTED_POD_SECURITY_CONTEXT,
  plain,
} from "./platforms/arc/shared/security-context";
export { CustomChartRunner } from "./platforms/custom-chart/custom-chart-runner";
export type {
  CustomChartRunnerProps,
  CustomChartServiceAccount,
} from "./platforms/custom-chart/custom-chart-runner";
export { AgentKey } from "./platforms/humanitec/agent-key";
export type {
  AgentKeyBinding,
  ExistingAgentKeyProps,
  IAgentKey,
} from "./platforms/humanitec/agent-key";
export {
  HUMANITEC_AGENT_RULES,
  HUMANITEC_CHART_NAME,
  HUMANITEC_CHART_REGISTRY,
  HUMANITEC_JOBS_ROLE,
  HUMANITEC_JOB_STATE_RULES,
  HUMANITEC_PRIVATE_KEY_KEY,
  HumanitecAgentRunner,
} from "./platforms/humanitec/humanitec-agent-runner";
export type {
  HumanitecAgentRunnerProps,
  HumanitecJobPodTemplate,
  HumanitecRbacMode,
  HumanitecRunnerRule,
} from "./platforms/humanitec/humanitec-agent-runner";
export {
  KubernetesAgentRunnerResource,
  RUNNER_ID_PATTERN,
  checkRunnerId,
} from "./platforms/humanitec/orchestrator/kubernetes-agent-runner";
export type {
  KubernetesAgentRunnerConfiguration,
  KubernetesAgentRunnerJob,
  KubernetesAgentRunnerResourceConfig,
  KubernetesAgentRunnerStateStorage,
} from "./platforms/humanitec/orchestrator/kubernetes-agent-runner";
export {
  PLATFORM_ORCHESTRATOR_METADATA,
  PLATFORM_ORCHESTRATOR_SOURCE,
  PLATFORM_ORCHESTRATOR_VERSION,
  PlatformOrchestratorProvider,
} from "./platforms/humanitec/orchestrator/provider";
export type { PlatformOrchestratorProviderConfig } from "./platforms/humanitec/orchestrator/provider";
export { RunnerRuleResource } from "./platforms/humanitec/orchestrator/runner-rule";
export type { RunnerRuleResourceConfig } from "./platforms/humanitec/orchestrator/runner-rule";
export {
  KUBIYA_CHART_NAME,
  KUBIYA_CHART_REPOSITORY,
  KUBIYA_CHART_VERSION,
  KUBIYA_DEFAULT_NAMESPACE,
  KUBIYA_RUNNER_RULES,
  KubiyaRunner,
  NATS_DEFAULT_PORT,
} from "./platforms/kubiya/kubiya-runner";
export type {
  KubiyaMetricsOptions,
  KubiyaNats,
  KubiyaRegistryTls,
  KubiyaRunnerProps,
  KubiyaTelemetry,
} from "./platforms/kubiya/kubiya-runner";
export {
  SOPHOS_FACTORY_DEFAULTS,
  SOPHOS_RUNNER_PODS_ROLE,
  SophosFactoryRunner,
} from "./platforms/sophos-factory/sophos-factory-runner";
export type {
  SophosFactoryRunnerProps,
  SophosRunnerImage,
  SophosRunnerResources,
  SophosValuesLayout,
} from "./platforms/sophos-factory/sophos-factory-runner";
export { RunnerPool } from "./pool";
export type { RunnerPoolProps } from "./pool";
export { ChartSource } from "./release/chart-source";
export type { BoundChart } from "./release/chart-source";
export { writeManifestChart } from "./release/manifest-chart";
export type { KubernetesObject, ManifestChart, ManifestChartProps } from "./release/manifest-chart";
export { RunnerRelease } from "./release/runner-release";
export type { RunnerReleaseProps } from "./release/runner-release";
export { findLiteralSecrets } from "./release/secret-detection";
export { SensitiveValue } from "./release/sensitive-value";
export type { SecretKeyRef } from "./release/sensitive-value";
export type { RunnerScaling, ScalingMode } from "./scaling";
