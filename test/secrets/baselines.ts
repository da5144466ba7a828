// Valid apps whose every props object is tagged with its interface name (`plant("Iface", {…})`)
// and every string argument of a public factory with `arg("Class.method", i, value)`, so the
// canary suite can put a canary into any one input the API report lists.
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { EnvValue } from "../../lib/kubernetes/env-value";
import { RunnerNamespace } from "../../lib/kubernetes/runner-namespace";
import { ArcLegacyController } from "../../lib/platforms/arc/legacy/legacy-controller";
import { ArcRunnerDeployment } from "../../lib/platforms/arc/legacy/runner-deployment";
import { ArcRunnerScaleSet } from "../../lib/platforms/arc/scale-set/runner-scale-set";
import { ArcScaleSetController } from "../../lib/platforms/arc/scale-set/scale-set-controller";
import { ArcGithubCredentials } from "../../lib/platforms/arc/shared/github-credentials";
import { CustomChartRunner } from "../../lib/platforms/custom-chart/custom-chart-runner";
import { KubiyaRunner } from "../../lib/platforms/kubiya/kubiya-runner";
import { ChartSource } from "../../lib/release/chart-source";
import { RunnerRelease } from "../../lib/release/runner-release";
import { SensitiveValue } from "../../lib/release/sensitive-value";
import { KubernetesRunnerStack } from "../../stacks/kubernetes-runner-stack";
import { EksRunnerStack } from "../../stacks/eks-runner-stack";
import { GkeRunnerStack } from "../../stacks/gke-runner-stack";
import { AksRunnerStack } from "../../stacks/aks-runner-stack";
import { AwsPodIdentity } from "../../lib/aws/pod-identity";
import { Rules } from "../../lib/core/rules/report";
import { RoleGrant } from "../../lib/kubernetes/role-grant";
import { RunnerServiceAccount } from "../../lib/kubernetes/runner-service-account";
import { AgentKey } from "../../lib/platforms/humanitec/agent-key";
import { GeneratedAgentKey } from "../../lib/platforms/humanitec/generated-agent-key";
import { HumanitecAgentRunner } from "../../lib/platforms/humanitec/humanitec-agent-runner";
import { KubernetesAgentRunnerResource } from "../../lib/platforms/humanitec/orchestrator/kubernetes-agent-runner";
import { PlatformOrchestratorProvider } from "../../lib/platforms/humanitec/orchestrator/provider";
import { RunnerRuleResource } from "../../lib/platforms/humanitec/orchestrator/runner-rule";
import { SophosFactoryRunner } from "../../lib/platforms/sophos-factory/sophos-factory-runner";
import { arcScaleSetFlows } from "../../lib/platforms/arc/shared/arc-flows";
import * as path from "path";
import { boundRunner } from "../support/fixtures";

/** Returns the props object, with the planted input set when it is this interface's. */
export type Plant = <T extends object>(iface: string, props: T) => T;
/** Returns the argument, or the canary when it is this factory parameter. */
export type Arg = <T>(method: string, index: number, value: T) => T;

/** A valid app, built with planting hooks. */
export interface Baseline {
  readonly name: string;
  readonly build: (app: App, plant: Plant, arg: Arg) => void;
}

/**
 * An OCI registry login of the helm provider. The connection is built in the stack's
 * constructor, so the password names the variable `registry_password`, declared by
 * {@link declareRegistryPassword} once the stack exists.
 */
function registryLogin(plant: Plant, arg: Arg = (_m, _i, v) => v) {
  return plant("HelmRegistryLogin", {
    url: "oci://registry.example.com",
    username: "ci",
    password: SensitiveValue.fromVariableName(
      arg("SensitiveValue.fromVariableName", 0, "registry_password"),
    ),
  });
}

function declareRegistryPassword(stack: TerraformStack): void {
  new TerraformVariable(stack, "registry_password", { type: "string", sensitive: true });
}

function kubeStack(
  app: App,
  id: string,
  plant: Plant,
  arg: Arg = (_m, _i, v) => v,
): KubernetesRunnerStack {
  const stack = new KubernetesRunnerStack(
    app,
    id,
    plant("KubernetesRunnerStackProps", {
      kubeconfig: plant("KubeconfigConnectionProps", {
        configPath: "~/.kube/config",
        context: "ci",
        apiServer: plant("KubeconfigApiServer", { ports: [443], cidrs: ["10.0.0.1/32"] }),
        helmRegistries: [registryLogin(plant, arg)],
      }),
    }),
  );
  declareRegistryPassword(stack);
  return stack;
}

function sensitive(stack: TerraformStack, name: string): SensitiveValue {
  return SensitiveValue.fromVariable(
    new TerraformVariable(stack, name, { type: "string", sensitive: true }),
  );
}

