// ARC runner scale sets (gha-runner-scale-set 0.14.2): the listener's scaler, ported from
// actions-runner-controller cmd/ghalistener/scaler/scaler.go (HandleJobStarted/Completed set
// `dirty`; HandleDesiredRunnerCount -> setDesiredWorkerState, :228-259). The listener loop that
// calls it is github.com/actions/scaleset v0.4.0 listener/listener.go:146-240; the differential
// harness (test/simulate-harness/listener) drives that real loop and records the calls.

/** The scaler's decision for one HandleDesiredRunnerCount call. */
export interface ScalerDecision {
  readonly count: number;
  readonly target: number;
  readonly patchId: number;
}

export class ScaleSetScaler {
  private dirty = false;
  private patchSeq = 0;
  private targetRunners = 0;
  /** the last count handed in (the listener re-sends it on an empty poll, listener.go:189-195) */
  lastCount = 0;

  constructor(
    readonly minRunners: number,
    readonly maxRunners: number,
  ) {}

  /** HandleJobStarted / HandleJobCompleted: `w.dirty = true`. */
  markDirty(): void {
    this.dirty = true;
  }

  handleDesiredRunnerCount(count: number): ScalerDecision {
    this.lastCount = count;
    const dirty = this.dirty;
    this.dirty = false;
    if (this.patchSeq === 2147483647) this.patchSeq = 0;
    this.patchSeq++;
    const target = Math.min(this.minRunners + count, this.maxRunners); // scaler.go:237
    const old = this.targetRunners;
    this.targetRunners = target;
    // PatchID 0 ("force the state") only when quiet at min (scaler.go:242-248)
    const patchId = !dirty && target === old && target === this.minRunners ? 0 : this.patchSeq;
    return { count, target, patchId };
  }
}

/** A listener message as the differential cases describe it; null = an empty long-poll. */
export interface ListenerMessage {
  readonly totalAssignedJobs: number;
  readonly jobsStarted: number;
  readonly jobsCompleted: number;
}

/**
 * The calls listener.Run makes to the scaler for an initial statistics count and a message
 * sequence (listener.go:158-168 initial; :189-195 empty poll; :220-233 message).
 */
export function listenerDecisions(
  min: number,
  max: number,
  initialAssigned: number,
  messages: (ListenerMessage | null)[],
): ScalerDecision[] {
  const s = new ScaleSetScaler(min, max);
  const out = [s.handleDesiredRunnerCount(initialAssigned)];
  let latest = initialAssigned;
  for (const m of messages) {
    if (m === null) {
      out.push(s.handleDesiredRunnerCount(latest));
      continue;
    }
    latest = m.totalAssignedJobs;
    if (m.jobsStarted + m.jobsCompleted > 0) s.markDirty();
    out.push(s.handleDesiredRunnerCount(m.totalAssignedJobs));
  }
  return out;
}
