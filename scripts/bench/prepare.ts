// The benchmark's inputs: synthesized outputs, their floors (proven to synthesize the same
// resources), and the consumer type-check project.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { compareOutputs, generateFloor } from "./floor";

const dist = path.resolve(__dirname, "..", "..");

/** Runs a synth script (node arguments) with CDKTF_OUTDIR=`outdir`; returns `outdir`. */
export function synthWith(
  outdir: string,
  args: string[],
  env: Record<string, string> = {},
): string {
  const r = spawnSync(process.execPath, args, {
    env: { ...process.env, ...env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`${args.join(" ")}: ${r.stderr.slice(0, 2000)}`);
  return outdir;
}

/**
 * Generates the floor of a synthesized output into `dir`, synthesizes it and checks that it
 * writes the same Terraform (construct metadata aside). Returns the floor plan's path.
 */
export function checkFloor(
  root: string,
  synthDir: string,
  dir: string,
  typescript = false,
): string {
  generateFloor(root, synthDir, dir, typescript);
  const plan = path.join(dir, "floor.json");
  const out = synthWith(path.join(dir, "out"), [
    path.join(dist, "scripts/bench/floor-run.js"),
    plan,
  ]);
  const problems = compareOutputs(synthDir, out);
  if (problems.length) throw new Error(`floor of ${synthDir} differs: ${problems.join("; ")}`);
  fs.rmSync(out, { recursive: true, force: true });
  return plan;
}

/** Synthesizes an example app (examples/<name>, compiled) into `outdir`. */
export function synthExample(root: string, name: string, outdir: string): string {
  const cwd = process.cwd();
  process.chdir(path.join(root, "examples", name));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { build } = require(path.join(dist, "examples", name, "app.js")) as {
      build: (app: App) => unknown;
    };
    const app = new App({ outdir, stackTraces: false });
    build(app);
    app.synth();
  } finally {
    process.chdir(cwd);
  }
  return outdir;
}

/**
 * A consumer project in `dir`: node_modules links to the repository's (and
 * `cdktf-runner-pools` to the repository itself, built), the example as the consumer program,
 * its floor as the cdktf-only program, and a tsconfig per program and skipLibCheck setting.
 */
export function consumerProject(root: string, exampleOut: string, dir: string): string {
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(modules, { recursive: true });
  for (const entry of fs.readdirSync(path.join(root, "node_modules")))
    if (!entry.startsWith("."))
      fs.symlinkSync(path.join(root, "node_modules", entry), path.join(modules, entry));
  fs.symlinkSync(root, path.join(modules, "cdktf-runner-pools"));
  const example = path.join(root, "examples", "arc-scale-sets-eks");
  fs.mkdirSync(path.join(dir, "consumer"));
  for (const file of ["app.ts", "main.ts"])
    fs.copyFileSync(path.join(example, file), path.join(dir, "consumer", file));
  checkFloor(root, exampleOut, path.join(dir, "floor"), true);
  const compilerOptions = {
    target: "ES2022",
    module: "commonjs",
    moduleResolution: "node10",
    lib: ["ES2022"],
    strict: true,
    esModuleInterop: true,
    types: ["node"],
  };
  for (const [program, include] of [
    ["consumer", ["consumer/*.ts"]],
    ["cdktf-only", ["floor/floor.ts"]],
  ] as const)
    for (const skipLibCheck of [true, false])
      fs.writeFileSync(
        path.join(dir, `tsconfig.${program}.${skipLibCheck ? "skip" : "full"}.json`),
        JSON.stringify({ compilerOptions: { ...compilerOptions, skipLibCheck }, include }),
      );
  return dir;
}