const podOptions = (plant: Plant, arg: Arg) => ({
  env: [
    plant("EnvVar", { name: "RUNNER_FEATURE", value: "on" }),
    plant("EnvVar", {
      name: "FROM_SECRET",
      value: EnvValue.fromSecret(plant("EnvSecretSource", { secretName: "ci", key: "k" })),
    }),
    plant("EnvVar", {
      name: "FROM_VALUE",
      value: EnvValue.fromValue(arg("EnvValue.fromValue", 0, "debug")),
    }),
  ],
  tolerations: [
    plant("Toleration", {
      key: "ci",
      operator: "Equal" as const,
      value: "true",
      effect: "NoSchedule" as const,
    }),
  ],
  resources: plant("ResourceRequirements", {
    requests: { cpu: "1", memory: "2Gi" },
    limits: { cpu: "2", memory: "4Gi" },
  }),
  nodeSelector: { pool: "ci" },
  topologySpreadConstraints: [
    plant("TopologySpreadConstraint", {
      maxSkew: 1,
      topologyKey: "kubernetes.io/hostname",
      whenUnsatisfiable: "ScheduleAnyway" as const,
      matchLabels: { app: "runner" },
    }),
  ],
});

/** ARC scale set controller and a scale set in kubernetes mode, in a pool with every namespace option. */
const scaleSet: Baseline = {
  name: "arc scale set",
  build(app, plant, arg) {
    const stack = kubeStack(app, "scale-set", plant);
    const controller = new ArcScaleSetController(
      stack,
      "arc",
      plant("ArcScaleSetControllerProps", {
        namespace: "arc-systems",
        releaseName: "arc",
        chartRegistry: "oci://ghcr.io/actions/actions-runner-controller-charts",
        serviceAccountAnnotations: { "example.com/owner": "platform" },
        requests: { cpu: "100m" },
        limits: { memory: "256Mi" },
        values: { podAnnotations: { "example.com/team": "ci" } },
      }),
    );
    const { env, tolerations, resources, nodeSelector, topologySpreadConstraints } = podOptions(
      plant,
      arg,
    );
    stack.addPool(
      "scale",
      plant("RunnerPoolProps", {
        labels: { team: "ci" },
        namespace: plant("RunnerNamespaceOptions", {
          podSecurity: "baseline" as const,
          labels: { "example.com/tier": "ci" },
          annotations: { "example.com/owner": "platform" },
          resourceQuota: { pods: "50" },
          limitRange: plant("LimitRangeOptions", {
            defaultRequests: { cpu: "250m" },
            defaultLimits: { cpu: "1" },
            max: { cpu: "4" },
          }),
        }),
        platform: new ArcRunnerScaleSet(
          plant("ArcRunnerScaleSetProps", {
            controller,
            githubConfigUrl: "https://github.com/example-org",
            githubCredentials: ArcGithubCredentials.fromApp(
              plant("ArcGithubAppCredentials", {
                appId: "123456",
                installationId: "654321",
                privateKey: sensitive(stack, "github_app_private_key"),
              }),
            ),
            maxRunners: 5,
            runnerGroup: "default",
            runnerScaleSetName: "linux-x64",
            labels: ["linux"],
            runnerImage: "ghcr.io/actions/actions-runner:2.334.0",
            podAnnotations: { "example.com/team": "ci" },
            listenerNodeSelector: { pool: "system" },
            githubServerTls: plant("ArcGithubServerTls", {
              configMapName: "ghes-ca",
              key: "ca.crt",
              runnerMountPath: "/usr/local/share/ca-certificates/",
            }),
            proxy: plant("ArcProxy", {
              https: plant("ArcProxyEndpoint", {
                url: "http://proxy.example.com:3128",
                credentialSecretRef: "proxy-credentials",
              }),
              noProxy: ["kubernetes.default.svc"],
            }),
            containerMode: plant("ArcKubernetesContainerMode", {
              type: "kubernetes" as const,
              jobPod: plant("ArcJobPodOptions", {
                nodeSelector: { pool: "jobs" },
                serviceContainerNames: ["redis"],
              }),
              workVolumeClaim: plant("ArcKubernetesContainerMode", {
                storageClassName: "standard",
                size: "10Gi",
              }),
            }),
            env,
            tolerations,
            resources,
            nodeSelector,
            topologySpreadConstraints,
            values: { template: { metadata: { annotations: { "example.com/x": "y" } } } },
          }),
        ),
      }),
    );
    void arg;
  },
};

