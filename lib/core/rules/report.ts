import { Annotations, TerraformElement, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import {
  MIN_REASON_LENGTH,
  SUPPRESSION_REASON,
  SUPPRESSION_UNKNOWN,
  SUPPRESSION_VALIDITY,
} from "./core-rules";
import { outputSecretProblems, prepareOutputScan } from "../secrets/output-scan";
import { formatProblem, Problem } from "./problem";
import { findRule, Rule } from "./rule";
import { invalidatePass, renderStack, runCheck, synthesizeInPasses } from "./synth-pass";
import { useLazyTokenStackTraces } from "../token-stack-traces";

/** A function that inspects input and returns what is wrong with it (empty when fine). */
export type Check = () => readonly (Problem | undefined)[];

/** What became of one problem at synth. */
export type FindingStatus = "error" | "warning" | "suppressed";

/** One problem found at synth, with where it was found and what became of it. */
export interface Finding {
  /** Construct path of the construct that owns the input. */
  readonly path: string;
  /** The problem. */
  readonly problem: Problem;
  /** `error` fails synth; `warning` is reported; `suppressed` was suppressed with {@link Finding.reason}. */
  readonly status: FindingStatus;
  /** The suppression's reason, for suppressed findings. @default - none (not suppressed) */
  readonly reason?: string;
  /** The construct path the suppression was declared on, for suppressed findings. @default - none (not suppressed) */
  readonly suppressedAt?: string;
}

/** A policy rule suppressed on a construct subtree. */
export interface RuleSuppression {
  /** The rule id, e.g. `K8S-RBAC-WILDCARD`. */
  readonly id: string;
  /** Why, in at least 10 characters; recorded in the stack's metadata. */
  readonly reason: string;
}

const checks = new WeakMap<IConstruct, Check[]>();
const suppressions = new WeakMap<IConstruct, RuleSuppression[]>();
const annotated = new WeakMap<IConstruct, Set<string>>();

/**
 * Registers checks on a construct. They run when the stack synthesizes, after every
 * construct exists, so all problems of one synth are reported together, each under
 * the path of the construct that owns the input. Errors fail synth; warnings are printed
 * and, with suppressions, recorded in the stack's `//.metadata.runnerPoolsRules`.
 */
export function addChecks(scope: IConstruct, check: Check): void {
  invalidatePass();
  // Every construct of the library registers checks: from the first one on, cdktf's token
  // stack traces are formatted only when an error reads them.
  useLazyTokenStackTraces();
  let list = checks.get(scope);
  if (!list) {
    list = [];
    checks.set(scope, list);
    scope.node.addValidation({ validate: () => validateScope(scope) });
    RuleReport.ensure(scope);
  }
  list.push(check);
}

/** Reports problems known now (at construction), through the same channel as {@link addChecks}. */
export function report(scope: IConstruct, ...problems: (Problem | undefined)[]): void {
  addChecks(scope, () => problems);
}

/**
 * Thrown only for input that cannot even be turned into constructs (a duplicate
 * construct id, a missing required choice). Formatted like every other finding.
 */
export class RunnerPoolsValidationError extends Error {
  constructor(scope: IConstruct, problem: Problem) {
    super(`[${scope.node.path}] ${formatProblem(problem)}`);
    this.name = "RunnerPoolsValidationError";
  }
}

/** Rule suppressions and findings. */
export class Rules {
  /**
   * Suppresses a *policy* rule on a construct and everything below it, with a reason of at
   * least 10 characters. The suppression is recorded in the stack's metadata
   * (`//.metadata.runnerPoolsRules.suppressed`), so reviewers see it in the JSON.
   * Suppressing a validity rule, an unknown rule, or without a reason is itself an error.
   */
  public static suppress(scope: IConstruct, id: string, reason: string): void {
    let list = suppressions.get(scope);
    if (!list) {
      list = [];
      suppressions.set(scope, list);
    }
    list.push({ id, reason });
    invalidatePass();
    // Above a stack (on the App) each stack's report checks it; inside a stack, the scope does.
    if (stackOf(scope)) addChecks(scope, () => [checkSuppression(id, reason)]);
  }

  /** Every finding of every check in a construct's subtree (for tests and tools). */
  public static findings(scope: IConstruct): Finding[] {
    return scope.node.findAll().flatMap((c) => [...evaluate(c), ...unscopedSuppressions(c)]);
  }

  /** The suppressions declared on one construct (not its ancestors). */
  public static suppressionsOf(scope: IConstruct): readonly RuleSuppression[] {
    return suppressions.get(scope) ?? [];
  }
}

function checkSuppression(id: string, reason: string): Problem | undefined {
  const rule = findRule(id);
  const field = `suppressions.${id}`;
  if (!rule) {
    return { rule: SUPPRESSION_UNKNOWN, field, value: id, message: "no rule has this id" };
  }
  if (rule.kind === "validity") {
    return {
      rule: SUPPRESSION_VALIDITY,
      field,
      value: id,
      message: `${id} is a validity rule (${rule.rationale}); it cannot be suppressed`,
    };
  }
  if (typeof reason !== "string" || reason.trim().length < MIN_REASON_LENGTH) {
    return {
      rule: SUPPRESSION_REASON,
      field: `${field}.reason`,
      value: reason,
      message: `a suppression needs a reason of at least ${MIN_REASON_LENGTH} characters`,
    };
  }
  return undefined;
}

/** The problems of the suppressions declared on one construct. */
function suppressionProblems(scope: IConstruct): Problem[] {
  return (suppressions.get(scope) ?? [])
    .map((x) => checkSuppression(x.id, x.reason))
    .filter((p): p is Problem => p !== undefined);
}

/** Problems of suppressions declared outside any stack (each stack's report also checks them). */
function unscopedSuppressions(scope: IConstruct): Finding[] {
  if (stackOf(scope)) return [];
  return suppressionProblems(scope).map((problem) => ({
    path: scope.node.path || APP_PATH,
    problem,
    status: "error" as const,
  }));
}

function suppressionFor(scope: IConstruct, rule: Rule): { reason: string; at: string } | undefined {
  if (rule.kind !== "policy") return undefined;
  for (const s of [...scope.node.scopes].reverse()) {
    const found = (suppressions.get(s) ?? []).find(
      (x) => x.id === rule.id && checkSuppression(x.id, x.reason) === undefined,
    );
    if (found) return { reason: found.reason.trim(), at: s.node.path || APP_PATH };
  }
  return undefined;
}

/**
 * True while a construct validates (and, inside the stack's validation, while the secret scan
 * renders the stack and its metadata): only then are check results reused within cdktf's synth
 * of the stack. Findings read any other way (`Rules.findings`, a render after custom synthesis)
 * run every check.
 */
let validating = false;

function evaluate(scope: IConstruct): Finding[] {
  const list = checks.get(scope) ?? [];
  return list
    .flatMap((check) => (validating ? runCheck(check) : check()))
    .filter((p): p is Problem => p !== undefined)
    .map((problem) => {
      const suppressed = suppressionFor(scope, problem.rule);
      if (suppressed) {
        return {
          path: scope.node.path,
          problem,
          status: "suppressed" as const,
          reason: suppressed.reason,
          suppressedAt: suppressed.at,
        };
      }
      return { path: scope.node.path, problem, status: problem.rule.severity };
    });
}

/** Whether a subtree has an error finding whose value is redacted (a refused secret). */
function hasRedactedError(scope: IConstruct): boolean {
  return scope.node
    .findAll()
    .some((c) => evaluate(c).some((f) => f.status === "error" && f.problem.redact === true));
}

function validateScope(scope: IConstruct): string[] {
  const outer = validating;
  validating = true;
  let found: Finding[];
  try {
    found = evaluate(scope);
  } finally {
    validating = outer;
  }
  let seen = annotated.get(scope);
  if (!seen) {
    seen = new Set();
    annotated.set(scope, seen);
  }
  for (const f of found.filter((x) => x.status === "warning")) {
    const text = formatProblem(f.problem);
    if (!seen.has(text)) {
      seen.add(text);
      Annotations.of(scope).addWarning(text);
    }
  }
  return found.filter((f) => f.status === "error").map((f) => formatProblem(f.problem));
}

const REPORT_ID = "RunnerPoolsRules";
let renderingMetadata = false;
/** How the App (whose construct path is empty) is named in findings and the metadata. */
const APP_PATH = "(app)";

/**
 * Records a stack's warnings and suppressed findings in its synthesized metadata
 * (`"//": { "metadata": { "runnerPoolsRules": … } }`). Adds nothing when there are none.
 */
class RuleReport extends TerraformElement {
  public static ensure(scope: IConstruct): void {
    const stack = stackOf(scope);
    if (stack && !stack.node.tryFindChild(REPORT_ID)) new RuleReport(stack, REPORT_ID);
  }

  constructor(scope: TerraformStack, id: string) {
    super(scope, id);
    // The secret scan over everything the stack writes (its findings are validity errors,
    // never metadata: skipped while the metadata itself is rendered).
    prepareOutputScan();
    // Each synth of the stack is one pass: checks run once, cdktf writes the scan's render.
    synthesizeInPasses(scope);
    addChecks(scope, () => {
      if (renderingMetadata) return [];
      return outputSecretProblems(scope, renderStack, () => hasRedactedError(scope));
    });
    // Suppressions declared above the stack (on the App) are checked with each stack.
    this.node.addValidation({
      validate: () =>
        scope.node.scopes
          .slice(0, -1)
          .flatMap(suppressionProblems)
          .map((p) => formatProblem({ ...p, field: `${APP_PATH} ${p.field}` })),
    });
  }

  public toMetadata(): Record<string, unknown> {
    // Rendered with the scan's render (which cdktf then writes): every check but the scan, whose
    // findings are errors, never metadata.
    renderingMetadata = true;
    let found: Finding[];
    try {
      found = Rules.findings(this.cdktfStack);
    } finally {
      renderingMetadata = false;
    }
    const warnings = found
      .filter((f) => f.status === "warning")
      .map((f) => ({ rule: f.problem.rule.id, path: f.path, message: formatProblem(f.problem) }));
    const suppressed = found
      .filter((f) => f.status === "suppressed")
      .map((f) => ({
        rule: f.problem.rule.id,
        path: f.path,
        field: f.problem.field,
        reason: f.reason,
        suppressedAt: f.suppressedAt,
      }));
    if (warnings.length === 0 && suppressed.length === 0) return {};
    return {
      runnerPoolsRules: {
        ...(suppressed.length ? { suppressed } : {}),
        ...(warnings.length ? { warnings } : {}),
      },
    };
  }
}

function stackOf(scope: IConstruct): TerraformStack | undefined {
  for (const s of [...scope.node.scopes].reverse()) {
    if (TerraformStack.isStack(s)) return s;
  }
  return undefined;
}

/** Fails construction with a duplicate-id finding instead of the constructs library's bare error. */
export function assertUniqueChildId(scope: Construct, id: string, problem: Problem): void {
  if (scope.node.tryFindChild(id)) throw new RunnerPoolsValidationError(scope, problem);
}
