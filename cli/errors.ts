// Errors the CLI reports as one line (no stack trace) with a non-zero exit code.

/** Exit codes of `runner-pools`. */
export const EXIT = {
  ok: 0,
  /** usage error, or a missing or malformed synth directory */
  error: 1,
  /** `diff --fail-on`: a change of a listed class exists */
  failOn: 2,
} as const;

/** A problem with the command line or the input, reported as one line. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}
