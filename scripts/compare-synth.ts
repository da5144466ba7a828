// Compares two output trees of scripts/synth-all.ts: `node dist/scripts/compare-synth.js A B`.
// Every file must be byte-identical, except that a stack's cdk.tf.json may differ in its
// `//.metadata.runnerPoolsRules` (what the rules framework records); those are listed.
// Exit code 1 on any other difference.
import * as fs from "fs";
import * as path from "path";

function files(dir: string): string[] {
  return (
    fs
      .readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .map((f) => f.split(path.sep).join("/"))
      // manifest.json holds cdktf's own bookkeeping; .runner-pools-charts/ is where generated
      // charts are written before synth copies them into the stacks' assets (compared there).
      .filter((f) => path.basename(f) !== "manifest.json" && !f.includes(".runner-pools-charts/"))
      .sort()
  );
}

type Json = { "//"?: { metadata?: Record<string, unknown> } };

function withoutRules(text: string): { rest: string; rules: unknown } {
  const json = JSON.parse(text) as Json;
  const rules = json["//"]?.metadata?.runnerPoolsRules;
  delete json["//"]?.metadata?.runnerPoolsRules;
  return { rest: JSON.stringify(json), rules };
}

const [a, b] = process.argv.slice(2).map((p) => path.resolve(p));
const left = files(a);
const right = files(b);
let failed = 0;
for (const f of [...new Set([...left, ...right])].sort()) {
  if (!left.includes(f) || !right.includes(f)) {
    console.log(`ONLY IN ${left.includes(f) ? "A" : "B"}: ${f}`);
    failed++;
    continue;
  }
  const x = fs.readFileSync(path.join(a, f), "utf8");
  const y = fs.readFileSync(path.join(b, f), "utf8");
  if (x === y) continue;
  if (f.endsWith("cdk.tf.json")) {
    const l = withoutRules(x);
    const r = withoutRules(y);
    if (l.rest === r.rest) {
      const count = (v: unknown) => JSON.stringify(v ?? {}).length;
      console.log(`RULES METADATA ONLY: ${f} (${count(l.rules)} -> ${count(r.rules)} characters)`);
      continue;
    }
  }
  console.log(`DIFFERS: ${f}`);
  failed++;
}
console.log(`${left.length} files compared; ${failed} differ beyond the rules metadata`);
process.exit(failed ? 1 : 0);
