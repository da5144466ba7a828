import type { TerraformProvider } from "cdktf";
import type { EnvVar } from "../../kubernetes/pod-options";
import type { RunnerNamespaceOptions } from "../../kubernetes/runner-namespace";
import type { ChartSource } from "../../release/chart-source";
import type { SecretKeyRef } from "../../release/sensitive-value";
import type { IAgentKey } from "./agent-key";
import type { KubernetesAgentRunnerStateStorage } from "./orchestrator/kubernetes-agent-runner";
import type { PlatformOrchestratorKind } from "./orchestrator/provider";

/** Role of the namespace where the agent's Jobs run. */
export const HUMANITEC_JOBS_ROLE = "jobs";

export {
  HUMANITEC_CHART_NAME,
  HUMANITEC_CHART_REGISTRY,
  PLATFORM_ORCHESTRATOR_CHART_NAME,
  PLATFORM_ORCHESTRATOR_CHART_REGISTRY,
} from "./humanitec-chart";

/** Key of the agent's private key inside its Secret (fixed by Humanitec's chart / upstream module). */
export const HUMANITEC_PRIVATE_KEY_KEY = "private_key";

/** Default name of the agent's service account. */
export const DEFAULT_RUNNER_SERVICE_ACCOUNT = "humanitec-kubernetes-agent-runner";
/** Default name of the jobs' service account. */
export const DEFAULT_JOB_SERVICE_ACCOUNT = "humanitec-kubernetes-agent-runner-job";

/** Default `app.kubernetes.io/name` label of job pods with Humanitec's chart (the official module's default template). */
export const HUMANITEC_JOB_NAME_LABEL = "humanitec-runner";
/** The same with the Platform Orchestrator chart (the module's default since it moved to that chart). */
export const PLATFORM_ORCHESTRATOR_JOB_NAME_LABEL = "platform-orchestrator-runner";

/** Persistent outbound spool of edge mode (`outbox.*`), on a ReadWriteMany volume. */
export interface HumanitecOutbox {
  /** A storage class that provisions ReadWriteMany volumes (`outbox.storageClassName`). */
  readonly storageClassName: string;
  /** Volume size (`outbox.size`). @default "1Gi" */
  readonly size?: string;
}

/**
 * Chart 0.1 (either chart): the agent signs HTTP requests to the Orchestrator with the
 * private key of `agentKey`.
 */
export interface HumanitecPrivateKeyTransport {
  readonly type: "private-key";
}

/**
 * Chart 0.2 (Platform Orchestrator chart): NATS transport (`nats.*`). Credentials only by
 * Secret reference, never as a value.
 */
export interface HumanitecNatsTransport {
  readonly type: "nats";
  /** NATS URL (`nats.url`), `nats://` or `tls://`. */
  readonly url: string;
  /** `nats.mode`: "simple", or "edge" with a persistent outbox. @default "simple" */
  readonly mode?: "simple" | "edge";
  /** Secret in the pool namespace holding the credentials (`nats.existingSecret`). */
  readonly existingSecret: string;
  /**
   * `nats.authType`: a token (data key `nats.tokenKey`) or a NATS credentials file (data key
   * `nats.credentialsKey`).
   */
  readonly auth: {
    readonly type: "token" | "credentials";
    /** Data key in `existingSecret`. @default "token" / "creds" */
    readonly key?: string;
  };
  /** Data key of a private CA in `existingSecret` (`nats.caEnabled`, `nats.caKey`). @default none: public CAs */
  readonly caKey?: string;
  /** Secret with the credentials in the jobs namespace (`nats.jobCredentialsExistingSecret`). @default none */
  readonly jobCredentialsSecret?: string;
  /** Edge mode's outbox (required for "edge"). @default none (outbox off) */
  readonly outbox?: HumanitecOutbox;
}

/**
 * Chart 0.3 (Platform Orchestrator chart): outbound HTTPS to the runner gateway
 * (`gateway.*`); the agent's identity is the private key of `agentKey`.
 */
