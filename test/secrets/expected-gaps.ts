// Inputs the canary suite does not plant, and planted inputs known to leak: each NAMED, with a
// reason, and printed by the suite (never a silent skip). An input the API report adds that is
// neither planted nor listed here fails the suite.

interface NotPlanted {
  readonly reason: string;
  readonly matches: (id: string) => boolean;
}

const owners =
  (...names: string[]) =>
  (id: string) =>
    names.includes(id.split(/[.(]/)[0]);

/** Inputs without a planting path in test/secrets/baselines.ts. */
export const NOT_PLANTED: readonly NotPlanted[] = [
  {
    reason:
      "output or implementer contract, not a user input (returned by the library, or implemented by a platform/identity author); messages built from them are redacted by formatProblem",
    matches: owners(
      "AgentKeyBinding",
      "AksClusterInfo",
      "BoundArcCredentials",
      "BoundArcWebhookCertificates",
      "BoundChart",
      "ChartRbacRole",
      "ClusterConnection",
      "EksClusterInfo",
      "Finding",
      "GkeClusterInfo",
      "HraScaleTarget",
      "IAgentKey",
      "IRunnerNamespace",
      "LegacyTargetInput",
      "NamespaceRequest",
      "Problem",
      "ResolvedServiceAccount",
      "Rule",
      "RunnerPlatform",
      "RunnerPlatformContext",
      "RunnerScaling",
      "ServiceAccountRequest",
      "WorkloadIdentity",
      "WorkloadIdentityBinding",
      "ArcWebhookNames",
    ),
  },
  {
    reason:
      "library data, not a user input: constants the library exports (the Orchestrator flavours, the Humanitec chart generations), flows it computes (arcScaleSetFlows' result, RunnerPool.flows), the suppressions Rules.suppressionsOf returns, and the subject the library passes to WorkloadIdentity.bind",
    matches: owners(
      "ArcFlow",
      "HumanitecChartGeneration",
      "PlatformOrchestratorFlavour",
      "ResolvedFlow",
      "RuleSuppression",
      "ServiceAccountSubject",
    ),
  },
];

/** Planted inputs that still reach the output, with who owns the fix. */
export const EXPECTED_LEAKS: readonly {
  reason: string;
  matches: (id: string, canary: string) => boolean;
}[] = [];
