// Scenarios of the identity subject rules (lib/identity/rules.ts).
import { Construct } from "constructs";
import { addBindingChecks, SubjectRestriction } from "../../../lib/identity/subject";
import {
  SUBJECT_REQUIRED,
  SUBJECT_RESTRICTION,
  SUBJECT_WILDCARD,
} from "../../../lib/identity/rules";
import type { ServiceAccountSubject } from "../../../lib/identity/workload-identity";
import type { RuleScenario } from "../../support/rule-scenarios";
import { newStack } from "../../support/stack";

/** A stack with one binding's checks, as a pool's `Identity-<id>` construct holds them. */
function binding(subject: ServiceAccountSubject, restriction?: SubjectRestriction) {
  const stack = newStack("identity", { providers: false });
  addBindingChecks(new Construct(stack, "Identity-Runner"), subject, restriction);
  return stack;
}

export const scenarios: RuleScenario[] = [
  {
    rule: SUBJECT_REQUIRED,
    invalid: () => binding({ namespace: "ci-runners", name: "" }),
    valid: () => binding({ namespace: "ci-runners", name: "ci-runner" }),
  },
  {
    rule: SUBJECT_WILDCARD,
    invalid: () => binding({ namespace: "ci-runners", name: "*" }),
    valid: () => binding({ namespace: "ci-runners", name: "ci-runner" }),
  },
  {
    rule: SUBJECT_RESTRICTION,
    invalid: () => binding({ namespace: "ops", name: "ci-runner" }, { namespace: "ci-runners" }),
    valid: () =>
      binding({ namespace: "ci-runners", name: "ci-runner" }, { namespace: "ci-runners" }),
  },
];
