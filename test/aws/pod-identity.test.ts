import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
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
  test("trust: pods.eks.amazonaws.com may AssumeRole and TagSession, nothing else", () => {
    const { stack, identity } = setup();
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    const json = synthJson(stack);
    expect(JSON.parse(onlyResource(json, "aws_iam_role").assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "pods.eks.amazonaws.com" },
          Action: ["sts:AssumeRole", "sts:TagSession"],
        },
      ],
    });
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
