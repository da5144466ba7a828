import { Token } from "cdktf";
import { stringify } from "yaml";

/** A Helm values tree: plain JSON-like data. `undefined` members are dropped. */
export type HelmValues = { [key: string]: unknown };

/**
 * Terraform interpolates `${` and `%{` inside every string of the JSON configuration.
 * Literal occurrences (e.g. a GitHub Actions expression `${{ github.ref }}`) are escaped
 * as `$${` / `%%{`; cdktf tokens, which must be interpolated, are left alone.
 */
export function escapeTerraformTemplate(text: string): string {
  if (Token.isUnresolved(text)) return text;
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === "string") return escapeTerraformTemplate(value);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = normalise(member);
    }
    return out;
  }
  return value;
}

/**
 * Renders Helm values as YAML, deterministically: keys sorted at every level, no line
 * folding, `undefined` dropped. The same values always give the same bytes.
 */
export function toDeterministicYaml(values: HelmValues): string {
  return stringify(normalise(values), { lineWidth: 0, minContentWidth: 0, sortMapEntries: true });
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
