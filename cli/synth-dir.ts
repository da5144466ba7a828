// Reads a synthesized cdktf output directory: `manifest.json` and every stack's
// `cdk.tf.json` (plus, on demand, files of its assets such as generated charts).
import * as fs from "node:fs";
import * as path from "node:path";
import { CliError } from "./errors";
import { type JsonObject, compare, isObject, obj, str } from "./json";

/** One synthesized stack. */
export interface SynthStack {
  /** stack name (`cdktf.out/stacks/<name>`) */
  readonly name: string;
  /** the stack's directory, where relative asset paths start */
  readonly dir: string;
  /** the parsed `cdk.tf.json` */
  readonly json: JsonObject;
}

/** A synthesized output directory. */
export interface SynthDir {
  /** the directory as given on the command line */
  readonly label: string;
  /** stacks, sorted by name */
  readonly stacks: SynthStack[];
}

function readJson(file: string, label: string): JsonObject {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new CliError(`${label}: cannot read the file`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : "invalid";
    throw new CliError(`${label}: not valid JSON (${reason})`);
  }
  if (!isObject(parsed)) throw new CliError(`${label}: not a JSON object`);
  return parsed;
}

function checkStack(json: JsonObject, label: string): void {
  for (const key of ["resource", "data", "terraform", "provider", "variable", "output"]) {
    if (key in json && !isObject(json[key]))
      throw new CliError(`${label}: "${key}" is not an object, not a cdktf synth output`);
  }
  for (const kind of ["resource", "data"]) {
    for (const [type, byId] of Object.entries(obj(json[kind]))) {
      if (!isObject(byId))
        throw new CliError(`${label}: ${kind}.${type} is not an object, not a cdktf synth output`);
    }
  }
}

/**
 * Loads `dir`: a cdktf output directory (with `manifest.json` or `stacks/<name>/cdk.tf.json`),
 * or one stack's directory (with `cdk.tf.json`). Throws CliError when missing or malformed.
 */
export function loadSynthDir(dir: string): SynthDir {
  const label = dir;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new CliError(`${label}: no such directory (run \`cdktf synth\` first)`);
  }
  if (!stat.isDirectory()) throw new CliError(`${label}: not a directory`);

  const found: { name: string; dir: string }[] = [];
  const manifestFile = path.join(dir, "manifest.json");
  if (fs.existsSync(manifestFile)) {
    const manifest = readJson(manifestFile, path.join(label, "manifest.json"));
    if (!isObject(manifest.stacks))
      throw new CliError(`${path.join(label, "manifest.json")}: no "stacks" object`);
    for (const [name, entry] of Object.entries(manifest.stacks)) {
      const rel = str(obj(entry).synthesizedStackPath);
      if (!rel)
        throw new CliError(
          `${path.join(label, "manifest.json")}: stack ${name} has no synthesizedStackPath`,
        );
      found.push({ name, dir: path.dirname(path.join(dir, rel)) });
    }
  } else if (fs.existsSync(path.join(dir, "cdk.tf.json"))) {
    found.push({ name: path.basename(path.resolve(dir)), dir });
  } else if (fs.existsSync(path.join(dir, "stacks"))) {
    for (const entry of fs.readdirSync(path.join(dir, "stacks"), { withFileTypes: true })) {
      if (entry.isDirectory())
        found.push({ name: entry.name, dir: path.join(dir, "stacks", entry.name) });
    }
  }
  if (found.length === 0)
    throw new CliError(
      `${label}: no synthesized stacks (expected manifest.json or stacks/<name>/cdk.tf.json)`,
    );

  const stacks = found
    .sort((a, b) => compare(a.name, b.name))
    .map(({ name, dir: stackDir }) => {
      const file = path.join(stackDir, "cdk.tf.json");
      const fileLabel = path.join(label, path.relative(dir, file));
      if (!fs.existsSync(file)) throw new CliError(`${fileLabel}: missing`);
      const json = readJson(file, fileLabel);
      checkStack(json, fileLabel);
      return { name, dir: stackDir, json };
    });
  return { label, stacks };
}

/**
 * The files of a local chart (a stack asset), relative path -> text, sorted; empty when the
 * chart path is not a directory inside the stack's directory.
 */
export function readChartFiles(stack: SynthStack, chartPath: string): Map<string, string> {
  const files = new Map<string, string>();
  const root = path.resolve(stack.dir, chartPath);
  const inside = path.relative(path.resolve(stack.dir), root);
  if (inside.startsWith("..") || path.isAbsolute(inside)) return files;
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) return files;
  const walk = (sub: string): void => {
    const entries = fs.readdirSync(path.join(root, sub), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (/\.(ya?ml)$/.test(entry.name))
        files.set(rel, fs.readFileSync(path.join(root, rel), "utf8"));
    }
  };
  walk("");
  return files;
}
