// examples/ci: the workflow files parse, and every command they name exists — `runner-pools`
// commands are run against a real synth, the cdktf CLI is pinned to the cdktf version of this
// package and uses only commands and flags that cdktf-cli 0.21.0 has (`cdktf <cmd> --help`),
// npm only installs from the lock file.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { type Json, cli, copySynth, root, synthDefaultApp, tempDir } from "./cli-support";

const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

// from `npx cdktf-cli@0.21.0 <command> --help`
const CDKTF_FLAGS: Record<string, string[]> = {
  synth: ["--output", "-o", "--hcl", "--app", "-a"],
  deploy: [
    "--skip-synth",
    "--auto-approve",
    "--output",
    "-o",
    "--outputs-file",
    "--no-color",
    "--app",
    "-a",
  ],
  diff: ["--skip-synth", "--output", "-o", "--app", "-a"],
};

const files = [
  ["github", path.join(root, "examples/ci/github/runner-pools.yml")],
  ["gitlab", path.join(root, "examples/ci/gitlab/.gitlab-ci.yml")],
] as const;

/** Every shell line of a workflow (GitHub `run`, GitLab `script`/`before_script`). */
function shellLines(kind: string, doc: Json): string[] {
  const scripts: string[] = [];
  if (kind === "github") {
    for (const job of Object.values(doc.jobs) as Json[])
      for (const step of job.steps) if (step.run) scripts.push(step.run);
  } else {
    for (const [name, job] of Object.entries(doc) as [string, Json][]) {
      if (["variables", "default", "stages"].includes(name)) continue;
      for (const key of ["before_script", "script"])
        for (const line of job[key] ?? []) scripts.push(line);
    }
  }
  return scripts
    .join("\n")
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .flatMap((l) => l.split(/&&|\|\||[|;()]/))
    .map((l) => l.trim())
    .filter(Boolean);
}

function words(line: string): string[] {
  return [...line.matchAll(/'[^']*'|"[^"]*"|\S+/g)].map((m) => m[0].replace(/^['"]|['"]$/g, ""));
}

describe.each(files)("%s workflow", (kind, file) => {
  const doc = parse(fs.readFileSync(file, "utf8"));
  const lines = shellLines(kind, doc);

  test("parses and sets CHECKPOINT_DISABLE", () => {
    const env = kind === "github" ? doc.env : doc.variables;
    expect(env.CHECKPOINT_DISABLE).toBe("1");
    expect(lines.length).toBeGreaterThan(5);
  });

  test("every npx names runner-pools or the pinned cdktf CLI with real commands and flags", () => {
    const npx = lines.filter((l) => /^npx\b/.test(l));
    expect(npx.length).toBeGreaterThan(2);
    for (const line of npx) {
      const w = words(line);
      if (w[1] === "runner-pools") continue; // run below
      expect(w.slice(0, 4)).toEqual([
        "npx",
        "--yes",
        `--package=cdktf-cli@${pkg.devDependencies.cdktf}`,
        "--",
      ]);
      expect(w[4]).toBe("cdktf");
      const command = w[5];
      expect(Object.keys(CDKTF_FLAGS)).toContain(command);
      for (const flag of w.slice(6).filter((x) => x.startsWith("-")))
        expect({ line, flag, ok: CDKTF_FLAGS[command].includes(flag) }).toEqual({
          line,
          flag,
          ok: true,
        });
    }
    expect(pkg.devDependencies.cdktf).toBe("0.21.0");
  });

  test("npm only installs from the lock file", () => {
    for (const line of lines.filter((l) => /^npm\b/.test(l))) expect(line).toBe("npm ci");
  });

  test("every runner-pools command runs on a real synth", () => {
    const commands = lines.filter((l) => /^npx runner-pools\b/.test(l));
    expect(commands.map((l) => words(l)[2]).sort()).toEqual(
      kind === "github" ? ["diff", "diff", "diff", "review"] : ["diff", "diff", "review"],
    );
    // a workspace where the paths the workflow uses exist: head/, base/, reviewed/
    const synth = synthDefaultApp(`wf-${kind}`);
    const ws = tempDir(`wf-${kind}-ws`);
    const head = path.join(ws, "head");
    fs.mkdirSync(head);
    for (const dir of ["head/cdktf.out", "base/cdktf.out", "head/reviewed", "head/base.cdktf.out"])
      fs.cpSync(copySynth(synth), path.join(ws, dir), { recursive: true });
    for (const line of commands) {
      const args = words(line).slice(2);
      const resolved = args.map((a, i) =>
        a.startsWith("-") || args[i - 1] === "--fail-on" || args[i - 1] === "--format" || i === 0
          ? a
          : path.resolve(head, a),
      );
      const result = cli(...resolved);
      expect({ line, code: result.code, stderr: result.stderr }).toEqual({
        line,
        code: 0,
        stderr: "",
      });
    }
  });
});

test("the package ships the runner-pools command", () => {
  expect(pkg.bin?.["runner-pools"]).toBe("dist/cli/main.js");
});
