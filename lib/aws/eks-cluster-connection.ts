import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { helmRegistriesOf, HelmRegistryLogin } from "../kubernetes/kubeconfig-connection";
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import type * as DataAwsRegionModule from "@cdktf/provider-aws/lib/data-aws-region";
import { isUnresolved, Problem } from "../core/rules/problem";
import { addChecks } from "../core/rules/report";
import type { ClusterConnection } from "../kubernetes/cluster-connection";
import type { ClusterNetworkFlows } from "../kubernetes/flows/network-flow";
import { eksClusterNetworkFlows } from "./eks-flows";
import {
  EKS_CA_BASE64,
  EKS_CLUSTER_NAME,
  EKS_ENDPOINT_HTTPS,
  EKS_OIDC_ISSUER_HTTPS,
} from "./rules";
import { lazyBinding } from "../core/lazy-binding";

/** Loaded when first created (docs/performance.md). */
const dataAwsRegionBinding = lazyBinding<typeof DataAwsRegionModule>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require("@cdktf/provider-aws/lib/data-aws-region"),
);

/** What AWS identity bindings need to know about an EKS cluster. */
export interface EksClusterInfo {
  /** Cluster name. */
  readonly clusterName: string;
  /** The cluster's OIDC issuer URL, `https://oidc.eks.<region>.amazonaws.com/id/<id>`. */
  readonly oidcIssuerUrl: string;
}

/** Attributes of an existing cluster, when no `data aws_eks_cluster` lookup is wanted. */
export interface EksClusterAttributes {
  /** API server endpoint, `https://…`. */
  readonly endpoint: string;
  /** Base64-encoded cluster CA (`certificate_authority[0].data`), as EKS returns it. */
  readonly certificateAuthorityData: string;
  /** OIDC issuer URL (`identity[0].oidc[0].issuer`), with `https://`. */
  readonly oidcIssuerUrl: string;
}

/** Props of {@link EksClusterConnection}. */
export interface EksClusterConnectionProps {
  /** Name of the EKS cluster. */
  readonly clusterName: string;
  /** Region of the cluster: passed to the data source and to `aws eks get-token --region`. @default the AWS provider's region */
  readonly region?: string;
  /** Use these attributes instead of reading the cluster with `data aws_eks_cluster`. @default read by the data source */
  readonly attributes?: EksClusterAttributes;
  /**
   * Role the `aws eks get-token` exec call assumes (`--role-arn`). In an `EksRunnerStack`
   * it defaults to the stack's `aws.assumeRoleArn`, so the providers act as the same
   * principal as the AWS provider.
   * @default the caller's credentials
   */
  readonly roleArn?: string;
  /**
   * AWS CLI profile for the exec call (`--profile`). In an `EksRunnerStack` it defaults to
   * the stack's `aws.profile`.
   * @default the environment's
   */
  readonly awsProfile?: string;
  /** OCI registries the helm provider logs in to (the password only as a SensitiveValue). @default none */
  readonly helmRegistries?: HelmRegistryLogin[];
}

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;

