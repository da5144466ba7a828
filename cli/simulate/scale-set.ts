// ARC runner scale sets (gha-runner-scale-set 0.14.2): the listener loop, the listener's scaler and
// the EphemeralRunnerSet controller's create/delete rules.
//
// - The listener loop is github.com/actions/scaleset v0.4.0 listener/listener.go:146-262. The
//   differential harness (scripts/simulate-harness.sh, test/simulate-harness/listener) drives
//   that real loop, with the real message parser (client.go:501-566), on generated cases and
//   records every call it makes; `replayListener` must reproduce the record exactly
//   (test/cli/simulate/listener-differential.test.ts).
// - The scaler and the EphemeralRunnerSet controller are ARC code at the chart tag
//   gha-runner-scale-set-0.14.2, which the Go module proxy does not serve: they are ported here
//   with file:line citations (cmd/ghalistener/scaler/scaler.go,
//   controllers/actions.github.com/ephemeralrunnerset_controller.go at that tag).

/** scaleset types.go:133-141 (RunnerScaleSetStatistic). */
export interface ListenerStatistics {
  readonly totalAvailableJobs: number;
  readonly totalAcquiredJobs: number;
  readonly totalAssignedJobs: number;
  readonly totalRunningJobs: number;
  readonly totalRegisteredRunners: number;
  readonly totalBusyRunners: number;
  readonly totalIdleRunners: number;
}

/** One job message of a batch (scaleset types.go:13-62); other types are ignored by the parser. */
export interface ListenerJobMessage {
  readonly messageType: string;
  readonly runnerRequestId: number;
}

/** One GetMessage answer: null = no message (HTTP 202, session_client.go:150-152). */
export type ListenerPoll = {
  readonly messageId: number;
  readonly statistics: ListenerStatistics;
  readonly jobs: ListenerJobMessage[];
} | null;

/** A differential case: the scaler's configuration, the session, and what GetMessage returns. */
export interface ListenerCase {
  readonly id: string;
  readonly min: number;
  readonly max: number;
  /** the session has no id (listener.go:150-152) */
  readonly sessionNil: boolean;
  /** the session's statistics; null -> listener.go:154-156 */
  readonly initial: ListenerStatistics | null;
  readonly polls: ListenerPoll[];
}

/** The scaler's decision for one HandleDesiredRunnerCount call: the EphemeralRunnerSet patch. */
export interface ScalerDecision {
  readonly count: number;
  /** spec.replicas */
  readonly target: number;
  /** spec.patchID */
  readonly patchId: number;
}

export interface ListenerOutcome {
  readonly id: string;
  /** every call the listener makes, in order (client, scaler and metrics recorder) */
  readonly calls: string[];
  /** [count, target, patchId] per HandleDesiredRunnerCount */
  readonly decisions: [number, number, number][];
  /** why Run returned: "end" when the case's polls ran out, else the error */
  readonly end: string;
}

const MAX_INT32 = 2147483647;

/** The scaler of ARC gha-runner-scale-set-0.14.2, cmd/ghalistener/scaler/scaler.go. */
export class ScaleSetScaler {
  private dirty = false;
  // New: targetRunners -1, patchSeq -1 (scaler.go:49-54)
  private patchSeq = -1;
  private targetRunners = -1;
  /** the last count handed in (the listener re-sends it on an empty poll, listener.go:189-195) */
  lastCount = 0;

  constructor(
    readonly minRunners: number,
    readonly maxRunners: number,
  ) {}

  /** HandleJobStarted (scaler.go:103) / HandleJobCompleted (:158): `w.dirty = true`. */
  markDirty(): void {
    this.dirty = true;
  }

  /** HandleDesiredRunnerCount (scaler.go:169-225) -> setDesiredWorkerState (:228-260). */
  handleDesiredRunnerCount(count: number): ScalerDecision {
    this.lastCount = count;
    const dirty = this.dirty;
    this.dirty = false;
    if (this.patchSeq === MAX_INT32) this.patchSeq = 0; // :232-234
    this.patchSeq++;
    const target = Math.min(this.minRunners + count, this.maxRunners); // :237
    const old = this.targetRunners;
    this.targetRunners = target;
    // PatchID 0 ("force the state") only when quiet at min (:241-248)
    const patchId = !dirty && target === old && target === this.minRunners ? 0 : this.patchSeq;
    return { count, target, patchId }; // returns w.targetRunners (:224)
  }
}

/**
 * listener.Run (scaleset v0.4.0 listener/listener.go:146-262) on a case, with the scaler above:
 * the same calls, in the same order, as the harness records from the real code.
 */
