import { defineRule } from "../core/rules/rule";

// Rules of the Kubernetes building blocks (namespaces, service accounts, RBAC, network
// policies, pod options, quantities). Names and metadata keys: lib/core/name-rules.ts.

/** A resource amount that is not a Kubernetes quantity. */
export const QUANTITY_SYNTAX = defineRule({
  id: "K8S-QUANTITY-SYNTAX",
  kind: "validity",
  severity: "error",
  rationale:
    "Kubernetes rejects resource amounts that are not quantities (a number with an optional SI or binary suffix).",
  example: "500m",
});

/** A resource request larger than its limit. */
export const REQUEST_WITHIN_LIMIT = defineRule({
  id: "K8S-REQUEST-WITHIN-LIMIT",
  kind: "validity",
  severity: "error",
  rationale: "Kubernetes rejects a container whose resource request exceeds its limit.",
  example: "request 500m, limit 1",
});

/** A toleration with operator `Exists` and a value. */
export const TOLERATION_EXISTS_VALUE = defineRule({
  id: "K8S-TOLERATION-EXISTS-VALUE",
  kind: "validity",
  severity: "error",
  rationale: "Kubernetes rejects a toleration with operator Exists that also sets a value.",
  example: '{ key: "ci", operator: "Exists", effect: "NoSchedule" }',
});

/** `tolerationSeconds` on a toleration whose effect is not `NoExecute`. */
export const TOLERATION_SECONDS_EFFECT = defineRule({
  id: "K8S-TOLERATION-SECONDS-EFFECT",
  kind: "validity",
  severity: "error",
  rationale:
    "Kubernetes accepts tolerationSeconds only with effect NoExecute (it bounds how long a pod stays after the taint appears).",
  example: '{ key: "spot", operator: "Exists", effect: "NoExecute", tolerationSeconds: 120 }',
});

/** `tolerationSeconds` that is not a whole number ≥ 0. */
export const TOLERATION_SECONDS_WHOLE = defineRule({
  id: "K8S-TOLERATION-SECONDS-WHOLE",
  kind: "validity",
  severity: "error",
  rationale: "tolerationSeconds is an integer field of the Kubernetes API; fractions are rejected.",
  example: "120",
});

/** An environment variable name Kubernetes rejects. */
export const ENV_NAME = defineRule({
  id: "K8S-ENV-NAME",
  kind: "validity",
  severity: "error",
  rationale:
    "Kubernetes rejects environment variable names other than letters, digits, '_', '-' and '.', not starting with a digit.",
  example: '"RUNNER_FEATURE_FLAG"',
});

/** An environment variable with both a value and a secret reference. */
export const ENV_VALUE_OR_SECRET = defineRule({
  id: "K8S-ENV-VALUE-OR-SECRET",
  kind: "validity",
  severity: "error",
  rationale: "Kubernetes rejects an environment variable that sets both value and valueFrom.",
  example: '{ name: "TOKEN", secretKeyRef: { name: "ci-secrets", key: "token" } }',
});

/** `allowWildcards` without a reason. */
export const RBAC_WILDCARD_REASON = defineRule({
  id: "K8S-RBAC-WILDCARD-REASON",
  kind: "validity",
  severity: "error",
  rationale:
    "An opt-in to wildcard RBAC is a decision reviewers must be able to read; it is kept in the Role's annotations.",
  example: '"the chart manages arbitrary CRDs"',
});

/** An RBAC rule without verbs. */
export const RBAC_VERBS_REQUIRED = defineRule({
  id: "K8S-RBAC-VERBS-REQUIRED",
  kind: "validity",
  severity: "error",
  rationale: "Kubernetes rejects a Role rule that names no verb.",
  example: '["get", "list", "watch"]',
});

