import { Construct } from "constructs";
import { irsaFlows } from "./eks-flows";
import { TerraformStack } from "cdktf";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import type { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import type * as IamOpenidConnectProviderModule from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { isUnresolved } from "../core/rules/problem";
import { addChecks } from "../core/rules/report";
import { subjectClaim } from "../identity/subject";
import type { WorkloadIdentityBinding } from "../identity/workload-identity";
import { EksClusterInfo, issuerHostPath } from "./eks-cluster-connection";
import {
  EKS_OIDC_ISSUER_HTTPS,
  IRSA_OIDC_PROVIDER_ARN,
  IRSA_OIDC_PROVIDER_EXCLUSIVE,
} from "./rules";
import { AwsRoleIdentity, AwsRoleOptions } from "./runner-role";
import { lazyBinding } from "../core/lazy-binding";

/** Loaded when first created (docs/performance.md). */
const iamOpenidConnectProviderBinding = lazyBinding<typeof IamOpenidConnectProviderModule>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require("@cdktf/provider-aws/lib/iam-openid-connect-provider"),
);

/** The audience IRSA tokens carry and the trust requires. */
export const IRSA_AUDIENCE = "sts.amazonaws.com";
/** Service-account annotation that names the role to assume. */
export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

/**
 * The OIDC providers created so far, per stack and issuer URL: IAM allows one provider per
 * URL and account (a second `aws_iam_openid_connect_provider` with the same URL fails with
 * EntityAlreadyExists), so identities of one stack that ask for it share the first one.
 */
const OIDC_PROVIDERS = new WeakMap<TerraformStack, Map<string, IamOpenidConnectProvider>>();

/** Stand-ins of realistic length for the size estimate (the longest usual region, a 32-character id). */
const ESTIMATED_ISSUER = `oidc.eks.ap-southeast-1.amazonaws.com/id/${"E".repeat(32)}`;
const ESTIMATED_PROVIDER_ARN = `arn:aws-us-gov:iam::123456789012:oidc-provider/${ESTIMATED_ISSUER}`;

/** IRSA options without the cluster (what a stack's pool options take). */
export interface AwsIrsaIdentityOptions extends AwsRoleOptions {
  /**
   * Create the cluster's IAM OIDC provider (`aws_iam_openid_connect_provider`, client id
   * `sts.amazonaws.com`). Only one may exist per issuer and account: leave this off when
   * the cluster already has one (eksctl, the EKS module and the console create it). Several
   * identities of one stack that ask for it share one provider: the first creates it (under
   * its own construct path), the others reference it.
   * @default false
   */
  readonly createOidcProvider?: boolean;
  /**
   * ARN of the existing IAM OIDC provider of the cluster.
   * @default `arn:<partition>:iam::<account>:oidc-provider/<issuer without https://>`, from `data aws_partition` and `data aws_caller_identity`
   */
  readonly oidcProviderArn?: string;
}

/** Props of {@link AwsIrsaIdentity}. */
export interface AwsIrsaIdentityProps extends AwsIrsaIdentityOptions {
  /** The cluster whose service accounts assume the role (an {@link EksClusterConnection} or its attributes). */
  readonly cluster: EksClusterInfo;
}

/**
 * IAM roles for service accounts (IRSA): an IAM role whose trust has exactly one
 * statement: `sts:AssumeRoleWithWebIdentity` by the cluster's OIDC provider, with
 * `StringEquals` on both `<issuer>:sub` (the bound service accounts, by exact name) and
 * `<issuer>:aud` (`sts.amazonaws.com`). The service account gets the
 * `eks.amazonaws.com/role-arn` annotation; the EKS pod identity webhook does the rest.
 */
export class AwsIrsaIdentity extends AwsRoleIdentity {
  public readonly kind = "aws-irsa";
  /** The OIDC provider, when created here or by another identity of the stack for the same issuer. */
  public readonly oidcProvider?: IamOpenidConnectProvider;
  /** ARN of the OIDC provider the trust names. */
  public readonly oidcProviderArn: string;
  /** Issuer without `https://`: the prefix of the condition keys. */
  public readonly issuer: string;

