// cdktf's token stack traces: formatted on demand by default (same error messages), and the
// opt-in that skips the capture, with what it costs: a resolution error no longer says where the
// token was created.
import * as path from "path";
import { Lazy, TerraformOutput, Testing } from "cdktf";
import {
  disableTokenStackTraces,
  enableTokenStackTraces,
  useLazyTokenStackTraces,
} from "../../lib/core/token-stack-traces";
import { newStack } from "../support/stack";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdktfStackTrace = require(
  path.join(path.dirname(require.resolve("cdktf")), "tokens", "private", "stack-trace.js"),
) as { captureStackTrace: (below?: unknown) => string[] };

// cdktf's own capture, before anything of the library ran in this test file
const cdktfOwnCapture = cdktfStackTrace.captureStackTrace;

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

/** The "Object creation stack" of a resolution error, each frame without line and column. */
function creationStack(message: string): string[] {
  return message
    .split("Object creation stack:")[1]
    .split("\n")
    .filter((l) => l.trim().startsWith("at "))
    .map((l) => l.replace(/(:\d+)+\)?$/, ""));
}

test("formatted on demand, the creation stack is the one cdktf's own capture writes", () => {
  enableTokenStackTraces();
  expect(cdktfStackTrace.captureStackTrace).not.toBe(cdktfOwnCapture);
  const lazy = creationStack(resolutionError());
  cdktfStackTrace.captureStackTrace = cdktfOwnCapture;
  const eager = creationStack(resolutionError());
  enableTokenStackTraces();
  expect(eager.length).toBeGreaterThan(5);
  expect(lazy).toEqual(eager);
  expect(lazy.join("\n")).toMatch(/resolutionError .*token-stack-traces\.test\.ts/);
});

test("nothing is formatted until an error reads the stack", () => {
  useLazyTokenStackTraces();
  const original = Error.prepareStackTrace;
  let formatted = 0;
  Error.prepareStackTrace = (error, frames) => {
    formatted++;
    return original ? original(error, frames) : `${error}\n    at ${frames.join("\n    at ")}`;
  };
  try {
    const lines = cdktfStackTrace.captureStackTrace();
    Lazy.stringValue({ produce: () => "x" });
    expect(formatted).toBe(0);
    expect(Array.isArray(lines)).toBe(true);
    expect(lines.length).toBeGreaterThan(0);
    expect(formatted).toBe(1);
    expect(lines.join("\n")).toMatch(/token-stack-traces\.test\.ts/);
    expect([...lines]).toEqual(lines.slice());
  } finally {
    Error.prepareStackTrace = original;
  }
});