/** Legacy ARC: controller with the webhook server behind an Ingress, a RunnerDeployment with an HRA. */
const legacy: Baseline = {
  name: "arc legacy",
  build(app, plant, arg) {
    const stack = kubeStack(app, "legacy", plant);
    const controller = new ArcLegacyController(
      stack,
      "arc",
      plant("ArcLegacyControllerProps", {
        githubCredentials: ArcGithubCredentials.fromSecretName(
          arg("ArcGithubCredentials.fromSecretName", 0, "controller-manager"),
        ),
        syncPeriod: "1m",
        defaultScaleDownDelay: "10m",
        namespace: "arc-legacy",
        releaseName: "arc-legacy",
        apiServerCidrs: ["10.0.0.1/32"],
        values: { podAnnotations: { "example.com/team": "ci" } },
        githubWebhookServer: plant("ArcGithubWebhookServerOptions", {
          secretToken: { value: sensitive(stack, "github_webhook_secret") },
          serviceType: "NodePort" as const,
          serviceAnnotations: { "example.com/lb": "internal" },
          ingress: plant("ArcWebhookIngressOptions", {
            className: "nginx",
            hosts: ["arc-webhook.example.com"],
            tlsSecretName: "arc-webhook-tls",
            path: "/",
            annotations: { "example.com/ingress": "public" },
          }),
        }),
      }),
    );
    const { env, tolerations, resources, nodeSelector } = podOptions(plant, arg);
    stack.addPool(
      "legacy",
      plant("RunnerPoolProps", {
        namespace: {
          podSecurity: plant("PodSecurityOptions", {
            enforce: "privileged" as const,
            version: "v1.35",
          }),
        },
        platform: new ArcRunnerDeployment(
          plant("ArcLegacyRunnerOptions", {
            controller,
            organization: "example-org",
            labels: ["linux"],
            group: "default",
            image: "summerwind/actions-runner:v2.334.0-ubuntu-22.04",
            dockerRegistryMirror: "https://mirror.gcr.io",
            workDir: "/runner/_work",
            volumeSizeLimit: "20Gi",
            priorityClassName: "ci",
            env,
            tolerations,
            resources,
            nodeSelector,
            dockerVolumeMounts: [
              plant("VolumeMount", { name: "cache", mountPath: "/cache", subPath: "docker" }),
            ],
            volumes: [{ name: "cache", emptyDir: {} }],
            sidecarContainers: [
              { name: "sidecar", image: "busybox:1.36", env: [{ name: "A", value: "b" }] },
            ],
            autoscaling: plant("HorizontalRunnerAutoscalerOptions", {
              minReplicas: 0,
              maxReplicas: 10,
              metrics: [
                plant("PercentageRunnersBusyMetric", {
                  type: "PercentageRunnersBusy" as const,
                  scaleUpThreshold: "0.75",
                  scaleDownThreshold: "0.25",
                  scaleUpFactor: "2",
                  scaleDownFactor: "0.5",
                }),
                plant("QueuedAndInProgressWorkflowRunsMetric", {
                  type: "TotalNumberOfQueuedAndInProgressWorkflowRuns" as const,
                  repositoryNames: ["web"],
                }),
              ],
              scaleUpTriggers: [
                plant("HraScaleUpTrigger", { githubEvent: { workflowJob: {} }, duration: "30m" }),
              ],
              scheduledOverrides: [
                plant("HraScheduledOverride", {
                  startTime: "2025-01-06T08:00:00+01:00",
                  endTime: "2025-01-06T18:00:00+01:00",
                  minReplicas: 1,
                  recurrenceRule: plant("HraRecurrenceRule", {
                    frequency: "Daily" as const,
                    untilTime: "2026-01-01T00:00:00Z",
                  }),
                }),
              ],
            }),
          }),
        ),
      }),
    );
  },
};