export function replayListener(c: ListenerCase): ListenerOutcome {
  const calls: string[] = [];
  const decisions: [number, number, number][] = [];
  const done = (end: string): ListenerOutcome => ({ id: c.id, calls, decisions, end });
  // New -> Config.Validate (listener.go:32-43, 114-121); ScaleSetID is always 1 in the harness
  if (c.max < 0 || c.max > MAX_INT32)
    return done("error: invalid config: maxRunners must be between 0 and MaxInt32");
  const scaler = new ScaleSetScaler(c.min, c.max);
  const desired = (count: number): number => {
    calls.push(`desired ${count}`);
    const d = scaler.handleDesiredRunnerCount(count);
    decisions.push([d.count, d.target, d.patchId]);
    return d.target;
  };
  calls.push("session");
  if (c.sessionNil) return done("error: initial session is nil"); // :150-152
  if (c.initial === null) return done("error: session statistics is nil"); // :154-156
  let latest = c.initial; // handleStatistics (:158, :259-262)
  calls.push(`statistics ${latest.totalAssignedJobs}`);
  calls.push(`metric.desired ${desired(latest.totalAssignedJobs)}`); // :164-168
  let lastMessageId = 0;
  for (const poll of c.polls) {
    calls.push(`get ${lastMessageId} ${c.max}`); // :180-184 (maxRunners as the capacity)
    if (poll === null) {
      desired(latest.totalAssignedJobs); // :189-195, no metric
      continue;
    }
    lastMessageId = poll.messageId; // :198
    latest = poll.statistics; // handleMessage :208
    calls.push(`statistics ${latest.totalAssignedJobs}`);
    calls.push(`delete ${poll.messageId}`); // :210
    const byType = (t: string) => poll.jobs.filter((j) => j.messageType === t);
    const available = byType("JobAvailable");
    if (available.length)
      calls.push(`acquire ${available.map((j) => j.runnerRequestId).join(",")}`); // :214-218, 242-257
    for (const j of byType("JobStarted")) {
      calls.push(`metric.started ${j.runnerRequestId}`, `started ${j.runnerRequestId}`); // :220-225
      scaler.markDirty();
    }
    for (const j of byType("JobCompleted")) {
      calls.push(`metric.completed ${j.runnerRequestId}`, `completed ${j.runnerRequestId}`); // :226-231
      scaler.markDirty();
    }
    calls.push(`metric.desired ${desired(latest.totalAssignedJobs)}`); // :233-237
  }
  calls.push(`get ${lastMessageId} ${c.max}`); // the harness's client then ends the case
  return done("end");
}

/** What the EphemeralRunnerSet controller does on one reconcile. */
export interface EphemeralRunnerSetAction {
  /** the reconcile acts at all (and cleans up finished runners) */
  readonly acts: boolean;
  readonly create: number;
  /** how many idle runners it tries to delete (registered, not busy; pending first) */
  readonly deleteIdle: number;
}

/**
 * One reconcile of an EphemeralRunnerSet (gha-runner-scale-set-0.14.2
 * controllers/actions.github.com/ephemeralrunnerset_controller.go):
 * - total = pending + running + failed (:628-630); finished runners are not counted;
 * - it acts only when spec.patchID is 0 or differs from the highest patch-id annotation of its
 *   runners (:198; the annotation is the patchID the runner was created under,
 *   resourcebuilder.go:629; :590-598 takes the maximum), and then cleans up finished runners
 *   (:199-203);
 * - total < replicas -> create the difference (:206-212);
 * - patchID > 0 and total >= replicas -> nothing (:214-218): surplus drains as jobs finish;
 * - patchID 0 and total > replicas -> delete up to the surplus of idle runners (:219-233, :454-503).
 */
export function ephemeralRunnerSetAction(s: {
  readonly replicas: number;
  readonly patchId: number;
  readonly latestPatchId: number;
  readonly pending: number;
  readonly running: number;
  readonly failed: number;
}): EphemeralRunnerSetAction {
  const acts = s.patchId === 0 || s.patchId !== s.latestPatchId;
  const total = s.pending + s.running + s.failed;
  if (!acts) return { acts, create: 0, deleteIdle: 0 };
  if (total < s.replicas) return { acts, create: s.replicas - total, deleteIdle: 0 };
  if (s.patchId === 0 && total > s.replicas)
    return { acts, create: 0, deleteIdle: total - s.replicas };
  return { acts, create: 0, deleteIdle: 0 };
}
