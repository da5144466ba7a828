import { Testing } from "cdktf";
import { EksRunnerStack } from "../../stacks/eks-runner-stack";
import { eksExample } from "../../stacks/example-config";
import { boundRunner } from "../support/fixtures";
import { trustOf } from "../aws/policy-json";
import {
  ofType,
  onlyResource,
  onlyResourceId,
  ruleIdsOf,
  synthErrors,
  synthJson,
} from "../support/stack";

function stack(props = eksExample, id = "runners-eks") {
  return new EksRunnerStack(Testing.app({ stackTraces: false }), id, props);
}

describe("EksRunnerStack", () => {
  test("the example stack synthesizes (snapshot) and passes its validations", () => {
    const s = stack();
    expect(Testing.synth(s)).toMatchSnapshot();
    expect(synthErrors(s)).toBe("");
  });

  test("providers: aws in the stack's region, kubernetes and helm through the cluster connection; local state by a relative path", () => {
    const json = synthJson(stack());
    expect(json.provider.aws).toEqual([{ region: "eu-west-1" }]);
    expect(json.provider.kubernetes[0].exec[0].args).toEqual([
      "eks",
      "get-token",
      "--cluster-name",
      "ci-cluster",
      "--region",
      "eu-west-1",
    ]);
    expect(json.terraform.backend).toEqual({ local: { path: "terraform.runners-eks.tfstate" } });
  });

  test("the example pool's service account trusts exactly its namespace and name", () => {
    const json = synthJson(stack());
    const trust = trustOf(json).Statement[0].Condition.StringEquals;
    expect(Object.entries(trust)).toEqual([
      [expect.stringMatching(/:aud$/), "sts.amazonaws.com"],
      [expect.stringMatching(/:sub$/), "system:serviceaccount:gitlab-runners:gitlab-runner"],
    ]);
    expect(onlyResource(json, "aws_iam_role").name).toBe("ci-cluster-gitlab-runners");
  });

  test("an S3 backend locks with a lock file, no DynamoDB table", () => {
    const json = synthJson(
      stack({
        ...eksExample,
        backend: { kind: "s3", bucket: "acme-tf", key: "runners/eks.tfstate", region: "eu-west-1" },
      }),
    );
    expect(json.terraform.backend.s3).toEqual({
      bucket: "acme-tf",
      key: "runners/eks.tfstate",
      region: "eu-west-1",
      encrypt: true,
      use_lockfile: true,
    });
  });

  test("pod identity options create a Pod Identity role and association", () => {
    const s = stack({ region: "eu-west-1", cluster: { clusterName: "ci" } });
    s.addPool("builds", {
      platform: boundRunner(),
      identity: {
        podIdentity: {
          managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser"],
        },
      },
    });
    const json = synthJson(s);
    expect(onlyResource(json, "aws_eks_pod_identity_association")).toMatchObject({
      cluster_name: "ci",
      namespace: "builds",
      service_account: "runner",
    });
    expect(s.identities.builds.kind).toBe("aws-pod-identity");
    expect(onlyResourceId(json, "aws_iam_role")).toMatch(/^builds-identity_/);
    expect(synthErrors(s)).toBe("");
  });

  test("an identity created by hand is used as is", () => {
    const s = stack({ region: "eu-west-1", cluster: { clusterName: "ci" } });
    const identity = s.addIrsaIdentity("shared", { roleName: "ci-shared" });
    s.addPool("a", { platform: boundRunner(), identity });
    s.addPool("b", { platform: boundRunner(), identity });
    const json = synthJson(s);
    expect(Object.keys(ofType(json, "aws_iam_role"))).toHaveLength(1);
    expect(Object.values(trustOf(json).Statement[0].Condition.StringEquals)).toContainEqual([
      "system:serviceaccount:a:runner",
      "system:serviceaccount:b:runner",
    ]);
  });

  test("a bad backend is reported with the stack path", () => {
    const s = stack({ ...eksExample, backend: { kind: "local", path: "/var/state/x.tfstate" } });
    expect(synthErrors(s)).toMatch(
      /\[runners-eks\] backend\.path: "\/var\/state\/x\.tfstate" — an absolute path makes the synthesized JSON machine-specific/,
    );
  });
});

test("irsa and podIdentity together are refused", () => {
  const s = new EksRunnerStack(Testing.app({ stackTraces: false }), "runners-eks", {
    region: "eu-west-1",
    cluster: { clusterName: "ci" },
  });
  s.addPool("x", { platform: boundRunner(), identity: { irsa: {}, podIdentity: {} } as never });
  expect(synthErrors(s)).toMatch(
    /\[runners-eks\] pools\.x\.identity: \["irsa","podIdentity"\] — choose one of irsa and podIdentity/,
  );
  expect(ruleIdsOf(s)).toEqual(["STACK-EKS-IDENTITY-ONE-OF"]);
});