/** A custom chart from a repository, a release of an OCI chart, and a Kubiya runner. */
const charts: Baseline = {
  name: "charts",
  build(app, plant, arg) {
    const stack = kubeStack(app, "charts", plant);
    const token = new TerraformVariable(stack, "token_ref", { type: "string", sensitive: true });
    stack.addPool(
      "gitlab",
      plant("RunnerPoolProps", {
        namespaceName: "gitlab",
        platform: new CustomChartRunner(
          plant("CustomChartRunnerProps", {
            chart: ChartSource.fromRepository(
              arg("ChartSource.fromRepository", 0, "https://charts.gitlab.io"),
              arg("ChartSource.fromRepository", 1, "gitlab-runner"),
              arg("ChartSource.fromRepository", 2, "0.71.0"),
            ),
            releaseName: "gitlab-runner",
            values: { gitlabUrl: "https://gitlab.com", runners: { config: "[[runners]]\n" } },
            sensitiveValues: {
              runnerToken: SensitiveValue.fromSecretReference(
                arg("SensitiveValue.fromSecretReference", 0, token.stringValue),
              ),
            },
            podLabelsValuesPath: "podLabels",
            serviceAccounts: [
              plant("CustomChartServiceAccount", {
                id: "runner",
                name: "gitlab-runner",
                valuesPath: "rbac",
              }),
            ],
          }),
        ),
      }),
    );
    new RunnerRelease(
      stack,
      "Oci",
      plant("RunnerReleaseProps", {
        namespace: RunnerNamespace.fromNamespaceName(
          stack,
          "Ns",
          arg("RunnerNamespace.fromNamespaceName", 0, "ci"),
        ),
        releaseName: "oci-chart",
        description: "an OCI chart",
        chart: ChartSource.fromOci(
          arg("ChartSource.fromOci", 0, "oci://ghcr.io/example/charts"),
          arg("ChartSource.fromOci", 1, "runner"),
          arg("ChartSource.fromOci", 2, "1.2.3"),
        ),
        values: { replicaCount: 1 },
      }),
    );
    stack.addPool(
      "kubiya",
      plant("RunnerPoolProps", {
        namespaceName: "kubiya",
        namespace: { podSecurity: "privileged" as const },
        platform: new KubiyaRunner(
          plant("KubiyaRunnerProps", {
            organization: "acme",
            uuid: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
            runnerName: "ci-runner",
            nats: plant("KubiyaNats", {
              jwt: sensitive(stack, "nats_jwt"),
              secondJwt: sensitive(stack, "nats_second_jwt"),
              subject: "kubiya.metrics.acme.ci-runner",
            }),
            registryTls: plant("KubiyaRegistryTls", {
              certificateBase64: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==",
              keyBase64: sensitive(stack, "registry_tls_key"),
            }),
            metrics: plant("KubiyaMetricsOptions", { scrapeFromNamespaces: ["monitoring"] }),
            values: { extra: { note: "n" } },
          }),
        ),
      }),
    );
  },
};

/** EKS with IRSA (stack option), Pod Identity (stack option, and stand-alone on a given cluster), flows. */
const eks: Baseline = {
  name: "eks",
  build(app, plant) {
    const aws = plant("EksRunnerStackProps", {
      profile: "ci",
      allowedAccountIds: ["123456789012"],
      defaultTags: { team: "ci" },
      assumeRoleArn: "arn:aws:iam::123456789012:role/deployer",
    });
    const stack = new EksRunnerStack(
      app,
      "eks",
      plant("EksRunnerStackProps", {
        region: "eu-west-1",
        aws,
        installPodIdentityAgent: true,
        cluster: plant("EksClusterConnectionProps", {
          clusterName: "eks-ci",
          region: "eu-west-1",
          awsProfile: "ci",
          roleArn: "arn:aws:iam::123456789012:role/deployer",
          helmRegistries: [registryLogin(plant)],
          attributes: plant("EksClusterAttributes", {
            endpoint: "https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com",
            certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==",
            oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789",
          }),
        }),
      }),
    );
    declareRegistryPassword(stack);
    const statement = () =>
      plant("AwsPolicyStatement", {
        Sid: "Artifacts",
        Effect: "Allow" as const,
        Action: ["s3:GetObject"],
        Resource: ["arn:aws:s3:::acme-artifacts/*"],
        Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } },
      });
    const denyStatement = () =>
      plant("AwsPolicyStatement", {
        Effect: "Deny" as const,
        NotAction: ["s3:*"],
        NotResource: ["arn:aws:s3:::acme-artifacts/*"],
      });
    const role = (name: string) =>
      plant("AwsRoleOptions", {
        roleName: name,
        description: "CI runner pods",
        path: "/ci/",
        permissionsBoundary: "arn:aws:iam::123456789012:policy/ci-boundary",
        managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        tags: { team: "ci" },
        inlinePolicies: {
          artifacts: plant("AwsPolicyDocument", {
            Version: "2012-10-17",
            Statement: [statement(), denyStatement()],
          }),
        },
      });
    stack.addPool("irsa", {
      poolName: "irsa",
      identity: {
        irsa: plant("AwsIrsaIdentityOptions", {
          ...role("eks-ci-irsa"),
          oidcProviderArn:
            "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789",
          restrictTo: plant("SubjectRestriction", {
            namespace: "irsa",
            serviceAccountName: "runner",
          }),
        }),
      },
      platform: boundRunner(),
    });
    stack.addPool("pod-identity", {
      poolName: "pod-identity",
      identity: {
        podIdentity: plant("AwsPodIdentityOptions", {
          ...plant("AwsRoleOptions", { roleNamePrefix: "eks-ci-" }),
        }),
      },
      platform: boundRunner(),
    });
    const standalone = new AwsPodIdentity(stack, "StandAlone", {
      cluster: plant("AwsPodIdentityCluster", {
        clusterName: "eks-ci",
        clusterArn: "arn:aws:eks:eu-west-1:123456789012:cluster/eks-ci",
      }),
      podIdentityAgent: stack.podIdentityAgent,
      roleName: "eks-ci-standalone",
    });
    stack.addPool("standalone", {
      poolName: "standalone",
      identity: standalone,
      platform: boundRunner(),
    });
  },
};

