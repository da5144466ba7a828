// docs/reviewing.md shows real output of the tool for the default app; these samples must be
// exactly what the tool prints today.
import * as fs from "fs";
import * as path from "path";
import { cli, copySynth, editStack, resourceAt, root, synthDefaultApp } from "./cli-support";

const doc = fs.readFileSync(path.join(root, "docs/reviewing.md"), "utf8");

function sample(name: string): string {
  const start = doc.indexOf(`<!-- sample: ${name} -->\n\`\`\`\`markdown\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const body = doc.indexOf("\n", doc.indexOf("````markdown", start)) + 1;
  return doc.slice(body, doc.indexOf("````\n", body));
}

describe("docs/reviewing.md samples", () => {
  const base = synthDefaultApp("docs");

  test("the review of runners-eks is the tool's output", () => {
    const md = cli("review", base).stdout;
    const start = md.indexOf("## Stack `runners-eks`");
    const end = md.indexOf("## Stack `runners-gke`");
    expect(sample("review runners-eks")).toBe(md.slice(start, end).replace(/\n+$/, "\n"));
  });

  test("the diff (maxRunners 20 -> 10, a verb on secrets) is the tool's output", () => {
    const head = copySynth(base, "docs-head");
    editStack(head, "runners-kubernetes", (j) => {
      const release = resourceAt(j, "helm_release", "arc-runners/Release/Resource");
      release.values[0] = release.values[0].replace("maxRunners: 20", "maxRunners: 10");
      const role = resourceAt(j, "kubernetes_role_v1", "arc-runners/ServiceAccount-Runner/Role");
      const rule = role.rule.find((r: { resources: string[] }) => r.resources.includes("secrets"));
      rule.verbs.push("update");
    });
    expect(sample("diff maxRunners+verb")).toBe(cli("diff", "--base", base, head).stdout);
  });
});
