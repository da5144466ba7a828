import { Construct } from "constructs";
import { eksPodIdentityFlows } from "./eks-flows";
import type { ITerraformDependable } from "cdktf";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import type * as DataAwsRegionModule from "@cdktf/provider-aws/lib/data-aws-region";
import { isUnresolved } from "../core/rules/problem";
import type { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import type * as EksPodIdentityAssociationModule from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { sortKeys } from "../core/labels";
import { addChecks } from "../core/rules/report";
import type { ServiceAccountSubject, WorkloadIdentityBinding } from "../identity/workload-identity";
import { POD_IDENTITY_IRSA_OPTION, POD_IDENTITY_SESSION_TAGS } from "./rules";
import { AwsRoleIdentity, AwsRoleOptions } from "./runner-role";
import { lazyBinding } from "../core/lazy-binding";

/** Loaded when first created (docs/performance.md). */
const dataAwsRegionBinding = lazyBinding<typeof DataAwsRegionModule>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require("@cdktf/provider-aws/lib/data-aws-region"),
);
const eksPodIdentityAssociationBinding = lazyBinding<typeof EksPodIdentityAssociationModule>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require("@cdktf/provider-aws/lib/eks-pod-identity-association"),
);

/** Service principal of EKS Pod Identity. */
export const POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";

/** Options that only make sense for IRSA; given to Pod Identity they are reported at synth. */
const IRSA_ONLY_OPTIONS = ["createOidcProvider", "oidcProviderArn"] as const;

/** The session tags EKS Pod Identity adds, and the trust's conditions test. */
export const POD_IDENTITY_TAGS = {
  clusterArn: "aws:RequestTag/eks-cluster-arn",
  namespace: "aws:RequestTag/kubernetes-namespace",
  serviceAccount: "aws:RequestTag/kubernetes-service-account",
} as const;

/** Pod Identity options without the cluster (what a stack's pool options take). */
export interface AwsPodIdentityOptions extends AwsRoleOptions {
  /**
   * Turn off the session tags (`kubernetes-namespace`, `eks-cluster-arn`, …) EKS adds.
   * Refused (AWS-POD-IDENTITY-SESSION-TAGS): the role's trust is conditioned on them.
   * @default false
   */
  readonly disableSessionTags?: boolean;
}

/** The cluster a Pod Identity role is bound in. */
export interface AwsPodIdentityCluster {
  /** Cluster name (the associations' `cluster_name`). */
  readonly clusterName: string;
  /**
   * Cluster ARN, for the trust's `aws:RequestTag/eks-cluster-arn` condition.
   * @default built from `data aws_partition`, `data aws_region` and `data aws_caller_identity` (an `EksClusterConnection` gives its own)
   */
  readonly clusterArn?: string;
}

/** Props of {@link AwsPodIdentity}. */
export interface AwsPodIdentityProps extends AwsPodIdentityOptions {
  /** The cluster (an `EksClusterConnection`, or its name and ARN). */
  readonly cluster: AwsPodIdentityCluster;
  /**
   * The EKS Pod Identity Agent add-on, when the same deploy installs it: releases that use
   * the identity wait for it (the agent serves the credentials; `EksRunnerStack` passes its
   * `podIdentityAgent`).
   * @default none
   */
  readonly podIdentityAgent?: ITerraformDependable;
}

/** Stand-ins of realistic length for the size estimate of the trust policy. */
const ESTIMATED_ARN_PREFIX = "arn:aws-us-gov:eks:ap-southeast-1:123456789012:cluster/";

/**
 * EKS Pod Identity: an IAM role trusting `pods.eks.amazonaws.com` (`sts:AssumeRole` and
 * `sts:TagSession`) **only for the bound service accounts of this cluster**: one statement
 * per service account, `StringEquals` on the session tags EKS adds
 * (`aws:RequestTag/eks-cluster-arn`, `…/kubernetes-namespace`,
 * `…/kubernetes-service-account`), as the EKS user guide's "Setting conditions" shows
 * (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html). Without them anyone
 * allowed `eks:CreatePodIdentityAssociation` and `iam:PassRole` could bind the role to any
 * service account of any cluster of the account. Plus one `aws_eks_pod_identity_association`
 * per bound service account (cluster + namespace + name → role). No annotation is needed.
 *
 * The cluster must run the **EKS Pod Identity Agent** add-on (`eks-pod-identity-agent`);
 * without it the pods get no credentials. IRSA-only options (`createOidcProvider`,
 * `oidcProviderArn`) are refused at synth.
 */
