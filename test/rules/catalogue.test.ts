// Every rule of the catalogue, proven both ways by a scenario (test/rules/scenarios/*.ts):
// the invalid input is reported under the rule's id, the input with the rule's "Valid:"
// example is not. Plus: docs/rules.md is what the catalogue renders, and suppression
// behaves by kind (policy: suppressed and recorded; validity: refused).
import * as fs from "fs";
import * as path from "path";
import { TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { Rules } from "../../lib/core/rules/report";
import { loadRuleCatalogue } from "../../scripts/rule-catalogue";
import { renderRulesDoc } from "../../scripts/rules-doc";
import type { RuleScenario } from "../support/rule-scenarios";
import { findingsOf, rulesMetadataOf } from "../support/stack";

const catalogue = loadRuleCatalogue();
const scenarioDir = path.join(__dirname, "scenarios");
const scenarios: RuleScenario[] = fs
  .readdirSync(scenarioDir)
  .filter((f) => f.endsWith(".ts"))
  .sort()
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  .flatMap((f) => (require(path.join(scenarioDir, f)) as { scenarios: RuleScenario[] }).scenarios);
const byId = new Map(scenarios.map((s) => [s.rule.id, s]));

function stackOf(root: IConstruct): TerraformStack | undefined {
  return root.node.findAll().find((c): c is TerraformStack => TerraformStack.isStack(c));
}

test("the catalogue is not empty and ids are unique", () => {
  expect(catalogue.length).toBeGreaterThan(50);
  expect(new Set(catalogue.map((r) => r.id)).size).toBe(catalogue.length);
});

test("every rule has a scenario, and every scenario names a rule of the catalogue", () => {
  const ids = catalogue.map((r) => r.id);
  expect(ids.filter((id) => !byId.has(id))).toEqual([]);
  expect(scenarios.map((s) => s.rule.id).filter((id) => !ids.includes(id))).toEqual([]);
  expect(byId.size).toBe(scenarios.length);
});

test("every rule has a rationale and a valid example", () => {
  for (const rule of catalogue) {
    expect(rule.rationale.length).toBeGreaterThan(10);
    expect(rule.example.length).toBeGreaterThan(0);
  }
});

test("docs/rules.md is up to date (npm run docs:rules)", () => {
  const committed = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "rules.md"), "utf8");
  expect(committed).toBe(renderRulesDoc(catalogue));
});

describe.each(scenarios.filter((s) => s.atConstruction).map((s) => [s.rule.id, s] as const))(
  "%s (stops construction)",
  (id, scenario) => {
    test("throws a formatted finding with the rule's id; the valid example constructs", () => {
      expect(() => scenario.invalid()).toThrow(`(${id})`);
      expect(findingsOf(scenario.valid(), id)).toEqual([]);
    });
  },
);

describe.each(scenarios.filter((s) => !s.atConstruction).map((s) => [s.rule.id, s] as const))(
  "%s",
  (id, scenario) => {
    test("reports the invalid input under its id, at the rule's severity", () => {
      const found = findingsOf(scenario.invalid(), id);
      expect(found.length).toBeGreaterThan(0);
      expect(found[0].status).toBe(scenario.rule.severity);
    });

    test("accepts the input with the rule's valid example", () => {
      expect(findingsOf(scenario.valid(), id).map((f) => f.problem.message)).toEqual([]);
    });

    if (scenario.rule.kind === "policy") {
      test("a suppression with a reason turns it into a recorded, suppressed finding", () => {
        const root = scenario.invalid();
        Rules.suppress(root, id, "accepted for this test: a reason of 10+ chars");
        const found = findingsOf(root, id);
        expect(found.length).toBeGreaterThan(0);
        expect(found.every((f) => f.status === "suppressed")).toBe(true);
        const stack = stackOf(root);
        if (stack) {
          expect(rulesMetadataOf(stack).suppressed.map((s: { rule: string }) => s.rule)).toContain(
            id,
          );
        }
      });
    } else {
      test("cannot be suppressed: the suppression itself is an error, the finding stays", () => {
        const root = scenario.invalid();
        Rules.suppress(root, id, "trying to suppress a validity rule");
        expect(findingsOf(root, id).every((f) => f.status === "error")).toBe(true);
        const refused = findingsOf(root, "CORE-SUPPRESSION-VALIDITY").filter(
          (f) => f.problem.field === `suppressions.${id}`,
        );
        expect(refused).toHaveLength(1);
      });
    }
  },
);
