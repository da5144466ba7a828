import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { performance } from "perf_hooks";
import { TerraformAsset, TerraformStack } from "cdktf";
import type { Problem } from "../rules/problem";
import { allowedSecret } from "./allow-list";
import { detectSecrets } from "./detectors";
import { SECRET_IN_OUTPUT } from "./rules";
import { secretlintSync, warmUpSecretlint } from "./secretlint-bridge";

/** One text the stack writes, with where it is written. */
interface OutputText {
  /** Where: a JSON path in cdk.tf.json, or `asset:<path>/<file>`. */
  readonly field: string;
  /** The construct that wrote it (from the resource's `//.metadata.path`). @default - not known */
  readonly construct?: string;
  readonly text: string;
}

/** One secret found in a stack's output. */
export interface OutputSecret {
  /** Where: a JSON path in cdk.tf.json, or `asset:<construct path>/<file>`. */
  readonly field: string;
  /** The construct that wrote it. @default - not known (e.g. an output or a variable) */
  readonly construct?: string;
  /** The rule that matched: a built-in detector id, or `secretlint:<rule id>`. */
  readonly rule: string;
  /** Length of the matched text (the text itself is never kept). */
  readonly length: number;
}

const stats = { scans: 0, ms: 0, texts: 0, characters: 0 };

/**
 * Cumulative time (the render excluded) and volume (strings and files read) of output scans
 * in this process (for `npm run bench`).
 */
export function outputScanStats(): Readonly<typeof stats> {
  return { ...stats };
}

/** Every string of the synthesized JSON, by JSON path, with the construct that wrote it. */
function jsonTexts(value: unknown, at: string, construct: string | undefined, out: OutputText[]) {
  if (typeof value === "string") {
    out.push({ field: at, construct, text: value });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => jsonTexts(v, `${at}[${i}]`, construct, out));
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const meta = (record["//"] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
    const owner = typeof meta === "string" ? meta : construct;
    for (const key of Object.keys(record)) {
      const field = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)
        ? `${at ? `${at}.` : ""}${key}`
        : `${at}[${JSON.stringify(key)}]`;
      // Keys are written too: a resource's logical id and its `//` metadata (construct path,
      // unique id) carry construct ids, which may come from user input (a flow or rule name).
      out.push({ field, construct: owner, text: key });
      jsonTexts(record[key], field, owner, out);
    }
  }
}

const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Entries of an uncompressed tar archive (ustar): regular files only. */
function tarEntries(tar: Buffer): { name: string; data: Buffer }[] {
  const entries: { name: string; data: Buffer }[] = [];
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
    const prefix = header.subarray(345, 500).toString("utf8").replace(/\0.*$/s, "");
    const size = parseInt(
      header.subarray(124, 136).toString("utf8").replace(/\0.*$/s, "").trim() || "0",
      8,
    );
    const type = String.fromCharCode(header[156] || 48);
    if (type === "0" || type === "\0") {
      entries.push({
        name: prefix ? `${prefix}/${name}` : name,
        data: tar.subarray(offset + 512, offset + 512 + size),
      });
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

function fileTexts(file: string, field: string, construct: string, out: OutputText[]): void {
  const stat = fs.statSync(file);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(file).sort()) {
      fileTexts(path.join(file, name), `${field}/${name}`, construct, out);
    }
    return;
  }
  if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return;
  const data = fs.readFileSync(file);
  if (/\.(tgz|tar\.gz)$/.test(file)) {
    try {
      for (const entry of tarEntries(zlib.gunzipSync(data))) {
        if (!entry.data.includes(0)) {
          out.push({
            field: `${field}!/${entry.name}`,
            construct,
            text: entry.data.toString("utf8"),
          });
        }
      }
    } catch {
      // Not a gzip'd tar: scanned as bytes below.
      out.push({ field, construct, text: data.toString("latin1") });
    }
    return;
  }
  out.push({
    field,
    construct,
    text: data.includes(0) ? data.toString("latin1") : data.toString("utf8"),
  });
}

/** The files of the stack's assets, as they will be copied under the output directory. */
function assetTexts(stack: TerraformStack, out: OutputText[]): void {
  for (const asset of stack.node
    .findAll()
    .filter((c): c is TerraformAsset => c instanceof TerraformAsset)) {
    // The asset's source (absolute, or relative to the working directory as cdktf resolved it):
    // `asset.path` is where cdktf will copy it inside the output, which does not exist yet.
    const source = (asset as unknown as { sourcePath?: unknown }).sourcePath;
    if (typeof source !== "string" || !fs.existsSync(source)) continue;
    fileTexts(source, `asset:${asset.node.path}`, asset.node.path, out);
  }
}

/** Provider attributes the providers' schemas mark sensitive (helm, kubernetes, and the helm provider's registries). */
const SENSITIVE_PROVIDER_ATTRIBUTES = new Set(["password", "token", "client_key"]);

