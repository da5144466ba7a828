import { defineRule } from "../../core/rules/rule";

// Rules of the Kubiya runner. Names: lib/core/name-rules.ts; RBAC: lib/kubernetes/rules.ts.

/** The chart's operator granted `*` in the namespace. */
export const OPERATOR_FULL_ACCESS = defineRule({
  id: "KUBIYA-OPERATOR-FULL-ACCESS",
  kind: "policy",
  severity: "warning",
  rationale:
    "kubiyaOperator.fullAccess adds a second '*' rule to the operator's Role. The chart's default operator Role (kubiya-operator-role.yaml) already grants '*' on '*' in the namespace, so this changes nothing today, but states an intent reviewers should see.",
  example: "operatorFullAccess: false",
});

/** The chart's tool manager granted `*` cluster-wide. */
export const TOOL_MANAGER_ADMIN_CLUSTER_ROLE = defineRule({
  id: "KUBIYA-TOOL-MANAGER-ADMIN-CLUSTER-ROLE",
  kind: "policy",
  severity: "warning",
  rationale:
    "toolManager.adminClusterRole makes the account that runs workflow pods a cluster admin: any workflow step could take over the cluster.",
  example: "toolManagerAdminClusterRole: false",
});

/** The runner outside the namespace the chart's defaults hard-code. */
export const CACHE_REGISTRY_NAMESPACE = defineRule({
  id: "KUBIYA-CACHE-REGISTRY-NAMESPACE",
  kind: "policy",
  severity: "warning",
  rationale:
    "The chart's defaults address the image cache registry as cache-registry-svc.kubiya; in another namespace those values must be overridden, or tools cannot pull from the cache.",
  example: 'namespaceName: "kubiya"',
});

/** The identity needs pod labels on tool pods, which the chart cannot set. */
export const TOOL_POD_LABELS = defineRule({
  id: "KUBIYA-TOOL-POD-LABELS",
  kind: "policy",
  severity: "warning",
  rationale:
    "The chart has no pod-label value for the tool manager's pods, so an identity that needs pod labels (AKS Workload Identity) gives them no token unless something else sets the labels.",
  example:
    "an identity without pod labels (EKS IRSA, GKE Workload Identity), or an admission policy that labels the tool pods",
});

/** An empty organization. */
export const ORGANIZATION = defineRule({
  id: "KUBIYA-ORGANIZATION",
  kind: "validity",
  severity: "error",
  rationale: "The runner registers with its Kubiya organization; an empty one never connects.",
  example: '"my-org"',
});

/** A runner UUID that is not a UUID. */
export const RUNNER_UUID = defineRule({
  id: "KUBIYA-UUID",
  kind: "validity",
  severity: "error",
  rationale:
    "The chart's values schema requires uuid to be a UUID; Helm rejects the release otherwise.",
  example: '"f47ac10b-58cc-4372-a567-0e02b2c3d479"',
});

/** An empty NATS subject. */
export const NATS_SUBJECT = defineRule({
  id: "KUBIYA-NATS-SUBJECT",
  kind: "validity",
  severity: "error",
  rationale:
    "The runner publishes its metrics on the NATS subject issued with it; it cannot be empty.",
  example: '"kubiya.metrics.my-org.production-runner"',
});

/** A NATS server URL the client cannot dial. */
export const NATS_SERVER_URL = defineRule({
  id: "KUBIYA-NATS-URL",
  kind: "validity",
  severity: "error",
  rationale:
    "The NATS client dials tls://, nats:// or ws(s):// URLs of a host and an optional port only.",
  example: '"tls://connect.ngs.global"',
});

/** A NATS port outside the TCP port range. */
export const NATS_PORT = defineRule({
  id: "KUBIYA-NATS-PORT",
  kind: "validity",
  severity: "error",
  rationale: "The egress policy opens this TCP port; Kubernetes accepts ports 1 to 65535 only.",
  example: "4222",
});

/** A cache registry certificate that is not a base64 PEM certificate. */
export const REGISTRY_CERTIFICATE_PEM = defineRule({
  id: "KUBIYA-REGISTRY-CERTIFICATE-PEM",
  kind: "validity",
  severity: "error",
  rationale:
    "registryTls.crt is the cache registry's certificate as base64-encoded PEM; anything else fails the registry's TLS setup.",
  example: "base64 -w0 tls.crt",
});

/** A private key where the public certificate goes. */
export const PRIVATE_KEY_AS_CERTIFICATE = defineRule({
  id: "KUBIYA-PRIVATE-KEY-AS-CERTIFICATE",
  kind: "validity",
  severity: "error",
  rationale:
    "The certificate is rendered into the synthesized values; a private key there would be published in the JSON and is never a certificate.",
  example: "base64 -w0 tls.crt",
});

/** A telemetry endpoint reached over something else than https. */
export const TELEMETRY_URL_HTTPS = defineRule({
  id: "KUBIYA-TELEMETRY-URL-HTTPS",
  kind: "policy",
  severity: "error",
  rationale:
    "Alloy sends its client secret to the token URL and the runner's metrics to the remote-write URL; plain http exposes both.",
  example: '"https://example.com/api/v1/write"',
});

/** A second Kubiya pool in one cluster. */
export const ONE_PER_CLUSTER = defineRule({
  id: "KUBIYA-ONE-PER-CLUSTER",
  kind: "validity",
  severity: "error",
  rationale:
    "kubiya-runner names its ClusterRoles and ClusterRoleBindings after the chart (<name>-tool-manager-cluster-pvc-access, <name>-image-updater-clusterrole, …): a second release in the same cluster fails on objects the first one owns.",
  example: "one Kubiya pool per cluster (stack)",
});
