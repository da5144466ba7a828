// The scale-set scaler and EphemeralRunnerSet rules, ported from ARC at the chart tag
// gha-runner-scale-set-0.14.2 (not served by the Go module proxy) with file:line citations:
//   cmd/ghalistener/scaler/scaler.go:49-54 (New: targetRunners -1, patchSeq -1),
//   :103 and :158 (HandleJobStarted/Completed set dirty), :224 (returns targetRunners),
//   :228-260 (setDesiredWorkerState)
//   controllers/actions.github.com/ephemeralrunnerset_controller.go:197-233 (act only on PatchID
//   0 or a PatchID newer than the runners' patch-id annotation; create when total < replicas;
//   delete idle only on PatchID 0), :628-630 (total = pending + running + failed)
// The listener loop around the scaler is judged by the real scaleset v0.4.0 code in
// listener-differential.test.ts.
import {
  ScaleSetScaler,
  ephemeralRunnerSetAction,
  replayListener,
} from "../../../cli/simulate/scale-set";

describe("scale-set scaler (scaler.go:228-260)", () => {
  test("target = min(minRunners + count, maxRunners) (:237)", () => {
    const s = new ScaleSetScaler(2, 5);
    expect(s.handleDesiredRunnerCount(0).target).toBe(2);
    expect(s.handleDesiredRunnerCount(2).target).toBe(4);
    expect(s.handleDesiredRunnerCount(9).target).toBe(5);
  });

  test("the first patch has PatchID 0: patchSeq starts at -1 (:49-54, :235)", () => {
    expect(new ScaleSetScaler(0, 10).handleDesiredRunnerCount(0).patchId).toBe(0);
    expect(new ScaleSetScaler(3, 10).handleDesiredRunnerCount(4)).toEqual({
      count: 4,
      target: 7,
      patchId: 0,
    });
  });

  test("PatchID 0 only when not dirty and target == old target == min (:241-248)", () => {
    const s = new ScaleSetScaler(0, 10);
    expect(s.handleDesiredRunnerCount(0)).toEqual({ count: 0, target: 0, patchId: 0 });
    expect(s.handleDesiredRunnerCount(1)).toEqual({ count: 1, target: 1, patchId: 1 });
    expect(s.handleDesiredRunnerCount(0).patchId).toBe(2); // target changed 1 -> 0
    expect(s.handleDesiredRunnerCount(0).patchId).toBe(0); // quiet at min
    s.markDirty(); // a job completed (HandleJobCompleted sets dirty)
    expect(s.handleDesiredRunnerCount(0).patchId).toBe(4);
    expect(s.handleDesiredRunnerCount(0).patchId).toBe(0);
  });

  test("never PatchID 0 above min, even when quiet", () => {
    const s = new ScaleSetScaler(1, 10);
    s.handleDesiredRunnerCount(2);
    expect(s.handleDesiredRunnerCount(2).patchId).toBe(1);
  });

  test("patchSeq wraps at MaxInt32 to 1 (:232-235)", () => {
    const s = new ScaleSetScaler(0, 10);
    (s as unknown as { patchSeq: number }).patchSeq = 2147483647;
    expect(s.handleDesiredRunnerCount(5).patchId).toBe(1);
  });
});

describe("listener call sequence (listener.go:146-262)", () => {
  const stats = (assigned: number) => ({
    totalAvailableJobs: 0,
    totalAcquiredJobs: 0,
    totalAssignedJobs: assigned,
    totalRunningJobs: 0,
    totalRegisteredRunners: 0,
    totalBusyRunners: 0,
    totalIdleRunners: 0,
  });

  test("initial statistics, messages, and empty polls re-sending the last count", () => {
    const out = replayListener({
      id: "t",
      min: 0,
      max: 3,
      sessionNil: false,
      initial: stats(2),
      polls: [
        {
          messageId: 7,
          statistics: stats(4),
          jobs: [{ messageType: "JobStarted", runnerRequestId: 1 }],
        },
        null,
        {
          messageId: 8,
          statistics: stats(0),
          jobs: [{ messageType: "JobCompleted", runnerRequestId: 1 }],
        },
        null,
        null,
      ],
    });
    expect(out.decisions).toEqual([
      [2, 2, 0],
      [4, 3, 1],
      [4, 3, 2],
      [0, 0, 3],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(out.calls.filter((c) => c.startsWith("get "))).toEqual([
      "get 0 3",
      "get 7 3",
      "get 7 3",
      "get 8 3",
      "get 8 3",
      "get 8 3",
    ]);
    expect(out.end).toBe("end");
  });

  test("no statistics in the session: an error before any patch (:154-156)", () => {
    const out = replayListener({
      id: "t",
      min: 0,
      max: 3,
      sessionNil: false,
      initial: null,
      polls: [],
    });
    expect(out).toEqual({
      id: "t",
      calls: ["session"],
      decisions: [],
      end: "error: session statistics is nil",
    });
  });
});

describe("EphemeralRunnerSet reconcile (ephemeralrunnerset_controller.go:197-233)", () => {
  const base = { pending: 0, running: 2, failed: 0 };
  test("scale up on a new patch", () => {
    expect(
      ephemeralRunnerSetAction({ ...base, replicas: 5, patchId: 4, latestPatchId: 3 }),
    ).toEqual({
      acts: true,
      create: 3,
      deleteIdle: 0,
    });
  });
  test("the same patch as the newest runner's: nothing, even below replicas (:198)", () => {
    expect(
      ephemeralRunnerSetAction({ ...base, replicas: 5, patchId: 3, latestPatchId: 3 }).acts,
    ).toBe(false);
  });
  test("surplus drains on PatchID > 0 (:214-218) and is deleted on PatchID 0 (:219-233)", () => {
    expect(
      ephemeralRunnerSetAction({ ...base, replicas: 0, patchId: 9, latestPatchId: 3 }),
    ).toEqual({
      acts: true,
      create: 0,
      deleteIdle: 0,
    });
    expect(
      ephemeralRunnerSetAction({ ...base, replicas: 0, patchId: 0, latestPatchId: 3 }),
    ).toEqual({
      acts: true,
      create: 0,
      deleteIdle: 2,
    });
  });
  test("failed runners count in the total (:628-630)", () => {
    expect(
      ephemeralRunnerSetAction({
        pending: 1,
        running: 1,
        failed: 2,
        replicas: 4,
        patchId: 5,
        latestPatchId: 0,
      }).create,
    ).toBe(0);
  });
});
