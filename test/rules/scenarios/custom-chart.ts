// Scenarios of the custom chart platform's rules (lib/platforms/custom-chart/rules.ts).
import { CUSTOM_POD_LABELS_VALUES_PATH } from "../../../lib/platforms/custom-chart/rules";
import { RunnerPool } from "../../../lib/pool";
import { boundRunner, FakeIdentity } from "../../support/fixtures";
import type { RuleScenario } from "../../support/rule-scenarios";
import { newStack } from "../../support/stack";

/** A pool whose identity needs a pod label (as AKS Workload Identity does). */
function pool(podLabelsValuesPath?: string) {
  const stack = newStack("custom");
  new RunnerPool(stack, "ci", {
    identity: new FakeIdentity({ "azure.workload.identity/use": "true" }),
    platform: boundRunner({ podLabelsValuesPath }),
  });
  return stack;
}

export const scenarios: RuleScenario[] = [
  {
    rule: CUSTOM_POD_LABELS_VALUES_PATH,
    invalid: () => pool(),
    valid: () => pool("podLabels"),
  },
];
