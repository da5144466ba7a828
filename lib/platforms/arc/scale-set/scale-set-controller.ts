import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { sortKeys } from "../../../core/labels";
import { checkDns1123Label, checkDns1123Subdomain } from "../../../core/names";
import { isUnresolved } from "../../../core/rules/problem";
import { addChecks } from "../../../core/rules/report";
import {
  ARC_SCALE_SET_API_SERVER_PORT,
  ARC_SCALE_SET_CONTROLLER_DEFAULT_ACCOUNT,
  ARC_SCALE_SET_CONTROLLER_RATE_LIMIT,
  ARC_SCALE_SET_CONTROLLER_REPLICAS,
} from "./rules";
import { HelmValues, mergeValues } from "../../../core/yaml";
import type { NetworkPeer, NetworkRule } from "../../../kubernetes/network-policy";
import type { ClusterNetworkFlows } from "../../../kubernetes/flows/network-flow";
import type { RunnerNamespace, RunnerNamespaceOptions } from "../../../kubernetes/runner-namespace";
import { controllerApiServerPorts, controllerNamespace } from "../shared/controller-namespace";
import { ChartSource } from "../../../release/chart-source";
import {
  checkTolerations,
  renderTolerations,
  renderTopologySpread,
  Toleration,
  TopologySpreadConstraint,
} from "../../../kubernetes/pod-options";
import { RunnerRelease } from "../../../release/runner-release";
import {
  plain,
  RESTRICTED_CONTAINER_SECURITY_CONTEXT,
  RESTRICTED_POD_SECURITY_CONTEXT,
} from "../shared/security-context";

/** OCI registry of the runner scale set charts. */
export const ARC_SCALE_SET_CHART_REGISTRY =
  "oci://ghcr.io/actions/actions-runner-controller-charts";
/** Default pinned version of `gha-runner-scale-set-controller` and `gha-runner-scale-set`. */
export const ARC_SCALE_SET_CHART_VERSION = "0.14.2";
/** Port the controller and listeners serve metrics on when metrics are enabled. */
export const ARC_SCALE_SET_METRICS_PORT = 8080;

/** Props of {@link ArcScaleSetController}. */
export interface ArcScaleSetControllerProps {
  /** Namespace of the controller (and of the scale sets' listener pods). @default "arc-systems" */
  readonly namespace?: string;
  /** Namespace options (Pod Security, quota, network policy additions). @default restricted, deny-by-default plus the openings below */
  readonly namespaceOptions?: RunnerNamespaceOptions;
  /** Helm release name. @default "arc" */
  readonly releaseName?: string;
  /** Chart version (`gha-runner-scale-set-controller`); scale sets default to the same version. @default "0.14.2" */
  readonly chartVersion?: string;
  /** OCI registry of the chart (a mirror, for air-gapped clusters). @default "oci://ghcr.io/actions/actions-runner-controller-charts" */
  readonly chartRegistry?: string;
  /** Controller replicas (leader election turns on above 1). @default 1 */
  readonly replicas?: number;
  /** Watch only this namespace (then every scale set must live in it). @default all namespaces */
  readonly watchSingleNamespace?: string;
  /** Serve Prometheus metrics from the controller and listeners on :8080/metrics. @default false */
  readonly metrics?: boolean;
  /** Who may scrape metrics (ingress on 8080). @default any peer, once metrics are on */
  readonly metricsScrapers?: NetworkPeer[];
  /** Log level. @default "info" */
  readonly logLevel?: "debug" | "info" | "warn" | "error";
  /** Log format. @default "json" */
  readonly logFormat?: "text" | "json";
  /** Name of the controller's service account (the chart creates it). @default "<releaseName>-gha-rs-controller" */
  readonly serviceAccountName?: string;
  /** Annotations on the controller's service account. @default none */
  readonly serviceAccountAnnotations?: Record<string, string>;
  /** Controller container resources, e.g. `{ requests: { cpu: "100m", memory: "128Mi" } }`. @default none */
  readonly resources?: {
    /** Requests. @default none */
    readonly requests?: Record<string, string>;
    /** Limits. @default none */
    readonly limits?: Record<string, string>;
  };
  /**
   * Ports the controller and listeners reach the Kubernetes API server on (endpoint ports,
   * as network policies see them after the Service DNAT: 443 on EKS/GKE/AKS, 6443 on kubeadm).
   * @default [443, 6443]
   */
  readonly apiServerPorts?: number[];
  /**
   * The cluster's network paths (`stack.connection.networkFlows`): the API server ports (when
   * `apiServerPorts` is not set) and the DNS path (cluster DNS namespace, NodeLocal DNSCache,
   * GKE Cloud DNS) of the controller's namespace.
   * @default - a generic cluster: API server on 443 and 6443, DNS in kube-system
   */
  readonly cluster?: ClusterNetworkFlows;
  /**
   * The chart from anywhere else (an OCI mirror, a vendored `.tgz` or directory). Set
   * `chartVersion` to its version too: scale sets default to it and must match it.
   * @default `chartRegistry` at `chartVersion`
   */
  readonly chart?: ChartSource;
  /** Wait for the controller to become ready. @default true */
  readonly wait?: boolean;
  /** Controller image (a mirror): repository and tag. @default the chart's (`ghcr.io/actions/gha-runner-scale-set-controller`, the chart's appVersion) */
  readonly image?: {
    /** Repository. @default "ghcr.io/actions/gha-runner-scale-set-controller" */
    readonly repository?: string;
    /** Tag. @default the chart's appVersion */
    readonly tag?: string;
  };
  /** Pull secrets of the controller (and, through it, the listeners). @default none */
  readonly imagePullSecrets?: string[];
  /**
   * How the controller rolls out scale set changes while jobs run (`flags.updateStrategy`):
   * `immediate` recreates listeners and runner sets at once (may over-provision), `eventual`
   * waits for running jobs. @default "immediate" (the chart's)
   */
  readonly updateStrategy?: "immediate" | "eventual";
  /** Kubernetes client rate limit, queries per second (`flags.k8sClientRateLimiterQPS`). @default controller-runtime's (20) */
  readonly k8sClientQps?: number;
  /** Kubernetes client burst (`flags.k8sClientRateLimiterBurst`). @default controller-runtime's (30) */
  readonly k8sClientBurst?: number;
  /** Label prefixes not propagated to the resources the controller creates (e.g. `argocd.argoproj.io/instance`). @default none */
  readonly excludeLabelPropagationPrefixes?: string[];
  /** Node selector of the controller. @default none */
  readonly nodeSelector?: Record<string, string>;
  /** Tolerations of the controller. @default none */
  readonly tolerations?: Toleration[];
  /** Affinity of the controller (a Kubernetes `Affinity`). @default none */
  readonly affinity?: { [key: string]: unknown };
  /** Topology spread of the controller. @default none */
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];
  /** Priority class of the controller. @default none */
  readonly priorityClassName?: string;
  /** More chart values, merged last (escape hatch). @default none */
  readonly values?: HelmValues;
}

