import { RunnerNamespace } from "../../kubernetes/runner-namespace";
import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { addChecks } from "../../core/rules/report";
import { RoleGrant } from "../../kubernetes/role-grant";
import type { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import type { ChartSource } from "../../release/chart-source";
import { RunnerRelease } from "../../release/runner-release";
import {
  RUNNERS_ROLE,
  RunnerPlatform,
  RunnerPlatformContext,
  RunnerPlatformPlan,
  RunnerPlatformResources,
} from "../../platform";
import { checkHumanitecAgentRunner } from "./humanitec-checks";
import {
  DEFAULT_JOB_SERVICE_ACCOUNT,
  DEFAULT_RUNNER_SERVICE_ACCOUNT,
  HUMANITEC_CHART_NAME,
  HUMANITEC_CHART_REGISTRY,
  HUMANITEC_JOBS_ROLE,
  HUMANITEC_JOB_NAME_LABEL,
  HumanitecAgentRunnerProps,
  HumanitecRbacMode,
  PLATFORM_ORCHESTRATOR_CHART_NAME,
  PLATFORM_ORCHESTRATOR_CHART_REGISTRY,
  PLATFORM_ORCHESTRATOR_JOB_NAME_LABEL,
} from "./humanitec-agent-runner-props";
import { describeChart, knownChart } from "./humanitec-chart";
import { addTransportFlows } from "./humanitec-flows";
import { grantHumanitecRbac } from "./humanitec-rbac";
import { registerHumanitecRunner } from "./humanitec-registration";
import { renderHumanitecValues } from "./humanitec-values";
import { renderJobPodTemplate } from "./job-pod-template";
import type {
  KubernetesAgentRunnerResource,
  KubernetesAgentRunnerStateStorage,
} from "./orchestrator/kubernetes-agent-runner";
import type { RunnerRuleResource } from "./orchestrator/runner-rule";

// The props, constants and RBAC rules live in their own files; exported from here too, so
// `humanitec-agent-runner` stays the one import path of the platform.
export {
  HUMANITEC_CHART_NAME,
  HUMANITEC_CHART_REGISTRY,
  HUMANITEC_JOBS_ROLE,
  HUMANITEC_JOB_NAME_LABEL,
  HUMANITEC_PRIVATE_KEY_KEY,
  PLATFORM_ORCHESTRATOR_CHART_NAME,
  PLATFORM_ORCHESTRATOR_CHART_REGISTRY,
  PLATFORM_ORCHESTRATOR_JOB_NAME_LABEL,
} from "./humanitec-agent-runner-props";
export type {
  HumanitecAgentRunnerProps,
  HumanitecGatewayTransport,
  HumanitecNatsTransport,
  HumanitecOutbox,
  HumanitecPrivateKeyTransport,
  HumanitecRunnerTransport,
  HumanitecJobPodTemplate,
  HumanitecRbacMode,
  HumanitecRunnerRule,
} from "./humanitec-agent-runner-props";
export { HUMANITEC_AGENT_RULES, HUMANITEC_JOB_STATE_RULES } from "./humanitec-rbac";

/**
 * The Humanitec Platform Orchestrator `kubernetes-agent` runner: the agent (chart
 * `humanitec-kubernetes-agent-runner`) in the pool namespace polls the Orchestrator and starts
 * one Kubernetes Job per deployment in the jobs namespace, as the job service account — the
 * one the pool's cloud identity binds, since jobs run Terraform against the cloud. The runner
 * is registered with the Orchestrator (public key, job namespace/account, pod template, state
 * storage) through the `humanitec/platform-orchestrator` provider.
 *
 * Scaling is self-managed: the agent starts a Job per deployment; there is no autoscaler.
 */
export class HumanitecAgentRunner implements RunnerPlatform {
  /**
   * Humanitec's chart `humanitec-kubernetes-agent-runner` from ghcr.io (or `registry`, e.g.
   * `oci://registry.example.com/charts`), pinned. Private-key transport, versions >=0.1.0 <0.2.0.
   */
  public static chart(version: string, registry: string = HUMANITEC_CHART_REGISTRY): ChartSource {
    return knownChart(registry, HUMANITEC_CHART_NAME, version);
  }

  /**
   * The open-source Platform Orchestrator's chart `platform-orchestrator-kubernetes-agent-runner`
   * from `oci://ghcr.io/stellwerk-labs/charts` (or `registry`), pinned: 0.1.x private key,
   * 0.2.x NATS, 0.3.x gateway (choose with `transport`).
   */
  public static platformOrchestratorChart(
    version: string,
    registry: string = PLATFORM_ORCHESTRATOR_CHART_REGISTRY,
  ): ChartSource {
    return knownChart(registry, PLATFORM_ORCHESTRATOR_CHART_NAME, version);
  }

  public readonly kind = "humanitec-kubernetes-agent";
  /** The registration, after build (when `register` is not false). */
  public registration?: KubernetesAgentRunnerResource;
  /** The runner rules, after build. */
  public readonly rules: RunnerRuleResource[] = [];
  /** The transport's egress policies (NATS port, gateway port other than 443), after build. */
  public readonly flows: NetworkPolicyV1[] = [];
  /** The RBAC grants created by the library, after build. */
  public readonly grants: RoleGrant[] = [];

  private readonly rbac: HumanitecRbacMode;
  private readonly runnerSa: string;
  private readonly jobSa: string;

  constructor(private readonly props: HumanitecAgentRunnerProps) {
    this.rbac = props.rbac ?? "library";
    this.runnerSa = props.runnerServiceAccountName ?? DEFAULT_RUNNER_SERVICE_ACCOUNT;
    this.jobSa = props.jobServiceAccountName ?? DEFAULT_JOB_SERVICE_ACCOUNT;
  }

  public plan(poolName: string): RunnerPlatformPlan {
    const create = this.rbac === "library";
    return {
      namespaces: {
        [HUMANITEC_JOBS_ROLE]: {
          podSecurity: { enforce: "baseline", audit: "restricted", warn: "restricted" },
          ...this.props.jobNamespace,
          name: this.props.jobNamespaceName ?? `${poolName}-jobs`,
        },
      },
      serviceAccounts: [
        // The agent calls the Kubernetes API (creates Jobs): token mounted.
        { id: "Runner", name: this.runnerSa, create, automountToken: true },
        // Jobs use the API for Kubernetes state storage: token mounted. The cloud identity binds here.
        {
          id: "Jobs",
          name: this.jobSa,
          namespaceRole: HUMANITEC_JOBS_ROLE,
          create,
          automountToken: true,
          bindIdentity: true,
        },
      ],
    };
  }

  public build(scope: Construct, context: RunnerPlatformContext): RunnerPlatformResources {
    const p = this.props;
    const runnerNs = context.namespaces[RUNNERS_ROLE];
    const jobsNs = context.namespaces[HUMANITEC_JOBS_ROLE];
    const jobs = context.serviceAccounts.Jobs;
    const storage: KubernetesAgentRunnerStateStorage = p.stateStorage ?? {
      type: "kubernetes",
      namespace: jobsNs.name,
    };

    const deps: ITerraformDependable[] = [...context.prerequisites];
    const key = p.agentKey.bind(scope, runnerNs);
    if (key.dependable) deps.push(key.dependable);
    if (this.rbac === "library") {
      for (const grant of grantHumanitecRbac(scope, {
        runnerNamespace: runnerNs,
        jobsNamespace: jobsNs,
        runnerServiceAccount: this.runnerSa,
        jobServiceAccount: this.jobSa,
        stateStorage: storage,
        labels: context.labels,
      })) {
        this.grants.push(grant);
        deps.push(grant.role, grant.roleBinding);
      }
    }

    // Registration first: the release takes the runner id from it, so the agent starts
    // only once the Orchestrator knows its public key.
    let runnerId = p.runnerId;
    if (p.register ?? true) {
      const registered = registerHumanitecRunner(scope, p, {
        publicKeyPem: key.publicKeyPem,
        jobsNamespaceRef: jobsNs.ref,
        jobServiceAccountRef: jobs.construct ? jobs.construct.resource.metadata.name : jobs.name,
        podTemplate: renderJobPodTemplate(
          p.jobPodTemplate,
          jobs.podLabels,
          describeChart(p.chart)?.chart === PLATFORM_ORCHESTRATOR_CHART_NAME
            ? PLATFORM_ORCHESTRATOR_JOB_NAME_LABEL
            : HUMANITEC_JOB_NAME_LABEL,
        ),
        stateStorage: storage,
      });
      this.registration = registered.registration;
      this.rules.push(...registered.rules);
      runnerId = registered.registration.runnerIdRef;
    }

    const release = new RunnerRelease(scope, "Release", {
      namespace: runnerNs,
      releaseName: p.releaseName ?? HUMANITEC_CHART_NAME,
      chart: p.chart,
      values: renderHumanitecValues(p, {
        runnerId,
        secretName: key.secretName,
        secretKey: key.secretKey,
        runnerNamespace: runnerNs.name,
        jobsNamespace: jobsNs.name,
        runnerServiceAccount: this.runnerSa,
        jobServiceAccount: this.jobSa,
        rbac: this.rbac,
        jobAnnotations: jobs.annotations,
      }),
      wait: p.waitForAgent ?? true,
      dependsOn: deps,
    });

    this.flows.push(
      ...addTransportFlows(
        scope,
        p.transport ?? { type: "private-key" },
        runnerNs,
        jobsNs,
        context.labels,
      ),
    );

    addChecks(scope, () =>
      checkHumanitecAgentRunner(p, {
        key,
        runnerServiceAccount: this.runnerSa,
        jobServiceAccount: this.jobSa,
        sharedNamespace: runnerNs.name === jobsNs.name,
        createsAgentNamespace: runnerNs instanceof RunnerNamespace,
      }),
    );
    return {
      releases: [release],
      scaling: {
        mode: "self-managed",
        description: `${p.chart.description}, self-managed (one Kubernetes Job per deployment in ${jobsNs.name})`,
      },
    };
  }
}
