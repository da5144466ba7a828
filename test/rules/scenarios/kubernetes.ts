// Scenarios of the Kubernetes building blocks' rules (lib/kubernetes/rules.ts).
import { Construct } from "constructs";
import { addChecks } from "../../../lib/core/rules/report";
import type { Problem } from "../../../lib/core/rules/problem";
import { KubeconfigConnection } from "../../../lib/kubernetes/kubeconfig-connection";
import type { RunnerNetworkPolicyOptions } from "../../../lib/kubernetes/network-policy";
import {
  checkEnv,
  checkResources,
  checkTolerations,
  EnvVar,
  ResourceRequirements,
  Toleration,
} from "../../../lib/kubernetes/pod-options";
import type { AllowWildcards, PolicyRule } from "../../../lib/kubernetes/rbac";
import { RunnerNamespace, RunnerNamespaceProps } from "../../../lib/kubernetes/runner-namespace";
import { RunnerServiceAccount } from "../../../lib/kubernetes/runner-service-account";
import * as R from "../../../lib/kubernetes/rules";
import type { RuleScenario } from "../../support/rule-scenarios";
import { newStack } from "../../support/stack";

function namespace(props: Partial<RunnerNamespaceProps>) {
  const stack = newStack("k8s");
  new RunnerNamespace(stack, "Ns", { name: "ci", ...props });
  return stack;
}

const network = (networkPolicy: RunnerNetworkPolicyOptions) => namespace({ networkPolicy });

function role(rules: PolicyRule[], allowWildcards?: AllowWildcards) {
  const stack = newStack("k8s");
  const ns = RunnerNamespace.fromNamespaceName(stack, "Ns", "ci");
  new RunnerServiceAccount(stack, "Sa", { namespace: ns, name: "runner", rules, allowWildcards });
  return stack;
}

/** Pod options are checked by the platforms that render them; here on a bare construct. */
function podOptions(check: () => Problem[] | (Problem | undefined)[]) {
  const stack = newStack("k8s", { providers: false });
  addChecks(new Construct(stack, "Runner"), check);
  return stack;
}
const tolerations = (t: Toleration[]) => podOptions(() => checkTolerations("tolerations", t));
const env = (e: EnvVar[]) => podOptions(() => checkEnv("env", e));
const resources = (r: ResourceRequirements) => podOptions(() => checkResources("resources", r));

function kubeconfig(configPath: string, context?: string) {
  const stack = newStack("k8s", { providers: false });
  new KubeconfigConnection(stack, "Cluster", { configPath, context });
  return stack;
}

const webhook = { name: "webhook", ports: [{ port: 9443 }] };

