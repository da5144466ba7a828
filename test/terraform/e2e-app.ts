// The end-to-end apply app: the kubeconfig stack's in-cluster half against a real API server
// on loopback (no nodes, so releases do not wait for pods). Run by test/terraform/run-apply.sh;
// it reads the kubeconfig from `kubeconfig` in the stack directory (copied in by the script).
import * as path from "path";
import { App } from "cdktf";
import { ChartSource } from "../../lib/release/chart-source";
import { ArcGithubCredentials } from "../../lib/platforms/arc/shared/github-credentials";
import { ArcLegacyController } from "../../lib/platforms/arc/legacy/legacy-controller";
import { ArcRunnerDeployment } from "../../lib/platforms/arc/legacy/runner-deployment";
import { CustomChartRunner } from "../../lib/platforms/custom-chart/custom-chart-runner";
import { KubernetesRunnerStack } from "../../stacks/kubernetes-runner-stack";

const repo = path.resolve(__dirname, "../../..");
process.env.CHECKPOINT_DISABLE = "1";
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out", stackTraces: false });

const stack = new KubernetesRunnerStack(app, "e2e-kubernetes", {
  kubeconfig: { configPath: "kubeconfig" },
});
stack.addPool("custom", {
  poolName: "e2e-custom",
  namespace: {
    podSecurity: "restricted",
    resourceQuota: { pods: "10", "requests.cpu": "4" },
    limitRange: {
      defaultRequests: { cpu: "100m", memory: "128Mi" },
      defaultLimits: { cpu: "500m", memory: "256Mi" },
    },
    networkPolicy: {
      ingress: [
        {
          name: "metrics",
          ports: [{ port: 8080 }],
          peers: [{ namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" } }],
        },
      ],
    },
  },
  platform: new CustomChartRunner({
    chart: ChartSource.fromLocalPath(path.join(repo, "test/terraform/charts/e2e-runner")),
    wait: false,
    values: { config: { GREETING: "hello ${{ not-a-terraform-template }}" }, replicas: 1 },
    serviceAccounts: [
      {
        id: "Runner",
        name: "e2e-runner",
        valuesPath: "serviceAccountName",
        rules: [{ resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] }],
      },
    ],
  }),
});

// ARC legacy mode, installed the way the library does it: the controller release brings the
// CRDs (here the upstream chart's CRDs only: no templates, so no controller pods), then the
// RunnerDeployment + HorizontalRunnerAutoscaler objects come in our generated chart, released
// after it, in the same apply.
const shared = process.env.RUNNER_POOLS_SHARED ?? path.join(repo, "..", "shared");
const controller = new ArcLegacyController(stack, "arc", {
  chart: ChartSource.fromLocalPath(
    path.join(shared, "upstream/arc/charts/actions-runner-controller"),
  ),
  wait: false,
  githubCredentials: ArcGithubCredentials.fromSecretName("controller-manager"),
});
stack.addPool("arc-pool", {
  poolName: "e2e-arc",
  namespace: { podSecurity: "privileged" },
  platform: new ArcRunnerDeployment({
    controller,
    repository: "acme/app",
    labels: ["e2e"],
    ephemeral: true,
    dockerEnabled: true,
    autoscaling: {
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [
        {
          type: "PercentageRunnersBusy",
          scaleUpThreshold: "0.75",
          scaleDownThreshold: "0.25",
          scaleUpFactor: "2",
          scaleDownFactor: "0.5",
        },
      ],
      scheduledOverrides: [
        {
          startTime: "2025-01-06T08:00:00Z",
          endTime: "2025-01-06T18:00:00Z",
          minReplicas: 2,
          recurrenceRule: { frequency: "Daily" },
        },
      ],
    },
  }),
});

app.synth();
