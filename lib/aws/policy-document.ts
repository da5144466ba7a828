// IAM policy documents as structured data: `data aws_iam_policy_document` with statement and
// condition blocks, never a JSON string. A JSON string holding `${…}` references cannot be
// written as HCL (cdktf's HCL writer leaves its inner quotes unescaped; `cdktf synth --hcl`
// output then fails `terraform fmt`), and its keys cannot be Terraform expressions (the IRSA
// condition key `<issuer>:sub` is one), which rules out `jsonencode` too.
import { Construct } from "constructs";
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
  DataAwsIamPolicyDocumentStatementCondition,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/** The IAM policy language version every document here uses unless told otherwise. */
export const IAM_POLICY_VERSION = "2012-10-17";

/** One statement in IAM's JSON shape (identity policies and trust policies). */
export interface IamJsonStatement {
  /** Statement id. @default none */
  readonly Sid?: string;
  /** `Allow` or `Deny`. */
  readonly Effect: "Allow" | "Deny";
  /** Principals by type (`Federated`, `Service`, `AWS`). @default none (identity policies) */
  readonly Principal?: Record<string, string | string[]>;
  /** Actions. @default none */
  readonly Action?: string | string[];
  /** Actions excluded. @default none */
  readonly NotAction?: string | string[];
  /** Resources. @default none */
  readonly Resource?: string | string[];
  /** Resources excluded. @default none */
  readonly NotResource?: string | string[];
  /** Conditions: operator → key → value(s). @default none */
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** A document in IAM's JSON shape: what the rules and the trust-size estimate read. */
export interface IamJsonDocument {
  /** Policy language version. @default "2012-10-17" */
  readonly Version?: string;
  /** Statements. */
  readonly Statement: readonly IamJsonStatement[];
}

const many = (v: string | string[] | undefined): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? [...v] : [v];

/**
 * IAM's JSON shape → the data source's `statement` blocks: `Principal` → `principals`
 * (`type`, `identifiers`), `Condition` → one `condition { test, variable, values }` per
 * operator and key, in the order given (keys may be Terraform expressions).
 */
export function toDocumentStatements(
  statements: readonly IamJsonStatement[],
): DataAwsIamPolicyDocumentStatement[] {
  return statements.map((s) => {
    const condition: DataAwsIamPolicyDocumentStatementCondition[] = [];
    for (const [test, entries] of Object.entries(s.Condition ?? {}))
      for (const [variable, values] of Object.entries(entries))
        condition.push({ test, variable, values: many(values) ?? [] });
    const principals = Object.entries(s.Principal ?? {}).map(([type, ids]) => ({
      type,
      identifiers: many(ids) ?? [],
    }));
    return {
      sid: s.Sid,
      effect: s.Effect,
      actions: many(s.Action),
      notActions: many(s.NotAction),
      resources: many(s.Resource),
      notResources: many(s.NotResource),
      principals: principals.length ? principals : undefined,
      condition: condition.length ? condition : undefined,
    };
  });
}

/** A `data aws_iam_policy_document` of a fixed document; `json` is what a policy attribute takes. */
export function policyDocument(
  scope: Construct,
  id: string,
  doc: IamJsonDocument,
): DataAwsIamPolicyDocument {
  return new DataAwsIamPolicyDocument(scope, id, {
    version: doc.Version ?? IAM_POLICY_VERSION,
    statement: toDocumentStatements(doc.Statement),
  });
}

/**
 * A `data aws_iam_policy_document` whose statements are produced when the stack synthesizes
 * (a trust policy lists the service accounts bound after the role was created). The blocks
 * are set just before each rendering, JSON or HCL, so both show the same complete document.
 */
export class LazyPolicyDocument extends DataAwsIamPolicyDocument {
  private readonly produce: () => IamJsonDocument;

  constructor(scope: Construct, id: string, produce: () => IamJsonDocument) {
    super(scope, id, { version: IAM_POLICY_VERSION });
    this.produce = produce;
  }

  private refresh(): void {
    const doc = this.produce();
    this.version = doc.Version ?? IAM_POLICY_VERSION;
    this.putStatement(toDocumentStatements(doc.Statement));
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    this.refresh();
    return super.synthesizeAttributes();
  }

  protected synthesizeHclAttributes(): { [name: string]: unknown } {
    this.refresh();
    return super.synthesizeHclAttributes();
  }
}