export const scenarios: RuleScenario[] = [
  {
    rule: R.QUANTITY_SYNTAX,
    invalid: () => namespace({ resourceQuota: { "requests.cpu": "half" } }),
    valid: () => namespace({ resourceQuota: { "requests.cpu": "500m" } }),
  },
  {
    rule: R.REQUEST_WITHIN_LIMIT,
    invalid: () => resources({ requests: { cpu: "2" }, limits: { cpu: "1" } }),
    valid: () => resources({ requests: { cpu: "500m" }, limits: { cpu: "1" } }),
  },
  {
    rule: R.TOLERATION_EXISTS_VALUE,
    invalid: () =>
      tolerations([{ key: "ci", operator: "Exists", value: "true", effect: "NoSchedule" }]),
    valid: () => tolerations([{ key: "ci", operator: "Exists", effect: "NoSchedule" }]),
  },
  {
    rule: R.TOLERATION_SECONDS_EFFECT,
    invalid: () =>
      tolerations([
        { key: "spot", operator: "Exists", effect: "NoSchedule", tolerationSeconds: 120 },
      ]),
    valid: () =>
      tolerations([
        { key: "spot", operator: "Exists", effect: "NoExecute", tolerationSeconds: 120 },
      ]),
  },
  {
    rule: R.TOLERATION_SECONDS_WHOLE,
    invalid: () =>
      tolerations([
        { key: "spot", operator: "Exists", effect: "NoExecute", tolerationSeconds: 1.5 },
      ]),
    valid: () =>
      tolerations([
        { key: "spot", operator: "Exists", effect: "NoExecute", tolerationSeconds: 120 },
      ]),
  },
  {
    rule: R.ENV_NAME,
    invalid: () => env([{ name: "1_FLAG", value: "on" }]),
    valid: () => env([{ name: "RUNNER_FEATURE_FLAG", value: "on" }]),
  },
  {
    rule: R.ENV_VALUE_OR_SECRET,
    invalid: () =>
      env([{ name: "TOKEN", value: "x", secretKeyRef: { name: "ci-secrets", key: "token" } }]),
    valid: () => env([{ name: "TOKEN", secretKeyRef: { name: "ci-secrets", key: "token" } }]),
  },
  {
    rule: R.RBAC_WILDCARD_REASON,
    invalid: () => role([{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }], { reason: " " }),
    valid: () =>
      role([{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }], {
        reason: "the chart manages arbitrary CRDs",
      }),
  },
  {
    rule: R.RBAC_VERBS_REQUIRED,
    invalid: () => role([{ resources: ["pods"], verbs: [] }]),
    valid: () => role([{ resources: ["pods"], verbs: ["get", "list", "watch"] }]),
  },
  {
    rule: R.RBAC_RESOURCES_REQUIRED,
    invalid: () => role([{ resources: [], verbs: ["get"] }]),
    valid: () => role([{ resources: ["pods"], verbs: ["get"] }]),
  },
  {
    rule: R.RBAC_WILDCARD,
    invalid: () => role([{ resources: ["pods"], verbs: ["*"] }]),
    valid: () => role([{ resources: ["pods"], verbs: ["get", "list", "watch"] }]),
  },
  {
    rule: R.RBAC_ESCALATING_VERB,
    invalid: () =>
      role([{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["bind"] }]),
    valid: () =>
      role([{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["get"] }]),
  },
  {
    rule: R.RBAC_UNKNOWN_VERB,
    invalid: () => role([{ resources: ["pods"], verbs: ["gets"] }]),
    valid: () => role([{ resources: ["pods"], verbs: ["get"] }]),
  },
  {
    rule: R.POD_SECURITY_LEVEL,
    invalid: () => namespace({ podSecurity: "strict" as never }),
    valid: () => namespace({ podSecurity: "restricted" }),
  },
  {
    rule: R.QUOTA_WITHOUT_DEFAULT,
    invalid: () => namespace({ resourceQuota: { "requests.cpu": "8", "limits.memory": "16Gi" } }),
    valid: () =>
      namespace({
        resourceQuota: { "requests.cpu": "8", "limits.memory": "16Gi" },
        limitRange: {
          defaultRequests: { cpu: "500m", memory: "1Gi" },
          defaultLimits: { cpu: "2", memory: "4Gi" },
        },
      }),
  },
  {
    rule: R.NETPOL_PORTS_REQUIRED,
    invalid: () => network({ ingress: [{ name: "webhook", ports: [] }] }),
    valid: () => network({ ingress: [{ name: "webhook", ports: [{ port: 9443 }] }] }),
  },
  {
    rule: R.NETPOL_PORT_RANGE,
    invalid: () => network({ ingress: [{ name: "webhook", ports: [{ port: 94430 }] }] }),
    valid: () => network({ ingress: [{ name: "webhook", ports: [{ port: 9443 }] }] }),
  },
  {
    rule: R.NETPOL_CIDR,
    invalid: () => network({ ingress: [{ ...webhook, peers: [{ cidr: "10.0.0.0" }] }] }),
    valid: () => network({ ingress: [{ ...webhook, peers: [{ cidr: "10.0.0.0/8" }] }] }),
  },
  {
    rule: R.NETPOL_PEER_EMPTY,
    invalid: () => network({ ingress: [{ ...webhook, peers: [{}] }] }),
    valid: () =>
      network({
        ingress: [
          {
            ...webhook,
            peers: [{ namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" } }],
          },
        ],
      }),
  },
  {
    rule: R.NETPOL_RULE_NAME_UNIQUE,
    invalid: () => network({ ingress: [webhook, webhook] }),
    valid: () => network({ ingress: [webhook, { ...webhook, name: "webhook-2" }] }),
  },
  {
    rule: R.KUBECONFIG_ABSOLUTE_PATH,
    invalid: () => kubeconfig("/home/me/.kube/config"),
    valid: () => kubeconfig("~/.kube/config"),
  },
  {
    rule: R.KUBECONFIG_CONTEXT_EMPTY,
    invalid: () => kubeconfig("~/.kube/config", " "),
    valid: () => kubeconfig("~/.kube/config", "ci-cluster"),
  },
  {
    rule: R.QUANTITY_VALUE,
    invalid: () => namespace({ resourceQuota: { pods: "500m" } }),
    valid: () => namespace({ resourceQuota: { pods: "50", "requests.cpu": "500m" } }),
  },
  {
    rule: R.LIMIT_RANGE_ORDER,
    invalid: () =>
      namespace({ limitRange: { defaultRequests: { cpu: "2" }, defaultLimits: { cpu: "1" } } }),
    valid: () =>
      namespace({
        limitRange: {
          defaultRequests: { cpu: "500m" },
          defaultLimits: { cpu: "2" },
          max: { cpu: "4" },
        },
      }),
  },
  {
    rule: R.NETPOL_PORT_NAME,
    invalid: () => network({ ingress: [{ name: "metrics", ports: [{ port: "Port" }] }] }),
    valid: () => network({ ingress: [{ name: "metrics", ports: [{ port: "metrics" }] }] }),
  },
  {
    rule: R.SERVICE_ACCOUNT_UNIQUE,
    invalid: () => {
      const stack = newStack("k8s");
      const ns = RunnerNamespace.fromNamespaceName(stack, "Ns", "ci");
      new RunnerServiceAccount(stack, "A", { namespace: ns, name: "runner" });
      new RunnerServiceAccount(stack, "B", { namespace: ns, name: "runner" });
      return stack;
    },
    valid: () => {
      const stack = newStack("k8s");
      const ns = RunnerNamespace.fromNamespaceName(stack, "Ns", "ci");
      new RunnerServiceAccount(stack, "A", { namespace: ns, name: "runner" });
      new RunnerServiceAccount(stack, "B", { namespace: ns, name: "runner-2" });
      return stack;
    },
  },
  {
    rule: R.NAMESPACE_RESERVED,
    invalid: () => namespace({ name: "kube-system" }),
    valid: () => namespace({ name: "ci-runners" }),
  },
  {
    rule: R.NAMESPACE_UNIQUE,
    invalid: () => {
      const stack = newStack("k8s");
      new RunnerNamespace(stack, "A", { name: "arc-systems" });
      new RunnerNamespace(stack, "B", { name: "arc-systems" });
      return stack;
    },
    valid: () => {
      const stack = newStack("k8s");
      new RunnerNamespace(stack, "A", { name: "arc-systems" });
      new RunnerNamespace(stack, "B", { name: "arc-runners" });
      return stack;
    },
  },
];
