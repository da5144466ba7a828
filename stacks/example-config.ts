import { ChartSource } from "../lib/release/chart-source";
import { CustomChartRunner } from "../lib/runners/custom-chart-runner";
import type { KubernetesRunnerStackProps } from "./kubernetes-runner-stack";

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
