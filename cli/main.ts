#!/usr/bin/env node
// runner-pools: review and diff a synthesized cdktf output directory, credential-free.
//   runner-pools review [DIR=cdktf.out] [--out DIR] [--format markdown|json]
//                       [--simulate synthetic[:PARAMS]|TRACE-FILE [simulate options]]
//   runner-pools diff --base DIR [DIR=cdktf.out] [--out DIR] [--format markdown|json]
//                     [--fail-on <class>[,<class>]]
import * as fs from "node:fs";
import * as path from "node:path";
import { CliError, EXIT } from "./errors";
import { CLASS_ALIASES, CLASSES, diffDirs, expandClasses } from "./diff/diff";
import { diffMarkdown } from "./diff/markdown";
import { canonicalJson } from "./output";
import { reviewMarkdown } from "./review/markdown";
import { review } from "./review/model";
import { SIMULATE_OPTIONS, SIMULATE_USAGE, simulateCommand } from "./simulate/command";
import { loadSynthDir } from "./synth-dir";

const USAGE = `Usage:
  runner-pools review [DIR] [--out DIR] [--format markdown|json]
                      [--simulate synthetic[:PARAMS]|TRACE-FILE] [--seed N] [--pool ID[,ID]]
                      [--trace-format FORMAT] [--env K=V[,K=V]] [--fixed POOL=N[,POOL=N]]
  runner-pools diff --base DIR [DIR] [--out DIR] [--format markdown|json] [--fail-on CLASS[,CLASS]]
${SIMULATE_USAGE}

DIR is a cdktf output directory (default: cdktf.out). Nothing is sent anywhere; no
credentials or providers are needed.
--out DIR     write review.md|review.json (diff.md|diff.json) into DIR instead of stdout
--fail-on     exit 2 when the diff has a change of one of these classes:
              ${[...CLASSES, ...Object.keys(CLASS_ALIASES)].join(", ")}
simulate      replay a job trace against the pools' autoscaling (docs/simulate.md)
--simulate    (review) append the simulate report for this trace: "synthetic", "synthetic:PARAMS"
              (the --synthetic parameters) or a trace file (--trace-format)
Exit codes: 0 ok, 1 usage error or missing/malformed input, 2 --fail-on matched.`;

interface Args {
  command: string;
  positional: string[];
  options: Map<string, string>;
}

const VALUE_OPTIONS = [
  "--out",
  "--format",
  "--base",
  "--fail-on",
  "--simulate",
  ...SIMULATE_OPTIONS,
];

/** review --simulate: the simulate options that may go with it. */
const REVIEW_SIMULATE_OPTIONS = ["--seed", "--pool", "--trace-format", "--env", "--fixed"];

/** The simulate options for `review --simulate SPEC` (SPEC: synthetic[:PARAMS] or a trace file). */
function reviewSimulateOptions(args: Args): Map<string, string> {
  const spec = args.options.get("--simulate") as string;
  const options = new Map<string, string>();
  for (const name of REVIEW_SIMULATE_OPTIONS)
    if (args.options.has(name)) options.set(name, args.options.get(name) as string);
  const synthetic = /^synthetic(?::(.*))?$/.exec(spec);
  if (synthetic) options.set("--synthetic", synthetic[1] ? synthetic[1] : "default");
  else options.set("--trace", spec);
  return options;
}

function parseArgs(argv: string[]): Args {
  const [command = "", ...rest] = argv;
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--help" || arg === "-h") options.set("--help", "");
    else if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      if (!VALUE_OPTIONS.includes(name)) throw new CliError(`unknown option ${name}`);
      const value = eq > 0 ? arg.slice(eq + 1) : rest[++i];
      if (value === undefined || value === "") throw new CliError(`${name} needs a value`);
      if (options.has(name)) throw new CliError(`${name} given twice`);
      options.set(name, value);
    } else positional.push(arg);
  }
  return { command, positional, options };
}

