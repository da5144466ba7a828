// The benchmark's floor: generated from a synthesized output, it must write the same Terraform
// through the provider bindings alone (construct metadata aside), or the comparison means nothing.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { buildDefaultApp } from "../../stacks/default-app";
import { buildFleet } from "../../scripts/bench/fleet-app";
import {
  compareOutputs,
  floorProgram,
  generateFloor,
  replayFloor,
} from "../../scripts/bench/floor";

const root = path.resolve(__dirname, "..", "..");
let work: string;
beforeEach(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), "floor-test-"))));
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

function synth(dir: string, build: (app: App) => void): string {
  const app = new App({ outdir: dir, stackTraces: false });
  build(app);
  app.synth();
  return dir;
}

test.each([
  ["the default app", (app: App) => void buildDefaultApp(app)],
  ["a fleet of 7 pools in 4 stacks", (app: App) => buildFleet(app, 7, 4)],
])("the floor of %s synthesizes the same Terraform", (_, build) => {
  const out = synth(path.join(work, "lib"), build);
  const plan = generateFloor(root, out, path.join(work, "floor"));
  const floor = synth(path.join(work, "floor-out"), (app) => replayFloor(app, plan));
  expect(compareOutputs(out, floor)).toEqual([]);
  // Through the bindings: every resource is an instance of its generated class, no library.
  const modules = new Set(plan.flatMap((s) => s.calls.map((c) => c.module)));
  for (const m of modules) expect(m).toMatch(/^(cdktf|@cdktf\/provider-[a-z]+\/lib\/[a-z0-9-]+)$/);
});

test("the floor as a program imports bindings by deep path and has literal values only", () => {
  const out = synth(path.join(work, "lib"), (app) => void buildDefaultApp(app));
  const program = floorProgram(generateFloor(root, out, path.join(work, "floor")));
  const imports = program.split("\n").filter((line) => line.startsWith("import "));
  for (const line of imports)
    expect(line).toMatch(/from "(cdktf|@cdktf\/provider-[a-z]+\/lib\/[a-z0-9-]+)";$/);
  expect(program).toMatch(
    /^import \{ NamespaceV1 \} from "@cdktf\/provider-kubernetes\/lib\/namespace-v1";$/m,
  );
  expect(program).toMatch(/r\d+\.overrideLogicalId\("gitlab-runners_Namespace_[0-9A-F]{8}"\);/);
});
