// The CLI as a process: compiled with tsc (as the package ships it: dist/cli/main.js with a
// shebang) and from source with tsx; same bytes as in-process, exit codes, one-line errors.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
  cli,
  copySynth,
  editStack,
  resourceAt,
  root,
  synthDefaultApp,
  tempDir,
} from "./cli-support";

const dir = synthDefaultApp("process");
const outDir = tempDir("cli-build");
// only cli/ (it imports nothing from lib/), with the project's compiler options
execFileSync(
  path.join(root, "node_modules/.bin/tsc"),
  [
    ...["--outDir", outDir, "--rootDir", path.join(root, "cli"), "--module", "commonjs"],
    ...["--target", "ES2022", "--strict", "--esModuleInterop", "--skipLibCheck", "--types", "node"],
    path.join(root, "cli/main.ts"),
  ],
  { cwd: root, stdio: "pipe" },
);
const main = path.join(outDir, "main.js");
const env = { ...process.env, NODE_PATH: path.join(root, "node_modules") };

function node(...args: string[]) {
  return spawnSync(process.execPath, [main, ...args], { env, encoding: "utf8" });
}

describe("runner-pools as a process", () => {
  test("the compiled entry point keeps its shebang", () => {
    expect(fs.readFileSync(main, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  test("review prints the same bytes as in-process, compiled and with tsx", () => {
    const expected = cli("review", dir).stdout;
    const compiled = node("review", dir);
    expect(compiled.status).toBe(0);
    expect(compiled.stdout).toBe(expected);
    const tsx = spawnSync(
      path.join(root, "node_modules/.bin/tsx"),
      [path.join(root, "cli/main.ts"), "review", dir],
      {
        encoding: "utf8",
      },
    );
    expect(tsx.status).toBe(0);
    expect(tsx.stdout).toBe(expected);
  });

  test("diff --fail-on exits 2, and a missing directory exits 1 with one line", () => {
    const head = copySynth(dir, "process-head");
    editStack(head, "runners-kubernetes", (j) => {
      resourceAt(
        j,
        "kubernetes_role_v1",
        "kubiya/ServiceAccount-ToolManager/Role",
      ).rule[0].verbs.push("patch");
    });
    const out = tempDir("process-out");
    const fail = node("diff", "--base", dir, head, "--fail-on", "rbac", "--out", out);
    expect(fail.status).toBe(2);
    expect(fs.readFileSync(path.join(out, "diff.md"), "utf8")).toContain("rule[0].verbs");
    const missing = node("review", path.join(dir, "missing"));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^runner-pools: .*no such directory.*\n$/);
  });

  test("cli/ imports only node built-ins, yaml and its own files", () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name.endsWith(".ts")) files.push(path.join(d, e.name));
      }
    };
    walk(path.join(root, "cli"));
    for (const file of files) {
      for (const m of fs.readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)) {
        const spec = m[1];
        const ok =
          spec.startsWith("node:") ||
          spec === "yaml" ||
          (spec.startsWith(".") &&
            path.resolve(path.dirname(file), spec).startsWith(path.join(root, "cli")));
        expect({ file: path.relative(root, file), spec, ok }).toEqual({
          file: path.relative(root, file),
          spec,
          ok: true,
        });
      }
    }
  });
});