function allowOnly(args: Args, allowed: string[], maxPositional: number): void {
  for (const name of args.options.keys())
    if (!allowed.includes(name))
      throw new CliError(`${args.command}: option ${name} not supported`);
  if (args.positional.length > maxPositional)
    throw new CliError(`${args.command}: unexpected argument ${args.positional[maxPositional]}`);
}

function format(args: Args): "markdown" | "json" {
  const f = args.options.get("--format") ?? "markdown";
  if (f !== "markdown" && f !== "json")
    throw new CliError(`--format must be markdown or json, not ${f}`);
  return f;
}

function emit(
  text: string,
  out: string | undefined,
  file: string,
  stdout: (s: string) => void,
): void {
  if (!out) {
    stdout(text);
    return;
  }
  try {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, file), text);
  } catch {
    throw new CliError(`${out}: cannot write ${file}`);
  }
}

/** Runs the CLI; returns the exit code. Output goes through the given writers. */
export function run(
  argv: string[],
  stdout: (s: string) => void = (s) => process.stdout.write(s),
  stderr: (s: string) => void = (s) => process.stderr.write(s),
): number {
  try {
    const args = parseArgs(argv);
    if (
      args.command === "" ||
      args.command === "--help" ||
      args.command === "-h" ||
      args.options.has("--help")
    ) {
      stdout(`${USAGE}\n`);
      return args.command === "" ? EXIT.error : EXIT.ok;
    }
    if (args.command === "review") {
      const simulate = args.options.has("--simulate");
      allowOnly(
        args,
        ["--out", "--format", ...(simulate ? ["--simulate", ...REVIEW_SIMULATE_OPTIONS] : [])],
        1,
      );
      const fmt = format(args);
      const dir = args.positional[0] ?? "cdktf.out";
      const result = review(loadSynthDir(dir));
      let text = fmt === "json" ? canonicalJson(result) : reviewMarkdown(result);
      if (simulate) {
        const sim = simulateCommand([dir], reviewSimulateOptions(args), fmt).text;
        text =
          fmt === "json"
            ? canonicalJson({ review: result, simulate: JSON.parse(sim) })
            : `${text.trimEnd()}\n\n${sim}`;
      }
      emit(text, args.options.get("--out"), fmt === "json" ? "review.json" : "review.md", stdout);
      return EXIT.ok;
    }
    if (args.command === "diff") {
      allowOnly(args, ["--out", "--format", "--base", "--fail-on"], 1);
      const fmt = format(args);
      const base = args.options.get("--base");
      if (!base) throw new CliError("diff: --base DIR is required (the synth of the base branch)");
      const failOn = args.options.has("--fail-on")
        ? expandClasses((args.options.get("--fail-on") ?? "").split(","))
        : [];
      const result = diffDirs(loadSynthDir(base), loadSynthDir(args.positional[0] ?? "cdktf.out"));
      const text = fmt === "json" ? canonicalJson(result) : diffMarkdown(result);
      emit(text, args.options.get("--out"), fmt === "json" ? "diff.json" : "diff.md", stdout);
      const hits = result.changes.filter((c) => failOn.includes(c.class));
      if (hits.length) {
        stderr(
          `runner-pools: ${hits.length} change(s) of class ${[...new Set(hits.map((h) => h.class))].join(", ")} (--fail-on)\n`,
        );
        return EXIT.failOn;
      }
      return EXIT.ok;
    }
    if (args.command === "simulate") {
      allowOnly(args, ["--out", "--format", ...SIMULATE_OPTIONS], 1);
      const { text, file } = simulateCommand(args.positional, args.options, format(args));
      emit(text, args.options.get("--out"), file, stdout);
      return EXIT.ok;
    }
    throw new CliError(`unknown command ${args.command} (review, diff, simulate)`);
  } catch (error) {
    if (error instanceof CliError) {
      stderr(`runner-pools: ${error.message}\n`);
      return EXIT.error;
    }
    const message = error instanceof Error ? error.message : String(error);
    stderr(`runner-pools: internal error: ${message.split("\n")[0]}\n`);
    return EXIT.error;
  }
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2));
}
