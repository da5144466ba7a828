import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type * as IamRolePolicyAttachmentModule from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { sortKeys } from "../core/labels";
import { isUnresolved, Problem } from "../core/rules/problem";
import { addChecks } from "../core/rules/report";
import { addBindingChecks, checkRestriction, SubjectRestriction } from "../identity/subject";
import type {
  ServiceAccountSubject,
  WorkloadIdentity,
  WorkloadIdentityBinding,
} from "../identity/workload-identity";
import { checkPolicyStatements, checkManagedPolicyArns } from "./iam-least-privilege";
import {
  IAM_POLICY_VERSION,
  IamJsonDocument,
  LazyPolicyDocument,
  policyDocument,
} from "./policy-document";
import {
  IAM_INLINE_POLICY_EMPTY,
  IAM_INLINE_POLICY_NAME,
  IAM_MANAGED_POLICY_ARN,
  IAM_ROLE_MAX_SESSION_DURATION,
  IAM_ROLE_NAME,
  IAM_ROLE_NAME_EXCLUSIVE,
  IAM_ROLE_NAME_PREFIX,
  IAM_ROLE_PATH,
  IAM_ROLE_UNBOUND,
  IAM_TRUST_POLICY_SIZE,
} from "./rules";
import { lazyBinding } from "../core/lazy-binding";

/** Loaded when first created (docs/performance.md). */
const iamRolePolicyAttachmentBinding = lazyBinding<typeof IamRolePolicyAttachmentModule>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require("@cdktf/provider-aws/lib/iam-role-policy-attachment"),
);

/** One IAM policy statement (the JSON shape IAM documents). */
export interface AwsPolicyStatement {
  /** Statement id. @default none */
  readonly Sid?: string;
  /** `Allow` or `Deny`. */
  readonly Effect: "Allow" | "Deny";
  /** Actions, e.g. `s3:GetObject`. @default none (then set `NotAction`) */
  readonly Action?: string | string[];
  /** Actions excluded. @default none */
  readonly NotAction?: string | string[];
  /** Resource ARNs. @default none (then set `NotResource`) */
  readonly Resource?: string | string[];
  /** Resources excluded. @default none */
  readonly NotResource?: string | string[];
  /** Conditions: operator → key → value(s). @default none */
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** An IAM policy document. */
export interface AwsPolicyDocument {
  /** @default "2012-10-17" */
  readonly Version?: string;
  /** Statements. */
  readonly Statement: AwsPolicyStatement[];
}

/** Options of the IAM role behind an AWS workload identity. */
export interface AwsRoleOptions {
  /** Role name: at most 64 letters, digits and `+=,.@_-`. @default a `roleNamePrefix` derived from the construct id */
  readonly roleName?: string;
  /** Role name prefix (Terraform adds a unique suffix): at most 38 characters. @default derived from the construct id */
  readonly roleNamePrefix?: string;
  /** Role description. @default "Runner pool workload identity (cdktf-runner-pools)" */
  readonly description?: string;
  /** IAM path. @default "/" */
  readonly path?: string;
  /** Managed policy ARNs attached to the role (`aws_iam_role_policy_attachment` each). @default none */
  readonly managedPolicyArns?: string[];
  /**
   * Inline policies by name: an `aws_iam_role_policy` each, its document a
   * `data aws_iam_policy_document` (construct id `InlineDocument-<name>`). @default none
   */
  readonly inlinePolicies?: Record<string, AwsPolicyDocument>;
  /** ARN of a permissions boundary. @default none */
  readonly permissionsBoundary?: string;
  /** Maximum session duration in seconds (3600–43200). @default 3600 */
  readonly maxSessionDuration?: number;
  /** Tags on the role. @default none */
  readonly tags?: Record<string, string>;
  /** Only bind service accounts that match this (e.g. one namespace). @default any service account a pool binds */
  readonly restrictTo?: SubjectRestriction;
}

const ROLE_NAME = /^[\w+=,.@-]+$/;

/**
 * IAM's default quota for a role trust policy: 2,048 characters, whitespace not counted
 * (adjustable up to 4,096 through Service Quotas). IAM and AWS STS quotas:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
export const TRUST_POLICY_MAX_LENGTH = 2048;
const ROLE_PATH = /^\/([\x21-\x7e]*\/)?$/;

function defaultPrefix(id: string): string {
  const cleaned = id.replace(/[^\w+=,.@-]/g, "-").slice(0, 37);
  return `${cleaned}-`;
}

function policyKey(arn: string, index: number): string {
  if (isUnresolved(arn)) return `Policy${index}`;
  const last = arn.split("/").pop() ?? `Policy${index}`;
  return last.replace(/[^A-Za-z0-9_-]/g, "-");
}

/**
 * The IAM role shared by {@link AwsIrsaIdentity} and {@link AwsPodIdentity}: trust built
 * by the subclass, managed and inline policies as grants, name checks. Subjects are
 * collected by {@link bind}; the trust policy is rendered when the stack synthesizes.
 */
export abstract class AwsRoleIdentity extends Construct implements WorkloadIdentity {
  public abstract readonly kind: string;
  /** The `aws_iam_role`. */
  public readonly role: IamRole;
  /** Managed policy attachments by key (the policy name of the ARN). */
  public readonly policyAttachments: Record<string, IamRolePolicyAttachment> = {};
  /** Inline policies by name. */
  public readonly inlinePolicies: Record<string, IamRolePolicy> = {};
  /** The documents of the inline policies, by name (`data aws_iam_policy_document`). */
  public readonly inlinePolicyDocuments: Record<string, DataAwsIamPolicyDocument> = {};
  /**
   * The trust policy (`data aws_iam_policy_document`, construct id `TrustPolicy`): its
   * statements are rendered from the bound subjects when the stack synthesizes.
   */
  public readonly trustPolicyDocument: DataAwsIamPolicyDocument;
  /** Role ARN. */
  public readonly roleArn: string;
  /** Service accounts bound so far, in bind order. */
  public readonly subjects: ServiceAccountSubject[] = [];
  protected readonly restriction?: SubjectRestriction;