/**
 * Literal values of attributes that are secrets by schema, whatever they look like: a provider's
 * `password`/`token`/`client_key` (also in helm's `kubernetes` block and `registries`), and the
 * default of a variable declared `sensitive`.
 */
function schemaSecrets(json: Record<string, unknown>): OutputSecret[] {
  const found: OutputSecret[] = [];
  const literal = (v: unknown): v is string =>
    typeof v === "string" && v !== "" && !v.includes("${");
  const walk = (value: unknown, at: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}[${i}]`));
    else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (SENSITIVE_PROVIDER_ATTRIBUTES.has(k) && literal(v)) {
          found.push({
            field: `${at}.${k}`,
            rule: "provider-sensitive-attribute",
            length: v.length,
          });
        } else walk(v, `${at}.${k}`);
      }
    }
  };
  walk(json.provider, "provider");
  for (const [name, v] of Object.entries(
    (json.variable ?? {}) as Record<string, Record<string, unknown>>,
  )) {
    if (v?.sensitive === true && literal(v.default)) {
      found.push({
        field: `variable.${name}.default`,
        rule: "sensitive-variable-default",
        length: v.default.length,
      });
    }
  }
  return found;
}

/** Separator of the texts in one secretlint source: no secret format spans it. */
const SEPARATOR = "\n\n";

/** Length of the shared run of letters and digits that marks a path segment as holding a found secret. */
const SHARED_RUN = 16;

/**
 * Hides the path segments (JSON keys, construct ids) that hold a found secret: a construct id
 * or resource key made from user input carries the secret, mangled (`-----BEGINRSAPRIVATEKEY…`),
 * into the field and construct paths a finding names.
 */
function pathRedactor(secrets: readonly string[]): (where: string) => string {
  const runs = new Set<string>();
  for (const secret of secrets) {
    const alnum = secret.replace(/[^A-Za-z0-9]/g, "");
    for (let i = 0; i + SHARED_RUN <= alnum.length; i++) runs.add(alnum.slice(i, i + SHARED_RUN));
  }
  const holdsSecret = (segment: string): boolean => {
    if (detectSecrets(segment).length > 0) return true;
    const alnum = segment.replace(/[^A-Za-z0-9]/g, "");
    for (let i = 0; i + SHARED_RUN <= alnum.length; i++) {
      if (runs.has(alnum.slice(i, i + SHARED_RUN))) return true;
    }
    return false;
  };
  return (where) =>
    where
      .split(/(\[[^\]]*\]|[./])/)
      .map((segment) =>
        segment !== "." && segment !== "/" && holdsSecret(segment) ? "<redacted>" : segment,
      )
      .join("");
}

function scanTexts(texts: readonly OutputText[]): OutputSecret[] {
  const raw: (OutputSecret & { matched: string })[] = [];
  const seen = new Set<string>();
  const add = (t: OutputText, rule: string, matched: string) => {
    if (allowedSecret(matched)) return;
    const key = `${t.field}\0${rule}`;
    if (seen.has(key)) return;
    seen.add(key);
    raw.push({ field: t.field, construct: t.construct, rule, length: matched.length, matched });
  };
  for (const t of texts) {
    for (const m of detectSecrets(t.text)) add(t, m.rule, t.text.slice(m.start, m.end));
  }
  // secretlint: one source of all texts, offsets mapped back to the text they fall in.
  const starts: number[] = [];
  let joined = "";
  for (const t of texts) {
    starts.push(joined.length);
    joined += t.text + SEPARATOR;
  }
  for (const hit of secretlintSync([joined])) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= hit.range[0]) lo = mid;
      else hi = mid - 1;
    }
    const t = texts[lo];
    const matched = joined.slice(hit.range[0], Math.min(hit.range[1], starts[lo] + t.text.length));
    // A Terraform interpolation (`https://${var.user}:${var.password}@…`) is a reference, not
    // a literal: what it resolves to never appears in the output.
    if (matched.includes("${")) continue;
    add(t, `secretlint:${hit.ruleId.replace(/^@secretlint\/secretlint-rule-/, "")}`, matched);
  }
  if (raw.length === 0) return [];
  const redact = pathRedactor(raw.map((r) => r.matched));
  // The same secret in a key and in the metadata under it: one finding per redacted field and rule.
  const found = new Map<string, OutputSecret>();
  for (const r of raw) {
    const field = redact(r.field);
    const construct = r.construct === undefined ? undefined : redact(r.construct);
    const key = `${field}\0${r.rule}`;
    if (!found.has(key)) found.set(key, { field, construct, rule: r.rule, length: r.length });
  }
  return [...found.values()];
}

/**
 * Every string of the synthesized JSON, in the order {@link jsonTexts} reads them (a key before
 * its value): secretlint reads them joined in this order, as the full scan does.
 */
