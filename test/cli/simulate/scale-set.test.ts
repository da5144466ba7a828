// The scale-set scaler and listener call sequence, ported from ARC (gha-runner-scale-set 0.14.2
// era; not served by the Go module proxy) with file:line citations:
//   cmd/ghalistener/scaler/scaler.go:228-259 setDesiredWorkerState
//   github.com/actions/scaleset@v0.4.0 listener/listener.go:158-168 (initial statistics),
//   :189-195 (empty poll re-sends the last TotalAssignedJobs), :214-233 (message handling)
//   ephemeralrunnerset_controller.go:206-233 (create when total < replicas; delete idle only on
//   PatchID 0)
import { listenerDecisions, ScaleSetScaler } from "../../../cli/simulate/scale-set";

describe("scale-set scaler (scaler.go:228-259)", () => {
  test("target = min(minRunners + count, maxRunners) (:237)", () => {
    const s = new ScaleSetScaler(2, 5);
    expect(s.handleDesiredRunnerCount(0).target).toBe(2);
    expect(s.handleDesiredRunnerCount(2).target).toBe(4);
    expect(s.handleDesiredRunnerCount(9).target).toBe(5);
  });

  test("PatchID 0 only when not dirty and target == old target == min (:242-248)", () => {
    const s = new ScaleSetScaler(0, 10);
    // first call: old target 0 (zero value) == target 0 == min 0, not dirty -> 0
    expect(s.handleDesiredRunnerCount(0)).toEqual({ count: 0, target: 0, patchId: 0 });
    expect(s.handleDesiredRunnerCount(1)).toEqual({ count: 1, target: 1, patchId: 2 });
    expect(s.handleDesiredRunnerCount(0).patchId).toBe(3); // target changed 1 -> 0
    expect(s.handleDesiredRunnerCount(0).patchId).toBe(0); // quiet at min
    s.markDirty(); // a job completed (HandleJobCompleted sets dirty)
    expect(s.handleDesiredRunnerCount(0).patchId).toBe(5);
    expect(s.handleDesiredRunnerCount(0).patchId).toBe(0);
  });

  test("never PatchID 0 above min, even when quiet", () => {
    const s = new ScaleSetScaler(1, 10);
    s.handleDesiredRunnerCount(2);
    expect(s.handleDesiredRunnerCount(2).patchId).toBe(2);
  });
});

describe("listener call sequence (listener.go:146-240)", () => {
  test("initial statistics, messages, and empty polls re-sending the last count", () => {
    const calls = listenerDecisions(0, 3, 2, [
      { totalAssignedJobs: 4, jobsStarted: 1, jobsCompleted: 0 },
      null,
      { totalAssignedJobs: 0, jobsStarted: 0, jobsCompleted: 4 },
      null,
      null,
    ]);
    expect(calls.map((c) => [c.count, c.target, c.patchId])).toEqual([
      [2, 2, 1],
      [4, 3, 2],
      [4, 3, 3],
      [0, 0, 4],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });
});
