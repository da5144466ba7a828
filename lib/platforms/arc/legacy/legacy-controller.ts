import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import type { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import type * as SecretV1Module from "@cdktf/provider-kubernetes/lib/secret-v1";
import { MANAGED_BY, sortKeys } from "../../../core/labels";
import {
  checkResources,
  checkTolerations,
  renderResources,
  renderTolerations,
  ResourceRequirements,
  Toleration,
} from "../../../kubernetes/pod-options";
import { checkDns1123Label, checkDns1123Subdomain } from "../../../core/names";
import { isUnresolved, Problem } from "../../../core/rules/problem";
import { addChecks } from "../../../core/rules/report";
import { HelmValues, mergeValues } from "../../../core/yaml";
import type { NetworkPeer, NetworkRule } from "../../../kubernetes/network-policy";
import type { ClusterNetworkFlows } from "../../../kubernetes/flows/network-flow";
import type { RunnerNamespace, RunnerNamespaceOptions } from "../../../kubernetes/runner-namespace";
import { controllerNamespace } from "../shared/controller-namespace";
import { ChartSource } from "../../../release/chart-source";
import { RunnerRelease } from "../../../release/runner-release";
import type { ArcGithubCredentials } from "../shared/github-credentials";
import { ARC_SECRET_IN_STATE } from "../shared/rules";
import {
  plain,
  RESTRICTED_CONTAINER_SECURITY_CONTEXT,
  RESTRICTED_POD_SECURITY_CONTEXT,
} from "../shared/security-context";
import { ArcWebhookCertificates } from "./webhook-certificates";
import { parseGoDuration } from "./time-formats";
import { ARC_LEGACY_GHES_URL, ARC_LEGACY_GO_DURATION } from "./controller-rules";
import {
  ArcGithubWebhookServerOptions,
  checkGithubWebhookServer,
  githubWebhookServerValues,
} from "./github-webhook-server";

export type {
  ArcGithubWebhookServerOptions,
  ArcWebhookIngressOptions,
  ArcWebhookSecretToken,
} from "./github-webhook-server";
import { lazyBinding } from "../../../core/lazy-binding";

/** Loaded when first created (docs/performance.md). */
const secretV1Binding = lazyBinding<typeof SecretV1Module>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require("@cdktf/provider-kubernetes/lib/secret-v1"),
);

/** Chart repository of the legacy `actions-runner-controller` chart. */
export const ARC_LEGACY_CHART_REPOSITORY =
  "https://actions-runner-controller.github.io/actions-runner-controller";
/** Default pinned version of the legacy chart (app 0.27.6; community-maintained). */
export const ARC_LEGACY_CHART_VERSION = "0.23.7";
/** Port of the admission webhooks the API server calls (chart `webhookPort`). */
export const ARC_ADMISSION_WEBHOOK_PORT = 9443;
/** Container port of the github webhook server (`http`). */
export const ARC_GITHUB_WEBHOOK_SERVER_PORT = 8000;
/** Metrics port (kube-rbac-proxy). */
export const ARC_LEGACY_METRICS_PORT = 8443;

