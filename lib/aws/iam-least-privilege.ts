import { isUnresolved, Problem } from "../core/rules/problem";
import type { AwsPolicyStatement } from "./runner-role";
import {
  IAM_INLINE_POLICY_ADMIN,
  IAM_IAM_WILDCARD,
  IAM_MANAGED_POLICY_ADMIN,
  IAM_NOT_ACTION,
  IAM_SERVICE_WIDE_WILDCARD,
} from "./rules";

// Least-privilege checks of the runner role's permissions, after IAM's own guidance:
// "Apply least-privilege permissions" and "Grant least privilege" in the IAM User Guide
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
// and the IAM JSON policy reference on NotAction: "Allow with NotAction … can grant more
// permissions than you intended"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html).

const EXAMPLE =
  '{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::artifacts/*"] }';

/** AWS managed policies that make the runner an administrator, or able to become one. */
const ADMIN_MANAGED_POLICIES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** `*` or `<service>:*`: every action of every service, or of one service. */
const SERVICE_WIDE = /^(?:[a-z0-9-]+:)?\*$/i;

/** Checks the statements of one inline policy. Values that are tokens are skipped. */
export function checkPolicyStatements(field: string, statements: AwsPolicyStatement[]): Problem[] {
  const problems: Problem[] = [];
  statements.forEach((st, i) => {
    if (st.Effect !== "Allow") return;
    const at = `${field}.Statement[${i}]`;
    const actions = list(st.Action).filter((a) => !isUnresolved(a));
    const resources = list(st.Resource);
    const anyResource = resources.includes("*") || st.NotResource !== undefined;
    if (st.NotAction !== undefined) {
      problems.push({
        rule: IAM_NOT_ACTION,
        field: `${at}.NotAction`,
        value: st.NotAction,
        message:
          "Allow with NotAction grants every action of every service except the ones listed, including actions AWS adds later; list the actions the runner needs",
        example: EXAMPLE,
      });
    }
    if (actions.includes("*") && resources.includes("*")) {
      problems.push({
        rule: IAM_INLINE_POLICY_ADMIN,
        field: at,
        value: { Action: st.Action, Resource: st.Resource },
        message:
          "Allow * on * makes the runner an administrator; name the actions and resources (or suppress with a reason if you really mean it)",
        example: EXAMPLE,
      });
      return;
    }
    const iam = actions.filter((a) => /^iam:/i.test(a) && a.includes("*"));
    if (iam.length > 0) {
      problems.push({
        rule: IAM_IAM_WILDCARD,
        field: `${at}.Action`,
        value: iam,
        message:
          "a wildcard over IAM actions lets every job of the pool create roles, attach policies or pass roles, and so become an administrator",
        example:
          '{ Effect: "Allow", Action: ["iam:GetRole"], Resource: ["arn:aws:iam::123456789012:role/ci-*"] }',
      });
    }
    const wide = actions.filter((a) => SERVICE_WIDE.test(a) && !/^iam:/i.test(a));
    if (wide.length > 0 && anyResource) {
      problems.push({
        rule: IAM_SERVICE_WIDE_WILDCARD,
        field: `${at}.Action`,
        value: wide,
        message: `${wide.join(", ")} on every resource grants every action of the service (deletes and permission changes included) on every resource of the account; list the actions and name the resources`,
        example: EXAMPLE,
      });
    }
  });
  return problems;
}

/** Checks the managed policies attached to the role. */
export function checkManagedPolicyArns(arns: string[]): Problem[] {
  const problems: Problem[] = [];
  arns.forEach((arn, i) => {
    if (isUnresolved(arn)) return;
    const m = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (m && ADMIN_MANAGED_POLICIES.includes(m[1])) {
      problems.push({
        rule: IAM_MANAGED_POLICY_ADMIN,
        field: `managedPolicyArns[${i}]`,
        value: arn,
        message: `${m[1]} makes every job of the pool an AWS administrator (or able to become one); attach a policy scoped to what the jobs need`,
        example: '"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"',
      });
    }
  });
  return problems;
}