/** GKE: both Workload Identity modes (service-account with an existing GSA, and direct). */
const gke: Baseline = {
  name: "gke",
  build(app, plant) {
    const stack = new GkeRunnerStack(
      app,
      "gke",
      plant("GkeRunnerStackProps", {
        project: "acme-ci",
        region: "europe-west1",
        cluster: plant("GkeClusterConnectionProps", {
          clusterName: "gke-ci",
          location: "europe-west1",
          project: "acme-ci",
          projectNumber: "123456789012",
          helmRegistries: [registryLogin(plant)],
          network: plant("GkeNetworkOptions", {
            dataplane: "v2" as const,
            dnsCidrs: ["169.254.20.10/32"],
          }),
        }),
      }),
    );
    declareRegistryPassword(stack);
    stack.addPool("sa", {
      poolName: "gke-sa",
      identity: {
        workloadIdentity: plant("GkeWorkloadIdentityOptions", {
          mode: "service-account" as const,
          accountId: "ci-runner",
          displayName: "CI runner",
          description: "CI runner pods",
          grantProject: "acme-apps",
          projectRoles: ["roles/storage.objectViewer"],
          restrictTo: plant("SubjectRestriction", {
            namespace: "gke-sa",
            serviceAccountName: "runner",
          }),
        }),
      },
      platform: boundRunner(),
    });
    stack.addPool("existing", {
      poolName: "gke-existing",
      identity: {
        workloadIdentity: plant("GkeWorkloadIdentityOptions", {
          existingServiceAccountEmail: "ci-runner@acme-ci.iam.gserviceaccount.com",
        }),
      },
      platform: boundRunner(),
    });
    stack.addPool("direct", {
      poolName: "gke-direct",
      identity: {
        workloadIdentity: plant("GkeWorkloadIdentityOptions", {
          mode: "direct" as const,
          projectRoles: ["roles/storage.objectViewer"],
        }),
      },
      platform: boundRunner(),
    });
  },
};

/** AKS with Entra ID credentials (kubelogin) and a workload identity with role assignments. */
const aks: Baseline = {
  name: "aks",
  build(app, plant) {
    const stack = new AksRunnerStack(
      app,
      "aks",
      plant("AksRunnerStackProps", {
        subscriptionId: "00000000-0000-0000-0000-000000000000",
        tenantId: "11111111-1111-1111-1111-111111111111",
        cluster: plant("AksClusterConnectionProps", {
          clusterName: "aks-ci",
          resourceGroupName: "rg-ci",
          credentials: "entra-id" as const,
          helmRegistries: [registryLogin(plant)],
          kubelogin: plant("KubeloginOptions", {
            loginMode: "azurecli" as const,
            serverId: "6dae42f8-4368-4678-94ff-3960e28e3630",
          }),
        }),
      }),
    );
    declareRegistryPassword(stack);
    stack.addPool("wi", {
      poolName: "aks-wi",
      identity: {
        workloadIdentity: plant("AksWorkloadIdentityOptions", {
          name: "aks-ci-runner",
          location: "westeurope",
          resourceGroupName: "rg-identities",
          tags: { team: "ci" },
          restrictTo: plant("SubjectRestriction", {
            namespace: "aks-wi",
            serviceAccountName: "runner",
          }),
          roleAssignments: {
            reader: plant("AzureRoleAssignment", {
              scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apps",
              roleDefinitionName: "Reader",
              description: "read the apps",
            }),
            byId: plant("AzureRoleAssignment", {
              scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data",
              roleDefinitionId:
                "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7",
            }),
          },
        }),
      },
      platform: boundRunner({ podLabelsValuesPath: "podLabels" }),
    });
  },
};

/** A job pod template with every field (labels, env, pull secrets, image). */
const jobPodTemplate = (plant: Plant) =>
  plant("HumanitecJobPodTemplate", {
    labels: { "app.kubernetes.io/name": "humanitec-runner" },
    annotations: { "example.com/team": "platform" },
    image: "registry.example.com/humanitec/runner:1.0.0",
    env: { TF_LOG: "info" },
    secretEnv: {
      TF_VAR_db_password: plant("SecretKeyRef", { secretName: "tf-secrets", key: "db-password" }),
    },
    imagePullSecrets: ["registry-credentials"],
  });

