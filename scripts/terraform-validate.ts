// `npm run test:terraform`: synthesizes the default app and every example, then runs a real
// Terraform-compatible CLI over each stack: `init -backend=false` (offline, providers from the
// filesystem mirror built by test/e2e/setup-tools.sh) and `validate`. Prints one line per stack
// and a closing "N passed, N failed" line; exits non-zero when any stack fails.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const repo = path.resolve(__dirname, "../..");
const cache = process.env.CDKTF_E2E_CACHE ?? path.join(os.homedir(), ".cache/cdktf-runner-pools");
const cli = process.env.CDKTF_E2E_TF_BINARY || findCli();
// The mirror-only CLI config written by setup-tools.sh wins over a machine-wide TF_CLI_CONFIG_FILE.
const cliConfig = fs.existsSync(path.join(cache, "terraformrc"))
  ? path.join(cache, "terraformrc")
  : (process.env.TF_CLI_CONFIG_FILE ?? path.join(cache, "terraformrc"));

function findCli(): string {
  for (const candidate of [path.join(cache, "bin/terraform-cli"), path.join(cache, "bin/tofu")]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  const which = spawnSync("sh", ["-c", "command -v terraform || command -v tofu"], {
    encoding: "utf8",
  });
  if (which.status === 0) return which.stdout.trim();
  // Not a pass: every stack is reported as skipped, and CDKTF_E2E_STRICT=1 fails the run.
  console.log(
    `SKIP all stacks: no Terraform CLI (looked in ${cache}/bin and PATH; run test/e2e/setup-tools.sh)`,
  );
  process.exit(process.env.CDKTF_E2E_STRICT === "1" ? 1 : 0);
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });
}

/** Synthesizes the default app and the examples; returns the stack directories. */
function synthAll(): { label: string; dir: string }[] {
  const stacks: { label: string; dir: string }[] = [];
  const out = path.join(repo, "cdktf.out");
  const main = run(process.execPath, [path.join(repo, "dist/stacks/main.js")], repo, {
    CDKTF_OUTDIR: out,
    CHECKPOINT_DISABLE: "1",
  });
  if (main.status !== 0) throw new Error(`default app failed to synthesize:\n${main.stderr}`);
  for (const name of fs.readdirSync(path.join(out, "stacks")).sort())
    stacks.push({ label: `default/${name}`, dir: path.join(out, "stacks", name) });

  const examples = path.join(repo, "examples");
  for (const example of fs.existsSync(examples) ? fs.readdirSync(examples).sort() : []) {
    const dir = path.join(examples, example);
    const compiled = path.join(repo, "dist/examples", example, "main.js");
    if (!fs.existsSync(path.join(dir, "cdktf.json"))) continue;
    if (!fs.existsSync(compiled))
      throw new Error(
        `example ${example} is not compiled (${path.relative(repo, compiled)}); run npm run build`,
      );
    const exOut = path.join(dir, "cdktf.out");
    const r = run(process.execPath, [compiled], dir, {
      CDKTF_OUTDIR: exOut,
      CHECKPOINT_DISABLE: "1",
    });
    if (r.status !== 0) throw new Error(`example ${example} failed to synthesize:\n${r.stderr}`);
    for (const name of fs.readdirSync(path.join(exOut, "stacks")).sort()) {
      stacks.push({ label: `examples/${example}/${name}`, dir: path.join(exOut, "stacks", name) });
    }
  }
  return stacks;
}

/** Providers the stack needs that the filesystem mirror does not hold (source@version). */
function missingProviders(dir: string): string[] {
  const json = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8")) as {
    terraform?: { required_providers?: Record<string, { source?: string; version?: string }> };
  };
  const mirror = path.join(cache, "mirror", "registry.terraform.io");
  return Object.entries(json.terraform?.required_providers ?? {})
    .map(([name, p]) => {
      const given = p.source ?? name;
      const source = given.includes("/") ? given : `hashicorp/${given}`;
      const dir = path.join(mirror, source);
      const versions = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
      const wanted = (p.version ?? "").replace(/^=\s*/, "");
      const ok = /^\d+\.\d+\.\d+$/.test(wanted) ? versions.includes(wanted) : versions.length > 0;
      return ok ? undefined : `${source}@${p.version ?? "any"}`;
    })
    .filter((m): m is string => m !== undefined);
}

function validate(stack: { label: string; dir: string }): {
  ok: boolean;
  detail: string;
  seconds: number;
} {
  const start = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "tf-validate-"));
  fs.cpSync(stack.dir, work, { recursive: true });
  const env = {
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
    TF_PLUGIN_CACHE_DIR: "",
  };
  const init = run(cli, ["init", "-backend=false", "-input=false", "-no-color"], work, env);
  if (init.status !== 0)
    return {
      ok: false,
      detail: `init failed:\n${init.stdout}\n${init.stderr}`,
      seconds: (Date.now() - start) / 1000,
    };
  const result = run(cli, ["validate", "-no-color", "-json"], work, env);
  fs.rmSync(work, { recursive: true, force: true });
  let detail = result.stdout;
  try {
    const parsed = JSON.parse(result.stdout) as {
      valid: boolean;
      diagnostics: { severity: string; summary: string; detail?: string; address?: string }[];
    };
    detail = parsed.diagnostics
      .map(
        (d) =>
          `${d.severity}: ${d.summary}${d.address ? ` (${d.address})` : ""}${d.detail ? ` — ${d.detail}` : ""}`,
      )
      .join("\n");
    return { ok: parsed.valid, detail, seconds: (Date.now() - start) / 1000 };
  } catch {
    return {
      ok: false,
      detail: `${result.stdout}\n${result.stderr}`,
      seconds: (Date.now() - start) / 1000,
    };
  }
}

const only = process.argv.slice(2);
const stacks = synthAll().filter((s) => only.length === 0 || only.some((o) => s.label.includes(o)));
console.log(
  `CLI: ${path.basename(cli)} (${run(cli, ["version"], repo).stdout.split("\n")[0]}), config ${path.relative(os.homedir(), cliConfig)}`,
);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const stack of stacks) {
  const missing = missingProviders(stack.dir);
  if (missing.length > 0) {
    console.log(`SKIP ${stack.label}: provider not in the mirror: ${missing.join(", ")}`);
    skipped++;
    continue;
  }
  const r = validate(stack);
  console.log(`${r.ok ? "PASS" : "FAIL"} ${stack.label} (${r.seconds.toFixed(1)} s)`);
  if (r.detail.trim()) console.log(r.detail.replace(/^/gm, "    "));
  if (r.ok) passed++;
  else failed++;
}
console.log(`\nterraform validate: ${passed} passed, ${failed} failed, ${skipped} skipped`);
// A skipped stack is not a pass: CDKTF_E2E_STRICT=1 makes skips fail the run.
process.exit(failed === 0 && (skipped === 0 || process.env.CDKTF_E2E_STRICT !== "1") ? 0 : 1);
