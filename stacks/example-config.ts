import type { RunnerNamespaceOptions } from "../lib/kubernetes/runner-namespace";
import { ChartSource } from "../lib/release/chart-source";
import { CustomChartRunner } from "../lib/platforms/custom-chart/custom-chart-runner";
import { ArcRunnerScaleSet } from "../lib/platforms/arc/scale-set/runner-scale-set";
import { ArcGithubCredentials } from "../lib/platforms/arc/shared/github-credentials";
import { ArcScaleSetController } from "../lib/platforms/arc/scale-set/scale-set-controller";
import { TerraformVariable } from "cdktf";
import { SensitiveValue } from "../lib/release/sensitive-value";
import { KubiyaRunner } from "../lib/platforms/kubiya/kubiya-runner";
import type { RunnerPool } from "../lib/pool";
import type { KubernetesRunnerStack, KubernetesRunnerStackProps } from "./kubernetes-runner-stack";
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
 * Adds the embedded Kubiya runner example to a stack: the NATS credentials and the cache
 * registry's TLS key come from sensitive variables (set `TF_VAR_kubiya_nats_jwt` etc. at
 * deploy), never from the configuration.
 */
export function addKubiyaExample(stack: KubernetesRunnerStack): RunnerPool {
  const sensitive = (name: string) =>
    SensitiveValue.fromVariable(
      new TerraformVariable(stack, name, { type: "string", sensitive: true }),
    );
  const certificate = new TerraformVariable(stack, "kubiya_registry_tls_crt", {
    type: "string",
    description: "base64-encoded PEM certificate of the Kubiya cache registry (your own)",
  });
  return stack.addPool("kubiya", {
    namespaceName: "kubiya",
    // The chart's Dagger engine runs privileged; audit and warn keep reporting against restricted.
    namespace: { podSecurity: { enforce: "privileged", audit: "restricted", warn: "restricted" } },
    platform: new KubiyaRunner({
      organization: "acme",
      uuid: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
      runnerName: "acme-ci-runner",
      nats: {
        jwt: sensitive("kubiya_nats_jwt"),
        secondJwt: sensitive("kubiya_nats_second_jwt"),
        subject: "kubiya.metrics.acme.acme-ci-runner",
      },
      registryTls: {
        certificateBase64: certificate.stringValue,
        keyBase64: sensitive("kubiya_registry_tls_key"),
      },
      metrics: { scrapeFromNamespaces: ["monitoring"] },
    }),
  });
}

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
/** The cloud examples' runner namespace: restricted, with a CPU quota and the defaults it needs. */
const cloudPoolNamespace: RunnerNamespaceOptions = {
  podSecurity: "restricted",
  resourceQuota: { "requests.cpu": "32", pods: "60" },
  limitRange: {
    defaultRequests: { cpu: "500m", memory: "1Gi" },
    defaultLimits: { cpu: "2", memory: "4Gi" },
  },
};

export const eksExample: EksRunnerStackProps = {
  region: "eu-west-1",
  cluster: { clusterName: "ci-cluster" },
  pools: {
    "gitlab-runners": {
      namespace: cloudPoolNamespace,
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
      namespace: cloudPoolNamespace,
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
      namespace: cloudPoolNamespace,
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

/**
 * The ARC scale-set part of the default app: one controller per cluster and a pool of
 * runners in kubernetes container mode. GitHub App credentials by Secret name only.
 */
export function addArcScaleSetExample(stack: KubernetesRunnerStack): void {
  const controller = new ArcScaleSetController(stack, "arc-controller", {
    namespace: "arc-systems",
    cluster: stack.connection.networkFlows,
    metrics: true,
    metricsScrapers: [{ namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" } }],
  });
  stack.addPool("arc-runners", {
    namespace: {
      // Job containers run as pods created by the runner's hook; baseline keeps them unprivileged.
      podSecurity: "baseline",
      resourceQuota: { "requests.cpu": "64", "requests.memory": "128Gi", pods: "100" },
      // Job pods created by the runner's hook set no requests: give them defaults under the quota.
      limitRange: {
        defaultRequests: { cpu: "500m", memory: "1Gi" },
        defaultLimits: { cpu: "2", memory: "4Gi" },
      },
    },
    platform: new ArcRunnerScaleSet({
      controller,
      githubConfigUrl: "https://github.com/example-org",
      githubCredentials: ArcGithubCredentials.fromSecretName("arc-github-app"),
      minRunners: 1,
      maxRunners: 20,
      runnerScaleSetName: "k8s-linux-x64",
      labels: ["linux", "x64"],
      containerMode: {
        type: "kubernetes",
        workVolumeClaim: { size: "10Gi", storageClassName: "standard" },
      },
      resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } },
    }),
  });
}
