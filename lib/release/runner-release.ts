import { Construct } from "constructs";
import { ITerraformDependable, Lazy } from "cdktf";
import { Release } from "@cdktf/provider-helm/lib/release";
import { checkDns1123Label } from "../core/names";
import { isUnresolved, Problem } from "../core/rules/problem";
import { HELM_VALUES_NUMBER } from "../core/rules/core-rules";
import { addChecks, RunnerPoolsValidationError } from "../core/rules/report";
import { findNonFiniteNumbers, HelmValues, mergeValues, toDeterministicYaml } from "../core/yaml";
import type { IRunnerNamespace } from "../kubernetes/runner-namespace";
import { BoundChart, ChartSource } from "./chart-source";
import { SensitiveValue } from "./sensitive-value";
import { ATOMIC_NEEDS_WAIT, SENSITIVE_SET_PATH, SENSITIVE_SOURCE, TIMEOUT_SECONDS } from "./rules";
import { findLiteralSecrets } from "./secret-detection";

/** Props of {@link RunnerRelease}. */
export interface RunnerReleaseProps {
  /** Namespace the release installs into (created by this library, so `create_namespace` is false). */
  readonly namespace: IRunnerNamespace;
  /** Helm release name: a DNS-1123 label of at most 53 characters. */
  readonly releaseName: string;
  /** Where the chart comes from; remote charts need a pinned version. */
  readonly chart: ChartSource;
  /** Helm values, rendered to YAML with sorted keys. Never put secrets here. @default {} */
  readonly values?: HelmValues;
  /**
   * Secret values by Helm `--set` path (e.g. `runnerToken`), sent with `set_sensitive`.
   * @default none
   */
  readonly sensitiveValues?: Record<string, SensitiveValue>;
  /** Wait for the release's resources to become ready. @default true */
  readonly wait?: boolean;
  /** Roll back a failed install/upgrade (needs `wait`). @default same as `wait` */
  readonly atomic?: boolean;
  /** Seconds Helm waits for each operation. @default 600 */
  readonly timeout?: number;
  /** Release revisions kept. @default 10 */
  readonly maxHistory?: number;
  /** Skip installing the chart's CRDs. @default false */
  readonly skipCrds?: boolean;
  /** Release description. @default - none */
  readonly description?: string;
  /** Resources that must exist before the release (and be destroyed after it). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A runner platform's Helm release: typed values rendered to deterministic YAML,
 * secrets only through `set_sensitive`, pinned remote charts or local charts shipped
 * as assets, `atomic`/`wait` on, and no namespace creation.
 */
export class RunnerRelease extends Construct {
  /** The `helm_release` resource. */
  public readonly resource: Release;
  /** Helm release name. */
  public readonly releaseName: string;
  /** Namespace of the release (literal). */
  public readonly namespaceName: string;
  /** The chart as bound (chart/repository/version, asset for local charts). */
  public readonly chart: BoundChart;
  private values: HelmValues;

  constructor(scope: Construct, id: string, props: RunnerReleaseProps) {
    super(scope, id);
    this.releaseName = props.releaseName;
    this.namespaceName = props.namespace.name;
    this.values = props.values ?? {};
    this.chart = props.chart.bind(this);
    const wait = props.wait ?? true;
    const sensitive = props.sensitiveValues ?? {};

    this.resource = new Release(this, "Resource", {
      name: props.releaseName,
      namespace: props.namespace.ref,
      chart: this.chart.chart,
      repository: this.chart.repository,
      version: this.chart.version,
      createNamespace: false,
      atomic: props.atomic ?? wait,
      wait,
      cleanupOnFail: true,
      timeout: props.timeout ?? 600,
      maxHistory: props.maxHistory ?? 10,
      skipCrds: props.skipCrds,
      description: props.description,
      values: [Lazy.stringValue({ produce: () => this.renderValuesYaml() })],
      setSensitive: Object.keys(sensitive).length
        ? Object.keys(sensitive)
            .sort()
            .map((name) => ({ name, value: sensitive[name].expression, type: "string" }))
        : undefined,
      dependsOn: props.dependsOn,
    });

    addChecks(this, () => [
      checkDns1123Label("releaseName", props.releaseName, 53, "gitlab-runner"),
      ...props.chart.problems(),
      ...findLiteralSecrets(this.values),
      ...checkFiniteNumbers(this.values),
      ...Object.entries(sensitive).flatMap(([name, value]) => checkSensitive(name, value)),
      props.atomic === true && !wait
        ? {
            rule: ATOMIC_NEEDS_WAIT,
            field: "atomic",
            value: true,
            message: "atomic needs wait: Helm can only roll back what it waited for",
            example: "wait: true, or atomic: false",
          }
        : undefined,
      props.timeout !== undefined &&
      !isUnresolved(props.timeout) &&
      (props.timeout < 1 || !Number.isInteger(props.timeout))
        ? {
            rule: TIMEOUT_SECONDS,
            field: "timeout",
            value: props.timeout,
            message: "must be a whole number of seconds ≥ 1",
            example: "600",
          }
        : undefined,
    ]);
  }

  /** Deep-merges more values into the release (objects merge, other values replace). */
  public addValues(values: HelmValues): void {
    this.values = mergeValues(this.values, values);
  }

  /**
   * The values as YAML. Synth validation reports a NaN or ±Infinity first (with every other
   * problem); a synth that skips validation still gets the finding, as an error.
   */
  private renderValuesYaml(): string {
    try {
      return toDeterministicYaml(this.values);
    } catch (error) {
      // The renderer refuses NaN/±Infinity (a RangeError): report it as the values' finding.
      const [bad] = checkFiniteNumbers(this.values);
      if (bad) throw new RunnerPoolsValidationError(this, bad);
      throw error;
    }
  }

  /** The values as they will be rendered (before YAML). */
  public get renderedValues(): HelmValues {
    return mergeValues(this.values);
  }
}

/** NaN and ±Infinity in Helm values, by values path (YAML has no number Helm accepts for them). */
function checkFiniteNumbers(values: HelmValues): Problem[] {
  return findNonFiniteNumbers(values, "values").map((n) => ({
    rule: HELM_VALUES_NUMBER,
    field: n.path,
    value: String(n.value),
    message: `cannot render ${n.value} in Helm values: it must be a finite number`,
  }));
}

const SET_PATH = /^[A-Za-z0-9_-]+(\[\d+\])?(\.[A-Za-z0-9_\\.-]+(\[\d+\])?)*$/;

function checkSensitive(name: string, value: SensitiveValue): Problem[] {
  const problems: Problem[] = [];
  if (!SET_PATH.test(name)) {
    problems.push({
      field: `sensitiveValues.${name}`,
      rule: SENSITIVE_SET_PATH,
      value: name,
      message: "must be a Helm --set path (dot-separated keys, [n] for list items)",
      example: '"githubConfigSecret.github_token"',
    });
  }
  if (!value.isSecretSource) {
    problems.push({
      field: `sensitiveValues.${name}`,
      rule: SENSITIVE_SOURCE,
      value: value.origin,
      message:
        "must come from a TerraformVariable declared with sensitive: true (and no default, which would land in the JSON), or a reference to a secret manager — not a literal",
      example: 'new TerraformVariable(this, "runner_token", { type: "string", sensitive: true })',
    });
  }
  return problems;
}
