// Reads the upstream ARC charts checked out beside the repository (../shared/upstream/arc):
// CRD schemas as JSON Schema for ajv, and the keys each chart's values.yaml documents.
import * as fs from "fs";
import * as path from "path";
import Ajv, { ValidateFunction } from "ajv";
import { parse } from "yaml";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const ARC_UPSTREAM = path.join(REPO_ROOT, "..", "shared", "upstream", "arc", "charts");

type Schema = { [key: string]: unknown };

/**
 * Converts a CRD `openAPIV3Schema` to JSON Schema: `x-kubernetes-int-or-string` becomes
 * integer-or-string, `nullable` adds `null`, other `x-kubernetes-*` keywords are dropped,
 * and objects with `properties` but no `additionalProperties` get `additionalProperties:
 * false` (Kubernetes prunes unknown fields silently; here they fail the test instead),
 * unless `x-kubernetes-preserve-unknown-fields` keeps them.
 */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== "object") return node;
  const src = node as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(src)) {
    if (key.startsWith("x-kubernetes-") || key === "nullable") continue;
    if (key === "properties" || key === "patternProperties") {
      out[key] = Object.fromEntries(
        Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v)]),
      );
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (src["x-kubernetes-int-or-string"] === true) {
    delete out.type;
    out.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  if (src.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
  if (
    out.properties &&
    out.additionalProperties === undefined &&
    src["x-kubernetes-preserve-unknown-fields"] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Validators by CRD kind, from every CRD file of a chart's `crds/` folder. */
export function crdValidators(chart: string): Record<string, ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat("date-time", RFC3339);
  for (const f of ["int32", "int64", "byte", "double", "float"]) ajv.addFormat(f, true);
  const dir = path.join(ARC_UPSTREAM, chart, "crds");
  const out: Record<string, ValidateFunction> = {};
  for (const file of fs.readdirSync(dir).sort()) {
    const crd = parse(fs.readFileSync(path.join(dir, file), "utf8"));
    const version = crd.spec.versions.find((v: { storage: boolean }) => v.storage);
    out[crd.spec.names.kind] = ajv.compile(toJsonSchema(version.schema.openAPIV3Schema) as Schema);
  }
  return out;
}

/**
 * Dotted key paths a chart's values.yaml documents: the parsed YAML, plus keys shown only
 * in commented-out examples (`# metrics:` / `#   listenerAddr: ":8080"`), which the chart
 * templates read but leave unset by default. `##` prose lines are ignored; list items are
 * not descended into.
 */
export function documentedValueKeys(chart: string): Set<string> {
  const text = fs.readFileSync(path.join(ARC_UPSTREAM, chart, "values.yaml"), "utf8");
  const keys = new Set<string>();
  const walk = (value: unknown, at: string) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return;
    for (const [k, v] of Object.entries(value as Schema)) {
      const p = at ? `${at}.${k}` : k;
      keys.add(p);
      walk(v, p);
    }
  };
  walk(parse(text), "");
  const stack: { indent: number; key: string }[] = [];
  for (const raw of text.split("\n")) {
    if (/^\s*##/.test(raw)) continue;
    const comment = /^(\s*)#\s?(.*)$/.exec(raw);
    const line = comment ? comment[1] + comment[2] : raw;
    const m = /^(\s*)([A-Za-z_][A-Za-z0-9_.-]*):(\s|$)/.exec(line);
    if (!m) continue;
    const indent = m[1].length;
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    stack.push({ indent, key: m[2] });
    keys.add(stack.map((s) => s.key).join("."));
  }
  return keys;
}

/**
 * Every dotted path a values tree sets, stopping at lists (replaced wholesale; items are
 * Kubernetes objects) and at free-form prefixes.
 */
export function setValuePaths(values: unknown, freeForm: readonly string[], at = ""): string[] {
  if (values === null || typeof values !== "object" || Array.isArray(values)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(values as Schema)) {
    if (v === undefined) continue;
    const p = at ? `${at}.${k}` : k;
    out.push(p);
    if (!freeForm.includes(p)) out.push(...setValuePaths(v, freeForm, p));
  }
  return out;
}

/** The whole charts at the pinned tags (templates included), beside the repository. */
export const ARC_CHARTS = path.join(REPO_ROOT, "..", "shared", "upstream", "charts");

/**
 * Dotted `.Values.…` paths a chart's templates read (some keys, e.g. the legacy chart's
 * `logLevel` and `githubWebhookServer.logLevel`/`queueLimit`, are consumed by a template but
 * not listed in values.yaml), with every prefix of each path.
 */
export function templateConsumedKeys(chart: string): Set<string> {
  const keys = new Set<string>();
  const dir = path.join(ARC_CHARTS, chart, "templates");
  for (const file of fs.readdirSync(dir).sort()) {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    for (const m of text.matchAll(
      /\.Values\.([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)/g,
    )) {
      const parts = m[1].split(".");
      for (let i = 1; i <= parts.length; i++) keys.add(parts.slice(0, i).join("."));
    }
  }
  return keys;
}