/** Humanitec: private-key transport (Humanitec's chart), NATS and gateway (Platform Orchestrator chart), the resources stand-alone. */
const humanitec: Baseline = {
  name: "humanitec",
  build(app, plant, arg) {
    const stack = kubeStack(app, "humanitec", plant);
    const publicKey = new TerraformVariable(stack, "runner_public_key", { type: "string" });
    const provider = new PlatformOrchestratorProvider(
      stack,
      "Po",
      plant("PlatformOrchestratorProviderConfig", {
        alias: "po",
        orchestrator: "humanitec" as const,
        orgId: "acme",
        apiUrl: "https://api.example.com",
        authToken: sensitive(stack, "po_token").expression,
        configFile: "~/.config/octl/config.yaml",
      }),
    );
    stack.addPool("humanitec", {
      poolName: "humanitec-agent",
      platform: new HumanitecAgentRunner(
        plant("HumanitecAgentRunnerProps", {
          orgId: "acme",
          runnerId: "kubernetes-agent-ci",
          description: "kubernetes-agent runner",
          chart: HumanitecAgentRunner.chart(
            arg("HumanitecAgentRunner.chart", 0, "0.1.7"),
            arg("HumanitecAgentRunner.chart", 1, "oci://ghcr.io/humanitec/charts"),
          ),
          agentKey: AgentKey.fromExistingSecret(
            plant("ExistingAgentKeyProps", {
              secretName: "humanitec-agent-private-key",
              secretKey: "private_key",
              publicKeyPem: publicKey.stringValue,
            }),
          ),
          image: plant("HumanitecAgentRunnerProps", {
            repository: "registry.example.com/humanitec/agent",
            tag: "1.2.3",
          }),
          orchestratorUrl: "https://api.humanitec.example.com",
          extraEnvVars: { TF_LOG: "info" },
          runnerServiceAccountName: "agent",
          jobNamespaceName: "humanitec-jobs",
          jobServiceAccountName: "agent-job",
          jobPodTemplate: jobPodTemplate(plant),
          runnerRules: [
            plant("HumanitecRunnerRule", { projectId: "web", envTypeId: "development" }),
          ],
          releaseName: "agent",
          waitForAgent: false,
        }),
      ),
    });
    stack.addPool("nats", {
      poolName: "humanitec-nats",
      platform: new HumanitecAgentRunner({
        orgId: "acme",
        runnerId: "kubernetes-agent-nats",
        chart: HumanitecAgentRunner.platformOrchestratorChart(
          arg("HumanitecAgentRunner.platformOrchestratorChart", 0, "0.2.1"),
          arg(
            "HumanitecAgentRunner.platformOrchestratorChart",
            1,
            "oci://ghcr.io/humanitec/charts",
          ),
        ),
        provider,
        transport: plant("HumanitecNatsTransport", {
          type: "nats" as const,
          url: "tls://nats.example.com:4222",
          mode: "edge" as const,
          existingSecret: "nats-credentials",
          auth: plant("HumanitecNatsTransport", { type: "credentials" as const, key: "creds" }),
          caKey: "ca.crt",
          jobCredentialsSecret: "nats-job-credentials",
          outbox: plant("HumanitecOutbox", { storageClassName: "efs", size: "2Gi" }),
        }),
        agentKey: AgentKey.fromExistingSecret({
          secretName: "nats-agent-key",
          publicKeyPem: publicKey.stringValue,
        }),
        waitForAgent: false,
      }),
    });
    stack.addPool("gateway", {
      poolName: "humanitec-gateway",
      platform: new HumanitecAgentRunner({
        orgId: "acme",
        runnerId: "kubernetes-agent-gateway",
        chart: HumanitecAgentRunner.platformOrchestratorChart("0.3.0"),
        provider,
        transport: plant("HumanitecGatewayTransport", {
          type: "gateway" as const,
          url: "https://gateway.example.com",
          ca: plant("HumanitecGatewayTransport", { secretName: "gateway-ca", key: "ca.crt" }),
          jobCaSecret: "gateway-ca-jobs",
          clientCertificate: plant("HumanitecGatewayTransport", {
            secretName: "gateway-client",
            certificateKey: "tls.crt",
            keyKey: "tls.key",
          }),
        }),
        agentKey: new GeneratedAgentKey(
          plant("GeneratedAgentKeyProps", { secretName: "generated-agent-key", secretKey: "pk" }),
        ),
        waitForAgent: false,
      }),
    });
    const registration = new KubernetesAgentRunnerResource(
      stack,
      "Registration",
      plant("KubernetesAgentRunnerResourceConfig", {
        provider,
        runnerId: "kubernetes-agent-manual",
        description: "registered by hand",
        runnerConfiguration: plant("KubernetesAgentRunnerConfiguration", {
          key: publicKey.stringValue,
          job: plant("KubernetesAgentRunnerJob", {
            namespace: "manual-jobs",
            serviceAccount: "manual-job",
            podTemplate: JSON.stringify({ metadata: { labels: { app: "runner" } } }),
          }),
        }),
        stateStorageConfiguration: { type: "kubernetes" as const, namespace: "manual-jobs" },
      }),
    );
    // The self-hosted Orchestrator, in its own stack (one provider kind per stack).
    const selfHosted = kubeStack(app, "humanitec-self-hosted", plant);
    selfHosted.addPool("agent", {
      poolName: "po-agent",
      platform: new HumanitecAgentRunner({
        orgId: "acme",
        runnerId: "kubernetes-agent-po",
        chart: HumanitecAgentRunner.platformOrchestratorChart("0.1.2"),
        orchestrator: "self-hosted" as const,
        orchestratorUrl: "https://po.example.com",
        extraEnvVars: [
          plant("EnvVar", { name: "TF_LOG", value: "info" }),
          plant("EnvVar", {
            name: "GH_PAT",
            value: EnvValue.fromSecret({ secretName: "github", key: "pat" }),
          }),
        ],
        agentKey: AgentKey.fromExistingSecret({
          secretName: "po-agent-key",
          publicKeyPem: new TerraformVariable(selfHosted, "po_public_key", { type: "string" })
            .stringValue,
        }),
        runnerRules: [{ envTypeId: "development" }],
        waitForAgent: false,
      }),
    });
    new RunnerRuleResource(
      stack,
      "Rule",
      plant("RunnerRuleResourceConfig", {
        provider,
        runnerId: registration.runnerIdRef,
        projectId: "web",
        envTypeId: "development",
      }),
    );
  },
};

