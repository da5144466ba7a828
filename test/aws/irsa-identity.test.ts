import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { AwsIrsaIdentity, AwsIrsaIdentityProps, EksClusterInfo } from "../../lib/aws";
import { EksClusterConnection } from "../../lib/aws/eks-cluster-connection";
import { Rules } from "../../lib/core/rules/report";
import { RunnerPool } from "../../lib/pool";
import { boundRunner } from "../support/fixtures";
import {
  findingsOf,
  Json,
  newStack,
  ofType,
  onlyResource,
  onlyResourceId,
  ruleIdsOf,
  synthErrors,
  synthJson,
} from "../support/stack";
import { documentOf, policyJson, trustOf } from "./policy-json";

const ISSUER_HOST = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF";
const CLUSTER: EksClusterInfo = { clusterName: "ci", oidcIssuerUrl: `https://${ISSUER_HOST}` };

function setup(props: Partial<AwsIrsaIdentityProps> = {}) {
  const stack = newStack("test", { providers: false });
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  new KubernetesProvider(stack, "k8s", {});
  new HelmProvider(stack, "helm", {});
  const identity = new AwsIrsaIdentity(stack, "Irsa", {
    cluster: CLUSTER,
    createOidcProvider: true,
    ...props,
  });
  return { stack, identity };
}

function trust(json: ReturnType<typeof synthJson>) {
  return trustOf(json, onlyResource(json, "aws_iam_role"));
}