export class AwsPodIdentity extends AwsRoleIdentity {
  public readonly kind = "aws-pod-identity";
  /** Associations by `<namespace>/<name>`. */
  public readonly associations: Record<string, EksPodIdentityAssociation> = {};
  /** ARN of the cluster the trust is conditioned on. */
  public readonly clusterArn: string;
  private readonly clusterName: string;
  private readonly disableSessionTags?: boolean;
  private readonly podIdentityAgent?: ITerraformDependable;

  constructor(scope: Construct, id: string, props: AwsPodIdentityProps) {
    super(scope, id, props);
    this.clusterName = props.cluster.clusterName;
    this.disableSessionTags = props.disableSessionTags;
    this.podIdentityAgent = props.podIdentityAgent;
    if (props.cluster.clusterArn !== undefined) {
      this.clusterArn = props.cluster.clusterArn;
    } else {
      const partition = new DataAwsPartition(this, "Partition", {});
      const region = new (dataAwsRegionBinding().DataAwsRegion)(this, "Region", {});
      const account = new DataAwsCallerIdentity(this, "Account", {});
      this.clusterArn = `arn:${partition.partition}:eks:${region.region}:${account.accountId}:cluster/${this.clusterName}`;
    }
    const given = props as unknown as Record<string, unknown>;
    addChecks(this, () => [
      ...IRSA_ONLY_OPTIONS.filter((key) => given[key] !== undefined).map((key) => ({
        rule: POD_IDENTITY_IRSA_OPTION,
        field: key,
        value: given[key],
        message:
          "is an IRSA option; EKS Pod Identity trusts pods.eks.amazonaws.com and needs no OIDC provider",
        example: "remove it, or use AwsIrsaIdentity",
      })),
      props.disableSessionTags === true
        ? {
            rule: POD_IDENTITY_SESSION_TAGS,
            field: "disableSessionTags",
            value: true,
            message:
              "the role trusts only this cluster's bound service accounts through the session tags EKS adds (aws:RequestTag/eks-cluster-arn, kubernetes-namespace, kubernetes-service-account); without the tags STS refuses every AssumeRole",
            example: "remove disableSessionTags",
          }
        : undefined,
    ]);
  }

  protected trustPolicy(estimate = false): Record<string, unknown> {
    const clusterArn =
      estimate && isUnresolved(this.clusterArn)
        ? `${ESTIMATED_ARN_PREFIX}${isUnresolved(this.clusterName) ? "x".repeat(40) : this.clusterName}`
        : this.clusterArn;
    const statement = (condition: Record<string, string>) => ({
      Effect: "Allow",
      Principal: { Service: POD_IDENTITY_SERVICE },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: { StringEquals: condition },
    });
    const seen = new Set<string>();
    const subjects = this.subjects
      .filter((s) => {
        const key = `${s.namespace}/${s.name}`;
        return seen.has(key) ? false : (seen.add(key), true);
      })
      .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
    // One statement per service account: listing namespaces and names in one condition
    // would also trust every cross pair (namespace of one, name of another).
    const statements = subjects.map((s) =>
      statement({
        [POD_IDENTITY_TAGS.clusterArn]: clusterArn,
        [POD_IDENTITY_TAGS.namespace]: s.namespace,
        [POD_IDENTITY_TAGS.serviceAccount]: s.name,
      }),
    );
    return {
      Version: "2012-10-17",
      // Unbound (reported as AWS-IAM-ROLE-UNBOUND): trust this cluster only, no account.
      Statement: statements.length
        ? statements
        : [statement({ [POD_IDENTITY_TAGS.clusterArn]: clusterArn })],
    };
  }

  protected bindSubject(scope: Construct, subject: ServiceAccountSubject): WorkloadIdentityBinding {
    const association = new (eksPodIdentityAssociationBinding().EksPodIdentityAssociation)(
      scope,
      "PodIdentityAssociation",
      {
        clusterName: this.clusterName,
        namespace: subject.namespace,
        serviceAccount: subject.name,
        roleArn: this.roleArn,
        disableSessionTags: this.disableSessionTags,
        tags: this.role.tagsInput ? sortKeys(this.role.tagsInput) : undefined,
      },
    );
    this.associations[`${subject.namespace}/${subject.name}`] = association;
    return {
      serviceAccountAnnotations: {},
      podLabels: {},
      principal: this.roleArn,
      // EKS injects the credentials when the pod is admitted: association and agent first.
      dependables: this.podIdentityAgent ? [association, this.podIdentityAgent] : [association],
      flows: eksPodIdentityFlows(),
    };
  }
}