/** Props of {@link ArcLegacyController}. */
export interface ArcLegacyControllerProps {
  /** How the controller authenticates to GitHub (a Secret in the controller namespace). */
  readonly githubCredentials: ArcGithubCredentials;
  /** Namespace. @default "actions-runner-system" */
  readonly namespace?: string;
  /** Namespace options (Pod Security, network policy additions). @default restricted, deny-by-default plus the openings below */
  readonly namespaceOptions?: RunnerNamespaceOptions;
  /** Helm release name (also `fullnameOverride`, so object names are predictable). @default "actions-runner-controller" */
  readonly releaseName?: string;
  /** Chart version. @default "0.23.7" */
  readonly chartVersion?: string;
  /** Chart repository (a mirror, for air-gapped clusters). @default the upstream repository */
  readonly chartRepository?: string;
  /**
   * The chart from anywhere else (an OCI mirror, a vendored `.tgz` or directory). Overrides
   * `chartRepository` and `chartVersion`. @default the upstream repository at `chartVersion`
   */
  readonly chart?: ChartSource;
  /** Wait for the controller to become ready (turn off only on clusters without nodes, e.g. API-only tests). @default true */
  readonly wait?: boolean;
  /** Name of the credentials Secret (existing, or created from sensitive values). @default "controller-manager" */
  readonly authSecretName?: string;
  /** GitHub Enterprise Server URL. @default github.com */
  readonly githubEnterpriseServerUrl?: string;
  /** How often HRAs are reconciled (Go duration). @default "1m" */
  readonly syncPeriod?: string;
  /** Default scale-down delay after a scale-out (Go duration). @default "10m" */
  readonly defaultScaleDownDelay?: string;
  /** Controller replicas. @default 1 */
  readonly replicas?: number;
  /** Admission webhook certificates. @default cert-manager */
  readonly certificates?: ArcWebhookCertificates;
  /** The github webhook server, for webhook-driven scaling. @default disabled */
  readonly githubWebhookServer?: ArcGithubWebhookServerOptions;
  /** Where the API server calls the admission webhooks from (control-plane CIDRs). @default any address */
  readonly apiServerCidrs?: string[];
  /** API server endpoint ports for egress (443 on managed clusters, 6443 on kubeadm). @default [443, 6443] */
  readonly apiServerPorts?: number[];
  /**
   * The cluster's network paths (`stack.connection.networkFlows`): the API server ports (when
   * `apiServerPorts` is not set) and the DNS path (cluster DNS namespace, NodeLocal DNSCache,
   * GKE Cloud DNS) of the controller's namespace.
   * @default - a generic cluster: API server on 443 and 6443, DNS in kube-system
   */
  readonly cluster?: ClusterNetworkFlows;
  /** Who may scrape metrics on 8443. @default nobody (no ingress opened) */
  readonly metricsScrapers?: NetworkPeer[];
  /** Log format. @default "json" */
  readonly logFormat?: "text" | "json";
  /** Log level of the controller (chart `logLevel`; the controller's own default is debug). @default "info" */
  readonly logLevel?: "debug" | "info" | "warn" | "error";
  /** Watch only this namespace (chart `scope.singleNamespace`/`watchNamespace`); runners elsewhere are ignored. @default all namespaces */
  readonly watchNamespace?: string;
  /** Controller image (a mirror). @default the chart's (`summerwind/actions-runner-controller`, v0.27.6) */
  readonly image?: {
    /** Repository. @default "summerwind/actions-runner-controller" */
    readonly repository?: string;
    /** Tag. @default "v" + the chart's appVersion */
    readonly tag?: string;
  };
  /** Pull secrets of the controller and webhook server. @default none */
  readonly imagePullSecrets?: string[];
  /** Controller resources. @default none */
  readonly resources?: ResourceRequirements;
  /** Node selector of the controller. @default none */
  readonly nodeSelector?: Record<string, string>;
  /** Tolerations of the controller. @default none */
  readonly tolerations?: Toleration[];
  /** Affinity of the controller (a Kubernetes `Affinity`). @default none */
  readonly affinity?: { [key: string]: unknown };
  /** Priority class of the controller. @default none */
  readonly priorityClassName?: string;
  /** More chart values, merged last (escape hatch). @default none */
  readonly values?: HelmValues;
}

/**
 * The legacy ARC controller (`actions-runner-controller` chart, summerwind CRDs), once per
 * cluster. It installs the RunnerDeployment/RunnerSet/HorizontalRunnerAutoscaler CRDs, the
 * admission webhooks (certificates without a per-plan CA), and optionally the github
 * webhook server. The namespace opens exactly what receives traffic: 9443 for the API
 * server, 8000 for GitHub deliveries, 8443 for scrapers when asked.
 */
