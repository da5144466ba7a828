// One stack's synth, done once. cdktf 0.21 synthesizes a stack in one call,
// StackSynthesizer.synthesize (synthesize/synthesizer.js:30-77): validation
// (runAllValidations), then every construct's custom synthesis, then the annotations, then
// `toTerraform()` to write it. Two things would otherwise be done twice:
// - every check runs in validation, and again when the stack's metadata (warnings,
//   suppressions) is rendered;
// - the secret scan renders the whole stack in validation to read what it writes, and cdktf
//   renders it again to write it.
// A pass is exactly that call (the stack's synthesizer is wrapped, per instance): within it each
// check's result and the scan's render are kept, and cdktf's `toTerraform()` gets the scan's
// render. Nothing else is ever served from a pass: `Rules.findings`, `Testing.synth`, a
// validation run by hand and every render outside cdktf's synth run afresh. The render is not
// reused when a construct other than an asset has custom synthesis (it runs between validation
// and the render and may change the stack), nor when a construct or a check was added or a rule
// suppressed since validation began.
import { TerraformAsset, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import type { Problem } from "./problem";

type CheckResult = readonly (Problem | undefined)[];

interface Pass {
  readonly stack: TerraformStack;
  readonly generation: number;
  readonly constructs: number;
  /** False when custom synthesis may change the stack between validation and the render. */
  readonly renderReusable: boolean;
  readonly results: Map<() => CheckResult, CheckResult>;
  rendered?: Record<string, unknown>;
}

let pass: Pass | undefined;
let generation = 0;
const wrapped = new WeakSet<object>();
/** cdktf's marker of a construct with custom synthesis (synthesize/synthesizer.js:134). */
const CUSTOM_SYNTHESIS = Symbol.for("cdktf/customSynthesis");

/** Something a check reads may have changed (a check added, a rule suppressed): no reuse. */
export function invalidatePass(): void {
  generation++;
}

function current(): Pass | undefined {
  return pass && pass.generation === generation ? pass : undefined;
}

/** Constructs whose custom synthesis may change the stack before cdktf renders it. */
function hasCustomSynthesis(constructs: readonly IConstruct[]): boolean {
  return constructs.some(
    (c) =>
      (c as unknown as Record<symbol, unknown>)[CUSTOM_SYNTHESIS] !== undefined &&
      !(c instanceof TerraformAsset),
  );
}

/**
 * Makes each synth of this stack one pass (idempotent). cdktf's `App.synth` calls
 * `stack.synthesizer.synthesize(session)` once per stack; a stack whose synthesizer is replaced
 * later simply synthesizes without a pass.
 */
export function synthesizeInPasses(stack: TerraformStack): void {
  const synthesizer = stack.synthesizer as { synthesize?: (session: unknown) => void };
  if (!synthesizer || typeof synthesizer.synthesize !== "function" || wrapped.has(synthesizer)) {
    return;
  }
  wrapped.add(synthesizer);
  const synthesize = synthesizer.synthesize;
  synthesizer.synthesize = function synthesizeInOnePass(this: unknown, session: unknown) {
    const outer = pass;
    const constructs = stack.node.findAll();
    pass = {
      stack,
      generation,
      constructs: constructs.length,
      renderReusable: !hasCustomSynthesis(constructs),
      results: new Map(),
    };
    try {
      return synthesize.call(this, session);
    } finally {
      pass = outer;
      if (Object.prototype.hasOwnProperty.call(stack, "toTerraform")) {
        delete (stack as { toTerraform?: unknown }).toTerraform;
      }
    }
  };
}

/** Runs a check, or returns its result from earlier in this pass. */
export function runCheck(check: () => CheckResult): CheckResult {
  const open = current();
  if (!open) return check();
  const kept = open.results.get(check);
  if (kept) return kept;
  const result = check();
  // The check may have invalidated the pass (a check added while it ran): keep nothing then.
  if (current() === open) open.results.set(check, result);
  return result;
}

/**
 * Renders a stack (`stack.toTerraform()`). Within the stack's pass, the render is kept and
 * cdktf's `toTerraform()` later in the same synth returns it instead of rendering again — if
 * the stack still has the constructs, checks and suppressions it had when the synth began.
 */
export function renderStack(stack: TerraformStack): Record<string, unknown> {
  const json = stack.toTerraform() as Record<string, unknown>;
  const open = current();
  if (open?.stack === stack && open.renderReusable && !open.rendered) {
    open.rendered = json;
    Object.defineProperty(stack, "toTerraform", {
      configurable: true,
      writable: true,
      enumerable: false,
      value: function renderedInValidation(this: TerraformStack) {
        delete (stack as { toTerraform?: unknown }).toTerraform;
        const same = current() === open && stack.node.findAll().length === open.constructs;
        return same ? json : this.toTerraform();
      },
    });
  }
  return json;
}
