// The rules of the AWS bindings (EKS connection, IRSA, Pod Identity, the IAM role).
import { defineRule } from "../core/rules/rule";

export const EKS_CLUSTER_NAME = defineRule({
  id: "AWS-EKS-CLUSTER-NAME",
  kind: "validity",
  severity: "error",
  rationale:
    "EKS names clusters with 1–100 letters, digits, '-' or '_', starting with a letter or digit; no other name can be looked up or passed to aws eks get-token.",
  example: '"ci-cluster"',
});

export const EKS_ENDPOINT_HTTPS = defineRule({
  id: "AWS-EKS-ENDPOINT-HTTPS",
  kind: "validity",
  severity: "error",
  rationale:
    "The EKS API server endpoint is an https:// URL; the providers cannot reach it otherwise.",
  example: '"https://ABC123.gr7.eu-west-1.eks.amazonaws.com"',
});

export const EKS_OIDC_ISSUER_HTTPS = defineRule({
  id: "AWS-EKS-OIDC-ISSUER-HTTPS",
  kind: "validity",
  severity: "error",
  rationale:
    "The cluster's OIDC issuer is an https:// URL: IAM OIDC providers are created for it and IRSA condition keys are derived from it.",
  example: '"https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123"',
});

export const EKS_CA_BASE64 = defineRule({
  id: "AWS-EKS-CA-BASE64",
  kind: "validity",
  severity: "error",
  rationale:
    "The cluster CA is decoded with base64decode() in Terraform; PEM text is not base64 and fails the plan.",
  example: '"LS0tLS1CRUdJTi…"',
});

export const IRSA_OIDC_PROVIDER_EXCLUSIVE = defineRule({
  id: "AWS-IRSA-OIDC-PROVIDER-EXCLUSIVE",
  kind: "validity",
  severity: "error",
  rationale:
    "The trust names one OIDC provider: either the one created here or an existing one, never both.",
  example: "createOidcProvider: true, or oidcProviderArn of the existing provider",
});

export const IRSA_OIDC_PROVIDER_ARN = defineRule({
  id: "AWS-IRSA-OIDC-PROVIDER-ARN",
  kind: "validity",
  severity: "error",
  rationale:
    "The trust's federated principal must be an IAM OIDC provider ARN; IAM refuses a trust that names anything else.",
  example: '"arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123"',
});

export const POD_IDENTITY_IRSA_OPTION = defineRule({
  id: "AWS-POD-IDENTITY-IRSA-OPTION",
  kind: "validity",
  severity: "error",
  rationale:
    "EKS Pod Identity trusts pods.eks.amazonaws.com and uses no OIDC provider; an IRSA option given to it would be silently ignored.",
  example: "remove it, or use AwsIrsaIdentity",
});

export const IAM_ROLE_NAME_EXCLUSIVE = defineRule({
  id: "AWS-IAM-ROLE-NAME-EXCLUSIVE",
  kind: "validity",
  severity: "error",
  rationale: "aws_iam_role takes a name or a name prefix, not both (Terraform refuses the pair).",
  example: "set only one of them",
});

export const IAM_ROLE_NAME = defineRule({
  id: "AWS-IAM-ROLE-NAME",
  kind: "validity",
  severity: "error",
  rationale: "IAM refuses role names that are not 1–64 letters, digits and +=,.@_-.",
  example: '"ci-runners-gitlab"',
});

export const IAM_ROLE_NAME_PREFIX = defineRule({
  id: "AWS-IAM-ROLE-NAME-PREFIX",
  kind: "validity",
  severity: "error",
  rationale:
    "Terraform appends a 26-character suffix to a name prefix, so the prefix is 1–38 characters of an IAM role name (letters, digits and +=,.@_-).",
  example: '"ci-runners-"',
});

export const IAM_ROLE_PATH = defineRule({
  id: "AWS-IAM-ROLE-PATH",
  kind: "validity",
  severity: "error",
  rationale: "IAM refuses a path that does not start and end with '/' or is over 512 characters.",
  example: '"/ci/"',
});

export const IAM_ROLE_MAX_SESSION_DURATION = defineRule({
  id: "AWS-IAM-ROLE-MAX-SESSION-DURATION",
  kind: "validity",
  severity: "error",
  rationale: "IAM accepts a maximum session duration of 3600 to 43200 whole seconds only.",
  example: "3600",
});

export const IAM_MANAGED_POLICY_ARN = defineRule({
  id: "AWS-IAM-MANAGED-POLICY-ARN",
  kind: "validity",
  severity: "error",
  rationale: "Only an IAM policy ARN can be attached to a role.",
  example: '"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"',
});

export const IAM_INLINE_POLICY_NAME = defineRule({
  id: "AWS-IAM-INLINE-POLICY-NAME",
  kind: "validity",
  severity: "error",
  rationale: "IAM refuses inline policy names that are not 1–128 letters, digits and +=,.@_-.",
  example: '"read-artifacts"',
});

export const IAM_INLINE_POLICY_EMPTY = defineRule({
  id: "AWS-IAM-INLINE-POLICY-EMPTY",
  kind: "validity",
  severity: "error",
  rationale: "IAM refuses a policy document without statements (MalformedPolicyDocument).",
  example:
    '[{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::artifacts/*"] }]',
});

export const IAM_INLINE_POLICY_ADMIN = defineRule({
  id: "AWS-IAM-INLINE-POLICY-ADMIN",
  kind: "policy",
  severity: "error",
  rationale:
    "Allow * on * makes every job of the pool an AWS administrator; runner roles should name their actions and resources.",
  example: '{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::artifacts/*"] }',
});

export const IAM_ROLE_UNBOUND = defineRule({
  id: "AWS-IAM-ROLE-UNBOUND",
  kind: "policy",
  severity: "error",
  rationale:
    "A role bound to no service account gives no pod credentials: an unused role, left over from a removed or never wired pool.",
  example: "pass it as a pool's identity, or call bind()",
});
