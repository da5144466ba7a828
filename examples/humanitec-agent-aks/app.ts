// Humanitec Platform Orchestrator kubernetes-agent runner on AKS.
// The agent runs in `humanitec-agent`, its Terraform jobs in `humanitec-agent-jobs` as the job
// service account, which the pool's identity binds (on AKS the job pod template also gets the
// `azure.workload.identity/use: "true"` label from the binding).
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { AgentKey, HumanitecAgentRunner } from "cdktf-runner-pools";
import { AksRunnerStack } from "cdktf-runner-pools/stacks/aks";

/** Builds the example's stacks into `app`. */
export function build(app: App): TerraformStack[] {
  const stack = new AksRunnerStack(app, "humanitec-agent-aks", {
    subscriptionId: "00000000-0000-0000-0000-000000000000",
    cluster: { clusterName: "aks-platform", resourceGroupName: "rg-platform" },
  });
  // Public inputs, set at deploy (TF_VAR_...): nothing secret passes through Terraform.
  const publicKey = new TerraformVariable(stack, "runner_public_key", {
    type: "string",
    description: "PEM public key of the agent (openssl pkey -in runner_private_key.pem -pubout)",
  });
  const chartVersion = new TerraformVariable(stack, "humanitec_chart_version", {
    type: "string",
    description:
      "pinned version of oci://ghcr.io/humanitec/charts/humanitec-kubernetes-agent-runner",
  });
  stack.addPool("humanitec", {
    poolName: "humanitec-agent",
    // A user-assigned identity + federated credential for the JOB service account (jobs run
    // Terraform against Azure); the agent itself gets no Azure identity.
    identity: {
      workloadIdentity: {
        name: "humanitec-agent-jobs-aks-platform",
        restrictTo: {
          namespace: "humanitec-agent-jobs",
          serviceAccountName: "humanitec-kubernetes-agent-runner-job",
        },
        roleAssignments: {
          "sql-contributor": {
            scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apps",
            roleDefinitionName: "SQL Server Contributor",
          },
        },
      },
    },
    platform: new HumanitecAgentRunner({
      orgId: "my-org",
      runnerId: "kubernetes-agent-aks-platform",
      description: "kubernetes-agent runner on the AKS platform cluster",
      chart: HumanitecAgentRunner.chart(chartVersion.stringValue),
      // The private key is created out of band (kubectl / External Secrets) in the
      // `humanitec-agent` namespace, key `private_key`; it never passes through Terraform.
      // The agent starts once the Secret exists.
      agentKey: AgentKey.fromExistingSecret({
        secretName: "humanitec-agent-private-key",
        publicKeyPem: publicKey.stringValue,
      }),
      waitForAgent: false,
      jobPodTemplate: {
        labels: { "app.kubernetes.io/name": "humanitec-runner" },
        secretEnv: {
          TF_VAR_db_admin_password: { secretName: "tf-secrets", key: "db-admin-password" },
        },
      },
      runnerRules: [{ envTypeId: "development" }],
    }),
  });
  return [stack];
}
