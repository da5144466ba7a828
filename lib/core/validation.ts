import { IConstruct } from "constructs";
import { Token } from "cdktf";

/**
 * One broken rule found in a construct's input. Rendered at synth time as
 * `[construct/path] field: value — rule. Valid: example`.
 */
export interface Problem {
  /** Prop path that holds the bad value, e.g. `namespace.name`. */
  readonly field: string;
  /** The value as given. Omit (or set `redact`) for anything secret. */
  readonly value?: unknown;
  /** The rule the value breaks, in words. */
  readonly rule: string;
  /** What would be valid instead. */
  readonly example?: string;
  /** Print the value's length only, never the value itself. @default false */
  readonly redact?: boolean;
}

const MAX_SHOWN = 80;

/** Renders a value for an error message: JSON, shortened, secrets redacted. */
export function showValue(value: unknown, redact = false): string {
  if (redact) {
    const length = typeof value === "string" ? value.length : JSON.stringify(value ?? "").length;
    return `<redacted, ${length} characters>`;
  }
  if (value === undefined) return "(not set)";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** Formats a problem; cdktf prefixes the construct path when it reports it. */
export function formatProblem(problem: Problem): string {
  const example = problem.example ? `. Valid: ${problem.example}` : "";
  return `${problem.field}: ${showValue(problem.value, problem.redact)} — ${problem.rule}${example}`;
}

/** A function that inspects input and returns what is wrong with it (empty when fine). */
export type Check = () => readonly (Problem | undefined)[];

/**
 * Registers checks on a construct. They run when the stack synthesizes, after every
 * construct exists, so all problems of one synth are reported together, each under
 * the path of the construct that owns the input.
 */
export function addChecks(scope: IConstruct, check: Check): void {
  scope.node.addValidation({
    validate: () =>
      check()
        .filter((p): p is Problem => p !== undefined)
        .map(formatProblem),
  });
}

/** True when a value is (or contains) a token that only Terraform can resolve; such values are not checked. */
export function isUnresolved(value: unknown): boolean {
  return value !== undefined && value !== null && Token.isUnresolved(value);
}

/**
 * Thrown for input that cannot even be turned into resources (e.g. a missing
 * required choice). Most rules are reported at synth through {@link addChecks}.
 */
export class RunnerPoolsValidationError extends Error {
  constructor(scope: IConstruct, problem: Problem) {
    super(`[${scope.node.path}] ${formatProblem(problem)}`);
    this.name = "RunnerPoolsValidationError";
  }
}