  protected constructor(scope: Construct, id: string, options: AwsRoleOptions) {
    super(scope, id);
    this.restriction = options.restrictTo;
    const nameGiven = options.roleName !== undefined;
    // Created before the role, so the role can reference it; filled in at synth.
    this.trustPolicyDocument = new LazyPolicyDocument(
      this,
      "TrustPolicy",
      () => this.trustPolicy() as unknown as IamJsonDocument,
    );
    this.role = new IamRole(this, "Resource", {
      name: options.roleName,
      namePrefix: nameGiven ? undefined : (options.roleNamePrefix ?? defaultPrefix(id)),
      description: options.description ?? "Runner pool workload identity (cdktf-runner-pools)",
      path: options.path,
      assumeRolePolicy: this.trustPolicyDocument.json,
      permissionsBoundary: options.permissionsBoundary,
      maxSessionDuration: options.maxSessionDuration,
      tags: options.tags ? sortKeys(options.tags) : undefined,
    });
    this.roleArn = this.role.arn;

    const seen = new Set<string>();
    (options.managedPolicyArns ?? []).forEach((arn, i) => {
      let key = policyKey(arn, i);
      while (seen.has(key)) key = `${key}-${i}`;
      seen.add(key);
      this.policyAttachments[key] = new (iamRolePolicyAttachmentBinding().IamRolePolicyAttachment)(
        this,
        `Policy-${key}`,
        {
          role: this.role.name,
          policyArn: arn,
        },
      );
    });
    for (const name of Object.keys(options.inlinePolicies ?? {}).sort()) {
      const doc = (options.inlinePolicies ?? {})[name];
      const document = policyDocument(this, `InlineDocument-${name}`, {
        Version: doc.Version ?? IAM_POLICY_VERSION,
        Statement: doc.Statement ?? [],
      });
      this.inlinePolicyDocuments[name] = document;
      this.inlinePolicies[name] = new IamRolePolicy(this, `Inline-${name}`, {
        name,
        role: this.role.id,
        policy: document.json,
      });
    }

    addChecks(this, () => [
      ...checkRoleOptions(options),
      ...checkRestriction("restrictTo", options.restrictTo),
      this.subjects.length > 0 && this.estimatedTrustPolicyLength() > TRUST_POLICY_MAX_LENGTH
        ? {
            rule: IAM_TRUST_POLICY_SIZE,
            field: "subjects",
            value: `${this.subjects.length} service accounts`,
            message: `the trust policy would be about ${this.estimatedTrustPolicyLength()} characters (estimated with realistic account id, issuer and cluster ARN); IAM refuses trust policies over ${TRUST_POLICY_MAX_LENGTH} characters unless the account's "Role trust policy length" quota was raised, and then only at apply`,
            example:
              "split the pools over several identities, or suppress with a reason once the quota is raised (up to 4096)",
          }
        : undefined,
      this.subjects.length === 0
        ? {
            rule: IAM_ROLE_UNBOUND,
            field: "subjects",
            value: [],
            message: "the role is bound to no service account (no pod can assume it)",
            example: "pass it as a pool's identity, or call bind()",
          }
        : undefined,
    ]);
  }

  /**
   * The trust policy document in IAM's JSON shape (`Version`, `Statement` with `Principal`,
   * `Action`, `Condition`), from the subjects bound so far; rendered as the
   * `data aws_iam_policy_document` {@link trustPolicyDocument}. With `estimate`, values only
   * Terraform knows are replaced by realistic stand-ins of their usual length (for the size
   * check).
   */
  protected abstract trustPolicy(estimate?: boolean): Record<string, unknown>;

  /** Creates what one subject needs besides the trust (e.g. a Pod Identity association). */
  protected abstract bindSubject(
    scope: Construct,
    subject: ServiceAccountSubject,
  ): WorkloadIdentityBinding;

