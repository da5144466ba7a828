// GitHub Actions runner scale sets on EKS: one controller for the cluster, two pools —
// Docker-in-Docker for image builds (privileged namespace of its own) and kubernetes
// container mode for everything else — whose runner pods get AWS credentials via IRSA.
import { App, TerraformVariable } from "cdktf";
import {
  ArcGithubCredentials,
  ArcRunnerScaleSet,
  ArcScaleSetController,
  SensitiveValue,
} from "cdktf-runner-pools";
import { EksRunnerStack } from "cdktf-runner-pools/stacks/eks";

/** Adds the example stack `arc-scale-sets-eks` to an app. */
export function build(app: App): EksRunnerStack {
  const stack = new EksRunnerStack(app, "arc-scale-sets-eks", {
    region: "eu-west-1",
    cluster: { clusterName: "ci-cluster" },
    backend: {
      kind: "s3",
      bucket: "acme-terraform-state",
      key: "ci/arc-scale-sets.tfstate",
      region: "eu-west-1",
    },
  });

  // The GitHub App's private key arrives as a sensitive variable (TF_VAR_github_app_private_key
  // in CI). A Kubernetes Secret is created from it, so the key is in the (encrypted) S3 state.
  const privateKey = new TerraformVariable(stack, "github_app_private_key", {
    type: "string",
    sensitive: true,
    description: "PEM private key of the GitHub App the runner scale sets authenticate as",
  });
  const credentials = ArcGithubCredentials.fromApp({
    appId: "123456",
    installationId: "45678901",
    privateKey: SensitiveValue.fromVariable(privateKey),
  });

  const controller = new ArcScaleSetController(stack, "arc-controller", {
    // the cluster's API server ports (EKS: 443) and DNS path
    cluster: stack.connection.networkFlows,
    metrics: true,
    metricsScrapers: [{ namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" } }],
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
  });

  // Image builds: dind needs privileged pods, so this pool gets a namespace of its own.
  stack.addPool("arc-docker", {
    namespace: {
      podSecurity: "privileged",
      resourceQuota: { "requests.cpu": "48", pods: "40" },
      // Sidecars and hook-created job pods set no requests; defaults keep them under the quota.
      limitRange: {
        defaultRequests: { cpu: "250m", memory: "512Mi" },
        defaultLimits: { cpu: "2", memory: "4Gi" },
      },
    },
    identity: {
      irsa: {
        roleName: "ci-cluster-arc-docker",
        restrictTo: { namespace: "arc-docker" },
        inlinePolicies: {
          ecr: {
            Statement: [
              { Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
              {
                Effect: "Allow",
                Action: [
                  "ecr:BatchCheckLayerAvailability",
                  "ecr:InitiateLayerUpload",
                  "ecr:UploadLayerPart",
                  "ecr:CompleteLayerUpload",
                  "ecr:PutImage",
                  "ecr:BatchGetImage",
                ],
                Resource: ["arn:aws:ecr:eu-west-1:111122223333:repository/apps/*"],
              },
            ],
          },
        },
      },
    },
    platform: new ArcRunnerScaleSet({
      controller,
      githubConfigUrl: "https://github.com/acme",
      githubCredentials: credentials,
      minRunners: 0,
      maxRunners: 15,
      runnerScaleSetName: "eks-docker",
      runnerGroup: "docker-builds",
      containerMode: { type: "dind" },
      resources: { requests: { cpu: "2", memory: "4Gi" }, limits: { cpu: "4", memory: "8Gi" } },
      nodeSelector: { "eks.amazonaws.com/nodegroup": "ci-builds" },
      tolerations: [{ key: "ci", operator: "Exists", effect: "NoSchedule" }],
    }),
  });

  // Everything else: job containers run as pods next to the runner (kubernetes mode).
  stack.addPool("arc-general", {
    namespace: {
      podSecurity: "baseline",
      resourceQuota: { "requests.cpu": "64", pods: "120" },
      // Sidecars and hook-created job pods set no requests; defaults keep them under the quota.
      limitRange: {
        defaultRequests: { cpu: "250m", memory: "512Mi" },
        defaultLimits: { cpu: "2", memory: "4Gi" },
      },
    },
    identity: {
      irsa: {
        roleName: "ci-cluster-arc-general",
        restrictTo: { namespace: "arc-general" },
        inlinePolicies: {
          cache: {
            Statement: [
              {
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:PutObject"],
                Resource: ["arn:aws:s3:::acme-ci-cache/*"],
              },
              {
                Effect: "Allow",
                Action: ["s3:ListBucket"],
                Resource: ["arn:aws:s3:::acme-ci-cache"],
              },
            ],
          },
        },
      },
    },
    platform: new ArcRunnerScaleSet({
      controller,
      githubConfigUrl: "https://github.com/acme",
      githubCredentials: credentials,
      minRunners: 2,
      maxRunners: 40,
      runnerScaleSetName: "eks-linux",
      labels: ["linux", "x64"],
      containerMode: {
        type: "kubernetes",
        workVolumeClaim: { size: "20Gi", storageClassName: "gp3" },
      },
      resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } },
    }),
  });
  return stack;
}