export class ArcLegacyController extends Construct {
  /** The controller namespace. */
  public readonly namespace: RunnerNamespace;
  /** The controller's Helm release (runner releases depend on it). */
  public readonly release: RunnerRelease;
  /** Whether the github webhook server runs (needed by `scaleUpTriggers`). */
  public readonly githubWebhookServerEnabled: boolean;
  /** Name of the serving-certificate Secret the controller mounts. */
  public readonly servingCertSecretName: string;
  /** Name of the admission webhook Service. */
  public readonly webhookServiceName: string;
  /** The single namespace watched, when set. */
  public readonly watchNamespace?: string;
  /** The webhook token Secret, when created from a sensitive value. */
  public readonly webhookTokenSecret?: SecretV1;

  constructor(scope: Construct, id: string, props: ArcLegacyControllerProps) {
    super(scope, id);
    const namespaceName = props.namespace ?? "actions-runner-system";
    const releaseName = props.releaseName ?? "actions-runner-controller";
    const hook = props.githubWebhookServer;
    this.githubWebhookServerEnabled = hook !== undefined;
    this.watchNamespace = props.watchNamespace;
    this.servingCertSecretName = `${releaseName}-serving-cert`;
    this.webhookServiceName = `${releaseName.slice(0, 55)}-webhook`;

    const cidrPeers = (cidrs: string[] | undefined) => cidrs?.map((cidr) => ({ cidr }));
    const ingress: NetworkRule[] = [
      {
        name: "admission-webhook",
        ports: [{ port: ARC_ADMISSION_WEBHOOK_PORT }],
        peers: cidrPeers(props.apiServerCidrs),
      },
      ...(hook
        ? [
            {
              name: "github-webhook",
              ports: [{ port: ARC_GITHUB_WEBHOOK_SERVER_PORT }],
              peers: hook.allowFrom,
            },
          ]
        : []),
      ...(props.metricsScrapers
        ? [
            {
              name: "metrics",
              ports: [{ port: ARC_LEGACY_METRICS_PORT }],
              peers: props.metricsScrapers,
            },
          ]
        : []),
    ];
    this.namespace = controllerNamespace(this, {
      options: props.namespaceOptions,
      name: namespaceName,
      partOf: releaseName,
      cluster: props.cluster,
      apiServerPorts: props.apiServerPorts,
      ingress,
    });

    const authSecretName = props.authSecretName ?? "controller-manager";
    const credentials = props.githubCredentials.bind(
      this,
      this.namespace,
      authSecretName,
      "legacy",
    );
    const certificates = (props.certificates ?? ArcWebhookCertificates.certManager()).bind(this, {
      namespace: this.namespace,
      serviceName: this.webhookServiceName,
      secretName: this.servingCertSecretName,
    });

    let tokenSecretName: string | undefined;
    const inState: Problem[] = [];
    if (hook && "value" in hook.secretToken) {
      tokenSecretName = `${releaseName}-github-webhook`;
      this.webhookTokenSecret = new (secretV1Binding().SecretV1)(this, "WebhookTokenSecret", {
        metadata: {
          name: tokenSecretName,
          namespace: this.namespace.ref,
          labels: { "app.kubernetes.io/managed-by": MANAGED_BY },
        },
        type: "Opaque",
        data: { github_webhook_secret_token: hook.secretToken.value.expression },
      });
      inState.push({
        rule: ARC_SECRET_IN_STATE,
        field: "githubWebhookServer.secretToken",
        value: "value",
        message: `the webhook secret token is written to Secret ${this.namespace.name}/${tokenSecretName} by kubernetes_secret_v1, so it is also in the Terraform state`,
        example: 'githubWebhookServer: { secretToken: { secretName: "arc-github-webhook" } }',
      });
    } else if (hook && "secretName" in hook.secretToken) {
      tokenSecretName = hook.secretToken.secretName;
    }

    const restrictedPod = plain(RESTRICTED_POD_SECURITY_CONTEXT);
    const restrictedContainer = {
      ...plain(RESTRICTED_CONTAINER_SECURITY_CONTEXT),
      readOnlyRootFilesystem: true,
    };
    const values: HelmValues = {
      fullnameOverride: releaseName,
      replicaCount: props.replicas ?? 1,
      syncPeriod: props.syncPeriod ?? "1m",
      defaultScaleDownDelay: props.defaultScaleDownDelay ?? "10m",
      githubEnterpriseServerURL: props.githubEnterpriseServerUrl,
      logFormat: props.logFormat ?? "json",
      logLevel: props.logLevel ?? "info",
      scope: props.watchNamespace
        ? { singleNamespace: true, watchNamespace: props.watchNamespace }
        : undefined,
      image: props.image ? { repository: props.image.repository, tag: props.image.tag } : undefined,
      imagePullSecrets: props.imagePullSecrets?.map((name) => ({ name })),
      resources: renderResources(props.resources),
      nodeSelector: props.nodeSelector ? sortKeys(props.nodeSelector) : undefined,
      tolerations: renderTolerations(props.tolerations),
      affinity: props.affinity,
      priorityClassName: props.priorityClassName,
      authSecret: { enabled: true, create: false, name: credentials.secretName },
      podSecurityContext: restrictedPod,
      securityContext: restrictedContainer,
      ...certificates.values,
      githubWebhookServer: hook
        ? githubWebhookServerValues(hook, {
            tokenSecretName,
            logFormat: props.logFormat ?? "json",
            podSecurityContext: restrictedPod,
            securityContext: restrictedContainer,
          })
        : undefined,
    };

    const dependsOn: ITerraformDependable[] = [
      ...Object.values(this.namespace.networkPolicies?.policies ?? {}),
      ...certificates.dependsOn,
      ...(credentials.secret ? [credentials.secret] : []),
      ...(this.webhookTokenSecret ? [this.webhookTokenSecret] : []),
    ];
    this.release = new RunnerRelease(this, "Release", {
      namespace: this.namespace,
      releaseName,
      chart:
        props.chart ??
        ChartSource.fromRepository(
          props.chartRepository ?? ARC_LEGACY_CHART_REPOSITORY,
          "actions-runner-controller",
          props.chartVersion ?? ARC_LEGACY_CHART_VERSION,
        ),
      values: mergeValues(values, props.values),
      wait: props.wait,
      description: `actions-runner-controller (legacy mode), webhooks: ${certificates.description}`,
      dependsOn: dependsOn.length ? dependsOn : undefined,
    });

    addChecks(this, () => [
      ...credentials.problems,
      ...certificates.problems,
      ...inState,
      ...checkGoDuration("syncPeriod", props.syncPeriod, "1m"),
      ...checkGoDuration("defaultScaleDownDelay", props.defaultScaleDownDelay, "10m"),
      checkDns1123Subdomain("authSecretName", authSecretName, "controller-manager"),
      checkDns1123Label("releaseName", releaseName, 53, "actions-runner-controller"),
      checkDns1123Label("watchNamespace", props.watchNamespace, 63, "arc-runners"),
      ...checkResources("resources", props.resources),
      ...checkTolerations("tolerations", props.tolerations),
      ...(hook ? checkGithubWebhookServer(hook) : []),
      props.githubEnterpriseServerUrl !== undefined &&
      !isUnresolved(props.githubEnterpriseServerUrl) &&
      !/^https:\/\/[^\s/]+/.test(props.githubEnterpriseServerUrl)
        ? {
            rule: ARC_LEGACY_GHES_URL,
            field: "githubEnterpriseServerUrl",
            value: props.githubEnterpriseServerUrl,
            message: "must be an https URL",
            example: '"https://github.example.com"',
          }
        : undefined,
    ]);
  }
}

function checkGoDuration(field: string, value: string | undefined, example: string): Problem[] {
  if (value === undefined || isUnresolved(value)) return [];
  const seconds = parseGoDuration(value);
  if (seconds === undefined || seconds <= 0) {
    return [
      {
        rule: ARC_LEGACY_GO_DURATION,
        field,
        value,
        message: "must be a positive Go duration (number + unit h, m, s)",
        example: `"${example}"`,
      },
    ];
  }
  return [];
}
