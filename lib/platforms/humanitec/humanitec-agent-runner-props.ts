import type { TerraformProvider } from "cdktf";
import type { RunnerNamespaceOptions } from "../../kubernetes/runner-namespace";
import type { ChartSource } from "../../release/chart-source";
import type { SecretKeyRef } from "../../release/sensitive-value";
import type { IAgentKey } from "./agent-key";
import type { KubernetesAgentRunnerStateStorage } from "./orchestrator/kubernetes-agent-runner";

/** Role of the namespace where the agent's Jobs run. */
export const HUMANITEC_JOBS_ROLE = "jobs";

/** The public chart location. */
export const HUMANITEC_CHART_REGISTRY = "oci://ghcr.io/humanitec/charts";
/** The chart name (a self-hosted registry must use the same name). */
export const HUMANITEC_CHART_NAME = "humanitec-kubernetes-agent-runner";
/** Key of the agent's private key inside its Secret (fixed by the chart / upstream module). */
export const HUMANITEC_PRIVATE_KEY_KEY = "private_key";

/** Default name of the agent's service account. */
export const DEFAULT_RUNNER_SERVICE_ACCOUNT = "humanitec-kubernetes-agent-runner";
/** Default name of the jobs' service account. */
export const DEFAULT_JOB_SERVICE_ACCOUNT = "humanitec-kubernetes-agent-runner-job";

/** Who creates the service accounts and RBAC. */
export type HumanitecRbacMode =
  /**
   * This library: both service accounts, a least-privilege Role for the agent in the jobs
   * namespace, and one for the jobs (Kubernetes state storage only). The chart's
   * `serviceAccount.create`, `rbac.create` and `jobsRbac.create` are turned off.
   */
  | "library"
  /**
   * The chart, as in Humanitec's own module. The identity annotations then go into
   * `serviceAccount.annotations`, which the chart puts on both service accounts.
   */
  | "chart";

/** The pod template the agent applies to its job pods (the job container is `main`). */
export interface HumanitecJobPodTemplate {
  /**
   * Labels of job pods (identity pod labels, e.g. AKS `azure.workload.identity/use`, are added).
   * @default only the identity's pod labels
   */
  readonly labels?: Record<string, string>;
  /** Annotations of job pods. @default none */
  readonly annotations?: Record<string, string>;
  /** Image of the `main` container (self-hosted registries). @default the Orchestrator's default runner image */
  readonly image?: string;
  /** Plain environment variables of `main`. Nothing secret: use `secretEnv`. @default none */
  readonly env?: Record<string, string>;
  /**
   * Secret environment variables of `main`, each from an existing Secret in the jobs
   * namespace (`valueFrom.secretKeyRef`). `TF_VAR_` names feed Terraform variables.
   * @default none
   */
  readonly secretEnv?: Record<string, SecretKeyRef>;
  /** Image pull secrets (names of Secrets in the jobs namespace). @default none */
  readonly imagePullSecrets?: string[];
  /** More pod spec fields, merged last (escape hatch). Never secrets. @default none */
  readonly extraSpec?: Record<string, unknown>;
}

/** A runner rule: which deployments the runner executes. */
export interface HumanitecRunnerRule {
  /** Project id. @default any project */
  readonly projectId?: string;
  /** Environment type id. @default any environment type */
  readonly envTypeId?: string;
}

/** Props of {@link HumanitecAgentRunner}. */
export interface HumanitecAgentRunnerProps {
  /** Humanitec organization id (`humanitec.orgId`). */
  readonly orgId: string;
  /** Runner id, registered with the Orchestrator (`humanitec.runnerId`). */
  readonly runnerId: string;
  /** Description of the registered runner (≤ 200 characters). @default none */
  readonly description?: string;
  /**
   * The chart, pinned. Use {@link HumanitecAgentRunner.chart} for ghcr.io or your own OCI
   * registry (credentials through the helm provider's `registries`).
   */
  readonly chart: ChartSource;
  /**
   * The agent's ed25519 key pair: the private key in a Secret of the runner namespace (key
   * `private_key`, `humanitec.existingSecret`), the public key registered with the Orchestrator.
   * `AgentKey.fromExistingSecret(...)` keeps the private key out of Terraform entirely;
   * `GeneratedAgentKey` (subpath `cdktf-runner-pools/tls`) generates it, into the state.
   */
  readonly agentKey: IAgentKey;
  /** Agent image, for self-hosted registries (`image.repository` / `image.tag`). @default the chart's */
  readonly image?: {
    /** `image.repository`. @default the chart's */
    readonly repository?: string;
    /** `image.tag`. @default the chart's */
    readonly tag?: string;
  };
  /** URL of a self-hosted Orchestrator API, passed as `REMOTE_URL`. @default the SaaS endpoint */
  readonly orchestratorUrl?: string;
  /** More agent environment variables (`humanitec.extraEnvVars`). Nothing secret. @default none */
  readonly extraEnvVars?: Record<string, string>;
  /** Agent service account. @default "humanitec-kubernetes-agent-runner" */
  readonly runnerServiceAccountName?: string;
  /** Namespace of the jobs; may equal the pool namespace. @default "<pool>-jobs" */
  readonly jobNamespaceName?: string;
  /**
   * Options of the jobs namespace (ignored when it is the pool namespace).
   * @default Pod Security enforce "baseline", audit/warn "restricted"; deny-by-default network policy
   */
  readonly jobNamespace?: RunnerNamespaceOptions;
  /** Service account of the jobs (the one the cloud identity binds). @default "humanitec-kubernetes-agent-runner-job" */
  readonly jobServiceAccountName?: string;
  /** Job pod template. @default only the identity's pod labels */
  readonly jobPodTemplate?: HumanitecJobPodTemplate;
  /** Where deployments keep their Terraform state. @default Kubernetes Secrets in the jobs namespace */
  readonly stateStorage?: KubernetesAgentRunnerStateStorage;
  /** Who creates service accounts and RBAC. @default "library" */
  readonly rbac?: HumanitecRbacMode;
  /** Register the runner with the Orchestrator (`platform-orchestrator_kubernetes_agent_runner`). @default true */
  readonly register?: boolean;
  /**
   * The `platform-orchestrator` provider to register with.
   * @default a provider `PlatformOrchestrator` created in the pool, with `orgId`
   */
  readonly provider?: TerraformProvider;
  /** Runner rules created with the registration. @default none */
  readonly runnerRules?: HumanitecRunnerRule[];
  /** Helm release name. @default "humanitec-kubernetes-agent-runner" */
  readonly releaseName?: string;
  /**
   * Wait for the agent to become ready (and roll back if it does not). Set `false` for a
   * first deploy when the private-key Secret is created only after the pool's namespace
   * exists: the agent then starts as soon as the Secret appears.
   * @default true
   */
  readonly waitForAgent?: boolean;
}