/** Removes the scheme of an issuer URL: IAM condition keys and provider ARNs use the bare host path. */
export function issuerHostPath(issuerUrl: string): string {
  return Token.isUnresolved(issuerUrl)
    ? Fn.replace(issuerUrl, "https://", "")
    : issuerUrl.replace(/^https:\/\//, "");
}

/**
 * Connects the `kubernetes` and `helm` providers to an EKS cluster: endpoint and CA from
 * `data aws_eks_cluster` (or given attributes), and a short-lived token from
 * `aws eks get-token` through exec auth, so no token is stored in state. Exposes the OIDC
 * issuer for IRSA.
 */
export class EksClusterConnection extends Construct implements ClusterConnection, EksClusterInfo {
  public readonly kubernetesProvider: KubernetesProvider;
  public readonly helmProvider: HelmProvider;
  public readonly clusterName: string;
  public readonly networkFlows: ClusterNetworkFlows = eksClusterNetworkFlows();
  /** The `data aws_eks_cluster` lookup, unless attributes were given. */
  public readonly cluster?: DataAwsEksCluster;
  /** API server endpoint. */
  public readonly endpoint: string;
  /** Base64-encoded cluster CA. */
  public readonly certificateAuthorityData: string;
  /** OIDC issuer URL, with `https://`. */
  public readonly oidcIssuerUrl: string;
  /** OIDC issuer without `https://` (the prefix of IRSA condition keys). */
  public readonly oidcIssuer: string;
  /** Region, when given. */
  public readonly region?: string;
  private arnLookup?: string;

  constructor(scope: Construct, id: string, props: EksClusterConnectionProps) {
    super(scope, id);
    this.clusterName = props.clusterName;
    this.region = props.region;
    if (props.attributes) {
      this.endpoint = props.attributes.endpoint;
      this.certificateAuthorityData = props.attributes.certificateAuthorityData;
      this.oidcIssuerUrl = props.attributes.oidcIssuerUrl;
    } else {
      this.cluster = new DataAwsEksCluster(this, "Cluster", {
        name: props.clusterName,
        region: props.region,
      });
      this.endpoint = this.cluster.endpoint;
      this.certificateAuthorityData = this.cluster.certificateAuthority.get(0).data;
      this.oidcIssuerUrl = this.cluster.identity.get(0).oidc.get(0).issuer;
    }
    this.oidcIssuer = issuerHostPath(this.oidcIssuerUrl);

    const args = ["eks", "get-token", "--cluster-name", props.clusterName];
    if (props.region) args.push("--region", props.region);
    if (props.roleArn) args.push("--role-arn", props.roleArn);
    // A profile goes in as an argument: cdktf would snake-case the keys of an `env` map
    // inside the helm provider's `kubernetes` attribute (AWS_PROFILE → aws_profile).
    if (props.awsProfile) args.push("--profile", props.awsProfile);
    const exec = { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args };
    const host = this.endpoint;
    const clusterCaCertificate = Fn.base64decode(this.certificateAuthorityData);
    this.kubernetesProvider = new KubernetesProvider(this, "Kubernetes", {
      host,
      clusterCaCertificate,
      exec: [exec],
    });
    this.helmProvider = new HelmProvider(this, "Helm", {
      kubernetes: { host, clusterCaCertificate, exec },
      registries: helmRegistriesOf(this, props.helmRegistries),
    });

    addChecks(this, () => {
      const problems: (Problem | undefined)[] = [];
      if (!isUnresolved(props.clusterName) && !CLUSTER_NAME.test(props.clusterName)) {
        problems.push({
          rule: EKS_CLUSTER_NAME,
          field: "clusterName",
          value: props.clusterName,
          message:
            "an EKS cluster name is 1–100 letters, digits, '-' or '_', starting with a letter or digit",
          example: '"ci-cluster"',
        });
      }
      const attrs = props.attributes;
      if (attrs) {
        for (const [key, value] of [
          ["endpoint", attrs.endpoint],
          ["oidcIssuerUrl", attrs.oidcIssuerUrl],
        ] as const) {
          if (!isUnresolved(value) && !value.startsWith("https://")) {
            problems.push({
              rule: key === "endpoint" ? EKS_ENDPOINT_HTTPS : EKS_OIDC_ISSUER_HTTPS,
              field: `attributes.${key}`,
              value,
              message: "must be an https:// URL",
              example:
                key === "endpoint"
                  ? '"https://ABC123.gr7.eu-west-1.eks.amazonaws.com"'
                  : '"https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123"',
            });
          }
        }
        if (
          !isUnresolved(attrs.certificateAuthorityData) &&
          attrs.certificateAuthorityData.includes("BEGIN CERTIFICATE")
        ) {
          problems.push({
            rule: EKS_CA_BASE64,
            field: "attributes.certificateAuthorityData",
            value: "(PEM)",
            message:
              "must be the base64-encoded CA as EKS returns it (certificate_authority[0].data), not PEM",
            example: '"LS0tLS1CRUdJTi…"',
          });
        }
      }
      return problems;
    });
  }

  /**
   * The cluster's ARN (what Pod Identity's `eks-cluster-arn` session tag carries): from the
   * `data aws_eks_cluster` lookup, or, with given attributes, built from the partition,
   * account and region (data sources `Partition`, `Account`, `Region`, created on first use).
   */
  public get clusterArn(): string {
    if (this.cluster) return this.cluster.arn;
    if (this.arnLookup === undefined) {
      const partition = new DataAwsPartition(this, "Partition", {});
      const account = new DataAwsCallerIdentity(this, "Account", {});
      const region =
        this.region ?? new (dataAwsRegionBinding().DataAwsRegion)(this, "Region", {}).region;
      this.arnLookup = `arn:${partition.partition}:eks:${region}:${account.accountId}:cluster/${this.clusterName}`;
    }
    return this.arnLookup;
  }
}
