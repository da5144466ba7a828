// `cdktf synth --hcl` of the default app and of every example is valid, formatted HCL.
// Reproduces what cdktf-cli 0.21.0 does: run the app with SYNTH_HCL_OUTPUT=true (each stack
// writes cdk.tf), then format each cdk.tf with @cdktf/hcl-tools' `format` (hclwrite.Format;
// cli-core src/lib/synth-stack.ts `formatHclFiles`). Then `terraform fmt` must parse the raw
// file (no syntax error) and `terraform fmt -check` must pass on the formatted one, with nothing
// left to rewrite (stacks/hcl.ts unwraps the interpolation-only templates cdktf writes).
import { format } from "@cdktf/hcl-tools";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const terraform = spawnSync("terraform", ["version"], { encoding: "utf8" });
const HAS_TERRAFORM = terraform.status === 0;
const TF_ENV = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };

const examples = fs
  .readdirSync(path.join(ROOT, "examples"), { withFileTypes: true })
  .filter(
    (e) => e.isDirectory() && fs.existsSync(path.join(ROOT, "examples", e.name, "cdktf.json")),
  )
  .map((e) => e.name)
  .sort();

/** The apps `cdktf synth` runs: the default app from the root, each example from its folder. */
const APPS: [string, string, string][] = [
  ["default app", ROOT, "stacks/main.ts"],
  ...examples.map((e): [string, string, string] => [
    `example ${e}`,
    path.join(ROOT, "examples", e),
    "main.ts",
  ]),
];

/** Runs the app as `cdktf synth --hcl` does; returns each stack's cdk.tf by stack name. */
function synthHcl(cwd: string, main: string): { dir: string; stacks: Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hcl-synth-"));
  const run = spawnSync(TSX, [main], {
    cwd,
    env: { ...process.env, CDKTF_OUTDIR: dir, SYNTH_HCL_OUTPUT: "true", CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  const stacks: Record<string, string> = {};
  for (const [name, stack] of Object.entries(manifest.stacks) as [string, Record<string, string>][])
    stacks[name] = path.join(dir, stack.synthesizedStackPath);
  return { dir, stacks };
}

/** `terraform fmt` of one file's text on stdin: exit 0 when it parses. */
function fmtStdin(text: string, check: boolean) {
  return spawnSync("terraform", ["fmt", "-no-color", ...(check ? ["-check"] : []), "-"], {
    input: text,
    env: TF_ENV,
    encoding: "utf8",
  });
}

const errors = (stderr: string) =>
  stderr
    .split("\n")
    .filter((l) => /^Error: |^\s+on <stdin> line/.test(l))
    .join("\n");

describe.each(APPS)("cdktf synth --hcl: %s", (_name, cwd, main) => {
  const maybe = HAS_TERRAFORM ? test : test.skip;
  const title = HAS_TERRAFORM ? "" : " (SKIP: terraform is not on PATH)";

  maybe(
    `every stack's cdk.tf parses and, formatted as cdktf does, passes terraform fmt -check${title}`,
    async () => {
      const { dir, stacks } = synthHcl(cwd, main);
      try {
        expect(Object.keys(stacks).length).toBeGreaterThan(0);
        for (const [stack, file] of Object.entries(stacks)) {
          expect(path.basename(file)).toBe("cdk.tf");
          const raw = fs.readFileSync(file, "utf8");
          const parsed = fmtStdin(raw, false);
          expect({ stack, status: parsed.status, errors: errors(parsed.stderr) }).toEqual({
            stack,
            status: 0,
            errors: "",
          });
          // formatted the way `cdktf synth --hcl` writes it, then checked in a directory
          fs.writeFileSync(file, await format(raw));
          const check = spawnSync(
            "terraform",
            ["fmt", "-no-color", "-check", "-diff", path.dirname(file)],
            { env: TF_ENV, encoding: "utf8" },
          );
          expect({ stack, errors: errors(check.stderr) }).toEqual({ stack, errors: "" });
          // strict: nothing left for `terraform fmt` to rewrite (cdktf writes references as
          // templates, "${aws_iam_role.x.arn}"; the stacks unwrap them as terraform fmt would)
          const strict = fmtStdin(fs.readFileSync(file, "utf8"), true);
          expect({ stack, status: strict.status, diff: strict.stdout }).toEqual({
            stack,
            status: 0,
            diff: "",
          });
          const formatted = fs.readFileSync(file, "utf8");
          // required_version, and IAM documents as data sources, never JSON strings
          expect(formatted).toMatch(/^terraform \{\n  required_version = ">= 1\.\d+"\n/);
          const policies = [
            ...formatted.matchAll(/^\s*(?:assume_role_policy|policy)\s*=\s*(.*)$/gm),
          ];
          for (const m of policies)
            expect(m[1]).toMatch(/^data\.aws_iam_policy_document\.[\w-]+\.json$/);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
