import { Construct } from "constructs";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { sortKeys } from "../core/labels";
import { addChecks } from "../core/rules/report";
import type { ServiceAccountSubject, WorkloadIdentityBinding } from "../identity/workload-identity";
import { POD_IDENTITY_IRSA_OPTION } from "./rules";
import { AwsRoleIdentity, AwsRoleOptions } from "./runner-role";

/** Service principal of EKS Pod Identity. */
export const POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";

/** Options that only make sense for IRSA; given to Pod Identity they are reported at synth. */
const IRSA_ONLY_OPTIONS = ["createOidcProvider", "oidcProviderArn"] as const;

/** Pod Identity options without the cluster (what a stack's pool options take). */
export interface AwsPodIdentityOptions extends AwsRoleOptions {
  /** Turn off the session tags (`kubernetes-namespace`, `eks-cluster-name`, …) EKS adds. @default false */
  readonly disableSessionTags?: boolean;
}

/** Props of {@link AwsPodIdentity}. */
export interface AwsPodIdentityProps extends AwsPodIdentityOptions {
  /** The cluster (only its name is used). */
  readonly cluster: { readonly clusterName: string };
}

/**
 * EKS Pod Identity: an IAM role trusting `pods.eks.amazonaws.com` (`sts:AssumeRole` and
 * `sts:TagSession`) and one `aws_eks_pod_identity_association` per bound service account
 * (cluster + namespace + name → role). No annotation is needed.
 *
 * The cluster must run the **EKS Pod Identity Agent** add-on (`eks-pod-identity-agent`);
 * without it the pods get no credentials. IRSA-only options (`createOidcProvider`,
 * `oidcProviderArn`) are refused at synth.
 */
export class AwsPodIdentity extends AwsRoleIdentity {
  public readonly kind = "aws-pod-identity";
  /** Associations by `<namespace>/<name>`. */
  public readonly associations: Record<string, EksPodIdentityAssociation> = {};
  private readonly clusterName: string;
  private readonly disableSessionTags?: boolean;

  constructor(scope: Construct, id: string, props: AwsPodIdentityProps) {
    super(scope, id, props);
    this.clusterName = props.cluster.clusterName;
    this.disableSessionTags = props.disableSessionTags;
    const given = props as unknown as Record<string, unknown>;
    addChecks(this, () =>
      IRSA_ONLY_OPTIONS.filter((key) => given[key] !== undefined).map((key) => ({
        rule: POD_IDENTITY_IRSA_OPTION,
        field: key,
        value: given[key],
        message:
          "is an IRSA option; EKS Pod Identity trusts pods.eks.amazonaws.com and needs no OIDC provider",
        example: "remove it, or use AwsIrsaIdentity",
      })),
    );
  }

  protected trustPolicy(): Record<string, unknown> {
    return {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: POD_IDENTITY_SERVICE },
          Action: ["sts:AssumeRole", "sts:TagSession"],
        },
      ],
    };
  }

  protected bindSubject(scope: Construct, subject: ServiceAccountSubject): WorkloadIdentityBinding {
    const association = new EksPodIdentityAssociation(scope, "PodIdentityAssociation", {
      clusterName: this.clusterName,
      namespace: subject.namespace,
      serviceAccount: subject.name,
      roleArn: this.roleArn,
      disableSessionTags: this.disableSessionTags,
      tags: this.role.tagsInput ? sortKeys(this.role.tagsInput) : undefined,
    });
    this.associations[`${subject.namespace}/${subject.name}`] = association;
    return { serviceAccountAnnotations: {}, podLabels: {}, principal: this.roleArn };
  }
}
