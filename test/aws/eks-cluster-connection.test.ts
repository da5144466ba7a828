import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EksClusterConnection } from "../../lib/aws";
import {
  newStack,
  ofType,
  onlyResource,
  ruleIdsOf,
  synthErrors,
  synthJson,
} from "../support/stack";

describe("EksClusterConnection", () => {
  test("reads the cluster and configures both providers with aws eks get-token exec auth", () => {
    const stack = newStack("test", { providers: false });
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const c = new EksClusterConnection(stack, "Cluster", {
      clusterName: "ci",
      region: "eu-west-1",
      awsProfile: "ci",
    });
    const json = synthJson(stack);
    const dataId = Object.keys(ofType(json, "aws_eks_cluster", "data"))[0];
    expect(onlyResource(json, "aws_eks_cluster", "data")).toMatchObject({
      name: "ci",
      region: "eu-west-1",
    });
    const exec = {
      api_version: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: [
        "eks",
        "get-token",
        "--cluster-name",
        "ci",
        "--region",
        "eu-west-1",
        "--profile",
        "ci",
      ],
    };
    const k8s = json.provider.kubernetes[0];
    expect(k8s.host).toBe(`\${data.aws_eks_cluster.${dataId}.endpoint}`);
    expect(k8s.cluster_ca_certificate).toBe(
      `\${base64decode(data.aws_eks_cluster.${dataId}.certificate_authority[0].data)}`,
    );
    expect(k8s.exec).toEqual([exec]);
    expect(json.provider.helm[0].kubernetes.exec).toEqual(exec);
    expect(k8s.token).toBeUndefined();
    expect(c.oidcIssuerUrl).toBeDefined();
    expect(JSON.stringify(json)).not.toContain('token":');
  });

  test("existing attributes: no data source, issuer stripped in TypeScript", () => {
    const stack = newStack("test", { providers: false });
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const c = new EksClusterConnection(stack, "Cluster", {
      clusterName: "ci",
      attributes: {
        endpoint: "https://abc.eks.amazonaws.com",
        certificateAuthorityData: "TFMwdExTMUNSVWRKVGk=",
        oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
      },
    });
    const json = synthJson(stack);
    expect(json.data).toBeUndefined();
    expect(c.oidcIssuer).toBe("oidc.eks.eu-west-1.amazonaws.com/id/ABC");
    expect(json.provider.kubernetes[0].host).toBe("https://abc.eks.amazonaws.com");
    expect(json.provider.kubernetes[0].exec[0].args).toEqual([
      "eks",
      "get-token",
      "--cluster-name",
      "ci",
    ]);
  });

  test("bad attributes are reported", () => {
    const stack = newStack("test", { providers: false });
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new EksClusterConnection(stack, "Cluster", {
      clusterName: "ci cluster",
      attributes: {
        endpoint: "abc.eks.amazonaws.com",
        certificateAuthorityData: "-----BEGIN CERTIFICATE-----",
        oidcIssuerUrl: "oidc.eks",
      },
    });
    const errors = synthErrors(stack);
    expect(errors).toMatch(/\[test\/Cluster\] clusterName: "ci cluster" — an EKS cluster name is/);
    expect(errors).toMatch(
      /attributes\.endpoint: "abc\.eks\.amazonaws\.com" — must be an https:\/\/ URL/,
    );
    expect(errors).toMatch(/attributes\.oidcIssuerUrl: "oidc\.eks" — must be an https:\/\/ URL/);
    expect(errors).toMatch(
      /attributes\.certificateAuthorityData: .* — must be the base64-encoded CA/,
    );
    expect(ruleIdsOf(stack, "error")).toEqual([
      "AWS-EKS-CA-BASE64",
      "AWS-EKS-CLUSTER-NAME",
      "AWS-EKS-ENDPOINT-HTTPS",
      "AWS-EKS-OIDC-ISSUER-HTTPS",
    ]);
  });
});