/** An RBAC rule without resources. */
export const RBAC_RESOURCES_REQUIRED = defineRule({
  id: "K8S-RBAC-RESOURCES-REQUIRED",
  kind: "validity",
  severity: "error",
  rationale: "Kubernetes rejects a Role rule that names no resource.",
  example: '["pods"]',
});

/** `*` in verbs, resources or API groups. */
export const RBAC_WILDCARD = defineRule({
  id: "K8S-RBAC-WILDCARD",
  kind: "policy",
  severity: "error",
  rationale:
    "Runner pods run untrusted code; a wildcard grants every current and future verb, resource or API group (least privilege).",
  example: '["get", "list", "watch"]',
});

/** `bind`, `escalate` or `impersonate` without a reasoned opt-in. */
export const RBAC_ESCALATING_VERB = defineRule({
  id: "K8S-RBAC-ESCALATING-VERB",
  kind: "policy",
  severity: "error",
  rationale:
    "bind, escalate and impersonate let a holder grant itself more than it has (privilege escalation).",
  example: '["get"]',
});

/** A verb Kubernetes does not know. */
export const RBAC_UNKNOWN_VERB = defineRule({
  id: "K8S-RBAC-UNKNOWN-VERB",
  kind: "policy",
  severity: "error",
  rationale:
    "Kubernetes accepts any verb string, so a misspelt verb silently grants nothing and the runner fails at run time.",
  example: '"get"',
});

/** A Pod Security Standards label value that is not a level. */
export const POD_SECURITY_LEVEL = defineRule({
  id: "K8S-POD-SECURITY-LEVEL",
  kind: "validity",
  severity: "error",
  rationale:
    "Pod Security admission rejects namespaces whose pod-security.kubernetes.io labels are not privileged, baseline or restricted.",
  example: "restricted",
});

/** A cpu/memory quota that no LimitRange default fills in. */
export const QUOTA_WITHOUT_DEFAULT = defineRule({
  id: "K8S-QUOTA-WITHOUT-DEFAULT",
  kind: "policy",
  severity: "warning",
  rationale:
    "With a cpu/memory ResourceQuota the API server rejects every pod that does not set that request or limit itself; a LimitRange default fills it in.",
  example:
    'limitRange: { defaultRequests: { cpu: "500m", memory: "1Gi" }, defaultLimits: { cpu: "2", memory: "4Gi" } }',
});

/** A network rule that opens no port. */
export const NETPOL_PORTS_REQUIRED = defineRule({
  id: "K8S-NETPOL-PORTS-REQUIRED",
  kind: "policy",
  severity: "error",
  rationale:
    "A NetworkPolicy rule without ports opens every port to its peers; each opening should be declared.",
  example: "[{ port: 9443 }]",
});

/** A network port number out of range. */
export const NETPOL_PORT_RANGE = defineRule({
  id: "K8S-NETPOL-PORT-RANGE",
  kind: "validity",
  severity: "error",
  rationale: "Kubernetes rejects NetworkPolicy port numbers that are not integers from 1 to 65535.",
  example: "9443",
});

/** A network peer address that is not a CIDR block. */
export const NETPOL_CIDR = defineRule({
  id: "K8S-NETPOL-CIDR",
  kind: "validity",
  severity: "error",
  rationale: "Kubernetes rejects NetworkPolicy ipBlocks that are not CIDR blocks.",
  example: "10.0.0.0/8",
});

/** A network peer that selects nothing. */
export const NETPOL_PEER_EMPTY = defineRule({
  id: "K8S-NETPOL-PEER-EMPTY",
  kind: "validity",
  severity: "error",
  rationale:
    "Kubernetes rejects a NetworkPolicy peer without ipBlock, namespaceSelector or podSelector.",
  example: '{ namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" } }',
});

/** Two network rules of one direction with one name. */
export const NETPOL_RULE_NAME_UNIQUE = defineRule({
  id: "K8S-NETPOL-RULE-NAME-UNIQUE",
  kind: "validity",
  severity: "error",
  rationale:
    "Each rule becomes a NetworkPolicy named allow-<direction>-<name>; two policies of one namespace cannot share a name.",
  example: "webhook-2",
});

