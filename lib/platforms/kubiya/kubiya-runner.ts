import { Construct } from "constructs";
import { Annotations } from "cdktf";
import {
  NetworkPolicyV1,
  NetworkPolicyV1Spec,
} from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { MANAGED_BY } from "../../core/labels";
import { checkDns1123Label } from "../../core/names";
import { addChecks, isUnresolved, Problem } from "../../core/validation";
import { HelmValues, mergeValues } from "../../core/yaml";
import type { PolicyRule } from "../../kubernetes/rbac";
import { ChartSource } from "../../release/chart-source";
import { RunnerRelease } from "../../release/runner-release";
import type { SecretKeyRef, SensitiveValue } from "../../release/sensitive-value";
import {
  RUNNERS_ROLE,
  RunnerPlatform,
  RunnerPlatformContext,
  RunnerPlatformPlan,
  RunnerPlatformResources,
} from "../../platform";

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

/**
 * The least-privilege Role Kubiya's security guide gives the runner: workflow pods and their
 * logs, read-only config maps and secrets, and workspace volumes.
 */
export const KUBIYA_RUNNER_RULES: PolicyRule[] = [
  { resources: ["pods", "pods/log"], verbs: ["create", "get", "list", "watch", "delete"] },
  { resources: ["configmaps", "secrets"], verbs: ["get", "list"] },
  { resources: ["persistentvolumeclaims"], verbs: ["create", "get", "delete"] },
];

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
  /** More Helm values (escape hatch). Nothing secret. */
  readonly values?: HelmValues;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const NATS_URL = /^(tls|nats|wss?):\/\/([^/:\s]+)(:(\d+))?\/?$/;

/** Component metrics ports (the chart's container ports). */
const METRICS_PORTS = { agentManager: 8080, toolManager: 3001, workflowEngine: 8080 } as const;

/**
 * The Kubiya runner: chart `kubiya-runner` (operator, agent manager, tool manager, workflow
 * engine, Dagger engine), with the credentials as sensitive values, the tool manager on a
 * service account of ours with Kubiya's least-privilege Role (the cloud identity binds it: the
 * pods it starts use it), network policies per Kubiya's security guide (ingress from the own
 * namespace, egress DNS + 443, plus the NATS port), and Prometheus scrape annotations.
 *
 * Scaling is self-managed: the runner starts one pod per workflow step.
 */
export class KubiyaRunner implements RunnerPlatform {
  public readonly kind = "kubiya";
  /** Network policies added to the runner namespace, after build. */
  public readonly networkPolicies: NetworkPolicyV1[] = [];

  private readonly toolManagerSa: string;

  constructor(private readonly props: KubiyaRunnerProps) {
    this.toolManagerSa = props.toolManagerServiceAccountName ?? "kubiya-runner-tool-manager";
  }

  /** Dagger's engine runs privileged; without it the components need `baseline`. */
  public get requiredPodSecurity(): "baseline" | "privileged" {
    return (this.props.dagger ?? true) ? "privileged" : "baseline";
  }

  public plan(): RunnerPlatformPlan {
    return {
      serviceAccounts: [
        {
          id: "ToolManager",
          name: this.toolManagerSa,
          rules: this.props.toolManagerRules ?? KUBIYA_RUNNER_RULES,
          // The tool manager creates workflow pods through the API.
          automountToken: true,
          bindIdentity: true,
        },
      ],
    };
  }

