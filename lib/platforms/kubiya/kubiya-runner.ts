import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import type { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { addChecks, report } from "../../core/rules/report";
import { ChartSource } from "../../release/chart-source";
import { RunnerRelease } from "../../release/runner-release";
import {
  RUNNERS_ROLE,
  RunnerPlatform,
  RunnerPlatformContext,
  RunnerPlatformPlan,
  RunnerPlatformResources,
} from "../../platform";
import { checkKubiyaRunner } from "./kubiya-checks";
import { addKubiyaNetworkPolicies } from "./kubiya-network-policies";
import { KUBIYA_RUNNER_RULES, kubiyaChartRbac } from "./kubiya-rbac";
import { ONE_PER_CLUSTER } from "./rules";
import {
  DEFAULT_NATS_SERVER_URL,
  DEFAULT_TOOL_MANAGER_SERVICE_ACCOUNT,
  KUBIYA_CHART_NAME,
  KUBIYA_CHART_REPOSITORY,
  KUBIYA_CHART_VERSION,
  KubiyaRunnerProps,
} from "./kubiya-runner-props";
import { renderKubiyaValues } from "./kubiya-values";
import { kubiyaWarnings } from "./kubiya-warnings";
import { natsPort } from "./nats";

// The props, constants and RBAC rules live in their own files; exported from here too, so
// `kubiya-runner` stays the one import path of the platform.
export {
  KUBIYA_CHART_NAME,
  KUBIYA_CHART_REPOSITORY,
  KUBIYA_CHART_VERSION,
  KUBIYA_DEFAULT_NAMESPACE,
  NATS_DEFAULT_PORT,
} from "./kubiya-runner-props";
export type {
  KubiyaMetricsOptions,
  KubiyaNats,
  KubiyaRegistryTls,
  KubiyaRunnerProps,
  KubiyaTelemetry,
} from "./kubiya-runner-props";
export { KUBIYA_RUNNER_RULES, kubiyaChartRbac } from "./kubiya-rbac";

/** The Kubiya pools built so far, per stack (one cluster): the chart's cluster-scoped names collide. */
const POOLS_PER_STACK = new WeakMap<TerraformStack, string[]>();

function chartNameOf(values: Record<string, unknown>): string {
  const pick = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  const name = pick(values.runnerNameOverride) ?? pick(values.nameOverride) ?? KUBIYA_CHART_NAME;
  return name.slice(0, 63).replace(/-+$/, "");
}

function flag(values: Record<string, unknown>, path: string[], fallback: boolean): boolean {
  let v: unknown = values;
  for (const key of path)
    v = v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return typeof v === "boolean" ? v : fallback;
}

/**
 * The Kubiya runner: chart `kubiya-runner` (operator, agent manager, tool manager, workflow
 * engine, Dagger engine), with the credentials as sensitive values, the tool manager on a
 * service account of ours (the cloud identity binds it: the pods it starts use it), network
 * policies per Kubiya's security guide (ingress from the own namespace, egress DNS + 443, plus
 * the NATS port), and Prometheus scrape annotations.
 *
 * The chart always creates and binds its own Roles and ClusterRoles (the tool manager may
 * manage pods, Secrets, services and deployments in the namespace, and PVs/PVCs cluster-wide;
 * the operator gets `*` in the namespace); there is no value to turn them off. They are
 * declared in `pool.chartRbac`; the pool's own Role only adds to them. One Kubiya pool per
 * cluster: the chart's cluster-scoped names collide (KUBIYA-ONE-PER-CLUSTER).
 *
 * Scaling is self-managed: the runner starts one pod per workflow step.
 */
export class KubiyaRunner implements RunnerPlatform {
  public readonly kind = "kubiya";
  /** Network policies added to the runner namespace, after build. */
  public readonly networkPolicies: NetworkPolicyV1[] = [];

  private readonly toolManagerSa: string;

  constructor(private readonly props: KubiyaRunnerProps) {
    this.toolManagerSa =
      props.toolManagerServiceAccountName ?? DEFAULT_TOOL_MANAGER_SERVICE_ACCOUNT;
  }

  /** Dagger's engine runs privileged; without it the components need `baseline`. */
  public get requiredPodSecurity(): "baseline" | "privileged" {
    return (this.props.dagger ?? true) ? "privileged" : "baseline";
  }

  public plan(): RunnerPlatformPlan {
    return {
      serviceAccounts: [
        {
          id: "ToolManager",
          name: this.toolManagerSa,
          rules: this.props.toolManagerRules ?? KUBIYA_RUNNER_RULES,
          // The tool manager creates workflow pods through the API.
          automountToken: true,
          bindIdentity: true,
        },
      ],
    };
  }

  public build(scope: Construct, context: RunnerPlatformContext): RunnerPlatformResources {
    const p = this.props;
    const ns = context.namespaces[RUNNERS_ROLE];
    const runnerName = p.runnerName ?? context.poolName;
    const releaseName = p.releaseName ?? runnerName;
    const serverUrl = p.nats.serverUrl ?? DEFAULT_NATS_SERVER_URL;

    const values = renderKubiyaValues(p, {
      runnerName,
      releaseName,
      serverUrl,
      toolManagerServiceAccount: this.toolManagerSa,
    });
    const chartRbac = kubiyaChartRbac({
      chartName: chartNameOf(values),
      namespace: ns.name,
      toolManager: this.toolManagerSa,
      adminClusterRole: flag(values, ["toolManager", "adminClusterRole", "create"], false),
      imageUpdater: flag(values, ["imageUpdater", "cronJob", "create"], true),
      enforcer: flag(values, ["enforcer", "enabled"], false),
    });
    const stack = TerraformStack.of(scope);
    const earlier = POOLS_PER_STACK.get(stack) ?? [];
    POOLS_PER_STACK.set(stack, [...earlier, scope.node.path]);
    const release = new RunnerRelease(scope, "Release", {
      namespace: ns,
      releaseName,
      chart: ChartSource.fromRepository(
        KUBIYA_CHART_REPOSITORY,
        KUBIYA_CHART_NAME,
        p.chartVersion ?? KUBIYA_CHART_VERSION,
      ),
      values,
      sensitiveValues: {
        "nats.jwt": p.nats.jwt,
        "nats.secondJwt": p.nats.secondJwt,
        "registryTls.key": p.registryTls.keyBase64,
      },
      dependsOn: [...context.prerequisites],
    });

    // Only on top of the pool's deny-by-default set: an allow policy alone would isolate the
    // pods it selects and cut the DNS and HTTPS egress the pool's set provides.
    if (ns.networkPolicies) {
      this.networkPolicies.push(
        ...addKubiyaNetworkPolicies(scope, {
          namespace: ns,
          labels: context.labels,
          natsPort: natsPort(p.nats, serverUrl),
          scrapeFromNamespaces: p.metrics?.scrapeFromNamespaces ?? [],
        }),
      );
    }
    report(
      scope,
      ...kubiyaWarnings(p, {
        namespace: ns.name,
        toolManager: context.serviceAccounts.ToolManager,
      }),
      earlier.length > 0
        ? {
            rule: ONE_PER_CLUSTER,
            field: "platform",
            value: "kubiya",
            message: `this stack already has a Kubiya pool (${earlier[0]}); the chart's ClusterRoles and ClusterRoleBindings (${chartRbac
              .filter((r) => r.kind === "ClusterRole")
              .map((r) => r.name)
              .join(
                ", ",
              )}) are cluster-scoped, so a second release fails on objects the first one owns`,
            example: "one Kubiya pool per cluster",
          }
        : undefined,
    );
    addChecks(scope, () => checkKubiyaRunner(p, { runnerName, releaseName, serverUrl }));

    return {
      releases: [release],
      chartRbac,
      scaling: {
        mode: "self-managed",
        description: `${KUBIYA_CHART_NAME}@${p.chartVersion ?? KUBIYA_CHART_VERSION}, self-managed (one pod per workflow step)`,
      },
    };
  }
}
