// The legacy controller's github webhook server: its options, its chart values and the
// checks of those options. It receives GitHub's `workflow_job` deliveries for HRA
// `scaleUpTriggers`, behind a Service and optionally an Ingress.
import { sortKeys } from "../../../core/labels";
import { checkDns1123Subdomain, checkMetadataMap } from "../../../core/names";
import { isUnresolved, Problem } from "../../../core/rules/problem";
import { HelmValues } from "../../../core/yaml";
import type { NetworkPeer } from "../../../kubernetes/network-policy";
import {
  renderResources,
  renderTolerations,
  ResourceRequirements,
  Toleration,
} from "../../../kubernetes/pod-options";
import type { SensitiveValue } from "../../../release/sensitive-value";
import { ARC_SECRET_SENSITIVE_SOURCE } from "../shared/rules";
import {
  ARC_LEGACY_WEBHOOK_INGRESS_HOST_NAME,
  ARC_LEGACY_WEBHOOK_INGRESS_HOSTS,
  ARC_LEGACY_WEBHOOK_INGRESS_PATH,
  ARC_LEGACY_WEBHOOK_INGRESS_TLS,
  ARC_LEGACY_WEBHOOK_NODE_PORT_RANGE,
  ARC_LEGACY_WEBHOOK_NODE_PORT_TYPE,
} from "./controller-rules";

/** The webhook secret token GitHub signs deliveries with, by reference. */
export type ArcWebhookSecretToken =
  /** An existing Secret in the controller namespace with key `github_webhook_secret_token`. */
  | { readonly secretName: string }
  /** A sensitive value; a Secret is created from it (so the value is in the state). */
  | { readonly value: SensitiveValue };

/** Ingress for the github webhook server. */
export interface ArcWebhookIngressOptions {
  /** Ingress class, e.g. `nginx`, `gce`. */
  readonly className: string;
  /** Host names GitHub sends deliveries to. */
  readonly hosts: string[];
  /** Path. @default "/" */
  readonly path?: string;
  /** Path type. @default "Prefix" */
  readonly pathType?: "Prefix" | "Exact" | "ImplementationSpecific";
  /** TLS Secret for the hosts (e.g. issued by cert-manager). @default no TLS on the Ingress */
  readonly tlsSecretName?: string;
  /** Ingress annotations. @default none */
  readonly annotations?: Record<string, string>;
}

/** The github webhook server: receives `workflow_job` events for `scaleUpTriggers`. */
export interface ArcGithubWebhookServerOptions {
  /** The token GitHub signs deliveries with. Required: without it the server accepts forged events. */
  readonly secretToken: ArcWebhookSecretToken;
  /** Replicas. @default 1 */
  readonly replicas?: number;
  /** Log level (`githubWebhookServer.logLevel`). @default "info" */
  readonly logLevel?: "debug" | "info" | "warn" | "error";
  /** Match runners by the runner groups visible to the repository (`useRunnerGroupsVisibility`; needs an org-admin token/app). @default false */
  readonly useRunnerGroupsVisibility?: boolean;
  /** Deliveries queued for processing before new ones are dropped (`queueLimit`). @default the server's (100) */
  readonly queueLimit?: number;
  /** Resources of the server. @default none */
  readonly resources?: ResourceRequirements;
  /** Node selector of the server. @default none */
  readonly nodeSelector?: Record<string, string>;
  /** Tolerations of the server. @default none */
  readonly tolerations?: Toleration[];
  /** Affinity of the server (a Kubernetes `Affinity`). @default none */
  readonly affinity?: { [key: string]: unknown };
  /** Priority class of the server. @default none */
  readonly priorityClassName?: string;
  /** Service type. @default "ClusterIP" */
  readonly serviceType?: "ClusterIP" | "NodePort" | "LoadBalancer";
  /** Service port. @default 80 */
  readonly servicePort?: number;
  /** Fixed node port (serviceType NodePort). @default assigned by Kubernetes */
  readonly nodePort?: number;
  /** Service annotations (e.g. load balancer settings). @default none */
  readonly serviceAnnotations?: Record<string, string>;
  /** Source ranges of a LoadBalancer Service (GitHub's hook ranges from `api.github.com/meta`). @default any */
  readonly loadBalancerSourceRanges?: string[];
  /** Ingress. @default no Ingress */
  readonly ingress?: ArcWebhookIngressOptions;
  /**
   * Who may reach the server's pods on port 8000 (network policy): the ingress controller's
   * namespace, or GitHub's hook CIDRs for a LoadBalancer. @default any address
   */
  readonly allowFrom?: NetworkPeer[];
}

/** What the controller passes down for the webhook server's values. */
export interface GithubWebhookServerValuesContext {
  /** Name of the Secret with `github_webhook_secret_token`. */
  readonly tokenSecretName: string | undefined;
  /** The controller's log format. */
  readonly logFormat: string;
  /** Pod security context (the controller's, shared). */
  readonly podSecurityContext: HelmValues;
  /** Container security context (the controller's, shared). */
  readonly securityContext: HelmValues;
}