  public bind(scope: Construct, subject: ServiceAccountSubject): WorkloadIdentityBinding {
    this.subjects.push({ namespace: subject.namespace, name: subject.name });
    addBindingChecks(scope, subject, this.restriction);
    const binding = this.bindSubject(scope, subject);
    // The role's permissions must exist before the pods that use them start.
    return {
      ...binding,
      dependables: [
        this.role,
        ...Object.values(this.policyAttachments),
        ...Object.values(this.inlinePolicies),
        ...(binding.dependables ?? []),
      ],
    };
  }

  /**
   * Length of the trust policy as IAM counts it (no whitespace), with every value only
   * Terraform knows (account id, issuer, cluster ARN) replaced by a realistic one.
   */
  public estimatedTrustPolicyLength(): number {
    return JSON.stringify(this.trustPolicy(true)).length;
  }
}

function checkRoleOptions(o: AwsRoleOptions): Problem[] {
  const problems: Problem[] = [];
  if (o.roleName !== undefined && o.roleNamePrefix !== undefined) {
    problems.push({
      rule: IAM_ROLE_NAME_EXCLUSIVE,
      field: "roleNamePrefix",
      value: o.roleNamePrefix,
      message: "roleName and roleNamePrefix are mutually exclusive",
      example: "set only one of them",
    });
  }
  if (o.roleName !== undefined && !isUnresolved(o.roleName)) {
    if (o.roleName.length === 0 || o.roleName.length > 64) {
      problems.push({
        rule: IAM_ROLE_NAME,
        field: "roleName",
        value: o.roleName,
        message: `an IAM role name is 1–64 characters (has ${o.roleName.length})`,
        example: '"ci-runners-gitlab"',
      });
    } else if (!ROLE_NAME.test(o.roleName)) {
      problems.push({
        rule: IAM_ROLE_NAME,
        field: "roleName",
        value: o.roleName,
        message: "an IAM role name uses letters, digits and +=,.@_- only",
        example: '"ci-runners-gitlab"',
      });
    }
  }
  if (o.roleNamePrefix !== undefined && !isUnresolved(o.roleNamePrefix)) {
    if (o.roleNamePrefix.length === 0 || o.roleNamePrefix.length > 38) {
      problems.push({
        rule: IAM_ROLE_NAME_PREFIX,
        field: "roleNamePrefix",
        value: o.roleNamePrefix,
        message: `a role name prefix is 1–38 characters, Terraform appends a 26-character suffix (has ${o.roleNamePrefix.length})`,
        example: '"ci-runners-"',
      });
    } else if (!ROLE_NAME.test(o.roleNamePrefix)) {
      problems.push({
        rule: IAM_ROLE_NAME_PREFIX,
        field: "roleNamePrefix",
        value: o.roleNamePrefix,
        message: "a role name prefix uses letters, digits and +=,.@_- only",
        example: '"ci-runners-"',
      });
    }
  }
  if (
    o.path !== undefined &&
    !isUnresolved(o.path) &&
    (!ROLE_PATH.test(o.path) || o.path.length > 512)
  ) {
    problems.push({
      rule: IAM_ROLE_PATH,
      field: "path",
      value: o.path,
      message: "an IAM path starts and ends with '/'",
      example: '"/ci/"',
    });
  }
  const d = o.maxSessionDuration;
  if (d !== undefined && !isUnresolved(d) && (!Number.isInteger(d) || d < 3600 || d > 43200)) {
    problems.push({
      rule: IAM_ROLE_MAX_SESSION_DURATION,
      field: "maxSessionDuration",
      value: d,
      message: "must be whole seconds between 3600 and 43200",
      example: "3600",
    });
  }
  (o.managedPolicyArns ?? []).forEach((arn, i) => {
    if (!isUnresolved(arn) && !/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+/.test(arn)) {
      problems.push({
        rule: IAM_MANAGED_POLICY_ARN,
        field: `managedPolicyArns[${i}]`,
        value: arn,
        message: "must be an IAM policy ARN",
        example: '"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"',
      });
    }
  });
  for (const [name, doc] of Object.entries(o.inlinePolicies ?? {})) {
    if (!/^[\w+=,.@-]{1,128}$/.test(name)) {
      problems.push({
        rule: IAM_INLINE_POLICY_NAME,
        field: `inlinePolicies.${name}`,
        value: name,
        message: "a policy name is 1–128 letters, digits and +=,.@_-",
        example: '"read-artifacts"',
      });
    }
    if (!doc.Statement || doc.Statement.length === 0) {
      problems.push({
        rule: IAM_INLINE_POLICY_EMPTY,
        field: `inlinePolicies.${name}.Statement`,
        value: [],
        message: "must have at least one statement",
        example:
          '[{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::artifacts/*"] }]',
      });
    }
    problems.push(...checkPolicyStatements(`inlinePolicies.${name}`, doc.Statement ?? []));
  }
  problems.push(...checkManagedPolicyArns(o.managedPolicyArns ?? []));
  return problems;
}
