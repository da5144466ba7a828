import { Construct } from "constructs";
import { addChecks } from "../../core/rules/report";
import { CUSTOM_POD_LABELS_VALUES_PATH } from "./rules";
import { HelmValues, mergeValues, valuesAt } from "../../core/yaml";
import { ChartSource } from "../../release/chart-source";
import { RunnerRelease } from "../../release/runner-release";
import { SensitiveValue } from "../../release/sensitive-value";
import type { RunnerScaling, ScalingMode } from "../../scaling";
import {
  RUNNERS_ROLE,
  RunnerPlatform,
  RunnerPlatformContext,
  RunnerPlatformPlan,
  RunnerPlatformResources,
  ServiceAccountRequest,
} from "../../platform";

/** A service account for a custom chart, and where its name goes in the values. */
export interface CustomChartServiceAccount extends ServiceAccountRequest {
  /** Dotted Helm values path that receives the account name, e.g. `rbac.serviceAccountName`. @default not passed to the chart */
  readonly valuesPath?: string;
}

/** Props of {@link CustomChartRunner}. */
export interface CustomChartRunnerProps {
  /** The runner chart (pinned when remote). */
  readonly chart: ChartSource;
  /** Helm release name. @default the pool name */
  readonly releaseName?: string;
  /** Helm values. No secrets: use `sensitiveValues` or an existing Secret's name. @default {} */
  readonly values?: HelmValues;
  /** Secret values by `--set` path, sent with `set_sensitive`. @default - none */
  readonly sensitiveValues?: Record<string, SensitiveValue>;
  /** Service accounts the chart's pods use; mark the one that calls the cloud with `bindIdentity`. @default none */
  readonly serviceAccounts?: CustomChartServiceAccount[];
  /** Dotted values path for the pod labels an identity needs (AKS), e.g. `podLabels`. @default not passed */
  readonly podLabelsValuesPath?: string;
  /** How the chart scales its runners. @default self-managed */
  readonly scaling?: {
    /** How runners are scaled. */
    readonly mode: ScalingMode;
    /** Lowest number of runners, for the summary. @default - not stated */
    readonly minRunners?: number;
    /** Highest number of runners, for the summary. @default - not stated */
    readonly maxRunners?: number;
  };
  /** Wait for the release to be ready. @default true */
  readonly wait?: boolean;
  /** Helm timeout in seconds. @default 600 */
  readonly timeout?: number;
}

/**
 * Any runner chart you name: chart + values + the service accounts to create and bind.
 * The escape hatch for platforms this library has no typed support for yet.
 */
export class CustomChartRunner implements RunnerPlatform {
  public readonly kind = "custom-chart";

  constructor(private readonly props: CustomChartRunnerProps) {}

  public plan(): RunnerPlatformPlan {
    return { serviceAccounts: this.props.serviceAccounts ?? [] };
  }

  public build(scope: Construct, context: RunnerPlatformContext): RunnerPlatformResources {
    const p = this.props;
    const accountValues = (p.serviceAccounts ?? [])
      .filter((sa) => sa.valuesPath)
      .map((sa) => valuesAt(sa.valuesPath as string, context.serviceAccounts[sa.id].name));
    const podLabels = context.identity?.podLabels ?? {};
    const labelValues =
      p.podLabelsValuesPath && Object.keys(podLabels).length
        ? valuesAt(p.podLabelsValuesPath, podLabels)
        : {};

    const release = new RunnerRelease(scope, "Release", {
      namespace: context.namespaces[RUNNERS_ROLE],
      releaseName: p.releaseName ?? context.poolName,
      chart: p.chart,
      values: mergeValues(p.values, ...accountValues, labelValues),
      sensitiveValues: p.sensitiveValues,
      wait: p.wait,
      timeout: p.timeout,
      dependsOn: [...context.prerequisites],
    });
    if (Object.keys(podLabels).length && !p.podLabelsValuesPath) {
      // e.g. AKS: without `azure.workload.identity/use: "true"` on the pods no token is injected.
      addChecks(release, () => [
        {
          rule: CUSTOM_POD_LABELS_VALUES_PATH,
          field: "podLabelsValuesPath",
          value: undefined,
          message: `the pool's identity needs the pod labels ${JSON.stringify(podLabels)} on the pods that use the bound service account; say where the chart takes pod labels`,
          example: '"podLabels" (or the chart\'s own key, e.g. "runners.podLabels")',
        },
      ]);
    }
    const mode = p.scaling?.mode ?? "self-managed";
    const range =
      p.scaling?.minRunners !== undefined || p.scaling?.maxRunners !== undefined
        ? `, ${p.scaling?.minRunners ?? 0}–${p.scaling?.maxRunners ?? "∞"} runners`
        : "";
    const scaling: RunnerScaling = {
      mode,
      minRunners: p.scaling?.minRunners,
      maxRunners: p.scaling?.maxRunners,
      description: `${p.chart.description}, ${mode}${range}`,
    };
    return { releases: [release], scaling };
  }
}
