import { ChartSource } from "../lib/release/chart-source";
import { CustomChartRunner } from "../lib/runners/custom-chart-runner";
import type { KubernetesRunnerStackProps } from "./kubernetes-runner-stack";
import type { EksRunnerStackProps } from "./eks-runner-stack";
import type { GkeRunnerStackProps } from "./gke-runner-stack";
import type { AksRunnerStackProps } from "./aks-runner-stack";

/**
 * The embedded example configuration the default app synthesizes: no credentials,
 * no cloud account. Secrets are referenced by name only.
 */
export const kubernetesExample: KubernetesRunnerStackProps = {
  kubeconfig: { configPath: "~/.kube/config", context: "ci-cluster" },
  pools: {
    "gitlab-runners": {
      namespace: {
        podSecurity: "restricted",
        resourceQuota: { "requests.cpu": "32", "requests.memory": "64Gi", pods: "60" },
        limitRange: {
          defaultRequests: { cpu: "500m", memory: "1Gi" },
          defaultLimits: { cpu: "2", memory: "4Gi" },
        },
      },
      platform: new CustomChartRunner({
        chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
        values: {
          gitlabUrl: "https://gitlab.com/",
          concurrent: 10,
          rbac: { create: false },
          serviceAccount: { create: false },
          runners: {
            secret: "gitlab-runner-token",
            config:
              '[[runners]]\n  [runners.kubernetes]\n    namespace = "gitlab-runners"\n    image = "alpine:3.20"\n',
          },
          securityContext: {
            allowPrivilegeEscalation: false,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
          },
        },
        serviceAccounts: [
          {
            id: "Runner",
            name: "gitlab-runner",
            valuesPath: "serviceAccount.name",
            rules: [
              { resources: ["pods"], verbs: ["create", "delete", "get", "list", "watch"] },
              {
                resources: ["pods/exec", "pods/attach"],
                verbs: ["create", "get", "patch", "delete"],
              },
              { resources: ["pods/log"], verbs: ["get", "list"] },
              {
                resources: ["secrets", "configmaps"],
                verbs: ["create", "delete", "get", "update"],
              },
              { resources: ["events"], verbs: ["list", "watch"] },
            ],
          },
        ],
        scaling: { mode: "self-managed", maxRunners: 10 },
      }),
    },
  },
};

/**
 * A GitLab runner manager whose pods call the cloud (e.g. to read a cache bucket): the
 * example pool of the cloud stacks, its service account bound to the stack's identity.
 */
function cloudGitlabRunner(podLabelsValuesPath?: string): CustomChartRunner {
  return new CustomChartRunner({
    chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
    values: {
      gitlabUrl: "https://gitlab.com/",
      concurrent: 10,
      rbac: { create: false },
      serviceAccount: { create: false },
      runners: { secret: "gitlab-runner-token" },
      securityContext: {
        allowPrivilegeEscalation: false,
        runAsNonRoot: true,
        capabilities: { drop: ["ALL"] },
      },
    },
    podLabelsValuesPath,
    serviceAccounts: [
      {
        id: "Runner",
        name: "gitlab-runner",
        valuesPath: "serviceAccount.name",
        bindIdentity: true,
        rules: [
          { resources: ["pods"], verbs: ["create", "delete", "get", "list", "watch"] },
          { resources: ["pods/exec", "pods/attach"], verbs: ["create", "get", "patch", "delete"] },
          { resources: ["pods/log"], verbs: ["get", "list"] },
          { resources: ["secrets", "configmaps"], verbs: ["create", "delete", "get", "update"] },
        ],
      },
    ],
    scaling: { mode: "self-managed", maxRunners: 10 },
  });
}

/** EKS: the runner manager assumes an IRSA role that may read the runner cache bucket. */
export const eksExample: EksRunnerStackProps = {
  region: "eu-west-1",
  cluster: { clusterName: "ci-cluster" },
  pools: {
    "gitlab-runners": {
      namespace: {
        podSecurity: "restricted",
        resourceQuota: { "requests.cpu": "32", pods: "60" },
        limitRange: {
          defaultRequests: { cpu: "500m", memory: "1Gi" },
          defaultLimits: { cpu: "2", memory: "4Gi" },
        },
      },
      identity: {
        irsa: {
          roleName: "ci-cluster-gitlab-runners",
          restrictTo: { namespace: "gitlab-runners" },
          inlinePolicies: {
            "runner-cache": {
              Statement: [
                {
                  Effect: "Allow",
                  Action: ["s3:GetObject", "s3:PutObject"],
                  Resource: ["arn:aws:s3:::acme-runner-cache/*"],
                },
                {
                  Effect: "Allow",
                  Action: ["s3:ListBucket"],
                  Resource: ["arn:aws:s3:::acme-runner-cache"],
                },
              ],
            },
          },
        },
      },
      platform: cloudGitlabRunner(),
    },
  },
};

/** GKE: the runner manager impersonates a Google service account that may use the cache bucket. */
export const gkeExample: GkeRunnerStackProps = {
  project: "acme-ci",
  region: "europe-west1",
  cluster: { clusterName: "ci-cluster", location: "europe-west1" },
  pools: {
    "gitlab-runners": {
      namespace: {
        podSecurity: "restricted",
        resourceQuota: { "requests.cpu": "32", pods: "60" },
        limitRange: {
          defaultRequests: { cpu: "500m", memory: "1Gi" },
          defaultLimits: { cpu: "2", memory: "4Gi" },
        },
      },
      identity: {
        workloadIdentity: {
          accountId: "ci-gitlab-runners",
          restrictTo: { namespace: "gitlab-runners" },
          projectRoles: ["roles/storage.objectUser"],
        },
      },
      platform: cloudGitlabRunner(),
    },
  },
};

/** AKS: the runner manager uses a managed identity that may read and write the cache container. */
export const aksExample: AksRunnerStackProps = {
  subscriptionId: "00000000-0000-0000-0000-000000000000",
  cluster: { clusterName: "ci-aks", resourceGroupName: "rg-ci" },
  pools: {
    "gitlab-runners": {
      namespace: {
        podSecurity: "restricted",
        resourceQuota: { "requests.cpu": "32", pods: "60" },
        limitRange: {
          defaultRequests: { cpu: "500m", memory: "1Gi" },
          defaultLimits: { cpu: "2", memory: "4Gi" },
        },
      },
      identity: {
        workloadIdentity: {
          name: "ci-aks-gitlab-runners",
          restrictTo: { namespace: "gitlab-runners" },
          roleAssignments: {
            "runner-cache": {
              scope:
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ci/providers/Microsoft.Storage/storageAccounts/acmerunnercache",
              roleDefinitionName: "Storage Blob Data Contributor",
            },
          },
        },
      },
      platform: cloudGitlabRunner("podLabels"),
    },
  },
};
