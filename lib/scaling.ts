import { Construct } from "constructs";

/** Who decides how many runners exist. */
export type ScalingMode =
  /** A controller outside the runner release scales it (ARC controller, HRA). */
  | "external-controller"
  /** The runner platform scales its own pods (e.g. one job pod per CI job). */
  | "self-managed"
  /** A fixed number of runners. */
  | "fixed";

/** How a pool scales, as the platform reports it (for summaries, checks and docs). */
export interface RunnerScaling {
  /** The scaling mode. */
  readonly mode: ScalingMode;
  /** Lowest number of runners, when the platform has one. @default - not known */
  readonly minRunners?: number;
  /** Highest number of runners, when the platform has one. @default - not known */
  readonly maxRunners?: number;
  /** The constructs that implement scaling (controller release, autoscaler objects). @default - none */
  readonly controllers?: Construct[];
  /** One line for reviewers, e.g. "ARC scale set, 0–10 runners". */
  readonly description: string;
}
