import { App, Testing, TerraformStack } from "cdktf";
import { build as humanitecAks } from "../examples/humanitec-agent-aks/app";
import { build as sophosEks } from "../examples/sophos-factory-eks/app";
import { build as kubiyaGke } from "../examples/kubiya-gke/app";
import * as fs from "fs";
import * as path from "path";

const examples: [string, (app: App) => TerraformStack[]][] = [
  ["humanitec-agent-aks", humanitecAks],
  ["sophos-factory-eks", sophosEks],
  ["kubiya-gke", kubiyaGke],
];

describe.each(examples)("example %s", (name, build) => {
  test("has its own cdktf.json and main.ts", () => {
    const dir = path.join(__dirname, "..", "examples", name);
    const cdktf = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.json"), "utf8"));
    expect(cdktf.app).toBe("npx tsx main.ts");
    expect(fs.existsSync(path.join(dir, "main.ts"))).toBe(true);
  });

  test("synthesizes with validations, no errors, nothing secret", () => {
    const app = Testing.app();
    const stacks = build(app);
    expect(stacks.map((s) => s.node.id)).toEqual([name]);
    for (const stack of stacks) {
      expect(() => Testing.synth(stack, true)).not.toThrow();
      const text = Testing.synth(stack);
      expect(text).not.toMatch(/PRIVATE KEY|\/work\/|\/tmp\//);
      expect(JSON.parse(text).resource.helm_release).toBeDefined();
    }
  });
});
