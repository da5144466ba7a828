// Each cloud entry point must load only its own provider binding (a GKE-only user never
// installs the AWS one), and only by deep path. Walks the relative-import graph of the source.
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/g;

function resolveFile(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, "index.ts")])
    if (fs.existsSync(candidate)) return candidate;
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

/** Every package import reachable from an entry file, with the file that imports it. */
function packageImports(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [path.join(ROOT, entry)];
  while (queue.length) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const match of source.matchAll(IMPORT)) {
      const spec = match[1];
      if (spec.startsWith(".")) queue.push(resolveFile(file, spec));
      else packages.set(spec, path.relative(ROOT, file));
    }
  }
  return { files, packages };
}

const CLOUD_BINDING: Record<string, string> = {
  aws: "@cdktf/provider-aws",
  gcp: "@cdktf/provider-google",
  azure: "@cdktf/provider-azurerm",
};
const STACK_OF: Record<string, string> = {
  aws: "stacks/eks-runner-stack.ts",
  gcp: "stacks/gke-runner-stack.ts",
  azure: "stacks/aks-runner-stack.ts",
};

describe.each(Object.keys(CLOUD_BINDING))("cloud %s", (cloud) => {
  for (const entry of [`lib/${cloud}/index.ts`, STACK_OF[cloud]]) {
    test(`${entry} reaches no other cloud's binding, folder or provider root`, () => {
      const { files, packages } = packageImports(entry);
      const others = Object.entries(CLOUD_BINDING).filter(([c]) => c !== cloud);
      for (const [other, binding] of others) {
        expect([...packages.keys()].filter((p) => p.startsWith(binding))).toEqual([]);
        expect(
          [...files].filter((f) => f.includes(`${path.sep}lib${path.sep}${other}${path.sep}`)),
        ).toEqual([]);
      }
      const roots = [...packages.keys()].filter((p) => /^@cdktf\/provider-[^/]+$/.test(p));
      expect(roots).toEqual([]);
      // …and it does use its own binding (the walk sees the imports at all).
      expect([...packages.keys()].some((p) => p.startsWith(`${CLOUD_BINDING[cloud]}/lib/`))).toBe(
        true,
      );
    });
  }
});

test("the core entry point reaches no cloud folder and no cloud binding", () => {
  const { files, packages } = packageImports("lib/index.ts");
  expect([...files].filter((f) => /[\\/]lib[\\/](aws|gcp|azure)[\\/]/.test(f))).toEqual([]);
  expect([...packages.keys()].filter((p) => /provider-(aws|google|azurerm)/.test(p))).toEqual([]);
});