export interface HumanitecGatewayTransport {
  readonly type: "gateway";
  /** The gateway's https URL (`gateway.url`). */
  readonly url: string;
  /** `gateway.mode`: "simple", or "edge" with a persistent outbox. @default "simple" */
  readonly mode?: "simple" | "edge";
  /** A private CA of the gateway (`gateway.caExistingSecret`, `gateway.caKey`). @default none: public CAs */
  readonly ca?: {
    readonly secretName: string;
    /** Data key of the CA certificate. @default "ca.crt" */
    readonly key?: string;
  };
  /** The same CA in the jobs namespace (`gateway.jobCaExistingSecret`). @default none */
  readonly jobCaSecret?: string;
  /**
   * Mutual TLS: a Secret with the client certificate and key
   * (`gateway.clientCertificateExistingSecret`, `clientCertificateKey`, `clientKeyKey`).
   * @default none
   */
  readonly clientCertificate?: {
    readonly secretName: string;
    /** @default "tls.crt" */
    readonly certificateKey?: string;
    /** @default "tls.key" */
    readonly keyKey?: string;
  };
  /** Edge mode's outbox (required for "edge"). @default none (outbox off) */
  readonly outbox?: HumanitecOutbox;
}

/** How the agent talks to the Orchestrator: one chart generation each. */
export type HumanitecRunnerTransport =
  HumanitecPrivateKeyTransport | HumanitecNatsTransport | HumanitecGatewayTransport;

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
   * Given labels replace the default; `{}` leaves only the identity's labels.
   * @default `app.kubernetes.io/name`: "humanitec-runner" (Platform Orchestrator chart: "platform-orchestrator-runner")
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
   * The chart, pinned: {@link HumanitecAgentRunner.chart} (Humanitec's) or
   * {@link HumanitecAgentRunner.platformOrchestratorChart}, from their registry or your own
   * (credentials through the helm provider's `registries`). Its version must lie in the range
   * of the transport's generation.
   */
  readonly chart: ChartSource;
  /**
   * How the agent reaches the Orchestrator, i.e. which chart generation's values are rendered.
   * @default { type: "private-key" } (chart 0.1)
   */
  readonly transport?: HumanitecRunnerTransport;
  /**
   * The agent's ed25519 key pair: the private key in a Secret of the runner namespace
   * (`humanitec.existingSecret`, key `private_key`; Platform Orchestrator chart 0.1:
   * `platformOrchestrator.existingSecret`/`existingSecretKey`; 0.3: `gateway.privateKeyExistingSecret`/`privateKeyKey`),
   * the public key registered with the Orchestrator (NATS transport: registration only).
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
  /**
   * URL of a self-hosted Orchestrator API: the created provider's `api_url`, and (private-key
   * transport) the agent's `REMOTE_URL`. https, or http on localhost.
   * @default the provider's default (HUMANITEC_API_URL / PO_API_URL, else the SaaS endpoint)
   */
  readonly orchestratorUrl?: string;
  /**
   * More agent environment variables (`humanitec.extraEnvVars`), as a list like ARC's `env`:
   * a plain, non-secret value (`value: "info"` or `EnvValue.fromValue(...)`), or a key of an
   * existing Secret in the pool namespace (`value: EnvValue.fromSecret({ secretName, key })`,
   * rendered as `valueFrom.secretKeyRef`), e.g. `{ name: "GH_PAT", value: EnvValue.fromSecret(...) }`.
   * A literal holding a credential (a token, private key, JWT, password in a URL), or any literal
   * under a credential's name (`GH_PAT`, `…_TOKEN`, …), fails synth.
   *
   * The `Record<string, string>` form (name → plain value) still works but is deprecated: it
   * cannot take a Secret reference. The same secret checks apply to it.
   * @default none
   */
  readonly extraEnvVars?: EnvVar[] | Record<string, string>;
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
   * @default the stack's default (un-aliased) one for the same Orchestrator, or a provider `PlatformOrchestrator` created in the pool with `orgId` and `orchestratorUrl`
   */
  readonly provider?: TerraformProvider;
  /**
   * Which Orchestrator the created provider talks to (ignored when `provider` is given).
   * @default "humanitec"
   */
  readonly orchestrator?: PlatformOrchestratorKind;
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
