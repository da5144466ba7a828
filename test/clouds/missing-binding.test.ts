// A cloud entry point loaded without its provider binding (an optional peer dependency) fails
// with the package and version to install, not a bare "Cannot find module". Each case runs in
// a child process whose module resolution hides the binding, as if it were not installed.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { BINDING as AWS } from "../../lib/aws/provider-binding";
import { BINDING as AZURE } from "../../lib/azure/provider-binding";
import { BINDING as GCP } from "../../lib/gcp/provider-binding";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const peers = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"))
  .peerDependencies as Record<string, string>;

/** Loads `entry` (a source file) with `hidden` unresolvable, as when it is not installed. */
function load(entry: string, hidden?: string) {
  const script = `
    const Module = require("module");
    const hidden = ${JSON.stringify(hidden ?? null)};
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      if (hidden && (request === hidden || request.startsWith(hidden + "/"))) {
        const error = new Error("Cannot find module '" + request + "'");
        error.code = "MODULE_NOT_FOUND";
        throw error;
      }
      return resolve.call(this, request, ...rest);
    };
    try {
      require(${JSON.stringify(path.join(ROOT, entry))});
      console.log("loaded");
    } catch (error) {
      console.error(error.message);
      process.exit(1);
    }`;
  return spawnSync(TSX, ["-e", script], { cwd: ROOT, encoding: "utf8" });
}

const CASES = [
  ["lib/aws/index.ts", "cdktf-runner-pools/aws", AWS],
  ["stacks/eks-runner-stack.ts", "cdktf-runner-pools/aws", AWS],
  ["lib/gcp/index.ts", "cdktf-runner-pools/gcp", GCP],
  ["stacks/gke-runner-stack.ts", "cdktf-runner-pools/gcp", GCP],
  ["lib/azure/index.ts", "cdktf-runner-pools/azure", AZURE],
  ["stacks/aks-runner-stack.ts", "cdktf-runner-pools/azure", AZURE],
] as const;

describe.each(CASES)("%s without %s's binding", (entry, entryPoint, binding) => {
  test("names the package and the exact version to install", () => {
    const run = load(entry, binding.name);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `${entryPoint} needs the optional peer dependency ${binding.name}, which is not installed. ` +
        `Install the version this library is built against: npm install ${binding.name}@${binding.version}`,
    );
    expect(run.stderr).not.toMatch(/Cannot find module|at .*\.ts:\d+/);
  });

  test("with the binding present, it loads", () => {
    expect(load(entry)).toMatchObject({ status: 0, stdout: "loaded\n" });
  });
});

test("the versions named are the package's peerDependencies", () => {
  for (const b of [AWS, GCP, AZURE]) expect(peers[b.name]).toBe(b.version);
});

test("the core entry point loads with no cloud binding at all", () => {
  const script = (hidden: string[]) => `
    const Module = require("module");
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      if (${JSON.stringify(hidden)}.some((h) => request === h || request.startsWith(h + "/"))) {
        const error = new Error("Cannot find module '" + request + "'");
        error.code = "MODULE_NOT_FOUND";
        throw error;
      }
      return resolve.call(this, request, ...rest);
    };
    require(${JSON.stringify(path.join(ROOT, "lib/index.ts"))});
    console.log("loaded");`;
  const run = spawnSync(TSX, ["-e", script([AWS.name, GCP.name, AZURE.name])], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(run).toMatchObject({ status: 0, stdout: "loaded\n" });
});