  public build(scope: Construct, context: RunnerPlatformContext): RunnerPlatformResources {
    const p = this.props;
    const ns = context.namespaces[RUNNERS_ROLE];
    const runnerName = p.runnerName ?? context.poolName;
    const releaseName = p.releaseName ?? runnerName;
    const serverUrl = p.nats.serverUrl ?? "tls://connect.ngs.global";
    const metricsAnnotations = p.metrics?.annotations ?? true;
    const scrape = (port: number) =>
      metricsAnnotations
        ? {
            "prometheus.io/path": "/metrics",
            "prometheus.io/port": String(port),
            "prometheus.io/scrape": "true",
          }
        : undefined;

    const values = mergeValues(
      {
        organization: p.organization,
        uuid: p.uuid,
        runnerNameOverride: releaseName !== runnerName ? runnerName : undefined,
        nats: { subject: p.nats.subject, serverUrl },
        registryTls: { crt: p.registryTls.certificateBase64 },
        kubiyaOperator: { fullAccess: p.operatorFullAccess ?? false },
        agentManager: { extraPodsAnnotations: scrape(METRICS_PORTS.agentManager) },
        toolManager: {
          serviceAccount: { create: false, name: this.toolManagerSa },
          adminClusterRole: { create: p.toolManagerAdminClusterRole ?? false },
          extraPodsAnnotations: scrape(METRICS_PORTS.toolManager),
        },
        workflowEngine: { extraPodsAnnotations: scrape(METRICS_PORTS.workflowEngine) },
        dagger: { enabled: p.dagger ?? true },
        alloy: p.telemetry
          ? {
              enabled: true,
              alloy: {
                extraEnv: [
                  { name: "AZURE_REMOTE_WRITE_URL", value: p.telemetry.remoteWriteUrl },
                  { name: "AZURE_CLIENT_ID", value: p.telemetry.clientId },
                  {
                    name: "AZURE_CLIENT_SECRET",
                    valueFrom: {
                      secretKeyRef: {
                        name: p.telemetry.clientSecret.secretName,
                        key: p.telemetry.clientSecret.key,
                      },
                    },
                  },
                  { name: "AZURE_TOKEN_URL", value: p.telemetry.tokenUrl },
                ],
              },
            }
          : { enabled: false },
      },
      p.values,
    );

    const release = new RunnerRelease(scope, "Release", {
      namespace: ns,
      releaseName,
      chart: ChartSource.fromRepository(
        KUBIYA_CHART_REPOSITORY,
        KUBIYA_CHART_NAME,
        p.chartVersion ?? KUBIYA_CHART_VERSION,
      ),
      values,
      sensitiveValues: {
        "nats.jwt": p.nats.jwt,
        "nats.secondJwt": p.nats.secondJwt,
        "registryTls.key": p.registryTls.keyBase64,
      },
      dependsOn: [...context.prerequisites],
    });

    // Only on top of the pool's deny-by-default set: an allow policy alone would isolate the
    // pods it selects and cut the DNS and HTTPS egress the pool's set provides.
    if (ns.networkPolicies) {
      this.addNetworkPolicies(scope, ns.ref, context.labels, natsPort(p.nats, serverUrl));
    }
    this.warn(scope, ns.name, context);
    addChecks(scope, () => this.problems(runnerName, releaseName, serverUrl));

    return {
      releases: [release],
      scaling: {
        mode: "self-managed",
        description: `${KUBIYA_CHART_NAME}@${p.chartVersion ?? KUBIYA_CHART_VERSION}, self-managed (one pod per workflow step)`,
      },
    };
  }