/** The chart's `githubWebhookServer` values. */
export function githubWebhookServerValues(
  hook: ArcGithubWebhookServerOptions,
  context: GithubWebhookServerValuesContext,
): HelmValues {
  const ingress = hook.ingress;
  return {
    enabled: true,
    replicaCount: hook.replicas ?? 1,
    logLevel: hook.logLevel ?? "info",
    useRunnerGroupsVisibility: hook.useRunnerGroupsVisibility,
    queueLimit: hook.queueLimit,
    resources: renderResources(hook.resources),
    nodeSelector: hook.nodeSelector ? sortKeys(hook.nodeSelector) : undefined,
    tolerations: renderTolerations(hook.tolerations),
    affinity: hook.affinity,
    priorityClassName: hook.priorityClassName,
    logFormat: context.logFormat,
    secret: { enabled: true, create: false, name: context.tokenSecretName },
    podSecurityContext: context.podSecurityContext,
    securityContext: context.securityContext,
    service: {
      type: hook.serviceType ?? "ClusterIP",
      annotations: hook.serviceAnnotations ? sortKeys(hook.serviceAnnotations) : undefined,
      ports: [
        {
          port: hook.servicePort ?? 80,
          targetPort: "http",
          protocol: "TCP",
          name: "http",
          nodePort: hook.nodePort,
        },
      ],
      loadBalancerSourceRanges: hook.loadBalancerSourceRanges,
    },
    ingress: ingress
      ? {
          enabled: true,
          ingressClassName: ingress.className,
          annotations: ingress.annotations ? sortKeys(ingress.annotations) : undefined,
          hosts: ingress.hosts.map((host) => ({
            host,
            paths: [{ path: ingress.path ?? "/", pathType: ingress.pathType ?? "Prefix" }],
          })),
          tls: ingress.tlsSecretName
            ? [{ secretName: ingress.tlsSecretName, hosts: [...ingress.hosts] }]
            : undefined,
        }
      : undefined,
  };
}

/** Checks the webhook server options (field names as in the controller props). */
export function checkGithubWebhookServer(
  hook: ArcGithubWebhookServerOptions,
): (Problem | undefined)[] {
  const out: (Problem | undefined)[] = [];
  if ("secretName" in hook.secretToken)
    out.push(
      checkDns1123Subdomain(
        "githubWebhookServer.secretToken.secretName",
        hook.secretToken.secretName,
        "github-webhook-token",
      ),
    );
  if ("value" in hook.secretToken && !hook.secretToken.value.isSecretSource) {
    out.push({
      rule: ARC_SECRET_SENSITIVE_SOURCE,
      field: "githubWebhookServer.secretToken.value",
      value: hook.secretToken.value.origin,
      message: "must come from a sensitive TerraformVariable or a secret-manager reference",
      example: 'new TerraformVariable(this, "webhook_token", { type: "string", sensitive: true })',
    });
  }
  if (hook.nodePort !== undefined && (hook.serviceType ?? "ClusterIP") !== "NodePort") {
    out.push({
      rule: ARC_LEGACY_WEBHOOK_NODE_PORT_TYPE,
      field: "githubWebhookServer.nodePort",
      value: hook.nodePort,
      message: "only applies to serviceType NodePort",
    });
  }
  if (
    hook.nodePort !== undefined &&
    (!Number.isInteger(hook.nodePort) || hook.nodePort < 30000 || hook.nodePort > 32767)
  ) {
    out.push({
      rule: ARC_LEGACY_WEBHOOK_NODE_PORT_RANGE,
      field: "githubWebhookServer.nodePort",
      value: hook.nodePort,
      message: "must be in the default NodePort range 30000–32767",
    });
  }
  if (hook.ingress) {
    if (hook.ingress.hosts.length === 0)
      out.push({
        rule: ARC_LEGACY_WEBHOOK_INGRESS_HOSTS,
        field: "githubWebhookServer.ingress.hosts",
        value: [],
        message: "needs at least one host GitHub can reach",
        example: '["arc-webhook.example.com"]',
      });
    hook.ingress.hosts.forEach((h, i) => {
      if (
        !isUnresolved(h) &&
        !/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/.test(h)
      ) {
        out.push({
          rule: ARC_LEGACY_WEBHOOK_INGRESS_HOST_NAME,
          field: `githubWebhookServer.ingress.hosts[${i}]`,
          value: h,
          message: "must be a DNS host name",
          example: '"arc-webhook.example.com"',
        });
      }
    });
    if (hook.ingress.path !== undefined && !hook.ingress.path.startsWith("/")) {
      out.push({
        rule: ARC_LEGACY_WEBHOOK_INGRESS_PATH,
        field: "githubWebhookServer.ingress.path",
        value: hook.ingress.path,
        message: "must start with /",
        example: '"/"',
      });
    }
    if (!hook.ingress.tlsSecretName) {
      out.push({
        rule: ARC_LEGACY_WEBHOOK_INGRESS_TLS,
        field: "githubWebhookServer.ingress.tlsSecretName",
        value: undefined,
        message: "GitHub should deliver webhooks over HTTPS: name the TLS Secret for the hosts",
        example: '"arc-webhook-tls"',
      });
    }
    out.push(
      ...checkMetadataMap(
        "githubWebhookServer.ingress.annotations",
        hook.ingress.annotations,
        "annotation",
      ),
    );
  }
  return out;
}
