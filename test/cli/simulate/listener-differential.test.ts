// The scale-set listener model (cli/simulate/scale-set.ts replayListener) against the real
// listener loop of github.com/actions/scaleset v0.4.0: the golden file
// test/simulate-harness/listener-golden.jsonl.gz is written only by scripts/simulate-harness.sh,
// which runs listener.Run (listener/listener.go:146-262) with a fake client and the module's own
// message parser on the same generated cases and records every call. This test regenerates the
// cases, checks they are the ones the golden file was made from (sha256), and requires 0
// disagreements: the same calls in the same order, the same EphemeralRunnerSet patches and the
// same end. It then feeds the recorded patches to the ported EphemeralRunnerSet rules where the
// two meet (the patch: spec.replicas and spec.patchID).
import { createHash } from "crypto";
import * as fs from "fs";
import * as zlib from "zlib";
import * as path from "path";
import {
  type ListenerOutcome,
  ephemeralRunnerSetAction,
  replayListener,
} from "../../../cli/simulate/scale-set";
import { LISTENER_CASE_COUNT, listenerCases } from "../../simulate-harness/listener-cases";
import { root } from "../cli-support";

const golden = path.join(root, "test/simulate-harness/listener-golden.jsonl.gz");
const haveGolden = fs.existsSync(golden);
const describeGolden = haveGolden ? describe : describe.skip;
if (!haveGolden)
  console.warn("SKIP listener-differential: no golden file; run scripts/simulate-harness.sh");

describeGolden("scale-set listener model vs scaleset v0.4.0 (recorded by the harness)", () => {
  const [header, ...lines] = zlib
    .gunzipSync(fs.readFileSync(golden))
    .toString("utf8")
    .trimEnd()
    .split("\n");
  const meta = JSON.parse(header);
  const cases = listenerCases();
  const casesText = cases.map((c) => `${JSON.stringify(c)}\n`).join("");
  const real: ListenerOutcome[] = lines.map((l) => JSON.parse(l));

  test("the golden file was recorded from these cases", () => {
    expect(meta.scaleset).toBe("github.com/actions/scaleset@v0.4.0");
    expect(meta.cases).toBe(LISTENER_CASE_COUNT);
    expect(meta.casesSha256).toBe(createHash("sha256").update(casesText).digest("hex"));
    expect(real).toHaveLength(LISTENER_CASE_COUNT);
  });

  test(`0 disagreements over ${LISTENER_CASE_COUNT} cases`, () => {
    const mismatches = cases
      .map((c, i) => {
        const got = replayListener(c);
        return JSON.stringify(got) === JSON.stringify(real[i])
          ? null
          : { case: c.id, real: real[i], model: got };
      })
      .filter(Boolean);
    expect(mismatches.length).toBe(0);
    expect(mismatches.slice(0, 1)).toEqual([]);
  });

  test("the cases cover every branch that matters", () => {
    const all = real.flatMap((r) => r.decisions);
    const count = (f: (d: [number, number, number]) => boolean) => all.filter(f).length;
    expect(all.length).toBeGreaterThan(30000);
    expect(count((d) => d[2] === 0)).toBeGreaterThan(1000); // quiet at min: forced state
    expect(count((d) => d[1] < d[0])).toBeGreaterThan(500); // capped at max
    const calls = real.flatMap((r) => r.calls);
    for (const prefix of ["acquire ", "started ", "completed ", "delete "])
      expect(calls.filter((c) => c.startsWith(prefix)).length).toBeGreaterThan(1000);
    expect(real.filter((r) => r.end.startsWith("error:")).length).toBeGreaterThan(10);
  });

  test("EphemeralRunnerSet rules on the recorded patches (where scaler and controller meet)", () => {
    // Replays every recorded patch sequence into the ported controller rules with a runner set
    // that registers at once and never runs a job: runners are created only on a changed patch
    // (PatchID != the newest runner's annotation, or 0), surplus idle runners are deleted only on
    // PatchID 0, and after each patch the set holds max(replicas, what it had) runners.
    let creates = 0;
    let deletes = 0;
    for (const r of real) {
      let runners: number[] = []; // patch-id annotations of idle, registered runners
      for (const [, replicas, patchId] of r.decisions) {
        const latest = runners.length ? Math.max(...runners) : 0;
        const a = ephemeralRunnerSetAction({
          replicas,
          patchId,
          latestPatchId: latest,
          pending: 0,
          running: runners.length,
          failed: 0,
        });
        const before = runners.length;
        if (a.create) runners = [...runners, ...Array<number>(a.create).fill(patchId)];
        if (a.deleteIdle) runners = runners.slice(0, runners.length - a.deleteIdle);
        creates += a.create;
        deletes += a.deleteIdle;
        if (a.deleteIdle) expect(patchId).toBe(0);
        if (!a.acts) expect(patchId).toBe(latest);
        expect(runners.length).toBe(
          patchId === 0 ? replicas : a.acts ? Math.max(replicas, before) : before,
        );
      }
    }
    expect(creates).toBeGreaterThan(1000);
    expect(deletes).toBeGreaterThan(100);
  });
});
