// Defects the cluster judge finds that another open issue owns. Each one prints on every run
// (XFAIL) and must be removed by that issue: when it no longer fails, the run fails with
// XPASS until the entry is deleted. Never a silent skip.

export interface ExpectedFailure {
  /** Stable id printed on every run. */
  readonly id: string;
  /** The issue that owns the fix. */
  readonly issue: string;
  /** Why it fails today. */
  readonly reason: string;
  /** Matches a failing check by its name (stack/release/object). */
  readonly matches: (check: string, message: string) => boolean;
}

// None today. (ARC-KUBERNETES-MODE-JOB-POD-RESTRICTED was removed by issue 12: kubernetes-mode
// pools get a hook template whose job pods pass the namespace's Pod Security level.)
export const EXPECTED_FAILURES: ExpectedFailure[] = [];
