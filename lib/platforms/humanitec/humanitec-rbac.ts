import { Construct } from "constructs";
import type { PolicyRule } from "../../kubernetes/rbac";
import { RoleGrant } from "../../kubernetes/role-grant";
import { IRunnerNamespace, RunnerNamespace } from "../../kubernetes/runner-namespace";
import type { KubernetesAgentRunnerStateStorage } from "./orchestrator/kubernetes-agent-runner";

/** What the agent needs in the jobs namespace (from the chart's own `rbac.create` Role). */
export const HUMANITEC_AGENT_RULES: PolicyRule[] = [
  { apiGroups: ["batch"], resources: ["jobs"], verbs: ["create", "get", "list"] },
  { resources: ["pods", "events"], verbs: ["list"] },
];

/** What jobs need for Kubernetes state storage (from the chart's own `jobsRbac` Role). */
export const HUMANITEC_JOB_STATE_RULES: PolicyRule[] = [
  { resources: ["secrets"], verbs: ["create", "get", "list", "update"] },
  { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["create", "get", "update"] },
];

/** Input of {@link grantHumanitecRbac}. */
export interface HumanitecRbacInput {
  readonly runnerNamespace: IRunnerNamespace;
  readonly jobsNamespace: IRunnerNamespace;
  readonly runnerServiceAccount: string;
  readonly jobServiceAccount: string;
  readonly stateStorage: KubernetesAgentRunnerStateStorage;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The library's RBAC (mode "library"): the agent may start Jobs in the jobs namespace
 * (`AgentJobsGrant`); with Kubernetes state storage, the jobs may keep state Secrets and
 * leases in the state namespace (`JobsStateGrant`).
 */
export function grantHumanitecRbac(scope: Construct, input: HumanitecRbacInput): RoleGrant[] {
  const { runnerNamespace: runnerNs, jobsNamespace: jobsNs, stateStorage: storage } = input;
  const grants = [
    new RoleGrant(scope, "AgentJobsGrant", {
      namespace: jobsNs,
      name: input.runnerServiceAccount,
      serviceAccount: { name: input.runnerServiceAccount, namespace: runnerNs.name },
      rules: HUMANITEC_AGENT_RULES,
      labels: input.labels,
    }),
  ];
  if (storage.type === "kubernetes") {
    grants.push(
      new RoleGrant(scope, "JobsStateGrant", {
        namespace:
          storage.namespace === runnerNs.name
            ? runnerNs
            : storage.namespace === jobsNs.name
              ? jobsNs
              : RunnerNamespace.fromNamespaceName(scope, "StateNamespace", storage.namespace),
        name: `${input.jobServiceAccount}-state`,
        serviceAccount: { name: input.jobServiceAccount, namespace: jobsNs.name },
        rules: HUMANITEC_JOB_STATE_RULES,
        labels: input.labels,
      }),
    );
  }
  return grants;
}
