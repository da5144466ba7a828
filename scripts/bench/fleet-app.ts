// The benchmark's fleet: POOLS pools across the runner platforms (a GitLab runner by custom
// chart, an ARC runner scale set, a Kubiya runner, in turn; Kubiya is one per cluster, so a
// stack's later turns go to a GitLab runner) spread over STACKS stacks (the
// kubeconfig, EKS, GKE and AKS stacks in turn; pools of the cloud stacks get a cloud identity).
//   node dist/scripts/bench/fleet-app.js POOLS [STACKS=1]   (writes to CDKTF_OUTDIR)
// BENCH_FLEET_VARIANT=1 changes every tenth pool's maxRunners (the other side of `diff`).
import { App, TerraformVariable } from "cdktf";
import type { RunnerNamespaceOptions } from "../../lib/kubernetes/runner-namespace";
import { ChartSource } from "../../lib/release/chart-source";
import { SensitiveValue } from "../../lib/release/sensitive-value";
import { CustomChartRunner } from "../../lib/platforms/custom-chart/custom-chart-runner";
import { ArcRunnerScaleSet } from "../../lib/platforms/arc/scale-set/runner-scale-set";
import { ArcScaleSetController } from "../../lib/platforms/arc/scale-set/scale-set-controller";
import { ArcGithubCredentials } from "../../lib/platforms/arc/shared/github-credentials";
import { KubiyaRunner } from "../../lib/platforms/kubiya/kubiya-runner";
import type { RunnerStack } from "../../stacks/runner-stack";
import type { WorkloadIdentity } from "../../lib/identity/workload-identity";
import { KubernetesRunnerStack } from "../../stacks/kubernetes-runner-stack";
import { EksRunnerStack } from "../../stacks/eks-runner-stack";
import { GkeRunnerStack } from "../../stacks/gke-runner-stack";
import { AksRunnerStack } from "../../stacks/aks-runner-stack";

type Cloud = "kubernetes" | "eks" | "gke" | "aks";
const CLOUDS: Cloud[] = ["kubernetes", "eks", "gke", "aks"];
type AnyStack = RunnerStack<never, WorkloadIdentity>;

const namespace: RunnerNamespaceOptions = {
  podSecurity: "restricted",
  resourceQuota: { "requests.cpu": "32", pods: "60" },
  limitRange: {
    defaultRequests: { cpu: "500m", memory: "1Gi" },
    defaultLimits: { cpu: "2", memory: "4Gi" },
  },
};

function newStack(app: App, cloud: Cloud, s: number): AnyStack {
  const id = `fleet-${s}-${cloud}`;
  const cluster = `ci-${s}`;
  switch (cloud) {
    case "kubernetes":
      return new KubernetesRunnerStack(app, id, {
        kubeconfig: { configPath: "~/.kube/config", context: cluster },
      }) as unknown as AnyStack;
    case "eks":
      return new EksRunnerStack(app, id, {
        region: "eu-west-1",
        cluster: { clusterName: cluster },
      }) as unknown as AnyStack;
    case "gke":
      return new GkeRunnerStack(app, id, {
        project: "acme-ci",
        region: "europe-west1",
        cluster: { clusterName: cluster, location: "europe-west1" },
      }) as unknown as AnyStack;
    case "aks":
      return new AksRunnerStack(app, id, {
        subscriptionId: "00000000-0000-0000-0000-000000000000",
        cluster: { clusterName: cluster, resourceGroupName: "rg-ci" },
      }) as unknown as AnyStack;
  }
}

function identity(cloud: Cloud, pool: string): object | undefined {
  const restrictTo = { namespace: pool };
  switch (cloud) {
    case "kubernetes":
      return undefined;
    case "eks":
      return {
        irsa: {
          roleName: `ci-${pool}`,
          restrictTo,
          inlinePolicies: {
            cache: {
              Statement: [
                {
                  Effect: "Allow",
                  Action: ["s3:GetObject", "s3:PutObject"],
                  Resource: [`arn:aws:s3:::acme-runner-cache/${pool}/*`],
                },
              ],
            },
          },
        },
      };
    case "gke":
      return {
        workloadIdentity: {
          accountId: `ci-${pool}`.slice(0, 30),
          restrictTo,
          projectRoles: ["roles/storage.objectUser"],
        },
      };
    case "aks":
      return { workloadIdentity: { name: `ci-${pool}`, restrictTo } };
  }
}

