// docs/simulate.md shows real output of the tool for the default app (minRunners 0 vs 3 on the
// arc-runners scale set, the default synthetic week, seed 1): it must be what the tool prints.
import * as fs from "fs";
import * as path from "path";
import { cli, copySynth, editStack, resourceAt, root, synthDefaultApp } from "../cli-support";

const doc = fs.readFileSync(path.join(root, "docs/simulate.md"), "utf8");

function sample(name: string): string {
  const start = doc.indexOf(`<!-- sample: ${name} -->\n\`\`\`\`markdown\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const body = doc.indexOf("\n", doc.indexOf("````markdown", start)) + 1;
  return doc.slice(body, doc.indexOf("````\n", body));
}

test("docs/simulate.md: the minRunners 0 vs 3 sample is the tool's output", () => {
  const base = synthDefaultApp("sim-docs");
  const withMin = (min: number) => {
    const dir = copySynth(base, `sim-docs-min${min}`);
    editStack(dir, "runners-kubernetes", (j) => {
      const release = resourceAt(j, "helm_release", "arc-runners/Release/Resource");
      release.values[0] = release.values[0].replace(/minRunners: \d+/, `minRunners: ${min}`);
    });
    return dir;
  };
  const [min0, min3] = [withMin(0), withMin(3)];
  const r = cli(
    "simulate",
    min3,
    "--compare",
    min0,
    "--synthetic",
    "default",
    "--pool",
    "arc-runners",
  );
  expect(r.code).toBe(0);
  const text = r.stdout.split(min0).join("cdktf.out.min0").split(min3).join("cdktf.out.min3");
  expect(sample("simulate min0 vs min3")).toBe(text);
});
