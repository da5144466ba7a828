import { Token } from "cdktf";
import { mayHoldToken } from "../tokens";
import { containsSecret, redactSecret, redactSecretsIn } from "../secrets/detectors";
import type { Rule } from "./rule";

/**
 * One finding of a rule in a construct's input. Rendered as
 * `[construct/path] field: value — message. Valid: example (RULE-ID)`.
 */
export interface Problem {
  /** The rule the input breaks. */
  readonly rule: Rule;
  /** Prop path that holds the bad value, e.g. `namespace.name`. */
  readonly field: string;
  /** The value as given. Omit (or set `redact`) for anything secret. @default - shown as "(not set)" */
  readonly value?: unknown;
  /** What is wrong, in words. */
  readonly message: string;
  /** What would be valid instead. @default the rule's example */
  readonly example?: string;
  /** Print the value's length only, never the value itself. @default false */
  readonly redact?: boolean;
}

const MAX_SHOWN = 80;

/** Renders a value for a message: JSON, shortened, secrets redacted. */
export function showValue(value: unknown, redact = false): string {
  if (redact) {
    const length = typeof value === "string" ? value.length : JSON.stringify(value ?? "").length;
    return `<redacted, ${length} characters>`;
  }
  if (value === undefined) return "(not set)";
  // A value that holds a secret format is redacted whichever field it was passed in.
  if (containsSecret(value)) {
    return redactSecret(typeof value === "string" ? value : JSON.stringify(value));
  }
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** Formats a problem; cdktf prefixes the construct path when it reports it. */
export function formatProblem(problem: Problem): string {
  const example = problem.example ?? problem.rule.example;
  const valid = example ? `. Valid: ${example}` : "";
  // The message, field and example may quote input too: every secret format in them is redacted.
  return redactSecretsIn(
    `${problem.field}: ${showValue(problem.value, problem.redact)} — ${problem.message}${valid} (${problem.rule.id})`,
  );
}

/** True when a value is (or contains) a token that only Terraform can resolve; such values are not checked. */
export function isUnresolved(value: unknown): boolean {
  if (typeof value === "string") return mayHoldToken(value);
  return value !== undefined && value !== null && Token.isUnresolved(value);
}
