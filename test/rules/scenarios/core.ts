// Scenarios of the core rules used outside the framework: construct ids, Helm values
// numbers, and Kubernetes names (lib/core/name-rules.ts).
import { Testing } from "cdktf";
import { CONSTRUCT_ID_UNIQUE, HELM_VALUES_NUMBER } from "../../../lib/core/rules/core-rules";
import {
  NAME_DNS1123_LABEL,
  NAME_DNS1123_SUBDOMAIN,
  NAME_LABEL_VALUE,
  NAME_METADATA_KEY,
} from "../../../lib/core/name-rules";
import { RunnerNamespace } from "../../../lib/kubernetes/runner-namespace";
import { RunnerServiceAccount } from "../../../lib/kubernetes/runner-service-account";
import { ChartSource } from "../../../lib/release/chart-source";
import { RunnerRelease } from "../../../lib/release/runner-release";
import { HelmValues } from "../../../lib/core/yaml";
import { KubernetesRunnerStack } from "../../../stacks/kubernetes-runner-stack";
import { boundRunner } from "../../support/fixtures";
import type { RuleScenario } from "../../support/rule-scenarios";
import { newStack } from "../../support/stack";

/** A kubeconfig stack with two pools (the same id twice when `secondId` repeats it). */
function twoPools(secondId: string) {
  const stack = new KubernetesRunnerStack(Testing.app({ stackTraces: false }), "core");
  stack.addPool("gitlab", { platform: boundRunner() });
  stack.addPool(secondId, { platform: boundRunner() });
  return stack;
}

function releaseWith(values: HelmValues) {
  const stack = newStack("core");
  new RunnerRelease(stack, "Release", {
    namespace: RunnerNamespace.fromNamespaceName(stack, "Ns", "ci"),
    releaseName: "runner",
    chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
    values,
  });
  return stack;
}

function namespace(name: string, labels?: Record<string, string>) {
  const stack = newStack("core");
  new RunnerNamespace(stack, "Ns", { name, labels });
  return stack;
}

function serviceAccount(name: string) {
  const stack = newStack("core");
  const ns = RunnerNamespace.fromNamespaceName(stack, "Ns", "ci");
  new RunnerServiceAccount(stack, "Sa", { namespace: ns, name });
  return stack;
}

export const scenarios: RuleScenario[] = [
  {
    rule: CONSTRUCT_ID_UNIQUE,
    atConstruction: true,
    invalid: () => twoPools("gitlab"),
    valid: () => twoPools("gitlab-arm64"),
  },
  {
    rule: HELM_VALUES_NUMBER,
    invalid: () => releaseWith({ replicas: NaN }),
    valid: () => releaseWith({ replicas: 3 }),
  },
  {
    rule: NAME_DNS1123_LABEL,
    invalid: () => namespace("CI_Runners"),
    valid: () => namespace("ci-runners"),
  },
  {
    rule: NAME_DNS1123_SUBDOMAIN,
    invalid: () => serviceAccount("Runner_Token"),
    valid: () => serviceAccount("runner-token"),
  },
  {
    rule: NAME_METADATA_KEY,
    invalid: () => namespace("ci", { "example.com/bad key": "platform-team" }),
    valid: () => namespace("ci", { "example.com/team": "platform-team" }),
  },
  {
    rule: NAME_LABEL_VALUE,
    invalid: () => namespace("ci", { "example.com/team": "platform team!" }),
    valid: () => namespace("ci", { "example.com/team": "platform-team" }),
  },
];
