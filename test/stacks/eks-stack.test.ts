import { Testing } from "cdktf";
import { EksRunnerStack } from "../../stacks/eks-runner-stack";
import { eksExample } from "../../stacks/example-config";
import { boundRunner } from "../support/fixtures";
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
    const trust = onlyResource(json, "aws_iam_role").assume_role_policy as string;
    expect(trust).toContain(':sub":"system:serviceaccount:gitlab-runners:gitlab-runner"');
    expect(trust).toContain('"sts.amazonaws.com"');
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
    expect(onlyResource(json, "aws_iam_role").assume_role_policy).toContain(
      '["system:serviceaccount:a:runner","system:serviceaccount:b:runner"]',
    );
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
