// Synthesizes the default app and every example into <outdir>/<app>/ (run from the repo root,
// after `npm run build`): `node dist/scripts/synth-all.js <outdir>`. With
// scripts/compare-synth.ts it proves that a change leaves what the stacks deploy unchanged.
import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { buildDefaultApp } from "../stacks/default-app";

type Build = (app: App) => TerraformStack[];

const root = process.cwd();
const outdir = path.resolve(process.argv[2] ?? "cdktf.out.all");
process.env.CHECKPOINT_DISABLE = "1";

const apps: [string, string, Build][] = [["default", root, buildDefaultApp]];
const examplesDir = path.join(__dirname, "..", "examples");
for (const name of fs.readdirSync(examplesDir).sort()) {
  const compiled = path.join(examplesDir, name, "app.js");
  if (!fs.existsSync(compiled)) continue;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { build } = require(compiled) as { build: Build };
  apps.push([name, path.join(root, "examples", name), build]);
}

for (const [name, cwd, build] of apps) {
  const dir = path.join(outdir, name);
  fs.mkdirSync(dir, { recursive: true });
  process.chdir(cwd); // examples resolve their local charts against their own directory
  const app = new App({ outdir: dir, stackTraces: false });
  build(app);
  app.synth();
  console.log(`${name}: ${app.node.children.filter(TerraformStack.isStack).length} stack(s)`);
}
process.chdir(root);
