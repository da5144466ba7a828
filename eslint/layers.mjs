// Local ESLint rule `local/layers`: which folder of the project may import which.
// Each relative import is resolved against the importing file and both ends are put in a
// layer by path; an import the layer table does not allow is an error. Dependencies flow one
// way (CONTRIBUTING.md, "Layers"): stacks -> pool -> platforms -> release/kubernetes/identity ->
// core; a cloud folder uses only core/identity/kubernetes; one platform folder never imports
// another; nothing in lib imports stacks, examples or test; lib and stacks never import the
// package by its own name (`cdktf-runner-pools/...` would bypass these checks).
//
// (eslint-plugin-boundaries was tried first: its v7 element patterns match folders, not the
// single files lib/pool.ts, lib/platform.ts and lib/index.ts, which then went unchecked.)
import * as path from "node:path";

/** The layer of a path relative to the project root (posix separators), or undefined. */
export function layerOf(rel) {
  // single files at lib/'s root, by name: index.ts, pool.ts (+ pool-*.ts, its helpers),
  // platform.ts / scaling.ts (+ platform-*.ts, scaling-*.ts)
  const root = /^lib\/([^/]+?)(\.d)?(\.[cm]?[jt]s)?$/.exec(rel);
  if (root) {
    const name = root[1];
    if (name === "index") return "entry";
    if (/^pool(-|$)/.test(name)) return "pool";
    if (/^(platform|scaling)(-|$)/.test(name)) return "contract";
  }
  const m =
    /^(lib\/(core|kubernetes|release|identity|platforms|aws|gcp|azure|tls)|stacks|examples|test|scripts)(\/|$)/.exec(
      rel,
    );
  if (!m) return undefined;
  return m[2] ?? m[1];
}

/** The platform folder of a path under lib/platforms/ (`arc`, `kubiya`, …). */
export function platformOf(rel) {
  return /^lib\/platforms\/([^/.]+)/.exec(rel)?.[1];
}

/** layer -> the layers it may import */
export const MAY_IMPORT = {
  core: ["core"],
  kubernetes: ["core", "kubernetes", "release", "identity"],
  release: ["core", "kubernetes", "release", "identity"],
  identity: ["core", "kubernetes", "release", "identity"],
  contract: ["core", "kubernetes", "release", "identity", "contract"],
  platforms: ["core", "kubernetes", "release", "identity", "contract", "platforms"],
  pool: ["core", "kubernetes", "release", "identity", "contract", "platforms", "pool"],
  aws: ["core", "identity", "kubernetes", "aws"],
  gcp: ["core", "identity", "kubernetes", "gcp"],
  azure: ["core", "identity", "kubernetes", "azure"],
  // tls/ is an entry folder: it re-exports the platforms' classes that need the tls binding
  tls: ["core", "platforms", "tls"],
  entry: ["core", "kubernetes", "release", "identity", "contract", "platforms", "pool"],
  stacks: [
    "core",
    "kubernetes",
    "release",
    "identity",
    "contract",
    "platforms",
    "pool",
    "aws",
    "gcp",
    "azure",
    "tls",
    "entry",
    "stacks",
  ],
  // examples use the package by name (`cdktf-runner-pools/...`), as a consumer does
  examples: ["examples"],
};

/** @type {import("eslint").Rule.RuleModule} */
export default {
  meta: {
    type: "problem",
    docs: { description: "Imports follow the layers of DESIGN.md (eslint/layers.mjs)" },
    schema: [],
    messages: {
      forbidden:
        "Layers: {{from}} ({{file}}) may not import {{to}} ('{{source}}'). Allowed for {{from}}: {{allowed}}. See CONTRIBUTING.md (Layers) and eslint/layers.mjs.",
      otherPlatform:
        "Layers: a platform folder may not import another platform's ('{{source}}' from {{file}}): move what both need to lib/kubernetes, lib/release or lib/core. See CONTRIBUTING.md (Layers).",
      selfImport:
        "Layers: {{file}} imports the package by its own name ('{{source}}'); inside lib/ and stacks/ use a relative import, so the layer rules apply. See CONTRIBUTING.md (Layers).",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join("/");
    const from = layerOf(file);
    if (!from || !MAY_IMPORT[from]) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== "string") return;
      if (/^cdktf-runner-pools(\/|$)/.test(source) && from !== "examples") {
        context.report({ node: node.source, messageId: "selfImport", data: { file, source } });
        return;
      }
      if (!source.startsWith(".")) return;
      const target = path
        .relative(root, path.resolve(path.dirname(context.filename), source))
        .split(path.sep)
        .join("/");
      const to = layerOf(target) ?? (target.startsWith("..") ? "outside the project" : target);
      if (from === "platforms" && to === "platforms" && platformOf(file) !== platformOf(target)) {
        context.report({ node: node.source, messageId: "otherPlatform", data: { file, source } });
        return;
      }
      if (MAY_IMPORT[from].includes(to)) return;
      context.report({
        node: node.source,
        messageId: "forbidden",
        data: { from, file, to, source, allowed: MAY_IMPORT[from].join(", ") },
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
