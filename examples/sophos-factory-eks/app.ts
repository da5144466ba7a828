// Sophos Factory Kubernetes runner pool on EKS. The chart ships only as a release archive:
// `chartPath` points at it (here a clearly labelled stand-in, see charts/factory-rm/README.md).
import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { SensitiveValue, SophosFactoryRunner } from "cdktf-runner-pools";
import { EksRunnerStack } from "cdktf-runner-pools/stacks/eks";

/**
 * The stand-in chart. `cdktf synth` runs the app from this directory (also when compiled to
 * dist/); tests import it from the repository root. Your own app would simply say
 * `chartPath: "charts/factory-rm-0.135.1.tgz"`.
 */
function standInChart(): string {
  const fromWorkingDir = path.resolve("charts", "factory-rm");
  return fs.existsSync(fromWorkingDir)
    ? fromWorkingDir
    : path.join(__dirname, "charts", "factory-rm");
}

/** Builds the example's stacks into `app`. */
export function build(app: App): TerraformStack[] {
  const stack = new EksRunnerStack(app, "sophos-factory-eks", {
    region: "us-west-2",
    cluster: { clusterName: "eks-ci" },
  });
  const runnerManagerKey = new TerraformVariable(stack, "runner_manager_key", {
    type: "string",
    sensitive: true,
    description:
      "RUNNER_MANAGER_KEY of the runner pool (Account Settings → Runner Pools → Show Key)",
  });
  stack.addPool("factory", {
    poolName: "factory-runner-pool",
    // Runner pods use the runner namespace's `default` service account: IRSA trusts exactly it.
    identity: {
      irsa: {
        roleName: "eks-ci-factory-runner-pods",
        restrictTo: { namespace: "factory-runners", serviceAccountName: "default" },
        inlinePolicies: {
          "pipeline-artifacts": {
            Statement: [
              {
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:PutObject"],
                Resource: ["arn:aws:s3:::acme-factory-artifacts/*"],
              },
            ],
          },
        },
      },
    },
    platform: new SophosFactoryRunner({
      chartPath: standInChart(),
      runnerManagerId: "64f1c0ffee0123456789abcd",
      runnerManagerKey: SensitiveValue.fromVariable(runnerManagerKey),
      environment: "prod",
      // Runner pods (untrusted pipeline code) get their own deny-by-default namespace.
      runnerNamespaceName: "factory-runners",
      runnerImage: { tag: "1.106.0" },
      runnerResources: {
        cpuRequest: "500m",
        cpuLimit: "2",
        memoryRequest: "1Gi",
        memoryLimit: "4Gi",
      },
    }),
  });
  return [stack];
}
