import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
const ROOT_IMPORT =
  /from\s+["']@cdktf\/provider-[a-z0-9-]+(\/lib(\/index(\.js)?)?)?\/?["']|require\(["']@cdktf\/provider-[a-z0-9-]+(\/lib)?\/?["']\)/;

function filesUnder(dir: string, suffix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === "node_modules" || entry.name === "cdktf.out"
        ? []
        : filesUnder(full, suffix);
    return entry.name.endsWith(suffix) ? [full] : [];
  });
}

// The declarations as `npm run build` emits them, written to a temporary directory so that
// this file needs no prior build (and never reads a stale dist/).
let declarationsDir = "";
function emitDeclarations(): string {
  if (declarationsDir) return declarationsDir;
  declarationsDir = fs.mkdtempSync(path.join(os.tmpdir(), "runner-pools-dts-"));
  // type errors are the build's and lint's business; the declarations are emitted regardless
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  const args = ["-p", path.join(root, "tsconfig.json"), "--emitDeclarationOnly"];
  spawnSync(process.execPath, [tsc, ...args, "--outDir", declarationsDir], { cwd: root });
  return declarationsDir;
}
afterAll(() => {
  if (declarationsDir) fs.rmSync(declarationsDir, { recursive: true, force: true });
});

describe("deep provider imports only", () => {
  test("the lint rule rejects a provider package root and its /lib index", () => {
    const source =
      'import { IamRole } from "@cdktf/provider-aws";\nimport { Release } from "@cdktf/provider-helm/lib";\nexport { IamRole, Release };\n';
    const result = spawnSync(
      path.join(root, "node_modules/.bin/eslint"),
      ["--stdin", "--stdin-filename", "lib/probe.ts", "--format", "json"],
      {
        cwd: root,
        input: source,
        encoding: "utf8",
      },
    );
    const messages = (
      JSON.parse(result.stdout) as { messages: { ruleId: string; line: number }[] }[]
    )[0].messages;
    expect(messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.line)).toEqual(
      [1, 2],
    );
  });

  test("the lint rule accepts deep paths", () => {
    const source =
      'import { IamRole } from "@cdktf/provider-aws/lib/iam-role";\nexport { IamRole };\n';
    const out = execFileSync(
      path.join(root, "node_modules/.bin/eslint"),
      ["--stdin", "--stdin-filename", "lib/probe.ts", "--format", "json"],
      {
        cwd: root,
        input: source,
        encoding: "utf8",
      },
    );
    expect((JSON.parse(out) as { messages: unknown[] }[])[0].messages).toEqual([]);
  });

  test("no source file imports a provider package root", () => {
    const sources = ["lib", "stacks", "examples", "scripts"].flatMap((d) =>
      filesUnder(path.join(root, d), ".ts"),
    );
    expect(sources.length).toBeGreaterThan(10);
    expect(
      sources
        .filter((f) => ROOT_IMPORT.test(fs.readFileSync(f, "utf8")))
        .map((f) => path.relative(root, f)),
    ).toEqual([]);
  });

  test("no emitted .d.ts imports a provider package root", () => {
    const declarations = filesUnder(emitDeclarations(), ".d.ts");
    expect(declarations.length).toBeGreaterThan(10);
    expect(
      declarations
        .filter((f) => ROOT_IMPORT.test(fs.readFileSync(f, "utf8")))
        .map((f) => path.relative(root, f)),
    ).toEqual([]);
  });

  test("the core entry point's declarations reference no cloud provider binding", () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file) || !fs.existsSync(file)) return;
      seen.add(file);
      for (const m of fs.readFileSync(file, "utf8").matchAll(/from\s+["'](\.[^"']+)["']/g)) {
        const target = path.resolve(path.dirname(file), m[1]);
        visit(fs.existsSync(`${target}.d.ts`) ? `${target}.d.ts` : path.join(target, "index.d.ts"));
      }
    };
    visit(path.join(emitDeclarations(), "lib/index.d.ts"));
    expect(seen.size).toBeGreaterThan(10);
    const clouds = [...seen].filter((f) =>
      /@cdktf\/provider-(aws|google|azurerm)/.test(fs.readFileSync(f, "utf8")),
    );
    expect(clouds.map((f) => path.relative(root, f))).toEqual([]);
  });
});
