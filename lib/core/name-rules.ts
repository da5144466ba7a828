import { defineRule } from "./rules/rule";

/** A name that must be a DNS-1123 label (namespaces, services, Helm releases), within its length limit. */
export const NAME_DNS1123_LABEL = defineRule({
  id: "K8S-NAME-DNS1123-LABEL",
  kind: "validity",
  severity: "error",
  rationale:
    "Kubernetes rejects namespace, service and Helm release names that are not DNS-1123 labels within their length limit (63; 53 for Helm releases).",
  example: "ci-runners",
});

/** A name that must be a DNS-1123 subdomain (secrets, config maps, service accounts, roles…). */
export const NAME_DNS1123_SUBDOMAIN = defineRule({
  id: "K8S-NAME-DNS1123-SUBDOMAIN",
  kind: "validity",
  severity: "error",
  rationale:
    "Kubernetes rejects object names that are not DNS-1123 subdomains (at most 253 characters).",
  example: "runner-token",
});

/** A label or annotation key that Kubernetes would reject. */
export const NAME_METADATA_KEY = defineRule({
  id: "K8S-NAME-METADATA-KEY",
  kind: "validity",
  severity: "error",
  rationale:
    "Kubernetes rejects label and annotation keys that are not an optional DNS subdomain prefix and a qualified name.",
  example: "example.com/team",
});

/** A label value that Kubernetes would reject. */
export const NAME_LABEL_VALUE = defineRule({
  id: "K8S-NAME-LABEL-VALUE",
  kind: "validity",
  severity: "error",
  rationale:
    "Kubernetes rejects label values longer than 63 characters or not made of alphanumerics, '-', '_' and '.'.",
  example: "platform-team",
});
