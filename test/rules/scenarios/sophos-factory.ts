// Rule scenarios of the Sophos Factory runner pool: each rule's invalid input, and the same
// input with the rule's "Valid:" example applied.
import * as path from "path";
import { TerraformStack, TerraformVariable } from "cdktf";
import {
  SophosFactoryRunner,
  SophosFactoryRunnerProps,
} from "../../../lib/platforms/sophos-factory/sophos-factory-runner";
import * as rules from "../../../lib/platforms/sophos-factory/rules";
import { RunnerPool } from "../../../lib/pool";
import { SensitiveValue } from "../../../lib/release/sensitive-value";
import type { Rule } from "../../../lib/core/rules/rule";
import type { RuleScenario } from "../../support/rule-scenarios";
import { newStack } from "../../support/stack";
import { Cloud, FakeCloudIdentity } from "../../platforms/cloud-identities";

/** A real local chart of the repository, standing in for the factory-rm archive. */
const CHART_DIR = path.join(__dirname, "..", "..", "terraform", "charts", "e2e-runner");

function pool(overrides: Partial<SophosFactoryRunnerProps> = {}, cloud?: Cloud): TerraformStack {
  const stack = newStack();
  const key = new TerraformVariable(stack, "runner_manager_key", {
    type: "string",
    sensitive: true,
  });
  new RunnerPool(stack, "Factory", {
    poolName: "factory-pool",
    identity: cloud ? new FakeCloudIdentity(cloud) : undefined,
    platform: new SophosFactoryRunner({
      chartPath: CHART_DIR,
      runnerManagerId: "64f1c0ffee0123456789abcd",
      runnerManagerKey: SensitiveValue.fromVariable(key),
      runnerImage: { tag: "1.2.3" },
      ...overrides,
    }),
  });
  return stack;
}

function scenario(
  rule: Rule,
  invalid: () => TerraformStack,
  valid: () => TerraformStack,
): RuleScenario {
  return { rule, invalid, valid };
}

export const scenarios: RuleScenario[] = [
  scenario(
    rules.IMAGE_LATEST,
    () => pool({ runnerImage: {} }),
    () => pool({ runnerImage: { tag: "1.2.3" } }),
  ),
  scenario(
    rules.RUNNER_POD_LABELS,
    () => pool({}, "aks"),
    () => pool({}, "eks"),
  ),
  scenario(
    rules.RUNNER_MANAGER_ID,
    () => pool({ runnerManagerId: " " }),
    () => pool({ runnerManagerId: "64f1c0ffee0123456789abcd" }),
  ),
  scenario(
    rules.AGENT_API_FQDN,
    () => pool({ agentApiFqdn: "https://agent-api.factory.sophos.com/" }),
    () => pool({ agentApiFqdn: "agent-api.factory.sophos.com" }),
  ),
  scenario(
    rules.VALUES_PATH,
    () => pool({ valuesLayout: { secretsPath: "a..b" } }),
    () => pool({ valuesLayout: { secretsPath: "secrets" } }),
  ),
];
