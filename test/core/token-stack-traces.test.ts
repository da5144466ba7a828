// The opt-in that skips cdktf's stack-trace capture per token, and what it costs: a resolution
// error no longer says where the token was created.
import { Lazy, TerraformOutput, Testing } from "cdktf";
import { disableTokenStackTraces, enableTokenStackTraces } from "../../lib/core/token-stack-traces";
import { newStack } from "../support/stack";

afterEach(() => enableTokenStackTraces());

function resolutionError(): string {
  const stack = newStack();
  const broken = Lazy.stringValue({
    produce: () => {
      throw new Error("cannot produce");
    },
  });
  new TerraformOutput(stack, "out", { value: broken });
  try {
    Testing.synth(stack);
  } catch (error) {
    return String(error instanceof Error ? error.message : error);
  }
  throw new Error("expected a resolution error");
}

test("by default a resolution error shows the object creation stack", () => {
  expect(resolutionError()).toMatch(/Object creation stack:\n\s+at /);
});

test("disabled, the error and its message stay, the creation stack goes", () => {
  disableTokenStackTraces();
  disableTokenStackTraces(); // idempotent
  const message = resolutionError();
  expect(message).toMatch(/cannot produce/);
  expect(message).not.toMatch(/Object creation stack/);
});

test("enableTokenStackTraces restores the capture", () => {
  disableTokenStackTraces();
  enableTokenStackTraces();
  expect(resolutionError()).toMatch(/Object creation stack:/);
});