/**
 * The runner scale set controller (`gha-runner-scale-set-controller`), once per cluster,
 * in its own namespace. Scale sets ({@link ArcRunnerScaleSet}) reference it: their
 * releases depend on this one, so `destroy` removes them first while the controller can
 * still clear their finalizers.
 *
 * The namespace is deny-by-default and opens exactly what the controller and the
 * listener pods need: DNS, TCP 443 (GitHub and the API server), the API server's endpoint
 * ports, and metrics ingress when metrics are on.
 */
export class ArcScaleSetController extends Construct {
  /** The controller's namespace. */
  public readonly namespace: RunnerNamespace;
  /** The controller's Helm release. */
  public readonly release: RunnerRelease;
  /** Service account of the controller (passed to every scale set as `controllerServiceAccount`). */
  public readonly serviceAccountName: string;
  /** Chart version, the default for scale sets. */
  public readonly chartVersion: string;
  /** Registry of the charts. */
  public readonly chartRegistry: string;
  /** The single namespace watched, when set. */
  public readonly watchSingleNamespace?: string;
  /** Whether metrics are served. */
  public readonly metricsEnabled: boolean;
  /** API server endpoint ports (the controller's, and kubernetes-mode runners' egress). */
  public readonly apiServerPorts: number[];

  constructor(scope: Construct, id: string, props: ArcScaleSetControllerProps = {}) {
    super(scope, id);
    const namespaceName = props.namespace ?? "arc-systems";
    const releaseName = props.releaseName ?? "arc";
    this.chartVersion = props.chartVersion ?? ARC_SCALE_SET_CHART_VERSION;
    this.chartRegistry = props.chartRegistry ?? ARC_SCALE_SET_CHART_REGISTRY;
    this.serviceAccountName = props.serviceAccountName ?? `${releaseName}-gha-rs-controller`;
    this.watchSingleNamespace = props.watchSingleNamespace;
    this.metricsEnabled = props.metrics ?? false;
    this.apiServerPorts = controllerApiServerPorts(props.apiServerPorts, props.cluster);

    const ingress: NetworkRule[] = this.metricsEnabled
      ? [
          {
            name: "metrics",
            ports: [{ port: ARC_SCALE_SET_METRICS_PORT }],
            peers: props.metricsScrapers,
          },
        ]
      : [];
    this.namespace = controllerNamespace(this, {
      options: props.namespaceOptions,
      name: namespaceName,
      partOf: releaseName,
      cluster: props.cluster,
      apiServerPorts: this.apiServerPorts,
      ingress,
    });

    const values: HelmValues = {
      replicaCount: props.replicas ?? 1,
      serviceAccount: {
        create: true,
        name: this.serviceAccountName,
        annotations: props.serviceAccountAnnotations
          ? sortKeys(props.serviceAccountAnnotations)
          : undefined,
      },
      flags: {
        logLevel: props.logLevel ?? "info",
        logFormat: props.logFormat ?? "json",
        watchSingleNamespace: props.watchSingleNamespace,
        updateStrategy: props.updateStrategy,
        k8sClientRateLimiterQPS: props.k8sClientQps,
        k8sClientRateLimiterBurst: props.k8sClientBurst,
        excludeLabelPropagationPrefixes: props.excludeLabelPropagationPrefixes
          ? [...props.excludeLabelPropagationPrefixes]
          : undefined,
      },
      image: props.image ? { repository: props.image.repository, tag: props.image.tag } : undefined,
      imagePullSecrets: props.imagePullSecrets?.map((name) => ({ name })),
      nodeSelector: props.nodeSelector ? sortKeys(props.nodeSelector) : undefined,
      tolerations: renderTolerations(props.tolerations),
      affinity: props.affinity,
      topologySpreadConstraints: renderTopologySpread(props.topologySpreadConstraints),
      priorityClassName: props.priorityClassName,
      podSecurityContext: plain(RESTRICTED_POD_SECURITY_CONTEXT),
      securityContext: {
        ...plain(RESTRICTED_CONTAINER_SECURITY_CONTEXT),
        readOnlyRootFilesystem: true,
      },
      resources: props.resources,
      metrics: this.metricsEnabled
        ? {
            controllerManagerAddr: `:${ARC_SCALE_SET_METRICS_PORT}`,
            listenerAddr: `:${ARC_SCALE_SET_METRICS_PORT}`,
            listenerEndpoint: "/metrics",
          }
        : undefined,
    };

    this.release = new RunnerRelease(this, "Release", {
      namespace: this.namespace,
      releaseName,
      chart:
        props.chart ??
        ChartSource.fromOci(
          this.chartRegistry,
          "gha-runner-scale-set-controller",
          this.chartVersion,
        ),
      values: mergeValues(values, props.values),
      wait: props.wait,
      description: "GitHub Actions Runner Controller (runner scale sets)",
      dependsOn: policiesOf(this.namespace),
    });

    addChecks(this, () => [
      checkDns1123Subdomain("serviceAccountName", this.serviceAccountName, "arc-gha-rs-controller"),
      this.serviceAccountName === "default"
        ? {
            rule: ARC_SCALE_SET_CONTROLLER_DEFAULT_ACCOUNT,
            field: "serviceAccountName",
            value: "default",
            message: "the chart refuses the namespace's default service account",
            example: '"arc-gha-rs-controller"',
          }
        : undefined,
      checkDns1123Label("watchSingleNamespace", props.watchSingleNamespace, 63, "arc-runners"),
      props.replicas !== undefined &&
      !isUnresolved(props.replicas) &&
      (!Number.isInteger(props.replicas) || props.replicas < 1)
        ? {
            rule: ARC_SCALE_SET_CONTROLLER_REPLICAS,
            field: "replicas",
            value: props.replicas,
            message: "must be a whole number ≥ 1",
            example: "2",
          }
        : undefined,
      ...checkTolerations("tolerations", props.tolerations),
      ...[
        ["k8sClientQps", props.k8sClientQps],
        ["k8sClientBurst", props.k8sClientBurst],
      ]
        .filter(
          ([, v]) =>
            v !== undefined && !isUnresolved(v) && (!Number.isInteger(v) || (v as number) < 1),
        )
        .map(([field, v]) => ({
          rule: ARC_SCALE_SET_CONTROLLER_RATE_LIMIT,
          field: field as string,
          value: v,
          message: "must be a whole number ≥ 1",
          example: "20",
        })),
      ...this.apiServerPorts
        .filter((p) => !Number.isInteger(p) || p < 1 || p > 65535)
        .map((p) => ({
          rule: ARC_SCALE_SET_API_SERVER_PORT,
          field: "apiServerPorts",
          value: p,
          message: "must be ports from 1 to 65535",
          example: "[443, 6443]",
        })),
    ]);
  }
}

/** The namespace's network policies (the controller's pods need them from their start). */
function policiesOf(namespace: RunnerNamespace): ITerraformDependable[] | undefined {
  const policies = Object.values(namespace.networkPolicies?.policies ?? {});
  return policies.length ? policies : undefined;
}
