import { mayHoldToken } from "./tokens";

/** A Helm values tree: plain JSON-like data. `undefined` members are dropped. */
export type HelmValues = { [key: string]: unknown };

/**
 * Terraform interpolates `${` and `%{` inside every string of the JSON configuration.
 * Literal occurrences (e.g. a GitHub Actions expression `${{ github.ref }}`) are escaped
 * as `$${` / `%%{`; cdktf tokens, which must be interpolated, are left alone.
 */
export function escapeTerraformTemplate(text: string): string {
  if (mayHoldToken(text)) return text;
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

function escapeDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(escapeDeep);
  if (typeof value === "string") return escapeTerraformTemplate(value);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) out[key] = escapeDeep(member);
    return out;
  }
  return value;
}

/** Strings that can stay unquoted: no spaces, colons, quotes, or leading digit/sign. */
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./@+-]*$/;
/** Words YAML 1.1 (Helm's parser) reads as booleans or null. */
const RESERVED =
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

function scalar(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    return String(value);
  }
  const text = String(value);
  return PLAIN.test(text) && !RESERVED.test(text) ? text : JSON.stringify(text);
}

function isBlockString(value: unknown): value is string {
  return (
    typeof value === "string" && value.includes("\n") && !/[\r\t]/.test(value) && !/^\s/.test(value)
  );
}

/** A literal block (`|`, `|-`, `|+`) for a multi-line string, lines indented by `pad`. */
function block(text: string, pad: string): string[] {
  const trailing = /\n*$/.exec(text)?.[0].length ?? 0;
  const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
  const body = text.slice(0, text.length - trailing).split("\n");
  return [
    `|${chomp}`,
    ...body.map((line) => (line ? pad + line : "")),
    ...Array(Math.max(trailing - 1, 0)).fill(""),
  ];
}

function isEmptyCollection(value: unknown): string | undefined {
  if (Array.isArray(value) && value.length === 0) return "[]";
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    if (Object.values(value).every((v) => v === undefined)) return "{}";
  }
  return undefined;
}

/** Appends the lines of `value` placed after `head` (`key:` or `-`), children indented by `indent`. */
function entry(head: string, value: unknown, indent: number, out: string[]): void {
  const empty = isEmptyCollection(value);
  if (empty) {
    out.push(`${head} ${empty}`);
  } else if (isBlockString(value)) {
    const body = block(value, " ".repeat(indent));
    out.push(`${head} ${body[0]}`);
    for (let i = 1; i < body.length; i++) out.push(body[i]);
  } else if (Array.isArray(value) || (value !== null && typeof value === "object")) {
    out.push(head);
    lines(value, indent, out);
  } else {
    out.push(`${head} ${scalar(value)}`);
  }
}

/** Appends the lines of a list or a mapping at `indent` (one output array: no copies per level). */
function lines(value: unknown, indent: number, out: string[]): void {
  const pad = " ".repeat(indent);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === "object" && !isEmptyCollection(item)) {
        // `- ` then the item's first line; its other lines stay at indent + 2.
        const first = out.length;
        lines(item, indent + 2, out);
        out[first] = `${pad}- ${out[first].trimStart()}`;
      } else {
        entry(`${pad}-`, item === undefined ? null : item, indent + 2, out);
      }
    }
    return;
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object).sort()) {
    if (object[key] !== undefined) entry(`${pad}${scalar(key)}:`, object[key], indent + 2, out);
  }
}

/** A number that YAML and JSON cannot carry (NaN, ±Infinity), and where it is in a tree. */
export interface NonFiniteNumber {
  /** Path in the tree: keys joined by '.', `[n]` for list items, after `at`. */
  readonly path: string;
  /** The number. */
  readonly value: number;
}

/**
 * Finds NaN and ±Infinity in plain data (`undefined` members are skipped, as when rendering).
 * Releases report them as CORE-VALUES-FINITE-NUMBER with the values path before rendering.
 */
export function findNonFiniteNumbers(value: unknown, at = ""): NonFiniteNumber[] {
  return hasNonFiniteNumber(value) ? nonFiniteNumbers(value, at) : [];
}

/** Whether a tree holds NaN or ±Infinity: one walk, no paths (values are checked on every render). */
function hasNonFiniteNumber(value: unknown): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasNonFiniteNumber);
  if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) {
      if (hasNonFiniteNumber((value as Record<string, unknown>)[key])) return true;
    }
  }
  return false;
}

function nonFiniteNumbers(value: unknown, at: string): NonFiniteNumber[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [{ path: at, value }];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => nonFiniteNumbers(item, `${at}[${i}]`));
  }
  if (value !== null && typeof value === "object") {
    return Object.keys(value)
      .sort()
      .flatMap((key) =>
        nonFiniteNumbers((value as Record<string, unknown>)[key], at ? `${at}.${key}` : key),
      );
  }
  return [];
}

/**
 * Renders plain data as block-style YAML, deterministically: keys sorted at every level,
 * `undefined` dropped, strings quoted (as JSON) unless they are unambiguous plain words
 * (YAML 1.1 booleans such as `yes`/`on` are always quoted), multi-line strings as literal
 * blocks, no line folding. The same data always gives the same bytes. NaN and ±Infinity
 * have no YAML form Helm accepts: a `RangeError` names the first one's path.
 */
export function renderYaml(value: unknown): string {
  const [bad] = findNonFiniteNumbers(value);
  if (bad)
    throw new RangeError(`${bad.path}: cannot render ${bad.value} in YAML (not a finite number)`);
  const empty = isEmptyCollection(value);
  if (empty) return `${empty}\n`;
  if (value === null || typeof value !== "object") return `${scalar(value)}\n`;
  const out: string[] = [];
  lines(value, 0, out);
  return `${out.join("\n")}\n`;
}

/**
 * Renders Helm values as deterministic YAML ({@link renderYaml}), with literal `${` / `%{`
 * escaped for Terraform (the YAML travels inside the JSON configuration).
 */
export function toDeterministicYaml(values: HelmValues): string {
  return renderYaml(escapeDeep(values));
}

/** Deep-merges Helm values: objects merge, everything else (arrays included) is replaced by the right side. */
export function mergeValues(...layers: (HelmValues | undefined)[]): HelmValues {
  const out: HelmValues = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) {
      const current = out[key];
      out[key] =
        isPlainObject(current) && isPlainObject(value) ? mergeValues(current, value) : value;
    }
  }
  return out;
}

function isPlainObject(value: unknown): value is HelmValues {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Builds a values tree holding `value` at a dotted path: `valuesAt("a.b", 1)` is `{ a: { b: 1 } }`. */
export function valuesAt(path: string, value: unknown): HelmValues {
  const keys = path.split(".");
  let tree: unknown = value;
  for (const key of keys.reverse()) tree = { [key]: tree };
  return tree as HelmValues;
}
