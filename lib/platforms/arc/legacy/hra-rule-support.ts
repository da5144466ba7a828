// What the HorizontalRunnerAutoscaler rule files share: metric names and small helpers.
import type { Problem } from "../../../core/rules/problem";

/** The `PercentageRunnersBusy` metric type. */
export const BUSY = "PercentageRunnersBusy";
/** The `TotalNumberOfQueuedAndInProgressWorkflowRuns` metric type. */
export const QUEUED = "TotalNumberOfQueuedAndInProgressWorkflowRuns";

/** What a rule function returns per check: a problem, or undefined when the input is fine. */
export type Found = Problem | undefined;

/** True for whole numbers (ARC's integer fields). */
export function isWholeNumber(value: number): boolean {
  return Number.isInteger(value);
}