/** Sophos Factory with the example's stand-in chart. */
const sophos: Baseline = {
  name: "sophos",
  build(app, plant) {
    const stack = kubeStack(app, "sophos", plant);
    stack.addPool("factory", {
      poolName: "factory",
      platform: new SophosFactoryRunner(
        plant("SophosFactoryRunnerProps", {
          chartPath: path.join(
            __dirname,
            "..",
            "..",
            "examples",
            "sophos-factory-eks",
            "charts",
            "factory-rm",
          ),
          runnerManagerId: "64f1c0ffee0123456789abcd",
          runnerManagerKey: sensitive(stack, "runner_manager_key"),
          environment: "prod",
          agentApiFqdn: "agent-api.us.factory.sophos.com",
          name: "ci-pool",
          runnerNamespaceName: "factory-runners",
          runnerImage: plant("SophosRunnerImage", {
            registry: "registry.example.com",
            repository: "sophos/factory-runner",
            tag: "1.106.0",
          }),
          runnerResources: plant("SophosRunnerResources", {
            cpuRequest: "500m",
            cpuLimit: "2",
            memoryRequest: "1Gi",
            memoryLimit: "4Gi",
          }),
          valuesLayout: plant("SophosValuesLayout", {
            secretsPath: "secrets",
            configPath: "config",
          }),
          values: { podAnnotations: { "example.com/team": "ci" } },
          releaseName: "factory-rm",
        }),
      ),
    });
  },
};

/** Kubiya with telemetry. */
const kubiyaTelemetry: Baseline = {
  name: "kubiya telemetry",
  build(app, plant) {
    const stack = kubeStack(app, "kubiya", plant);
    stack.addPool("kubiya", {
      namespaceName: "kubiya",
      namespace: { podSecurity: "privileged" as const },
      platform: new KubiyaRunner({
        organization: "acme",
        uuid: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
        runnerName: "ci-runner",
        nats: {
          jwt: sensitive(stack, "nats_jwt"),
          secondJwt: sensitive(stack, "nats_second_jwt"),
          subject: "kubiya.metrics.acme.ci-runner",
        },
        registryTls: {
          certificateBase64: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==",
          keyBase64: sensitive(stack, "registry_tls_key"),
        },
        telemetry: plant("KubiyaTelemetry", {
          clientId: "kubiya-telemetry",
          clientSecret: { secretName: "telemetry", key: "client-secret" },
          tokenUrl: "https://auth.example.com/oauth/token",
          remoteWriteUrl: "https://prometheus.example.com/api/v1/write",
        }),
      }),
    });
  },
};

