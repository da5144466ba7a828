/**
 * Rules: every synth-time check of this library is a named rule with a stable id.
 *
 * - *validity* rules: Kubernetes, Helm, Terraform or the cloud would reject the input, or the
 *   library cannot do what it asks (conflicting or ignored options). Always errors; never
 *   suppressible.
 * - *policy* rules: security and operational opinions (wildcard RBAC, a privileged
 *   namespace, a `latest` image, a secret kept in state…). Errors or warnings; a user may
 *   suppress one on a construct subtree with a written reason ({@link Rules.suppress}).
 */

/** Whether a rule guards against rejection (`validity`) or states an opinion (`policy`). */
export type RuleKind = "validity" | "policy";

/** What a finding of the rule does to synth: `error` fails it, `warning` is reported and recorded. */
export type RuleSeverity = "error" | "warning";

/** A named synth-time rule. */
export interface Rule {
  /** Stable id, upper-case words joined by '-', e.g. `ARC-HRA-MIN-ZERO`. Public API: suppressions name it. */
  readonly id: string;
  /** `validity` (never suppressible) or `policy` (suppressible with a reason). */
  readonly kind: RuleKind;
  /** `error` fails synth; `warning` is printed and recorded in the stack metadata. Validity rules are errors. */
  readonly severity: RuleSeverity;
  /** One line: why the rule exists. */
  readonly rationale: string;
  /** A valid example, shown in messages unless a finding gives a more specific one. */
  readonly example: string;
}

const RULE_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;
const catalogue = new Map<string, Rule>();

/**
 * Defines a rule and adds it to the catalogue (`docs/rules.md` is generated from it).
 * A malformed or duplicate id, or a suppressible validity rule, is a programming error
 * of this library and throws when the module loads.
 */
export function defineRule(rule: Rule): Rule {
  if (!RULE_ID.test(rule.id)) throw new Error(`rule id ${JSON.stringify(rule.id)} is malformed`);
  if (catalogue.has(rule.id)) throw new Error(`rule id ${rule.id} is defined twice`);
  if (rule.kind === "validity" && rule.severity !== "error") {
    throw new Error(`validity rule ${rule.id} must have severity "error"`);
  }
  const frozen = Object.freeze({ ...rule });
  catalogue.set(rule.id, frozen);
  return frozen;
}

/** Every rule defined by the modules loaded so far, sorted by id. */
export function ruleCatalogue(): readonly Rule[] {
  return [...catalogue.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The rule with this id, if a loaded module defines it. */
export function findRule(id: string): Rule | undefined {
  return catalogue.get(id);
}