function jsonStrings(value: unknown, out: string[]): void {
  if (typeof value === "string") {
    out.push(value);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) jsonStrings(value[i], out);
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      out.push(key);
      jsonStrings(record[key], out);
    }
  }
}

/**
 * Short strings the built-in detectors found nothing in, earlier in this process: stacks of one
 * app share many (resource types, keys, labels). Bounded: cleared when full.
 */
const knownClean = new Set<string>();
const KNOWN_CLEAN_MAX = 200_000;
const KNOWN_CLEAN_LENGTH = 1_000;

/**
 * Whether any detector or secretlint rule matches anything in the texts. The detectors read
 * each distinct text once (a text matches or not on its own); secretlint reads all of them
 * joined in their order, exactly as the full scan does, because some of its rules match across
 * the separator (`AWS_SECRET_ACCESS_KEY=` then the key, as two strings). Nothing is filtered
 * here (allow-list, interpolations): a match only sends the scan down the full path, which
 * says where.
 */
export function anySecretMatch(texts: readonly string[]): boolean {
  for (const t of new Set(texts)) {
    if (knownClean.has(t)) continue;
    if (detectSecrets(t).length > 0) return true;
    if (t.length <= KNOWN_CLEAN_LENGTH) {
      if (knownClean.size >= KNOWN_CLEAN_MAX) knownClean.clear();
      knownClean.add(t);
    }
  }
  return texts.length > 0 && secretlintSync([joinForSecretlint(texts)]).length > 0;
}

/** The texts as secretlint reads them: each followed by {@link SEPARATOR}. */
function joinForSecretlint(texts: readonly string[]): string {
  return texts.map((t) => t + SEPARATOR).join("");
}

/**
 * Scans everything a stack writes — every string of its synthesized JSON (which holds the
 * rendered Helm values), and every file of its assets (generated charts, local charts, also
 * inside .tgz archives) — with the built-in detectors and secretlint's recommended preset.
 * A stack's JSON repeats most of its strings (keys, labels, names): each distinct string is
 * scanned once, and only when something matches are the strings read again with their places.
 */
export function scanStackOutput(
  stack: TerraformStack,
  render: (stack: TerraformStack) => Record<string, unknown> = (s) =>
    s.toTerraform() as Record<string, unknown>,
): OutputSecret[] {
  // The render is cdktf's own (written after the scan): the scan's time starts after it.
  const json = render(stack);
  const started = performance.now();
  const assets: OutputText[] = [];
  assetTexts(stack, assets);
  const strings: string[] = [];
  jsonStrings(json, strings);
  for (const a of assets) strings.push(a.text);
  let found = schemaSecrets(json);
  if (anySecretMatch(strings)) {
    const texts: OutputText[] = [];
    jsonTexts(json, "", undefined, texts);
    found = [...found, ...scanTexts([...texts, ...assets])];
  }
  stats.scans++;
  stats.texts += strings.length;
  stats.characters += strings.reduce((n, t) => n + t.length, 0);
  stats.ms += performance.now() - started;
  return found;
}

/** Scans free texts (for tests and tools): the same detectors and preset, by index. */
export function scanStrings(values: readonly string[]): OutputSecret[] {
  return scanTexts(values.map((text, i) => ({ field: `[${i}]`, text })));
}

/** Starts the scanner's secretlint worker ahead of the first scan (while constructs are built). */
export function prepareOutputScan(): void {
  warmUpSecretlint();
}

const busy = new WeakSet<TerraformStack>();

/**
 * The problems of a stack's output scan: one per field and rule, values redacted. When a field's
 * own rule already refused a secret (a redacted error elsewhere in the stack), the synth fails
 * and writes nothing, so the scan does not report the same secret a second time.
 */
export function outputSecretProblems(
  stack: TerraformStack,
  render: (stack: TerraformStack) => Record<string, unknown>,
  secretAlreadyRefused: () => boolean,
): Problem[] {
  if (busy.has(stack)) return [];
  busy.add(stack);
  try {
    let found: OutputSecret[];
    try {
      found = scanStackOutput(stack, render);
    } catch (error) {
      // A value that cannot render (reported by its own rule) stops the JSON: nothing to scan.
      if (error instanceof Error && error.name === "RunnerPoolsValidationError") return [];
      throw error;
    }
    if (found.length === 0) return [];
    if (secretAlreadyRefused()) return [];
    return found.map((s) => ({
      rule: SECRET_IN_OUTPUT,
      field: s.field,
      value: "x".repeat(s.length),
      redact: true,
      message: `a secret (${s.rule}) would be written into the synthesized output${
        s.construct ? ` by ${s.construct}` : ""
      }; pass it by reference instead`,
    }));
  } finally {
    busy.delete(stack);
  }
}
