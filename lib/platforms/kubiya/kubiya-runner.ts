import { Construct } from "constructs";
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
import { KUBIYA_RUNNER_RULES } from "./kubiya-rbac";
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
export { KUBIYA_RUNNER_RULES } from "./kubiya-rbac";

/**
 * The Kubiya runner: chart `kubiya-runner` (operator, agent manager, tool manager, workflow
 * engine, Dagger engine), with the credentials as sensitive values, the tool manager on a
 * service account of ours with Kubiya's least-privilege Role (the cloud identity binds it: the
 * pods it starts use it), network policies per Kubiya's security guide (ingress from the own
 * namespace, egress DNS + 443, plus the NATS port), and Prometheus scrape annotations.
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

    const release = new RunnerRelease(scope, "Release", {
      namespace: ns,
      releaseName,
      chart: ChartSource.fromRepository(
        KUBIYA_CHART_REPOSITORY,
        KUBIYA_CHART_NAME,
        p.chartVersion ?? KUBIYA_CHART_VERSION,
      ),
      values: renderKubiyaValues(p, {
        runnerName,
        releaseName,
        serverUrl,
        toolManagerServiceAccount: this.toolManagerSa,
      }),
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
          namespace: ns.ref,
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
    );
    addChecks(scope, () => checkKubiyaRunner(p, { runnerName, releaseName, serverUrl }));

    return {
      releases: [release],
      scaling: {
        mode: "self-managed",
        description: `${KUBIYA_CHART_NAME}@${p.chartVersion ?? KUBIYA_CHART_VERSION}, self-managed (one pod per workflow step)`,
      },
    };
  }
}
