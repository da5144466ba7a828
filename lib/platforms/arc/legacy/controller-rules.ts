// Rules of the legacy ARC controller (`actions-runner-controller` chart): its settings, the
// github webhook server and the admission webhook certificates.
import { defineRule } from "../../../core/rules/rule";

/** `syncPeriod` and `defaultScaleDownDelay` are positive Go durations. */
export const ARC_LEGACY_GO_DURATION = defineRule({
  id: "ARC-LEGACY-GO-DURATION",
  kind: "validity",
  severity: "error",
  rationale:
    "The controller parses these flags with Go's time.ParseDuration and does not start when one fails to parse.",
  example: '"1m"',
});

/** `githubEnterpriseServerUrl` is an https URL. */
export const ARC_LEGACY_GHES_URL = defineRule({
  id: "ARC-LEGACY-GHES-URL",
  kind: "validity",
  severity: "error",
  rationale: "ARC talks to GitHub Enterprise Server over its https API URL only.",
  example: '"https://github.example.com"',
});

/** `githubWebhookServer.nodePort` only with `serviceType: "NodePort"`. */
export const ARC_LEGACY_WEBHOOK_NODE_PORT_TYPE = defineRule({
  id: "ARC-LEGACY-WEBHOOK-NODE-PORT-TYPE",
  kind: "validity",
  severity: "error",
  rationale: "Kubernetes rejects a Service port with a nodePort unless the Service is a NodePort.",
  example: 'serviceType: "NodePort", nodePort: 31080',
});

/** `githubWebhookServer.nodePort` in the default NodePort range. */
export const ARC_LEGACY_WEBHOOK_NODE_PORT_RANGE = defineRule({
  id: "ARC-LEGACY-WEBHOOK-NODE-PORT-RANGE",
  kind: "validity",
  severity: "error",
  rationale:
    "Kubernetes rejects a nodePort outside the cluster's service-node-port-range (30000–32767 by default).",
  example: "31080",
});

/** The webhook server's Ingress names at least one host. */
export const ARC_LEGACY_WEBHOOK_INGRESS_HOSTS = defineRule({
  id: "ARC-LEGACY-WEBHOOK-INGRESS-HOSTS",
  kind: "validity",
  severity: "error",
  rationale:
    "The chart renders one Ingress rule per host; without hosts GitHub has nothing to reach.",
  example: '["arc-webhook.example.com"]',
});

/** Every Ingress host is a DNS host name. */
export const ARC_LEGACY_WEBHOOK_INGRESS_HOST_NAME = defineRule({
  id: "ARC-LEGACY-WEBHOOK-INGRESS-HOST-NAME",
  kind: "validity",
  severity: "error",
  rationale: "Kubernetes rejects an Ingress whose host is not a (wildcard) DNS name.",
  example: '"arc-webhook.example.com"',
});

/** The Ingress path is absolute. */
export const ARC_LEGACY_WEBHOOK_INGRESS_PATH = defineRule({
  id: "ARC-LEGACY-WEBHOOK-INGRESS-PATH",
  kind: "validity",
  severity: "error",
  rationale: "Kubernetes rejects an Ingress path that does not start with /.",
  example: '"/"',
});

/** GitHub delivers webhooks to the Ingress over HTTPS. */
export const ARC_LEGACY_WEBHOOK_INGRESS_TLS = defineRule({
  id: "ARC-LEGACY-WEBHOOK-INGRESS-TLS",
  kind: "policy",
  severity: "error",
  rationale:
    "Without TLS on the Ingress, webhook deliveries (signed, but readable: repository and job names) cross the internet in clear text.",
  example: 'tlsSecretName: "arc-webhook-tls"',
});

/** An existing serving Secret comes with the base64 PEM of its CA. */
export const ARC_LEGACY_WEBHOOK_CA_BUNDLE = defineRule({
  id: "ARC-LEGACY-WEBHOOK-CA-BUNDLE",
  kind: "validity",
  severity: "error",
  rationale:
    "The API server verifies the admission webhooks with caBundle; anything but a base64 PEM certificate fails every RunnerDeployment admission.",
  example: "Fn.base64encode(caCertPem), or `base64 -w0 ca.crt`",
});

/** Self-signed webhook certificates are valid for at least a day. */
export const ARC_LEGACY_WEBHOOK_CERT_VALIDITY = defineRule({
  id: "ARC-LEGACY-WEBHOOK-CERT-VALIDITY",
  kind: "validity",
  severity: "error",
  rationale:
    "The tls provider takes whole hours; a certificate that expires within a day breaks the admission webhooks between two plans.",
  example: "87600",
});

/** Early renewal of self-signed webhook certificates starts within their validity. */
export const ARC_LEGACY_WEBHOOK_CERT_RENEWAL = defineRule({
  id: "ARC-LEGACY-WEBHOOK-CERT-RENEWAL",
  kind: "validity",
  severity: "error",
  rationale:
    "With earlyRenewalHours ≥ validityHours the serving certificate is due for renewal as soon as it is issued, so every plan replaces it.",
  example: "720",
});