  private addNetworkPolicies(
    scope: Construct,
    namespace: string,
    labels: Readonly<Record<string, string>>,
    port: number | undefined,
  ): void {
    const add = (id: string, name: string, spec: NetworkPolicyV1Spec) => {
      this.networkPolicies.push(
        new NetworkPolicyV1(scope, id, {
          metadata: {
            name,
            namespace,
            labels: { ...labels, "app.kubernetes.io/managed-by": MANAGED_BY },
          },
          spec,
        }),
      );
    };
    // Kubiya's guide: ingress only from the runner's own namespace; the components call each
    // other (agent manager → tool manager → workflow engine, Dagger) inside it.
    add("AllowSameNamespaceIngress", "kubiya-allow-ingress-same-namespace", {
      podSelector: {},
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ podSelector: {} }] }],
    });
    add("AllowSameNamespaceEgress", "kubiya-allow-egress-same-namespace", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ to: [{ podSelector: {} }] }],
    });
    if (port !== undefined) {
      add("AllowNatsEgress", "kubiya-allow-egress-nats", {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [{ ports: [{ port: String(port), protocol: "TCP" }] }],
      });
    }
    const scrapers = this.props.metrics?.scrapeFromNamespaces ?? [];
    if (scrapers.length) {
      const ports = [...new Set(Object.values(METRICS_PORTS))].sort((a, b) => a - b);
      add("AllowMetricsIngress", "kubiya-allow-ingress-metrics", {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [
          {
            from: [...scrapers].sort().map((name) => ({
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } },
            })),
            ports: ports.map((p) => ({ port: String(p), protocol: "TCP" })),
          },
        ],
      });
    }
  }

  private warn(scope: Construct, namespace: string, context: RunnerPlatformContext): void {
    const p = this.props;
    const warn = (message: string) => Annotations.of(scope).addWarning(`kubiya: ${message}`);
    if (p.operatorFullAccess) {
      warn(
        "operatorFullAccess makes the chart grant the Kubiya operator every verb on every resource of every API group in the namespace (apiGroups/resources/verbs '*').",
      );
    }
    if (p.toolManagerAdminClusterRole) {
      warn(
        `toolManagerAdminClusterRole makes the chart create a ClusterRole with '*' on everything, cluster-wide, bound to ${this.toolManagerSa} — the account that runs workflow pods${
          Object.keys(context.serviceAccounts.ToolManager.annotations).length
            ? " and holds the cloud identity"
            : ""
        }.`,
      );
    }
    if (namespace !== KUBIYA_DEFAULT_NAMESPACE) {
      warn(
        `the chart's defaults hard-code the cache registry address cache-registry-svc.${KUBIYA_DEFAULT_NAMESPACE} (tool manager env and certificate path, Dagger config); in namespace "${namespace}" override them through values, or use the namespace "${KUBIYA_DEFAULT_NAMESPACE}".`,
      );
    }
    const podLabels = context.serviceAccounts.ToolManager.podLabels;
    if (Object.keys(podLabels).length) {
      warn(
        `the identity needs the pod labels ${JSON.stringify(podLabels)} on the tool manager's pods, but the chart has no pod-label value for them; tool pods get no workload-identity token until the labels are set (e.g. by an admission policy).`,
      );
    }
  }

  private problems(
    runnerName: string,
    releaseName: string,
    serverUrl: string,
  ): (Problem | undefined)[] {
    const p = this.props;
    const problems: (Problem | undefined)[] = [
      !isUnresolved(p.organization) && p.organization.trim() === ""
        ? {
            field: "organization",
            value: p.organization,
            rule: "must not be empty",
            example: '"my-org"',
          }
        : undefined,
      !isUnresolved(p.uuid) && !UUID.test(p.uuid)
        ? {
            field: "uuid",
            value: p.uuid,
            rule: "must be a UUID (8-4-4-4-12 hex digits)",
            example: '"f47ac10b-58cc-4372-a567-0e02b2c3d479"',
          }
        : undefined,
      checkDns1123Label("runnerName", runnerName, 53, "production-runner"),
      checkDns1123Label("releaseName", releaseName, 53, "production-runner"),
      !isUnresolved(p.nats.subject) && p.nats.subject.trim() === ""
        ? {
            field: "nats.subject",
            value: p.nats.subject,
            rule: "must not be empty (issued with the runner)",
            example: '"kubiya.metrics.my-org.production-runner"',
          }
        : undefined,
      !isUnresolved(serverUrl) && !NATS_URL.test(serverUrl)
        ? {
            field: "nats.serverUrl",
            value: serverUrl,
            rule: "must be a NATS URL: tls://, nats:// or ws(s):// host and optional port",
            example: '"tls://connect.ngs.global"',
          }
        : undefined,
      p.nats.port !== undefined &&
      (!Number.isInteger(p.nats.port) || p.nats.port < 1 || p.nats.port > 65535)
        ? {
            field: "nats.port",
            value: p.nats.port,
            rule: "must be an integer from 1 to 65535",
            example: "4222",
          }
        : undefined,
      ...(p.metrics?.scrapeFromNamespaces ?? []).map((name, i) =>
        checkDns1123Label(`metrics.scrapeFromNamespaces[${i}]`, name, 63, "monitoring"),
      ),
      checkCertificate(p.registryTls.certificateBase64),
    ];
    if (p.telemetry) {
      for (const field of ["remoteWriteUrl", "tokenUrl"] as const) {
        const url = p.telemetry[field];
        if (!isUnresolved(url) && !/^https:\/\/\S+$/.test(url)) {
          problems.push({
            field: `telemetry.${field}`,
            value: url,
            rule: "must be an https URL",
            example: '"https://example.com/api/v1/write"',
          });
        }
      }
    }
    return problems;
  }
}

function natsPort(nats: KubiyaNats, serverUrl: string): number | undefined {
  if (nats.port !== undefined) return nats.port;
  if (isUnresolved(serverUrl)) return NATS_DEFAULT_PORT;
  const match = NATS_URL.exec(serverUrl);
  if (!match) return NATS_DEFAULT_PORT;
  if (match[4]) return Number(match[4]);
  return match[1].startsWith("ws")
    ? undefined /* 443/80: covered by the HTTPS rule */
    : NATS_DEFAULT_PORT;
}

function checkCertificate(base64: string): Problem | undefined {
  if (isUnresolved(base64)) return undefined;
  const pem = Buffer.from(base64, "base64").toString("utf8");
  if (/PRIVATE KEY/.test(pem) || /PRIVATE KEY/.test(base64)) {
    return {
      field: "registryTls.certificateBase64",
      value: base64,
      redact: true,
      rule: "holds a private key; only the certificate goes here, the key goes to keyBase64 (a SensitiveValue)",
      example: "base64 -w0 tls.crt",
    };
  }
  if (!pem.startsWith("-----BEGIN CERTIFICATE-----")) {
    return {
      field: "registryTls.certificateBase64",
      value: base64,
      rule: "must be a base64-encoded PEM certificate",
      example: "base64 -w0 tls.crt",
    };
  }
  return undefined;
}