/** An absolute kubeconfig path. */
export const KUBECONFIG_ABSOLUTE_PATH = defineRule({
  id: "K8S-KUBECONFIG-ABSOLUTE-PATH",
  kind: "policy",
  severity: "error",
  rationale:
    "The path is written into the synthesized JSON; an absolute path makes the output differ between machines and checkouts.",
  example: '"~/.kube/config"',
});

/** An empty kubeconfig context. */
export const KUBECONFIG_CONTEXT_EMPTY = defineRule({
  id: "K8S-KUBECONFIG-CONTEXT-EMPTY",
  kind: "policy",
  severity: "error",
  rationale:
    "An empty context silently falls back to the kubeconfig's current context, which may be another cluster; omit it to mean that.",
  example: '"ci-cluster"',
});

/** A quota or limit range amount the API server refuses for its resource. */
export const QUANTITY_VALUE = defineRule({
  id: "K8S-QUANTITY-VALUE",
  kind: "validity",
  severity: "error",
  rationale:
    "The API server rejects negative ResourceQuota and LimitRange amounts, and object counts (pods, services, count/<resource>…) that are not whole numbers (pkg/apis/core/validation: must be greater than or equal to 0; must be an integer).",
  example: '{ pods: "50", "requests.cpu": "500m" }',
});

/** A LimitRange whose defaults are not ordered min ≤ default request ≤ default limit ≤ max. */
export const LIMIT_RANGE_ORDER = defineRule({
  id: "K8S-LIMIT-RANGE-ORDER",
  kind: "validity",
  severity: "error",
  rationale:
    "The API server rejects a LimitRange whose default request exceeds its default limit or whose defaults exceed its max (after defaulting: an unset default limit is the max, an unset default request the default limit).",
  example: 'defaultRequests: { cpu: "500m" }, defaultLimits: { cpu: "2" }, max: { cpu: "4" }',
});

/** A named network port Kubernetes rejects. */
export const NETPOL_PORT_NAME = defineRule({
  id: "K8S-NETPOL-PORT-NAME",
  kind: "validity",
  severity: "error",
  rationale:
    "A NetworkPolicy port given as a string is a number (1–65535) when it is all digits, else an IANA service name: at most 15 lower-case letters, digits and '-', with a letter, no leading, trailing or double '-'.",
  example: '"metrics" or 9090',
});

/** Two service accounts of one namespace with one name. */
export const SERVICE_ACCOUNT_UNIQUE = defineRule({
  id: "K8S-SERVICE-ACCOUNT-UNIQUE",
  kind: "validity",
  severity: "error",
  rationale:
    "Two kubernetes_service_account_v1 of one namespace and name are one object: the second create fails (AlreadyExists) and the two would fight over its annotations.",
  example: '"runner-2"',
});

/** A namespace the cluster creates itself. */
export const NAMESPACE_RESERVED = defineRule({
  id: "K8S-NAMESPACE-RESERVED",
  kind: "validity",
  severity: "error",
  rationale:
    "default, kube-system, kube-public and kube-node-lease exist in every cluster: creating kubernetes_namespace_v1 of that name fails (AlreadyExists), and destroying it would take the cluster's own objects with it. Refer to them with RunnerNamespace.fromNamespaceName.",
  example: '"ci-runners"',
});

/** Two managed namespaces of one name in a stack. */
export const NAMESPACE_UNIQUE = defineRule({
  id: "K8S-NAMESPACE-UNIQUE",
  kind: "validity",
  severity: "error",
  rationale:
    "Two kubernetes_namespace_v1 of one name are one object: the second create fails (AlreadyExists). This happens, e.g., when an ARC controller's namespace is also a pool's namespace.",
  example: '"arc-systems" for the controller, "arc-runners" for the pool',
});
