import { App, Testing, TerraformStack } from "cdktf";
import { AgentKey } from "../../../lib/platforms/humanitec/agent-key";
import { HumanitecAgentRunner } from "../../../lib/platforms/humanitec/humanitec-agent-runner";
import { RunnerPoolProps } from "../../../lib/pool";
import { AksRunnerStack } from "../../../stacks/aks-runner-stack";
import { EksRunnerStack } from "../../../stacks/eks-runner-stack";
import { GkeRunnerStack } from "../../../stacks/gke-runner-stack";
import { trustOf } from "../../aws/policy-json";

// The Humanitec agent on the three real cloud stacks: the cloud trusts exactly the JOB
// service account, never the agent's.
const JOBS = {
  namespace: "humanitec-agent-jobs",
  serviceAccountName: "humanitec-kubernetes-agent-runner-job",
};
const KEY =
  "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAfakefakefakefakefakefakefakefakefakefakefak=\n-----END PUBLIC KEY-----\n";

function pool(): Omit<RunnerPoolProps, "identity"> {
  return {
    poolName: "humanitec-agent",
    platform: new HumanitecAgentRunner({
      orgId: "my-org",
      runnerId: "kubernetes-agent-ci",
      chart: HumanitecAgentRunner.chart("0.1.7"),
      agentKey: AgentKey.fromExistingSecret({ secretName: "agent-key", publicKeyPem: KEY }),
      waitForAgent: false,
    }),
  };
}

function synth(make: (app: App) => TerraformStack) {
  const stack = make(Testing.app());
  expect(() => Testing.synth(stack, true)).not.toThrow();
  return { text: Testing.synth(stack), json: JSON.parse(Testing.synth(stack)) };
}

function annotatedAccounts(json: { resource: Record<string, Record<string, unknown>> }) {
  return (
    Object.values(json.resource.kubernetes_service_account_v1) as {
      metadata: { name: string; annotations?: Record<string, string> };
    }[]
  )
    .filter((sa) => sa.metadata.annotations)
    .map((sa) => sa.metadata.name);
}

describe("HumanitecAgentRunner on the cloud stacks", () => {
  test("EKS IRSA: the role trusts the job account", () => {
    const { json } = synth((app) => {
      const stack = new EksRunnerStack(app, "eks", {
        region: "eu-west-1",
        cluster: { clusterName: "ci" },
      });
      stack.addPool("agent", {
        ...pool(),
        identity: { irsa: { roleName: "agent-jobs", restrictTo: JOBS } },
      });
      return stack;
    });
    const [role] = Object.values(json.resource.aws_iam_role) as { assume_role_policy: string }[];
    expect(Object.values(trustOf(json, role).Statement[0].Condition.StringEquals)).toContain(
      "system:serviceaccount:humanitec-agent-jobs:humanitec-kubernetes-agent-runner-job",
    );
    expect(annotatedAccounts(json)).toEqual(["humanitec-kubernetes-agent-runner-job"]);
    const [reg] = Object.values(json.resource["platform-orchestrator_kubernetes_agent_runner"]) as {
      runner_configuration: { job: { pod_template?: string } };
    }[];
    expect(JSON.parse(reg.runner_configuration.job.pod_template!)).toEqual({
      metadata: { labels: { "app.kubernetes.io/name": "humanitec-runner" } },
    });
  });

  test("GKE Workload Identity: the Google service account trusts the job account", () => {
    const { json } = synth((app) => {
      const stack = new GkeRunnerStack(app, "gke", {
        project: "acme-ci",
        cluster: { clusterName: "ci", location: "europe-west1" },
      });
      stack.addPool("agent", {
        ...pool(),
        identity: { workloadIdentity: { accountId: "agent-jobs", restrictTo: JOBS } },
      });
      return stack;
    });
    const [member] = Object.values(json.resource.google_service_account_iam_member) as {
      member: string;
    }[];
    expect(member.member).toBe(
      "serviceAccount:acme-ci.svc.id.goog[humanitec-agent-jobs/humanitec-kubernetes-agent-runner-job]",
    );
    expect(annotatedAccounts(json)).toEqual(["humanitec-kubernetes-agent-runner-job"]);
  });

  test("AKS Workload Identity: the federated credential trusts the job account; jobs carry the label", () => {
    const { json } = synth((app) => {
      const stack = new AksRunnerStack(app, "aks", {
        subscriptionId: "00000000-0000-0000-0000-000000000000",
        cluster: { clusterName: "ci", resourceGroupName: "rg" },
      });
      stack.addPool("agent", {
        ...pool(),
        identity: { workloadIdentity: { name: "agent-jobs", restrictTo: JOBS } },
      });
      return stack;
    });
    const [fic] = Object.values(json.resource.azurerm_federated_identity_credential) as {
      subject: string;
    }[];
    expect(fic.subject).toBe(
      "system:serviceaccount:humanitec-agent-jobs:humanitec-kubernetes-agent-runner-job",
    );
    expect(annotatedAccounts(json)).toEqual(["humanitec-kubernetes-agent-runner-job"]);
    const [reg] = Object.values(json.resource["platform-orchestrator_kubernetes_agent_runner"]) as {
      runner_configuration: { job: { pod_template: string } };
    }[];
    expect(JSON.parse(reg.runner_configuration.job.pod_template)).toEqual({
      metadata: {
        labels: {
          "app.kubernetes.io/name": "humanitec-runner",
          "azure.workload.identity/use": "true",
        },
      },
    });
  });
});
