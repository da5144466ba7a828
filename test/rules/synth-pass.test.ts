// One stack's synth is done once: each check runs once, the secret scan's render is what cdktf
// writes — and nothing changed after validation is ever served from that reuse.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformAsset, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";
import { Construct } from "constructs";
import { addChecks, Rules } from "../../lib/core/rules/report";
import { defineRule } from "../../lib/core/rules/rule";

const WARNING = defineRule({
  id: "TEST-PASS-WARNING",
  kind: "policy",
  severity: "warning",
  rationale: "a warning recorded in the metadata",
  example: "pinned",
});

type RulesMetadata = { runnerPoolsRules: { warnings?: unknown[]; suppressed?: unknown[] } };
const metadataOf = (stack: TerraformStack) =>
  (stack.toTerraform() as { "//": { metadata: RulesMetadata } })["//"].metadata;

function counted(scope: Construct, value = "v") {
  const calls = { n: 0 };
  addChecks(scope, () => {
    calls.n++;
    return [{ rule: WARNING, field: "f", value, message: "m" }];
  });
  return calls;
}

/** How many times stacks render (`toTerraform`) while `run` runs. */
function rendersOf(run: () => void): number {
  let renders = 0;
  const original = TerraformStack.prototype.toTerraform;
  const spy = jest.spyOn(TerraformStack.prototype, "toTerraform").mockImplementation(function (
    this: TerraformStack,
  ) {
    renders++;
    return original.call(this);
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return renders;
}

function stackWithCheck(app: App) {
  const stack = new TerraformStack(app, "s");
  const part = new Construct(stack, "part");
  new TerraformOutput(stack, "out", { value: "one" });
  return { stack, part, calls: counted(part) };
}

test("a full synth runs each check once and writes the render the scan read", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-pass-"));
  try {
    const app = new App({ outdir, stackTraces: false });
    const { stack, calls } = stackWithCheck(app);
    const renders = rendersOf(() => app.synth());
    // Before: validation ran the check, the scan rendered (metadata: the check again), and cdktf
    // rendered a second time (metadata: the check a third time).
    expect(calls.n).toBe(1);
    expect(renders).toBe(1);
    const written = JSON.parse(
      fs.readFileSync(path.join(outdir, "stacks", "s", "cdk.tf.json"), "utf8"),
    );
    expect(written["//"].metadata.runnerPoolsRules.warnings).toHaveLength(1);
    expect(written.output.out.value).toBe("one");
    // The one-shot reuse is gone: the stack renders afresh afterwards.
    expect(Object.prototype.hasOwnProperty.call(stack, "toTerraform")).toBe(false);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

test("a construct added after validation is in the render (no reuse)", () => {
  const { stack } = stackWithCheck(Testing.app({ stackTraces: false }));
  stack.runAllValidations();
  new TerraformOutput(stack, "late", { value: "two" });
  const json = stack.toTerraform() as { output: Record<string, { value: string }> };
  expect(json.output.late.value).toBe("two");
});

test("a check or a suppression added after validation is seen (no reuse)", () => {
  const { stack, part } = stackWithCheck(Testing.app({ stackTraces: false }));
  stack.runAllValidations();
  Rules.suppress(part, WARNING.id, "accepted for this test stack");
  const meta = metadataOf(stack);
  expect(meta.runnerPoolsRules.suppressed).toHaveLength(1);
  expect(meta.runnerPoolsRules.warnings).toBeUndefined();
  stack.runAllValidations();
  counted(stack, "w");
  const again = metadataOf(stack);
  expect(again.runnerPoolsRules.warnings).toHaveLength(1);
});

test("a validation run by hand never serves a later render (changes in place are written)", () => {
  const { stack } = stackWithCheck(Testing.app({ stackTraces: false }));
  stack.runAllValidations();
  const out = stack.node.findChild("out") as TerraformOutput;
  out.addOverride("value", "two");
  const json = stack.toTerraform() as { output: Record<string, { value: string }> };
  expect(json.output.out.value).toBe("two");
  expect(Object.prototype.hasOwnProperty.call(stack, "toTerraform")).toBe(false);
});

test("custom synthesis that changes the stack after validation is in the written output", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-pass-"));
  try {
    const app = new App({ outdir, stackTraces: false });
    const { stack } = stackWithCheck(app);
    const out = stack.node.findChild("out") as TerraformOutput;
    addCustomSynthesis(out, {
      onSynthesize: () => out.addOverride("description", "set-in-onSynthesize"),
    });
    app.synth();
    const written = JSON.parse(
      fs.readFileSync(path.join(outdir, "stacks", "s", "cdk.tf.json"), "utf8"),
    );
    expect(written.output.out).toEqual({ value: "one", description: "set-in-onSynthesize" });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

test("an asset's custom synthesis (copying files) keeps the reuse", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-pass-"));
  const source = fs.mkdtempSync(path.join(os.tmpdir(), "synth-pass-asset-"));
  try {
    fs.writeFileSync(path.join(source, "file.txt"), "plain text");
    const app = new App({ outdir, stackTraces: false });
    const { stack, calls } = stackWithCheck(app);
    new TerraformAsset(stack, "asset", { path: path.join(source, "file.txt") });
    const renders = rendersOf(() => app.synth());
    expect(calls.n).toBe(1);
    expect(renders).toBe(1);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(source, { recursive: true, force: true });
  }
});

test("findings read outside a synth are not cached between calls", () => {
  const { part, calls } = stackWithCheck(Testing.app({ stackTraces: false }));
  Rules.findings(part);
  Rules.findings(part);
  expect(calls.n).toBe(2);
});

test("findings read outside validation run every check, even while a pass is open", () => {
  // Fake timers hold the microtask that ends a pass: the pass stays open after validation.
  jest.useFakeTimers();
  try {
    const stack = new TerraformStack(Testing.app({ stackTraces: false }), "s");
    const part = new Construct(stack, "part");
    const state = { value: "before" };
    addChecks(part, () => [{ rule: WARNING, field: "f", value: state.value, message: "m" }]);
    stack.runAllValidations();
    state.value = "after";
    expect(Rules.findings(part).map((f) => f.problem.value)).toEqual(["after"]);
  } finally {
    jest.useRealTimers();
  }
});
