// Rule scenarios of the AWS bindings: each rule's invalid input, and the same input with
// the rule's "Valid:" example applied.
import { Construct } from "constructs";
import type { TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AwsIrsaIdentity, AwsIrsaIdentityProps } from "../../../lib/aws/irsa-identity";
import { AwsPodIdentity, AwsPodIdentityProps } from "../../../lib/aws/pod-identity";
import {
  EksClusterAttributes,
  EksClusterConnection,
  EksClusterConnectionProps,
} from "../../../lib/aws/eks-cluster-connection";
import type { AwsPolicyStatement } from "../../../lib/aws/runner-role";
import * as rules from "../../../lib/aws/rules";
import type { Rule } from "../../../lib/core/rules/rule";
import type { RuleScenario } from "../../support/rule-scenarios";
import { newStack } from "../../support/stack";

const ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123";
const ATTRIBUTES: EksClusterAttributes = {
  endpoint: "https://ABC123.gr7.eu-west-1.eks.amazonaws.com",
  certificateAuthorityData: "TFMwdExTMUNSVWRKVGk=",
  oidcIssuerUrl: ISSUER,
};
const STATEMENT: AwsPolicyStatement = {
  Effect: "Allow",
  Action: ["s3:GetObject"],
  Resource: ["arn:aws:s3:::artifacts/*"],
};

function awsStack(): TerraformStack {
  const stack = newStack();
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  return stack;
}

/** An EKS connection from attributes (no lookup). */
function eks(props: Partial<EksClusterConnectionProps> = {}): TerraformStack {
  const stack = awsStack();
  new EksClusterConnection(stack, "Cluster", {
    clusterName: "ci-cluster",
    attributes: ATTRIBUTES,
    ...props,
  });
  return stack;
}

/** An IRSA identity (creating its OIDC provider), bound to ci/runner unless `bind` is false. */
function irsa(props: Partial<AwsIrsaIdentityProps> = {}, bind = true): TerraformStack {
  const stack = awsStack();
  const identity = new AwsIrsaIdentity(stack, "Irsa", {
    cluster: { clusterName: "ci-cluster", oidcIssuerUrl: ISSUER },
    createOidcProvider: true,
    ...props,
  });
  if (bind) identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
  return stack;
}

function podIdentity(props: Partial<AwsPodIdentityProps> = {}): TerraformStack {
  const stack = awsStack();
  const identity = new AwsPodIdentity(stack, "PodIdentity", {
    cluster: { clusterName: "ci-cluster" },
    ...props,
  });
  identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
  return stack;
}

const scenario = (
  rule: Rule,
  invalid: () => TerraformStack,
  valid: () => TerraformStack,
): RuleScenario => ({ rule, invalid, valid });

