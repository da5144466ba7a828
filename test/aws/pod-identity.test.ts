import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { AwsPodIdentity, AwsPodIdentityProps } from "../../lib/aws";
import { RunnerPool } from "../../lib/pool";
import { boundRunner } from "../support/fixtures";
import {
  findingsOf,
  newStack,
  onlyResource,
  onlyResourceId,
  synthErrors,
  synthJson,
} from "../support/stack";
import { trustOf } from "./policy-json";

const ARN = "arn:aws:eks:eu-west-1:123456789012:cluster/ci";

function setup(props: Partial<AwsPodIdentityProps> = {}) {
  const stack = newStack("test", { providers: false });
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  new KubernetesProvider(stack, "k8s", {});
  new HelmProvider(stack, "helm", {});
  const identity = new AwsPodIdentity(stack, "PodIdentity", {
    cluster: { clusterName: "ci" },
    ...props,
  });
  return { stack, identity };
}

describe("AwsPodIdentity", () => {
  // The trust follows the EKS user guide, "Create IAM role with trust policy required by EKS
  // Pod Identity" → "Setting conditions"
  // (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html): StringEquals on the
  // session tags EKS adds (aws:RequestTag/kubernetes-namespace, …/kubernetes-service-account,
  // …/eks-cluster-arn; list in pod-id-abac.html#pod-id-abac-tags). Without them anyone allowed
  // eks:CreatePodIdentityAssociation + iam:PassRole could bind the role anywhere in the account.
  test("trust: pods.eks.amazonaws.com, only for the bound service account of this cluster", () => {
    const { stack, identity } = setup({ cluster: { clusterName: "ci", clusterArn: ARN } });
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    const json = synthJson(stack);
    expect(trustOf(json)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "pods.eks.amazonaws.com" },
          // the provider lists several actions in reverse order (policy_model.go)
          Action: ["sts:TagSession", "sts:AssumeRole"],
          Condition: {
            StringEquals: {
              "aws:RequestTag/eks-cluster-arn": ARN,
              "aws:RequestTag/kubernetes-namespace": "ci",
              "aws:RequestTag/kubernetes-service-account": "runner",
            },
          },
        },
      ],
    });
    expect(synthErrors(stack)).toBe("");
  });

  test("one statement per service account: no cross pairs of namespace and name", () => {
    const { stack, identity } = setup({ cluster: { clusterName: "ci", clusterArn: ARN } });
    identity.bind(new Construct(stack, "A"), { namespace: "team-a", name: "runner" });
    identity.bind(new Construct(stack, "B"), { namespace: "team-b", name: "builder" });
    const trust = trustOf(synthJson(stack));
    expect(
      trust.Statement.map((st: { Condition: { StringEquals: Record<string, string> } }) => [
        st.Condition.StringEquals["aws:RequestTag/kubernetes-namespace"],
        st.Condition.StringEquals["aws:RequestTag/kubernetes-service-account"],
      ]),
    ).toEqual([
      ["team-a", "runner"],
      ["team-b", "builder"],
    ]);
  });

  test("without a cluster ARN, it is built from partition, region and account", () => {
    const { stack, identity } = setup();
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    const trust = trustOf(synthJson(stack));
    expect(trust.Statement[0].Condition.StringEquals["aws:RequestTag/eks-cluster-arn"]).toMatch(
      /^arn:\$\{data\.aws_partition\.[^}]+\.partition\}:eks:\$\{data\.aws_region\.[^}]+\.region\}:\$\{data\.aws_caller_identity\.[^}]+\.account_id\}:cluster\/ci$/,
    );
  });

  test("disableSessionTags is refused: the trust's conditions need the tags", () => {
    const { stack, identity } = setup({ disableSessionTags: true });
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    expect(synthErrors(stack)).toMatch(
      /\[test\/PodIdentity\] disableSessionTags: true — the role trusts only this cluster's bound service accounts through the session tags .*\(AWS-POD-IDENTITY-SESSION-TAGS\)/,
    );
  });

  test("releases wait for the association and the Pod Identity Agent add-on", () => {
    const stack = newStack("test", { providers: false });
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new KubernetesProvider(stack, "k8s", {});
    new HelmProvider(stack, "helm", {});
    const agent = new EksAddon(stack, "Agent", {
      clusterName: "ci",
      addonName: "eks-pod-identity-agent",
    });
    const identity = new AwsPodIdentity(stack, "PodIdentity", {
      cluster: { clusterName: "ci", clusterArn: ARN },
      podIdentityAgent: agent,
      inlinePolicies: {
        read: {
          Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::a/*" }],
        },
      },
      managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
    });
    new RunnerPool(stack, "pool", { namespaceName: "ci", platform: boundRunner(), identity });
    const json = synthJson(stack);
    const deps = onlyResource(json, "helm_release").depends_on as string[];
    for (const type of [
      "aws_eks_pod_identity_association",
      "aws_eks_addon",
      "aws_iam_role_policy",
      "aws_iam_role_policy_attachment",
      "aws_iam_role",
    ]) {
      expect(deps).toContain(`${type}.${onlyResourceId(json, type)}`);
    }
  });

  test("one association per bound service account: cluster, namespace, name, role", () => {
    const { stack, identity } = setup();
    new RunnerPool(stack, "pool", { namespaceName: "ci", platform: boundRunner(), identity });
    const json = synthJson(stack);
    const roleId = onlyResourceId(json, "aws_iam_role");
    const association = onlyResource(json, "aws_eks_pod_identity_association");
    expect(association).toMatchObject({
      cluster_name: "ci",
      namespace: "ci",
      service_account: "runner",
      role_arn: `\${aws_iam_role.${roleId}.arn}`,
    });
    expect(onlyResourceId(json, "aws_eks_pod_identity_association")).toMatch(
      /^pool_Identity-Runner_PodIdentityAssociation_/,
    );
    // Pod Identity needs no annotation on the service account.
    expect(
      onlyResource(json, "kubernetes_service_account_v1").metadata.annotations,
    ).toBeUndefined();
    expect(synthErrors(stack)).toBe("");
  });

  test("an IRSA-only option is reported at synth", () => {
    const { stack, identity } = setup({ createOidcProvider: true } as Partial<AwsPodIdentityProps>);
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    expect(synthErrors(stack)).toMatch(
      /\[test\/PodIdentity\] createOidcProvider: true — is an IRSA option; EKS Pod Identity trusts pods\.eks\.amazonaws\.com/,
    );
    expect(findingsOf(stack, "AWS-POD-IDENTITY-IRSA-OPTION").map((f) => f.problem.field)).toEqual([
      "createOidcProvider",
    ]);
  });

  test("a pool in another namespace than the identity allows is reported under the pool", () => {
    const { stack, identity } = setup({ restrictTo: { namespace: "ci" } });
    new RunnerPool(stack, "pool", { namespaceName: "other", platform: boundRunner(), identity });
    expect(synthErrors(stack)).toMatch(
      /\[test\/pool\/Identity-Runner\] subject\.namespace: "other" — the identity is restricted to namespace "ci"/,
    );
  });

  test("a wildcard in the restriction is refused", () => {
    const { stack, identity } = setup({ restrictTo: { namespace: "*" } });
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    expect(synthErrors(stack)).toMatch(/restrictTo\.namespace: "\*" — wildcards are refused/);
  });
});

test("the trust-size estimate counts what the provider renders from the policy document", () => {
  const { stack, identity } = setup({ cluster: { clusterName: "ci", clusterArn: ARN } });
  for (const name of ["a", "b"])
    identity.bind(new Construct(stack, name), { namespace: "ci", name });
  const rendered = JSON.stringify(trustOf(synthJson(stack)));
  expect(identity.estimatedTrustPolicyLength()).toBe(rendered.length);
});
