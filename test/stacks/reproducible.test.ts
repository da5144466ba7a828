import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "../..");

// The default app runs from its sources (tsx, a pinned devDependency), so this file needs no
// prior build; scripts/check-reproducible.sh checks the compiled app across two clones.
function synthInto(outdir: string): Map<string, Buffer> {
  execFileSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "stacks/main.ts")], {
    cwd: root,
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
    stdio: "pipe",
  });
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(outdir, full), fs.readFileSync(full));
    }
  };
  walk(path.join(outdir, "stacks"));
  return files;
}

describe("the default app's output", () => {
  const a = fs.mkdtempSync(path.join(os.tmpdir(), "synth-a-"));
  const b = fs.mkdtempSync(path.join(os.tmpdir(), "synth-b-"));
  const first = synthInto(a);
  const second = synthInto(b);

  test("is byte-identical across two synths into different directories", () => {
    expect([...first.keys()].sort()).toEqual([...second.keys()].sort());
    for (const [file, bytes] of first)
      expect({ file, same: bytes.equals(second.get(file) as Buffer) }).toEqual({
        file,
        same: true,
      });
  });

  test("holds no absolute paths, no checkout path and no timestamps", () => {
    const jsons = [...first].filter(([f]) => f.endsWith("cdk.tf.json"));
    expect(jsons.length).toBeGreaterThan(0);
    for (const [file, bytes] of jsons) {
      const text = bytes.toString("utf8");
      expect({ file, root: text.includes(root) }).toEqual({ file, root: false });
      expect({ file, tmp: text.includes(os.tmpdir()) }).toEqual({ file, tmp: false });
      expect({ file, abs: /"\/(tmp|work|home|root|Users)\//.test(text) }).toEqual({
        file,
        abs: false,
      });
      expect({ file, time: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) }).toEqual({
        file,
        time: false,
      });
    }
  });
});
