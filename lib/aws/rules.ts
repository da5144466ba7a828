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

export const IAM_SERVICE_WIDE_WILDCARD = defineRule({
  id: "AWS-IAM-SERVICE-WIDE-WILDCARD",
  kind: "policy",
  severity: "error",
  rationale:
    "An Allow of <service>:* on every resource grants every action of that service (deletes, policy changes, actions added later) across the account; IAM's least-privilege guidance is to list actions and name resources.",
  example: '{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::artifacts/*"] }',
});

export const IAM_IAM_WILDCARD = defineRule({
  id: "AWS-IAM-IAM-WILDCARD",
  kind: "policy",
  severity: "error",
  rationale:
    "A wildcard over IAM actions (iam:*, iam:Put*, …) lets a job create or change roles and policies, or pass roles: a path to administrator.",
  example:
    '{ Effect: "Allow", Action: ["iam:GetRole"], Resource: ["arn:aws:iam::123456789012:role/ci-*"] }',
});

export const IAM_NOT_ACTION = defineRule({
  id: "AWS-IAM-NOT-ACTION",
  kind: "policy",
  severity: "error",
  rationale:
    "Allow with NotAction grants every action not listed, of every service, including actions AWS adds later (IAM JSON policy reference, NotAction).",
  example: '{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::artifacts/*"] }',
});

export const IAM_MANAGED_POLICY_ADMIN = defineRule({
  id: "AWS-IAM-MANAGED-POLICY-ADMIN",
  kind: "policy",
  severity: "error",
  rationale:
    "AdministratorAccess, PowerUserAccess and IAMFullAccess make every job of the pool an administrator of the account, or able to become one.",
  example: '"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"',
});

export const IAM_TRUST_POLICY_SIZE = defineRule({
  id: "AWS-IAM-TRUST-POLICY-SIZE",
  kind: "policy",
  severity: "error",
  rationale:
    'IAM refuses a role trust policy over 2,048 characters (the default "Role trust policy length" quota, adjustable to 4,096) — at apply, after other resources changed. The size is estimated at synth with realistic account ids, issuers and cluster ARNs; suppress it with a reason when the account\'s quota was raised.',
  example: "split the pools over several identities (fewer service accounts per role)",
});

export const POD_IDENTITY_SESSION_TAGS = defineRule({
  id: "AWS-POD-IDENTITY-SESSION-TAGS",
  kind: "validity",
  severity: "error",
  rationale:
    "The Pod Identity role trusts only the bound cluster, namespace and service account, through the session tags EKS adds (aws:RequestTag/…); with session tags disabled no request matches and STS refuses every AssumeRole.",
  example: "remove disableSessionTags",
});