  constructor(scope: Construct, id: string, props: AwsIrsaIdentityProps) {
    super(scope, id, props);
    this.issuer = issuerHostPath(props.cluster.oidcIssuerUrl);
    if (props.createOidcProvider) {
      const stack = TerraformStack.of(this);
      const byIssuer = OIDC_PROVIDERS.get(stack) ?? new Map<string, IamOpenidConnectProvider>();
      OIDC_PROVIDERS.set(stack, byIssuer);
      // Token strings are stable per reference, so the same issuer attribute gives the same key.
      const existing = byIssuer.get(props.cluster.oidcIssuerUrl);
      this.oidcProvider =
        existing ??
        new (iamOpenidConnectProviderBinding().IamOpenidConnectProvider)(this, "OidcProvider", {
          url: props.cluster.oidcIssuerUrl,
          clientIdList: [IRSA_AUDIENCE],
          tags: props.tags,
        });
      byIssuer.set(props.cluster.oidcIssuerUrl, this.oidcProvider);
      this.oidcProviderArn = this.oidcProvider.arn;
    } else if (props.oidcProviderArn !== undefined) {
      this.oidcProviderArn = props.oidcProviderArn;
    } else {
      const partition = new DataAwsPartition(this, "Partition", {});
      const caller = new DataAwsCallerIdentity(this, "Account", {});
      this.oidcProviderArn = `arn:${partition.partition}:iam::${caller.accountId}:oidc-provider/${this.issuer}`;
    }

    addChecks(this, () => [
      props.createOidcProvider && props.oidcProviderArn !== undefined
        ? {
            rule: IRSA_OIDC_PROVIDER_EXCLUSIVE,
            field: "oidcProviderArn",
            value: props.oidcProviderArn,
            message: "createOidcProvider and oidcProviderArn are mutually exclusive",
            example: "createOidcProvider: true, or oidcProviderArn of the existing provider",
          }
        : undefined,
      props.oidcProviderArn !== undefined &&
      !isUnresolved(props.oidcProviderArn) &&
      !/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+/.test(props.oidcProviderArn)
        ? {
            rule: IRSA_OIDC_PROVIDER_ARN,
            field: "oidcProviderArn",
            value: props.oidcProviderArn,
            message: "must be an IAM OIDC provider ARN",
            example:
              '"arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123"',
          }
        : undefined,
      !isUnresolved(props.cluster.oidcIssuerUrl) &&
      !props.cluster.oidcIssuerUrl.startsWith("https://")
        ? {
            rule: EKS_OIDC_ISSUER_HTTPS,
            field: "cluster.oidcIssuerUrl",
            value: props.cluster.oidcIssuerUrl,
            message: "must be the https:// issuer URL of the cluster",
            example: '"https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123"',
          }
        : undefined,
    ]);
  }

  protected trustPolicy(estimate = false): Record<string, unknown> {
    const subs = [...new Set(this.subjects.map(subjectClaim))].sort();
    const issuer = estimate && isUnresolved(this.issuer) ? ESTIMATED_ISSUER : this.issuer;
    const providerArn =
      estimate && isUnresolved(this.oidcProviderArn)
        ? ESTIMATED_PROVIDER_ARN
        : this.oidcProviderArn;
    return {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: providerArn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${issuer}:aud`]: IRSA_AUDIENCE,
              [`${issuer}:sub`]: subs.length === 1 ? subs[0] : subs,
            },
          },
        },
      ],
    };
  }

  protected bindSubject(): WorkloadIdentityBinding {
    return {
      serviceAccountAnnotations: { [IRSA_ROLE_ANNOTATION]: this.roleArn },
      podLabels: {},
      principal: this.roleArn,
      // STS checks the token against the provider when the pod first calls AWS.
      dependables: this.oidcProvider ? [this.oidcProvider] : [],
      flows: irsaFlows(),
    };
  }
}
