// Opt-in: skip cdktf's stack-trace capture for every token it creates.
import * as path from "path";

interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

let original: StackTraceModule["captureStackTrace"] | undefined;

function stackTraceModule(): StackTraceModule {
  // cdktf 0.21.0 is the final release: this internal module no longer moves. `exports` of the
  // package does not hide it (cdktf has no `exports` map), but resolve it from cdktf's own
  // entry point so the copy the app uses is the one patched.
  const entry = require.resolve("cdktf");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(path.dirname(entry), "tokens", "private", "stack-trace.js"));
}

/**
 * Stops cdktf from capturing a full stack trace each time it creates a token (every attribute
 * reference, lazy value and nested block of every resource). At fleet scale that capture is
 * a fifth to a quarter of synth time.
 *
 * The trade-off: when a token cannot be resolved, cdktf's error message no longer shows the
 * "object creation stack" (where in your program the token was created); the error itself and
 * the construct path are unchanged. Call it once, before any construct is created, in apps
 * that synthesize many pools; leave it off while you debug a resolution error.
 * Process-wide: it affects every cdktf app in the process. Undo with
 * {@link enableTokenStackTraces}.
 */
export function disableTokenStackTraces(): void {
  const module = stackTraceModule();
  if (original) return;
  original = module.captureStackTrace;
  module.captureStackTrace = () => [];
}

/** Restores cdktf's token stack-trace capture after {@link disableTokenStackTraces}. */
export function enableTokenStackTraces(): void {
  if (!original) return;
  stackTraceModule().captureStackTrace = original;
  original = undefined;
}
