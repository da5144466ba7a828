// A rule scenario proves a rule both ways: `invalid()` builds input the rule reports, and
// `valid()` builds the same input with the rule's "Valid:" example applied, which the
// rule must not report. test/rules/catalogue.test.ts runs every scenario and fails when a
// rule of the catalogue has none.
import type { IConstruct } from "constructs";
import type { Rule } from "../../lib/core/rules/rule";

export interface RuleScenario {
  /** The rule under test. */
  readonly rule: Rule;
  /**
   * Builds a construct tree (a stack, so suppressions are checked) whose input breaks the
   * rule. For a rule that fails construction itself (`atConstruction`), it must throw.
   */
  readonly invalid: () => IConstruct;
  /** The rule stops construction (a RunnerPoolsValidationError) instead of reporting at synth. @default false */
  readonly atConstruction?: boolean;
  /** Builds the same tree with the rule's example applied; the rule must not fire. */
  readonly valid: () => IConstruct;
}
