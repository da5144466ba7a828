// One stack's synth, done once: cdktf validates a stack, then renders it (`toTerraform`), in one
// synchronous run (cdktf 0.21 StackSynthesizer.synthesize: runAllValidations, custom synthesis,
// annotations, toTerraform). Two things would otherwise be done twice:
// - every check runs in validation, and again when the stack's metadata (warnings, suppressions)
//   is rendered;
// - the secret scan renders the whole stack in validation to read what it writes, and cdktf
//   renders it again to write it.
// Within a pass, each check's result and the scan's render are kept and reused. A pass begins
// when a stack's validation begins and ends when its render is taken, or when the synchronous
// run ends (a microtask), whichever is first; it is dropped as soon as a construct or a check is
// added, or a rule suppressed, so nothing a program changes after validation is served stale.
// Check results are reused only while constructs validate (report.ts); `Rules.findings` and a
// render without validation run every check. Left: with the microtask held back (a test's fake
// timers), a stack validated but not rendered, then changed in place (no construct, check or
// suppression added), then rendered without validation, would be written as validated.
import { TerraformStack } from "cdktf";
import type { Problem } from "./problem";

type CheckResult = readonly (Problem | undefined)[];

interface Pass {
  readonly stack: TerraformStack;
  readonly generation: number;
  readonly constructs: number;
  readonly results: Map<() => CheckResult, CheckResult>;
  rendered?: Record<string, unknown>;
}

let pass: Pass | undefined;
let generation = 0;

/** Something a check reads may have changed (a check added, a rule suppressed): no reuse. */
export function invalidatePass(): void {
  generation++;
  endPass();
}

function current(): Pass | undefined {
  if (pass && pass.generation !== generation) endPass();
  return pass;
}

/** Begins a pass for a stack whose validation begins (ends any other). */
export function beginPass(stack: TerraformStack): void {
  endPass();
  const begun: Pass = {
    stack,
    generation,
    constructs: stack.node.findAll().length,
    results: new Map(),
  };
  pass = begun;
  queueMicrotask(() => {
    if (pass === begun) endPass();
  });
}

function endPass(): void {
  const ended = pass;
  pass = undefined;
  if (ended?.rendered && Object.prototype.hasOwnProperty.call(ended.stack, "toTerraform")) {
    delete (ended.stack as { toTerraform?: unknown }).toTerraform;
  }
}

/** Runs a check, or returns its result from earlier in this pass. */
export function runCheck(check: () => CheckResult): CheckResult {
  const open = current();
  if (!open) return check();
  const kept = open.results.get(check);
  if (kept) return kept;
  const result = check();
  // The check may have ended the pass (a construct added while it ran): keep nothing then.
  if (current() === open) open.results.set(check, result);
  return result;
}

/**
 * Renders a stack (`stack.toTerraform()`). Within the stack's pass, the render is kept and the
 * stack's next `toTerraform()` (cdktf's, to write it) returns it instead of rendering again —
 * only if the stack still has the constructs it had when its validation began.
 */
export function renderStack(stack: TerraformStack): Record<string, unknown> {
  const json = stack.toTerraform() as Record<string, unknown>;
  const open = current();
  if (open?.stack === stack && !open.rendered) {
    open.rendered = json;
    Object.defineProperty(stack, "toTerraform", {
      configurable: true,
      writable: true,
      enumerable: false,
      value: function renderedInValidation(this: TerraformStack) {
        const same = current() === open && stack.node.findAll().length === open.constructs;
        endPass();
        return same ? json : this.toTerraform();
      },
    });
  }
  return json;
}
