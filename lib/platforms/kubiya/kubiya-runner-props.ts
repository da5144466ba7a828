import type { HelmValues } from "../../core/yaml";
import type { PolicyRule } from "../../kubernetes/rbac";
import type { SecretKeyRef, SensitiveValue } from "../../release/sensitive-value";

/** Kubiya's chart repository. */
export const KUBIYA_CHART_REPOSITORY = "https://kubiyabot.github.io/helm-charts";
/** Chart name. */
export const KUBIYA_CHART_NAME = "kubiya-runner";
/** The chart version these typed values were written against (upstream Chart.yaml). */
export const KUBIYA_CHART_VERSION = "0.9.30";
/** The namespace Kubiya documents, and that the chart's defaults hard-code (`cache-registry-svc.kubiya`). */
export const KUBIYA_DEFAULT_NAMESPACE = "kubiya";
/** NATS' default client port (`tls://connect.ngs.global` has none in the URL). */
export const NATS_DEFAULT_PORT = 4222;
/** The NATS server the runner connects to unless told otherwise. */
export const DEFAULT_NATS_SERVER_URL = "tls://connect.ngs.global";
/** Default name of the tool manager's service account. */
export const DEFAULT_TOOL_MANAGER_SERVICE_ACCOUNT = "kubiya-runner-tool-manager";

/** Component metrics ports (the chart's container ports). */
export const KUBIYA_METRICS_PORTS = {
  agentManager: 8080,
  toolManager: 3001,
  workflowEngine: 8080,
} as const;

/** NATS connection of the runner (values the Kubiya platform issues per runner). */
export interface KubiyaNats {
  /** `nats.jwt`, sent with `set_sensitive`. */
  readonly jwt: SensitiveValue;
  /** `nats.secondJwt`, sent with `set_sensitive`. */
  readonly secondJwt: SensitiveValue;
  /** `nats.subject` (metrics subject). */
  readonly subject: string;
  /** `nats.serverUrl`. @default "tls://connect.ngs.global" */
  readonly serverUrl?: string;
  /** Port the egress policy opens for NATS. @default the URL's port, else 4222 */
  readonly port?: number;
}

/** The TLS pair of the runner's in-cluster image cache registry (`registryTls`). */
export interface KubiyaRegistryTls {
  /** Base64-encoded PEM certificate (`registryTls.crt`); public. */
  readonly certificateBase64: string;
  /** Base64-encoded PEM private key (`registryTls.key`), sent with `set_sensitive`. */
  readonly keyBase64: SensitiveValue;
}

/** Kubiya's metrics remote-write (Grafana Alloy) credentials. */
export interface KubiyaTelemetry {
  /** `AZURE_REMOTE_WRITE_URL`. */
  readonly remoteWriteUrl: string;
  /** `AZURE_CLIENT_ID`. */
  readonly clientId: string;
  /** `AZURE_TOKEN_URL`. */
  readonly tokenUrl: string;
  /** `AZURE_CLIENT_SECRET`, from an existing Secret in the runner namespace. */
  readonly clientSecret: SecretKeyRef;
}

/** Metrics scraping of the runner's components. */
export interface KubiyaMetricsOptions {
  /** Add `prometheus.io/scrape|port|path` annotations to the component pods. @default true */
  readonly annotations?: boolean;
  /** Namespaces whose pods may scrape the metrics ports (e.g. `monitoring`). @default none (same-namespace only) */
  readonly scrapeFromNamespaces?: string[];
}

/** Props of {@link KubiyaRunner}. */
export interface KubiyaRunnerProps {
  /** `organization`. */
  readonly organization: string;
  /** `uuid`: the runner's UUID. */
  readonly uuid: string;
  /**
   * The runner name encoded in the NATS JWT. The chart uses the release name unless
   * `runnerNameOverride` is set: this library keeps the two consistent.
   * @default the pool name
   */
  readonly runnerName?: string;
  /** Helm release name. @default `runnerName` */
  readonly releaseName?: string;
  /** NATS credentials and subject. */
  readonly nats: KubiyaNats;
  /**
   * Your own certificate for the cache registry. Required: the chart's default is a publicly
   * published key pair.
   */
  readonly registryTls: KubiyaRegistryTls;
  /** Chart version. @default "0.9.30" */
  readonly chartVersion?: string;
  /** Run the Dagger engine (needs privileged pods). @default true */
  readonly dagger?: boolean;
  /** Metrics remote-write to Kubiya. @default off: Alloy is disabled (its placeholder credentials cannot work) */
  readonly telemetry?: KubiyaTelemetry;
  /** Metrics scraping. @default annotations on, same-namespace scraping only */
  readonly metrics?: KubiyaMetricsOptions;
  /** The tool manager's service account (created here; workflow pods run as it). @default "kubiya-runner-tool-manager" */
  readonly toolManagerServiceAccountName?: string;
  /** Rules of the tool manager's Role. @default {@link KUBIYA_RUNNER_RULES} */
  readonly toolManagerRules?: PolicyRule[];
  /** `kubiyaOperator.fullAccess`: the chart grants the operator `*` in the namespace. @default false */
  readonly operatorFullAccess?: boolean;
  /** `toolManager.adminClusterRole.create`: the chart grants the tool manager `*` cluster-wide. @default false */
  readonly toolManagerAdminClusterRole?: boolean;
  /** More Helm values (escape hatch). Nothing secret. @default none */
  readonly values?: HelmValues;
}
