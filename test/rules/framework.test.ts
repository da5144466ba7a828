// The rules framework itself: message format, severities, suppressions, metadata.
import { App, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { formatProblem } from "../../lib/core/rules/problem";
import { addChecks, report, Rules } from "../../lib/core/rules/report";
import { defineRule } from "../../lib/core/rules/rule";
import { rulesMetadataOf, synthErrors } from "../support/stack";

const VALIDITY = defineRule({
  id: "TEST-VALIDITY",
  kind: "validity",
  severity: "error",
  rationale: "the API server would reject it",
  example: "ok",
});
const POLICY_ERROR = defineRule({
  id: "TEST-POLICY-ERROR",
  kind: "policy",
  severity: "error",
  rationale: "an opinion strong enough to fail synth",
  example: "safe",
});
const POLICY_WARNING = defineRule({
  id: "TEST-POLICY-WARNING",
  kind: "policy",
  severity: "warning",
  rationale: "an opinion worth a warning",
  example: "pinned",
});

function tree() {
  const app = Testing.app({ stackTraces: false });
  const stack = new TerraformStack(app, "s");
  const pool = new Construct(stack, "pool");
  const part = new Construct(pool, "part");
  return { app, stack, pool, part };
}

const metaOf = (stack: TerraformStack) => rulesMetadataOf(stack);

test("a finding reads [path] field: value — message. Valid: example (RULE-ID)", () => {
  expect(formatProblem({ rule: VALIDITY, field: "name", value: "X", message: "bad" })).toBe(
    'name: "X" — bad. Valid: ok (TEST-VALIDITY)',
  );
  const { stack, part } = tree();
  addChecks(part, () => [
    { rule: VALIDITY, field: "name", value: "X", message: "bad", example: "x" },
  ]);
  expect(synthErrors(stack)).toContain('[s/pool/part] name: "X" — bad. Valid: x (TEST-VALIDITY)');
});

test("secrets stay redacted in messages and in the metadata", () => {
  const { stack, part } = tree();
  report(part, {
    rule: POLICY_WARNING,
    field: "token",
    value: "ghp_secret123",
    message: "m",
    redact: true,
  });
  const text = JSON.stringify(stack.toTerraform());
  expect(text).toContain("<redacted, 13 characters>");
  expect(text).not.toContain("ghp_secret123");
});

test("no findings: nothing is added to the synthesized JSON", () => {
  const { stack, part } = tree();
  addChecks(part, () => [undefined]);
  expect(rulesMetadataOf(stack)).toBeUndefined();
  expect(synthErrors(stack)).toBe("");
});

test("a warning does not fail synth; it is annotated and recorded in the metadata", () => {
  const { stack, part } = tree();
  report(part, { rule: POLICY_WARNING, field: "image.tag", value: "latest", message: "floats" });
  expect(synthErrors(stack)).toBe("");
  const warnings = part.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
  expect(warnings).toEqual(['image.tag: "latest" — floats. Valid: pinned (TEST-POLICY-WARNING)']);
  expect(metaOf(stack)).toEqual({
    warnings: [
      {
        rule: "TEST-POLICY-WARNING",
        path: "s/pool/part",
        message: 'image.tag: "latest" — floats. Valid: pinned (TEST-POLICY-WARNING)',
      },
    ],
  });
});

test("a policy error suppressed on an ancestor with a reason passes synth and is recorded", () => {
  const { stack, pool, part } = tree();
  addChecks(part, () => [{ rule: POLICY_ERROR, field: "verbs", value: "*", message: "wide" }]);
  expect(synthErrors(stack)).toContain("(TEST-POLICY-ERROR)");
  Rules.suppress(pool, "TEST-POLICY-ERROR", "  the chart manages arbitrary CRDs  ");
  expect(synthErrors(stack)).toBe("");
  expect(metaOf(stack)).toEqual({
    suppressed: [
      {
        rule: "TEST-POLICY-ERROR",
        path: "s/pool/part",
        field: "verbs",
        reason: "the chart manages arbitrary CRDs",
        suppressedAt: "s/pool",
      },
    ],
  });
});

test("a suppression elsewhere in the tree does not apply", () => {
  const { stack, pool, part } = tree();
  const sibling = new Construct(pool, "sibling");
  addChecks(part, () => [{ rule: POLICY_ERROR, field: "verbs", value: "*", message: "wide" }]);
  Rules.suppress(sibling, "TEST-POLICY-ERROR", "only the sibling needs it");
  expect(synthErrors(stack)).toContain("[s/pool/part] verbs");
});

test("suppressing a validity rule is itself an error, and the finding stays", () => {
  const { stack, pool, part } = tree();
  addChecks(part, () => [{ rule: VALIDITY, field: "name", value: "X", message: "bad" }]);
  Rules.suppress(pool, "TEST-VALIDITY", "we want it anyway, really");
  const errors = synthErrors(stack);
  expect(errors).toContain("[s/pool/part] name");
  expect(errors).toContain("[s/pool] suppressions.TEST-VALIDITY");
  expect(errors).toContain("(CORE-SUPPRESSION-VALIDITY)");
});

test.each([
  ["", "CORE-SUPPRESSION-REASON"],
  ["too short", "CORE-SUPPRESSION-REASON"],
  ["          ", "CORE-SUPPRESSION-REASON"],
])("a suppression with reason %j is an error (%s) and suppresses nothing", (reason, id) => {
  const { stack, pool, part } = tree();
  addChecks(part, () => [{ rule: POLICY_ERROR, field: "verbs", value: "*", message: "wide" }]);
  Rules.suppress(pool, "TEST-POLICY-ERROR", reason);
  const errors = synthErrors(stack);
  expect(errors).toContain(`(${id})`);
  expect(errors).toContain("[s/pool/part] verbs");
});

test("suppressing an unknown rule id is an error", () => {
  const { stack, pool } = tree();
  Rules.suppress(pool, "TEST-TYPO", "a reason that is long enough");
  expect(synthErrors(stack)).toContain("(CORE-SUPPRESSION-UNKNOWN)");
});

test("a suppression on the App applies to every stack; an invalid one fails each stack", () => {
  const app: App = Testing.app({ stackTraces: false });
  const stacks = ["a", "b"].map((id) => new TerraformStack(app, id));
  for (const s of stacks) {
    addChecks(s, () => [{ rule: POLICY_ERROR, field: "verbs", value: "*", message: "wide" }]);
  }
  Rules.suppress(app, "TEST-POLICY-ERROR", "accepted across the whole app");
  expect(stacks.map(synthErrors)).toEqual(["", ""]);
  expect(rulesMetadataOf(stacks[0]).suppressed[0].suppressedAt).toBe("(app)");
  Rules.suppress(app, "TEST-VALIDITY", "not allowed, whatever the reason");
  for (const s of stacks) {
    expect(synthErrors(s)).toContain("(app) suppressions.TEST-VALIDITY");
    expect(synthErrors(s)).toContain("(CORE-SUPPRESSION-VALIDITY)");
  }
  expect(Rules.findings(app).map((f) => f.problem.rule.id)).toContain("CORE-SUPPRESSION-VALIDITY");
});

test("all problems of one synth are reported together", () => {
  const { stack, pool, part } = tree();
  addChecks(part, () => [{ rule: VALIDITY, field: "a", value: 1, message: "m" }]);
  addChecks(pool, () => [{ rule: VALIDITY, field: "b", value: 2, message: "m" }]);
  const errors = synthErrors(stack);
  expect(errors).toContain("[s/pool] b");
  expect(errors).toContain("[s/pool/part] a");
});

test("defineRule refuses malformed ids, duplicates and suppressible validity rules", () => {
  const base = {
    kind: "policy" as const,
    severity: "error" as const,
    rationale: "r",
    example: "e",
  };
  expect(() => defineRule({ ...base, id: "lower-case" })).toThrow(/malformed/);
  expect(() => defineRule({ ...base, id: "TEST-VALIDITY" })).toThrow(/twice/);
  expect(() =>
    defineRule({ ...base, id: "TEST-X", kind: "validity", severity: "warning" }),
  ).toThrow(/must have severity "error"/);
});

test("a platform outside this library uses the same framework through the public entry point", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pub = require("cdktf-runner-pools") as typeof import("../../lib/index");
  const rule = pub.defineRule({
    id: "ACME-RUNNER-SIZE",
    kind: "policy",
    severity: "warning",
    rationale: "acme runners above 8 CPUs cost more than they save",
    example: "4",
  });
  const { stack, part } = tree();
  pub.addChecks(part, () => [{ rule, field: "cpus", value: 16, message: "more than 8 CPUs" }]);
  expect(pub.ruleCatalogue().map((r) => r.id)).toContain("ACME-RUNNER-SIZE");
  expect(rulesMetadataOf(stack).warnings[0].rule).toBe("ACME-RUNNER-SIZE");
});