describe("AwsIrsaIdentity", () => {
  test("trust: one statement, web identity from the OIDC provider, StringEquals on sub and aud without https://", () => {
    const { stack: s2, identity } = setup();
    identity.bind(new Construct(s2, "Bind"), { namespace: "ci", name: "runner" });
    const json = synthJson(s2);
    const providerId = onlyResourceId(json, "aws_iam_openid_connect_provider");
    expect(trust(json)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: `\${aws_iam_openid_connect_provider.${providerId}.arn}` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${ISSUER_HOST}:aud`]: "sts.amazonaws.com",
              [`${ISSUER_HOST}:sub`]: "system:serviceaccount:ci:runner",
            },
          },
        },
      ],
    });
    expect(JSON.stringify(ofType(json, "aws_iam_policy_document", "data"))).not.toContain(
      "https://",
    );
  });

  test("creates the OIDC provider with the https issuer URL and client id sts.amazonaws.com", () => {
    const { stack, identity } = setup();
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    const provider = onlyResource(synthJson(stack), "aws_iam_openid_connect_provider");
    expect(provider.url).toBe(`https://${ISSUER_HOST}`);
    expect(provider.client_id_list).toEqual(["sts.amazonaws.com"]);
  });

  test("an existing OIDC provider ARN is the principal, and no provider is created", () => {
    const arn = `arn:aws:iam::123456789012:oidc-provider/${ISSUER_HOST}`;
    const { stack, identity } = setup({ createOidcProvider: undefined, oidcProviderArn: arn });
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    const json = synthJson(stack);
    expect(ofType(json, "aws_iam_openid_connect_provider")).toEqual({});
    expect(trust(json).Statement[0].Principal).toEqual({ Federated: arn });
    expect(synthErrors(stack)).toBe("");
  });

  test("without provider options the ARN is built from partition, account and the bare issuer", () => {
    const { stack, identity } = setup({ createOidcProvider: undefined });
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    const json = synthJson(stack);
    const partition = Object.keys(ofType(json, "aws_partition", "data"))[0];
    const account = Object.keys(ofType(json, "aws_caller_identity", "data"))[0];
    expect(trust(json).Statement[0].Principal.Federated).toBe(
      `arn:\${data.aws_partition.${partition}.partition}:iam::\${data.aws_caller_identity.${account}.account_id}:oidc-provider/${ISSUER_HOST}`,
    );
  });

  test("an issuer from the data source is stripped with replace() in Terraform", () => {
    const stack = newStack("test", { providers: false });
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const cluster = new EksClusterConnection(stack, "Cluster", { clusterName: "ci" });
    const identity = new AwsIrsaIdentity(stack, "Irsa", { cluster, createOidcProvider: true });
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    const json = synthJson(stack);
    const dataId = Object.keys(ofType(json, "aws_eks_cluster", "data"))[0];
    const host = `\${replace(data.aws_eks_cluster.${dataId}.identity[0].oidc[0].issuer, "https://", "")}`;
    const doc = documentOf(json, onlyResource(json, "aws_iam_role").assume_role_policy);
    expect(doc.statement[0].condition).toEqual([
      { test: "StringEquals", variable: `${host}:aud`, values: ["sts.amazonaws.com"] },
      {
        test: "StringEquals",
        variable: `${host}:sub`,
        values: ["system:serviceaccount:ci:runner"],
      },
    ]);
    expect(onlyResource(json, "aws_iam_openid_connect_provider").url).toBe(
      `\${data.aws_eks_cluster.${dataId}.identity[0].oidc[0].issuer}`,
    );
  });

  test("two bound service accounts stay in one statement with both subjects listed", () => {
    const { stack, identity } = setup();
    identity.bind(new Construct(stack, "A"), { namespace: "ci", name: "runner" });
    identity.bind(new Construct(stack, "B"), { namespace: "ci", name: "jobs" });
    const t = trust(synthJson(stack));
    expect(t.Statement).toHaveLength(1);
    expect(t.Statement[0].Condition.StringEquals[`${ISSUER_HOST}:sub`]).toEqual([
      "system:serviceaccount:ci:jobs",
      "system:serviceaccount:ci:runner",
    ]);
  });

  test("a pool annotates its service account with the role ARN", () => {
    const { stack, identity } = setup({ roleName: "ci-runners" });
    new RunnerPool(stack, "pool", { namespaceName: "ci", platform: boundRunner(), identity });
    const json = synthJson(stack);
    const roleId = onlyResourceId(json, "aws_iam_role");
    const sa = onlyResource(json, "kubernetes_service_account_v1");
    expect(sa.metadata.annotations).toEqual({
      "eks.amazonaws.com/role-arn": `\${aws_iam_role.${roleId}.arn}`,
    });
    expect(onlyResource(json, "aws_iam_role").name).toBe("ci-runners");
    expect(trust(json).Statement[0].Condition.StringEquals[`${ISSUER_HOST}:sub`]).toBe(
      "system:serviceaccount:ci:runner",
    );
    expect(synthErrors(stack)).toBe("");
  });

  test("managed policies are attachments, inline policies are policy documents", () => {
    const { stack, identity } = setup({
      managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
      inlinePolicies: {
        cache: {
          Statement: [
            { Resource: ["arn:aws:s3:::c/*"], Effect: "Allow", Action: ["s3:GetObject"] },
          ],
        },
      },
    });
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    const json = synthJson(stack);
    const roleId = onlyResourceId(json, "aws_iam_role");
    expect(onlyResource(json, "aws_iam_role_policy_attachment")).toMatchObject({
      policy_arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
      role: `\${aws_iam_role.${roleId}.name}`,
    });
    const inline = onlyResource(json, "aws_iam_role_policy");
    expect(inline.policy).toMatch(
      /^\$\{data\.aws_iam_policy_document\.Irsa_InlineDocument-cache_\w+\.json\}$/,
    );
    expect(documentOf(json, inline.policy)).toMatchObject({
      version: "2012-10-17",
      statement: [{ effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::c/*"] }],
    });
    expect(policyJson(json, inline.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::c/*" }],
    });
  });

  test("the default name is a prefix derived from the construct id", () => {
    const { stack, identity } = setup();
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    const role = onlyResource(synthJson(stack), "aws_iam_role");
    expect(role.name_prefix).toBe("Irsa-");
    expect(role.name).toBeUndefined();
  });

  describe("bad input is reported at synth", () => {
    const cases: [string, () => string, RegExp[]][] = [
      [
        "wildcard service account",
        () => bindAndErrors({}, { namespace: "ci", name: "*" }),
        [/subject\.name: "\*" — wildcards are refused/],
      ],
      [
        "wildcard namespace",
        () => bindAndErrors({}, { namespace: "ci-*", name: "runner" }),
        [/subject\.namespace: "ci-\*" — wildcards are refused/],
      ],
      [
        "empty namespace",
        () => bindAndErrors({}, { namespace: "", name: "runner" }),
        [/subject\.namespace: "" — must not be empty/],
      ],
      [
        "empty service account",
        () => bindAndErrors({}, { namespace: "ci", name: " " }),
        [/subject\.name: " " — must not be empty/],
      ],
      [
        "role name over 64",
        () => bindAndErrors({ roleName: "r".repeat(65) }),
        [
          /roleName: "r{65}" — an IAM role name is 1–64 characters \(has 65\)/,
          /\(AWS-IAM-ROLE-NAME\)/,
        ],
      ],
      [
        "prefix over 38",
        () => bindAndErrors({ roleNamePrefix: "p".repeat(39) }),
        [
          /roleNamePrefix: "p{39}" — a role name prefix is 1–38 characters/,
          /\(AWS-IAM-ROLE-NAME-PREFIX\)/,
        ],
      ],
      [
        "bad role characters",
        () => bindAndErrors({ roleName: "ci runners" }),
        [/roleName: "ci runners" — an IAM role name uses letters/, /\(AWS-IAM-ROLE-NAME\)/],
      ],
      [
        "namespace outside the restriction",
        () =>
          bindAndErrors(
            { restrictTo: { namespace: "ci" } },
            { namespace: "other", name: "runner" },
          ),
        [/subject\.namespace: "other" — the identity is restricted to namespace "ci"/],
      ],
      [
        "provider created and given",
        () =>
          bindAndErrors({
            oidcProviderArn: `arn:aws:iam::123456789012:oidc-provider/${ISSUER_HOST}`,
          }),
        [
          /oidcProviderArn: .* — createOidcProvider and oidcProviderArn are mutually exclusive/,
          /\(AWS-IRSA-OIDC-PROVIDER-EXCLUSIVE\)/,
        ],
      ],
      [
        "Allow * on *",
        () =>
          bindAndErrors({
            inlinePolicies: {
              admin: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
            },
          }),
        [
          /inlinePolicies\.admin\.Statement\[0\]: .* — Allow \* on \* makes the runner an administrator/,
          /\(AWS-IAM-INLINE-POLICY-ADMIN\)/,
        ],
      ],
      [
        "never bound",
        () => synthErrors(setup().stack),
        [/subjects: \[\] — the role is bound to no service account/, /\(AWS-IAM-ROLE-UNBOUND\)/],
      ],
    ];
    test.each(cases)("%s", (_name, run, patterns) => {
      const errors = run();
      for (const p of patterns) expect(errors).toMatch(p);
      expect(errors).toMatch(/\[test\/(Irsa|Bind)\]/);
    });
  });
});

describe("Allow * on * is a policy: suppressible with a reason, recorded in the JSON", () => {
  test("suppressed on the identity, the stack synthesizes and the metadata names rule and reason", () => {
    const { stack, identity } = setup({
      inlinePolicies: { admin: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } },
    });
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    Rules.suppress(
      identity,
      "AWS-IAM-INLINE-POLICY-ADMIN",
      "sandbox account, reviewed by security",
    );
    expect(synthErrors(stack)).toBe("");
    expect(findingsOf(stack, "AWS-IAM-INLINE-POLICY-ADMIN").map((f) => f.status)).toEqual([
      "suppressed",
    ]);
    // Testing.synth drops "//"; the stack's own Terraform JSON keeps the metadata.
    const meta = (stack.toTerraform() as Json)["//"].metadata.runnerPoolsRules;
    expect(meta.suppressed).toEqual([
      expect.objectContaining({
        rule: "AWS-IAM-INLINE-POLICY-ADMIN",
        path: "test/Irsa",
        reason: "sandbox account, reviewed by security",
      }),
    ]);
  });

  test("a role name IAM refuses is a validity rule: the suppression is refused", () => {
    const { stack, identity } = setup({ roleName: "r".repeat(65) });
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    Rules.suppress(identity, "AWS-IAM-ROLE-NAME", "I really want a long name");
    expect(ruleIdsOf(stack, "error")).toEqual(["AWS-IAM-ROLE-NAME", "CORE-SUPPRESSION-VALIDITY"]);
  });
});

function bindAndErrors(
  props: Partial<AwsIrsaIdentityProps>,
  subject = { namespace: "ci", name: "runner" },
): string {
  const { stack, identity } = setup(props);
  identity.bind(new Construct(stack, "Bind"), subject);
  return synthErrors(stack);
}

describe("one OIDC provider per issuer per stack", () => {
  // IAM allows one OIDC provider per URL and account; a second
  // aws_iam_openid_connect_provider for the same URL fails with EntityAlreadyExists
  // (IAM API CreateOpenIDConnectProvider, Errors: EntityAlreadyExists).
  test("two identities that both ask for it share the first one's provider", () => {
    const { stack, identity } = setup();
    const second = new AwsIrsaIdentity(stack, "Second", {
      cluster: CLUSTER,
      createOidcProvider: true,
    });
    identity.bind(new Construct(stack, "A"), { namespace: "ci", name: "runner" });
    second.bind(new Construct(stack, "B"), { namespace: "ci", name: "builder" });
    const json = synthJson(stack);
    const providerId = onlyResourceId(json, "aws_iam_openid_connect_provider");
    expect(providerId).toMatch(/^Irsa_OidcProvider_/);
    const principals = Object.values(ofType(json, "aws_iam_role")).map(
      (r) => trustOf(json, r).Statement[0].Principal.Federated,
    );
    expect(principals).toEqual([
      `\${aws_iam_openid_connect_provider.${providerId}.arn}`,
      `\${aws_iam_openid_connect_provider.${providerId}.arn}`,
    ]);
    expect(synthErrors(stack)).toBe("");
  });

  test("an identity for another issuer gets its own provider", () => {
    const { stack, identity } = setup();
    const other = new AwsIrsaIdentity(stack, "Other", {
      cluster: {
        clusterName: "b",
        oidcIssuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/BBBB",
      },
      createOidcProvider: true,
    });
    identity.bind(new Construct(stack, "A"), { namespace: "ci", name: "runner" });
    other.bind(new Construct(stack, "B"), { namespace: "ci", name: "runner" });
    expect(Object.keys(ofType(synthJson(stack), "aws_iam_openid_connect_provider"))).toHaveLength(
      2,
    );
  });

  test("releases wait for the provider, the role and its policies", () => {
    const { stack, identity } = setup({
      managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
    });
    new RunnerPool(stack, "pool", { namespaceName: "ci", platform: boundRunner(), identity });
    const json = synthJson(stack);
    const deps = onlyResource(json, "helm_release").depends_on as string[];
    for (const type of [
      "aws_iam_openid_connect_provider",
      "aws_iam_role",
      "aws_iam_role_policy_attachment",
    ])
      expect(deps).toContain(`${type}.${onlyResourceId(json, type)}`);
  });
});

describe("trust policy size (AWS-IAM-TRUST-POLICY-SIZE)", () => {
  // IAM quotas: "Role trust policy length: 2,048 characters" (adjustable to 4,096),
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
  function bindMany(n: number, cluster: EksClusterInfo = CLUSTER) {
    const { stack, identity } = setup({ cluster, createOidcProvider: false });
    for (let i = 0; i < n; i++)
      identity.bind(new Construct(stack, `B${i}`), { namespace: `team-${i}`, name: "ci-runner" });
    return { stack, identity };
  }

  test("estimated with realistic lengths for values only Terraform knows", () => {
    // Without provider options, the account id and partition are Terraform references; the
    // estimate stands in a 12-digit account and the longest partition, not the token text.
    const { identity } = bindMany(1);
    const literal = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${ISSUER_HOST}:aud`]: "sts.amazonaws.com",
              [`${ISSUER_HOST}:sub`]: "system:serviceaccount:team-0:ci-runner",
            },
          },
          Effect: "Allow",
          Principal: {
            Federated: `arn:aws-us-gov:iam::123456789012:oidc-provider/oidc.eks.ap-southeast-1.amazonaws.com/id/${"E".repeat(32)}`,
          },
        },
      ],
    });
    expect(identity.estimatedTrustPolicyLength()).toBe(literal.length);
  });

  test("many subjects on one role are reported before apply; few are not", () => {
    expect(findingsOf(bindMany(10).stack, "AWS-IAM-TRUST-POLICY-SIZE")).toHaveLength(0);
    const { stack, identity } = bindMany(40);
    expect(identity.estimatedTrustPolicyLength()).toBeGreaterThan(2048);
    expect(synthErrors(stack)).toMatch(
      /\[test\/Irsa\] subjects: "40 service accounts" — the trust policy would be about \d+ characters .*\(AWS-IAM-TRUST-POLICY-SIZE\)/,
    );
  });

  test("suppressible with a reason once the quota is raised", () => {
    const { stack, identity } = bindMany(40);
    Rules.suppress(identity, "AWS-IAM-TRUST-POLICY-SIZE", "quota raised to 4096 (case 123)");
    expect(synthErrors(stack)).toBe("");
  });
});

describe("least-privilege rules on the role's permissions (policies, suppressible)", () => {
  // IAM best practices, "Apply least-privilege permissions"; the IAM JSON policy reference on
  // NotAction ("Allow with NotAction … can grant more permissions than you intended").
  const cases: [string, Partial<AwsIrsaIdentityProps>, string | undefined][] = [
    [
      "s3:* on *",
      {
        inlinePolicies: { p: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } },
      },
      "AWS-IAM-SERVICE-WIDE-WILDCARD",
    ],
    [
      "iam:* on one role",
      {
        inlinePolicies: {
          p: {
            Statement: [
              { Effect: "Allow", Action: ["iam:*"], Resource: "arn:aws:iam::123456789012:role/x" },
            ],
          },
        },
      },
      "AWS-IAM-IAM-WILDCARD",
    ],
    [
      "iam:Put* on *",
      {
        inlinePolicies: {
          p: { Statement: [{ Effect: "Allow", Action: ["iam:Put*"], Resource: "*" }] },
        },
      },
      "AWS-IAM-IAM-WILDCARD",
    ],
    [
      "Allow NotAction",
      {
        inlinePolicies: {
          p: { Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] },
        },
      },
      "AWS-IAM-NOT-ACTION",
    ],
    [
      "AdministratorAccess",
      { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] },
      "AWS-IAM-MANAGED-POLICY-ADMIN",
    ],
    [
      "s3:* on one bucket is fine",
      {
        inlinePolicies: {
          p: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::a/*" }] },
        },
      },
      undefined,
    ],
    [
      "s3:Get* on * is fine",
      {
        inlinePolicies: {
          p: { Statement: [{ Effect: "Allow", Action: "s3:Get*", Resource: "*" }] },
        },
      },
      undefined,
    ],
    [
      "Deny NotAction is fine",
      {
        inlinePolicies: {
          p: {
            Statement: [
              { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
              { Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" },
            ],
          },
        },
      },
      undefined,
    ],
  ];
  test.each(cases)("%s", (_name, props, rule) => {
    const { stack, identity } = setup(props);
    identity.bind(new Construct(stack, "Bind"), { namespace: "ci", name: "runner" });
    expect(ruleIdsOf(stack, "error")).toEqual(rule ? [rule] : []);
    if (rule) {
      Rules.suppress(identity, rule, "sandbox account, reviewed by security");
      expect(synthErrors(stack)).toBe("");
    }
  });
});

test("the trust-size estimate counts what the provider renders from the policy document", () => {
  // all values known at synth: the estimate is the rendered document's length exactly
  const { stack, identity } = setup({
    createOidcProvider: false,
    oidcProviderArn: `arn:aws:iam::123456789012:oidc-provider/${ISSUER_HOST}`,
  });
  for (const name of ["a", "b", "c"])
    identity.bind(new Construct(stack, name), { namespace: "ci", name });
  const rendered = JSON.stringify(trustOf(synthJson(stack)));
  expect(identity.estimatedTrustPolicyLength()).toBe(rendered.length);
});
