import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// Every complete TypeScript example in README.md and docs/**/*.md (a ```ts block that calls
// app.synth()) must type-check (strict) against the library and synthesize without
// validation errors. Examples import the package by name; the names are mapped to sources
// (here for tsc, in jest.config.js for the synth). Relative links between the docs must
// resolve, and the README stays short.
const root = path.resolve(__dirname, "..");

function markdownFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? markdownFiles(path.join(dir, e.name))
        : e.name.endsWith(".md")
          ? [path.join(dir, e.name)]
          : [],
    )
    .sort();
}

const docs = [path.join(root, "README.md"), ...markdownFiles(path.join(root, "docs"))];
const linked = [...docs, path.join(root, "CONTRIBUTING.md"), path.join(root, "CHANGELOG.md")];

interface Example {
  /** e.g. `docs/clouds/aws.md #1` */
  readonly name: string;
  /** File name in the scratch directory. */
  readonly file: string;
  readonly code: string;
}

const examples: Example[] = docs.flatMap((doc) => {
  const rel = path.relative(root, doc);
  const slug = rel.replace(/\.md$/, "").replace(/[^A-Za-z0-9]+/g, "-");
  return [...fs.readFileSync(doc, "utf8").matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .filter((code) => code.includes("app.synth()"))
    .map((code, i) => ({ name: `${rel} #${i + 1}`, file: `${slug}-${i + 1}.ts`, code }));
});
const dir = path.join(__dirname, ".readme-examples");

/** Writes the stand-in chart at `target`: a packaged .tgz, or a chart directory. */
function standInChart(target: string): void {
  const chart = path.join(__dirname, "terraform", "charts", "e2e-runner");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (/\.(tgz|tar\.gz)$/.test(target)) {
    const tar = spawnSync("tar", ["-czf", target, "-C", path.dirname(chart), "e2e-runner"]);
    if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
  } else {
    fs.cpSync(chart, target, { recursive: true });
  }
}

beforeAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  for (const e of examples) fs.writeFileSync(path.join(dir, e.file), e.code);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("README and docs examples", () => {
  test("there is at least the quick start", () => {
    expect(examples.filter((e) => e.name.startsWith("README.md")).length).toBeGreaterThanOrEqual(1);
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
    // one tsc run for all examples (the library is type-checked once)
    const tsc = spawnSync(
      process.execPath,
      [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(dir, "tsconfig.json")],
      { encoding: "utf8" },
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });

  test.each(examples.map((e) => [e.name, e.file, e.code]))(
    "%s synthesizes",
    (_name, file, code) => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "readme-"));
      const previous = process.env.CDKTF_OUTDIR;
      const cwd = process.cwd();
      process.env.CDKTF_OUTDIR = outdir;
      // A chart archive an example names (`chartPath: "charts/x.tgz"`, e.g. Sophos Factory's,
      // which is in no public repository) is the user's own file: the example runs in a scratch
      // directory where a small stand-in chart (test/terraform/charts/e2e-runner) has that path.
      process.chdir(outdir);
      for (const m of code.matchAll(/chartPath: "([^"]+)"/g)) standInChart(path.join(outdir, m[1]));
      try {
        jest.isolateModules(() => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the snippet as a program
          require(path.join(dir, file));
        });
        const stacks = fs.readdirSync(path.join(outdir, "stacks"));
        expect(stacks.length).toBeGreaterThan(0);
        for (const s of stacks)
          expect(fs.existsSync(path.join(outdir, "stacks", s, "cdk.tf.json"))).toBe(true);
      } finally {
        process.chdir(cwd);
        if (previous === undefined) delete process.env.CDKTF_OUTDIR;
        else process.env.CDKTF_OUTDIR = previous;
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    },
  );
});

describe("docs", () => {
  test("the README stays short (≤ 200 lines)", () => {
    const lines = fs.readFileSync(path.join(root, "README.md"), "utf8").split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    expect(lines.length).toBeLessThanOrEqual(200);
  });

  test("the README keeps the two commands", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    expect(readme).toContain("npm ci && npm run synth");
    expect(readme).toContain("npm test && npm run lint");
  });

  // GitHub's heading anchors: lower-case, punctuation dropped, spaces to '-'.
  const anchors = (file: string): Set<string> => {
    const text = fs.readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
    return new Set(
      [...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
        m[1]
          .trim()
          .toLowerCase()
          .replace(/[^\p{L}\p{N} _-]/gu, "")
          .replace(/ /g, "-"),
      ),
    );
  };

  test.each(linked.filter((f) => fs.existsSync(f)).map((f) => [path.relative(root, f), f]))(
    "relative links in %s resolve",
    (_name, file) => {
      const text = fs
        .readFileSync(file, "utf8")
        .replace(/```[\s\S]*?```/g, "")
        .replace(/`[^`\n]*`/g, "");
      const broken: string[] = [];
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const link = m[1];
        if (/^[a-z]+:/i.test(link)) continue; // http(s), mailto
        const [target, anchor] = link.split("#");
        const resolved = target ? path.resolve(path.dirname(file), target) : file;
        if (!fs.existsSync(resolved)) broken.push(`${link} (no such file)`);
        else if (anchor && resolved.endsWith(".md") && !anchors(resolved).has(anchor))
          broken.push(`${link} (no such heading)`);
      }
      expect(broken).toEqual([]);
    },
  );
});