/** Pool flows and cluster paths; network policy options; RBAC, namespaces and service accounts stand-alone; local chart; suppressions. */
const kubernetesParts: Baseline = {
  name: "kubernetes parts",
  build(app, plant, arg) {
    const stack = kubeStack(app, "parts", plant, arg);
    const peer = () =>
      plant("NetworkPeer", {
        cidr: "10.0.0.0/8",
        except: ["10.1.0.0/16"],
      });
    const selectorPeer = () =>
      plant("NetworkPeer", {
        namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" },
        podLabels: { app: "prometheus" },
      });
    const pool = stack.addPool("flows", {
      poolName: "flows",
      cluster: plant("ClusterNetworkFlows", {
        apiServer: plant("ClusterNetworkFlows", { ports: [443], cidrs: ["10.0.0.1/32"] }),
        dns: plant("ClusterNetworkFlows", {
          namespace: "kube-system",
          cidrs: ["169.254.20.10/32"],
        }),
      }),
      namespace: {
        networkPolicy: plant("RunnerNetworkPolicyOptions", {
          dnsNamespace: "kube-system",
          dnsCidrs: ["169.254.20.10/32"],
          egress: [
            plant("NetworkRule", {
              name: "db",
              ports: [plant("NetworkPort", { port: 5432 })],
              peers: [peer()],
              podLabels: { app: "runner" },
            }),
          ],
          ingress: [
            plant("NetworkRule", {
              name: "metrics",
              ports: [plant("NetworkPort", { port: "metrics" })],
              peers: [selectorPeer()],
            }),
          ],
        }),
      },
      flows: [
        plant("PoolFlow", {
          name: "cache",
          direction: "egress" as const,
          peers: [peer()],
          ports: [plant("FlowPort", { port: 6379 })],
          podLabels: { app: "runner" },
          namespaceRoles: ["runners"],
          reason: "build cache",
        }),
      ],
      platform: new CustomChartRunner({
        chart: ChartSource.fromLocalPath(
          arg(
            "ChartSource.fromLocalPath",
            0,
            path.join(__dirname, "..", "terraform", "charts", "e2e-runner"),
          ),
        ),
        releaseName: "e2e-runner",
      }),
    });
    const ns = pool.namespace as unknown as RunnerNamespace;
    ns.networkPolicies?.addFlow(
      plant("NetworkFlow", {
        name: "extra",
        direction: "egress" as const,
        rules: [{ peers: [peer()], ports: [plant("FlowPort", { port: 8443 })] }],
        podLabels: { app: "runner" },
        reason: "an extra flow",
        component: "runner",
        policyName: "allow-egress-extra",
      }),
      plant("FlowPlacement", { id: "Extra", labels: { "example.com/flow": "extra" } }),
    );
    const standalone = new RunnerNamespace(
      stack,
      "StandAlone",
      plant("RunnerNamespaceProps", { name: "standalone", partOf: "ci" }),
    );
    for (const flow of arcScaleSetFlows(
      plant("ArcScaleSetFlowInput", {
        runners: standalone,
        listeners: standalone,
        name: "arc",
        githubConfigUrl: "https://github.com/example-org",
        proxyUrls: ["http://proxy.example.com:3128"],
      }),
    )) {
      flow.namespace.networkPolicies?.addFlow(
        {
          name: flow.name,
          direction: flow.direction,
          rules: [{ peers: flow.peers, ports: flow.ports.map((port) => ({ port })) }],
          reason: flow.reason,
        },
        { id: flow.id },
      );
    }
    const rule = () =>
      plant("PolicyRule", {
        apiGroups: [""],
        resources: ["configmaps"],
        resourceNames: ["runner-config"],
        verbs: ["get"],
      });
    const sa = new RunnerServiceAccount(
      stack,
      "Sa",
      plant("RunnerServiceAccountProps", {
        name: "tool",
        namespace: standalone,
        annotations: { "example.com/owner": "platform" },
        labels: { "example.com/tier": "ci" },
        imagePullSecrets: ["registry-credentials"],
        rules: [rule()],
        allowWildcards: plant("AllowWildcards", { reason: "reviewed" }),
      }),
    );
    new RoleGrant(
      stack,
      "Grant",
      plant("RoleGrantProps", {
        name: "reader",
        namespace: standalone,
        serviceAccount: plant("RoleGrantProps", { name: sa.name, namespace: sa.namespaceName }),
        rules: [rule()],
        labels: { "example.com/tier": "ci" },
      }),
    );
    Rules.suppress(
      stack,
      "K8S-QUOTA-WITHOUT-DEFAULT",
      arg("Rules.suppress", 0, "reviewed by platform"),
    );
  },
};

export const BASELINES: readonly Baseline[] = [
  scaleSet,
  legacy,
  charts,
  eks,
  gke,
  aks,
  humanitec,
  sophos,
  kubiyaTelemetry,
  kubernetesParts,
];
