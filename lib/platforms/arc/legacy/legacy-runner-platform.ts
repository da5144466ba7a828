import { Construct } from "constructs";
import { mergeSorted } from "../../../core/labels";
import { isUnresolved, Problem } from "../../../core/rules/problem";
import { HELM_VALUES_NUMBER } from "../../../core/rules/core-rules";
import { addChecks, RunnerPoolsValidationError } from "../../../core/rules/report";
import { findNonFiniteNumbers } from "../../../core/yaml";
import { RunnerRelease } from "../../../release/runner-release";
import type { PolicyRule } from "../../../kubernetes/rbac";
import { KubernetesObject, writeManifestChart } from "../../../release/manifest-chart";
import type { ArcLegacyController } from "./legacy-controller";
import { HraScaleTarget, renderHorizontalRunnerAutoscaler } from "./horizontal-runner-autoscaler";
import type { RunnerScaling } from "../../../scaling";
import { ArcLegacyRunnerOptions, checkLegacyRunnerOptions } from "./runner-spec";
import { ARC_LEGACY_MANIFEST_LITERAL } from "./runner-rules";
import {
  ResolvedServiceAccount,
  RUNNERS_ROLE,
  RunnerPlatform,
  RunnerPlatformContext,
  RunnerPlatformPlan,
  RunnerPlatformResources,
} from "../../../platform";

/**
 * RBAC of a kubernetes-mode runner: the container hooks' `requiredPermissions`
 * (runner-container-hooks v0.7.0 packages/k8s/src/k8s/index.ts:33-64; the chart-free legacy
 * mode has no Role of its own).
 */
