// Scenarios of the rules framework's own rules (lib/core/rules/core-rules.ts).
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import {
  SUPPRESSION_REASON,
  SUPPRESSION_UNKNOWN,
  SUPPRESSION_VALIDITY,
} from "../../../lib/core/rules/core-rules";
import { Rules } from "../../../lib/core/rules/report";
import type { RuleScenario } from "../../support/rule-scenarios";
import { newStack } from "../../support/stack";

/** A stack with one child on which a suppression is declared. */
function suppressing(id: string, reason: string): TerraformStack {
  const stack = newStack("suppressions", { providers: false });
  Rules.suppress(new Construct(stack, "pool"), id, reason);
  return stack;
}

export const scenarios: RuleScenario[] = [
  {
    rule: SUPPRESSION_REASON,
    invalid: () => suppressing("K8S-RBAC-WILDCARD", "because"),
    valid: () => suppressing("K8S-RBAC-WILDCARD", "the chart manages arbitrary CRDs"),
  },
  {
    rule: SUPPRESSION_VALIDITY,
    invalid: () => suppressing("CORE-SUPPRESSION-UNKNOWN", "a reason that is long enough"),
    valid: () => suppressing("K8S-RBAC-WILDCARD", "the chart manages arbitrary CRDs"),
  },
  {
    rule: SUPPRESSION_UNKNOWN,
    invalid: () => suppressing("K8S-RBAC-WILDCARDS", "the chart manages arbitrary CRDs"),
    valid: () => suppressing("K8S-RBAC-WILDCARD", "the chart manages arbitrary CRDs"),
  },
];
