// Helpers of the CLI tests: synthesize the default app into a temp dir, copy and edit a synth,
// run the CLI in-process.
import { App } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../../cli/main";
import { buildDefaultApp } from "../../stacks/default-app";

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Json = any;

export const root = path.resolve(__dirname, "../..");

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `runner-pools-${prefix}-`));
}

/** Synthesizes the default app (as `npm run synth` does) into a new temp dir. */
export function synthDefaultApp(prefix = "synth"): string {
  const outdir = tempDir(prefix);
  const app = new App({ outdir, stackTraces: false });
  buildDefaultApp(app);
  app.synth();
  return outdir;
}

export function copySynth(from: string, prefix = "head"): string {
  const to = tempDir(prefix);
  fs.cpSync(from, to, { recursive: true });
  return to;
}

export function stackFile(dir: string, stack: string): string {
  return path.join(dir, "stacks", stack, "cdk.tf.json");
}

export function readStack(dir: string, stack: string): Json {
  return JSON.parse(fs.readFileSync(stackFile(dir, stack), "utf8"));
}

/** Edits one stack's cdk.tf.json (what a changed input writes there) and saves it. */
export function editStack(dir: string, stack: string, edit: (json: Json) => void): void {
  const json = readStack(dir, stack);
  edit(json);
  fs.writeFileSync(stackFile(dir, stack), JSON.stringify(json, null, 2));
}

/** The resource of a type whose construct path ends with `suffix`. */
export function resourceAt(json: Json, type: string, suffix: string): Json {
  const found = Object.values(json.resource[type] ?? {}).filter((r: Json) =>
    (r["//"].metadata.path as string).endsWith(suffix),
  );
  if (found.length !== 1) throw new Error(`${found.length} ${type} at …${suffix}`);
  return found[0];
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(...args: string[]): CliResult {
  let stdout = "";
  let stderr = "";
  const code = run(
    args,
    (s) => (stdout += s),
    (s) => (stderr += s),
  );
  return { code, stdout, stderr };
}