const LEGACY_KUBERNETES_MODE_RULES: PolicyRule[] = [
  { resources: ["pods"], verbs: ["get", "list", "create", "delete"] },
  { resources: ["pods/exec"], verbs: ["get", "create"] },
  { resources: ["pods/log"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["batch"], resources: ["jobs"], verbs: ["get", "list", "create", "delete"] },
  { resources: ["secrets"], verbs: ["get", "list", "create", "delete"] },
];

/** Props of the legacy-mode runner platforms. */
export interface ArcLegacyRunnerProps extends ArcLegacyRunnerOptions {
  /** The cluster's legacy ARC controller (installs the CRDs this platform's objects need). */
  readonly controller: ArcLegacyController;
}

/** What a subclass renders its target from. */
export interface LegacyTargetInput {
  /** Object name. */
  readonly name: string;
  /** Namespace (literal). */
  readonly namespace: string;
  /** Labels for the object. */
  readonly labels: Record<string, string>;
  /** Labels the identity needs on runner pods. */
  readonly podLabels: Record<string, string>;
  /** The runner service account. @default none (the namespace's default account) */
  readonly serviceAccount?: ResolvedServiceAccount;
  /** `spec.replicas`, or undefined when an HRA owns it. @default not set (an HRA owns it) */
  readonly replicas?: number;
}

/**
 * Base of {@link ArcRunnerDeployment} and {@link ArcRunnerSet}: the target object and its
 * HorizontalRunnerAutoscaler are written into a chart generated at synth time and
 * released after the controller, so a first deploy on an empty cluster works (no
 * `kubernetes_manifest` needs the CRDs at plan time).
 */
export abstract class ArcLegacyRunnerPlatform implements RunnerPlatform {
  public abstract readonly kind: string;
  /** `RunnerDeployment` or `RunnerSet`. */
  protected abstract readonly targetKind: HraScaleTarget["kind"];

  constructor(protected readonly props: ArcLegacyRunnerProps) {}

  /** Docker (a privileged dind sidecar, or dockerd in a privileged runner container) needs `privileged`; kubernetes mode and no docker, `baseline`. */
  public get requiredPodSecurity(): "privileged" | "baseline" {
    return this.props.dockerEnabled === false || this.props.containerMode
      ? "baseline"
      : "privileged";
  }

  public plan(poolName: string): RunnerPlatformPlan {
    return {
      serviceAccounts: [
        {
          id: "Runner",
          name: this.props.serviceAccountName ?? `${poolName}-runner`,
          bindIdentity: true,
          // kubernetes mode: the runner's container hook creates job pods with its token.
          automountToken: this.props.containerMode !== undefined,
          rules: this.props.containerMode ? LEGACY_KUBERNETES_MODE_RULES : undefined,
        },
      ],
    };
  }

  /** Renders the RunnerDeployment or RunnerSet. */
  protected abstract renderTarget(input: LegacyTargetInput): KubernetesObject;

  public build(scope: Construct, context: RunnerPlatformContext): RunnerPlatformResources {
    const p = this.props;
    const namespace = context.namespaces[RUNNERS_ROLE];
    const name = p.name ?? context.poolName;
    const account = context.serviceAccounts.Runner;
    const labels = mergeSorted(context.labels);
    const objects: KubernetesObject[] = [
      this.renderTarget({
        name,
        namespace: namespace.name,
        labels,
        podLabels: mergeSorted(account?.podLabels),
        serviceAccount: account,
        replicas: p.autoscaling ? undefined : (p.replicas ?? 1),
      }),
    ];
    if (p.autoscaling) {
      objects.push(
        renderHorizontalRunnerAutoscaler(
          `${name}-autoscaler`,
          { kind: this.targetKind, name, namespace: namespace.name },
          p.autoscaling,
          labels,
        ),
      );
    }
    // The manifests are rendered now (the chart is written before synth): a NaN or ±Infinity
    // in the options cannot become YAML, so it stops construction as a finding with this
    // construct's path instead of a bare RangeError from the renderer.
    const nonFinite = findNonFiniteNumbers(objects, "manifests");
    if (nonFinite.length) {
      throw new RunnerPoolsValidationError(scope, {
        rule: HELM_VALUES_NUMBER,
        field: nonFinite[0].path,
        value: String(nonFinite[0].value),
        message: `cannot render ${nonFinite[0].value} in the generated ${this.targetKind} chart: it must be a finite number`,
        example: "replicas: 2",
      });
    }
    const chart = writeManifestChart(
      {
        name: `${context.poolName}-runners`.slice(0, 63),
        description: `${this.targetKind} ${name}${p.autoscaling ? " and its HorizontalRunnerAutoscaler" : ""} (generated by cdktf-runner-pools)`,
        objects,
      },
      scope,
    );
    this.manifests = chart.objects;
    const release = new RunnerRelease(scope, "Release", {
      namespace,
      releaseName: p.releaseName ?? `${context.poolName}-runners`,
      chart: chart.source,
      // The CRDs and the admission webhooks come with the controller release.
      dependsOn: [...context.prerequisites, p.controller.release.resource],
      wait: p.wait,
      description: `${this.targetKind} ${name} (legacy ARC)`,
    });
    addChecks(release, (): (Problem | undefined)[] => [
      ...checkLegacyRunnerOptions(p, name, p.controller.githubWebhookServerEnabled),
      ...referencesIn(p, objects),
      ...chart.problems,
    ]);

    const a = p.autoscaling;
    const scaling: RunnerScaling = {
      mode: a ? "external-controller" : "fixed",
      minRunners: a ? a.minReplicas : (p.replicas ?? 1),
      maxRunners: a ? a.maxReplicas : (p.replicas ?? 1),
      controllers: [p.controller],
      description: a
        ? `ARC ${this.targetKind} ${name} with HorizontalRunnerAutoscaler, ${a.minReplicas}–${a.maxReplicas} runners`
        : `ARC ${this.targetKind} ${name}, ${p.replicas ?? 1} runners (fixed)`,
    };
    return { releases: [release], scaling };
  }

  /** The objects written into the generated chart (after `build`). */
  public manifests: readonly KubernetesObject[] = [];
}

/** Terraform references cannot be resolved inside chart files: report them (the field path says where). */
/**
 * Terraform references in the props (reported by prop path) or, failing that, in the objects
 * as rendered: neither can be resolved in a chart written at synth time.
 */
function referencesIn(
  props: ArcLegacyRunnerProps,
  objects: readonly KubernetesObject[],
): Problem[] {
  const inProps = tokensIn(plainData(props), "").map((x) => ({ ...x, field: x.field.slice(1) }));
  return inProps.length > 0 ? inProps : tokensIn(objects, "manifests");
}

/** The plain data of props (objects and arrays; constructs and class instances left out). */
function plainData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainData);
  if (value !== null && typeof value === "object") {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return undefined;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainData(v)]));
  }
  return value;
}

function tokensIn(value: unknown, at: string): Problem[] {
  // A number token renders as its placeholder (e.g. -8.1e+298) in a written manifest.
  if (typeof value === "string" || typeof value === "number") {
    return isUnresolved(value)
      ? [
          {
            rule: ARC_LEGACY_MANIFEST_LITERAL,
            field: at,
            value: "<Terraform reference>",
            message:
              "legacy runner objects are written into a generated chart at synth time, so this field takes no Terraform reference (a string would stay ${…}, a number would render as its placeholder, e.g. -8.1e+298); use a literal value",
            example: '"my-org"',
          },
        ]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => tokensIn(v, `${at}[${i}]`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => tokensIn(v, `${at}.${k}`));
  return [];
}
