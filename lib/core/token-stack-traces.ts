// cdktf captures a full stack trace for every token it creates (every attribute reference, lazy
// value and nested block of every resource), formatted into strings at once, though only an
// error that cannot resolve the token ever reads it. The library keeps the capture but formats
// it when it is read; `disableTokenStackTraces()` skips it altogether.
import * as path from "path";

type Capture = (below?: unknown) => string[];

interface StackTraceModule {
  captureStackTrace: Capture;
}

let cdktfCapture: Capture | undefined;
let disabled = false;

function stackTraceModule(): StackTraceModule | undefined {
  // cdktf 0.21.0 is the final release: this internal module no longer moves. cdktf has no
  // `exports` map that would hide it; resolve it from cdktf's own entry point so the copy the
  // app uses is the one changed. Another layout (a future cdktf) is left alone.
  try {
    const entry = require.resolve("cdktf");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(path.join(path.dirname(entry), "tokens", "private", "stack-trace.js"));
    return typeof module?.captureStackTrace === "function" ? module : undefined;
  } catch {
    return undefined;
  }
}

/** cdktf's own formatting of a captured stack (tokens/private/stack-trace.js), done on demand. */
function formatLines(stack: string | undefined): string[] {
  if (!stack) return [];
  return stack
    .split("\n")
    .slice(1)
    .map((s) => s.replace(/^\s*at\s+/, ""));
}

/** An array whose elements are produced the first time anything reads it. */
function lazyArray(produce: () => string[]): string[] {
  let filled = false;
  const fill = (target: string[]) => {
    if (!filled) {
      filled = true;
      target.push(...produce());
    }
    return target;
  };
  return new Proxy([] as string[], {
    get: (target, key, receiver) => Reflect.get(fill(target), key, receiver),
    has: (target, key) => Reflect.has(fill(target), key),
    ownKeys: (target) => Reflect.ownKeys(fill(target)),
    getOwnPropertyDescriptor: (target, key) => Reflect.getOwnPropertyDescriptor(fill(target), key),
  });
}

/**
 * The same stack as cdktf's capture, every frame, but only the frames are collected now (V8
 * formats a captured stack when `stack` is first read): the text is made if an error needs it.
 */
function captureLazily(below?: unknown): string[] {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    Error.captureStackTrace(holder, (below as Function | undefined) ?? captureLazily);
  } finally {
    Error.stackTraceLimit = limit;
  }
  return lazyArray(() => formatLines(holder.stack));
}

const noCapture: Capture = () => [];

function install(capture: Capture): void {
  const module = stackTraceModule();
  if (!module) return;
  cdktfCapture ??= module.captureStackTrace;
  module.captureStackTrace = capture;
}

/**
 * Called by the library's constructs when first used: cdktf's token stack traces are formatted
 * when an error reads them instead of when each token is created. Error messages are unchanged
 * (the same "object creation stack"); at fleet scale synth is about a sixth faster. Unless
 * {@link disableTokenStackTraces} was called.
 * @internal
 */
export function useLazyTokenStackTraces(): void {
  if (!disabled && cdktfCapture === undefined) install(captureLazily);
}

/**
 * Stops cdktf from capturing a stack trace each time it creates a token. The library already
 * defers formatting those traces until an error needs one; skipping the capture too saves
 * another fifth or so of synth time at fleet scale.
 *
 * The trade-off: when a token cannot be resolved, cdktf's error message no longer shows the
 * "object creation stack" (where in your program the token was created); the error itself and
 * the construct path are unchanged. Call it once, before any construct is created, in apps
 * that synthesize many pools; leave it off while you debug a resolution error.
 * Process-wide: it affects every cdktf app in the process. Undo with
 * {@link enableTokenStackTraces}.
 */
export function disableTokenStackTraces(): void {
  disabled = true;
  install(noCapture);
}

/**
 * Restores token stack traces after {@link disableTokenStackTraces}: captured at creation,
 * formatted when an error reads them.
 */
export function enableTokenStackTraces(): void {
  disabled = false;
  install(captureLazily);
}