test("installPodIdentityAgent adds the eks-pod-identity-agent add-on to the cluster", () => {
  const s = new EksRunnerStack(Testing.app({ stackTraces: false }), "runners-eks", {
    region: "eu-west-1",
    cluster: { clusterName: "ci" },
    installPodIdentityAgent: true,
  });
  expect(onlyResource(synthJson(s), "aws_eks_addon")).toEqual({
    addon_name: "eks-pod-identity-agent",
    cluster_name: "ci",
  });
  expect(ofType(synthJson(stack()), "aws_eks_addon")).toEqual({});
});

test("with installPodIdentityAgent, releases wait for the agent and the association; trust names the cluster's ARN", () => {
  // EKS injects Pod Identity credentials when a pod is admitted: a pod admitted before the
  // association (or without the agent) never gets them.
  const s = new EksRunnerStack(Testing.app({ stackTraces: false }), "runners-eks", {
    region: "eu-west-1",
    cluster: { clusterName: "ci" },
    installPodIdentityAgent: true,
  });
  s.addPool("x", { namespaceName: "ci", platform: boundRunner(), identity: { podIdentity: {} } });
  const json = synthJson(s);
  const deps = onlyResource(json, "helm_release").depends_on as string[];
  expect(deps).toContain(`aws_eks_addon.${onlyResourceId(json, "aws_eks_addon")}`);
  expect(deps).toContain(
    `aws_eks_pod_identity_association.${onlyResourceId(json, "aws_eks_pod_identity_association")}`,
  );
  const trust = trustOf(json);
  expect(trust.Statement[0].Condition.StringEquals).toEqual({
    "aws:RequestTag/eks-cluster-arn": `\${data.aws_eks_cluster.${Object.keys(ofType(json, "aws_eks_cluster", "data"))[0]}.arn}`,
    "aws:RequestTag/kubernetes-namespace": "ci",
    "aws:RequestTag/kubernetes-service-account": "runner",
  });
  expect(synthErrors(s)).toBe("");
});

describe("exec auth runs as the stack's AWS principal", () => {
  // Without --profile / --role-arn, `aws eks get-token` would use the ambient credentials
  // while the AWS provider uses the stack's profile or role: two principals in one deploy.
  const base = { region: "eu-west-1", cluster: { clusterName: "ci" } };
  const args = (props: ConstructorParameters<typeof EksRunnerStack>[2]) => {
    const json = synthJson(new EksRunnerStack(Testing.app({ stackTraces: false }), "s", props));
    const k8s = json.provider.kubernetes[0].exec[0].args;
    expect(json.provider.helm[0].kubernetes.exec.args).toEqual(k8s);
    return k8s;
  };

  test("the stack's profile and assumed role are passed to aws eks get-token", () => {
    expect(
      args({
        ...base,
        aws: { profile: "ci", assumeRoleArn: "arn:aws:iam::123456789012:role/deployer" },
      }),
    ).toEqual([
      "eks",
      "get-token",
      "--cluster-name",
      "ci",
      "--region",
      "eu-west-1",
      "--role-arn",
      "arn:aws:iam::123456789012:role/deployer",
      "--profile",
      "ci",
    ]);
  });

  test("the connection's own roleArn / awsProfile win", () => {
    expect(
      args({
        ...base,
        cluster: {
          clusterName: "ci",
          roleArn: "arn:aws:iam::123456789012:role/kube",
          awsProfile: "kube",
        },
        aws: { profile: "ci", assumeRoleArn: "arn:aws:iam::123456789012:role/deployer" },
      }),
    ).toEqual([
      "eks",
      "get-token",
      "--cluster-name",
      "ci",
      "--region",
      "eu-west-1",
      "--role-arn",
      "arn:aws:iam::123456789012:role/kube",
      "--profile",
      "kube",
    ]);
  });
});

describe("identity ids are construct ids", () => {
  test("a second identity with a taken id fails with CORE-CONSTRUCT-ID-UNIQUE, not a bare error", () => {
    const app = Testing.app({ stackTraces: false });
    const stack = new EksRunnerStack(app, "ids", {
      region: "eu-west-1",
      cluster: { clusterName: "ci" },
    });
    stack.addIrsaIdentity("runners", { roleName: "ci-runners" });
    expect(() => stack.addIrsaIdentity("runners", { roleName: "ci-runners-2" })).toThrow(
      /\[ids\] id: "runners" — this stack already has a construct with the id "runners".*\(CORE-CONSTRUCT-ID-UNIQUE\)/,
    );
    expect(() => stack.addPodIdentity("runners")).toThrow("(CORE-CONSTRUCT-ID-UNIQUE)");
  });
});