export const scenarios: RuleScenario[] = [
  scenario(
    rules.EKS_CLUSTER_NAME,
    () => eks({ clusterName: "ci cluster" }),
    () => eks({ clusterName: "ci-cluster" }),
  ),
  scenario(
    rules.EKS_ENDPOINT_HTTPS,
    () =>
      eks({ attributes: { ...ATTRIBUTES, endpoint: "ABC123.gr7.eu-west-1.eks.amazonaws.com" } }),
    () =>
      eks({
        attributes: { ...ATTRIBUTES, endpoint: "https://ABC123.gr7.eu-west-1.eks.amazonaws.com" },
      }),
  ),
  scenario(
    rules.EKS_OIDC_ISSUER_HTTPS,
    () =>
      eks({
        attributes: { ...ATTRIBUTES, oidcIssuerUrl: "oidc.eks.eu-west-1.amazonaws.com/id/ABC123" },
      }),
    () =>
      eks({
        attributes: {
          ...ATTRIBUTES,
          oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123",
        },
      }),
  ),
  scenario(
    rules.EKS_CA_BASE64,
    () =>
      eks({
        attributes: {
          ...ATTRIBUTES,
          certificateAuthorityData: "-----BEGIN CERTIFICATE-----\nMIIC…\n-----END CERTIFICATE-----",
        },
      }),
    () => eks({ attributes: { ...ATTRIBUTES, certificateAuthorityData: "LS0tLS1CRUdJTi…" } }),
  ),
  scenario(
    rules.IRSA_OIDC_PROVIDER_EXCLUSIVE,
    () =>
      irsa({
        createOidcProvider: true,
        oidcProviderArn:
          "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123",
      }),
    () => irsa({ createOidcProvider: true }),
  ),
  scenario(
    rules.IRSA_OIDC_PROVIDER_ARN,
    () =>
      irsa({ createOidcProvider: undefined, oidcProviderArn: "oidc.eks.eu-west-1.amazonaws.com" }),
    () =>
      irsa({
        createOidcProvider: undefined,
        oidcProviderArn:
          "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123",
      }),
  ),
  scenario(
    rules.POD_IDENTITY_IRSA_OPTION,
    () => podIdentity({ createOidcProvider: true } as Partial<AwsPodIdentityProps>),
    () => podIdentity(),
  ),
  scenario(
    rules.IAM_ROLE_NAME_EXCLUSIVE,
    () => irsa({ roleName: "ci-runners-gitlab", roleNamePrefix: "ci-runners-" }),
    () => irsa({ roleName: "ci-runners-gitlab" }),
  ),
  scenario(
    rules.IAM_ROLE_NAME,
    () => irsa({ roleName: "r".repeat(65) }),
    () => irsa({ roleName: "ci-runners-gitlab" }),
  ),
  scenario(
    rules.IAM_ROLE_NAME_PREFIX,
    () => irsa({ roleNamePrefix: "p".repeat(39) }),
    () => irsa({ roleNamePrefix: "ci-runners-" }),
  ),
  scenario(
    rules.IAM_ROLE_PATH,
    () => irsa({ path: "ci" }),
    () => irsa({ path: "/ci/" }),
  ),
  scenario(
    rules.IAM_ROLE_MAX_SESSION_DURATION,
    () => irsa({ maxSessionDuration: 600 }),
    () => irsa({ maxSessionDuration: 3600 }),
  ),
  scenario(
    rules.IAM_MANAGED_POLICY_ARN,
    () => irsa({ managedPolicyArns: ["AmazonS3ReadOnlyAccess"] }),
    () => irsa({ managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }),
  ),
  scenario(
    rules.IAM_INLINE_POLICY_NAME,
    () => irsa({ inlinePolicies: { "read artifacts": { Statement: [STATEMENT] } } }),
    () => irsa({ inlinePolicies: { "read-artifacts": { Statement: [STATEMENT] } } }),
  ),
  scenario(
    rules.IAM_INLINE_POLICY_EMPTY,
    () => irsa({ inlinePolicies: { "read-artifacts": { Statement: [] } } }),
    () => irsa({ inlinePolicies: { "read-artifacts": { Statement: [STATEMENT] } } }),
  ),
  scenario(
    rules.IAM_INLINE_POLICY_ADMIN,
    () =>
      irsa({
        inlinePolicies: { admin: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } },
      }),
    () => irsa({ inlinePolicies: { admin: { Statement: [STATEMENT] } } }),
  ),
  scenario(
    rules.IAM_ROLE_UNBOUND,
    () => irsa({}, false),
    () => irsa({}, true),
  ),
  scenario(
    rules.IAM_SERVICE_WIDE_WILDCARD,
    () =>
      irsa({
        inlinePolicies: { p: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } },
      }),
    () => irsa({ inlinePolicies: { p: { Statement: [STATEMENT] } } }),
  ),
  scenario(
    rules.IAM_IAM_WILDCARD,
    () =>
      irsa({
        inlinePolicies: { p: { Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }] } },
      }),
    () =>
      irsa({
        inlinePolicies: {
          p: {
            Statement: [
              {
                Effect: "Allow",
                Action: ["iam:GetRole"],
                Resource: ["arn:aws:iam::123456789012:role/ci-*"],
              },
            ],
          },
        },
      }),
  ),
  scenario(
    rules.IAM_NOT_ACTION,
    () =>
      irsa({
        inlinePolicies: {
          p: { Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] },
        },
      }),
    () => irsa({ inlinePolicies: { p: { Statement: [STATEMENT] } } }),
  ),
  scenario(
    rules.IAM_MANAGED_POLICY_ADMIN,
    () => irsa({ managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }),
    () => irsa({ managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }),
  ),
  scenario(
    rules.IAM_TRUST_POLICY_SIZE,
    () => irsaBoundTo(40),
    () => irsaBoundTo(10),
  ),
  scenario(
    rules.POD_IDENTITY_SESSION_TAGS,
    () => podIdentity({ disableSessionTags: true }),
    () => podIdentity({}),
  ),
];

/** An IRSA identity bound to `n` service accounts (one per namespace); split pools stay small. */
function irsaBoundTo(n: number): TerraformStack {
  const stack = awsStack();
  const identity = new AwsIrsaIdentity(stack, "Irsa", {
    cluster: { clusterName: "ci-cluster", oidcIssuerUrl: ISSUER },
  });
  for (let i = 0; i < n; i++)
    identity.bind(new Construct(stack, `Bind${i}`), { namespace: `team-${i}`, name: "ci-runner" });
  return stack;
}