function gitlabRunner(maxRunners: number, cloud: Cloud): CustomChartRunner {
  return new CustomChartRunner({
    chart: ChartSource.fromRepository("https://charts.gitlab.io", "gitlab-runner", "0.71.0"),
    values: {
      gitlabUrl: "https://gitlab.com/",
      concurrent: maxRunners,
      rbac: { create: false },
      serviceAccount: { create: false },
      runners: { secret: "gitlab-runner-token" },
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
        bindIdentity: true,
        rules: [
          { resources: ["pods"], verbs: ["create", "delete", "get", "list", "watch"] },
          { resources: ["pods/exec", "pods/attach"], verbs: ["create", "get", "patch", "delete"] },
          { resources: ["pods/log"], verbs: ["get", "list"] },
          { resources: ["secrets", "configmaps"], verbs: ["create", "delete", "get", "update"] },
        ],
      },
    ],
    podLabelsValuesPath: cloud === "aks" ? "podLabels" : undefined,
    scaling: { mode: "self-managed", maxRunners },
  });
}

/** Adds `pools` pools over `stacks` stacks to an app. */
export function buildFleet(app: App, pools: number, stacks: number, variant = false): void {
  const all = Array.from({ length: Math.min(stacks, pools) }, (_, s) =>
    newStack(app, CLOUDS[s % CLOUDS.length], s),
  );
  const controllers = new Map<AnyStack, ArcScaleSetController>();
  const kubiya = new Set<AnyStack>();
  for (let i = 0; i < pools; i++) {
    const s = i % all.length;
    const stack = all[s];
    const cloud = CLOUDS[s % CLOUDS.length];
    const maxRunners = variant && i % 10 === 0 ? 25 : 20;
    const turn = i % 3 === 2 && kubiya.has(stack) ? 0 : i % 3;
    switch (turn) {
      case 0: {
        const id = `p${i}-gitlab`;
        stack.addPool(id, {
          namespace,
          identity: identity(cloud, id),
          platform: gitlabRunner(maxRunners, cloud),
        } as never);
        break;
      }
      case 1: {
        let controller = controllers.get(stack);
        if (!controller) {
          controller = new ArcScaleSetController(stack, "arc-controller", {
            namespace: "arc-systems",
            cluster: stack.connection.networkFlows,
          });
          controllers.set(stack, controller);
        }
        stack.addPool(`p${i}-arc`, {
          namespace: { ...namespace, podSecurity: "baseline" },
          platform: new ArcRunnerScaleSet({
            controller,
            githubConfigUrl: "https://github.com/example-org",
            githubCredentials: ArcGithubCredentials.fromSecretName("arc-github-app"),
            minRunners: 0,
            maxRunners,
            runnerScaleSetName: `p${i}-linux`,
            containerMode: {
              type: "kubernetes",
              workVolumeClaim: { size: "10Gi", storageClassName: "standard" },
            },
            resources: { requests: { cpu: "500m", memory: "1Gi" } },
          }),
        } as never);
        break;
      }
      default: {
        const id = `p${i}-kubiya`;
        kubiya.add(stack);
        const sensitive = (name: string) =>
          SensitiveValue.fromVariable(
            new TerraformVariable(stack, `${id}_${name}`, { type: "string", sensitive: true }),
          );
        stack.addPool(id, {
          namespaceName: id,
          namespace: {
            podSecurity: { enforce: "privileged", audit: "restricted", warn: "restricted" },
          },
          platform: new KubiyaRunner({
            organization: "acme",
            uuid: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
            runnerName: `acme-${id}`,
            nats: {
              jwt: sensitive("nats_jwt"),
              secondJwt: sensitive("nats_second_jwt"),
              subject: `kubiya.metrics.acme.acme-${id}`,
            },
            registryTls: {
              certificateBase64: new TerraformVariable(stack, `${id}_registry_tls_crt`, {
                type: "string",
              }).stringValue,
              keyBase64: sensitive("registry_tls_key"),
            },
          }),
        } as never);
      }
    }
  }
}

if (require.main === module) {
  process.env.CHECKPOINT_DISABLE = "1";
  const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out", stackTraces: false });
  buildFleet(
    app,
    Number(process.argv[2] ?? 1),
    Number(process.argv[3] ?? 1),
    process.env.BENCH_FLEET_VARIANT === "1",
  );
  app.synth();
}
