import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// Every complete TypeScript example in the README (a ```ts block that calls app.synth())
// must type-check (strict) against the library and synthesize without validation errors.
const root = path.resolve(__dirname, "..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((m) => m[1])
  .filter((code) => code.includes("app.synth()"));
const dir = path.join(__dirname, ".readme-examples");

beforeAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  blocks.forEach((code, i) => fs.writeFileSync(path.join(dir, `example-${i + 1}.ts`), code));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("README examples", () => {
  test("there is at least the quick start", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(1);
  });

  test("all of them type-check with strict TypeScript", () => {
    const tsconfig = {
      extends: path.join(root, "tsconfig.json"),
      compilerOptions: {
        noEmit: true,
        rootDir: root,
        baseUrl: root,
        noUnusedLocals: false,
        paths: {
          "cdktf-runner-pools": ["lib/index.ts"],
          "cdktf-runner-pools/stacks/*": ["stacks/*-runner-stack.ts"],
          "cdktf-runner-pools/*": ["lib/*/index.ts"],
        },
      },
      include: [path.join(dir, "*.ts")],
    };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    const tsc = spawnSync(
      process.execPath,
      [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(dir, "tsconfig.json")],
      { encoding: "utf8" },
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });

  test.each(blocks.map((_, i) => [i + 1]))("example %i synthesizes", (i) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "readme-"));
    const previous = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = outdir;
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the snippet as a program
        require(path.join(dir, `example-${i}.ts`));
      });
    } finally {
      if (previous === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = previous;
    }
    const stacks = fs.readdirSync(path.join(outdir, "stacks"));
    expect(stacks.length).toBeGreaterThan(0);
    for (const s of stacks)
      expect(fs.existsSync(path.join(outdir, "stacks", s, "cdk.tf.json"))).toBe(true);
  });
});
