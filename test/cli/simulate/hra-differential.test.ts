// The HRA model (cli/simulate/hra.ts) against the real ARC v0.27.6 decision code: the golden
// file test/simulate-harness/hra-golden.jsonl is written only by scripts/simulate-harness.sh,
// which runs getMinReplicas + computeReplicasWithCache on the same generated cases with ARC's
// own fake GitHub server. This test regenerates the cases, checks they are the ones the golden
// file was made from (sha256), and requires 0 disagreements.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { decide } from "../../../cli/simulate/hra";
import { HRA_CASE_COUNT, hraCases } from "../../simulate-harness/hra-cases";
import { root } from "../cli-support";

const golden = path.join(root, "test/simulate-harness/hra-golden.jsonl");
const haveGolden = fs.existsSync(golden);
const describeGolden = haveGolden ? describe : describe.skip;
if (!haveGolden)
  console.warn("SKIP hra-differential: no golden file; run scripts/simulate-harness.sh");

describeGolden("HRA model vs ARC v0.27.6 (recorded by the harness)", () => {
  const [header, ...lines] = fs.readFileSync(golden, "utf8").trimEnd().split("\n");
  const meta = JSON.parse(header);
  const cases = hraCases();
  const casesText = cases.map((c) => `${JSON.stringify(c)}\n`).join("");

  test("the golden file was recorded from these cases", () => {
    expect(meta.arc).toBe("github.com/actions/actions-runner-controller@v0.27.6");
    expect(meta.cases).toBe(HRA_CASE_COUNT);
    expect(meta.casesSha256).toBe(createHash("sha256").update(casesText).digest("hex"));
  });

  test(`0 disagreements over ${HRA_CASE_COUNT} cases`, () => {
    const real = lines.map((l) => JSON.parse(l));
    const mismatches = cases
      .map((c, i) => {
        const want = real[i];
        const got = decide(c);
        const wantError = want.error ? String(want.error).split(":")[0] : undefined;
        const same =
          got.id === want.id &&
          got.min === (want.min ?? null) &&
          got.desired === (want.desired ?? null) &&
          got.error === wantError;
        return same ? null : { case: c, real: want, model: got };
      })
      .filter(Boolean);
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(real).toHaveLength(HRA_CASE_COUNT);
  });

  test("the cases cover every branch that matters", () => {
    const real = lines.map((l) => JSON.parse(l));
    const count = (f: (r: { error?: string; desired?: number }) => boolean) =>
      real.filter(f).length;
    expect(count((r) => r.desired !== undefined && r.desired !== null)).toBeGreaterThan(2500);
    expect(count((r) => !!r.error && r.error.startsWith("desired:"))).toBeGreaterThan(50);
    expect(count((r) => !!r.error && r.error.startsWith("min:"))).toBeGreaterThan(5);
  });
});
