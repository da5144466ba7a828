// The string-accepting public inputs, read from the API reports (etc/*.api.md), so that an
// input added to the public API is planted with canaries without editing this suite.
import * as fs from "fs";
import * as path from "path";

/** One input: a member of an exported interface, or a parameter of a public method. */
export interface ApiInput {
  /** `Interface.member` or `Class.method(param)`. */
  readonly id: string;
  /** The interface or class. */
  readonly owner: string;
  /** The member or parameter name. */
  readonly member: string;
  /** Its type, as the report spells it. */
  readonly type: string;
  /** The report it comes from. */
  readonly report: string;
  /** Whether it is a method parameter (else an interface member). */
  readonly parameter: boolean;
  /** The method, for parameters. @default - none */
  readonly method?: string;
  /** Parameter position, for parameters. @default - none */
  readonly index?: number;
}

const ETC = path.join(__dirname, "..", "..", "etc");

/** Type aliases of free-form data (`{ [key: string]: unknown }`, e.g. HelmValues), by name. */
function freeFormAliases(): Set<string> {
  const names = new Set<string>();
  for (const file of fs.readdirSync(ETC).filter((f) => f.endsWith(".api.md"))) {
    const text = fs.readFileSync(path.join(ETC, file), "utf8");
    for (const m of text.matchAll(/^export type (\w+) = \{\n\s+\[key: string\]: unknown;\n\};/gm)) {
      names.add(m[1]);
    }
  }
  return names;
}

let aliases: Set<string> | undefined;

/**
 * Whether a type accepts a string somewhere: string, string[], Record<string, string>, a union
 * with string, or free-form data (HelmValues, KubernetesFragment).
 */
export function acceptsString(type: string): boolean {
  aliases ??= freeFormAliases();
  if (/\bstring\b/.test(type.replace(/Record<string,\s*/g, "Record<"))) return true;
  return [...aliases].some((a) => new RegExp(`\\b${a}\\b`).test(type));
}

/** Whether a type is free-form data (an alias of `{ [key: string]: unknown }`). */
export function isFreeForm(type: string): boolean {
  aliases ??= freeFormAliases();
  return [...aliases].some((a) => new RegExp(`\\b${a}\\b`).test(type));
}

function splitParams(params: string): { name: string; type: string }[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of params) {
    if ("<({[".includes(ch)) depth++;
    if (">)}]".includes(ch)) depth--;
    if (ch === "," && depth === 0) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  if (current.trim()) out.push(current);
  return out
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf(":");
      return { name: p.slice(0, i).replace(/\?$/, "").trim(), type: p.slice(i + 1).trim() };
    });
}

/** Every string-accepting input of every API report, sorted by id. */
export function stringInputs(): ApiInput[] {
  const inputs = new Map<string, ApiInput>();
  for (const file of fs
    .readdirSync(ETC)
    .filter((f) => f.endsWith(".api.md"))
    .sort()) {
    const text = fs.readFileSync(path.join(ETC, file), "utf8");
    const blocks = text.matchAll(
      /^export (?:declare )?(?:abstract )?(interface|class) (\w+)[^{\n]*\{\n([\s\S]*?)^\}/gm,
    );
    for (const [, kind, owner, body] of blocks) {
      for (const line of body.split("\n")) {
        if (kind === "interface") {
          const m = /^\s+readonly (\w+)\??: (.+);$/.exec(line);
          if (m && acceptsString(m[2])) {
            const id = `${owner}.${m[1]}`;
            inputs.set(id, { id, owner, member: m[1], type: m[2], report: file, parameter: false });
          }
        } else {
          // Public constructors and static factories: their string parameters are inputs.
          const m = /^\s+(?:static )?(constructor|\w+)\((.*)\)(?:: .+)?;$/.exec(line);
          if (!m || /^\s+(protected|private)/.test(line)) continue;
          if (m[1] !== "constructor" && !/^\s+static /.test(line)) continue;
          // Positions count the parameters after the construct scope and id.
          const params = splitParams(m[2]).filter((p) => p.name !== "scope" && p.name !== "id");
          params.forEach((p, index) => {
            if (!acceptsString(p.type)) return;
            const id = `${owner}.${m[1]}(${p.name})`;
            inputs.set(id, {
              id,
              owner,
              member: p.name,
              type: p.type,
              report: file,
              parameter: true,
              method: m[1],
              index,
            });
          });
        }
      }
    }
  }
  return [...inputs.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
